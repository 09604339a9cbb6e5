"""How far can reading the text take admin1? Classify the resolver's answerable admin1 misses on a gold set.

    python bench/geo_ceiling.py [GOLD] [--gazetteer FILE ...] [--scorer PATH/score.py]

Every answerable document (the text names the gold governorate, per the reference scorer) falls in one
class, first match wins:

- ``shared_text``: the same text is filed under several gold governorates in this set (UCDP files one
  event per document and joins headlines, so one headline carries different golds): no reading of the
  text alone can be right for all of them; at most one governorate per distinct text is reachable;
- ``not_first``: the gold governorate is not the first one the text names (a later event of the
  headline, or the incident's governorate after a dateline or a context clause);
- ``first``: the gold governorate is the first one named (the trivial reader's case).

Per class: documents, resolver right, and the reachable ceiling (for ``shared_text`` the best single
answer per distinct text). Also counted: misses whose gold location is in no loaded gazetteer
(``gazetteer_gap``). Written to bench/out/geo_ceiling.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from harmwatch.geo import Gazetteer, Resolver, load_gazetteer_file, name_key, shipped_places

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("ref_score", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    """Classify the answerable admin1 documents and the resolver's misses among them."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", default=str(SHARED / "eval" / "ucdp-2016.jsonl"))
    ap.add_argument("--gazetteer", action="append", default=None)
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    ap.add_argument("--loose", action="store_true", help="Damascus = Rif Dimashq (FA-KES)")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "geo_ceiling.json"))
    a = ap.parse_args(argv)
    sc = _scorer(Path(a.scorer))
    files = a.gazetteer if a.gazetteer is not None else [str(SHARED / "gazetteer" / "syria-places.csv")]
    places = shipped_places(["SY"])
    for f in files:
        places += load_gazetteer_file(f)
    gaz = Gazetteer(places)
    res = Resolver(gaz, countries=("SY",))

    def key(v: Any) -> str | None:
        k = sc.admin1_key(v)
        return sc.admin1_loose(k) if a.loose and k else k

    docs = [json.loads(line) for line in open(a.gold, encoding="utf-8")]
    golds_of_text: dict[str, Counter[str]] = defaultdict(Counter)
    rows = []
    for d in docs:
        g = sc.main_incident(d)
        gk = key(g.get("admin1")) if g else None
        if not gk or not sc.answerable(d, g)["admin1_loose" if a.loose else "admin1"]:
            continue
        full = "\n".join(p for p in (d.get("title"), d.get("text")) if p)
        golds_of_text[full][gk] += 1
        m = res.locate(full, 0, len(full))
        pk = key(m.admin1) if m is not None and m.admin1 else None
        named = [sc.admin1_loose(k) if a.loose else k for k in sc.admin1_mentions(full)]
        loc = g.get("location")
        gap = bool(loc) and not any(sp.place.country == "SY" for sp in gaz.lookup(name_key(str(loc))))
        rows.append((full, gk, pk, named, gap))
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for full, gk, pk, named, gap in rows:
        cls = "shared_text" if len(golds_of_text[full]) > 1 else ("first" if named[:1] == [gk] else "not_first")
        t = tally[cls]
        t["docs"] += 1
        t["right"] += pk == gk
        t["gazetteer_gap_misses"] += pk != gk and gap
    tally["shared_text"]["reachable"] = sum(max(c.values()) for c in golds_of_text.values() if len(c) > 1)
    for cls in ("first", "not_first"):
        tally[cls]["reachable"] = tally[cls]["docs"]
    n = sum(t["docs"] for t in tally.values())
    right = sum(t["right"] for t in tally.values())
    ceiling = sum(t["reachable"] for t in tally.values())
    out = {"gold": Path(a.gold).name, "answerable": n, "right": right, "ceiling": ceiling,
           "classes": {k: dict(v) for k, v in sorted(tally.items())}}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{out['gold']}: answerable {n}, resolver right {right} ({100 * right / n:.1f} %), "
          f"reachable ceiling {ceiling} ({100 * ceiling / n:.1f} %)")
    for cls, t in sorted(tally.items()):
        print(f"  {cls:12s} docs {t['docs']:5d}  right {t['right']:5d} ({100 * t['right'] / max(1, t['docs']):.1f} %)"
              f"  reachable {t['reachable']:5d}  misses with gazetteer gap {t['gazetteer_gap_misses']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
