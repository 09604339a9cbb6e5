"""Extraction throughput (reports/s on one core) and peak memory over the FA-KES dev texts, with and without geo.

Wall-clock and CPU-time rates are both reported: on a shared, loaded machine the wall figure includes time
spent waiting for the core, so reports per CPU second is the one-core figure."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import time
import tracemalloc
from pathlib import Path
from typing import Any

from harmwatch.records import DocInput

REPO = Path(__file__).resolve().parents[1]


def _docs(path: Path) -> list[DocInput]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        pub = dt.date.fromisoformat(r["published"]) if r.get("published") else None
        out.append(DocInput(id=r["id"], text=r.get("text") or "", published=pub, title=r.get("title"),
                            source=r.get("source"), language=r.get("language")))
    return out


def _run(docs: list[DocInput], resolver: Any, repeat: int) -> dict[str, Any]:
    from harmwatch.extract import extract_claims, load_patterns

    p = load_patterns()
    t0 = time.perf_counter()
    c0 = time.process_time()  # CPU seconds of this process: the honest figure on a shared, loaded machine
    n_claims = 0
    for _ in range(repeat):
        for d in docs:
            n_claims += len(extract_claims(d, resolver=resolver, patterns=p))
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    tracemalloc.start()  # a separate pass: tracing allocations slows extraction several times
    for d in docs:
        extract_claims(d, resolver=resolver, patterns=p)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(docs) * repeat
    return {
        "reports": n,
        "seconds": round(secs, 3),
        "reports_per_s": round(n / secs, 1),
        "cpu_seconds": round(cpu, 3),
        "reports_per_cpu_s": round(n / cpu, 1),
        "claims": n_claims,
        "tracemalloc_peak_mb": round(peak / 2**20, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "eval" / "fakes-dev.jsonl")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "extract_throughput.json")
    a = ap.parse_args()
    docs = _docs(a.gold)
    t0 = time.perf_counter()
    from harmwatch.extract import EXTRACTOR_VERSION, load_patterns

    load_patterns()
    startup = time.perf_counter() - t0
    result: dict[str, Any] = {
        "extractor_version": EXTRACTOR_VERSION,
        "gold": str(a.gold),
        "startup_pattern_loading_s": round(startup, 3),
    }
    result["without_resolver"] = _run(docs, None, a.repeat)
    try:
        from harmwatch.geo import Resolver  # type: ignore[attr-defined]

        t1 = time.perf_counter()
        from harmwatch.geo import Gazetteer, shipped_places

        res = Resolver(Gazetteer(shipped_places(["SY"])))
        result["resolver_startup_s"] = round(time.perf_counter() - t1, 3)
        result["with_resolver"] = _run(docs, res, 1)
    except Exception as e:  # noqa: BLE001 - geo is optional for this benchmark
        result["with_resolver"] = f"unavailable: {type(e).__name__}: {e}"
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
