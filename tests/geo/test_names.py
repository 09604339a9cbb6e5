"""Names match across transliterations, scripts, articles, hyphens, diacritics and ayn marks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harmwatch.geo import Resolver, name_key

ASHARAH = "geonames:174036"


@pytest.mark.parametrize("family", [
    ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour", "دير الزور"],
    ["Al-Asharah", "Al ‘Ashārah", "Ashara", "العشارة"],
    ["Maarat al-Numan", "Ma‘arrat an Nu‘mān", "Ma'arat al-Nu'man", "معرة النعمان"],
    ["Hama", "Hamah", "Ḩamāh", "حماة"],
    ["Ar Raqqah", "Raqqa", "al-Raqqa", "الرقة"],
    ["Tall Rif‘at", "Tal Rifaat", "Tell Rifaat", "تل رفعت"],
])
def test_spelling_family_shares_one_key(family: list[str]) -> None:
    assert len({name_key(n) for n in family}) == 1, {n: name_key(n) for n in family}


def test_different_places_keep_different_keys() -> None:
    assert len({name_key(n) for n in ["Hama", "Homs", "Idlib", "Aleppo", "Raqqa"]}) == 5


@pytest.mark.parametrize("name, admin1", [("Darayya", "Rif Dimashq"), ("Daraa", "Daraa")])
def test_names_sharing_consonants_are_told_apart_by_vowels(resolver: Resolver, name: str, admin1: str) -> None:
    text = f"Barrel bombs fell on {name} on Monday."
    m = resolver.locate(text, 0, len(text))
    assert m is not None and m.admin1 == admin1


@pytest.mark.parametrize("spelling", ["Alashara", "Al-Asharah", "Al ‘Ashārah", "Ashara", "al-Ashara",
                                      "العشارة"])
def test_every_asharah_spelling_resolves_to_the_same_town(resolver: Resolver, spelling: str) -> None:
    text = f"Warplanes struck civilians in {spelling} on Wednesday."
    m = resolver.locate(text, 0, len(text))
    assert m is not None and m.place_id == ASHARAH, m


@pytest.mark.parametrize("spelling", ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour", "دير الزور"])
def test_every_deir_ez_zor_spelling_gives_the_governorate(resolver: Resolver, spelling: str) -> None:
    text = f"Shelling hit {spelling} on Monday."
    m = resolver.locate(text, 0, len(text))
    assert m is not None and m.admin1 == "Deir ez-Zor"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_name_key_never_fails_and_is_stable(s: str) -> None:
    assert name_key(s) == name_key(s)
    assert " " not in name_key(s)


def test_run_keys_grown_word_by_word_equal_the_whole_key() -> None:
    from harmwatch.geo.normalize import extend_key, key_of, key_piece, skel_piece
    for words in (["Deir", "ez-Zor"], ["Jisr", "al-Shughur"], ["Bab", "Bab"], ["Tall", "Rifaat"], ["Abu", "Dhuhur"]):
        k = ""
        for w in words:
            k = extend_key(k, key_piece(skel_piece(w)))
        assert k == key_of([skel_piece(w) for w in words]) == name_key(" ".join(words))
