"""The command line end to end on the bundled sample: listings, show, extract contract, export, review."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from harmwatch.export import CSV_COLUMNS
from harmwatch.records import CLAIM_FIELDS
from tests.conftest import SAMPLES


@pytest.fixture
def loaded(run):  # type: ignore[no-untyped-def]
    result = run("ingest", str(SAMPLES))
    assert "ingested 6, duplicates 0, aliases 0, failed 0, skipped 1" in result.output
    return run


def test_reports_filtered_by_date_list_the_news_items_of_that_day(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(loaded("reports", "--date", "2017-10-05", "--format", "json").output)
    assert {r["source"] for r in rows} == {"Syrian Coalition", "River Monitor (sample text written for harmwatch)"}
    assert all(r["published"] == "2017-10-05" for r in rows)


def test_incidents_json_lists_the_ids_of_their_reports(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(loaded("incidents", "--format", "json").output)
    assert rows and all(r["reports"] for r in rows)
    ashara = [r for r in rows if r["admin1"] == "Deir ez-Zor" and r["date_start"] == "2017-10-04"]
    assert len(ashara) == 1 and len(ashara[0]["reports"]) == 3  # coalition, monitor, local page
    assert ashara[0]["killed_low"] == 12 and ashara[0]["killed_best"] == 21 and ashara[0]["grade"] == "fair"


def test_incident_filters_narrow_the_list(loaded) -> None:  # type: ignore[no-untyped-def]
    all_rows = json.loads(loaded("incidents", "--format", "json").output)
    hama = json.loads(loaded("incidents", "--admin1", "hama", "--format", "json").output)
    many = json.loads(loaded("incidents", "--min-killed", "60", "--format", "json").output)
    assert 0 < len(hama) < len(all_rows) and all(r["admin1"] == "Hama" for r in hama)
    assert all(r["killed_best"] >= 60 for r in many)


def test_show_prints_each_figure_with_its_quote_and_report(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(loaded("incidents", "--admin1", "Deir", "--format", "json").output)
    text = loaded("show", rows[0]["id"]).output
    assert "at least 50" in text and "Syrian Coalition" in text and "sha256" in text


def test_extract_writes_the_contract(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.jsonl"
    run("extract", str(SAMPLES / "bulletins-2017-10.jsonl"), "-o", str(out))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["sample-bulletin-2017-10-08-ariha",
                                              "sample-bulletin-2017-10-09-statement",
                                              "sample-bulletin-2017-10-10-douma"]
    for line in lines:
        for claim in line["incidents"]:
            assert set(CLAIM_FIELDS) <= set(claim) and "evidence" in claim and "main" in claim
        assert sum(1 for c in line["incidents"] if c["main"]) == (1 if line["incidents"] else 0)
    assert lines[1]["incidents"] == []  # a statement about displacement is not an incident


def test_extract_refuses_a_broken_input_line_by_name(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n{oops\n')
    result = run("extract", str(bad), "-o", str(tmp_path / "o.jsonl"), ok=False)
    assert result.exit_code != 0 and "bad.jsonl line 2" in result.output
    assert not (tmp_path / "o.jsonl").exists()


def test_export_csv_has_the_stable_columns(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = loaded("export", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    hama = [r for r in rows if r["admin1"] == "Hama"]
    assert hama and hama[0]["point_derived"] == "True" and hama[0]["latitude"]


def test_export_geojson_is_a_feature_collection(loaded) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(loaded("export", "--format", "geojson").output)
    assert data["type"] == "FeatureCollection" and data["features"]
    assert all(f["geometry"] is None or f["geometry"]["type"] == "Point" for f in data["features"])


def test_review_merge_is_logged_survives_reprocess_and_old_id_redirects(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(loaded("incidents", "--format", "json").output)
    a, b = sorted(rows, key=lambda r: r["id"])[:2]
    loaded("review", "merge", a["id"], b["id"], "--who", "amal", "--why", "same event, two wordings")
    loaded("review", "edit", a["id"], "killed_low", "14", "--who", "amal", "--why", "names list")
    merged = json.loads(loaded("show", b["id"], "--format", "json").output)
    assert merged["id"] == a["id"] and merged["redirected_from"] == b["id"]
    loaded("reprocess")
    after = json.loads(loaded("show", a["id"], "--format", "json").output)
    assert set(after["reports"] if "reports" in after else [c["ext_id"] for c in after["claims"]]) >= \
        set(a["reports"]) | set(b["reports"])
    assert after["killed_low"] == 14
    assert [h["action"] for h in after["history"]] == ["merge", "edit"]
    assert "intact: 2 entries" in loaded("audit", "verify").output


def test_review_without_a_reason_is_refused(loaded) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(loaded("incidents", "--format", "json").output)
    result = loaded("review", "verify", rows[0]["id"], "--who", "amal", "--why", " ", ok=False)
    assert result.exit_code != 0 and "reason" in result.output


def test_settings_lists_every_setting_with_help(run) -> None:  # type: ignore[no-untyped-def]
    from harmwatch.config import SETTINGS

    text = run("settings").output
    for s in SETTINGS:
        assert s.name in text and s.help.split()[0] in text
