"""Pairs → clusters: strongest links first, never two claims of one report, never a reviewer's 'not the same'.

The work is split by connected component of the links at or above the threshold (plus reviewer merges and
existing incidents): no merge ever crosses a component. A component whose claims all link pairwise, from
distinct reports and with no reviewer decision, is one incident whatever the order (every average is above
the threshold) and is settled with numpy; only the others run the sequential average-linkage walk, each on
its own few pairs. So a million claims cluster in seconds and the memory is a few arrays of the links.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

#: The weight of a pair the blocking rules never compared (far apart in time or place).
UNSCORED = -20.0


@dataclass(slots=True)
class Clustering:
    """Union-find over claim keys that refuses merges breaking a constraint (the sequential walk)."""

    report: dict[Hashable, Hashable]
    cannot: dict[Hashable, set[Hashable]] = field(default_factory=dict)
    parent: dict[Hashable, Hashable] = field(default_factory=dict)
    members: dict[Hashable, list[Hashable]] = field(default_factory=dict)
    reports: dict[Hashable, set[Hashable]] = field(default_factory=dict)
    why: dict[Hashable, dict[str, Any]] = field(default_factory=dict)
    #: pair weights for average linkage; None = single linkage (connected components of the link graph)
    weights: dict[tuple[Hashable, Hashable], float] | None = None
    threshold: float = 0.0

    def __post_init__(self) -> None:
        for k, rep in self.report.items():
            self.parent[k] = k
            self.members[k] = [k]
            self.reports[k] = {rep}

    def find(self, x: Hashable) -> Hashable:
        """The cluster root of a claim (path halving keeps it flat)."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def blocked(self, ra: Hashable, rb: Hashable, same_report_ok: bool = False, trusted: bool = False) -> str | None:
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

    def union(self, a: Hashable, b: Hashable, same_report_ok: bool = False, trusted: bool = False) -> bool:
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


@dataclass(slots=True)
class IndexedClusters:
    """Clusters of claims numbered 0..n-1: a label per claim (the smallest claim number of its cluster) and,
    per claim, the pair (index into the input pairs) that first joined it, -1 if none, -2 for a reviewer's."""

    label: np.ndarray
    via: np.ndarray


