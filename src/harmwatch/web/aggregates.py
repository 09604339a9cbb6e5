"""Timeline and map data for the incidents page, from in-memory rollups when the record is large.

A million incidents cannot be summed per request in 50 ms, so for databases above
`ROLLUP_MIN_INCIDENTS` the server keeps per-week and per-grid-cell sums for each single filter
value (country, governorate, perpetrator, event type, grade, killed bucket); a request with at most
one such filter and no date or text filter is answered from them. Date-filtered requests use the
date index, which keeps them small. The rollups are rebuilt when the incidents change.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from harmwatch.store import Store
from harmwatch.store import queries as Q
from harmwatch.store import schema as t
from harmwatch.store.store import region_points

ROLLUP_MIN_INCIDENTS = 20_000
POINTS_MAX = 2_000  # above this many matching incidents the map shows grid cells, not markers
CELLS_PER_DEGREE = 4
KILLED_BUCKETS = (1000, 100, 10, 1, 0)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def bucket_of(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day
    if unit == "week":
        return monday(day)
    return day.replace(day=1)


def bucket_end(start: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return start
    if unit == "week":
        return start + dt.timedelta(days=6)
    nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def unit_for(first: dt.date, last: dt.date) -> str:
    """Days for a season, weeks for up to three years, months beyond: a readable number of bars."""
    span = (last - first).days
    return "day" if span <= 92 else "week" if span <= 3 * 366 else "month"


def series_out(days: list[tuple[dt.date, list[int]]], unit: str | None = None) -> dict[str, Any]:
    """Per-day (or per-week) sums regrouped into the unit the span calls for."""
    if not days:
        return {"unit": unit or "day", "series": [], "total": 0, "killed_low": 0, "killed_best": 0,
                "killed_high": 0, "open_high": 0}
    unit = unit or unit_for(days[0][0], days[-1][0])
    sums: dict[dt.date, list[int]] = {}
    for day, v in days:
        acc = sums.setdefault(bucket_of(day, unit), [0, 0, 0, 0, 0])
        for i in range(5):
            acc[i] += v[i]
    series = [{"start": k.isoformat(), "end": bucket_end(k, unit).isoformat(), "n": v[0], "killed_low": v[1],
               "killed_best": v[2], "killed_high": v[3], "open_high": v[4]} for k, v in sorted(sums.items())]
    tot = [sum(v[i] for v in sums.values()) for i in range(5)]
    return {"unit": unit, "series": series, "total": tot[0], "killed_low": tot[1], "killed_best": tot[2],
            "killed_high": tot[3], "open_high": tot[4]}


@dataclass(slots=True)
class Cube:
    """Sums per (dimension, value): per week [n, low, best, high, open] and per cell [n, best, Σlat, Σlon]."""

    count: int = 0
    weeks: dict[tuple[str, Any], dict[dt.date, list[int]]] = field(default_factory=dict)
    cells: dict[tuple[str, Any], dict[tuple[Any, ...], list[float]]] = field(default_factory=dict)
    counts: dict[tuple[str, Any], int] = field(default_factory=dict)


def _bucket_expr(col: Any) -> Any:
    return sa.case(*((col >= b, b) for b in KILLED_BUCKETS), else_=-1)


def _dims() -> dict[str, list[Any]]:
    c = t.incidents.c
    return {"all": [], "country": [c.country], "admin1": [c.admin1], "perp": [c.perpetrator, c.perpetrator_class],
            "event": [c.event_type, c.sub_event_type], "grade": [c.grade], "kb": [_bucket_expr(c.killed_best)]}


def build_cube(store: Store) -> Cube:
    """One GROUP BY per dimension over the live incidents (SQL does the heavy lifting)."""
    c = t.incidents.c
    live = [c.redirect_to.is_(None), c.review_status != "withdrawn"]
    cube = Cube()
    regions = region_points(store)
    la, lo = sa.func.round(c.lat * CELLS_PER_DEGREE), sa.func.round(c.lon * CELLS_PER_DEGREE)
    region_key = sa.case((c.lat.is_(None), c.admin1), else_=None)
    with store.engine.connect() as conn:
        cube.count = int(conn.execute(sa.select(sa.func.count()).select_from(t.incidents).where(*live)).scalar_one())
        for dim, cols in _dims().items():
            n = len(cols)
            q = (sa.select(*cols, c.date_start, sa.func.count(), sa.func.sum(c.killed_low), sa.func.sum(c.killed_best),
                           sa.func.sum(sa.func.coalesce(c.killed_high, c.killed_best, c.killed_low)),
                           sa.func.sum(sa.case((sa.and_(c.killed_high.is_(None), c.killed_low.is_not(None)), 1),
                                               else_=0)))
                 .where(*live, c.date_start.is_not(None)).group_by(*cols, c.date_start))
            for row in conn.execute(q):
                key = (dim, tuple(row[:n]))
                day = row[n] if isinstance(row[n], dt.date) else dt.date.fromisoformat(str(row[n])[:10])
                acc = cube.weeks.setdefault(key, {}).setdefault(monday(day), [0, 0, 0, 0, 0])
                for i, v in enumerate(row[n + 1:]):
                    acc[i] += int(v or 0)
            q2 = (sa.select(*cols, la, lo, c.country, region_key, sa.func.count(), sa.func.sum(c.killed_best),
                            sa.func.sum(c.lat), sa.func.sum(c.lon))
                  .where(*live).group_by(*cols, la, lo, c.country, region_key))
            for row in conn.execute(q2):
                key = (dim, tuple(row[:n]))
                _a, _b, country, admin1, cnt, best, slat, slon = row[n:]
                cube.counts[key] = cube.counts.get(key, 0) + int(cnt)
                if slat is None:
                    point = regions.get((country or "", admin1 or ""))
                    if point is None:
                        continue
                    cell: tuple[Any, ...] = ("region", country, admin1)
                    slat, slon = point[0] * cnt, point[1] * cnt
                else:
                    cell = ("grid", row[n], row[n + 1])
                acc2 = cube.cells.setdefault(key, {}).setdefault(cell, [0, 0, 0.0, 0.0])
                acc2[0] += int(cnt)
                acc2[1] += int(best or 0)
                acc2[2] += float(slat)
                acc2[3] += float(slon)
    return cube


def _matcher(f: Q.Filters) -> tuple[str, Callable[[tuple[Any, ...]], bool]] | None:
    """The one rollup dimension that answers these filters, or None when the rollups cannot."""
    if f.date_from or f.date_to or f.q:
        return None
    used = [(k, v) for k, v in (("country", f.country), ("admin1", f.admin1), ("perp", f.perpetrator),
                                ("event", f.event_type), ("grade", f.grade), ("kb", f.min_killed)) if v is not None]
    if not used:
        return "all", lambda _v: True
    if len(used) > 1:
        return None
    dim, val = used[0]
    if dim == "kb":
        if val not in KILLED_BUCKETS:
            return None
        return dim, lambda v: v[0] is not None and v[0] >= int(val)
    needle = str(val).lower()
    if dim in ("country", "grade"):
        return dim, lambda v: v[0] == val
    if dim == "admin1":
        return dim, lambda v: v[0] is not None and needle in v[0].lower()
    if dim == "perp":
        return dim, lambda v: (v[0] is not None and needle in v[0].lower()) or v[1] == val
    return dim, lambda v: any(x is not None and needle in x.lower() for x in v)


class ResponseCache:
    """Finished answers (encoded JSON, view data) keyed by what they depend on, for one data version.

    The owner clears it whenever the data version changes, so an entry never outlives the incidents and
    audit log it was computed from. Least recently used entries go first; `max_entries` 0 disables it.
    """

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max(0, int(max_entries))
        self._lock = threading.Lock()
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: Any) -> Any:
        if not self.max_entries:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Any, value: Any) -> Any:
        if self.max_entries and value is not None:
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.max_entries:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class Aggregates:
    """Timeline and map answers; from the rollups when they apply, else from SQL on the filtered rows.

    It also tracks the data version (checked at most every `check_every` seconds) and, per version, the
    longest date window of any incident (date filters read only the index range it allows) and the
    response cache, cleared whenever the version changes.
    """

    def __init__(self, store: Store, min_incidents: int = ROLLUP_MIN_INCIDENTS, check_every: float = 1.0,
                 cache_entries: int = 0) -> None:
        self.store = store
        self.min_incidents = min_incidents
        self.check_every = check_every
        self.cache = ResponseCache(cache_entries)
        self._lock = threading.Lock()
        self._cube: Cube | None = None
        self._version: str | None = None
        self._window: int | None = None
        self._checked = 0.0
        self._regions: dict[tuple[str, str], tuple[float, float]] | None = None

    def refresh(self, force: bool = False) -> str:
        """The current data version; on a change, rebuild the rollups and window and empty the cache."""
        now = time.monotonic()
        if force or now - self._checked >= self.check_every or self._version is None:
            version = Q.data_version(self.store)
            self._checked = now
            if version != self._version:
                with self._lock:
                    if version != self._version:
                        self.cache.clear()
                        self._version = None  # nobody serves the old window or cube while they are rebuilt
                        self._window = Q.max_window_days(self.store)
                        count = Q.count_incidents(self.store, Q.Filters(), self._window)
                        self._cube = build_cube(self.store) if count >= self.min_incidents else None
                        self._regions = None
                        self.cache.clear()
                        self._version = version
        return self._version or ""

    def cube(self) -> Cube | None:
        """The current rollups, rebuilt when the incidents changed; None for a small record."""
        self.refresh()
        return self._cube

    def window(self) -> int | None:
        """The longest date window (days) of any incident in the current data version."""
        self.refresh()
        return self._window

    def regions(self) -> dict[tuple[str, str], tuple[float, float]]:
        if self._regions is None:
            self._regions = region_points(self.store)
        return self._regions

    def _rollup(self, f: Q.Filters) -> tuple[Cube, str, Callable[[tuple[Any, ...]], bool]] | None:
        match = _matcher(f)
        if match is None:
            return None
        cube = self.cube()
        if cube is None:
            return None
        return cube, match[0], match[1]

    def timeline(self, f: Q.Filters) -> dict[str, Any]:
        """Killed per day/week/month with the low–high band and counts."""
        hit = self._rollup(f)
        if hit is not None:
            cube, dim, ok = hit
            weeks: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
            for (d, v), series in cube.weeks.items():
                if d == dim and ok(v):
                    for wk, vals in series.items():
                        acc = weeks[wk]
                        for i in range(5):
                            acc[i] += vals[i]
            days = sorted(weeks.items())
            unit = "week" if days and unit_for(days[0][0], days[-1][0]) == "day" else None
            out = series_out(days, unit)
            out["from_rollup"] = True
            return out
        rows = Q.day_series(self.store, f, self.window())
        out = series_out([(r["day"], [r["n"], r["killed_low"], r["killed_best"], r["killed_high"], r["open_high"]])
                          for r in rows])
        out["from_rollup"] = False
        return out

    def map(self, f: Q.Filters) -> dict[str, Any]:
        """Markers (≤ POINTS_MAX incidents) or grid cells with counts; region-level points flagged derived."""
        hit = self._rollup(f)
        total: int
        if hit is not None:
            cube, dim, ok = hit
            cells: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
            for (d, v), per_cell in cube.cells.items():
                if d == dim and ok(v):
                    for cell, vals in per_cell.items():
                        acc = cells[cell]
                        for i in range(4):
                            acc[i] += vals[i]
            total = sum(n for (d, v), n in cube.counts.items() if d == dim and ok(v))
            if total > POINTS_MAX:
                return {"mode": "cells", "total": total, "from_rollup": True,
                        "cells": [{"lat": round(v[2] / v[0], 4), "lon": round(v[3] / v[0], 4), "n": int(v[0]),
                                   "killed_best": int(v[1]), "region": k[2] if k[0] == "region" else None}
                                  for k, v in cells.items() if v[0]]}
        else:
            total = Q.count_incidents(self.store, f, self.window())
        if total > POINTS_MAX:
            regions = self.regions()
            cells_out = []
            for c in Q.map_cells(self.store, f, CELLS_PER_DEGREE, self.window()):
                lat, lon, region = c["lat"], c["lon"], None
                if lat is None:
                    point = regions.get((c["country"] or "", c["admin1"] or ""))
                    if point is None:
                        continue
                    (lat, lon), region = point, c["admin1"]
                cells_out.append({"lat": round(lat, 4), "lon": round(lon, 4), "n": c["n"],
                                  "killed_best": c["killed_best"], "region": region})
            return {"mode": "cells", "total": total, "from_rollup": False, "cells": cells_out}
        regions = self.regions()
        points = []
        for r in Q.map_rows(self.store, f, POINTS_MAX, self.window()):
            lat, lon, derived = r["lat"], r["lon"], False
            if lat is None or lon is None:
                point = regions.get((r["country"] or "", r["admin1"] or ""))
                if point is None:
                    continue
                (lat, lon), derived = point, True
            points.append({"id": r["id"], "lat": lat, "lon": lon, "derived": derived,
                           "precision": r["geo_precision"], "killed_low": r["killed_low"],
                           "killed_best": r["killed_best"], "killed_high": r["killed_high"],
                           "date": r["date_start"].isoformat() if r["date_start"] else None,
                           "location": r["location"], "grade": r["grade"]})
        return {"mode": "points", "total": total, "from_rollup": hit is not None, "points": points}

    def facets(self) -> dict[str, list[str]]:
        """The filter form's picker values: from the rollups' keys when they exist (no scan), else SQL."""
        cube = self.cube()
        if cube is None:
            return Q.facet_values(self.store)
        out: dict[str, list[str]] = {}
        for name, dim in (("country", "country"), ("event_type", "event"), ("grade", "grade")):
            values = {v[0] for (d, v), n in cube.counts.items() if d == dim and n and v[0] is not None}
            out[name] = sorted(values)[:200]
        return out

    def total(self, f: Q.Filters) -> int:
        """How many incidents match (from the rollups when they apply)."""
        hit = self._rollup(f)
        if hit is not None:
            cube, dim, ok = hit
            return sum(n for (d, v), n in cube.counts.items() if d == dim and ok(v))
        return Q.count_incidents(self.store, f, self.window())
