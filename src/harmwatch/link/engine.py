"""Relinking: claims → clusters → incidents with stable ids, keeping every reviewer decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from harmwatch.link.ids import assign_ids
from harmwatch.link.reconcile import consolidate
from harmwatch.link.rule import LinkClaim, cluster
from harmwatch.review.decisions import read_decisions
from harmwatch.store import Store


@dataclass(slots=True)
class LinkStats:
    """What a relink did, for the summary line."""

    claims: int
    incidents: int
    redirected: int


def relink(store: Store, conn: Connection, max_km: float = 25.0, max_days: int = 1,
           sources: dict[str, dict[str, Any]] | None = None, previous: dict[str, str] | None = None
           ) -> LinkStats:
    """Rebuild the incident layer inside the caller's transaction; human decisions are replayed first."""
    rows = store.all_claims(conn)
    old = {r["id"]: r for r in store.incident_rows(conn)
           if r["redirect_to"] is None and r["review_status"] != "withdrawn"}
    if previous is None:
        previous = store.claim_assignment(conn)
    decisions = read_decisions(store.actions(conn))
    clusters = cluster([LinkClaim.from_row(r) for r in rows], decisions.must, decisions.cannot, max_km, max_days)
    ids, redirects = assign_ids([c.keys for c in clusters], previous, old)
    by_key = {r["key"]: r for r in rows}
    incidents: list[dict[str, Any]] = []
    links: list[tuple[int, str, dict[str, Any]]] = []
    for inc_id, cl in zip(ids, clusters, strict=True):
        inc = consolidate([by_key[k] for k in cl.keys], sources)
        inc["id"] = inc_id
        for field, value in decisions.overrides.get(inc_id, {}).items():
            inc["data"].setdefault("overrides", {})[field] = {"machine": inc.get(field), "value": value}
            inc[field] = value
        inc["review_status"] = decisions.status.get(inc_id, "unreviewed")
        incidents.append(inc)
        links.extend((by_key[k]["id"], inc_id, cl.why[k]) for k in cl.keys)
    store.write_incidents(conn, incidents, links, redirects)
    return LinkStats(claims=len(rows), incidents=len(incidents),
                     redirected=sum(1 for v in redirects.values() if v))
