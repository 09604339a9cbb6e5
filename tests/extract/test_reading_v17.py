"""rules-1.7: coordinated victim groups of one verb add up, labelled fatality counts, a single victim named
without a number, abductions and found bodies as incidents without a figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from harmwatch.extract import extract_claims
from harmwatch.extract.core import EXTRACTOR_VERSION
from harmwatch.records import DocInput

from .reading import assert_spans_exact

PUB = dt.date(2017, 10, 6)


def _claims(text: str) -> list[dict[str, Any]]:
    return extract_claims(DocInput(id="t", text=text, published=PUB))


def _main(text: str) -> dict[str, Any]:
    cs = _claims(text)
    c = next(c for c in cs if c["main"])
    assert_spans_exact(c, text)
    return c


def _killed(c: dict[str, Any]) -> tuple[Any, Any, Any]:
    return c["killed_low"], c["killed_high"], c["civilians_killed_low"]


def test_version_is_rules_1_7() -> None:
    assert EXTRACTOR_VERSION == "rules-1.7"


# --- fighters of two sides joined by "and" under one verb add up


def test_two_sides_fighters_before_a_passive_verb_add_up() -> None:
    c = _main("On 3 October 2017, 9 IS militants and 4 SDF fighters were killed in clashes in Al-Mayadin town.")
    assert _killed(c) == (13, 13, 0)


def test_two_sides_fighters_after_an_active_verb_add_up() -> None:
    c = _main("On 3 October 2017, clashes in Ghariba village killed 6 regime soldiers and 2 rebel fighters.")
    assert _killed(c) == (8, 8, 0)
    assert c["evidence"]["killed"]["quote"].endswith("2 rebel fighters")


def test_acled_note_civilians_and_fighters_add_up() -> None:
    c = _main("On 2 October 2017, Russian airstrikes hit Khan Shaykhun town, killing 4 civilians and 3 HTS fighters.")
    assert _killed(c) == (7, 7, 4)


def test_same_fighter_noun_twice_is_not_summed() -> None:
    c = _main("On 3 October 2017, clashes in Ghariba village killed 6 fighters and 2 fighters.")
    assert c["killed_low"] == 6


def test_subset_after_including_is_not_added() -> None:
    c = _main("On 3 October 2017, clashes near Tadef killed 12 fighters, including 3 IS militants and 2 commanders.")
    assert (c["killed_low"], c["civilians_killed_low"]) == (12, 0)


def test_killed_or_injured_groups_give_no_death_toll() -> None:
    c = _main("On 3 October 2017, 5 civilians and 2 fighters were killed or injured in shelling on Harasta.")
    assert c["killed_low"] is None and c["killed_high"] is None


# --- ACLED fatality labels


def test_acled_fatalities_colon_label_is_the_toll() -> None:
    c = _main("On 1 October 2017, regime forces shelled Kafr Zita town. Fatalities: 2.")
    assert (c["killed_low"], c["killed_high"]) == (2, 2)


def test_acled_n_fatalities_sentence_is_the_toll() -> None:
    c = _main("On 1 October 2017, an IED exploded near a checkpoint in Jasim. 3 fatalities.")
    assert (c["killed_low"], c["killed_high"]) == (3, 3)


def test_acled_coded_count_settles_a_vague_figure() -> None:
    c = _main("On 1 October 2017, regime helicopters bombed Latamneh, killing several civilians (coded as 10).")
    assert (c["killed_low"], c["killed_high"], c["civilians_killed_low"]) == (10, 10, 10)
    assert "coded as" in c["evidence"]["killed"]["quote"]


def test_acled_fatalities_coded_as_sentence_settles_a_vague_figure() -> None:
    c = _main("On 1 October 2017, IS shelled Hawijat Saqr. Several soldiers were killed. Fatalities coded as 3.")
    assert (c["killed_low"], c["killed_high"]) == (3, 3)


def test_acled_several_fatalities_is_an_open_minimum() -> None:
    c = _main("On 1 October 2017, IS and SDF clashed near Al-Busayrah. Several fatalities.")
    assert (c["killed_low"], c["killed_high"]) == (3, None)


# --- a single victim named without a number


def test_acled_assassinated_council_member_is_one_civilian_death() -> None:
    c = _main("On 2 October 2017, unknown gunmen assassinated a local council member in Tafas town.")
    assert _killed(c) == (1, 1, 1)


def test_acled_shot_dead_a_civilian_is_one_death() -> None:
    c = _main("On 2 October 2017, unidentified gunmen shot dead a civilian in Nawa city.")
    assert _killed(c) == (1, 1, 1)


def test_acled_child_killed_by_sniper_fire_is_one_death() -> None:
    c = _main("On 2 October 2017, a child was killed by regime sniper fire in Douma city.")
    assert _killed(c) == (1, 1, 1)
    assert c["children_killed"] == 1


def test_acled_executed_a_man_accused_of_is_one_death() -> None:
    c = _main("On 2 October 2017, IS executed a man accused of spying for the coalition in Al-Quriyah town.")
    assert _killed(c) == (1, 1, 1)
    assert c["event_type"] == "Violence against civilians"


def test_senior_commander_killed_is_one_fighter_death() -> None:
    c = _main("On 2 October 2017, a senior IS commander was killed in a coalition airstrike in Al-Bukamal.")
    assert _killed(c) == (1, 1, 0)


def test_shot_and_killed_a_young_man_is_one_death() -> None:
    c = _main("On 2 October 2017, regime forces shot and killed a young man at a checkpoint in Inkhil.")
    assert _killed(c) == (1, 1, 1)


def test_attempt_to_assassinate_a_commander_kills_nobody() -> None:
    c = _main("Unknown gunmen attempt to assassinate a commander of a rebel faction in Daraa countryside")
    assert c["killed_low"] is None and c["killed_high"] is None


def test_the_family_of_a_commander_is_not_the_commander() -> None:
    c = _main("The family of a commander in a rebel brigade killed when his car was targeted in Idlib countryside")
    assert c["killed_low"] is None


def test_a_rebel_group_is_not_one_victim() -> None:
    c = _main("On 2 October 2017, a car bomb hit the base of an Islamist rebel group killing 4 fighters in Sarmada.")
    assert c["killed_low"] == 4


def test_corpse_of_a_commander_found_is_one_death() -> None:
    c = _main("The corpse of a prominent commander in a rebel faction found in the countryside of Idlib")
    assert (c["killed_low"], c["civilians_killed_low"]) == (1, 0)


def test_acled_body_of_a_young_man_found_is_one_death() -> None:
    c = _main("On 2 October 2017, the body of a young man was found in Jasim city bearing gunshot wounds.")
    assert _killed(c) == (1, 1, 1)


# --- abductions: an incident without a death figure


def test_sohr_headline_abduction_is_an_incident() -> None:
    c = _main("IS abducts 20 civilians in the countryside of Al-Tabqa")
    assert c["sub_event_type"] == "Abduction/forced disappearance"
    assert c["killed_low"] is None
    assert c["perpetrator"] is not None


def test_acled_kidnapping_note_is_an_incident() -> None:
    c = _main("On 30 September 2017, unidentified gunmen kidnapped a pharmacist in Tafas town.")
    assert c["event_type"] == "Violence against civilians"
    assert c["sub_event_type"] == "Abduction/forced disappearance"
    assert c["date_start"] == "2017-09-30"
    assert c["killed_low"] is None


def test_sohr_headline_lashing_is_an_incident() -> None:
    c = _main("IS lashes a young man for smoking in the city of Al-Mayadin")
    assert c["event_type"] == "Violence against civilians"


def test_abduction_told_as_background_adds_no_claim() -> None:
    text = (
        "On 4 October 2017, HTS fighters attacked a rebel headquarters in Atarib, killing 9 fighters. "
        "The attack came two days after HTS kidnapped four rebel commanders in the town."
    )
    cs = _claims(text)
    assert len(cs) == 1
    assert cs[0]["killed_low"] == 9


@pytest.mark.parametrize(
    "text",
    [
        "Syrian security forces arrested 25 young men in the town of Qudsaya, activists said.",
        "The UN called for the release of all detainees and abducted persons held by the parties.",
        "Rights groups condemned the kidnapping of aid workers in Idlib.",
        "Thousands of people remain missing after being abducted since the start of the war.",
    ],
)
def test_arrests_calls_and_tallies_about_abductions_stay_no_claim(text: str) -> None:
    assert _claims(text) == []


def test_acled_battle_fatalities_without_a_victim_word_are_not_taken_for_civilians() -> None:
    c = _main("On 1 October 2017, regime forces clashed with rebels in Harasta city. 6 fatalities.")
    assert (c["killed_low"], c["killed_high"]) == (6, 6)
    assert c["civilians_killed_low"] is None
    assert c["event_type"] == "Battles"


def test_battle_dead_named_as_people_stay_civilians() -> None:
    c = _main("On 1 October 2017, clashes in Harasta city killed 6 people, including 2 children.")
    assert (c["killed_low"], c["civilians_killed_low"]) == (6, 6)


def test_acled_a_woman_and_her_children_add_up() -> None:
    c = _main("On 1 October 2017, a landmine left by IS exploded in Raqqa city, killing a woman and her 2 children.")
    assert _killed(c) == (3, 3, 3)


def test_acled_member_of_the_local_council_is_a_civilian() -> None:
    c = _main("On 1 October 2017, unidentified gunmen killed a member of the local council of Jasim.")
    assert _killed(c) == (1, 1, 1)


def test_acled_commander_was_assassinated_is_one_fighter_death() -> None:
    c = _main("On 1 October 2017, an HTS commander was assassinated by unknown gunmen in Saraqib city.")
    assert _killed(c) == (1, 1, 0)


def test_sohr_execution_by_a_group_for_n_people_is_their_death() -> None:
    c = _main("Tension prevails in Sarmin after the execution by Jund al-Aqsa for five people on charges of spying")
    assert _killed(c) == (5, 5, 5)
    assert c["event_type"] == "Violence against civilians"


@pytest.mark.parametrize(
    "text",
    [
        "On 4 October 2017, IS released a member of the local council it had kidnapped in Al-Mayadin.",
        "Activists said the kidnapped journalist was freed after three months in Idlib.",
    ],
)
def test_a_release_of_abducted_people_is_not_an_abduction(text: str) -> None:
    assert _claims(text) == []
