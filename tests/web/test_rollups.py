"""The rollups that keep a million incidents fast give the same answers as SQL on the rows."""

from __future__ import annotations

from typing import Any

import pytest

from harmwatch.store import queries as Q
from harmwatch.web.aggregates import Aggregates


@pytest.mark.parametrize("params", [{}, {"admin1": "deir"}, {"perpetrator": "russia"}, {"min_killed": "10"},
                                    {"grade": "weak"}, {"country": "SY"}, {"event_type": "Explosions"}])
def test_rollup_timeline_and_map_equal_the_sql_answers(loaded: Any, params: dict[str, str]) -> None:
    f = Q.Filters.parse(params)
    rolled = Aggregates(loaded, min_incidents=0, check_every=0)
    plain = Aggregates(loaded, min_incidents=10**9, check_every=0)
    a, b = rolled.timeline(f), plain.timeline(f)
    assert a["from_rollup"] and not b["from_rollup"]
    for key in ("total", "killed_low", "killed_best", "killed_high", "open_high"):
        assert a[key] == b[key], key
    assert rolled.total(f) == plain.total(f) == Q.count_incidents(loaded, f)


def test_rollups_are_rebuilt_when_incidents_change(loaded: Any) -> None:
    from harmwatch.review.actions import apply_review

    agg = Aggregates(loaded, min_incidents=0, check_every=0)
    before = agg.timeline(Q.Filters.parse({"grade": "discounted"}))["total"]
    inc = Q.list_incidents(loaded, Q.Filters(), limit=1)[0]["id"]
    apply_review(loaded, "rana", "grade", inc, "shown false", grade="discounted")
    assert agg.timeline(Q.Filters.parse({"grade": "discounted"}))["total"] == before + 1


def test_rollup_facets_equal_the_sql_facets(loaded: Any) -> None:
    assert Aggregates(loaded, min_incidents=0).facets() == Q.facet_values(loaded)
