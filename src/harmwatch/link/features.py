"""Claim rows → the flat columns Splink compares, so every backend sees the same values."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

EPOCH = dt.date(1970, 1, 1)
#: Grid cell size in degrees (~22 km): two grids offset by half a cell catch every pair within ~11 km.
CELL_DEG = 0.2
#: Actor classes that act together often enough that reports blame one for the other's strike.
ALLIED = {"syrian_government": "pro_government", "russia": "pro_government", "iran_hezbollah": "pro_government",
          "us_coalition": "coalition", "sdf_kurdish": "coalition"}
_PLACE_NOISE = re.compile(r"\b(town|village|city|district|governorate|province|countryside|rural|area|"
                          r"neighbou?rhood|camp|of|the|al|el|ad|ar|as|at|ash|an)\b|[-'’‘`ʿʾ.,()]")

SCHEMA = pa.schema([
    ("unique_id", pa.string()), ("report", pa.string()), ("source", pa.string()), ("wire", pa.string()),
    ("d0", pa.int32()), ("d1", pa.int32()), ("lat", pa.float64()), ("lon", pa.float64()),
    ("cell_a", pa.string()), ("cell_b", pa.string()), ("admin1", pa.string()), ("place", pa.string()),
    ("perp", pa.string()), ("perp_group", pa.string()), ("target", pa.string()), ("event", pa.string()),
    ("killed", pa.int32()), ("injured", pa.int32()), ("tf_place", pa.float64()),
])
COLUMNS = [f.name for f in SCHEMA]


def day(v: Any) -> int | None:
    """Days since 1970-01-01: integer arithmetic on dates is the same in DuckDB and Spark SQL."""
    if v is None or v == "":
        return None
    d = v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])
    return (d - EPOCH).days


def place_key(name: str | None) -> str | None:
    """A spelling-tolerant key: ASCII-folded, lower case, without 'town'/'al-' and punctuation."""
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = " ".join(_PLACE_NOISE.sub(" ", text).split())
    return text or None


def cells(lat: float | None, lon: float | None) -> tuple[str | None, str | None]:
    """The claim's grid cell on two grids offset by half a cell."""
    if lat is None or lon is None:
        return None, None
    a = f"{math.floor(lat / CELL_DEG)}:{math.floor(lon / CELL_DEG)}"
    h = CELL_DEG / 2
    b = f"{math.floor((lat + h) / CELL_DEG)}:{math.floor((lon + h) / CELL_DEG)}"
    return a, b


def window(data: dict[str, Any], published: Any) -> tuple[int | None, int | None]:
    """The claim's date window; an undated claim gets the week before its report's publication."""
    d0, d1 = day(data.get("date_start")), day(data.get("date_end"))
    if d0 is not None:
        return d0, d1 if d1 is not None and d1 >= d0 else d0
    p = day(published)
    return (None, None) if p is None else (p - 7, p)


def _perp(cls: str | None) -> str | None:
    return None if cls in (None, "", "unknown", "other") else cls


def feature_row(row: dict[str, Any], wire_of: dict[str, str] | None = None) -> dict[str, Any]:
    """One claim row (Store.all_claims shape) as linking features."""
    d = row["data"]
    d0, d1 = window(d, row.get("published"))
    lat, lon = d.get("lat"), d.get("lon")
    ca, cb = cells(lat, lon)
    perp = _perp(d.get("perpetrator_class"))
    source = row.get("source") or None
    return {
        "unique_id": row["key"], "report": row.get("sha256") or row["key"].split(":")[0], "source": source,
        "wire": (wire_of or {}).get(source or "", source), "d0": d0, "d1": d1, "lat": lat, "lon": lon,
        "cell_a": ca, "cell_b": cb, "admin1": d.get("admin1"), "place": place_key(d.get("location")),
        "perp": perp, "perp_group": ALLIED.get(perp or "", perp),
        "target": (d.get("target_class") or d.get("target") or None), "event": d.get("event_type"),
        "killed": d.get("killed_low") if d.get("killed_low") is not None else d.get("killed_high"),
        "injured": d.get("injured_low") if d.get("injured_low") is not None else d.get("injured_high"),
    }


#: Place frequencies count place-days (a place named on a day counts once, however many reports tell of it:
#: three reports of one strike must not make their village look common) and are shrunk towards a typical
#: place's share (about the exact-match u of the trained models) as if this many more place-days had been seen,
#: so that in a small archive, where every name is a large share, a shared name keeps its weight.
PLACE_TF_PRIOR = 0.01
PLACE_TF_PSEUDO = 1000


def add_place_frequency(rows: Iterable[dict[str, Any]]) -> None:
    """Set each row's tf_place: its place's (shrunk) share of the rows' place-days, for Splink's term frequency
    adjustment: one more claim at 'Aleppo', named on most days, says less than one more at a village."""
    rows = list(rows)
    counts: dict[str, int] = {}
    seen: set[tuple[str, Any]] = set()
    for r in rows:
        if r.get("place") and (r["place"], r.get("d0")) not in seen:
            seen.add((r["place"], r.get("d0")))
            counts[r["place"]] = counts.get(r["place"], 0) + 1
    total = sum(counts.values())
    for r in rows:
        r["tf_place"] = ((counts[r["place"]] + PLACE_TF_PSEUDO * PLACE_TF_PRIOR) / (total + PLACE_TF_PSEUDO)
                         if r.get("place") else None)


def to_table(rows: Iterable[dict[str, Any]]) -> pa.Table:
    """Feature rows as an Arrow table with a fixed schema (DuckDB reads it without copying); place
    frequencies are computed over these rows unless set already (`add_place_frequency` over all claims)."""
    rows = list(rows)
    if rows and "tf_place" not in rows[0]:
        add_place_frequency(rows)
    return pa.Table.from_pydict({c: [r.get(c) for r in rows] for c in COLUMNS}, schema=SCHEMA)
