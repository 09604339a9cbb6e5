"""Clustering against a simple reference: networkx connected components on seeded random graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from harmwatch.link.clustering import cluster_pairs


def _graph(seed: int) -> tuple[list[str], list[tuple[str, str, float]]]:
    rng = random.Random(seed)
    nodes = [f"r{i}:0" for i in range(rng.randint(5, 60))]
    edges = [(a, b, rng.uniform(-10, 10)) for a in nodes for b in nodes if a < b and rng.random() < 0.08]
    return nodes, edges


@pytest.mark.parametrize("seed", range(25))
def test_single_linkage_equals_connected_components(seed: int) -> None:
    nodes, edges = _graph(seed)
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for a, b, w in edges if w >= 0.0)
    want = sorted(sorted(c) for c in nx.connected_components(g))
    cl = cluster_pairs({k: k.split(":")[0] for k in nodes}, [e[0] for e in edges], [e[1] for e in edges],
                       [e[2] for e in edges], 0.0, linkage="single")
    assert cl.groups() == want


@pytest.mark.parametrize("seed", range(25))
def test_average_linkage_refines_components_and_keeps_reports_apart(seed: int) -> None:
    nodes, edges = _graph(seed)
    rng = random.Random(seed)
    report = {k: f"rep{rng.randint(0, len(nodes) // 2)}" for k in nodes}  # some reports tell several
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for a, b, w in edges if w >= 0.0)
    comp = {k: i for i, c in enumerate(nx.connected_components(g)) for k in c}
    cl = cluster_pairs(report, [e[0] for e in edges], [e[1] for e in edges], [e[2] for e in edges], 0.0)
    for group in cl.groups():
        assert len({comp[k] for k in group}) == 1  # never joins what the link graph keeps apart
        assert len({report[k] for k in group}) == len(group)  # never two claims of one report


def test_cannot_link_wins_over_a_strong_chain() -> None:
    cl = cluster_pairs({"a": "A", "b": "B", "c": "C"}, ["a", "b"], ["b", "c"], [20.0, 20.0], 0.0,
                       cannot=[frozenset(("a", "c"))], linkage="single")
    assert ["a", "b"] in cl.groups() or ["b", "c"] in cl.groups()
    assert all(not {"a", "c"} <= set(g) for g in cl.groups())


def _sequential(report, a, b, w, th, must=(), cannot=(), start=()):
    """The reference: one global sequential walk (the algorithm before it was split by component)."""
    from harmwatch.link.clustering import Clustering

    banned: dict = {}
    for pair in cannot:
        x, y = sorted(pair)
        banned.setdefault(x, set()).add(y)
        banned.setdefault(y, set()).add(x)
    cl = Clustering(report=dict(report), cannot=banned, weights={(a[i], b[i]): w[i] for i in range(len(a))},
                    threshold=th)
    for g in must:
        keys = sorted(g)
        for k in keys[1:]:
            cl.union(keys[0], k, same_report_ok=True)
    for g in start:
        for k in list(g)[1:]:
            cl.union(list(g)[0], k, trusted=True)
    for i in sorted((i for i in range(len(a)) if w[i] >= th), key=lambda i: (-w[i], a[i], b[i])):
        cl.union(a[i], b[i])
    out: dict = {}
    for k in report:
        out.setdefault(cl.find(k), []).append(k)
    return sorted(sorted(g) for g in out.values())


@pytest.mark.parametrize("seed", range(40))
def test_component_split_equals_the_global_sequential_walk(seed: int) -> None:
    rng = random.Random(100 + seed)
    nodes = [f"k{i:03d}" for i in range(rng.randint(5, 70))]
    report = {k: f"rep{rng.randint(0, len(nodes) * 2 // 3)}" for k in nodes}
    # dense cliques (incidents) plus noise links, so both the numpy path and the walk are exercised
    edges = []
    for x in nodes:
        for y in nodes:
            if x < y:
                same = int(x[1:]) // 4 == int(y[1:]) // 4
                if same or rng.random() < 0.05:
                    edges.append((x, y, rng.uniform(2, 12) if same and rng.random() < 0.9 else rng.uniform(-10, 8)))
    a, b, w = [e[0] for e in edges], [e[1] for e in edges], [e[2] for e in edges]
    must = [set(rng.sample(nodes, 2))] if seed % 3 == 0 else []
    cannot = [frozenset(rng.sample(nodes, 2))] if seed % 4 == 0 else []
    start = [rng.sample(nodes, 3)] if seed % 5 == 0 else []
    got = cluster_pairs(report, a, b, w, 0.0, must, cannot, start).groups()
    assert got == _sequential(report, a, b, w, 0.0, must, cannot, start)
