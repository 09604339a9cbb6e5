"""Linking at scale: N synthetic claims with known incidents (two years, 14 governorates, ~2,000 places,
cluster sizes 1-30, long tail, median 2; noisy spellings, points, dates ±1 day, counts, 5 % conflicting
perpetrators), linked with the shipped model on DuckDB: wall time and peak memory.

    python bench/link_scale.py 100000      # and 1000000
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from link_common import peak_mb, write  # noqa: E402

from harmwatch.link.clustering import cluster_pairs  # noqa: E402
from harmwatch.link.engine import NEAR_MISS  # noqa: E402
from harmwatch.link.features import CELL_DEG, SCHEMA  # noqa: E402
from harmwatch.link.metrics import bcubed, pairwise  # noqa: E402
from harmwatch.link.scoring import Scorer  # noqa: E402
from harmwatch.link.train import train  # noqa: E402

PERPS = np.array(["syrian_government", "russia", "isis", "us_coalition", "turkey", "opposition"])
GROUPS = np.array(["pro_government", "pro_government", "isis", "coalition", "turkey", "opposition"])
EVENTS = np.array(["Explosions/Remote violence", "Battles", "Violence against civilians"])
SYL = ["al", "ma", "ra", "ba", "kh", "tal", "deir", "qas", "ham", "sha", "jis", "kaf", "nub", "zor", "sar", "mi"]


def generate(n: int, seed: int = 5) -> tuple[pa.Table, np.ndarray]:
    """n claims as a feature table, and each claim's true incident."""
    rng = np.random.default_rng(seed)
    sizes = np.minimum(rng.zipf(1.5, size=n), 30)
    sizes = sizes[np.cumsum(sizes) <= n]
    sizes = np.append(sizes, np.ones(n - sizes.sum(), dtype=sizes.dtype))
    k = len(sizes)
    gov_lat, gov_lon = rng.uniform(32.5, 37.0, 14), rng.uniform(35.8, 42.0, 14)
    p_gov = rng.integers(0, 14, 2000)
    p_lat = gov_lat[p_gov] + rng.normal(0, 0.35, 2000)
    p_lon = gov_lon[p_gov] + rng.normal(0, 0.35, 2000)
    names = np.array(["".join(rng.choice(SYL, 3)) + f"{i % 7}" for i in range(2000)])
    inc_place = rng.integers(0, 2000, k)
    inc_day = 16800 + rng.integers(0, 730, k)
    inc_perp = rng.integers(0, 6, k)
    inc_event = rng.integers(0, 3, k)
    inc_killed = rng.geometric(0.08, k)
    inc = np.repeat(np.arange(k), sizes)
    place = inc_place[inc]
    d0 = inc_day[inc] + rng.choice([-1, 0, 0, 0, 1], n)
    lat = p_lat[place] + rng.normal(0, 0.01, n)
    lon = p_lon[place] + rng.normal(0, 0.01, n)
    nopoint = rng.random(n) < 0.1
    killed = np.maximum(0, np.round(inc_killed[inc] * rng.choice([1, 1, 1, 0.8, 1.2], n))).astype(np.int32)
    perp = inc_perp[inc].copy()
    flip = rng.random(n) < 0.05
    perp[flip] = rng.integers(0, 6, flip.sum())
    pname = names[place].astype(object)
    typo = np.flatnonzero(rng.random(n) < 0.2)
    for i in typo:
        s = pname[i]
        j = 1 + (i % (len(s) - 2))
        pname[i] = s[:j] + s[j + 1:]
    report = np.arange(n)
    share = np.flatnonzero(rng.random(n) < 0.05)
    report[share[share > 0]] = share[share > 0] - 1  # a few reports tell two incidents
    ca = [f"{a}:{b}" for a, b in zip(np.floor(lat / CELL_DEG).astype(int), np.floor(lon / CELL_DEG).astype(int),
                                     strict=True)]
    h = CELL_DEG / 2
    cb = [f"{a}:{b}" for a, b in zip(np.floor((lat + h) / CELL_DEG).astype(int),
                                     np.floor((lon + h) / CELL_DEG).astype(int), strict=True)]
    mask = nopoint
    cols = {
        "unique_id": pa.array([str(i) for i in range(n)]), "report": pa.array(report.astype(str).tolist()),
        "source": pa.array(np.array([f"src{x}" for x in range(40)])[rng.integers(0, 40, n)].tolist()),
        "wire": None, "d0": pa.array(d0, pa.int32()), "d1": pa.array(d0, pa.int32()),
        "lat": pa.array(lat, mask=mask), "lon": pa.array(lon, mask=mask),
        "cell_a": pa.array([None if m else c for m, c in zip(nopoint, ca, strict=True)], pa.string()),
        "cell_b": pa.array([None if m else c for m, c in zip(nopoint, cb, strict=True)], pa.string()),
        "admin1": pa.array(np.char.add("gov", p_gov[place].astype(str)).tolist()), "place": pa.array(pname.tolist()),
        "perp": pa.array(PERPS[perp].tolist()), "perp_group": pa.array(GROUPS[perp].tolist()), "target": None,
        "event": pa.array(EVENTS[inc_event[inc]].tolist()), "killed": pa.array(killed, pa.int32()), "injured": None,
    }
    cols["wire"] = cols["source"]
    arrays = [cols[f.name] if cols[f.name] is not None else pa.nulls(n, f.type) for f in SCHEMA]
    return pa.Table.from_arrays([a.cast(f.type) for a, f in zip(arrays, SCHEMA, strict=True)], schema=SCHEMA), inc


