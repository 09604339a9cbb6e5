"""Dates resolve against the publication date; windows give week/month precision; never after publication."""

from __future__ import annotations

import datetime as dt

from harmwatch.extract import extract_claims
from harmwatch.extract.dates import find_dates, resolve_weekday

from .conftest import doc

THU = dt.date(2017, 10, 5)


def _one(text, p, pub=THU):
    cands = find_dates(text, 0, len(text), pub, p)
    assert cands, text
    return cands[0]


def test_on_wednesday_in_thursday_report_is_previous_day(patterns):
    c = _one("Jets struck the town on Wednesday.", patterns)
    assert (c.start, c.end, c.precision) == (dt.date(2017, 10, 4), dt.date(2017, 10, 4), "day")


def test_weekday_named_on_publication_day_is_that_day_unless_last():
    assert resolve_weekday(3, THU) == THU
    assert resolve_weekday(3, THU, last=True) == dt.date(2017, 9, 28)


def test_yesterday_is_the_day_before_publication(patterns):
    assert _one("Five people were killed yesterday.", patterns).start == dt.date(2017, 10, 4)


def test_a_few_days_ago_is_a_week_precision_window(patterns):
    c = _one("The strike happened a few days ago.", patterns)
    assert (c.start, c.end, c.precision) == (dt.date(2017, 9, 28), dt.date(2017, 10, 3), "week")


def test_last_week_is_the_previous_calendar_week(patterns):
    c = _one("Raids last week killed ten.", patterns)
    assert (c.start, c.end, c.precision) == (dt.date(2017, 9, 25), dt.date(2017, 10, 1), "week")


def test_earlier_this_month_stops_before_publication(patterns):
    c = _one("Earlier this month, shelling hit the city.", patterns)
    assert (c.start, c.end) == (dt.date(2017, 10, 1), dt.date(2017, 10, 4))


def test_month_and_year_give_month_precision(patterns):
    c = _one("the attack in August 2013", patterns)
    assert (c.start, c.end, c.precision) == (dt.date(2013, 8, 1), dt.date(2013, 8, 31), "month")


def test_a_date_after_publication_is_never_produced(patterns):
    assert find_dates("the strike on 12 October 2017", 0, 30, THU, patterns) == []


def test_dateline_equal_to_publication_is_not_an_incident_date(patterns):
    assert find_dates("05 October 2017 In Coalition News", 0, 33, THU, patterns) == []


def test_speech_date_is_flagged(patterns):
    c = _one("the Coalition said on Wednesday", patterns)
    assert c.speech


def test_a_few_days_after_anchors_to_the_later_incident(seed_doc):
    _, hama = extract_claims(seed_doc)
    assert (hama["date_start"], hama["date_end"], hama["date_precision"]) == ("2017-09-27", "2017-10-02", "week")


def test_report_without_date_words_gets_publication_window_not_a_day():
    (c,) = extract_claims(doc("Air strikes killed 12 civilians in the town of Hass."))
    assert (c["date_start"], c["date_end"], c["date_precision"]) == ("2017-10-04", "2017-10-05", "week")
    assert c["date_basis"] == "publication" and "date" not in c["evidence"]
