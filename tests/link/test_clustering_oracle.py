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
