"""rules-1.3: subject counts before transitive verbs, long victim phrases, headline digests and front-line reports."""

from __future__ import annotations

import datetime as dt

from tests.extract.reading import assert_spans_exact, claims, main_claim

from harmwatch.extract import EXTRACTOR_VERSION

PUB = dt.date(2016, 9, 14)


def _claims(text, published=PUB):
    return claims(text, published)


def _main(text, published=PUB):
    return main_claim(text, published)



def test_version_is_bumped():
    assert EXTRACTOR_VERSION >= "rules-1.3"


def test_page_counter_before_an_actor_that_kills_a_count_is_not_the_toll():
    t = (
        "Share this story 0 64 Kurdish-led Syrian Democratic Forces (SDF) killed 22 Islamic State militants "
        "near Tabqa on Sunday."
    )
    c = _main(t)
    assert c["killed_low"] == 22
    assert c["perpetrator_class"] == "sdf_kurdish"
    assert_spans_exact(c, t)


def test_object_count_of_a_second_verb_wins_over_a_kidnapping_count():
    t = "Daesh abducted 300 villagers, executed 12 civilians in Deir Ezzor on Tuesday."
    c = _main(t)
    assert c["killed_low"] == 12
    assert c["perpetrator_class"] == "isis"


def test_passive_count_followed_by_a_part_is_still_the_toll():
    t = "Gunmen stormed the village of Tal Tamr, where 15 people were killed, two of them paramedics, on Monday."
    c = _main(t)
    assert c["killed_low"] == 15


def test_killed_and_injured_list_in_a_headline_keeps_the_first_figure():
    t = "18 people killed 40 others injured in a car bomb in Azaz."
    c = _main(t)
    assert c["killed_low"] == 18


def test_long_victim_phrase_before_a_passive_verb_is_read():
    t = (
        "On Friday, 9 members of the government forces and the militiamen loyal to them were killed "
        "in clashes near Khanasser."
    )
    c = _main(t)
    assert c["killed_low"] == 9
    assert c["civilians_killed_low"] == 0
    assert_spans_exact(c, t)


def test_people_of_an_armed_group_are_fighters():
    t = "At least 11 people of a local armed group were killed in an ambush east of Daraa on Saturday."
    c = _main(t)
    assert c["killed_low"] == 11
    assert c["civilians_killed_low"] == 0


def test_semicolon_joined_headlines_are_separate_sentences():
    t = "Clashes between regime forces and rebels in Jobar;Airstrikes target the countryside of Idlib"
    c = _main(t)
    assert c is not None
    assert c["event_type"] is not None


def test_html_entity_semicolons_do_not_split():
    t = "The &#8220;Islamic State&#8221; beheads a man in Al-Mayadin city"
    cs = _claims(t)
    assert len(cs) == 1
    assert cs[0]["segment"] == [0, len(t)]


def test_beheading_names_its_doer():
    assert _main("The Islamic State beheads a man in Al-Mayadin city")["perpetrator_class"] == "isis"


def test_front_line_report_without_figures_is_an_incident_with_null_counts():
    t = "Regime forces advance over rebels in the northern countryside of Hama"
    c = _main(t)
    assert c is not None
    assert c["killed_low"] is None and c["civilians_killed_low"] is None
    assert c["date_start"] == "2016-09-13" and c["date_end"] == "2016-09-14"


def test_booby_trapped_and_besieged_place_names_are_not_plight():
    t1 = "The Islamic State detonates a booby trapped vehicle near the airbase of Deir Ezzor"
    t2 = "Shelling on areas in the besieged neighbourhood of al-Wa'er"
    assert _main(t1) is not None
    assert _main(t2) is not None


def test_plight_and_statements_still_yield_nothing():
    for t in (
        "Around 60,000 people remain besieged in the old city, aid agencies warned.",
        "The foreign ministry condemned the advances of the regime and called for restraint.",
        "Residents marked the anniversary of the massacre in which 40 people were killed.",
        "Thousands of families fled as the offensive approached the town.",
    ):
        assert _claims(t) == [], t


def test_past_tense_advance_in_background_opens_no_incident():
    t = (
        "At least 12 civilians were killed in air strikes on Saraqib on Tuesday. "
        "Government forces cut the road on July 7 when they advanced north of the city."
    )
    cs = _claims(t)
    assert len(cs) == 1
    assert cs[0]["killed_low"] == 12