def cluster_indexed(report: np.ndarray, a: np.ndarray, b: np.ndarray, weight: np.ndarray, threshold: float,
                    must: Sequence[Sequence[int]] = (), cannot: Iterable[tuple[int, int]] = (),
                    start: Sequence[Sequence[int]] = (), linkage: str = "average") -> IndexedClusters:
    """Reviewer merges first (`must`), then existing groups (`start`), then links at or above `threshold`,
    strongest first (ties by claim numbers); claims are numbered 0..n-1, `report` gives each one's report.

    linkage="average" joins two groups only if their claims match on average (no chaining through one
    look-alike); "single" is plain connected components of the links at or above the threshold."""
    n = len(report)
    report = np.asarray(report)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    weight = np.asarray(weight, dtype=np.float64)
    strong = np.flatnonzero((weight >= threshold) & (report[a] != report[b]) & (a != b))
    extra_a: list[int] = []
    extra_b: list[int] = []
    for g in [*must, *start]:
        g = list(g)
        extra_a += g[:1] * (len(g) - 1)
        extra_b += g[1:]
    ea = np.concatenate([a[strong], np.asarray(extra_a, dtype=np.int64)])
    eb = np.concatenate([b[strong], np.asarray(extra_b, dtype=np.int64)])
    graph = coo_matrix((np.ones(len(ea), dtype=np.int8), (ea, eb)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    comp = comp.astype(np.int64)
    size = np.bincount(comp, minlength=n)
    # components needing the sequential walk: reviewer decisions, repeated reports, or not fully linked
    slow = np.zeros(len(size), dtype=bool)
    touched = [k for g in [*must, *start] for k in g] + [k for p in cannot for k in p]
    slow[comp[np.asarray(touched, dtype=np.int64)]] = True
    edges = np.bincount(comp[a[strong]], minlength=len(size))
    if linkage == "average":
        slow |= (size > 1) & (edges != size * (size - 1) // 2)
    rep64 = report.astype(np.int64)
    comp_rep = np.unique(comp * (int(rep64.max(initial=0)) + 1) + rep64) // (int(rep64.max(initial=0)) + 1)
    slow |= np.bincount(comp_rep, minlength=len(size)) != size
    label = np.empty(n, dtype=np.int64)
    first = np.full(len(size), n, dtype=np.int64)
    np.minimum.at(first, comp, np.arange(n))
    label[:] = first[comp]
    via = np.full(n, -1, dtype=np.int64)
    # fast components: each claim's strongest link joined it first
    order = strong[np.lexsort((b[strong], a[strong], -weight[strong]))]
    fast_pair = order[~slow[comp[a[order]]]]
    ends = np.concatenate([a[fast_pair], b[fast_pair]])
    rank = np.concatenate([np.arange(len(fast_pair)), np.arange(len(fast_pair))])
    uniq = np.unique(ends)
    first_rank = np.full(len(uniq), len(fast_pair), dtype=np.int64)
    np.minimum.at(first_rank, np.searchsorted(uniq, ends), rank)
    via[uniq] = fast_pair[first_rank]
    slow_comps = np.flatnonzero(slow & (size > 1))
    if len(slow_comps):
        _walk(slow_comps, comp, report, a, b, weight, threshold, order, must, cannot, start, linkage, label, via)
    return IndexedClusters(label, via)


def _walk(slow_comps: np.ndarray, comp: np.ndarray, report: np.ndarray, a: np.ndarray, b: np.ndarray,
          weight: np.ndarray, threshold: float, order: np.ndarray, must: Sequence[Sequence[int]],
          cannot: Iterable[tuple[int, int]], start: Sequence[Sequence[int]], linkage: str,
          label: np.ndarray, via: np.ndarray) -> None:
    """The sequential walk, component by component, over the components that need it."""
    is_slow = np.zeros(comp.max() + 1, dtype=bool)
    is_slow[slow_comps] = True
    nodes = np.flatnonzero(is_slow[comp])
    node_groups = _split(nodes, comp[nodes])
    inside = np.flatnonzero((comp[a] == comp[b]) & is_slow[comp[a]])
    pair_groups = _split(inside, comp[a[inside]])
    link_order = order[is_slow[comp[a[order]]]]
    link_groups = _split(link_order, comp[a[link_order]])
    banned: dict[int, list[tuple[int, int]]] = {}
    for x, y in cannot:
        banned.setdefault(int(comp[x]), []).append((int(x), int(y)))
    decided: dict[int, list[tuple[str, list[int]]]] = {}
    for kind, groups in (("must", must), ("start", start)):
        for g in groups:
            if len(g):
                decided.setdefault(int(comp[g[0]]), []).append((kind, [int(k) for k in g]))
    for c, members in node_groups.items():
        rep: dict[Hashable, Hashable] = {int(k): int(report[k]) for k in members}
        ban: dict[Hashable, set[Hashable]] = {}
        for x, y in banned.get(c, []):
            ban.setdefault(x, set()).add(y)
            ban.setdefault(y, set()).add(x)
        ps = pair_groups.get(c, np.zeros(0, dtype=np.int64))
        weights: dict[tuple[Hashable, Hashable], float] | None = None
        if linkage == "average":
            weights = dict(zip(zip(a[ps].tolist(), b[ps].tolist(), strict=True), weight[ps].tolist(), strict=True))
        cl = Clustering(report=rep, cannot=ban, weights=weights, threshold=threshold)
        for kind, g in decided.get(c, []):
            keys = sorted(g) if kind == "must" else g
            if kind == "must":
                via[keys] = -2
                for k in keys[1:]:
                    cl.union(keys[0], k, same_report_ok=True)
            else:
                for k in keys[1:]:
                    cl.union(keys[0], k, trusted=True)
        for i in link_groups.get(c, np.zeros(0, dtype=np.int64)).tolist():
            x, y = int(a[i]), int(b[i])
            if cl.union(x, y):
                for k in (x, y):
                    if via[k] == -1:
                        via[k] = i
        roots: dict[Hashable, int] = {}
        for k in members.tolist():
            r = cl.find(k)
            roots[r] = min(roots.get(r, k), k)
        for k in members.tolist():
            label[k] = roots[cl.find(k)]


def _split(items: np.ndarray, keys: np.ndarray) -> dict[int, np.ndarray]:
    """items grouped by key, each group keeping the items' order."""
    if not len(items):
        return {}
    o = np.argsort(keys, kind="stable")
    ks, starts = np.unique(keys[o], return_index=True)
    return {int(k): g for k, g in zip(ks.tolist(), np.split(items[o], starts[1:]), strict=True)}


@dataclass(slots=True)
class Clusters:
    """Clusters of claim keys: each key's cluster (named by its smallest key) and why it joined."""

    parent: dict[str, str]
    why: dict[str, dict[str, Any]]

    def find(self, key: str) -> str:
        return self.parent[key]

    def groups(self) -> list[list[str]]:
        """The clusters, each sorted, in order of their first key."""
        out: dict[str, list[str]] = {}
        for k in sorted(self.parent):
            out.setdefault(self.parent[k], []).append(k)
        return sorted(out.values(), key=lambda g: g[0])


def cluster_pairs(report: dict[str, str], a: Sequence[str], b: Sequence[str], weight: Sequence[float],
                  threshold: float, must: Iterable[set[str]] = (), cannot: Iterable[frozenset[str]] = (),
                  start: Iterable[Iterable[str]] = (), linkage: str = "average") -> Clusters:
    """`cluster_indexed` by claim key: reviewer merges first, then existing groups (`start`), then links at or
    above `threshold`, strongest first; pairs naming a claim not in `report` are ignored."""
    keys = sorted(report)
    idx = {k: i for i, k in enumerate(keys)}
    reps = {r: i for i, r in enumerate(sorted(set(report.values())))}
    rep_codes = np.array([reps[report[k]] for k in keys], dtype=np.int64)
    ok = [i for i in range(len(a)) if a[i] in idx and b[i] in idx]
    ai = np.array([idx[a[i]] for i in ok], dtype=np.int64)
    bi = np.array([idx[b[i]] for i in ok], dtype=np.int64)
    wi = np.array([float(weight[i]) for i in ok], dtype=np.float64)
    must_i = [sorted(idx[k] for k in g if k in idx) for g in must]
    start_i = [[idx[k] for k in g if k in idx] for g in start]
    cannot_i = [(idx[x], idx[y]) for x, y in (sorted(p) for p in cannot) if x in idx and y in idx]
    res = cluster_indexed(rep_codes, ai, bi, wi, threshold, [g for g in must_i if len(g) > 1], cannot_i,
                          [g for g in start_i if len(g) > 1], linkage)
    label = res.label.tolist()
    parent = {k: keys[label[i]] for i, k in enumerate(keys)}
    size: dict[str, int] = {}
    for r in parent.values():
        size[r] = size.get(r, 0) + 1
    why: dict[str, dict[str, Any]] = {}
    for i, k in enumerate(keys):
        v = int(res.via[i])
        if v == -2:
            why[k] = {"rule": "reviewer decision"}
        elif v >= 0:
            other = keys[int(bi[v])] if int(ai[v]) == i else keys[int(ai[v])]
            why[k] = {"rule": "splink", "with": other, "match_weight": round(float(wi[v]), 3)}
        else:
            why[k] = {"rule": "no other report matched" if size[parent[k]] == 1
                      else "joined with the incident's other claims"}
    return Clusters(parent, why)
