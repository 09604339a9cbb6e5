"""Reading dates, numbers and points out of gold and predicted records, as the reference does.

Follows shared/eval/score.py (sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead),
'values' section: a value that cannot be read is None, never an error, because predictions
come from systems under test and may hold anything.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

Number = int | float
Point = tuple[float, float]

_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(v: object) -> dt.date | None:
    """The date at the start of an ISO string (a time part is ignored), else None."""
    if not isinstance(v, str):
        return None
    m = _ISO_DATE.match(v)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def num(v: object) -> Number | None:
    """A count as a number; strings like "1,200" are read, booleans and NaN are not counts."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if isinstance(v, str):
        try:
            return float(v.replace(",", "").strip())
        except ValueError:
            return None
    return None


def point(rec: Mapping[str, Any]) -> Point | None:
    """(lat, lon) of a record when both are numbers in range, else None."""
    lat, lon = num(rec.get("lat")), num(rec.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in km (mean Earth radius), the reference's distance for points."""
    r = 6371.0088
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def date_window(g: Mapping[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The gold date range widened by one day each side, for the ±1 day figure."""
    s = parse_date(g.get("date_start"))
    if s is None:
        return None
    e = parse_date(g.get("date_end")) or s
    if e < s:
        e = s
    return s - dt.timedelta(days=1), e + dt.timedelta(days=1)


def value_range(rec: Mapping[str, Any], lo_key: str, hi_key: str) -> tuple[Number, Number] | None:
    """A (low, high) range where a missing end takes the other end's value."""
    lo, hi = num(rec.get(lo_key)), num(rec.get(hi_key))
    if lo is None:
        return None if hi is None else (hi, hi)
    return lo, (hi if hi is not None else lo)
