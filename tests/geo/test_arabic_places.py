"""Arabic place reading: exact Arabic spellings, Arabic cue words, common words that are not places."""

from __future__ import annotations

import pytest

from harmwatch.geo import Gazetteer, Resolver
from harmwatch.geo.cues import haversine_km
from harmwatch.geo.normalize import ar_key
from harmwatch.records import PlaceMatch

# Real coordinates (approximate town centres).
RAQQA = (35.95, 39.01)
ATAREB = (36.14, 36.83)
AFRIN = (36.51, 36.87)
MOSUL = (36.34, 43.12)
MAYADIN = (35.02, 40.45)
DEIR = (35.34, 40.14)
MAARAT = (35.65, 36.67)
TABQA = (35.84, 38.55)
BAB = (36.37, 37.52)
ALEPPO = (36.20, 37.16)


@pytest.fixture(scope="module")
def ar(gazetteer: Gazetteer) -> Resolver:
    """Syria only, as a default configuration would be."""
    return Resolver(gazetteer, countries=("SY",))


def locate(r: Resolver, text: str) -> PlaceMatch:
    pm = r.locate(text, 0, len(text))
    assert pm is not None, text
    return pm


def near(pm: PlaceMatch, pt: tuple[float, float], km: float = 5.0) -> bool:
    lat, lon = (pm.lat, pm.lon) if pm.lat is not None and pm.lon is not None else (pm.derived_point or (None, None))
    return lat is not None and lon is not None and haversine_km(lat, lon, *pt) <= km


def test_arabic_spelling_kept_beside_latin_with_same_keys(ar: Resolver) -> None:
    pm = locate(ar, "قتل خمسة مدنيين بينهم طفلان في قصف جوي استهدف مدينة الأتارب بريف حلب الغربي.")
    assert (pm.admin1, pm.geo_precision) == ("Aleppo", 1)
    assert near(pm, ATAREB)
    pm = locate(ar, "غارات جوية على مدينة عفرين شمال حلب أوقعت ضحايا.")
    assert (pm.admin1, pm.geo_precision) == ("Aleppo", 1)
    assert near(pm, AFRIN)


def test_town_word_reads_the_town_not_the_governorate(ar: Resolver) -> None:
    pm = locate(ar, "استشهد ثلاثة مواطنين جراء غارات لطائرات التحالف على مدينة الرقة مساء أمس.")
    assert (pm.admin1, pm.geo_precision) == ("Raqqa", 1)
    assert near(pm, RAQQA)
    assert pm.lat is not None


def test_clitic_on_town_word(ar: Resolver) -> None:
    pm = locate(ar, "سقط قتلى وجرحى في قصف بمدينة معرة النعمان.")
    assert (pm.admin1, pm.geo_precision) == ("Idlib", 1)
    assert near(pm, MAARAT)


def test_countryside_word_reads_the_governorate_region(ar: Resolver) -> None:
    pm = locate(ar, "قصف مدفعي على قرى في ريف الرقة الشرقي دون ذكر أسمائها.")
    assert (pm.admin1, pm.geo_precision) == ("Raqqa", 3)
    assert pm.lat is None
    pm = locate(ar, "غارات مكثفة وريف إدلب الجنوبي يشهد نزوحاً.")
    assert (pm.admin1, pm.geo_precision) == ("Idlib", 3)


def test_countryside_with_direction_before_the_name(ar: Resolver) -> None:
    pm = locate(ar, "قصف طال قرى في الريف الشرقي لحلب.")
    assert (pm.admin1, pm.geo_precision) == ("Aleppo", 3)


def test_province_word_reads_the_governorate(ar: Resolver) -> None:
    pm = locate(ar, "غارات روسية على محافظة إدلب خلفت قتلى.")
    assert (pm.admin1, pm.geo_precision, pm.lat) == ("Idlib", 3, None)


def test_near_words_give_precision_two(ar: Resolver) -> None:
    pm = locate(ar, "قتل ثلاثة مدنيين بالقرب من مدينة الميادين بريف دير الزور.")
    assert (pm.admin1, pm.geo_precision) == ("Deir ez-Zor", 2)
    assert near(pm, MAYADIN)
    pm = locate(ar, "انفجار سيارة مفخخة قرب الميادين.")
    assert (pm.admin1, pm.geo_precision) == ("Deir ez-Zor", 2)


