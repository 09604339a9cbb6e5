"""The pages and their JSON twins: one view, two renderings, all driven by the same filters."""

from __future__ import annotations

import re
from typing import Any


def _incident_ids(html: str) -> list[str]:
    return re.findall(r'href="/incidents/(inc-[0-9a-f]+)"', html)


def test_incidents_page_and_its_json_twin_list_the_same_incidents(client: Any) -> None:
    html = client.get("/incidents").text
    data = client.get("/incidents.json").json()
    assert data["total"] == len(data["incidents"]) >= 4
    assert _incident_ids(html) == [i["id"] for i in data["incidents"]]
    assert 'href="/incidents.json"' in html


def test_a_date_filter_narrows_list_map_and_timeline_alike(client: Any) -> None:
    q = "date_from=2017-10-01&date_to=2017-10-31"
    listed = client.get(f"/incidents.json?{q}").json()
    assert listed["filters"] == {"date_from": "2017-10-01", "date_to": "2017-10-31"}
    assert all(i["date_start"] <= "2017-10-31" for i in listed["incidents"])
    assert not any(i["date_start"].startswith("2018") for i in listed["incidents"])
    timeline = client.get(f"/incidents/timeline.json?{q}").json()
    mapped = client.get(f"/incidents/map.json?{q}").json()
    assert listed["total"] == timeline["total"] == mapped["total"]
    assert timeline["unit"] == "day"
    assert sum(s["killed_best"] for s in timeline["series"]) == timeline["killed_best"]
    assert all(s["killed_low"] <= s["killed_best"] <= s["killed_high"] for s in timeline["series"])
    # the filters stay in the URL the page builds its map and timeline from
    html = client.get(f"/incidents?{q}").text
    assert f'data-map="/incidents/map.json?{q}"' in html.replace("&amp;", "&")


def test_min_killed_admin1_and_text_search_filter_the_list(client: Any) -> None:
    big = client.get("/incidents.json?min_killed=50").json()["incidents"]
    assert big and all(i["killed_best"] >= 50 for i in big)
    hama = client.get("/incidents.json?admin1=hama").json()["incidents"]
    assert hama and all("Hama" in i["admin1"] for i in hama)
    assert client.get("/incidents.json?q=zzzz-nothing").json()["incidents"] == []
    bad = client.get("/incidents.json?date_from=yesterday")
    assert bad.status_code == 400 and "date_from" in bad.json()["error"]


def test_map_data_marks_region_level_points_as_derived(client: Any) -> None:
    points = client.get("/incidents/map.json").json()["points"]
    hama = [p for p in points if p["precision"] == 3]
    assert hama and all(p["derived"] for p in hama)
    assert any(not p["derived"] and p["precision"] in (1, 2) for p in points)


def test_incident_page_shows_ranges_quotes_reports_link_reasons(client: Any) -> None:
    listed = client.get("/incidents.json?admin1=deir").json()["incidents"]
    inc = max((i for i in listed if i["killed_best"] is not None), key=lambda i: i["n_reports"])
    data = client.get(f"/incidents/{inc['id']}.json").json()
    killed = next(f for f in data["fields"] if f["name"] == "killed")
    assert killed["low"] <= killed["best"] and len(killed["evidence"]) >= 1
    assert all(e["quote"]["pieces"][0]["mark"] for e in killed["evidence"])
    assert {r["sha256"] for r in data["reports"]} == {e["report"] for e in killed["evidence"]} | {
        r["sha256"] for r in data["reports"]}
    assert all(len(r["sha256"]) == 64 and r["contribution"] for r in data["reports"])
    assert all(link["why"] for link in data["links"])
    html = client.get(f"/incidents/{inc['id']}").text
    assert "<mark>" in html and data["reports"][0]["sha256"] in html
    assert "Why these reports were linked" in html


def test_reports_are_browsable_by_date_and_by_source_with_their_claims(client: Any) -> None:
    cal = client.get("/reports.json?month=2017-10").json()
    assert any(cell and cell["n"] for week in cal["calendar"] for cell in week)
    day = client.get("/reports/date/2017-10-05.json").json()
    assert day["reports"] and any(r["claims"] for r in day["reports"])
    assert all(r["published"] == "2017-10-05" for r in day["reports"])
    src = cal["sources"][0]
    by_source = client.get(f"/sources/{src['id']}.json").json()
    assert len(by_source["reports"]) == src["reports"]
    assert "/reports/date/2017-10-05" in client.get("/reports?month=2017-10").text


def test_openapi_documents_the_json_twins(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/incidents.json", "/incidents/map.json", "/incidents/timeline.json", "/incidents/{incident_id}.json",
              "/reports.json", "/reports/date/{day}.json", "/reports/{sha256}.json", "/export"):
        assert p in paths


def test_arabic_interface_is_right_to_left_and_report_text_sets_its_own_direction(client: Any) -> None:
    html = client.get("/incidents?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in html and "الحوادث" in html
    assert 'dir="auto"' in html
    assert client.cookies.get("lang") == "ar"


def test_unknown_incident_is_a_404_in_both_renderings(client: Any) -> None:
    assert client.get("/incidents/inc-000000000000").status_code == 404
    assert client.get("/incidents/inc-000000000000.json").json()["error"].endswith("not found")
