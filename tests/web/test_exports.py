"""Exports: ACLED's exact columns and fatality convention, UCDP precision codes, HXL tags, the filters."""

from __future__ import annotations

import csv
import io
from typing import Any

from harmwatch.export import acled, ucdp

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_acled_export_has_acleds_exact_columns_and_honours_filters(client: Any) -> None:
    text = client.get("/export?format=acled&date_from=2017-10-04&date_to=2017-10-04").text
    assert text.splitlines()[0].split(",") == ACLED_COLUMNS
    rows = _rows(text)
    assert rows and all(r["event_date"] == "2017-10-04" and r["country"] == "Syria" and r["iso"] == "760"
                        for r in rows)
    assert all(r["time_precision"] == "1" and r["event_id_cnty"].startswith("SYR") for r in rows)


def test_acled_convention_turns_vague_words_into_acleds_numbers() -> None:
    conv = acled._convention()
    assert acled.acled_count("killing dozens of civilians", 24, conv) == 12
    assert acled.acled_count("tens of people were killed", 20, conv) == 10
    assert acled.acled_count("hundreds killed", 200, conv) == 100
    assert acled.acled_count("killing 80", 80, conv) == 80
    inc = {"killed_low": 24, "data": {"figures": {"killed": [{"low": 24, "quote": "dozens were killed"},
                                                             {"low": 30, "quote": "killing 30"}]}}}
    assert acled.fatalities(inc, conv) == 12  # the most conservative reading, ACLED-style


def test_a_week_window_is_coded_at_its_middle_with_time_precision_2(client: Any) -> None:
    hama = _rows(client.get("/export?format=acled&admin1=Hama").text)
    assert hama[0]["time_precision"] == "2" and hama[0]["event_date"] == "2017-09-29"
    assert hama[0]["geo_precision"] == "3" and hama[0]["latitude"]  # the governorate's point


def test_ucdp_export_has_ranges_and_precision_codes(client: Any) -> None:
    rows = _rows(client.get("/export?format=ucdp").text)
    assert {"best", "low", "high", "date_prec", "where_prec", "deaths_civilians"} <= set(rows[0])
    hama = next(r for r in rows if r["adm_1"] == "Hama")
    assert hama["date_prec"] == "2" and hama["where_prec"] == "4" and hama["best"] == "80"
    assert ucdp.date_prec(None, None) == 5


def test_hxl_export_has_the_hashtag_row(client: Any) -> None:
    lines = client.get("/export?format=hxl").text.splitlines()
    tags = lines[1].split(",")
    for tag in ("#date", "#adm1+name", "#loc+name", "#geo+lat", "#geo+lon", "#event+type", "#affected+killed",
                "#affected+injured", "#meta+source"):
        assert tag in tags
    assert len(lines) > 2


def test_native_csv_and_geojson_downloads_follow_the_filters(client: Any) -> None:
    everything = _rows(client.get("/export?format=csv").text)
    big = _rows(client.get("/export?format=csv&min_killed=50").text)
    assert 0 < len(big) < len(everything)
    r = client.get("/export?format=geojson")
    assert r.headers["content-type"].startswith("application/geo+json") and "attachment" in r.headers[
        "content-disposition"]
    assert client.get("/export?format=pdf").status_code == 400
