"""Loading gazetteers: shipped data, CSV and GeoNames dumps; malformed files fail whole and say where."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.geo import (
    Gazetteer,
    GazetteerError,
    country_names,
    load_csv,
    load_gazetteer_file,
    load_geonames_dump,
)
from harmwatch.records import Place

HEADER = "id,name,alt_names,feature,admin1,admin2,lat,lon,source\n"


def test_shipped_places_cover_every_syrian_governorate(shipped: list[Place]) -> None:
    govs = {p.name: p for p in shipped if p.feature == "admin1" and p.country == "SY"}
    assert set(govs) == {"Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Tartus", "Damascus", "Rif Dimashq",
                         "Daraa", "As-Suwayda", "Quneitra", "Deir ez-Zor", "Raqqa", "Al-Hasakah"}
    assert "دير الزور" in govs["Deir ez-Zor"].alt_names and govs["Deir ez-Zor"].lat is not None
    towns = [p for p in shipped if p.country == "SY" and p.feature == "populated place"]
    assert len(towns) > 300 and all(p.admin1 in govs for p in towns)


def test_shipped_iraq_governorates(shipped: list[Place]) -> None:
    names = {p.name for p in shipped if p.feature == "admin1" and p.country == "IQ"}
    assert {"Nineveh", "Anbar", "Baghdad", "Kirkuk", "Saladin"} <= names


def test_load_csv_reads_rows_and_infers_country(tmp_path: Path) -> None:
    f = tmp_path / "g.csv"
    f.write_text(HEADER + "x:1,Tall Foo,Tal Foo|تل فو,populated place,Hamah,,35.1,36.7,me\n"
                 "x:2,Border road,,other,,,35.0,36.0,me\n", encoding="utf-8")
    ps = load_csv(f)
    assert [p.country for p in ps] == ["SY", "SY"]
    assert ps[0].admin1 == "Hama" and ps[0].alt_names == ["Tal Foo", "تل فو"] and ps[0].lat == 35.1


@pytest.mark.parametrize("body, line, word", [
    ("x:1,Foo,,populated place,Hama,,north,36.7,me\n", 2, "bad number"),
    ("x:1,Foo,,populated place,Hama,,35.0\n", 2, "fields"),
    ("x:1,Foo,,populated place,Hama,,95.0,36.7,me\n", 2, "outside"),
    ("x:1,Foo,,castle,Hama,,35.0,36.7,me\n", 2, "feature"),
])
def test_malformed_csv_names_file_and_line_and_loads_nothing(tmp_path: Path, body: str, line: int,
                                                             word: str) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(HEADER + "x:0,Ok,,populated place,Hama,,35.0,36.7,me\n" + body, encoding="utf-8")
    with pytest.raises(GazetteerError) as e:
        load_csv(f)
    assert e.value.path == str(f) and e.value.line == line + 1 and word in e.value.reason
    assert str(f) in str(e.value)


def test_csv_without_needed_columns_fails_on_line_one(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("name,lat\nFoo,1\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as e:
        load_gazetteer_file(f)
    assert e.value.line == 1


def _geonames_line(gid: int, name: str, alts: str, fclass: str, fcode: str, a1: str) -> str:
    cols = [str(gid), name, name, alts, "34.92", "40.56", fclass, fcode, "SY", "", a1, "", "", "", "1000",
            "", "200", "Asia/Damascus", "2020-01-01"]
    return "\t".join(cols) + "\n"


def test_geonames_dump_maps_features_and_admin1_codes(tmp_path: Path) -> None:
    f = tmp_path / "SY.txt"
    f.write_text(_geonames_line(1, "Al ‘Ashārah", "Alashara,العشارة,Ашара", "P", "PPL", "07")
                 + _geonames_line(2, "Nahr al Furat", "Euphrates", "H", "STM", "")
                 + _geonames_line(3, "Muhafazat Hamah", "Hama Governorate", "A", "ADM1", "10"), encoding="utf-8")
    ps = load_gazetteer_file(f)
    assert [(p.feature, p.admin1) for p in ps] == [("populated place", "Deir ez-Zor"), ("natural", None),
                                                   ("admin1", "Hama")]
    assert "Ашара" not in ps[0].alt_names and "العشارة" in ps[0].alt_names
    assert Gazetteer(ps).search("Alashara")[0][0].id == "geonames:1"


def test_malformed_geonames_dump_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "SY.txt"
    f.write_text(_geonames_line(1, "A", "", "P", "PPL", "07") + "2\tB\tonly three\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as e:
        load_geonames_dump(f)
    assert e.value.line == 2 and "SY.txt" in str(e.value)


def test_missing_file_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        load_csv(tmp_path / "nope.csv")


def test_search_finds_close_spellings(shipped: list[Place]) -> None:
    g = Gazetteer(shipped)
    assert g.search("Deir Ezzor", country="SY")[0][0].admin1 == "Deir ez-Zor"
    assert g.search("Kafranbel")[0][0].admin1 == "Idlib"


def test_country_names_include_arabic() -> None:
    names = country_names()
    assert names["syria"] == "SY" and names["العراق"] == "IQ"