def test_town_with_bearing_to_a_reference(ar: Resolver) -> None:
    pm = locate(ar, "غارة على بلدة الباب شمال شرق حلب.")
    assert (pm.admin1, pm.geo_precision) == ("Aleppo", 1)
    assert near(pm, BAB)
    pm = locate(ar, "قصف على مدينة الطبقة غرب الرقة.")
    assert near(pm, TABQA)


@pytest.mark.parametrize("word", ["على مدينة", "لطائرات", "ضحايا", "حماية", "بسيارة", "الدين", "الدرعية",
                                  "مجزرة جديدة", "المدينة", "التحالف", "الحي"])
def test_common_words_are_not_places(ar: Resolver, word: str) -> None:
    text = f"وقالت مصادر إن {word} كانت هناك."
    assert ar.locate(text, 0, len(text)) is None
    assert not [m for m in ar.finder.find(word) if not m.country]


def test_unknown_neighbourhood_is_not_a_namesake_town(ar: Resolver) -> None:
    pm = locate(ar, "ضحايا لطائرات التحالف في حي الميدان بمدينة حلب.")
    assert pm.admin1 == "Aleppo"
    assert pm.location != "Al Mayādīn"
    assert near(pm, ALEPPO, 10)


@pytest.mark.parametrize("name,admin1", [
    ("دير الزور", "Deir ez-Zor"), ("ديرالزور", "Deir ez-Zor"), ("الحسكة", "Al-Hasakah"), ("الرقة", "Raqqa"),
    ("ريف دمشق", "Rif Dimashq"), ("حماة", "Hama"), ("حماه", "Hama"), ("حمص", "Homs"), ("درعا", "Daraa"),
    ("السويداء", "As-Suwayda"), ("القنيطرة", "Quneitra"), ("طرطوس", "Tartus"), ("اللاذقية", "Latakia"),
    ("إدلب", "Idlib"), ("ادلب", "Idlib"), ("حلب", "Aleppo"), ("دمشق", "Damascus"), ("الرقه", "Raqqa"),
])
def test_governorate_spellings(ar: Resolver, name: str, admin1: str) -> None:
    pm = locate(ar, f"قصف عنيف على محافظة {name} اليوم.")
    assert (pm.admin1, pm.geo_precision) == (admin1, 3)


def test_arabic_country_name_lets_its_places_match(ar: Resolver) -> None:
    pm = locate(ar, "قتل مدنيون في غارة للتحالف على حي في الموصل شمال العراق.")
    assert (pm.country, pm.admin1) == ("IQ", "Nineveh")
    assert near(pm, MOSUL, 10)


def test_arabic_governorate_name_names_its_country(ar: Resolver) -> None:
    pm = locate(ar, "قتل عشرة مدنيين في غارات على الموصل في محافظة نينوى.")
    assert (pm.country, pm.admin1) == ("IQ", "Nineveh")
    assert near(pm, MOSUL, 10)


def test_iraqi_town_alone_stays_out_of_a_syria_only_scope(ar: Resolver) -> None:
    assert ar.locate("غارة على الموصل", 0, 15) is None


def test_nisba_after_unknown_neighbourhood_names_the_governorate(ar: Resolver) -> None:
    pm = locate(ar, "استشهد مدني برصاص قناص في حي جوبر الدمشقي صباح اليوم.")
    assert (pm.admin1, pm.geo_precision) == ("Damascus", 3)
    assert ar.locate("قال محمد الحلبي إن الوضع صعب", 0, 27) is None


def test_town_inside_countryside_container(ar: Resolver) -> None:
    pm = locate(ar, "مقتل أربعة مدنيين في قصف على الميادين في ريف دير الزور الشرقي.")
    assert (pm.admin1, pm.geo_precision) == ("Deir ez-Zor", 1)
    assert near(pm, MAYADIN)


def test_city_name_alone_after_preposition(ar: Resolver) -> None:
    pm = locate(ar, "سقوط قذائف على دير الزور.")
    assert pm.admin1 == "Deir ez-Zor"
    assert near(pm, DEIR)


def test_orthographic_folding() -> None:
    assert ar_key("إدلب") == ar_key("ادلب")
    assert ar_key("حماة") == ar_key("حماه")
    assert ar_key("السويداء") == ar_key("السويدا")
    assert ar_key("الرَّقَّة") == ar_key("الرقة")
