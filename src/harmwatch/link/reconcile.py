"""An incident's fields from its claims: casualty ranges (low–best–high), actors side by side, a grade."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from harmwatch.link.sources import canonical, lookup, wire_group

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

#: (incident column prefix, claim low key, claim high key, evidence key)
FIGURES = (
    ("killed", "killed_low", "killed_high", "killed"),
    ("civilians_killed", "civilians_killed_low", "civilians_killed_high", "civilians_killed"),
    ("injured", "injured_low", "injured_high", "injured"),
)


def casualty_range(claims: list[tuple[int | None, int | None]]) -> tuple[int | None, int | None, int | None]:
    """Low = lowest claim low; high = highest claim high (open if a bare minimum tops every high);
    best = median of the claims' point values (exact count, else the low); low <= best <= high."""
    given = [(lo, hi) for lo, hi in claims if lo is not None or hi is not None]
    if not given:
        return None, None, None
    lows = [lo if lo is not None else hi for lo, hi in given]
    low = min(v for v in lows if v is not None)
    highs = [hi for _, hi in given if hi is not None]
    minima_only = [lo for lo, hi in given if hi is None and lo is not None]
    high: int | None
    if not highs or any(m > max(highs) for m in minima_only):
        high = None
    else:
        high = max(highs)
    points = [lo if lo is not None else hi for lo, hi in given]
    best = int(statistics.median_low(sorted(v for v in points if v is not None)))
    best = max(best, low)
    if high is not None:
        best = min(best, high)
    return low, best, high


def consolidate(members: list[dict[str, Any]], sources: dict[str, dict[str, Any]] | None = None,
                copy_of: dict[str, str] | None = None) -> dict[str, Any]:
    """The incident record for a cluster of claim rows (as Store.all_claims gives them).

    `sources` is the source registry (link.sources.load_registry); `copy_of` maps a report's sha256 to the
    first report whose text it nearly duplicates, so a republished wire story is not a second source."""
    sources = sources or {}
    claims = [m["data"] for m in members]
    order = sorted(range(len(members)), key=lambda i: (
        claims[i].get("geo_precision") or 9,
        PRECISION_RANK.get(claims[i].get("date_precision") or "", 9),
        not claims[i].get("main"),
        str(members[i].get("published") or ""),
        members[i]["key"],
    ))
    rep = claims[order[0]]
    inc: dict[str, Any] = {k: rep.get(k) for k in (
        "date_start", "date_end", "date_precision", "country", "admin1", "admin2", "location", "lat", "lon",
        "geo_precision", "event_type", "sub_event_type")}
    perps = Counter(c.get("perpetrator") for c in claims if c.get("perpetrator"))
    classes = {c.get("perpetrator_class") for c in claims if c.get("perpetrator_class")} - {"unknown"}
    if perps:
        top = perps.most_common(1)[0][0]
        inc["perpetrator"] = top
        inc["perpetrator_class"] = next(c.get("perpetrator_class") for c in claims if c.get("perpetrator") == top)
    else:
        inc["perpetrator"] = inc["perpetrator_class"] = None
    figures: dict[str, list[dict[str, Any]]] = {}
    for prefix, lo_key, hi_key, ev_key in FIGURES:
        pairs = []
        for m, c in zip(members, claims, strict=True):
            if c.get(lo_key) is None and c.get(hi_key) is None:
                continue
            pairs.append((c.get(lo_key), c.get(hi_key)))
            ev = (c.get("evidence") or {}).get(ev_key) or {}
            figures.setdefault(prefix, []).append({"claim": m["key"], "report": m["ext_id"], "low": c.get(lo_key),
                                                   "high": c.get(hi_key), "quote": ev.get("quote")})
        inc[f"{prefix}_low"], inc[f"{prefix}_best"], inc[f"{prefix}_high"] = casualty_range(pairs)
    publishers = _independent_sources(members, sources, copy_of or {})
    contested = len(classes) > 1
    confirmed = any(
        ((lookup(sources, m.get("source")) or {}).get("kind") == "party to the conflict"
         and (lookup(sources, m.get("source")) or {}).get("class") == inc["perpetrator_class"]
         and inc["perpetrator_class"] is not None)
        for m in members)
    if contested:
        grade = "contested"
    elif confirmed:
        grade = "confirmed"
    elif len(publishers) >= 2:
        grade = "fair"
    else:
        grade = "weak"
    inc["grade"] = grade
    inc["data"] = {
        "perpetrators": [{"perpetrator": p, "perpetrator_class": next(
            c.get("perpetrator_class") for c in claims if c.get("perpetrator") == p),
            "claims": [m["key"] for m, c in zip(members, claims, strict=True) if c.get("perpetrator") == p]}
            for p, _ in perps.most_common()],
        "figures": figures,
        "sources": sorted({canonical(sources, m.get("source")) or "unattributed" for m in members}),
        "independent_sources": sorted(publishers),
        "grade_computed": grade,
        "grade_reason": _grade_reason(grade, publishers, classes),
        "representative_claim": members[order[0]]["key"],
    }
    return inc


def _independent_sources(members: list[dict[str, Any]], registry: dict[str, dict[str, Any]],
                         copy_of: dict[str, str]) -> set[str]:
    """Independent voices: one per publisher (wire group), and near-copies of one text count once."""
    by_report: dict[str, str] = {}
    for m in members:
        by_report[m["sha256"]] = (wire_group(registry, m.get("source"))
                                  or f"unattributed report {m['text_sha256'][:12]}")
    out = set()
    for sha, key in by_report.items():
        first = copy_of.get(sha, sha)
        out.add(by_report.get(first, key) if first != sha else key)
    return out


def _grade_reason(grade: str, publishers: set[str], classes: set[str]) -> str:
    if grade == "contested":
        return "sources blame different actors: " + ", ".join(sorted(classes))
    if grade == "confirmed":
        return "a party to the conflict reported its own action"
    if grade == "fair":
        return f"{len(publishers)} independent sources"
    return "a single source"
