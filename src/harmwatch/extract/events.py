"""Event types: the ACLED event and sub-event type of an incident from its trigger words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import EventRule, Patterns


@dataclass(frozen=True, slots=True)
class EventHit:
    """The trigger that typed an incident."""

    rule: EventRule
    start: int
    end: int


def find_event(text: str, spans: list[tuple[int, int]], p: Patterns, typed_only: bool = True) -> EventHit | None:
    """Highest-priority trigger in the spans (ties: first in text); typed_only skips untyped triggers."""
    best: EventHit | None = None
    for lo, hi in spans:
        for rule in p.events:
            if typed_only and rule.event_type is None:
                continue
            if best is not None and rule.priority <= best.rule.priority:
                continue
            m = rule.rx.search(text, lo, hi)
            if m:
                best = EventHit(rule, m.start(), m.end())
    return best


def has_attack(text: str, lo: int, hi: int, p: Patterns, typed_only: bool = True) -> bool:
    """True when the span names a violent act (a trigger marked attack: true)."""
    return bool(p.rx("attack_typed" if typed_only else "attack_any").search(text, lo, hi))


# rules-1.7: families whose act harms no one's body (an abduction): such a sentence tells an incident only
# when the report tells no other
WEAK_ACTS = frozenset({"abduction_act"})
_STRONG: dict[int, re.Pattern[str]] = {}


def has_strong_attack(text: str, lo: int, hi: int, p: Patterns) -> bool:
    """True when the span names a violent act other than the weak ones (WEAK_ACTS)."""
    rx = _STRONG.get(id(p))
    if rx is None:
        trig = [t for r in p.events if r.attack and r.name not in WEAK_ACTS for t in r.triggers]
        rx = re.compile(r"\b(?:" + "|".join(trig) + r")\b" if trig else r"(?!x)x", re.I)
        _STRONG[id(p)] = rx
    return bool(rx.search(text, lo, hi))
