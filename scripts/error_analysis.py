"""Run extraction over a gold file, score it with the reference scorer, and print error cases by field.

    python scripts/error_analysis.py GOLD.jsonl [--geo] [--field killed|civilians|perp|date]
    python scripts/error_analysis.py GOLD.jsonl --ceiling [--geo] [--list]

--ceiling classifies every wrong document of the graded fields as
  "not in text"      the gold value is not stated by the document (score.py's answerability is false);
  "not as stated"    the value is in the text but not in the role the gold gives it (own checks below);
  "readable, missed" the text states it in that role and the extractor got it wrong,
and prints, per field, the accuracy now and the reachable ceiling (= now + the readable misses).
Own checks beyond score.py's answerability:
  killed / civilians: the gold number must stand within 8 words of a death word (killed, dead, died,
    toll, lives, executed ...) in one sentence, not only somewhere in the page (a year part, a counter);
  perpetrator: gold 'unknown' while the claim's doer is named as an agent in the text ("X killed",
    "X warplanes", "by X") is "not as stated" (the crowd coded 'unknown' though the text names a doer);
    a gold class named in the text only as a speaker or target (never within 12 words of an act word)
    is "not as stated" as well;
  date (UCDP): the gold date must be the publication day +-1 or a date the text states.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
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
            d = DocInput(id=g["id"], text=g.get("text") or "", published=pub, title=g.get("title"),
                         source=g.get("source"), language=g.get("language"))
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
    ap.add_argument("--ceiling", action="store_true", help="classify wrong documents; reachable ceiling per field")
    ap.add_argument("--list", action="store_true", help="with --ceiling: list the readable misses")
    a = ap.parse_args()
    a.out.parent.mkdir(parents=True, exist_ok=True)
    pairs = predict(a.gold, a.out, a.geo, a.limit)
    if a.ceiling:
        ceiling(pairs, a.list)
        return
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


_DEATH = re.compile(
    r"\b(?:kill\w*|dead|died|dies|deaths?|death toll|toll|lives|life|executed|execut\w+|slain|perished|"
    r"martyr\w*|massacr\w*|murder\w*|bodies|corpses|fatalit\w+|casualt\w+|victims?|beheaded|slaughter\w*|"
    r"eliminat\w*|shot)\b",
    re.I,
)
_ACT = re.compile(
    r"\b(?:kill\w*|struck|strikes?|airstrikes?|air strikes?|raids?|bomb\w*|shell\w*|attack\w*|fired|"
    r"warplanes?|jets?|aircraft|helicopters?|artillery|rockets?|missiles?|execut\w+|massacr\w*|suicide|"
    r"claimed|responsib\w*|by|targeted|murder\w*|ambush\w*|blast|explosion|car bomb|gunmen)\b",
    re.I,
)


def _stated_as_toll(score, text: str, n: int) -> bool:
    """The number n is written within 8 words of a death word, in one sentence."""
    nt = score._norm_text(text)
    for sent in re.split(r"(?<=[.!?])\s+|\n+", nt):
        if n not in score.numbers_in_text(sent, normalized=True) or not _DEATH.search(sent):
            continue
        words = sent.split()
        for i in range(len(words)):
            if n in score.numbers_in_text(" ".join(words[max(0, i - 2) : i + 1]), normalized=True):
                win = " ".join(words[max(0, i - 8) : i + 9])
                if _DEATH.search(win):
                    return True
    return False


def _class_as_agent(score, text: str, cls: str) -> bool:
    """Some alias of class cls stands within 12 words of an act word."""
    for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
        if cls not in score.perp_classes(sent):
            continue
        words = sent.split()
        for i in range(len(words)):
            win = " ".join(words[max(0, i - 2) : i + 3])
            if cls in score.perp_classes(win) and _ACT.search(" ".join(words[max(0, i - 12) : i + 13])):
                return True
    return False


def ceiling(pairs: list[tuple[dict, list]], show: bool) -> None:
    """Per field: accuracy now, wrong documents by class, and the reachable ceiling."""
    sys.path.insert(0, str(SCORER.parent))
    import score  # type: ignore[import-not-found]

    fields = ("perpetrator", "killed", "civilians", "date_pm1")
    tally = {f: {"n": 0, "right": 0, "not in text": 0, "not as stated": 0, "readable, missed": 0} for f in fields}
    misses: dict[str, list[str]] = {f: [] for f in fields}
    for g, claims in pairs:
        gi = score.main_incident(g)
        if gi is None:
            continue
        c = score.pick(gi, claims) or {}
        text = score.doc_text(g)
        ans = score.answerable(g, gi)
        for f in fields:
            if f == "perpetrator":
                prim, acc = score.gold_classes(gi)
                if not acc:
                    continue
                got = score.pred_class(c) if c else None
                ok = got in acc or (bool(claims) and score.names_no_perpetrator(c) and "unknown" in acc)
                if ok:
                    kind = None
                elif not ans["perpetrator_class"]:
                    named = [k for k in score.perp_classes(text) if k != "unknown"]
                    if "unknown" in acc and named and got is not None and _class_as_agent(score, text, got):
                        kind = "not as stated"  # crowd 'unknown' while the text names a doer
                    else:
                        kind = "not in text"
                elif not any(_class_as_agent(score, text, k) for k in acc if k != "unknown") and "unknown" not in acc:
                    kind = "not as stated"
                else:
                    kind = "readable, missed"
                want = sorted(acc)
            elif f in ("killed", "civilians"):
                want = score.gold_killed(gi) if f == "killed" else score.num(gi.get("civilians_killed"))
                if want is None:
                    continue
                got = score.pred_killed(c) if f == "killed" else score.pred_civilians_killed(c)
                metric = "killed_exact" if f == "killed" else "civilians_killed_exact"
                if got == want:
                    kind = None
                elif not ans[metric]:
                    kind = "not in text"
                elif want != 0 and not _stated_as_toll(score, text, int(want)):
                    kind = "not as stated"
                else:
                    kind = "readable, missed"
            else:
                want = gi.get("date_start")
                if not score.parse_date(want):
                    continue
                got = c.get("date_start")
                kind = (
                    None
                    if (got and score.date_agrees(gi, c))
                    else ("readable, missed" if ans["date_start_pm1d"] else "not in text")
                )
            t = tally[f]
            t["n"] += 1
            if kind is None:
                t["right"] += 1
            else:
                t[kind] += 1
                if kind == "readable, missed":
                    misses[f].append(f"{g['id']}: gold {want} got {got}")
    print(
        f"{'field':12s} {'n':>5s} {'now':>7s} {'not in text':>12s} {'not as stated':>14s} "
        f"{'readable':>9s} {'ceiling':>8s}"
    )
    for f, t in tally.items():
        if not t["n"]:
            continue
        n = t["n"]
        ceil = (t["right"] + t["readable, missed"]) / n
        print(
            f"{f:12s} {n:5d} {t['right'] / n:7.1%} {t['not in text']:12d} {t['not as stated']:14d} "
            f"{t['readable, missed']:9d} {ceil:8.1%}"
        )
    if show:
        for f, ms in misses.items():
            if ms:
                print(f"\n# {f}: readable but missed ({len(ms)})")
                print("\n".join(ms))


if __name__ == "__main__":
    main()
