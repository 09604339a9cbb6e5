"""Grading one document's claims against its gold main incident, and tallying the figures.

Follows shared/eval/score.py (sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead),
'scoring' section. For every gold document the gold main incident is compared with ONE claim,
the graded claim: the claim marked "main": true, else the first. Other claims count only in
the claim-level figures. Per figure, over the documents whose gold has the field: coverage
(the graded claim gives a value), accuracy (right; a missing value is wrong, except under the
"not stated = unknown" perpetrator rule), and accuracy given a prediction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

from .answerable import Evidence, answerable, gold_killed
from .fields import METRIC_KEYS
from .normalize import admin1_key, admin1_loose, loc_key
from .perpetrator import gold_classes, names_no_perpetrator, pred_class, side_classes
from .values import Number, date_window, haversine_km, num, parse_date, point, value_range

Doc = Mapping[str, Any]
Claim = Mapping[str, Any]


class MetricFigures(TypedDict):
    """One figure's counts and shares, over all documents and over the answerable ones."""

    n: int
    covered: int
    correct: int
    correct_without_pred: int
    coverage: float | None
    accuracy: float | None
    accuracy_given_pred: float | None
    n_answerable: int
    covered_answerable: int
    correct_answerable: int
    correct_without_pred_answerable: int
    coverage_answerable: float | None
    accuracy_answerable: float | None
    accuracy_given_pred_answerable: float | None


class ScoreResult(TypedDict):
    """The whole result, with the keys and numbers of `score.py --json`."""

    n_docs: int
    mean_pred_incidents_per_doc: float | None
    extra_claims_per_doc: float | None
    share_docs_with_extra_claims: float | None
    metrics: dict[str, MetricFigures]
    gold: NotRequired[str | None]
    pred: NotRequired[str | None]
    n_pred_lines: NotRequired[int]
    n_gold_docs_with_pred: NotRequired[int]
    n_pred_ids_not_in_gold: NotRequired[int]
    n_duplicate_pred_ids: NotRequired[int]


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one document fared on one figure, with the values compared (for error analysis)."""

    covered: bool
    right: bool
    answerable: bool
    gold: Any = None
    pred: Any = None

    @property
    def right_without_value(self) -> bool:
        """Right although no value was given: only the "not stated = unknown" rule does this."""
        return self.right and not self.covered


def _outcome(covered: object, correct: object, answerable: bool, gold: Any = None, pred: Any = None,
             right_without_pred: bool = False) -> Outcome:
    """An Outcome where a value counts as right only if given, unless right_without_pred."""
    cov = bool(covered)
    right = (cov and bool(correct)) or (not cov and right_without_pred)
    return Outcome(cov, right, answerable, gold, pred)


@dataclass(frozen=True, slots=True)
class DocGrade:
    """The grading of one gold document: its graded claim and an Outcome per figure it has."""

    doc_id: Any
    n_claims: int
    n_extra_claims: int
    graded_claim: Claim | None
    outcomes: dict[str, Outcome]


def main_incident(doc: Doc) -> Mapping[str, Any] | None:
    """The gold incident that is graded: the one marked main, else the first."""
    incs = [i for i in doc.get("incidents") or [] if isinstance(i, dict)]
    for i in incs:
        if i.get("main") is True:
            return i
    return incs[0] if incs else None


def pick(claims: Sequence[Claim]) -> Claim | None:
    """The graded claim: the one the system marks main, else its first claim."""
    if not claims:
        return None
    for p in claims:
        if p.get("main") is True:
            return p
    return claims[0]


def date_agrees(g: Mapping[str, Any], p: Claim) -> bool:
    """The claim's date_start is inside the gold range widened by a day each side."""
    w, d = date_window(g), parse_date(p.get("date_start"))
    return bool(w and d and w[0] <= d <= w[1])


def place_agrees(g: Mapping[str, Any], p: Claim) -> bool:
    """Same governorate (loosely), a point within 25 km, or overlapping location names."""
    ga, pa = admin1_key(g.get("admin1")), admin1_key(p.get("admin1"))
    if ga and pa and admin1_loose(ga) == admin1_loose(pa):
        return True
    gp, pp = point(g), point(p)
    if gp and pp and haversine_km(gp, pp) <= 25:
        return True
    gl, pl = loc_key(g.get("location")), loc_key(p.get("location"))
    return bool(gl and pl and (gl == pl or (min(len(gl), len(pl)) >= 4 and (gl in pl or pl in gl))))


def pick_best(g: Mapping[str, Any], claims: Sequence[Claim]) -> Claim | None:
    """The claim whose date and place agree best with the gold; for error analysis only,
    no figure uses it (a system must say which claim is its main one)."""
    if not claims:
        return None
    best: Claim = claims[0]
    best_key: tuple[int, int, int] | None = None
    for k, p in enumerate(claims):
        d, loc = date_agrees(g, p), place_agrees(g, p)
        key = (int(d) + int(loc), int(d), -k)
        if best_key is None or key > best_key:
            best, best_key = p, key
    return best if best_key is not None and best_key[0] > 0 else claims[0]


