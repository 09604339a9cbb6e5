"""Stable incident ids: an incident keeps its id while it keeps its claims; a merge keeps the oldest."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any


def new_id(first_key: str, taken: set[str]) -> str:
    """A fresh id derived from the cluster's first claim, so a rebuilt archive gets the same ids."""
    base = "inc-" + hashlib.sha1(first_key.encode()).hexdigest()[:12]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def assign_ids(clusters: list[list[str]], previous: dict[str, str],
               old: dict[str, dict[str, Any]]) -> tuple[list[str], dict[str, str | None]]:
    """Ids for the new clusters and, for old ids no longer used, where they now point (or None)."""
    age = {i: (str(r.get("created_at")), i) for i, r in old.items()}
    pairs = []
    for ci, keys in enumerate(clusters):
        votes = Counter(previous[k] for k in keys if k in previous)
        for old_id, overlap in votes.items():
            if old_id in old:
                pairs.append((age[old_id], -overlap, ci, old_id))
    pairs.sort()
    ids: list[str | None] = [None] * len(clusters)
    used: set[str] = set()
    for _, _, ci, old_id in pairs:
        if ids[ci] is None and old_id not in used:
            ids[ci] = old_id
            used.add(old_id)
    taken = set(old) | used
    for ci, keys in enumerate(clusters):
        if ids[ci] is None:
            ids[ci] = new_id(sorted(keys)[0], taken)
            taken.add(ids[ci])  # type: ignore[arg-type]
    final = [i for i in ids if i is not None]
    redirects: dict[str, str | None] = {}
    where = {k: final[ci] for ci, keys in enumerate(clusters) for k in keys}
    for old_id in old:
        if old_id in used:
            continue
        targets = Counter(where[k] for k, i in previous.items() if i == old_id and k in where)
        redirects[old_id] = targets.most_common(1)[0][0] if targets else None
    return final, redirects
