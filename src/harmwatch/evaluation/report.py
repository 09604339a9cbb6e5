"""The human table of a score result, and per-document error rows for error analysis.

The table follows table() of shared/eval/score.py
(sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead) line for line, so
the two can be compared by eye or by diff.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from .fields import METRICS, metric_key
from .metrics import Claim, Doc, ScoreResult, claims_of, grade_doc


def _pct(v: float | None) -> str:
    """A share as a 7-wide percentage, or a dash when there was nothing to count."""
    return "   -   " if v is None else f"{100 * v:6.1f}%"


def format_table(res: ScoreResult | Mapping[str, Any]) -> str:
    """Per figure n / coverage / accuracy / acc|pred, all and answerable side by side,
    under a header line with the claim-level figures."""
    gold = res.get("gold")
    lines = [f"gold {'-' if gold is None else gold}: {res['n_docs']} docs; predictions for "
             f"{res.get('n_gold_docs_with_pred', '-')} of them; "
             f"{res.get('n_pred_ids_not_in_gold', 0)} pred ids not in gold; "
             f"{res['mean_pred_incidents_per_doc']} predicted claims/doc; "
             f"{res.get('extra_claims_per_doc')} extra claims/doc (beyond the gold incidents), on "
             f"{_pct(res.get('share_docs_with_extra_claims')).strip()} of docs",
             f"{'metric':32s} {'n':>6s} {'cov':>7s} {'acc':>7s} {'acc|pred':>9s}   "
             f"{'n_ans':>6s} {'cov_ans':>7s} {'acc_ans':>7s} {'acc|pred_ans':>12s}"]
    for k, label in METRICS:
        m = res["metrics"][k]
        if not m["n"]:
            lines.append(f"{label:32s} {0:6d}    (gold has no such field)")
            continue
        # every document counts for 'any incident found', so its coverage says nothing
        any_ = k == "any_incident_found"
        cov = "   -   " if any_ else _pct(m["coverage"])
        accp = "    -    " if any_ else f"{_pct(m['accuracy_given_pred']):>9s}"
        cov_a = "   -   " if any_ else _pct(m["coverage_answerable"])
        accp_a = "-" if any_ else _pct(m["accuracy_given_pred_answerable"])
        lines.append(f"{label:32s} {m['n']:6d} {cov:>7s} {_pct(m['accuracy']):>7s} {accp}   "
                     f"{m['n_answerable']:6d} {cov_a:>7s} {_pct(m['accuracy_answerable']):>7s} {accp_a:>12s}")
    lines.append("(*_ans: over the documents whose text evidences the gold value; see 'answerability')")
    return "\n".join(lines)


class ErrorRow(TypedDict):
    """One document the graded claim got wrong on one figure."""

    id: Any
    field: str           # the metric key
    gold: Any            # the gold value compared (classes: primary first)
    pred: Any            # the predicted value compared; None when the claim gave none
    quote: str | None    # the graded claim's evidence quote for that value, if it has one
    answerable: bool     # whether the document's own text states the gold value
    covered: bool        # whether the graded claim gave a value at all


#: Evidence keys tried, in order, for the quote behind a figure's predicted value.
EVIDENCE_KEYS: dict[str, tuple[str, ...]] = {
    "any_incident_found": (),
    "date_start_exact": ("date_start", "date_end", "date"),
    "date_start_pm1d": ("date_start", "date_end", "date"),
    "admin1": ("admin1", "location"),
    "admin1_loose": ("admin1", "location"),
    "point_10km": ("location", "lat", "lon"),
    "point_25km": ("location", "lat", "lon"),
    "perpetrator_class": ("perpetrator", "perpetrator_raw", "perpetrator_class"),
    "perpetrator_class_strict": ("perpetrator", "perpetrator_raw", "perpetrator_class"),
    "dyad_side_class": ("perpetrator", "perpetrator_raw", "perpetrator_class"),
    "killed_exact": ("killed_low", "killed", "killed_high"),
    "killed_pm10pct": ("killed_low", "killed", "killed_high"),
    "civilians_killed_exact": ("civilians_killed_low", "civilians_killed", "civilians_killed_high",
                               "killed_low", "killed"),
    "civilians_killed_pm10pct": ("civilians_killed_low", "civilians_killed", "civilians_killed_high",
                                 "killed_low", "killed"),
    "killed_in_range": ("killed_low", "killed", "killed_high"),
    "injured_in_range": ("injured_low", "injured_high", "injured"),
}


def evidence_quote(claim: Claim | None, keys: Sequence[str]) -> str | None:
    """The first quote claim["evidence"][key]["quote"] among keys; None if there is none."""
    ev = claim.get("evidence") if claim else None
    if not isinstance(ev, Mapping):
        return None
    for k in keys:
        span = ev.get(k)
        if isinstance(span, Mapping) and isinstance(span.get("quote"), str) and span["quote"].strip():
            return str(span["quote"])
    return None


def error_rows(gold: Sequence[Doc], preds: Mapping[Any, Sequence[Claim]], field: str, *,
               answerable_only: bool = False) -> list[ErrorRow]:
    """Documents whose graded claim is wrong (or silent) on `field`, in gold order, so a reader
    can see gold and prediction side by side with the quote the prediction came from.

    `field` is a metric key of the result ("admin1", "killed_exact", ...) or a short alias
    ("date_pm1", "killed", "perpetrator", ...); ValueError for anything else.
    """
    key = metric_key(field)
    rows: list[ErrorRow] = []
    for doc in gold:
        grade = grade_doc(doc, claims_of(preds, doc.get("id")))
        if grade is None or key not in grade.outcomes:
            continue
        o = grade.outcomes[key]
        if o.right or (answerable_only and not o.answerable):
            continue
        rows.append({"id": grade.doc_id, "field": key, "gold": o.gold, "pred": o.pred,
                     "quote": evidence_quote(grade.graded_claim, EVIDENCE_KEYS[key]) if o.covered else None,
                     "answerable": o.answerable, "covered": o.covered})
    return rows
