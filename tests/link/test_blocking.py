"""The full-relink blocking (one equi-join on key and day) gives exactly the pairs of the Splink rules."""

from __future__ import annotations

import logging
import random

from harmwatch.link.features import feature_row, to_table
from harmwatch.link.model import load_model, with_current_rules
from harmwatch.link.scoring import Scorer


def _feats(seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(300):
        point = rng.random() < 0.8
        dated = rng.random() < 0.9
        d = rng.randint(1, 20)
        rows.append({"key": f"r{i // 2 if rng.random() < 0.2 else i}:{i}", "sha256": None, "source": None,
                     "published": f"2017-10-{rng.randint(10, 28)}", "data": {
                         "date_start": f"2017-10-{d:02d}" if dated else None,
                         "date_end": f"2017-10-{min(28, d + rng.choice([0, 0, 0, 3, 8])):02d}" if dated else None,
                         "lat": 35 + rng.random() * 0.8 if point else None,
                         "lon": 37 + rng.random() * 0.8 if point else None,
                         "admin1": rng.choice(["Aleppo", "Idlib", None]),
                         "location": rng.choice([None, "Kafr Nubl", "Saraqib", "Binnish"])}})
    return [feature_row(r) for r in rows]


def test_equi_join_blocking_equals_the_splink_rules() -> None:
    from splink import Linker

    feats = _feats(4)
    table = to_table(feats)
    model = load_model()
    scorer = Scorer(model["splink"])
    got = scorer.score_all(table, -1e9)
    mine = {tuple(sorted(p)) for p in zip(got.a, got.b, strict=True)}
    sdf = scorer.db.register(table, table_name="ref_claims")
    linker = Linker(sdf, with_current_rules(model["splink"]), log_level=logging.WARNING, validate_settings=False)
    ref = linker.inference.predict(warning_mode="never")
    rows = scorer.db.duckdb_con.execute(f"SELECT unique_id_l, unique_id_r FROM {ref.physical_name}").fetchall()
    theirs = {tuple(sorted(r)) for r in rows}
    assert len(theirs) > 100
    assert mine == theirs
