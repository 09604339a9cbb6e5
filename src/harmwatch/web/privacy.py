"""What the public may see of report text: evidence quotes, minus anything a reviewer withheld."""

from __future__ import annotations

from typing import Any

WITHHELD = "[withheld]"
Span = tuple[int, int]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def pieces(text: str, offset: int, marks: list[Span], sensitive: list[Span], public: bool
           ) -> list[dict[str, Any]]:
    """Cut text (starting at `offset` in its report) into runs flagged evidence/sensitive.

    For the public, sensitive runs are replaced by a placeholder, never sent; reviewers see them flagged.
    """
    end = offset + len(text)
    cuts = {offset, end}
    for s, e in [*marks, *sensitive]:
        cuts.update(x for x in (s, e) if offset < x < end)
    points = sorted(cuts)
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:], strict=False):
        if a >= b:
            continue
        is_sens = any(_overlaps((a, b), s) for s in sensitive)
        is_mark = any(_overlaps((a, b), m) for m in marks)
        chunk = text[a - offset:b - offset]
        if is_sens and public:
            if out and out[-1]["withheld"]:
                continue
            out.append({"text": WITHHELD, "mark": is_mark, "sensitive": True, "withheld": True})
            continue
        out.append({"text": chunk, "mark": is_mark, "sensitive": is_sens, "withheld": False})
    return out


def quote_for(evidence: dict[str, Any], sensitive: list[Span], public: bool) -> dict[str, Any]:
    """An evidence quote as runs; for the public, withheld parts are replaced."""
    quote = str(evidence.get("quote") or "")
    start = evidence.get("start")
    if start is None:
        # a quote with no offsets cannot be checked against withheld spans: the public gets nothing of it
        if public and sensitive:
            return {"text": WITHHELD, "pieces": [{"text": WITHHELD, "mark": True, "sensitive": True,
                                                  "withheld": True}]}
        return {"text": quote, "pieces": [{"text": quote, "mark": True, "sensitive": False, "withheld": False}]}
    start = int(start)
    runs = pieces(quote, start, [(start, start + len(quote))], sensitive, public)
    return {"text": "".join(r["text"] for r in runs), "pieces": runs, "start": start,
            "end": start + len(quote)}


def context_for(text: str, evidence: dict[str, Any], sensitive: list[Span], around: int = 120) -> dict[str, Any]:
    """The sentence around an evidence quote, for signed-in reviewers (the quote highlighted)."""
    start, end = int(evidence["start"]), int(evidence["end"])
    a, b = max(0, start - around), min(len(text), end + around)
    return {"pieces": pieces(text[a:b], a, [(start, end)], sensitive, public=False),
            "cut_start": a > 0, "cut_end": b < len(text)}


def redact_text(text: str, sensitive: list[Span]) -> str:
    """A report's text with withheld spans replaced: what the public reads of a published text."""
    return "".join(r["text"] for r in pieces(text, 0, [], sensitive, public=True))


def public_claim(data: dict[str, Any], sensitive: list[Span], public: bool) -> dict[str, Any]:
    """A claim with its evidence quotes as runs; the public never gets a withheld part of a quote."""
    out = {k: v for k, v in data.items() if k != "evidence"}
    evidence = data.get("evidence") or {}
    out["evidence"] = {k: quote_for(v, sensitive, public) for k, v in evidence.items() if isinstance(v, dict)}
    raw_ev = evidence.get("perpetrator")
    if public and isinstance(raw_ev, dict) and out["evidence"].get("perpetrator", {}).get("text") != raw_ev.get(
            "quote") and out.get("perpetrator_raw"):
        out["perpetrator_raw"] = WITHHELD
    return out
