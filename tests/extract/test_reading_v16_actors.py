"""Perpetrator reading (rules-1.6 actors): the doer of the act, not a place, a target, the actor of an earlier
act, a backer or a victim; quoted names, present-tense headline verbs, epithets, claims of responsibility."""

from __future__ import annotations

import datetime as dt

from tests.extract.reading import assert_spans_exact, main_claim

PUB = dt.date(2016, 6, 14)


def _main(text, published=PUB):
    c = main_claim(text, published)
    assert c is not None
    return c


def test_quoted_name_before_a_present_tense_act_is_the_doer():
    t = "The “Islamic State” execute a young man in the countryside of Deir Ezzor on charges of “apostasy”"
    c = _main(t)
    assert c["perpetrator_class"] == "isis"
    assert c["perpetrator"] == "Islamic State (IS)"
    assert c["perpetrator_raw"] == "Islamic State"
    assert_spans_exact(c, t)


def test_quoted_name_after_by_is_the_doer():
    t = "Executions and lashes carried out by the &#8220;Islamic State&#8221; in the western countryside of Raqqa"
    c = _main(t)
    assert c["perpetrator_class"] == "isis"


def test_stoning_headline_names_its_doer():
    t = "ISIS stones a woman to death in the city of al-Mayadin on charges of adultery"
    c = _main(t)
    assert c["perpetrator_class"] == "isis"
    assert c["perpetrator_raw"] == "ISIS"