def trained(n: int) -> tuple[dict[str, Any], float, float]:
    """A model trained on a separate labelled synthetic sample (another seed), threshold tuned on it."""
    t0 = time.perf_counter()
    table, truth = generate(n, seed=99)
    model = train(table, [str(x) for x in truth.tolist()], 0.0, f"synthetic sample of {n} (seed 99)")
    ids, reps = table.column("unique_id").to_pylist(), table.column("report").to_pylist()
    gold = {k: str(v) for k, v in zip(ids, truth.tolist(), strict=True)}
    pairs = Scorer(model["splink"]).score_all(table, -10.0)
    best = (0.0, -1.0)
    for th in (-4.0, -2.0, 0.0, 2.0, 4.0, 6.0):
        cl = cluster_pairs(dict(zip(ids, reps, strict=True)), pairs.a, pairs.b, pairs.weight, th)
        f1 = bcubed({k: cl.find(k) for k in ids}, gold)["f1"]
        best = max(best, (th, f1), key=lambda x: x[1])
    model["harmwatch"]["threshold"] = best[0]
    return model, best[0], time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    t0 = time.perf_counter()
    table, truth = generate(n)
    t1 = time.perf_counter()
    model, th, train_s = trained(min(n // 2, 50_000))
    pairs = Scorer(model["splink"], engine="duckdb").score_all(table, th - NEAR_MISS)
    t2 = time.perf_counter()
    ids = table.column("unique_id").to_pylist()
    reps = table.column("report").to_pylist()
    cl = cluster_pairs(dict(zip(ids, reps, strict=True)), pairs.a, pairs.b, pairs.weight, th)
    t3 = time.perf_counter()
    pred = {k: cl.find(k) for k in ids}
    gold = {k: str(v) for k, v in zip(ids, truth.tolist(), strict=True)}
    sizes = np.bincount(truth)
    res = {"claims": n, "incidents": int(len(sizes)), "median_cluster": float(np.median(sizes)),
           "max_cluster": int(sizes.max()), "candidate_pairs_kept": len(pairs),
           "generate_s": round(t1 - t0, 1), "score_s": round(t2 - t1, 1), "cluster_s": round(t3 - t2, 1),
           "link_wall_s": round(t3 - t1, 1), "peak_rss_mb": round(peak_mb()),
           "pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold), "engine": "duckdb, 2 threads",
           "train_s": round(train_s, 1), "model": model["harmwatch"]}
    write(f"link_scale_{n}.json", res)
    assert math.isfinite(res["link_wall_s"])


if __name__ == "__main__":
    main()