def pred_killed(p: Claim) -> Number | None:
    """Predicted deaths: killed_low, else killed."""
    v = num(p.get("killed_low"))
    return v if v is not None else num(p.get("killed"))


def pred_civilians_killed(p: Claim) -> Number | None:
    """civilians_killed_low, else civilians_killed; else the killed count only when the claim
    says the attack targeted civilians (civilian_targeting true)."""
    for k in ("civilians_killed_low", "civilians_killed"):
        v = num(p.get(k))
        if v is not None:
            return v
    return pred_killed(p) if p.get("civilian_targeting") is True else None


def pred_injured(p: Claim) -> Number | None:
    """Predicted injured: injured_low, else injured_high, else injured."""
    for k in ("injured_low", "injured_high", "injured"):
        v = num(p.get(k))
        if v is not None:
            return v
    return None


def claims_of(preds: Mapping[Any, Any], doc_id: Any) -> list[Claim]:
    """A document's predicted claims (non-dict entries ignored); [] when it has none."""
    got = preds.get(doc_id)
    if not isinstance(got, (list, tuple)):
        return []
    return [p for p in got if isinstance(p, dict)]


def _shown_dates(g: Mapping[str, Any]) -> str | None:
    """The gold date as shown in error rows: a day, or start..end for a range."""
    s, e = g.get("date_start"), g.get("date_end")
    return f"{s}..{e}" if e and e != s else s


def grade_doc(doc: Doc, claims: Sequence[Claim]) -> DocGrade | None:
    """Grade one document; None when its gold has no incident (the reference skips it)."""
    g = main_incident(doc)
    if g is None:
        return None
    n_gold = sum(isinstance(i, dict) for i in doc.get("incidents") or [])
    A = answerable(doc, g, Evidence(doc))
    p: Claim = pick(claims) or {}
    out: dict[str, Outcome] = {
        "any_incident_found": _outcome(True, bool(claims), A["any_incident_found"], n_gold, len(claims)),
    }
    gs = parse_date(g.get("date_start"))
    if gs:
        pd_ = parse_date(p.get("date_start"))
        shown = p.get("date_start")
        out["date_start_exact"] = _outcome(pd_, pd_ == gs, A["date_start_exact"], g.get("date_start"), shown)
        out["date_start_pm1d"] = _outcome(pd_, date_agrees(g, p), A["date_start_pm1d"],
                                          _shown_dates(g), shown)
    ga = admin1_key(g.get("admin1"))
    if ga:
        pa = admin1_key(p.get("admin1"))
        shown_g, shown_p = g.get("admin1"), p.get("admin1")
        out["admin1"] = _outcome(pa, pa == ga, A["admin1"], shown_g, shown_p)
        out["admin1_loose"] = _outcome(pa, pa is not None and admin1_loose(pa) == admin1_loose(ga),
                                       A["admin1_loose"], shown_g, shown_p)
    gp = point(g)
    if gp:
        pp = point(p)
        dist = haversine_km(gp, pp) if pp else None
        for metric, km in (("point_10km", 10), ("point_25km", 25)):
            out[metric] = _outcome(pp, dist is not None and dist <= km, A[metric],
                                   [*gp, g.get("location")], None if pp is None else [*pp, p.get("location")])
    prim, accepted = gold_classes(g)
    pc = pred_class(p)
    shown_pc = _shown_pred_class(p, pc)
    if accepted:
        # not stated = unknown: a graded claim that names no perpetrator at all is right (though
        # not covered) when the gold accepts 'unknown'; a document without claims gets no credit
        silent = bool(claims) and names_no_perpetrator(p)
        ordered = [prim, *sorted(accepted - {prim})]
        out["perpetrator_class"] = _outcome(pc, pc in accepted, A["perpetrator_class"], ordered, shown_pc,
                                            right_without_pred=silent and "unknown" in accepted)
        out["perpetrator_class_strict"] = _outcome(pc, pc == prim, A["perpetrator_class_strict"], prim,
                                                   shown_pc, right_without_pred=silent and prim == "unknown")
    else:
        sides = side_classes(g)
        if sides:
            out["dyad_side_class"] = _outcome(pc, pc in sides, A["dyad_side_class"], sides, shown_pc)
    gk = gold_killed(g)
    pk = pred_killed(p)
    if gk is not None:
        out["killed_exact"] = _outcome(pk is not None, pk == gk, A["killed_exact"], gk, pk)
        out["killed_pm10pct"] = _outcome(pk is not None, pk is not None and abs(pk - gk) <= 0.1 * gk,
                                         A["killed_pm10pct"], gk, pk)
    gc = num(g.get("civilians_killed"))
    if gc is not None:
        pcv = pred_civilians_killed(p)
        out["civilians_killed_exact"] = _outcome(pcv is not None, pcv == gc,
                                                 A["civilians_killed_exact"], gc, pcv)
        out["civilians_killed_pm10pct"] = _outcome(pcv is not None,
                                                   pcv is not None and abs(pcv - gc) <= 0.1 * gc,
                                                   A["civilians_killed_pm10pct"], gc, pcv)
    r = value_range(g, "killed_low", "killed_high")
    if r is not None:
        out["killed_in_range"] = _outcome(pk is not None, pk is not None and r[0] <= pk <= r[1],
                                          A["killed_in_range"], list(r), pk)
    r = value_range(g, "injured_low", "injured_high")
    if r is not None:
        pi = pred_injured(p)
        out["injured_in_range"] = _outcome(pi is not None, pi is not None and r[0] <= pi <= r[1],
                                           A["injured_in_range"], list(r), pi)
    return DocGrade(doc.get("id"), len(claims), max(0, len(claims) - n_gold), pick(claims), out)


