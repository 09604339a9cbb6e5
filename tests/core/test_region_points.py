"""The geo_region_points setting: region-level places get the provincial capital's point only when asked."""

from __future__ import annotations

import math
from pathlib import Path

from harmwatch.config import load_config
from harmwatch.pipeline import open_store, resolver_for

TEXT = "Two shepherds were killed by a landmine in the eastern countryside of Hama on Monday"


def _locate(db_target: str, tmp_path: Path, **overrides: object):  # type: ignore[no-untyped-def]
    cfg = load_config(file=None, overrides={"db": db_target, "progress": False, **overrides},
                      environ={"HARMWATCH_CONFIG": str(tmp_path / "none.toml")})
    store = open_store(cfg)
    try:
        return resolver_for(store, cfg).locate(TEXT, 0, len(TEXT))
    finally:
        store.close()


def test_region_level_places_keep_null_points_by_default(db_target: str, tmp_path: Path) -> None:
    m = _locate(db_target, tmp_path)
    assert m is not None and (m.admin1, m.geo_precision, m.lat, m.lon) == ("Hama", 3, None, None)


def test_geo_region_points_gives_the_provincial_capital(db_target: str, tmp_path: Path) -> None:
    m = _locate(db_target, tmp_path, geo_region_points="true")
    assert m is not None and (m.admin1, m.geo_precision) == ("Hama", 3)
    assert m.lat is not None and m.lon is not None
    assert math.hypot(m.lat - 35.13, m.lon - 36.76) < 0.05  # Hama city
