"""The shipped first-level administrative units: one canonical English name per unit."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from harmwatch.geo.normalize import name_key
from harmwatch.records import Place

#: Words that only say "this is a governorate" and are dropped before matching a name.
_UNIT_WORDS = ("governorate", "province", "muhafazat", "mohafazat", "muhafazah", "wilayat", "محافظة",
               "محافظه")


@dataclass(frozen=True, slots=True)
class Admin1:
    """One governorate row of data/admin1.csv."""

    country: str
    code: str
    iso: str
    name: str
    name_ar: str
    alt_names: tuple[str, ...]
    lat: float
    lon: float

    @property
    def place_id(self) -> str:
        """The id its Place gets: the ISO 3166-2 code when known, else the GeoNames admin1 code."""
        return f"iso3166-2:{self.iso}" if self.iso else f"geonames-admin1:{self.country}.{self.code}"

    def names(self) -> list[str]:
        """Every spelling of the unit, canonical first."""
        return [self.name, self.name_ar, *self.alt_names]


@lru_cache(maxsize=1)
def table() -> tuple[Admin1, ...]:
    """The shipped admin1 table, read once per process."""
    ref = resources.files("harmwatch") / "data" / "admin1.csv"
    with ref.open("r", encoding="utf-8") as f:
        return tuple(
            Admin1(r["country"], r["code"], r["iso3166_2"], r["name"], r["name_ar"],
                   tuple(a for a in r["alt_names"].split("|") if a), float(r["lat"]), float(r["lon"]))
            for r in csv.DictReader(f)
        )


def _strip_unit_words(name: str) -> str:
    """'Hama Governorate' -> 'Hama', so unit words never decide a match."""
    low = name
    for w in _UNIT_WORDS:
        low = low.replace(w, " ").replace(w.title(), " ")
    return low.strip()


@lru_cache(maxsize=1)
def _by_key() -> dict[str, list[Admin1]]:
    """Name key -> units, over all spellings."""
    out: dict[str, list[Admin1]] = {}
    for a in table():
        for n in a.names():
            k = name_key(_strip_unit_words(n))
            if k and a not in out.setdefault(k, []):
                out[k].append(a)
    return out


def by_code(country: str, code: str) -> Admin1 | None:
    """The unit GeoNames calls country.code (admin1 code of cities500 and country dumps)."""
    for a in table():
        if a.country == country and a.code == code:
            return a
    return None


def find(name: str | None, country: str | None = None) -> Admin1 | None:
    """The unit a governorate name means (any spelling), within country when given."""
    if not name or not name.strip():
        return None
    cands = _by_key().get(name_key(_strip_unit_words(name)), [])
    if country:
        cands = [a for a in cands if a.country == country]
    return cands[0] if len(cands) == 1 or (cands and country) else None


def canonical(name: str | None, country: str | None = None) -> str | None:
    """The canonical English spelling of a governorate name, or the name unchanged if unknown."""
    if name is None or not name.strip():
        return None
    a = find(name, country)
    return a.name if a else name.strip()


def places(countries: tuple[str, ...]) -> list[Place]:
    """The governorates of these countries as gazetteer places (point = mean of cities500 places)."""
    return [
        Place(id=a.place_id, name=a.name, country=a.country, feature="admin1", lat=a.lat, lon=a.lon,
              admin1=a.name, alt_names=[n for n in (a.name_ar, *a.alt_names) if n],
              source="harmwatch admin1 table (point = mean of GeoNames cities500 places)")
        for a in table() if a.country in countries
    ]
