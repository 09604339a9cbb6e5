"""Reconciliation and ids (moved from tests/core/test_link_rules.py when the v1 rule gave way to Splink)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harmwatch.link.clustering import cluster_pairs
from harmwatch.link.ids import assign_ids
from harmwatch.link.reconcile import casualty_range
from harmwatch.review.decisions import read_decisions


def test_al_asharah_example_gives_12_to_54_best_21() -> None:
    # Coalition "at least 50", UCDP 21, Airwars 12-54 (DESIGN.md)
    assert casualty_range([(50, None), (21, 21), (12, 54)]) == (12, 21, 54)


def test_a_bare_minimum_above_every_high_leaves_the_range_open() -> None:
    assert casualty_range([(80, None), (21, 21)]) == (21, 21, None)


def test_no_figures_give_no_range() -> None:
    assert casualty_range([]) == (None, None, None)


@given(st.lists(st.tuples(st.integers(0, 500), st.one_of(st.none(), st.integers(0, 500))), min_size=1))
def test_range_always_orders_low_best_high(pairs: list[tuple[int, int | None]]) -> None:
    claims = [(lo, None if hi is None else max(lo, hi)) for lo, hi in pairs]
    low, best, high = casualty_range(claims)
    assert low is not None and best is not None
    assert low <= best
    if high is not None:
        assert best <= high


def test_incident_keeps_its_id_while_it_keeps_its_claims() -> None:
    old = {"inc-old": {"created_at": "2017-10-05"}}
    ids, redirects = assign_ids([["a:0", "b:0", "c:0"]], {"a:0": "inc-old", "b:0": "inc-old"}, old)
    assert ids == ["inc-old"] and redirects == {}


def test_merge_keeps_the_oldest_id_and_the_other_redirects() -> None:
    old = {"inc-b": {"created_at": "2017-10-06"}, "inc-a": {"created_at": "2017-10-05"}}
    ids, redirects = assign_ids([["a:0", "b:0", "b:1"]], {"a:0": "inc-a", "b:0": "inc-b", "b:1": "inc-b"}, old)
    assert ids == ["inc-a"] and redirects == {"inc-b": "inc-a"}


def test_split_gives_the_larger_part_the_old_id_and_the_rest_a_new_one() -> None:
    old = {"inc-a": {"created_at": "2017-10-05"}}
    ids, _ = assign_ids([["a:0", "b:0"], ["c:0"]], {"a:0": "inc-a", "b:0": "inc-a", "c:0": "inc-a"}, old)
    assert ids[0] == "inc-a" and ids[1].startswith("inc-") and ids[1] != "inc-a"



def test_reviewer_split_keeps_claims_apart_and_merge_keeps_them_together() -> None:
    actions = [
        {"action": "merge", "incident_id": "i1", "payload": {"claims": ["a:0", "b:0", "c:0"]}},
        {"action": "split", "incident_id": "i1", "payload": {"claims": ["c:0"], "rest": ["a:0", "b:0"]}},
    ]
    d = read_decisions(actions)
    assert d.must == [{"a:0", "b:0"}]
    assert frozenset(("a:0", "c:0")) in d.cannot
    # the model would join all three; the reviewer's decisions win
    cl = cluster_pairs({"a:0": "A", "b:0": "B", "c:0": "C"}, ["a:0", "a:0", "b:0"], ["b:0", "c:0", "c:0"],
                       [9.0, 9.0, 9.0], 0.0, d.must, d.cannot)
    assert cl.groups() == [["a:0", "b:0"], ["c:0"]]

