"""Following sources end to end: URLs and feeds become reports with provenance; watch resumes; WARCs replay."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from harmwatch.config import load_config
from harmwatch.ingest.verify import verify_all
from harmwatch.ingest.watch import add_source, list_sources, run_watch
from harmwatch.pipeline import ingest_paths, open_store
from harmwatch.store import schema as t
from tests.ingest.conftest import BILLION_LAUGHS, LONG, Server, net_overrides, rss


def _reports(store: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.reports.c.sha256, t.reports.c.ext_id, t.reports.c.url, t.reports.c.text,
                                      t.reports.c.title, t.reports.c.published, t.reports.c.retrieved_at,
                                      t.reports.c.meta).order_by(t.reports.c.sha256)).mappings()
        return [dict(r) for r in rows]


def _feed(server: Server) -> bytes:
    return rss([("guid-full", server.url("/full.html"), "Strike near Al-Asharah", LONG),
                ("guid-teaser", server.url("/story.html"), "Convoy fired on", "Eighty civilians killed.")])


def _serve_feed(server: Server, etag: str = '"v1"') -> None:
    server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml", "ETag": etag}, _feed(server))


def test_a_page_url_becomes_a_report_with_its_provenance(net_store: Any, net_cfg: Any, server: Server) -> None:
    summary = ingest_paths(net_store, net_cfg, [server.url("/redirect")])
    assert len(summary.ingested) == 1, summary.failed
    (rep,) = _reports(net_store)
    fetch = rep["meta"]["fetch"]
    assert rep["url"] == server.url("/page.html") and fetch["url"] == server.url("/redirect")
    assert fetch["status"] == 200 and fetch["redirects"][0]["status"] == 302 and fetch["ip"] == "127.0.0.2"
    assert ["Content-Type", "text/html; charset=utf-8"] in [[k.title(), v] for k, v in fetch["headers"]]
    assert rep["title"] == "Death toll of Ashara strike rises" and "Home | About" not in rep["text"]
    assert fetch["retrieved_at"].startswith(str(rep["retrieved_at"])[:10])


def test_each_feed_entry_is_a_report_and_a_teaser_entry_fetches_its_page(
        net_store: Any, net_cfg: Any, server: Server) -> None:
    _serve_feed(server)
    summary = ingest_paths(net_store, net_cfg, [server.url("/feed.xml")])
    assert len(summary.ingested) == 2, summary.failed
    reps = {r["ext_id"]: r for r in _reports(net_store)}
    full, teaser = reps["guid-full"], reps["guid-teaser"]
    with net_store.engine.connect() as conn:
        raw = conn.execute(sa.select(t.reports.c.raw).where(t.reports.c.ext_id == "guid-full")).scalar_one()
    assert full["meta"]["feed_entry"]["raw"] == "entry bytes"
    assert raw.startswith(b"<item><guid>guid-full</guid>") and raw.endswith(b"</item>")  # its own bytes in the feed
    assert teaser["meta"]["feed"] == server.url("/feed.xml") and teaser["url"] == server.url("/story.html")
    assert "eastern rural Hama" in teaser["text"] and str(teaser["published"]) == "2017-10-06"
    assert not server.hits("/full.html")  # the full entry needed no page


@pytest.mark.parametrize("route,message", [
    ("/laughs.xml", "unsafe feed refused"),
    ("/broken.xml", "invalid XML"),
    ("/latin.xml", "invalid XML"),
])
def test_a_malicious_or_broken_feed_fails_by_name_and_the_others_go_on(
        net_store: Any, net_cfg: Any, server: Server, route: str, message: str) -> None:
    _serve_feed(server)
    summary = ingest_paths(net_store, net_cfg, [server.url(route), server.url("/feed.xml")])
    assert [(o, message in r) for o, r in summary.failed] == [(server.url(route), True)]
    assert len(summary.ingested) == 2


def test_a_huge_entry_fails_alone(net_store: Any, tmp_path: Path, db_target: str, server: Server) -> None:
    cfg = load_config(None, {"db": db_target, **net_overrides(tmp_path), "max_input_bytes": 3000},
                      environ={"HARMWATCH_CONFIG": str(tmp_path / "x.toml")})
    huge = ("Civilians were killed in shelling on Saraqib. " * 200)
    server.routes["/huge.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(
        [("g-huge", server.url("/nowhere"), "huge", huge), ("g-ok", server.url("/x"), "ok", LONG)]))
    summary = ingest_paths(net_store, cfg, [server.url("/huge.xml")])
    assert len(summary.ingested) == 1 and "entry 1" in summary.failed[0][0] and "too large" in summary.failed[0][1]


def test_unsafe_urls_fail_by_name_without_stopping_the_batch(net_store: Any, net_cfg: Any, server: Server) -> None:
    summary = ingest_paths(net_store, net_cfg, [server.url("/to-loopback"), "http://169.254.169.254/latest/",
                                                 server.url("/page.html")])
    assert len(summary.ingested) == 1
    assert [o for o, _ in summary.failed] == [server.url("/to-loopback"), "http://169.254.169.254/latest/"]
    assert "link-local or cloud metadata" in summary.failed[1][1]


def test_watch_polls_conditionally_logs_what_is_new_and_backs_off_on_failure(
        net_store: Any, net_cfg: Any, server: Server) -> None:
    _serve_feed(server)
    add_source(net_store, server.url("/feed.xml"), "Euphrates Post", "news agency", every=0)
    add_source(net_store, server.url("/gone.xml"), "Gone", "NGO", every=0)
    logs: list[Any] = []
    run_watch(net_store, net_cfg, True, logs.append, say=print)
    by = {r.source: r for r in logs}
    assert len(by["Euphrates Post"].new) == 2 and by["Gone"].status == 404 and by["Gone"].error == "HTTP 404"
    logs.clear()
    run_watch(net_store, net_cfg, True, logs.append, say=print)
    assert [(r.source, r.status) for r in logs] == [("Euphrates Post", 304)]  # Gone waits: backoff
    assert server.hits("/feed.xml")[-1]["headers"]["If-None-Match"] == '"v1"'
    state = {s["name"]: s for s in list_sources(net_store)}
    assert state["Gone"]["failures"] == 1 and state["Euphrates Post"]["etag"] == '"v1"'


def test_watch_resumes_and_skips_entries_it_already_holds(net_store: Any, net_cfg: Any, server: Server) -> None:
    _serve_feed(server)
    add_source(net_store, server.url("/feed.xml"), "Euphrates Post", "news agency", every=0)
    run_watch(net_store, net_cfg, True, lambda r: None, say=print)
    _serve_feed(server, etag='"v2"')  # changed feed, same entries: nothing new, no page refetched
    logs: list[Any] = []
    run_watch(net_store, net_cfg, True, logs.append, say=print)
    assert logs[0].status == 200 and logs[0].new == [] and logs[0].seen == 2
    assert len(server.hits("/story.html")) == 1


def test_watch_stops_cleanly_on_ctrl_c(net_store: Any, net_cfg: Any, server: Server) -> None:
    _serve_feed(server)
    add_source(net_store, server.url("/feed.xml"), "Euphrates Post", "news agency", every=60)
    said: list[str] = []

    def interrupt(_seconds: float) -> None:
        raise KeyboardInterrupt

    polled = run_watch(net_store, net_cfg, False, lambda r: None, say=said.append, sleep=interrupt)
    assert polled == 1 and "stopped (Ctrl-C)" in said[-1] and len(_reports(net_store)) == 2


def test_warc_round_trip_gives_the_same_reports_and_hashes(
        net_store: Any, net_cfg: Any, server: Server, tmp_path: Path) -> None:
    _serve_feed(server)
    ingest_paths(net_store, net_cfg, [server.url("/feed.xml"), server.url("/redirect"), server.url("/gzip.html")])
    live = _reports(net_store)
    (warc,) = list((tmp_path / "warc").glob("*.warc.gz"))
    fresh = open_store(load_config(None, {"db": str(tmp_path / "fresh.db"), "progress": False},
                                   environ={"HARMWATCH_CONFIG": str(tmp_path / "x.toml")}))
    try:
        summary = ingest_paths(fresh, load_config(None, {"db": str(tmp_path / "fresh.db")}, environ={}), [warc])
        replayed = _reports(fresh)
    finally:
        fresh.close()
    assert not summary.failed and len(live) == 4
    keys = ("sha256", "ext_id", "url", "text", "title", "published")
    assert [{k: r[k] for k in keys} for r in replayed] == [{k: r[k] for k in keys} for r in live]


def _truncate(src: Path, dst: Path, keep: float) -> None:
    raw = gzip.decompress(src.read_bytes())
    dst.write_bytes(raw[:int(len(raw) * keep)])


def test_a_truncated_warc_is_an_error_that_says_how_far_it_got(
        net_store: Any, net_cfg: Any, server: Server, tmp_path: Path) -> None:
    ingest_paths(net_store, net_cfg, [server.url("/page.html"), server.url("/story.html")])
    (warc,) = list((tmp_path / "warc").glob("*.warc.gz"))
    cut = tmp_path / "cut.warc"
    _truncate(warc, cut, 0.97)
    fresh_cfg = load_config(None, {"db": str(tmp_path / "f.db"), "progress": False}, environ={})
    fresh = open_store(fresh_cfg)
    try:
        summary = ingest_paths(fresh, fresh_cfg, [cut])
    finally:
        fresh.close()
    assert len(summary.ingested) == 1
    ((origin, reason),) = summary.failed
    assert origin == str(cut) and "truncated in record" in reason and "complete records were read" in reason


def test_verify_finds_a_changed_report_and_a_changed_warc_record(
        net_store: Any, net_cfg: Any, server: Server, tmp_path: Path) -> None:
    ingest_paths(net_store, net_cfg, [server.url("/page.html")])
    (warc,) = list((tmp_path / "warc").glob("*.warc.gz"))
    clean = verify_all(net_store, [warc])
    assert clean.problems == [] and clean.reports == 1 and clean.warc_records >= 5
    with net_store.begin() as conn:
        conn.execute(sa.update(t.reports).values(raw=b"altered"))
    tampered = tmp_path / "tampered.warc"
    tampered.write_bytes(gzip.decompress(warc.read_bytes()).replace(b"Death toll", b"Death tall"))
    found = verify_all(net_store, [tampered])
    assert any(p.startswith("report 1") for p in found.problems)
    assert any("digest failed" in p and str(tampered) in p for p in found.problems)


def test_billion_laughs_never_expands(tmp_path: Path) -> None:
    from harmwatch.ingest.errors import InputError
    from harmwatch.ingest.feeds import parse_feed

    with pytest.raises(InputError, match="feed.xml: unsafe feed refused"):
        parse_feed(BILLION_LAUGHS, "feed.xml", 1000)
