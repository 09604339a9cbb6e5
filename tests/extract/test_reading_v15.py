"""rules-1.5: self-claimed acts, actors named but not the doer (backers, foiled attackers, negated means),
apostrophe-less possessives and singular means of the Syrian government."""

from __future__ import annotations

import datetime as dt

from tests.extract.reading import assert_spans_exact, main_claim

from harmwatch.extract import EXTRACTOR_VERSION

PUB = dt.date(2017, 3, 9)


def _main(text, published=PUB):
    return main_claim(text, published)



def test_version_is_rules_1_5():
    assert EXTRACTOR_VERSION >= "rules-1.5"  # later rounds bump it (rules-1.7)


def test_speaker_claiming_the_act_as_its_own_is_the_perpetrator():
    t = (
        "ISIS said that it killed at least 14 rebel fighters in a car bomb near Azaz on Tuesday. "
        "Turkish jets later struck positions near the town, sources said."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "isis"
    assert c["killed_low"] == 14
    assert_spans_exact(c, t)


def test_speaker_saying_one_of_its_fighters_blew_himself_up_claims_the_bombing():
    t = "Daesh said one of its fighters blew himself up at a checkpoint in Qamishli, killing nine people."
    c = _main(t)
    assert c["perpetrator_class"] == "isis"


def test_a_plain_speaker_is_still_not_the_perpetrator():
    t = "ISIS said 12 people were killed in air strikes on Mayadin on Monday."
    c = _main(t)
    assert c["perpetrator_class"] != "isis"


def test_the_attacker_of_a_foiled_attack_is_not_the_killer():
    t = "Kurdish YPG fighters foiled an ISIS attack near Kobani on Friday, leaving 23 militants dead."
    c = _main(t)
    assert c["perpetrator_class"] == "sdf_kurdish"
    assert_spans_exact(c, t)


def test_a_negated_means_names_no_doer():
    t = (
        "At least seven civilians were killed when a bomb went off in a market in Jarablus on Sunday. "
        "There have been no Russian strikes on the town this month."
    )
    c = _main(t)
    assert c["perpetrator_class"] != "russia"


def test_backer_is_not_the_doer():
    t = "The Syrian army backed by Hezbollah shelled Madaya on Monday, killing five people."
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"


def test_possessive_written_without_apostrophe_names_the_government():
    t = "Assads air force kills 11 civilians in Douma market"
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"
    assert c["perpetrator_raw"].lower().startswith("assads air force")
    assert_spans_exact(c, t)


def test_singular_syrian_air_strike_names_the_government():
    t = "A Syrian air strike on an Islamic State camp near Tabqa killed 8 militants, a monitor said."
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"
