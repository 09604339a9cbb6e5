"""Score the dev sets and compare with (or, with --update, re-pin) the floors in tests/eval_floors.json.

    python bench/eval_gate.py                 # print figures, exit 1 if any is under its floor
    python bench/eval_gate.py --update        # pin floors just under today's figures (they only go up)
    python bench/eval_gate.py --update --allow-regression "why"   # lower a floor, saying why
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from harmwatch.evaluation.gate import GATED, check, corpus_sha256, load_floors, new_floors, run_gold, summarize

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
FLOORS = REPO / "tests" / "eval_floors.json"
OUT = REPO / "bench" / "out" / "eval_gate.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=EVAL)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--allow-regression", metavar="WHY")
    args = ap.parse_args()
    floors = load_floors(FLOORS)
    report: dict[str, dict[str, object]] = {}
    failed = []
    for name in GATED:
        gold = args.eval_dir / f"{name}.jsonl"
        if not gold.exists():
            print(f"{name}: {gold} not found; skipped", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        measured = summarize(name, run_gold(gold, name))
        secs = time.perf_counter() - t0
        pinned = floors["sets"].get(name, {}).get("floors", {})
        problems = check(name, measured, pinned)
        failed += problems
        report[name] = {"measured": measured, "floors": pinned, "seconds": round(secs, 1)}
        print(f"{name} ({secs:.1f} s)")
        for key, value in measured.items():
            print(f"  {key:45s} {value:8.4f}   floor {pinned.get(key, float('nan')):8.4f}")
        if args.update:
            floors["sets"][name] = {"corpus_sha256": corpus_sha256(gold),
                                    "floors": new_floors(measured, pinned, bool(args.allow_regression))}
    if args.update:
        floors["history"].append({"date": dt.date.today().isoformat(),
                                  "allow_regression": args.allow_regression or None})
        FLOORS.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
        print(f"floors written to {FLOORS}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for p in failed:
        print("GATE:", p, file=sys.stderr)
    return 1 if failed and not args.update else 0


if __name__ == "__main__":
    sys.exit(main())
