"""Scored pairs in the store (link_pairs): each link keeps its match weight and the comparisons behind it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from harmwatch.link.model import level_weights, prior_weight
from harmwatch.link.scoring import GAMMAS, TF_GAMMA, Pairs
from harmwatch.store import schema as t


def detail(model: dict[str, Any], partial: dict[str, float]) -> dict[str, Any]:
    """The comparisons of one pair in words (the level whose weight it got), each with its partial weight."""
    table = level_weights(model)
    comps = {}
    for g, value in partial.items():
        name = g.removeprefix("mw_")
        w = round(float(value or 0.0), 3)
        if g == TF_GAMMA:  # the place-name match re-weighed by how common the name is
            if w:
                comps["place_frequency"] = {"level": "common place name" if w < 0 else "rare place name",
                                            "weight": w}
            continue
        levels = table.get(name, {}).values()
        label = min(levels, key=lambda lv: abs(lv[1] - w))[0] if levels else ""
        if w == 0.0 and any(lv[1] == 0.0 and g_ == -1 for g_, lv in table.get(name, {}).items()):
            label = table[name][-1][0]
        comps[name] = {"level": label, "weight": w}
    return {"prior": round(prior_weight(model), 3), "comparisons": comps}


def rows(pairs: Pairs, model: dict[str, Any]) -> list[dict[str, Any]]:
    """Pairs as link_pairs rows, claim keys in order."""
    out = []
    for i in range(len(pairs)):
        a, b = sorted((pairs.a[i], pairs.b[i]))
        out.append({"claim_a": a, "claim_b": b, "match_weight": float(pairs.weight[i]),
                    "probability": float(pairs.probability[i]),
                    "detail": detail(model, {g: pairs.gammas[g][i] for g in GAMMAS})})
    return out


def replace_all(conn: Connection, new_rows: list[dict[str, Any]]) -> None:
    """A full relink: the scored pairs are these and no others."""
    conn.execute(sa.delete(t.link_pairs))
    _insert(conn, new_rows)


def add(conn: Connection, new_rows: list[dict[str, Any]]) -> None:
    """An incremental link: new pairs are added, a pair scored again replaces its old score."""
    for chunk in _chunks(new_rows, 500):
        for r in chunk:
            conn.execute(sa.delete(t.link_pairs).where(t.link_pairs.c.claim_a == r["claim_a"],
                                                       t.link_pairs.c.claim_b == r["claim_b"]))
    _insert(conn, new_rows)


def _insert(conn: Connection, new_rows: list[dict[str, Any]]) -> None:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for r in new_rows:
        seen[(r["claim_a"], r["claim_b"])] = r
    for chunk in _chunks(list(seen.values()), 1000):
        conn.execute(sa.insert(t.link_pairs), chunk)


def among(conn: Connection, keys: Iterable[str]) -> list[dict[str, Any]]:
    """Stored pairs between the given claims, strongest first: the 'why' of an incident."""
    keys = sorted(set(keys))
    out: list[dict[str, Any]] = []
    for chunk in _chunks(keys, 400):
        q = sa.select(t.link_pairs).where(t.link_pairs.c.claim_a.in_(chunk))
        out.extend(dict(r) for r in conn.execute(q).mappings() if r["claim_b"] in set(keys))
    return sorted(out, key=lambda r: (-r["match_weight"], r["claim_a"], r["claim_b"]))


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
