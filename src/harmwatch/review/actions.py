"""Review actions: verify, reject, edit, grade, merge, split, unlink; each one appended to the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from harmwatch.link.engine import relink
from harmwatch.link.reconcile import GRADES
from harmwatch.review.decisions import EDITABLE_FIELDS, stale_decisions
from harmwatch.store import GENESIS_HASH, Store, action_hash


class ReviewError(ValueError):
    """A review action that cannot be applied; nothing is written."""


_INT_FIELDS = {f for f in EDITABLE_FIELDS if f.endswith(("_low", "_best", "_high")) or f == "geo_precision"}
_FLOAT_FIELDS = {"lat", "lon"}
_DATE_FIELDS = {"date_start", "date_end"}


def _coerce(field: str, value: str | None) -> Any:
    if value is None or value == "" or value.lower() == "null":
        return None
    try:
        if field in _INT_FIELDS:
            number = int(value)
            if number < 0:
                raise ValueError("must not be negative")
            return number
        if field in _FLOAT_FIELDS:
            return float(value)
        if field in _DATE_FIELDS:
            return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ReviewError(f"edit {field}: {value!r} is not valid ({exc})") from None
    return value


def apply_review(store: Store, who: str, action: str, incident_id: str, reason: str, *,
                 others: list[str] | None = None, claims: list[str] | None = None,
                 field: str | None = None, value: str | None = None, grade: str | None = None,
                 max_km: float = 25.0, max_days: int = 1) -> dict[str, Any]:
    """Check the action, append it to the log and relink, all in one transaction."""
    if not who.strip():
        raise ReviewError("a review action needs the reviewer's name (--who)")
    if not reason.strip():
        raise ReviewError("a review action needs a reason (--why)")
    with store.begin() as conn:
        real = store.resolve_incident_id(conn, incident_id)
        if real is None:
            raise ReviewError(f"incident {incident_id}: not found")
        assignment = store.claim_assignment(conn)
        members = sorted(k for k, i in assignment.items() if i == real)
        payload: dict[str, Any]
        if action in ("verify", "reject"):
            payload = {}
        elif action == "edit":
            if field not in EDITABLE_FIELDS:
                raise ReviewError(f"edit: field {field!r} cannot be edited; one of {', '.join(EDITABLE_FIELDS)}")
            payload = {"field": field, "value": _coerce(field, value)}
        elif action == "grade":
            if grade not in GRADES:
                raise ReviewError(f"grade: {grade!r} is not one of {', '.join(GRADES)}")
            payload = {"grade": grade}
        elif action == "merge":
            if not others:
                raise ReviewError("merge: name the incidents to merge into this one")
            keys = set(members)
            merged = []
            for other in others:
                o = store.resolve_incident_id(conn, other)
                if o is None:
                    raise ReviewError(f"merge: incident {other}: not found")
                if o == real:
                    raise ReviewError(f"merge: {other} is {real} already")
                merged.append(o)
                keys |= {k for k, i in assignment.items() if i == o}
            payload = {"into": real, "from": merged, "claims": sorted(keys)}
        elif action in ("split", "unlink"):
            moved = sorted(set(claims or []))
            if not moved:
                raise ReviewError(f"{action}: name the claims (keys) to take out of {real}")
            unknown = [k for k in moved if k not in members]
            if unknown:
                raise ReviewError(f"{action}: claims {', '.join(unknown)} are not in incident {real}")
            if len(moved) == len(members):
                raise ReviewError(f"{action}: that would take every claim out of {real}")
            payload = {"claims": moved, "rest": [k for k in members if k not in moved]}
        else:
            raise ReviewError(f"unknown review action {action!r}")
        row = store.append_action(conn, who.strip(), action, real, payload, reason.strip())
        relink(store, conn, max_km=max_km, max_days=max_days)
    return row


def verify_chain(store: Store) -> tuple[bool, int, str]:
    """Recompute every link of the audit chain: (intact, entries checked, first problem)."""
    with store.begin() as conn:
        actions = store.actions(conn)
    prev = GENESIS_HASH
    for n, act in enumerate(actions, start=1):
        at = act["at"]
        if at.tzinfo is None:  # SQLite gives naive datetimes back; they were written in UTC
            at = at.replace(tzinfo=dt.UTC)
        at_text = at.astimezone(dt.UTC).isoformat()
        if act["prev_hash"] != prev:
            return False, n, f"entry {act['seq']}: chain broken (prev_hash does not match entry before)"
        digest = action_hash(prev, at_text, act["who"], act["action"], act["incident_id"], act["payload"],
                             act["reason"])
        if digest != act["hash"]:
            return False, n, f"entry {act['seq']}: content changed since it was written"
        prev = act["hash"]
    return True, len(actions), ""


def find_stale(store: Store) -> list[dict[str, Any]]:
    """Logged decisions that name claims or incidents the current extraction no longer has."""
    with store.begin() as conn:
        return stale_decisions(store.actions(conn), store.claim_keys(conn),
                               lambda i: store.resolve_incident_id(conn, i) is not None)
