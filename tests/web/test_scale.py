"""What keeps the web app fast at a million incidents: the response cache, date-window bounds, workers."""

from __future__ import annotations

import datetime as dt
import json
import socket
from typing import Any

import pytest

from harmwatch.store import queries as Q
from tests.web.conftest import csrf_of, sign_in


def _killed_quote(client: Any, inc: str) -> str:
    fields = client.get(f"/incidents/{inc}.json").json()["fields"]
    return str(next(f for f in fields if f["name"] == "killed")["evidence"][0]["quote"]["text"])


def test_cached_public_pages_follow_a_withheld_phrase_at_once(loaded: Any, cfg: Any) -> None:
    from fastapi.testclient import TestClient

    from harmwatch.web.app import create_app

    # the data version is checked only once an hour here: only the write itself can empty the cache
    app = create_app(cfg, loaded, rollup_check_every=3600)
    with TestClient(app) as public, TestClient(app) as reviewer:
        sign_in(reviewer)
        rep = public.get("/reports/date/2018-03-13.json").json()["reports"][0]  # the planted Douma report
        sha, inc = rep["sha256"], rep["claims"][0]["incident_id"]
        first = _killed_quote(public, inc)
        assert _killed_quote(public, inc) == first  # from the cache
        assert len(app.state.aggregates.cache) > 0
        word = first.split()[-1]
        token = csrf_of(reviewer.get(f"/reports/{sha}").text)
        r = reviewer.post(f"/reports/{sha}/sensitive", data={"phrase": word, "note": "n", "reason": "protect",
                                                            "csrf": token}, follow_redirects=False)
        assert r.status_code == 303
        after = _killed_quote(public, inc)
        assert "[withheld]" in after and word not in after.replace("[withheld]", "")
        assert "[withheld]" in public.get(f"/incidents/{inc}").text


def test_json_twins_are_the_same_from_the_cache_and_without_it(loaded: Any, cfg: Any) -> None:
    from fastapi.testclient import TestClient

    from harmwatch.web.app import create_app

    urls = ["/incidents.json", "/incidents.json?min_killed=5", "/incidents/map.json?admin1=idlib",
            "/incidents/timeline.json?date_from=2018-01-01", "/places/admin1.json"]
    inc = Q.list_incidents(loaded, Q.Filters(), limit=1)[0]["id"]
    urls.append(f"/incidents/{inc}.json")
    with TestClient(create_app(cfg, loaded, cache_entries=0)) as plain, \
            TestClient(create_app(cfg, loaded, cache_entries=100)) as cached:
        for url in urls:
            a = plain.get(url)
            assert a.status_code == 200 and a.headers["content-type"].startswith("application/json")
            assert cached.get(url).json() == a.json() == cached.get(url).json(), url
        assert cached.get("/incidents/nope.json").status_code == 404


def test_date_filters_bound_the_index_range_by_the_longest_window(loaded: Any) -> None:
    rows = Q.all_matching(loaded, Q.Filters())
    longest = max(((r["date_end"] or r["date_start"]) - r["date_start"]).days for r in rows if r["date_start"])
    assert Q.max_window_days(loaded) == longest
    for r in rows:
        if not r["date_start"]:
            continue
        end = r["date_end"] or r["date_start"]
        f = Q.Filters(date_from=end, date_to=end)  # the last day of its window only
        assert r["id"] in {x["id"] for x in Q.list_incidents(loaded, f, limit=1000, window=longest)}
        assert Q.count_incidents(loaded, f, longest) == Q.count_incidents(loaded, f)
    assert Q.count_incidents(loaded, Q.Filters(date_from=dt.date(1900, 1, 1)), 0) == len(rows)


def test_serve_workers_build_the_app_from_the_handed_over_settings(loaded: Any, cfg: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from harmwatch.web import commands

    values = dict(cfg.values)
    values["web_secret_key"] = "shared by every worker"
    monkeypatch.setenv(commands.SETTINGS_ENV, json.dumps(values))
    with TestClient(commands.app_from_environment()) as c:
        assert c.get("/incidents.json").json()["total"] == Q.count_incidents(loaded, Q.Filters())
    sock = commands.listening_socket("127.0.0.1", 0)
    try:  # declared TCP, so every accepted connection gets TCP_NODELAY from asyncio
        assert sock.proto == socket.IPPROTO_TCP and sock.get_inheritable()
    finally:
        sock.close()
