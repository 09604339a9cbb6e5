"""Linking at scale: N synthetic claims with known incidents (two years, 14 governorates, ~2,000 places,
cluster sizes 1-30, long tail, median 2; noisy spellings, points, dates ±1 day, counts, 5 % conflicting
perpetrators), linked with the shipped model on DuckDB: wall time and peak memory.

    python bench/link_scale.py                    # 100,000 and 1,000,000, each in its own process
    python bench/link_scale.py 100000             # one size, JSON on stdout
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from link_common import peak_mb, write  # noqa: E402

from harmwatch.link.clustering import cluster_indexed  # noqa: E402
from harmwatch.link.engine import NEAR_MISS  # noqa: E402
from harmwatch.link.features import CELL_DEG, SCHEMA  # noqa: E402
from harmwatch.link.scoring import Scorer  # noqa: E402
from harmwatch.link.train import train  # noqa: E402

PERPS = np.array(["syrian_government", "russia", "isis", "us_coalition", "turkey", "opposition"])
GROUPS = np.array(["pro_government", "pro_government", "isis", "coalition", "turkey", "opposition"])
EVENTS = np.array(["Explosions/Remote violence", "Battles", "Violence against civilians"])
SYL = ["al", "ma", "ra", "ba", "kh", "tal", "deir", "qas", "ham", "sha", "jis", "kaf", "nub", "zor", "sar", "mi"]


def cluster_sizes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Reports per incident summing to n: log-normal around 2 (median 2, mean ~3), a long tail cut at 30.

    (A Zipf law capped at 30 puts ~7 % of incidents at exactly 30 and gives each claim ~10 true pairs; this
    gives ~2.3, closer to what monitors see: most incidents have one to three reports, a few dozens.)"""
    draw = np.round(np.exp(rng.normal(math.log(2), 0.85, size=n))).astype(np.int64)
    draw = draw[(draw >= 1) & (draw <= 30)]
    sizes = draw[np.cumsum(draw) <= n]
    return np.append(sizes, np.ones(n - int(sizes.sum()), dtype=np.int64))


def generate(n: int, seed: int = 5) -> tuple[pa.Table, np.ndarray]:
    """n claims as a feature table, and each claim's true incident."""
    rng = np.random.default_rng(seed)
    sizes = cluster_sizes(rng, n)
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
    _, inv, counts = np.unique(pname.astype(str), return_inverse=True, return_counts=True)
    cols["tf_place"] = pa.array(counts[inv] / n)
    arrays = [cols[f.name] if cols[f.name] is not None else pa.nulls(n, f.type) for f in SCHEMA]
    return pa.Table.from_arrays([a.cast(f.type) for a, f in zip(arrays, SCHEMA, strict=True)], schema=SCHEMA), inc


def _codes(truth: np.ndarray) -> np.ndarray:
    return np.unique(truth, return_inverse=True)[1].astype(np.int64)


