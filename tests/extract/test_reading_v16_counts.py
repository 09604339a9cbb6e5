"""Reading of casualty counts (round 16): house usage of "casualties", more death phrasings, toll updates
across headlines, national daily tallies, lead totals split by place."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from harmwatch.extract import extract_claims, load_patterns
from harmwatch.link.sources import SourceRegistryError, load_registry, lookup
from harmwatch.records import DocInput

from .reading import assert_spans_exact, main_claim

PUB = dt.date(2016, 6, 14)


def _main(text: str, source: str | None = None) -> dict[str, Any]:
    cs = extract_claims(DocInput(id="t", text=text, published=PUB, source=source))
    c = next(c for c in cs if c["main"])
    assert_spans_exact(c, text)
    return c


# --- "casualties": the dead where the publisher or the document itself says so


def test_casualties_of_a_publisher_whose_usage_note_says_killed_are_the_dead() -> None:
    text = "14 casualties including 5 children in raids by warplanes on Kafr Nabl in the countryside of Idlib"
    c = _main(text, "SOHR")
    assert (c["killed_low"], c["killed_high"]) == (14, 14)
    assert c["children_killed"] == 5
    assert c["evidence"]["killed"]["quote"].startswith("14 casualties")


def test_casualties_at_least_after_the_number_of_that_publisher_are_a_minimum_of_dead() -> None:
    c = _main("9 casualties at least in shelling on Hamouria in the Eastern Ghouta", "SOHR; Waha Report")
    assert c["killed_low"] == 9


def test_casualties_of_a_standard_english_publisher_stay_killed_or_injured() -> None:
    c = _main("The car bomb caused 14 casualties near the market of Azaz, a monitor said.", "Reuters News")
    assert c["killed_low"] is None and c["killed_high"] is None


def test_casualties_without_a_publisher_stay_killed_or_injured() -> None:
    c = main_claim("The car bomb caused 14 casualties near the market of Azaz, a monitor said.", PUB)
    assert c is not None and c["killed_low"] is None


def test_casualties_set_apart_from_injuries_elsewhere_in_the_text_are_the_dead() -> None:
    text = "Casualties and injuries in shelling on Douma city;6 casualties in raids on Hamouria in the Eastern Ghouta"
    assert _main(text)["killed_low"] == 6


def test_casualties_said_to_be_killed_are_the_dead() -> None:
    text = "9 casualties including 4 children and a woman killed in a massacre by helicopters in al-Bab city"
    c = _main(text)
    assert (c["killed_low"], c["killed_high"]) == (9, 9)


def test_a_count_of_casualties_and_injuries_is_no_death_toll_even_for_that_publisher() -> None:
    c = _main("About 40 casualties and injuries in shelling by the regime forces on Douma city", "SOHR")
    assert c["killed_low"] is None and c["killed_high"] is None


def test_martyrs_and_wounded_together_are_no_death_toll() -> None:
    c = _main("About 90 martyrs and wounded in shells targeted the neighborhoods of Aleppo city", "SOHR")
    assert c["killed_low"] is None


# --- other death phrasings


def test_persons_who_are_the_victims_of_a_massacre_are_killed() -> None:
    c = _main("9 persons from one family are the victims of a massacre carried out by helicopters in Idlib countryside")
    assert (c["killed_low"], c["civilians_killed_low"]) == (9, 9)


def test_killing_a_family_of_n_people_kills_n() -> None:
    c = _main("Warplanes kill a family of six people in a village in the countryside of Hama")
    assert c["killed_low"] == 6
    assert c["evidence"]["killed"]["quote"] == "kill a family of six"


def test_slaughtered_n_are_killed() -> None:
    assert _main("ISIS slaughtered four shepherds in the desert of Deir Ezzor")["killed_low"] == 4


def test_a_woman_and_child_are_two_dead() -> None:
    c = _main("A woman and child were killed when shells hit the center of Jaramana while five others were injured.")
    assert (c["killed_low"], c["civilians_killed_low"]) == (2, 2)


# --- toll updates


def test_more_casualties_raising_the_number_update_the_toll() -> None:
    text = "Aerial bombardment kills 4 in Khan Shaykhun;More casualties raise the number to 11 in Khan Shaykhun"
    c = _main(text, "SOHR")
    assert c["killed_low"] == 11
    assert "raise the number to 11" in c["evidence"]["killed"]["quote"]


def test_the_number_of_casualties_rising_to_n_is_a_toll_only_where_casualties_are_the_dead() -> None:
    text = "Number of casualties of the Saraqeb airstrikes rises to 9, and shelling targets Maarrat al-Numan"
    assert _main(text, "SOHR")["killed_low"] == 9
    assert _main(text, "Reuters")["killed_low"] is None


def test_the_number_of_wounded_rising_to_n_is_no_death_toll() -> None:
    c = _main("Shells kill 3 in Jobar;The number of wounded in Jobar rises to 25", "SOHR")
    assert c["killed_low"] == 3


def test_a_later_headline_on_the_same_place_with_a_larger_figure_updates_the_toll() -> None:
    text = "Aerial bombardment kills 12 in Maarrat al-Numan;19 killed by aerial bombardment on Maarrat al-Numan"
    c = _main(text, "SOHR")
    assert c["killed_low"] == 19
    assert c["evidence"]["killed"]["quote"] == "19 killed"


def test_a_later_headline_on_another_place_does_not_update_the_toll() -> None:
    text = "Aerial bombardment kills 12 in Maarrat al-Numan;19 killed by shelling on Jobar in Damascus"
    assert _main(text, "SOHR")["killed_low"] == 12


def test_a_later_smaller_headline_figure_does_not_replace_the_lead() -> None:
    text = "Aerial bombardment kills 12 in Maarrat al-Numan;7 children among those killed in Maarrat al-Numan"
    assert _main(text, "SOHR")["killed_low"] == 12


# --- tallies and totals


def test_a_national_daily_tally_gives_a_claim_for_the_day_without_figures() -> None:
    cs = extract_claims(DocInput(id="t", text="148 killed yesterday including 33 regime forces", published=PUB))
    assert len(cs) == 1
    c = cs[0]
    assert c["killed_low"] is None and c["killed_high"] is None and c["civilians_killed_low"] is None
    assert c["date_start"] == "2016-06-13"


def test_a_national_daily_tally_beside_a_headline_leaves_the_headline_figure() -> None:
    text = (
        "Aerial bombardment kills 6 in Kafr Zita;"
        "131 people were killed yesterday, including 20 members of the regime forces"
    )
    assert _main(text, "SOHR")["killed_low"] == 6


def test_a_lead_total_over_two_places_is_the_first_places_figure_when_the_body_splits_it() -> None:
    text = (
        "9 civilians killed 20 injured in terrorist rocket attacks on Aleppo and Homs. "
        "Five civilians were killed and 14 others were injured when terrorists fired rocket shells on "
        "al-Midan neighborhood in Aleppo city on Monday. Meanwhile four civilians were killed in Homs city."
    )
    c = _main(text, "sana")
    assert (c["killed_low"], c["civilians_killed_low"]) == (5, 5)


def test_a_lead_total_split_inside_one_city_stays_whole() -> None:
    text = (
        "Air raids kill 15 civilians in Syria's Idlib. Nine civilians were killed in the al-Qusour district "
        "and six others in the al-Jalaa neighbourhood, a monitor said."
    )
    assert _main(text)["killed_low"] == 15


# --- the source registry's usage notes


def test_the_shipped_registry_notes_that_sohr_counts_the_dead_as_casualties() -> None:
    reg = load_registry()
    assert lookup(reg, "Syrian Observatory for Human Rights")["usage"] == {"casualties": "killed"}
    assert lookup(reg, "Reuters")["usage"] == {}


def test_a_user_registry_usage_note_must_be_a_mapping(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("sources:\n  - {name: Local Monitor, kind: NGO, usage: killed}\n")
    with pytest.raises(SourceRegistryError, match="usage"):
        load_registry([f])


def test_a_registry_given_to_extraction_replaces_the_shipped_notes(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("sources:\n  - {name: Local Monitor, kind: NGO, usage: {casualties: killed}}\n")
    text = "7 casualties in shelling on the market of Tafas"
    doc = DocInput(id="t", text=text, published=PUB, source="Local Monitor")
    p = copy.copy(load_patterns())
    p.registry = load_registry([f])
    assert extract_claims(doc, patterns=p)[0]["killed_low"] == 7
    assert extract_claims(doc)[0]["killed_low"] is None


# --- numbers that are not counts, counts that looked like numbers


def test_an_html_character_reference_is_not_a_count() -> None:
    text = "16 members from the &#8220;Islamic State&#8221; killed in the targeting by coalition warplanes near Manbej"
    c = _main(text, "SOHR")
    assert (c["killed_low"], c["civilians_killed_low"]) == (16, 0)


def test_the_n_people_killed_is_a_count_of_people() -> None:
    text = "Three brothers among the 11 people killed in the airstrikes on the town of Tafas in Daraa countryside"
    assert _main(text)["killed_low"] == 11
