"""Training from labelled claims: u from random pairs, m from the labels, the prior from cluster sizes."""

from __future__ import annotations

import csv
import datetime as dt
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
#: Real extraction gets these wrong for one incident far more often than labels built from clean fields
#: (UCDP claims extracted from the 2016-01..06 headlines: event types differ in 27 % of true pairs, points
#: > 20 km apart in 10 %, place names in 7 %): disagreement on one of them must lower a pair's weight, not
#: veto it (with m = 0.001 a different event type cost -8.5, as much as a shared village gains).
MIN_M_DISAGREE = {("date", "2-3 days apart"): 0.02, ("distance", "within 20 km"): 0.05,
                  ("distance", "more than 20 km"): 0.05, ("place", "different places"): 0.05,
                  ("perpetrator", "different actors"): 0.1, ("target", "different targets"): 0.1,
                  ("event_type", "different types"): 0.1}
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
        for lv in levels:
            floor = MIN_M_DISAGREE.get((comp["output_column_name"], lv.get("label_for_charts", "")))
            if floor and not no_data:
                lv["m_probability"] = max(lv["m_probability"], floor)
        far = MIN_M_FAR.get(comp["output_column_name"])
        if far and levels and not no_data:
            levels[-1]["m_probability"] = max(levels[-1]["m_probability"], far)
    return settings


def read_pairs(path: str | Path) -> list[tuple[str, str, bool]]:
    """Labelled claim pairs: JSON lines {"claim_a", "claim_b", "same"} or CSV with those columns.

    A bad line is a ValueError naming the file and line; nothing is returned then."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not valid UTF-8 ({exc.reason})") from None
    rows: list[tuple[int, Any]]
    if str(path).endswith(".csv"):
        rows = [(n, r) for n, r in enumerate(csv.DictReader(text.splitlines()), start=2)]
    else:
        rows = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} line {n}: invalid JSON ({exc.msg})") from None
    out = []
    for n, r in rows:
        if not isinstance(r, dict) or not all(r.get(k) not in (None, "") for k in ("claim_a", "claim_b", "same")):
            raise ValueError(f"{path} line {n}: needs claim_a, claim_b and same")
        same = r["same"]
        if isinstance(same, str):
            word = same.strip().lower()
            if word not in ("1", "true", "yes", "same", "0", "false", "no", "different"):
                raise ValueError(f"{path} line {n}: same={same!r} is neither true nor false")
            same = word in ("1", "true", "yes", "same")
        out.append((str(r["claim_a"]), str(r["claim_b"]), bool(same)))
    if not out:
        raise ValueError(f"{path}: no labelled pairs in it")
    return out


def train_from_pairs(store: Any, labelled: list[tuple[str, str, bool]], threshold: float | None,
                     trained_on: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A model from labelled pairs over the stored claims: the claims the "same" pairs join form the labelled
    incidents (every other claim its own), u from random pairs of all claims; the threshold, unless given, is
    the match weight that best separates the labelled pairs (F1 of "same")."""
    from harmwatch.link.features import feature_row, to_table
    from harmwatch.link.scoring import Scorer
    from harmwatch.link.sources import load_registry, wire_group

    registry = load_registry()
    with store.engine.connect() as conn:
        rows = store.all_claims(conn)
    feats = [feature_row(r, {r.get("source") or "": wire_group(registry, r.get("source")) or ""}) for r in rows]
    keys = [f["unique_id"] for f in feats]
    known = set(keys)
    missing = sorted({k for a, b, _ in labelled for k in (a, b) if k not in known})
    if missing:
        raise ValueError(f"{len(missing)} labelled claims are not in the store, e.g. {missing[:3]}")
    parent = {k: k for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, same in labelled:
        if same:
            parent[find(a)] = find(b)
    table = to_table(feats)
    model = train(table, [find(k) for k in keys], 0.0 if threshold is None else threshold, trained_on)
    model["harmwatch"]["trained_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    pairs = Scorer(model["splink"]).score_all(table, -40.0)
    weight = {tuple(sorted(p)): w for p, w in zip(zip(pairs.a, pairs.b, strict=True), pairs.weight, strict=True)}
    scored = [(weight.get(tuple(sorted((a, b))), -40.0), same) for a, b, same in labelled]
    best = (float("-inf"), 0.0, 0.0, 0.0)
    for th in ([threshold] if threshold is not None else [x / 2 for x in range(-20, 41)]):
        tp = sum(1 for w, s in scored if s and w >= th)
        fp = sum(1 for w, s in scored if not s and w >= th)
        fn = sum(1 for w, s in scored if s and w < th)
        p, r = tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[0]:
            best = (f1, th, p, r)
    model["harmwatch"]["threshold"] = best[1]
    report = {"positives": sum(1 for *_, s in labelled if s), "negatives": sum(1 for *_, s in labelled if not s),
              "claims": len(keys), "precision": best[2], "recall": best[3]}
    return model, report


def store_model(conn: Any, name: str, model: dict[str, Any]) -> None:
    """Keep a model in the link_models table under a name (replacing one of that name)."""
    import sqlalchemy as sa

    from harmwatch.store import schema as t

    conn.execute(sa.delete(t.link_models).where(t.link_models.c.name == name))
    conn.execute(sa.insert(t.link_models).values(name=name, created_at=dt.datetime.now(dt.UTC), params=model))
