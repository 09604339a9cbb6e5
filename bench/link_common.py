"""Shared by the linking benchmarks: link feature rows with a model and score against gold clusters."""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path
from typing import Any

from harmwatch.link.clustering import cluster_pairs
from harmwatch.link.engine import NEAR_MISS
from harmwatch.link.features import to_table
from harmwatch.link.metrics import bcubed, pairwise
from harmwatch.link.scoring import Scorer

OUT = Path(__file__).resolve().parent / "out"


def link(feats: list[dict[str, Any]], model: dict[str, Any], threshold: float,
         engine: str = "duckdb") -> tuple[dict[str, str], dict[str, float]]:
    """Claim key → cluster id, and the seconds each stage took."""
    t0 = time.perf_counter()
    table = to_table(feats)
    t1 = time.perf_counter()
    pairs = Scorer(model["splink"], engine=engine).score_all(table, threshold - NEAR_MISS)
    t2 = time.perf_counter()
    cl = cluster_pairs({f["unique_id"]: f["report"] for f in feats}, pairs.a, pairs.b, pairs.weight, threshold)
    assign = {k: cl.find(k) for k in cl.parent}
    t3 = time.perf_counter()
    return assign, {"features_s": t1 - t0, "score_s": t2 - t1, "cluster_s": t3 - t2, "pairs": len(pairs)}


def quality(pred: dict[str, str], gold: dict[str, str]) -> dict[str, Any]:
    alone = {k: k for k in gold}
    return {"linked": {"pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold)},
            "baseline_every_report_alone": {"pairwise": pairwise(alone, gold), "bcubed": bcubed(alone, gold)}}


def candidates(feats: list[dict[str, Any]], model: dict[str, Any]) -> dict[str, Any]:
    """What blocking and scoring leave reachable: the share of true pairs (claims of different reports with one
    gold incident) that are candidate pairs at all, and B-cubed if every true candidate pair were linked and no
    other (a ceiling for any scoring over these candidates)."""
    gold = {f["unique_id"]: f["gold"] for f in feats}
    pairs = Scorer(model["splink"]).score_all(to_table(feats), -1e9)
    true = [i for i in range(len(pairs)) if gold[pairs.a[i]] == gold[pairs.b[i]]]
    by: dict[str, list[dict[str, Any]]] = {}
    for f in feats:
        by.setdefault(f["gold"], []).append(f)
    n_true = sum(1 for g in by.values() for i, a in enumerate(g) for b in g[i + 1:] if a["report"] != b["report"])
    cl = cluster_pairs({f["unique_id"]: f["report"] for f in feats}, [pairs.a[i] for i in true],
                       [pairs.b[i] for i in true], [1.0] * len(true), 0.0)
    return {"candidate_pairs": len(pairs), "true_pairs": n_true, "true_pairs_blocked": len(true),
            "blocking_recall": len(true) / max(n_true, 1),
            "bcubed_if_every_true_candidate_linked": bcubed({k: cl.find(k) for k in cl.parent}, gold)}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write(name: str, data: dict[str, Any]) -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / name).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=1))
