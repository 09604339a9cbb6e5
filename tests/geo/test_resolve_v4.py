"""Round 4: stored user rows keep what the shipped data knew, toll words tie a place to the incident,
non-violent clauses are context, and region-level claims can carry the provincial capital's point."""

from __future__ import annotations

import math

import pytest

from harmwatch.geo import Gazetteer, Resolver, cues, shipped_places
from harmwatch.records import Place, PlaceMatch


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Rough distance for assertions."""
    dy = (a[0] - b[0]) * 111.0
    dx = (a[1] - b[1]) * 111.0 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def locate(resolver: Resolver, text: str) -> PlaceMatch | None:
    m = resolver.locate(text, 0, len(text))
    if m is not None and m.span is not None:
        assert text[m.span.start:m.span.end] == m.span.quote
    return m


@pytest.fixture(scope="module")
def stored_like() -> Gazetteer:
    """What the store hands back after a user file reused shipped ids: its own thin rows replace the shipped
    governorate and town rows (one or two names, no population)."""
    thin = {"iso3166-2:SY-RD": Place("iso3166-2:SY-RD", "Rif Dimashq", "SY", "admin1", 33.56, 36.42,
                                     admin1="Rif Dimashq", alt_names=["Rīf Dimashq"], source="user file"),
            "iso3166-2:SY-HL": Place("iso3166-2:SY-HL", "Aleppo", "SY", "admin1", 36.37, 37.38,
                                     admin1="Aleppo", alt_names=["Halab"], source="user file"),
            "geonames:170063": Place("geonames:170063", "Aleppo", "SY", "populated place", 36.20, 37.16,
                                     admin1="Aleppo", source="user file"),
            "geonames:174018": Place("geonames:174018", "Al-Bab", "SY", "populated place", 36.37, 37.52,
                                     admin1="Aleppo", source="user file")}
    rows = [thin.get(p.id, p) for p in shipped_places(["SY"])]
    return Gazetteer(rows)


def test_a_thin_governorate_row_still_reads_rural_damascus(stored_like: Gazetteer) -> None:
    r = Resolver(stored_like)
    m = locate(r, "Three people were killed when shells fell on a farm in rural Damascus on Sunday")
    assert m is not None and m.admin1 == "Rif Dimashq" and m.geo_precision == 3
    assert m.place_id == "iso3166-2:SY-RD"
    unit = stored_like.places["iso3166-2:SY-RD"]
    assert {"Rural Damascus", "Damascus Countryside"} <= set(unit.alt_names)


def test_region_point_is_the_provincial_capital_not_a_namesake(stored_like: Gazetteer) -> None:
    r = Resolver(stored_like, region_points=True)
    m = locate(r, "Warplanes pounded villages in the western countryside of Aleppo, killing six")
    assert m is not None and m.admin1 == "Aleppo" and m.geo_precision == 3
    assert m.lat is not None and m.lon is not None
    assert km((m.lat, m.lon), (36.20, 37.16)) < 5  # Aleppo city, not al-Bab (same skeleton "lb")
    assert m.location == "western countryside of Aleppo"


def test_region_level_claims_keep_null_points_by_default(resolver: Resolver) -> None:
    m = locate(resolver, "Clashes went on for a third day in the northern countryside of Hama")
    assert m is not None and (m.admin1, m.geo_precision, m.lat, m.lon) == ("Hama", 3, None, None)
    assert m.derived_point is not None and km(m.derived_point, (35.13, 36.76)) < 5  # Hama city


def test_region_points_for_a_governorate_without_a_namesake_town_use_the_unit_point(gazetteer: Gazetteer) -> None:
    r = Resolver(gazetteer, region_points=True)
    m = locate(r, "Regime helicopters dropped barrels on several towns of Reef Dimashq, killing four")
    assert m is not None and m.admin1 == "Rif Dimashq" and m.geo_precision == 3
    assert m.lat is not None and m.lon is not None and m.derived_point == (m.lat, m.lon)
    assert km((m.lat, m.lon), (33.5, 36.4)) < 40


def test_a_town_read_at_precision_one_is_unchanged_by_region_points(gazetteer: Gazetteer) -> None:
    r = Resolver(gazetteer, region_points=True)
    m = locate(r, "Four civilians were killed in Saraqib by an air strike")
    assert m is not None and m.admin1 == "Idlib" and m.geo_precision == 1
    assert m.lat is not None and m.lon is not None and km((m.lat, m.lon), (35.86, 36.80)) < 5


def test_human_losses_tie_the_later_governorate_to_the_incident(resolver: Resolver) -> None:
    m = locate(resolver, "Rockets fall on Hama city and human losses in rebel ranks in Daraa")
    assert m is not None and m.admin1 == "Daraa"


def test_a_toll_after_a_comma_stays_in_its_clause(resolver: Resolver) -> None:
    text = "Fighting goes on in Raqqa countryside and a car bomb goes off in Hasakah countryside, causing casualties"
    m = locate(resolver, text)
    assert m is not None and m.admin1 == "Al-Hasakah" and m.geo_precision == 3


def test_without_a_toll_the_first_governorate_still_wins(resolver: Resolver) -> None:
    m = locate(resolver, "Rockets fall on Hama city and clashes in the countryside of Daraa")
    assert m is not None and m.admin1 == "Hama"


def test_a_protest_clause_is_context_for_the_shelling_clause(resolver: Resolver) -> None:
    m = locate(resolver, "Protest in the city of Saraqib, and regime shelling targets the eastern countryside of Homs")
    assert m is not None and m.admin1 == "Homs"


def test_aid_drops_are_context(resolver: Resolver) -> None:
    m = locate(resolver, "Food aid dropped over Deir Ezzor city and warplanes bomb Daraa")
    assert m is not None and m.admin1 == "Daraa"


def test_a_protest_that_was_attacked_is_the_incident(resolver: Resolver) -> None:
    m = locate(resolver, "Security forces fired on a protest in Saraqib, and arrests in Homs")
    assert m is not None and m.admin1 == "Idlib" and m.location == "Saraqib"


def test_an_unknown_longer_name_gets_no_toll_weight(resolver: Resolver) -> None:
    text = "More casualties in the shelling on Sadd al-Loz and Karm al-Jabal at the eastern part of Aleppo city"
    m = locate(resolver, text)
    assert m is not None and m.admin1 == "Aleppo"


@pytest.mark.parametrize(("text", "calm"), [
    ("Demonstration in Idlib countryside", True),
    ("Arrests in Baniyas city", True),
    ("Typhoid fever cases rise in Daraa", True),
    ("Clashes in Idlib countryside", False),
    ("Security forces shot at a protest", False),
])
def test_calm_words_without_violence(text: str, calm: bool) -> None:
    found = bool(cues.CALM.search(text)) and not cues.VIOLENCE.search(text)
    assert found is calm
