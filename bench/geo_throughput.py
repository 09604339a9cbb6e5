"""Geo throughput: toponym finding + place resolution over gold texts, in reports per second (one core)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from harmwatch.geo import Gazetteer, Resolver, load_gazetteer_file, shipped_places

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Time Resolver.locate(text, 0, len(text)) over every text of a gold JSONL file."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="?", default=str(REPO / ".." / "shared" / "eval" / "fakes-dev.jsonl"))
    ap.add_argument("--gazetteer", action="append", default=None,
                    help="user gazetteer file(s) (CSV or GeoNames dump); default: the shared Syria CSV")
    ap.add_argument("--countries", default="SY", help="comma-separated ISO2 codes (shipped data, resolver)")
    ap.add_argument("--rounds", type=int, default=3, help="timed passes after the first (cold) pass")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "geo_throughput.json"))
    a = ap.parse_args(argv)
    countries = [c.strip().upper() for c in a.countries.split(",") if c.strip()]
    gaz_files = a.gazetteer
    if gaz_files is None:
        default = REPO / ".." / "shared" / "gazetteer" / "syria-places.csv"
        gaz_files = [str(default)] if default.exists() else []

    t0 = time.perf_counter()
    places = shipped_places(countries)
    for f in gaz_files:
        places += load_gazetteer_file(f)
    gaz = Gazetteer(places)
    resolver = Resolver(gaz, countries=countries)
    load_s = time.perf_counter() - t0

    texts = []
    with open(a.gold, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts.append("\n".join(p for p in (d.get("title"), d.get("text")) if p))
    chars = sum(map(len, texts))

    cpu: list[float] = []

    def one_pass() -> tuple[float, int]:
        resolver._cache.clear()  # per-text readings are cached; time the reading itself
        t, c = time.perf_counter(), time.process_time()
        found = sum(1 for x in texts if resolver.locate(x, 0, len(x)) is not None)
        cpu.append(time.process_time() - c)  # CPU seconds of this one process: the one-core figure
        return time.perf_counter() - t, found

    cold_s, found = one_pass()
    warm = [one_pass()[0] for _ in range(max(0, a.rounds))]
    best = min(warm) if warm else cold_s
    best_cpu = min(cpu[1:]) if len(cpu) > 1 else cpu[0]
    res = {
        "gold": os.path.relpath(a.gold, REPO), "gazetteers": [os.path.relpath(g, REPO) for g in gaz_files],
        "countries": countries, "places": len(gaz), "reports": len(texts), "chars": chars,
        "located": found, "load_seconds": round(load_s, 3),
        "cold_reports_per_s": round(len(texts) / cold_s, 1),
        "warm_reports_per_s": round(len(texts) / best, 1),
        "warm_chars_per_s": round(chars / best), "python": platform.python_version(),
        "cold_reports_per_cpu_s": round(len(texts) / cpu[0], 1),
        "warm_reports_per_cpu_s": round(len(texts) / best_cpu, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print(f"{res['warm_reports_per_s']:.0f} reports/s warm, {res['cold_reports_per_s']:.0f} reports/s cold "
          f"(first pass, caches empty); per CPU second {res['warm_reports_per_cpu_s']:.0f} warm, "
          f"{res['cold_reports_per_cpu_s']:.0f} cold; {len(texts)} reports, {len(gaz)} places, "
          f"load {load_s:.1f} s, load average {res['load_average']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
