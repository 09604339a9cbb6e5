"""Training from labelled claims: u from random pairs, m from the labels, the prior from cluster sizes."""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa

from harmwatch.link.model import base_settings
from harmwatch.link.scoring import _quiet


def label_prior(labels: list[str]) -> float:
    """The share of all claim pairs that are one incident: the prior odds Splink starts from."""
    n = len(labels)
    same = sum(c * (c - 1) // 2 for c in Counter(labels).values())
    return max(same / max(n * (n - 1) // 2, 1), 1e-9)


def train(table: pa.Table, labels: list[str], threshold: float, trained_on: str,
          max_pairs: float = 2e6, seed: int = 7) -> dict[str, Any]:
    """A model trained on claims whose incident is known (same order as the table's rows)."""
    import duckdb
    from splink import DuckDBAPI, Linker

    _quiet()
    con = duckdb.connect()
    con.execute("SET threads=2")
    db = DuckDBAPI(con)
    sdf = db.register(table.append_column("cluster", pa.array(labels, pa.string())), table_name="hw_train")
    settings = base_settings(prior=label_prior(labels))
    linker = Linker(sdf, settings, log_level=logging.WARNING, validate_settings=False)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    linker.training.estimate_m_from_label_column("cluster")
    splink: dict[str, Any] = fill_untrained(linker.misc.save_model_to_json(None))
    return {"harmwatch": {"threshold": threshold, "trained_on": trained_on}, "splink": splink}


def save(model: dict[str, Any], path: str | Path) -> None:
    """Write a model file (the shipped default is one of these)."""
    Path(path).write_text(json.dumps(model, indent=1, sort_keys=False) + "\n", encoding="utf-8")


#: Set deliberately where the training data cannot say (a level never seen, or a field it never fills):
#: m for a level seen in no true pair, and (m, u) by level rank for a comparison with no data at all.
UNSEEN_M = 1e-3
#: Reports of one incident often disagree widely on tolls (Coalition "at least 50", UCDP 21, Airwars 12-54):
#: a count far apart must not veto a link on its own, whatever a clean training set says.
MIN_M_FAR = {"killed": 0.08, "injured": 0.08}
DEFAULT_MU = {0: (0.02, 0.6), 1: (0.1, 0.25), 2: (0.3, 0.1), 3: (0.58, 0.05), 4: (0.6, 0.02), 5: (0.7, 0.01)}


def fill_untrained(settings: dict[str, Any]) -> dict[str, Any]:
    """Give every level an m and a u so that no level silently weighs nothing."""
    for comp in settings["comparisons"]:
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        no_data = all(lv.get("u_probability") is None for lv in levels)
        for rank, lv in enumerate(reversed(levels)):
            m0, u0 = DEFAULT_MU[min(rank, 5)]
            if no_data:
                lv["m_probability"], lv["u_probability"] = m0, u0
                continue
            if lv.get("m_probability") is None:
                lv["m_probability"] = UNSEEN_M
            if lv.get("u_probability") is None:
                lv["u_probability"] = UNSEEN_M
        far = MIN_M_FAR.get(comp["output_column_name"])
        if far and levels and not no_data:
            levels[-1]["m_probability"] = max(levels[-1]["m_probability"], far)
    return settings
