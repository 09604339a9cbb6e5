"""Properties of the name, number and alias normalisers, and their agreement with the reference."""

from __future__ import annotations

import os
import unicodedata
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmwatch.evaluation.answerable import (
    Evidence,
    admin1_mentions,
    numbers_in_text,
    text_has_date,
)
from harmwatch.evaluation.normalize import admin1_key, admin1_loose, loc_key
from harmwatch.evaluation.perpetrator import CLASSES, as_class_name, perp_classes, pred_class

from .eval_synthetic import ADMIN1_VARIANTS, PERP_TEXTS

# HARMWATCH_HYPOTHESIS_EXAMPLES raises the number of examples for a deeper run.
SETTINGS = settings(max_examples=int(os.environ.get("HARMWATCH_HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Latin names of each governorate that carry no direction or countryside words of their own.
PLAIN_NAMES = {k: [v for v in vs if v.isascii() and " " not in v.strip() and "-" not in v]
               for k, vs in ADMIN1_VARIANTS.items() if k != "rif_dimashq"}
PLAIN_NAMES = {k: vs for k, vs in PLAIN_NAMES.items() if vs}
ARABIC_NAMES = {"aleppo": "حلب", "idlib": "إدلب", "hama": "حماة", "homs": "حمص", "daraa": "درعا",
                "raqqa": "الرقة", "hasakah": "الحسكة", "deir_ez_zor": "دير الزور", "rif_dimashq": "ريف دمشق"}


def _with_accents(draw: st.DrawFn, s: str) -> str:
    """s with combining accents on some letters (Darʿā-style transliterations)."""
    marks = ["\u0301", "\u0300", "\u0304", "\u0323", "\u0308"]
    return "".join(c + (draw(st.sampled_from(marks)) if c.isalpha() and draw(st.booleans()) else "")
                   for c in s)


@st.composite
def spelled_governorate(draw: st.DrawFn) -> tuple[str, str, str]:
    """(key, plain name, the name with random case, accents, article and admin words)."""
    key = draw(st.sampled_from(sorted(PLAIN_NAMES)))
    name = draw(st.sampled_from(PLAIN_NAMES[key]))
    cased = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in name)
    accented = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), _with_accents(draw, cased))
    article = draw(st.sampled_from(["", "al-", "Al ", "el-", "as ", "the "]))
    suffix = draw(st.sampled_from(["", " Governorate", " province", " city", " ", "  "]))
    if key == "damascus":
        suffix = suffix if suffix.strip() != "province" else ""
    return key, name, article + accented + suffix


@given(spelled_governorate())
@SETTINGS
def test_admin1_key_ignores_case_accents_articles_and_admin_words(case: tuple[str, str, str]) -> None:
    key, name, spelled = case
    assert admin1_key(spelled) == admin1_key(name) == key


@given(st.sampled_from(sorted(ARABIC_NAMES)), st.sampled_from(["", "محافظة ", "مدينة "]),
       st.lists(st.sampled_from(["\u064E", "\u0650", "\u0651", "\u0640"]), max_size=3), st.integers(0, 3))
@SETTINGS
def test_admin1_key_ignores_arabic_diacritics_tatweel_and_admin_words(
        key: str, prefix: str, marks: list[str], at: int) -> None:
    name = ARABIC_NAMES[key]
    pos = min(at + 1, len(name))
    noisy = prefix + name[:pos] + "".join(marks) + name[pos:]
    assert admin1_key(noisy) == key


@given(st.text(max_size=30))
@SETTINGS
def test_admin1_key_is_none_only_for_blank_and_otherwise_flags_unknown_names(s: str) -> None:
    k = admin1_key(s)
    if not s.strip():
        assert k is None
    else:
        assert k is not None and (k.startswith("?") or k in {*PLAIN_NAMES, "rif_dimashq"})
        assert admin1_loose(k) == ("damascus" if k == "rif_dimashq" else k)


@given(st.sampled_from(CLASSES), st.sampled_from(["", " ", "  "]), st.sampled_from([" ", "-", "_", " - "]),
       st.booleans())
@SETTINGS
def test_class_names_are_read_whatever_their_case_spacing_or_separator(
        cls: str, pad: str, sep: str, title: bool) -> None:
    spelled = cls.replace("_", sep)
    spelled = pad + (spelled.title() if title else spelled.upper()) + pad
    assert as_class_name(spelled) == cls
    assert pred_class({"perpetrator": spelled}) == cls


@given(st.integers(0, 10**6))
@SETTINGS
def test_numbers_in_digits_thousands_and_arabic_indic_are_found(n: int) -> None:
    arabic_indic = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for text in (f"killed {n} people", f"killed {n:,} people", f"قتل {arabic_indic} شخصا"):
        assert n in numbers_in_text(text), text


# ------------------------------------------------------------------ differential: equal to the reference
VOCAB = sorted({w for vs in ADMIN1_VARIANTS.values() for v in vs for w in v.split()}
               | {w for vs in PERP_TEXTS.values() for v in vs for w in v.split()}
               | {"killed", "twenty-five", "a dozen", "half", "hundred", "and", "no casualties", "Wednesday",
                  "May", "March", "05/10/2017", "ريف", "حي", "الخميس", "خمسة", "عشر", "طفلين", "Tall", "Kafr",
                  "al-Bab", "Bab", "Hawa", "Atarib", "Al-Atareb", "Manbij", "منبج", "Alashara", "town",
                  "near", "1,200", "٣٥", "U.S.", "IS", "US", "UK", "-backed", "anti-", "Rural", "Damascus",
                  "Ghouta"})
mixed_text = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=6)), max_size=12).map(" ".join)


@pytest.fixture(scope="module")
def reference(ref: ModuleType) -> ModuleType:
    """The reference scorer module (skips when shared/ is missing)."""
    return ref


@given(text=mixed_text)
@SETTINGS
def test_name_keys_equal_the_reference(reference: ModuleType, text: str) -> None:
    assert admin1_key(text) == reference.admin1_key(text)
    assert loc_key(text) == reference.loc_key(text)


@given(text=mixed_text)
@SETTINGS
def test_perpetrator_reading_equals_the_reference(reference: ModuleType, text: str) -> None:
    assert perp_classes(text) == reference.perp_classes(text)
    claim = {"perpetrator": text}
    assert pred_class(claim) == reference.pred_class(claim)


@given(text=mixed_text)
@SETTINGS
def test_text_evidence_equals_the_reference(reference: ModuleType, text: str) -> None:
    assert numbers_in_text(text) == reference.numbers_in_text(text)
    assert text_has_date(text) == reference.text_has_date(text)
    assert admin1_mentions(text) == reference.admin1_mentions(text)


@given(text=mixed_text, place=mixed_text)
@SETTINGS
def test_place_evidence_equals_the_reference(reference: ModuleType, text: str, place: str) -> None:
    doc = {"title": None, "text": text}
    assert Evidence(doc).names_place(place) == reference.Evidence(doc).names_place(place)
