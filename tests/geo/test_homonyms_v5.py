"""Round 5: namesakes in several governorates are read against the governorate their own sentence (then the
report) names, and against the distance to the report's other places; a namesake outside the governorate
its sentence puts it in, with none inside, gives way to that governorate."""

from __future__ import annotations

import math

import pytest

from harmwatch.geo import Gazetteer, Resolver
from harmwatch.geo.admin1 import places as admin1_places
from harmwatch.records import Place, PlaceMatch


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Rough distance for assertions."""
    dy = (a[0] - b[0]) * 111.0
    dx = (a[1] - b[1]) * 111.0 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def town(pid: str, name: str, admin1: str, lat: float, lon: float, pop: int = 0) -> Place:
    return Place(pid, name, "SY", "populated place", lat, lon, admin1=admin1, population=pop)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    """The Syrian governorates, their capitals and a few invented namesakes."""
    places = admin1_places(("SY",)) + [
        town("t:dez", "Deir ez-Zor", "Deir ez-Zor", 35.336, 40.141, 270_000),
        town("t:daraa", "Daraa", "Daraa", 32.619, 36.102, 100_000),
        town("t:hama", "Hama", "Hama", 35.131, 36.757, 700_000),
        town("t:aleppo", "Aleppo", "Aleppo", 36.202, 37.159, 1_600_000),
        # one Qubbat Salim only, far in the south
        town("t:qs-suw", "Qubbat Salim", "As-Suwayda", 32.55, 36.60, 7_000),
        # Tell Marwan in Hama and a bigger one in Aleppo
        town("t:tm-hama", "Tell Marwan", "Hama", 35.30, 36.60, 2_000),
        town("t:tm-alep", "Tell Marwan", "Aleppo", 36.45, 37.90, 40_000),
        # Salamiyah (Hama) and a namesake village of Ain Zarqa far away in Latakia
        town("t:salam", "Salamiyah", "Hama", 35.011, 37.053, 66_000),
        town("t:az-lat", "Ain Zarqa", "Latakia", 35.80, 36.00, 3_000),
        # Khirbat Nour near Daraa (Quneitra) and a bigger one far north (Aleppo)
        town("t:kn-qun", "Khirbat Nour", "Quneitra", 33.05, 35.90, 1_500),
        town("t:kn-alep", "Khirbat Nour", "Aleppo", 36.50, 37.00, 30_000),
    ]
    return Resolver(Gazetteer(places), countries=("SY",))


def locate(r: Resolver, text: str, start: int = 0, end: int | None = None) -> PlaceMatch:
    m = r.locate(text, start, len(text) if end is None else end)
    assert m is not None
    if m.span is not None:
        assert text[m.span.start:m.span.end] == m.span.quote
    return m


def test_container_province_after_intervening_words_picks_the_namesake_inside(resolver: Resolver) -> None:
    t = ("Fighting raged in Aleppo on Sunday. Jets struck the village of Tell Marwan held by the rebel groups in "
         "the country's central Hama province.")
    m = locate(resolver, t, t.index("Jets"))
    assert m.admin1 == "Hama" and m.location == "Tell Marwan"
    assert m.lat is not None and m.lon is not None and km((m.lat, m.lon), (35.30, 36.60)) < 1


def test_namesake_outside_the_container_gives_way_to_the_governorate(resolver: Resolver) -> None:
    t = ("The monitor said the raids hit the town of Qubbat Salim controlled by the jihadists in Syrias "
         "oil-rich Deir Ezzor province.")
    m = locate(resolver, t)
    assert m.admin1 == "Deir ez-Zor" and m.geo_precision == 3
    assert m.lat is None and m.location == "Deir ez-Zor"


def test_container_named_as_the_governorate_city(resolver: Resolver) -> None:
    t = "The Qubbat Salim massacre claimed the lives of 22 people in Deir Ezzor city"
    m = locate(resolver, t, 0, t.index(" massacre"))
    assert m.admin1 == "Deir ez-Zor" and m.geo_precision == 3


def test_clause_break_keeps_the_town_where_the_gazetteer_has_it(resolver: Resolver) -> None:
    t = "Shelling hit Qubbat Salim on Monday, and clashes went on in Deir Ezzor province."
    m = locate(resolver, t, 0, t.index(","))
    assert m.admin1 == "As-Suwayda" and m.location == "Qubbat Salim" and m.geo_precision == 1


def test_governorate_named_in_the_same_sentence_beats_a_bigger_namesake(resolver: Resolver) -> None:
    t = "Clashes went on in Aleppo city on Monday. In Hama a shell hit Tell Marwan killing two children."
    m = locate(resolver, t, t.index("a shell"))
    assert m.admin1 == "Hama" and m.location == "Tell Marwan"
    assert m.lat is not None and m.lon is not None and km((m.lat, m.lon), (35.30, 36.60)) < 1


def test_distance_to_the_reports_other_places_breaks_a_namesake_tie(resolver: Resolver) -> None:
    t = "Shelling targeted Daraa city. A family was wounded in Khirbat Nour town."
    m = locate(resolver, t, t.index("A family"))
    assert m.admin1 == "Quneitra" and m.location == "Khirbat Nour"
    assert m.lat is not None and m.lon is not None and km((m.lat, m.lon), (33.05, 35.90)) < 1


def test_lone_namesake_without_other_places_keeps_population_order(resolver: Resolver) -> None:
    t = "A family was wounded in Khirbat Nour town."
    m = locate(resolver, t)
    assert m.admin1 == "Aleppo" and m.location == "Khirbat Nour"


def test_barada_valley_is_the_rif_dimashq_region_not_a_village_namesake(gazetteer: Gazetteer) -> None:
    r = Resolver(gazetteer, countries=("SY",))
    t = "Warplanes kept up their bombardment on the Barada valley on Tuesday, activists said."
    m = locate(r, t)
    assert m.admin1 == "Rif Dimashq" and m.location == "Wadi Barada"
    assert m.lat is not None and m.lon is not None and km((m.lat, m.lon), (33.62, 36.16)) < 15


def test_town_countryside_container_rejects_a_far_namesake(resolver: Resolver) -> None:
    t = "IS fighters attacked an army post near Ain Zarqa held by the army in the Salamiyah countryside."
    m = locate(resolver, t, 0, t.index(" held"))
    assert m.admin1 == "Hama" and m.geo_precision == 3 and m.lat is None
    t = "IS fighters attacked an army post near Ain Zarqa in the Salamiyah countryside on Friday."
    m = locate(resolver, t, 0, t.index(" in the"))
    assert m.admin1 == "Hama" and m.location == "Salamiyah" and m.geo_precision == 2
