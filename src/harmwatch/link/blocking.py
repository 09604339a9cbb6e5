"""Candidate pairs for a full relink, as one equi-join that scales to millions of claims.

Each claim is exploded into (key, day) rows: its keys are its two grid cells and its place name (with its
governorate), its days those of its date window widened by one day on each side, so two windows share a day
exactly when they are at most two days apart. Two claims are candidates when they share a (key, day), or
when one of them is *vague* (neither point nor place name, only a governorate) and they share a
(governorate, day). The equality join never forms the quadratic "same cell, any day" product that the range
conditions of `model.BLOCKING_RULES` would, and it gives the same pairs (`tests/link/test_blocking.py`).
Keys and days are integers, so the key table of a million claims is ~100 MB.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

#: The longest date window exploded day by day; longer windows are cut to this many days from their start.
MAX_WINDOW_DAYS = 366
#: Each window is widened by this many days on each side (two windows then meet iff at most 2 days apart).
WIDEN = 1

KEYS_SCHEMA = pa.schema([("id", pa.int32()), ("report", pa.int32()), ("key", pa.int32()), ("day", pa.int32()),
                         ("kind", pa.int8()), ("vague", pa.bool_())])

PAIRS_SQL = """
SELECT DISTINCT a, b FROM (
  SELECT l.id AS a, r.id AS b FROM {keys} l JOIN {keys} r ON l.key = r.key AND l.day = r.day
  WHERE l.kind = 0 AND r.kind = 0 AND l.id < r.id AND l.report <> r.report
  UNION ALL
  SELECT least(l.id, r.id) AS a, greatest(l.id, r.id) AS b
  FROM {keys} l JOIN {keys} r ON l.key = r.key AND l.day = r.day
  WHERE l.kind = 1 AND r.kind = 1 AND l.vague AND l.id <> r.id AND l.report <> r.report
) AS candidates
"""


def _codes(arr: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Dictionary codes of a string column, -1 for null."""
    enc = pc.dictionary_encode(arr)
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    return np.asarray(enc.indices.fill_null(-1), dtype=np.int64)


def key_table(table: pa.Table) -> pa.Table:
    """The (claim row, key, day) rows of a claim feature table (claims are numbered by row)."""
    d0 = np.asarray(table.column("d0").to_numpy(zero_copy_only=False), dtype=np.float64)
    d1 = np.asarray(table.column("d1").to_numpy(zero_copy_only=False), dtype=np.float64)
    dated = ~np.isnan(d0)
    d1 = np.where(np.isnan(d1), d0, d1)
    report = _codes(table.column("report")).astype(np.int32)
    no_point = np.asarray(table.column("lat").is_null().to_numpy(zero_copy_only=False), dtype=bool)
    place = table.column("place")
    no_place = np.asarray(place.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    admin1 = _codes(table.column("admin1"))
    place_admin = _codes(pc.binary_join_element_wise(place, table.column("admin1"), "|"))
    parts: list[tuple[np.ndarray, np.ndarray, int]] = []  # (claim rows, key codes, kind)
    base = 0
    for codes in (_codes(table.column("cell_a")), _codes(table.column("cell_b")), place_admin):
        ok = (codes >= 0) & dated
        parts.append((np.flatnonzero(ok), codes[ok] + base, 0))
        base += int(codes.max(initial=-1)) + 1
    ok = (admin1 >= 0) & dated
    parts.append((np.flatnonzero(ok), admin1[ok] + base, 1))
    vague_claim = no_point & no_place
    start = np.where(dated, d0, 0).astype(np.int64) - WIDEN
    span = np.clip(np.where(dated, d1 - d0, 0), 0, MAX_WINDOW_DAYS).astype(np.int64) + 1 + 2 * WIDEN
    cols: dict[str, list[np.ndarray]] = {f.name: [] for f in KEYS_SCHEMA}
    for rows, keys, kind in parts:
        reps = span[rows]
        total = int(reps.sum())
        rid = np.repeat(rows, reps)
        offset = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
        cols["id"].append(rid.astype(np.int32))
        cols["report"].append(report[rid])
        cols["key"].append(np.repeat(keys, reps).astype(np.int32))
        cols["day"].append((start[rid] + offset).astype(np.int32))
        cols["kind"].append(np.full(total, kind, dtype=np.int8))
        cols["vague"].append(vague_claim[rid])
    return pa.Table.from_arrays([pa.array(np.concatenate(cols[f.name]), f.type) for f in KEYS_SCHEMA],
                                schema=KEYS_SCHEMA)
