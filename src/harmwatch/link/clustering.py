"""Pairs → clusters: strongest links first, never two claims of one report, never a reviewer's 'not the same'."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The weight of a pair the blocking rules never compared (far apart in time or place).
UNSCORED = -20.0


@dataclass(slots=True)
class Clustering:
    """Union-find over claim keys that refuses merges breaking a constraint."""

    report: dict[str, str]
    cannot: dict[str, set[str]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    reports: dict[str, set[str]] = field(default_factory=dict)
    why: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: pair weights for average linkage; None = single linkage (connected components of the link graph)
    weights: dict[tuple[str, str], float] | None = None
    threshold: float = 0.0

    def __post_init__(self) -> None:
        for k, rep in self.report.items():
            self.parent[k] = k
            self.members[k] = [k]
            self.reports[k] = {rep}

    def find(self, x: str) -> str:
        """The cluster root of a claim (path halving keeps it flat)."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def blocked(self, ra: str, rb: str, same_report_ok: bool = False, trusted: bool = False) -> str | None:
        """Why clusters ra and rb may not join, or None."""
        if not same_report_ok and not self.reports[ra].isdisjoint(self.reports[rb]):
            return "two claims of one report"
        small, big = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        for k in self.members[small]:
            for other in self.cannot.get(k, ()):
                if other in self.parent and self.find(other) == big:
                    return "a reviewer said these are not the same"
        if self.weights is not None and not same_report_ok and not trusted:
            w = self.weights
            cross = [w.get((x, y), w.get((y, x), UNSCORED)) for x in self.members[small] for y in self.members[big]]
            if sum(cross) / len(cross) < self.threshold:
                return "the claims of the two groups do not match on average"
        return None

    def union(self, a: str, b: str, same_report_ok: bool = False, trusted: bool = False) -> bool:
        """Join the clusters of a and b unless a constraint forbids it; True when joined.

        trusted: an existing incident being rebuilt, so the linkage test (whose pairs were not rescored) is skipped."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.blocked(ra, rb, same_report_ok, trusted) is not None:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.reports[ra] |= self.reports.pop(rb)
        return True

    def groups(self) -> list[list[str]]:
        """The clusters, each sorted, in order of their first key."""
        return sorted((sorted(m) for m in self.members.values()), key=lambda g: g[0])


def cluster_pairs(report: dict[str, str], a: Sequence[str], b: Sequence[str], weight: Sequence[float],
                  threshold: float, must: Iterable[set[str]] = (), cannot: Iterable[frozenset[str]] = (),
                  start: Iterable[Iterable[str]] = (), linkage: str = "average") -> Clustering:
    """Reviewer merges first, then existing groups (`start`), then links at or above `threshold`, strongest first.

    linkage="average" joins two groups only if their claims match on average (no chaining through one
    look-alike); "single" is plain connected components of the links at or above the threshold."""
    banned: dict[str, set[str]] = {}
    for pair in cannot:
        x, y = sorted(pair)
        banned.setdefault(x, set()).add(y)
        banned.setdefault(y, set()).add(x)
    weights = {(a[i], b[i]): float(weight[i]) for i in range(len(a))} if linkage == "average" else None
    cl = Clustering(report=dict(report), cannot=banned, weights=weights, threshold=threshold)
    for must_group in must:
        keys = sorted(k for k in must_group if k in cl.parent)
        for k in keys:
            cl.why[k] = {"rule": "reviewer decision"}
        for k in keys[1:]:
            cl.union(keys[0], k, same_report_ok=True)
    for group in start:
        keys = [k for k in group if k in cl.parent]
        for k in keys[1:]:
            cl.union(keys[0], k, trusted=True)
    order = sorted((i for i in range(len(a)) if weight[i] >= threshold), key=lambda i: (-weight[i], a[i], b[i]))
    for i in order:
        x, y = a[i], b[i]
        if x not in cl.parent or y not in cl.parent:
            continue
        if cl.union(x, y):
            for k, other in ((x, y), (y, x)):
                cl.why.setdefault(k, {"rule": "splink", "with": other, "match_weight": round(weight[i], 3)})
    for k in cl.parent:
        cl.why.setdefault(k, {"rule": "no other report matched" if len(cl.members.get(cl.find(k), [])) == 1
                              else "joined with the incident's other claims"})
    return cl
