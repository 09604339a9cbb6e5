"""Casualty figures: killed vs injured, civilians vs fighters, subsets, tolls and traps."""

from __future__ import annotations

from harmwatch.extract import extract_claims

from .conftest import doc


def _c(text, **kw):
    claims = extract_claims(doc(text, **kw))
    assert claims, text
    return next(c for c in claims if c["main"])


def test_at_least_50_civilians_is_killed_and_civilians_low_50_open_high():
    c = _c("Russian jets killed at least 50 civilians near the town on Wednesday.")
    assert (c["killed_low"], c["killed_high"], c["civilians_killed_low"], c["civilians_killed_high"]) == (
        50,
        None,
        50,
        None,
    )


def test_exact_number_is_low_equal_high():
    c = _c("Regime militias opened fire on a convoy, killing 80 civilians.")
    assert (c["killed_low"], c["killed_high"]) == (80, 80)


def test_injured_is_kept_apart_from_killed():
    c = _c("The strike killed 12 people and wounded 30 others on Tuesday.")
    assert (c["killed_low"], c["injured_low"]) == (12, 30)


def test_children_among_the_dead_are_a_subset_not_the_toll():
    c = _c("Fifteen civilians, among them 11 children, were killed in a barrel bomb attack on Thursday.")
    assert c["killed_low"] == 15 and c["children_killed"] == 11


def test_fighters_killed_count_in_killed_and_give_zero_civilians():
    c = _c("Air strikes killed 35 ISIS militants overnight near Raqqa.")
    assert c["killed_low"] == 35 and c["civilians_killed_low"] == 0


def test_growing_toll_takes_the_updated_figure():
    c = _c("A car bomb killed 20 people on Saturday. The death toll later rose to 35, the monitor said.")
    assert c["killed_low"] == 35


def test_war_wide_total_is_not_an_incident_toll():
    c = _c("Shelling killed 7 people in Aleppo on Monday. The war has killed more than 400,000 people since 2011.")
    assert c["killed_low"] == 7


def test_killed_or_injured_is_not_read_as_killed():
    c = _c("Barrel bombs hit the market on Monday; 40 people were killed or injured, including 9 dead.")
    assert c["killed_low"] == 9


def test_trapped_people_are_not_casualties():
    assert extract_claims(doc("Tens of thousands of civilians are now trapped in rural Deir Ezzor.")) == []
