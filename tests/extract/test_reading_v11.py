"""rules-1.1: who-did-what syntax, figures listed by group, dated bulletins, page artefacts."""

from __future__ import annotations

import datetime as dt

from tests.extract.reading import assert_spans_exact, main_claim

from harmwatch.extract import extract_claims

from .conftest import doc


def _main(text, published=dt.date(2016, 5, 10)):
    return main_claim(text, published)



# --- perpetrator


def test_killed_in_actor_shelling_names_the_doer():
    t = "At least nine civilians were killed in regime shelling of a rebel-held town near Hama on Monday."
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government" and "rebel" not in (c["perpetrator_raw"] or "")
    assert_spans_exact(c, t)


def test_headline_actor_kill_number_names_the_doer():
    c = _main("Russian strikes kill 23 civilians in Idlib province Monitor")
    assert c["perpetrator_class"] == "russia" and c["killed_low"] == 23


def test_a_year_before_the_actor_is_not_a_victim_count():
    t = "Monitor AFP Monday 12 Sep 2016 Syrian government air strikes killed at least 31 people in Idlib."
    c = _main(t, dt.date(2016, 9, 12))
    assert c["perpetrator_class"] == "syrian_government" and c["killed_low"] == 31


def test_terrorists_label_as_victims_is_not_the_perpetrator():
    t = "The Syrian army killed 18 terrorists in the countryside of Hama on Sunday, state media said."
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"
    assert c["civilians_killed_low"] == 0


def test_passive_struck_by_does_not_make_the_object_the_doer():
    t = "Moscow said the gas leaked from a rebel depot struck by Syrian jets, killing 40 people in the town on Tuesday."
    c = _main(t)
    assert c["perpetrator_class"] == "syrian_government"


def test_after_rebels_launched_offensive_keeps_the_regime_as_doer():
    t = (
        "At least 19 civilians were killed in government airstrikes on Tuesday after rebels launched "
        "an offensive in the north of the province."
    )
    assert _main(t)["perpetrator_class"] == "syrian_government"


def test_lower_case_army_is_not_resolved_to_a_later_free_syrian_army():
    t = (
        "Twelve civilians were killed in Syrian air strikes on the town, which had a truce with the army. "
        "Fighters of the Free Syrian Army said they would respond."
    )
    assert _main(t)["perpetrator_class"] == "syrian_government"


# --- casualties


def test_groups_listed_after_the_figure_add_up():
    t = "Air strikes on the market killed 11 children, 4 women and a man in Idlib on Sunday."
    c = _main(t)
    assert (c["killed_low"], c["killed_high"], c["civilians_killed_low"]) == (16, 16, 16)
    assert_spans_exact(c, t)


def test_civilians_and_fighters_listed_add_up_but_only_civilians_count_as_civilians():
    c = _main("The bombing killed 7 civilians and 3 fighters near the checkpoint on Sunday.")
    assert (c["killed_low"], c["civilians_killed_low"]) == (10, 7)


def test_a_part_of_the_whole_is_not_added():
    c = _main("Shelling killed 20 people, 5 children among them, in the town on Sunday.")
    assert c["killed_low"] == 20


def test_a_woman_and_her_child_are_two_dead():
    c = _main("A woman and her child were killed when a shell hit their home in Aleppo on Monday.")
    assert c["killed_low"] == 2


def test_date_before_the_figure_is_not_a_range():
    t = "01-05-2016 34 ISIL Terrorists Killed in Deir Ezzor. The army killed 34 terrorists there."
    c = _main(t)
    assert c["killed_low"] == 34 and c["civilians_killed_low"] == 0


def test_page_counter_before_a_sentence_is_not_a_toll():
    t = "Get short URL 2171 At least six people were killed when a car bomb exploded in Azaz on Monday."
    assert _main(t)["killed_low"] == 6


def test_casualties_told_apart_from_injuries_are_the_dead():
    c = _main("7 casualties and tens of injuries in the shelling of Douma on Monday")
    assert c["killed_low"] == 7 and c["injured_low"] is not None


def test_casualties_alone_stay_ambiguous():
    c = _main("The shelling of Douma on Monday caused 20 casualties.")
    assert c is None or c["killed_low"] is None


def test_martyrs_are_the_dead():
    assert _main("Rocket shelling on the neighbourhood leaves 5 martyrs from one family on Monday")["killed_low"] == 5


def test_only_fighters_named_in_a_later_retelling_means_no_civilians():
    t = "Air strikes kill 19 in Raqqa. The strikes killed at least 19 ISIS militants, a monitor said."
    assert _main(t)["civilians_killed_low"] == 0


def test_executes_reads_a_toll():
    assert _main("ISIS executes 12 civilians in a village east of Deir Ezzor on Monday")["killed_low"] == 12


def test_could_in_a_source_clause_does_not_veto_the_toll():
    t = (
        "The death toll of the air strike near the town on Wednesday has risen to between 12 and 54 civilians, "
        "according to our correspondents, who could confirm the names of twelve victims."
    )
    c = _main(t, dt.date(2017, 10, 6))
    assert (c["killed_low"], c["killed_high"]) == (12, 54)


def test_hypothetical_could_kill_is_still_not_an_incident():
    assert _main("Officials warned the new offensive could kill 300 civilians in the city.") is None


# --- dated bulletins


def test_a_bare_dated_bulletin_title_is_a_day_of_news_in_that_country():
    t = "Syria Daily Report 03/04/2016"
    c = _main(t, dt.date(2016, 4, 3))
    assert (c["country"], c["date_start"], c["date_end"], c["admin1"]) == ("SY", "2016-04-03", "2016-04-03", None)
    assert c["killed_low"] is None and c["perpetrator"] is None
    assert_spans_exact(c, t)


def test_a_bulletin_dated_after_publication_gives_nothing():
    assert _main("Syria Daily Report 03/04/2016", dt.date(2016, 3, 1)) is None


def test_an_undated_title_is_not_a_bulletin():
    assert _main("Syria Daily Report", dt.date(2016, 3, 1)) is None


def test_doc_helper_still_works():
    assert extract_claims(doc("Nothing happened here.")) == []
