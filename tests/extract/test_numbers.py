"""Numbers: words, ranges, quantifiers and qualifiers read as the quantifier table says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harmwatch.extract.numbers import find_quantities, int_to_words, words_to_int


def _q(text, p):
    qs = list(find_quantities(text, p))
    assert qs, text
    return qs[0].low, qs[0].high


@given(st.integers(min_value=0, max_value=999_999))
def test_number_words_round_trip(patterns, n):
    assert words_to_int(int_to_words(n), patterns) == n


@given(st.integers(0, 5000), st.integers(0, 5000), st.sampled_from(["-", " to ", " and "]))
def test_ranges_are_always_low_le_high(patterns, a, b, sep):
    text = f"between {a} and {b} people" if sep == " and " else f"{a}{sep}{b} people"
    for q in find_quantities(text, patterns):
        if q.low is not None and q.high is not None:
            assert q.low <= q.high


def test_at_least_gives_an_open_high(patterns):
    assert _q("at least 50 civilians", patterns) == (50, None)


def test_between_gives_a_range(patterns):
    assert _q("between 12 and 54 people", patterns) == (12, 54)
    assert _q("12-54 people", patterns) == (12, 54)


def test_dozens_is_at_least_two_dozen(patterns):
    assert _q("dozens of civilians", patterns) == (24, None)


def test_a_dozen_is_twelve(patterns):
    assert _q("a dozen people", patterns) == (12, 12)


def test_up_to_gives_only_a_high(patterns):
    assert _q("up to 30 people", patterns) == (None, 30)


def test_age_is_not_a_count(patterns):
    assert list(find_quantities("a 12-year-old boy", patterns)) == []
