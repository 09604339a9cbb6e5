"""Relinking: claims → scored pairs (Splink) → constrained clusters → incidents with stable ids."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from harmwatch.link import pairs as stored_pairs
from harmwatch.link.clustering import cluster_pairs
from harmwatch.link.features import add_place_frequency, feature_row, to_table
from harmwatch.link.ids import assign_ids
from harmwatch.link.model import load_model, load_model_dict, threshold_of
from harmwatch.link.neardup import copy_groups
from harmwatch.link.reconcile import consolidate
from harmwatch.link.scoring import Pairs, Scorer
from harmwatch.link.sources import load_registry, wire_group
from harmwatch.review.decisions import read_decisions
from harmwatch.store import Store
from harmwatch.store import schema as t

#: Pairs this far below the threshold are kept too, so `show --why` can tell near misses.
NEAR_MISS = 5.0


@dataclass(slots=True)
class LinkStats:
    """What a relink did, for the summary line."""

    claims: int
    incidents: int
    redirected: int
    pairs: int = 0
    scored_claims: int = 0


@dataclass(slots=True)
class LinkOptions:
    """How to link: engine, model file, threshold, hard limits and the source registry files."""

    engine: str = "duckdb"
    model_file: str | None = None
    threshold: float | None = None
    max_km: float = 25.0
    max_days: int = 2
    source_files: tuple[str, ...] = ()


def _within_limits(fa: dict[str, Any], fb: dict[str, Any], max_km: float, max_days: int) -> bool:
    """The hard limits: no link across more than max_km or more than max_days between date windows."""
    if None not in (fa["d0"], fb["d0"]) and max(fa["d0"], fb["d0"]) - min(fa["d1"], fb["d1"]) > max_days:
        return False
    if None in (fa["lat"], fb["lat"], fa["lon"], fb["lon"]):
        return True
    p1, p2 = math.radians(fa["lat"]), math.radians(fb["lat"])
    dl = math.radians(fb["lon"] - fa["lon"])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h))) <= max_km


def _texts(conn: Connection, shas: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(shas), 400):
        q = sa.select(t.reports.c.sha256, t.reports.c.text).where(t.reports.c.sha256.in_(shas[i:i + 400]))
        out.update({s: x or "" for s, x in conn.execute(q)})
    return out


def _copies(conn: Connection, groups: list[list[str]], by_key: dict[str, dict[str, Any]],
            registry: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Near-copy map over the reports of incidents that have more than one publisher."""
    need: list[list[str]] = []
    for g in groups:
        reps = {by_key[k]["sha256"]: by_key[k].get("source") for k in g}
        if len({wire_group(registry, s) or sha for sha, s in reps.items()}) > 1:
            need.append(sorted(reps))
    texts = _texts(conn, sorted({s for g in need for s in g}))
    out: dict[str, str] = {}
    for g in need:
        out.update(copy_groups({s: texts.get(s, "") for s in g}))
    return out


def _model(conn: Connection, name: str | None) -> dict[str, Any]:
    """The model to link with: a file, else a model of that name in link_models, else the shipped one."""
    if name and not Path(name).is_file():
        row = conn.execute(sa.select(t.link_models.c.params).where(t.link_models.c.name == name)).first()
        if row is None:
            raise FileNotFoundError(f"link model {name!r}: no such file and no such name in link_models")
        return load_model_dict(row[0])
    return load_model(name)


def relink(store: Store, conn: Connection, max_km: float = 25.0, max_days: int = 2,
           sources: dict[str, dict[str, Any]] | None = None, previous: dict[str, str] | None = None,
           options: LinkOptions | None = None, incremental: bool = False) -> LinkStats:
    """Rebuild the incident layer inside the caller's transaction; human decisions are replayed first.

    incremental=True scores only claims that belong to no incident yet (against everything) and keeps the
    existing incidents as they are, so new reports join the archive without relinking it."""
    opts = options or LinkOptions(max_km=max_km, max_days=max_days)
    registry = sources if sources is not None else load_registry(opts.source_files)
    model = _model(conn, opts.model_file)
    threshold = threshold_of(model) if opts.threshold is None else float(opts.threshold)
    rows = store.all_claims(conn)
    by_key = {r["key"]: r for r in rows}
    old = {r["id"]: r for r in store.incident_rows(conn)
           if r["redirect_to"] is None and r["review_status"] != "withdrawn"}
    if previous is None:
        previous = store.claim_assignment(conn)
    decisions = read_decisions(store.actions(conn))
    wires = {k: wire_group(registry, r.get("source")) or "" for k, r in by_key.items()}
    feats = {k: feature_row(r, {r.get("source") or "": wires[k]}) for k, r in by_key.items()}
    add_place_frequency(feats.values())  # over all claims, so new and archived claims weigh places alike
    new_keys = [k for k in by_key if k not in previous] if incremental else list(by_key)
    scorer = Scorer(model["splink"], engine=opts.engine)
    floor = threshold - NEAR_MISS
    if incremental:
        scored = scorer.score_new(to_table(feats[k] for k in new_keys),
                                  to_table(f for k, f in feats.items() if k in previous), floor)
        groups_prev: dict[str, list[str]] = {}
        for k, inc_id in previous.items():
            if k in by_key:
                groups_prev.setdefault(inc_id, []).append(k)
        start_groups = list(groups_prev.values())
    else:
        scored = scorer.score_all(to_table(feats.values()), floor) if len(feats) > 1 else Pairs.empty()
        start_groups = []
    ok = [i for i in range(len(scored))
          if _within_limits(feats[scored.a[i]], feats[scored.b[i]], opts.max_km, opts.max_days)]
    kept = Pairs([scored.a[i] for i in ok], [scored.b[i] for i in ok], [scored.weight[i] for i in ok],
                 [scored.probability[i] for i in ok], {g: [v[i] for i in ok] for g, v in scored.gammas.items()})
    report = {k: r["sha256"] for k, r in by_key.items()}
    cl = cluster_pairs(report, kept.a, kept.b, kept.weight, threshold, decisions.must, decisions.cannot,
                       start=start_groups)
    groups = cl.groups()
    ids, redirects = assign_ids(groups, previous, old)
    copy_of = _copies(conn, groups, by_key, registry)
    incidents: list[dict[str, Any]] = []
    links: list[tuple[int, str, dict[str, Any]]] = []
    for inc_id, keys in zip(ids, groups, strict=True):
        inc = consolidate([by_key[k] for k in keys], registry, copy_of)
        inc["id"] = inc_id
        for field, value in decisions.overrides.get(inc_id, {}).items():
            inc["data"].setdefault("overrides", {})[field] = {"machine": inc.get(field), "value": value}
            inc[field] = value
        inc["review_status"] = decisions.status.get(inc_id, "unreviewed")
        incidents.append(inc)
        links.extend((by_key[k]["id"], inc_id, cl.why[k]) for k in keys)
    store.write_incidents(conn, incidents, links, redirects)
    pair_rows = stored_pairs.rows(kept, model["splink"])
    if incremental:
        stored_pairs.add(conn, pair_rows)
    else:
        stored_pairs.replace_all(conn, pair_rows)
    return LinkStats(claims=len(rows), incidents=len(incidents),
                     redirected=sum(1 for v in redirects.values() if v), pairs=len(pair_rows),
                     scored_claims=len(new_keys))
