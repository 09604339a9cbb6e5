"""Incident segmentation: split a report into sentences, then group them into one span per incident."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .casualties import Mention, find_casualties
from .dates import DateCand, find_dates
from .events import has_attack, has_strong_attack
from .numbers import find_quantities
from .patterns import Patterns

# ";" joins headlines ("Clashes in Jobar;Russia/Syria: ...", UCDP/agency digests), with or without a space,
# but never inside an HTML entity ("&#8220;", "&amp;")
_SENT = re.compile(
    r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9\u0600-\u06FF])|\n\s*\n|\n(?=[A-Z\"“])|"
    r";(?<!&#\d\d\d\d;)(?<!&#\d\d\d;)(?<!&#\d\d;)(?<!&[a-z][a-z];)(?<!&[a-z][a-z][a-z];)(?<!&[a-z][a-z][a-z][a-z];)"
    r"(?<!&[a-z][a-z][a-z][a-z][a-z];)\s*|"
    r"(?<=…)\s+|(?<=&#8230;)\s*"  # a headline's ellipsis ("After X vowed… strikes hit Y") joins two headlines
)
_ABBREV = re.compile(
    r"\b(?:U\.S|U\.N|U\.K|Mr|Mrs|Dr|St|No|Gen|Lt|Col|Maj|Capt|Sgt|Brig|Jan|Feb|Aug|Sept|Sep|Oct|Nov|"
    r"Dec|a\.m|p\.m|i\.e|e\.g|vs)\.$"
)


@dataclass(slots=True)
class Unit:
    """A sentence (or the clause of one after a relative anchor) and what it says."""

    start: int
    end: int
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateCand] = field(default_factory=list)
    attack: bool = False
    statement: bool = False
    generic: bool = False
    not_incident: bool = False
    plight: bool = False
    tally: bool = False
    new_incident: bool = False
    anchor: tuple[str, str] | None = None  # (span phrase, "after"/"before")
    anchor_span: tuple[int, int] | None = None
    act_clause: tuple[int, int] | None = None  # the clause that names the act, when a plight shares the sentence
    weak: bool = False  # rules-1.7: its only act is an abduction: an incident only in a report that tells no other

    @property
    def incident(self) -> bool:
        """Tells an incident of its own: a casualty figure, or a specific attack that is not a statement."""
        if self.not_incident:
            return False
        if self.mentions:
            return True
        return self.attack and not self.statement and not self.generic and not self.plight and not self.tally


@dataclass(slots=True)
class Segment:
    """The sentences of one incident."""

    units: list[Unit]
    anchor: tuple[str, str] | None = None
    anchor_span: tuple[int, int] | None = None
    previous: Segment | None = None
    date: tuple[dt.date, dt.date, str] | None = None
    date_span: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(u.start, u.end) for u in self.units]

    @property
    def mentions(self) -> list[Mention]:
        return [m for u in self.units for m in u.mentions]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end], abbreviations ('U.S.') kept whole."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    cur = start
    for m in _SENT.finditer(text, start, end):
        if _ABBREV.search(text, max(cur, m.start() - 6), m.start()):
            continue
        if text[cur : m.start()].strip():
            out.append((cur, m.start()))
        cur = m.end()
    if text[cur:end].strip():
        out.append((cur, end))
    return [_strip(text, a, b) for a, b in out]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def build_units(text: str, pub: dt.date | None, p: Patterns, casualties_dead: bool = False) -> list[Unit]:
    """Sentences, split again at relative anchors ('only a few days after ...'), with their features.
    casualties_dead: "casualties" counts the dead in this document (see find_casualties)."""
    units: list[Unit] = []
    anchor_rx = p.rx("anchor")
    gate = p.gates.get("anchor")
    low = text.lower() if gate is not None and text.isascii() else None
    for a, b in split_sentences(text):
        cuts: list[tuple[int, tuple[str, str] | None, tuple[int, int] | None]] = [(a, None, None)]
        if low is not None and not any(low.find(g, a, b) >= 0 for g in gate):  # type: ignore[union-attr]
            anchors: Any = ()  # no word the anchor patterns need
        else:
            anchors = anchor_rx.finditer(text, a, b)
        for m in anchors:
            span, direction = m.group("span"), m.group("dir")
            if span and direction and m.start() > a:
                cuts.append((m.start(), (span, direction.lower()), (m.start(), m.end())))
        for k, (ca, anc, aspan) in enumerate(cuts):
            cb = cuts[k + 1][0] if k + 1 < len(cuts) else b
            units.append(_make_unit(text, ca, cb, anc, aspan, pub, p, casualties_dead))
    if any(u.weak for u in units) and any(u.incident and not u.weak for u in units):
        for u in units:
            if u.weak:  # "... one day after the group kidnapped eight fighters": context of the incident told
                u.attack, u.dates = False, []
    return units


def _make_unit(
    text: str,
    a: int,
    b: int,
    anchor: tuple[str, str] | None,
    aspan: tuple[int, int] | None,
    pub: dt.date | None,
    p: Patterns,
    casualties_dead: bool = False,
) -> Unit:
    u = Unit(a, b, anchor=anchor, anchor_span=aspan)
    u.not_incident = bool(p.rx("not_incident").search(text, a, b))
    if u.not_incident:
        return u  # never an incident: its figures, dates and cues are not read
    u.mentions = find_casualties(text, a, b, p, casualties_dead)
    if not u.mentions:
        # the cues only decide whether a sentence without figures tells an incident: read them lazily
        u.attack = has_attack(text, a, b, p, typed_only=False)
        if u.attack:
            u.statement = bool(p.rx("statement").search(text, a, b))
            u.generic = not u.statement and bool(p.rx("generic").search(text, a, b))
            u.plight = not (u.statement or u.generic) and bool(p.rx("plight").search(text, a, b))
            u.tally = not (u.statement or u.generic or u.plight) and _tally(text, a, b, p)
            if u.plight or u.tally:
                u.act_clause = _clause_with_act(text, a, b, p)
                if u.act_clause is not None:
                    # "Clashes in X and food aid enters Y": the clashes are still an incident
                    u.plight = u.tally = False
    if u.incident and not u.mentions:
        u.weak = not has_strong_attack(text, a, b, p)
        if u.weak and _RELEASE.search(text, a, b):
            u.attack = False  # "IS released the men it had kidnapped": the news is the release, not an abduction
    if u.incident:
        u.dates = find_dates(text, a, b, pub, p)  # only incidents are dated
        u.new_incident = bool(p.rx("new_incident").search(text, a, min(b, a + 60)))
    return u


_RELEASE = re.compile(r"\b(?:releas\w+|freed|set free|free(?:s|d)? (?:the|a|an|\d+|two|three)|swap\w*|ransom)\b", re.I)


def _tally(text: str, a: int, b: int, p: Patterns) -> bool:
    """A war-wide or cumulative count: 'since 2011', or a number of at least war_total_min."""
    return bool(p.rx("trap_cumulative").search(text, a, b)) or any(
        (q.low or 0) >= p.war_total_min for q in find_quantities(text, p, a, b)
    )


def _clause_with_act(text: str, a: int, b: int, p: Patterns) -> tuple[int, int] | None:
    """The first clause of text[a:b] (cut at the `clause_break` cues) that names a violent act and neither a
    plight nor a tally; None if there is none."""
    cuts = [(m.start(), m.end()) for m in p.rx("clause_break").finditer(text, a, b)]
    if not cuts:
        return None
    lo = a
    plight = p.rx("plight")
    for cs, ce in cuts + [(b, b)]:
        if (
            cs > lo
            and has_attack(text, lo, cs, p, typed_only=False)
            and not plight.search(text, lo, cs)
            and not _tally(text, lo, cs, p)
        ):
            return lo, cs
        lo = ce
    return None


def _event_date(u: Unit) -> DateCand | None:
    for d in u.dates:
        if not d.speech:
            return d
    return None


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], slack: int = 1) -> bool:
    return a[0] - dt.timedelta(days=slack) <= b[1] and b[0] - dt.timedelta(days=slack) <= a[1]


def group_segments(units: list[Unit], pub: dt.date | None = None) -> list[Segment]:
    """Consecutive incident sentences form one incident; an anchor, an 'in another attack' cue with
    its own figure, or a different explicit date with its own figure starts the next one."""
    segs: list[Segment] = []
    cur: Segment | None = None
    cur_date: tuple[dt.date, dt.date] | None = None
    recent = (pub - dt.timedelta(days=7), pub) if pub is not None else None
    for u in units:
        if not u.incident:
            continue
        ud = _event_date(u)
        ref = cur_date or recent  # an undated incident is news of the last days
        new = cur is None or u.anchor is not None
        if not new and u.mentions and u.new_incident:
            new = True
        if (
            not new
            and u.mentions
            and ud is not None
            and ref is not None
            and ud.kind in ("explicit", "weekday", "relative", "ago", "month", "year")
            and not _overlap(ref, (ud.start, ud.end))
        ):
            new = True
        if new:
            cur = Segment(units=[u], anchor=u.anchor, anchor_span=u.anchor_span, previous=segs[-1] if segs else None)
            segs.append(cur)
            cur_date = (ud.start, ud.end) if ud else None
        else:
            assert cur is not None
            cur.units.append(u)
            if cur_date is None and ud is not None:
                cur_date = (ud.start, ud.end)
    return segs
