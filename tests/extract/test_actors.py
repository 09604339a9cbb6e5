"""Perpetrator: the doer of the act, not the speaker or the victim; partisan words kept raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.extract import extract_claims, load_patterns

from .conftest import doc


def _main(text, p=None):
    return next(c for c in extract_claims(doc(text), patterns=p) if c["main"])


def test_speaker_is_not_the_perpetrator():
    c = _main("The Syrian Observatory said Russian warplanes killed 14 civilians in Idlib on Tuesday.")
    assert c["perpetrator_class"] == "russia"


def test_victim_group_is_not_the_perpetrator():
    c = _main("At least 29 rebels were killed in clashes with regime troops overnight, a monitor said.")
    assert c["perpetrator_class"] == "syrian_government"


def test_regime_or_russian_jets_keeps_both_words_raw():
    c = _main("Regime or Russian jets bombed the market on Monday, killing 20 people.")
    assert c["perpetrator_class"] == "syrian_government"
    assert "Russian" in c["perpetrator_raw"]


def test_unknown_doer_stays_unnamed():
    c = _main("A blast killed 9 people in Azaz on Sunday. It was not immediately clear who carried out the attack.")
    assert c["perpetrator"] is None


def test_user_actor_file_extends_the_dictionary(tmp_path: Path):
    f = tmp_path / "sudan.yaml"
    f.write_text(
        "country: SD\nactors:\n  - name: Rapid Support Forces\n    class: other\n    type: Political militia\n"
        "    aliases: [rapid support forces, rsf, janjaweed]\n",
        encoding="utf-8",
    )
    p = load_patterns([f])
    c = _main("RSF fighters killed 12 villagers near El Fasher on Monday.", p)
    assert c["perpetrator"] == "Rapid Support Forces"


def test_bad_pattern_file_names_the_file(tmp_path: Path):
    f = tmp_path / "bad.yaml"
    f.write_text("actors:\n  - name: X\n    class: not_a_class\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        load_patterns([f])


def test_load_patterns_is_cached():
    assert load_patterns() is load_patterns()
