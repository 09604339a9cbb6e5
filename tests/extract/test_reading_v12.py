"""rules-1.2: faster matching that finds exactly what the plain patterns find, and old context dates."""

from __future__ import annotations

import datetime as dt
import re

from tests.extract.reading import assert_spans_exact, main_claim

from harmwatch.extract import load_patterns
from harmwatch.extract.patterns import dispatch_alt, required_words


def _main(text, published=dt.date(2016, 5, 10)):
    return main_claim(text, published)



# --- speed: the first-letter dispatch and the word prefilter never change what a pattern matches

_FRAGS = [
    r"air ?strikes?",
    r"shell(?:ing|ed|s)?",
    r"barrel[- ]bombs?",
    r"\bIEDs?\b",
    r"(?:car|truck) bombs?",
    r"[Mm]ortars?",
    r"-held",
    r"\w+ly attacked",
    r"rockets?",
    r"Aircraft",
    r"a?raids?",
]
_SENTENCES = [
    "Regime airstrikes and shelling hit the rebel-held town; a car bomb and two IEDs went off.",
    "MORTARS and barrel bombs fell, a truck bomb exploded, raids were repeatedly attacked.",
    "Nothing violent at all here, only -held words and AIRCRAFT and Rockets.",
    "",
    "Kelvin K and long ſ letters, ied and shelled",
]


def test_dispatched_alternation_matches_exactly_what_the_plain_one_matches():
    plain = re.compile(r"\b(?:" + "|".join(f"(?:{f})" for f in _FRAGS) + r")", re.I)
    fast = re.compile(r"\b(?:" + dispatch_alt(_FRAGS) + r")", re.I)
    assert fast.pattern != plain.pattern  # the rewrite took place
    for s in _SENTENCES:
        assert [m.span() for m in fast.finditer(s)] == [m.span() for m in plain.finditer(s)], s


def test_dispatch_keeps_named_groups_alternations_plain():
    frags = [f"(?P<g{k}>x{k})" for k in range(10)]
    assert dispatch_alt(frags) == "|".join(f"(?:{f})" for f in frags)


def test_required_words_are_the_words_every_match_contains():
    assert required_words([r"(?:a few|several) days (?P<dir>after|before)"]) == (" days ",)
    assert required_words([r"(?:a few days|hours|a week) (?P<dir>after|before)"]) == ("after", "before")
    assert load_patterns().gates["anchor"] == ("after", "before")
    assert required_words([r"\w+"]) is None  # nothing required: no prefilter


def test_shipped_patterns_find_the_same_spans_as_plain_alternations():
    p = load_patterns()
    text = (
        "Syrian regime warplanes bombed the town, killing at least 12 civilians; rebels shelled a village, "
        "and Russian jets struck Idlib. Dozens were wounded in air raids by the Turkish army."
    )
    for key in ("victims.civilian", "verbs.killed", "traps.status"):
        items = sorted(set(p.lexicon[key]), key=len, reverse=True)
        plain = re.compile(r"\b(?:" + "|".join(f"(?:{i})" for i in items) + r")\b", re.I)
        fast = re.compile(r"\b(?:" + p.alt(key) + r")\b", re.I)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], key


# --- old dates in other sentences are context, not the incident's date


def test_an_old_date_in_a_later_sentence_does_not_make_the_incident_background():
    t = (
        "At least four people were killed in an explosion that rocked the town of Qardaha on Saturday. "
        "Powerful blast killed four people in Qardaha the heartland of the ruling family. "
        "This is the first car bomb attack to hit the town since the start of the uprising in March 2011."
    )
    c = _main(t, dt.date(2015, 2, 21))
    assert c is not None and c["killed_low"] == 4
    assert c["date_start"] == "2015-02-21"
    assert_spans_exact(c, t)


def test_a_video_of_a_killing_is_an_incident_even_when_the_group_is_recalled_since_last_year():
    t = (
        "The Islamic State group has posted online a new video showing the murder of two Syrian activists "
        "after they confessed to spying. "
        "The group has killed hundreds of people since it declared its caliphate in June last year."
    )
    c = _main(t, dt.date(2015, 7, 6))
    assert c is not None and c["killed_low"] == 2
    assert c["civilians_killed_low"] in (2, None)  # never the 'hundreds' of another count


def test_civilians_never_exceed_the_deaths_of_the_incident():
    t = (
        "Two soldiers were killed in a rebel attack on a checkpoint near Hama on Monday. "
        "Shelling of the town has killed more than 300 civilians since January."
    )
    c = _main(t)
    assert c is not None
    if c["killed_high"] is not None and c["civilians_killed_low"] is not None:
        assert c["civilians_killed_low"] <= c["killed_high"]