def scores(pred: np.ndarray, gold: np.ndarray) -> dict[str, dict[str, float]]:
    """Pairwise and B-cubed precision/recall/F1 of predicted cluster labels against the true ones (numpy)."""
    p, g = _codes(pred), _codes(gold)
    both = np.unique(p * (g.max() + 1) + g, return_inverse=True)[1]
    nb, npc, ngc = np.bincount(both), np.bincount(p), np.bincount(g)
    cb, cp, cg = nb[both], npc[p], ngc[g]
    out = {"bcubed": {"precision": float(np.mean(cb / cp)), "recall": float(np.mean(cb / cg))}}
    tp, pp, gp = (float((x * (x - 1) // 2).sum()) for x in (nb, npc, ngc))
    out["pairwise"] = {"precision": tp / pp if pp else 1.0, "recall": tp / gp if gp else 1.0,
                       "true_pairs": int(gp), "predicted_pairs": int(pp)}
    for m in out.values():
        pr, rc = m["precision"], m["recall"]
        m["f1"] = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return out


def link(table: pa.Table, model: dict[str, Any], threshold: float) -> tuple[np.ndarray, dict[str, float]]:
    """Claim row -> cluster label, with the seconds of each stage and the pair counts."""
    t0 = time.perf_counter()
    pairs = Scorer(model["splink"], engine="duckdb").score_indexed(table, threshold - NEAR_MISS)
    t1 = time.perf_counter()
    report = np.unique(np.asarray(table.column("report").to_numpy(zero_copy_only=False)), return_inverse=True)[1]
    res = cluster_indexed(report, pairs.a, pairs.b, pairs.weight, threshold)
    t2 = time.perf_counter()
    return res.label, {"score_s": round(t1 - t0, 1), "cluster_s": round(t2 - t1, 1), "link_wall_s": round(t2 - t0, 1),
                       "candidate_pairs": pairs.candidates, "pairs_kept": len(pairs),
                       "links": int((pairs.weight >= threshold).sum())}


def trained(n: int, total: int) -> tuple[dict[str, Any], float, float]:
    """A model trained on a separate labelled synthetic sample (another seed), threshold tuned on it."""
    t0 = time.perf_counter()
    table, truth = generate(total, seed=99)
    # a sample at the same density as the data to link: the claims of the first days, not fewer claims
    # spread over two years (with a twentieth of the density, the threshold comes out far too low)
    d0 = np.asarray(table.column("d0").to_numpy())
    keep = np.flatnonzero(d0 < np.quantile(d0, n / total))
    table, truth = table.take(pa.array(keep)), truth[keep]
    model = train(table, [str(x) for x in truth.tolist()], 0.0,
                  f"synthetic sample: the first {len(keep)} claims (by date) of {total} (seed 99)")
    pairs = Scorer(model["splink"]).score_indexed(table, -10.0)
    report = np.unique(np.asarray(table.column("report").to_numpy(zero_copy_only=False)), return_inverse=True)[1]
    best = (0.0, -1.0)
    for th in (-8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0):
        label = cluster_indexed(report, pairs.a, pairs.b, pairs.weight, th).label
        f1 = scores(label, truth)["bcubed"]["f1"]
        best = max(best, (th, f1), key=lambda x: x[1])
    model["harmwatch"]["threshold"] = best[0]
    return model, best[0], time.perf_counter() - t0


def run(n: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    table, truth = generate(n)
    gen_s = time.perf_counter() - t0
    model, th, train_s = trained(min(n // 2, 50_000), n)
    rss_before = peak_mb()
    label, timing = link(table, model, th)
    sizes = np.bincount(truth)
    found = np.bincount(_codes(label))
    return {"claims": n, "incidents": int(len(sizes)),
            "true_cluster_size": {"median": float(np.median(sizes)), "mean": round(float(sizes.mean()), 2),
                                  "max": int(sizes.max()), "singletons": round(float((sizes == 1).mean()), 3),
                                  "share_10_or_more": round(float((sizes >= 10).mean()), 4),
                                  "true_pairs_per_claim": round(float((sizes * (sizes - 1) // 2).sum()) / n, 2)},
            "found_cluster_size": {"median": float(np.median(found)), "mean": round(float(found.mean()), 2),
                                   "max": int(found.max())},
            "generate_s": round(gen_s, 1), **timing, "peak_rss_mb": round(peak_mb()),
            "peak_rss_before_link_mb": round(rss_before), **scores(label, truth),
            "engine": "duckdb, 2 threads, memory_limit 3GB", "train_s": round(train_s, 1), "model": model["harmwatch"]}


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [100_000, 1_000_000]
    if len(sizes) == 1:  # one size per process, so each peak RSS is its own
        print(json.dumps(run(sizes[0])))
        return
    results = {}
    for n in sizes:
        proc = subprocess.run([sys.executable, __file__, str(n)], capture_output=True, text=True, check=True)
        results[str(n)] = json.loads(proc.stdout.strip().splitlines()[-1])
        r = results[str(n)]
        print(f"{n:>9} claims: link {r['link_wall_s']} s (score {r['score_s']}, cluster {r['cluster_s']}), "
              f"peak RSS {r['peak_rss_mb']} MB, B-cubed F1 {r['bcubed']['f1']:.3f}", flush=True)
    write("link_scale.json", {"machine": f"{os.cpu_count()} cores", "runs": results})


if __name__ == "__main__":
    main()