def _shown_pred_class(p: Claim, pc: str | None) -> str | None:
    """The predicted class, with the claim's own words when they are not the class name."""
    if pc is None:
        return None
    for k in ("perpetrator", "perpetrator_raw"):
        t = p.get(k)
        if isinstance(t, str) and t.strip() and t.strip() != pc:
            return f"{pc} ({t.strip()})"
    return pc


class Tally:
    """Counts of one figure over all documents whose gold has the field, and the answerable ones."""

    __slots__ = ("n", "covered", "correct", "nopred", "n_ans", "covered_ans", "correct_ans", "nopred_ans")

    def __init__(self) -> None:
        self.n = self.covered = self.correct = self.nopred = 0
        self.n_ans = self.covered_ans = self.correct_ans = self.nopred_ans = 0

    def add(self, o: Outcome) -> None:
        """Count one document's outcome."""
        nopred = o.right_without_value
        self.n += 1
        self.covered += o.covered
        self.correct += o.right
        self.nopred += nopred
        if o.answerable:
            self.n_ans += 1
            self.covered_ans += o.covered
            self.correct_ans += o.right
            self.nopred_ans += nopred

    def figures(self) -> MetricFigures:
        """Counts and shares rounded to 4 places, as the reference reports them."""
        return {"n": self.n, "covered": self.covered, "correct": self.correct,
                "correct_without_pred": self.nopred,
                "coverage": _share(self.covered, self.n), "accuracy": _share(self.correct, self.n),
                "accuracy_given_pred": _share(self.correct - self.nopred, self.covered),
                "n_answerable": self.n_ans, "covered_answerable": self.covered_ans,
                "correct_answerable": self.correct_ans, "correct_without_pred_answerable": self.nopred_ans,
                "coverage_answerable": _share(self.covered_ans, self.n_ans),
                "accuracy_answerable": _share(self.correct_ans, self.n_ans),
                "accuracy_given_pred_answerable": _share(self.correct_ans - self.nopred_ans,
                                                         self.covered_ans)}


def _share(a: int, b: int, places: int = 4) -> float | None:
    """a / b rounded, or None when nothing was counted."""
    return round(a / b, places) if b else None


def score(gold: Sequence[Doc], preds: Mapping[Any, Sequence[Claim]], *, gold_path: str | None = None,
          pred_path: str | None = None, n_pred_lines: int | None = None,
          n_duplicate_pred_ids: int = 0) -> ScoreResult:
    """Every figure of `score.py --json` for gold documents and {doc id: [claim, ...]}.

    The file fields (gold, pred, n_pred_lines, n_duplicate_pred_ids) are only known to whoever
    read the files; score_files() passes them, in-memory callers may leave the defaults.
    """
    tallies = {k: Tally() for k in METRIC_KEYS}
    n_claims = n_extra = n_docs_extra = 0
    for doc in gold:
        grade = grade_doc(doc, claims_of(preds, doc.get("id")))
        if grade is None:
            continue
        n_claims += grade.n_claims
        n_extra += grade.n_extra_claims
        n_docs_extra += grade.n_extra_claims > 0
        for k, o in grade.outcomes.items():
            tallies[k].add(o)
    n_docs = tallies["any_incident_found"].n
    gold_ids = {d.get("id") for d in gold}
    return {"n_docs": n_docs,
            "mean_pred_incidents_per_doc": _share(n_claims, n_docs, 3),
            "extra_claims_per_doc": _share(n_extra, n_docs, 3),
            "share_docs_with_extra_claims": _share(n_docs_extra, n_docs),
            "metrics": {k: tallies[k].figures() for k in METRIC_KEYS},
            "gold": gold_path, "pred": pred_path,
            "n_pred_lines": len(preds) if n_pred_lines is None else n_pred_lines,
            "n_gold_docs_with_pred": len(gold_ids & set(preds)),
            "n_pred_ids_not_in_gold": len(set(preds) - gold_ids),
            "n_duplicate_pred_ids": n_duplicate_pred_ids}
