"""Reviewer decisions read back from the audit log as constraints and overrides that linking obeys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

ACTIONS = ("verify", "reject", "edit", "grade", "merge", "split", "unlink", "publish_text", "mark_sensitive")
EDITABLE_FIELDS = (
    "date_start", "date_end", "date_precision", "country", "admin1", "admin2", "location", "lat", "lon",
    "geo_precision", "perpetrator", "perpetrator_class", "event_type", "sub_event_type",
    "killed_low", "killed_best", "killed_high", "civilians_killed_low", "civilians_killed_best",
    "civilians_killed_high", "injured_low", "injured_best", "injured_high",
)


@dataclass(slots=True)
class Decisions:
    """What every relink must keep: claims held together, claims held apart, fields set by people."""

    must: list[set[str]] = field(default_factory=list)
    cannot: set[frozenset[str]] = field(default_factory=set)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)


def read_decisions(actions: list[dict[str, Any]]) -> Decisions:
    """Replay the log in order; a later decision on the same pair of claims wins."""
    must_pairs: set[frozenset[str]] = set()
    cannot: set[frozenset[str]] = set()
    out = Decisions()
    for act in actions:
        kind, payload, inc = act["action"], act["payload"], act["incident_id"]
        if kind == "merge":
            keys = sorted(set(payload.get("claims", [])))
            for a, b in combinations(keys, 2):
                must_pairs.add(frozenset((a, b)))
                cannot.discard(frozenset((a, b)))
        elif kind in ("split", "unlink"):
            moved = sorted(set(payload.get("claims", [])))
            rest = sorted(set(payload.get("rest", [])) - set(moved))
            for a in moved:
                for b in rest:
                    cannot.add(frozenset((a, b)))
                    must_pairs.discard(frozenset((a, b)))
            if kind == "split":
                for a, b in combinations(moved, 2):
                    must_pairs.add(frozenset((a, b)))
                    cannot.discard(frozenset((a, b)))
        elif kind == "edit" and inc:
            out.overrides.setdefault(inc, {})[payload["field"]] = payload.get("value")
        elif kind == "grade" and inc:
            out.overrides.setdefault(inc, {})["grade"] = payload["grade"]
        elif kind == "verify" and inc:
            out.status[inc] = "verified"
        elif kind == "reject" and inc:
            out.status[inc] = "rejected"
    out.must = _components(must_pairs)
    out.cannot = cannot
    return out


def _components(pairs: set[frozenset[str]]) -> list[set[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        a, b = sorted(pair)
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    return sorted(groups.values(), key=lambda g: sorted(g)[0])


CLAIM_ACTIONS = ("merge", "split", "unlink")
INCIDENT_ACTIONS = ("verify", "reject", "edit", "grade")


def stale_decisions(actions: list[dict[str, Any]], claim_keys: set[str],
                    live_incident: Callable[[str], bool]) -> list[dict[str, Any]]:
    """Decisions that no longer bind: they name claims a re-extraction dropped, or an incident that is gone.

    Such a decision stays in the audit log (it is history) but no longer constrains linking, so a reviewer
    must see it and decide again.
    """
    out: list[dict[str, Any]] = []
    for act in actions:
        kind, payload, inc = act["action"], act["payload"] or {}, act["incident_id"]
        missing: list[str] = []
        if kind in CLAIM_ACTIONS:
            named = set(payload.get("claims", [])) | set(payload.get("rest", []))
            missing = sorted(k for k in named if k not in claim_keys)
        gone = bool(kind in INCIDENT_ACTIONS and inc and not live_incident(inc))
        if missing or gone:
            out.append({**act, "missing_claims": missing, "incident_gone": gone})
    return out
