"""rules-1.4: front-line headlines without figures, mixed headlines, tolls told as 'the number of dead rose to'."""

from __future__ import annotations

import datetime as dt

from tests.extract.reading import assert_spans_exact, claims, main_claim

from harmwatch.extract import EXTRACTOR_VERSION

PUB = dt.date(2016, 5, 3)


def _claims(text, published=PUB):
    return claims(text, published)


def _main(text, published=PUB):
    return main_claim(text, published)



def test_version_is_bumped():
    assert EXTRACTOR_VERSION.startswith("rules-1.")


def test_mixed_headline_keeps_the_clashes_when_aid_enters_elsewhere():
    t = "Renewed clashes on the outskirts of Talbiseh and a food aid convoy reaches al-Houla"
    c = _main(t)
    assert c is not None
    assert c["event_type"] == "Battles"
    assert c["date_basis"] == "publication"
    assert_spans_exact(c, t)


def test_mixed_headline_keeps_the_air_strikes_when_detainees_are_released():
    t = "Helicopters drop barrel bombs on Kafr Zita, and 40 detainees released from Hama central prison"
    c = _main(t)
    assert c is not None
    assert c["sub_event_type"] == "Air/drone strike"


def test_aid_or_displacement_alone_stays_claim_free():
    assert _claims("Aid convoy enters Kafr Batna and food parcels are handed out to families") == []
    assert _claims("Hundreds of families fled the shelling of Jisr al-Shughur towards the border") == []
    assert _claims("Residents return to their homes in Tal Abyad after the fighting ended") == []


def test_talks_and_investigations_stay_claim_free():
    assert _claims("Talks on a truce in Wadi Barada resume after days of fighting") == []
    assert _claims("Rights group urges the UN to investigate the attack on a clinic in Atarib") == []


def test_front_line_headline_without_a_figure_is_an_incident():
    for t in (
        "Government troops take full control of the Qaryatayn road junction",
        "Rebel factions control the village of Tal Hamis after a night offensive",
        "SDF fighters advance further along the Tishrin dam road",
        "Islamist factions break into the western neighbourhood of Morek",
        "Regime forces reach the southern outskirts of Deir Hafer",
        "Opposition fighters destroy two tanks near Khan Touman",
    ):
        c = _main(t)
        assert c is not None, t
        assert c["event_type"] == "Battles", t
        assert c["killed_low"] is None, t


def test_for_the_first_time_since_a_year_is_not_a_cumulative_tally():
    c = _main("Government forces advance in the Ghab plain for the first time since 2013")
    assert c is not None


def test_headline_ellipsis_separates_a_vow_from_the_strikes_that_follow():
    t = "After the commander vowed revenge… dozens of air strikes hit the hills south of Khan Touman"
    c = _main(t)
    assert c is not None
    assert c["sub_event_type"] == "Air/drone strike"


def test_a_wedding_vow_is_not_a_threat():
    t = "A bomber blew himself up as the couple exchanged vows in Qamishli, killing 22 guests."
    c = _main(t)
    assert c is not None and c["killed_low"] == 22
    assert_spans_exact(c, t)


def test_number_of_dead_has_risen_to_replaces_the_earlier_figure():
    t = (
        "At least 9 civilians were killed in air strikes on the market of Saraqib on Monday. "
        "The number of civilians killed in the strikes has risen to 23, rescuers said on Tuesday."
    )
    c = _main(t, dt.date(2016, 5, 3))
    assert c["killed_low"] == 23
    assert c["evidence"]["killed"]["quote"].endswith("23")
    assert_spans_exact(c, t)


def test_number_of_displaced_rising_is_not_a_toll():
    t = (
        "At least 7 people were killed in shelling on Douma on Sunday. "
        "The number of displaced people has risen to 4,000, the council said."
    )
    c = _main(t, dt.date(2016, 5, 3))
    assert c["killed_low"] == 7


def test_war_planes_written_as_two_words_name_the_doer():
    t = "At least 12 civilians were killed in raids by Syrian regime war planes on Maarat al-Numan on Monday."
    c = _main(t)
    assert c["killed_low"] == 12
    assert c["perpetrator_class"] == "syrian_government"
    assert_spans_exact(c, t)


def test_a_force_that_advances_while_fighters_die_is_the_doer():
    t = (
        "At least 25 jihadist fighters were killed as the Syrian Democratic Forces (SDF) advance "
        "towards the dam on Tuesday."
    )
    c = _main(t)
    assert c["killed_low"] == 25
    assert c["perpetrator_class"] == "sdf_kurdish"
    assert_spans_exact(c, t)


def test_unconfirmed_identity_of_the_drone_leaves_the_doer_unknown():
    t = (
        "A drone strike killed six Hezbollah fighters near Palmyra on Sunday. "
        "The identity of the drone was not confirmed, though some blamed US forces."
    )
    c = _main(t)
    assert c["killed_low"] == 6
    assert c["perpetrator_class"] in (None, "unknown")


def test_police_investigating_a_told_shooting_keeps_the_incident():
    t = "Gunmen shot dead 3 men at a checkpoint near Daraa on Friday, and police are investigating."
    c = _main(t)
    assert c is not None and c["killed_low"] == 3