def test_the_actor_of_an_earlier_attack_is_not_the_doer():
    t = (
        "Government air strikes killed at least 40 people in Douma on Friday after a rebel rocket attack "
        "on central Damascus, a monitor said."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"
    assert c["killed_low"] == 40


def test_following_attacks_by_an_actor_names_the_earlier_act():
    t = (
        "Syrian jets struck Eastern Ghouta on Thursday killing 25 people following rocket attacks by rebels "
        "on the capital."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"


def test_a_death_after_a_clause_names_its_cause():
    t = "Three Russian soldiers were killed after ISIS militants shelled their convoy near Palmyra on Monday."
    c = _main(t)
    assert c["perpetrator_class"] == "isis"


def test_a_town_held_by_an_actor_is_the_place_not_the_doer():
    t = (
        "At least 14 civilians were killed in air strikes on a village held by Daesh near Mayadin on Tuesday. "
        "The monitor said Russian warplanes carried out the strikes."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "russia"
    assert c["perpetrator_raw"] == "Russian warplanes"


def test_a_country_on_the_border_is_a_place_not_the_doer():
    t = "Russian jets hit an outpost in Idlib near the border with Turkey killing three rebel fighters on Sunday."
    c = _main(t)
    assert c["perpetrator_class"] == "russia"


def test_the_object_of_a_strike_is_the_target():
    t = "The US-led coalition mistakenly struck the Syrian Democratic Forces near Tabqa, killing 12 fighters."
    c = _main(t)
    assert c["perpetrator_class"] == "us_coalition"
    assert c["killed_low"] == 12


def test_a_label_right_after_a_name_is_its_epithet_and_the_count_makes_it_the_victim():
    t = "100 ISIL terrorists killed in clashes with the Kurdish YPG in Kobani"
    c = _main(t)
    assert c["perpetrator_class"] == "sdf_kurdish"
    assert c["perpetrator_raw"] == "Kurdish YPG"


def test_a_label_from_a_named_faction_is_that_faction():
    t = (
        "Two people were killed when terrorists from Jabhat al-Nusra fired rocket shells on residential "
        "neighborhoods in Aleppo city on Saturday evening."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "hts_nusra"
    assert c["perpetrator"] == "Hayat Tahrir al-Sham"
    assert c["perpetrator_raw"] == "terrorists from Jabhat al-Nusra"
    assert_spans_exact(c, t)


def test_a_state_media_label_alone_stays_unknown():
    t = "Terrorists fired rocket shells on al-Midan neighborhood in Aleppo, killing three civilians, SANA said."
    c = _main(t)
    assert c["perpetrator_class"] == "unknown"
    assert c["perpetrator_raw"] == "Terrorists"


def test_an_act_word_after_another_actor_is_that_actors():
    t = "Fire exchange between the YPG and Turkish forces, and ISIS stones a man to death in al-Bokamal city"
    c = _main(t)
    assert c["perpetrator_class"] == "isis"


def test_coordinated_actors_share_the_act_word():
    t = "Nearly 30 raids by Russian and Syrian government aircraft hit eastern Aleppo on Sunday, killing 20 people."
    c = _main(t)
    assert c["perpetrator_class"] == "russia"
    assert c["perpetrator_raw"] == "Russian"


def test_the_backer_of_a_unit_does_not_take_its_act():
    t = "Regime forces backed by Iranian militias shelled the town of Madaya on Monday, killing four people."
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"


def test_a_count_between_a_name_and_the_death_word_makes_it_the_victim():
    t = "Senior ISIS commander and 20 militants killed in clashes with the SDF near Manbij"
    c = _main(t)
    assert c["perpetrator_class"] == "sdf_kurdish"


def test_a_claim_of_responsibility_names_the_doer_over_the_speaker():
    t = (
        "A car bomb killed 18 people at a checkpoint near Azaz on Sunday, the Turkish army said. "
        "Daesh claimed responsibility for the attack."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "isis"
    assert c["killed_low"] == 18


def test_a_statement_claiming_the_act_with_words_before_that():
    t = (
        "The Islamic State (IS) group said in a statement that one of its fighters blew himself up among "
        "Kurdish fighters in Hasakeh, killing 23."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "isis"


def test_the_first_party_of_clashes_between_two_sides():
    t = "Continued clashes between IS and the SDF in the countryside of Tabqa leave 9 dead"
    c = _main(t)
    assert c["perpetrator_class"] == "isis"


def test_a_neighbours_border_guards_are_a_state_force():
    t = "A young man was shot dead by Jordanian border guards near the Nasib crossing in Daraa."
    c = _main(t)
    assert c["perpetrator"] == "Military Forces of Jordan"
    assert c["perpetrator_class"] == "other"
    assert c["perpetrator_raw"] == "Jordanian border guards"


def test_an_alliance_of_factions_is_the_opposition():
    t = (
        "At least nine people were killed as a new Islamist opposition alliance attacked government-held "
        "parts of Aleppo."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "opposition"
    assert c["perpetrator"] == "Opposition Rebels (Syria)"


def test_a_keyword_list_names_no_doer():
    t = (
        "Tags Syria Hasakeh Kurds SDF Islamic State A suicide bomber blew himself up at a wedding in Hasakeh, "
        "killing 22 people."
    )
    c = _main(t)
    assert c["perpetrator_class"] is None
    assert c["killed_low"] == 22


def test_a_stoning_headline_in_the_base_form_is_an_incident_with_its_doer():
    t = "The “Islamic State” stone a woman in the city of al-Mayadin in the countryside of Deir Ezzor"
    c = _main(t)
    assert c["perpetrator_class"] == "isis"
    assert c["event_type"] == "Violence against civilians"


def test_a_page_counter_before_a_sentence_opener_is_not_a_victim_count():
    t = (
        "Get short URL 0 112010 The US-led coalition mistakenly struck a position of its partners near Tabqa, "
        "killing 18 fighters."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "us_coalition"
    assert c["killed_low"] == 18


def test_the_other_side_of_killed_in_clashes_with_is_the_doer():
    t = "Kurdish fighters fought street battles with ISIS in Kobani, where 12 people were killed in clashes with ISIS."
    c = _main(t)
    assert c["perpetrator_class"] == "isis"


def test_a_self_claim_told_between_the_incidents_sentences_names_the_doer():
    t = (
        "A suicide bomber killed 30 people at a wedding party in Hasakeh province on Monday. "
        "Witnesses said the bomber wore a thick black jacket. "
        "Daish said in a statement that one of its fighters had fired on a gathering of Kurdish militants. "
        "The claim said many people had been killed."
    )
    c = _main(t)
    assert c["perpetrator_class"] == "isis"
    assert c["perpetrator_raw"] == "Daish"
    assert c["killed_low"] == 30


def test_no_claim_and_no_named_doer_stays_unknown():
    t = (
        "A suicide bomber killed 16 civilians outside a bakery in Hasakeh on Tuesday. "
        "It was not immediately clear who carried out the attack, but Daesh has claimed previous bombings there."
    )
    c = _main(t)
    assert c["perpetrator_class"] is None
    assert c["killed_low"] == 16
