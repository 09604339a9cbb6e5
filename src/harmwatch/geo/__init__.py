"""Geo stage: gazetteers (shipped, CSV, GeoNames dumps), toponym finding and place resolution."""

from harmwatch.geo.countries import country_names
from harmwatch.geo.gazetteer import Gazetteer
from harmwatch.geo.loaders import (
    GazetteerError,
    load_csv,
    load_gazetteer_file,
    load_geonames_dump,
    shipped_places,
)
from harmwatch.geo.normalize import name_key
from harmwatch.geo.resolve import Resolver

__all__ = ["GazetteerError", "name_key", "shipped_places", "load_csv", "load_geonames_dump",
           "load_gazetteer_file", "Gazetteer", "Resolver", "country_names"]
