"""Run extraction over a gold file, score it with the reference scorer, and print error cases by field."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from harmwatch.extract import extract_claims, load_patterns
from harmwatch.records import DocInput

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "eval" / "score.py"


def _resolver(use: bool):  # type: ignore[no-untyped-def]
    if not use:
        return None
    try:
        from harmwatch.geo import Gazetteer, Resolver, shipped_places

        return Resolver(Gazetteer(shipped_places(["SY"])))
    except Exception as e:  # noqa: BLE001 - geo is optional here
        print(f"no resolver: {e}", file=sys.stderr)
        return None


def predict(gold: Path, out: Path, geo: bool = False, limit: int | None = None) -> list[tuple[dict, list]]:
    """Write prediction lines for every gold document; return (gold doc, claims) pairs."""
    p = load_patterns()
    res = _resolver(geo)
    pairs = []
    with gold.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as o:
        for k, line in enumerate(f):
            if limit and k >= limit:
                break
            g = json.loads(line)
            pub = dt.date.fromisoformat(g["published"]) if g.get("published") else None
            d = DocInput(id=g["id"], text=g.get("text") or "", published=pub, title=g.get("title"))
            claims = extract_claims(d, resolver=res, patterns=p)
            o.write(json.dumps({"id": g["id"], "incidents": claims}, ensure_ascii=False) + "\n")
            pairs.append((g, claims))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "pred.jsonl")
    ap.add_argument("--geo", action="store_true", help="use harmwatch.geo.Resolver")
    ap.add_argument("--field", choices=["killed", "civilians", "perp", "date", "none"], default="none")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    a.out.parent.mkdir(parents=True, exist_ok=True)
    pairs = predict(a.gold, a.out, a.geo, a.limit)
    subprocess.run([sys.executable, str(SCORER), str(a.gold), str(a.out)], check=False)
    if a.field == "none":
        return
    sys.path.insert(0, str(SCORER.parent))
    import score  # type: ignore[import-not-found]

    shown = 0
    for g, claims in pairs:
        gi = score.main_incident(g)
        c = score.pick(gi, claims) or {}
        if a.field == "killed":
            want, got = (
                gi.get("killed") if gi.get("killed") is not None else gi.get("civilians_killed"),
                c.get("killed_low"),
            )
        elif a.field == "civilians":
            want = gi.get("civilians_killed")
            got = c.get("civilians_killed_low")
            if got is None and c.get("civilian_targeting") is True:
                got = c.get("killed_low")
        elif a.field == "perp":
            want, acc = score.gold_classes(gi)
            got = score.pred_class(c) if c else None
            if got in acc or (got is None and "unknown" in acc and claims):
                continue
        else:
            want, got = gi.get("date_start"), c.get("date_start")
            if got and score.date_agrees(gi, c):
                continue
        if a.field in ("killed", "civilians") and want == got:
            continue
        if want is None:
            continue
        shown += 1
        if shown > a.show:
            break
        print("=" * 100)
        print(g["id"], "pub", g.get("published"), "| gold:", want, "| got:", got, "| n claims", len(claims))
        print("  title:", g.get("title"))
        print("  text:", (g.get("text") or "")[:700].replace("\n", " "))
        for cl in claims:
            print(
                "  claim:",
                {k: v["quote"][:60] for k, v in cl["evidence"].items()},
                cl.get("perpetrator_class"),
                cl.get("killed_low"),
                cl.get("civilians_killed_low"),
            )


if __name__ == "__main__":
    main()
