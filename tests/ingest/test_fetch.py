"""Fetching is safe: no address inside the network, no credentials across hosts, hard limits, robots.txt."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from harmwatch.ingest import netguard
from harmwatch.ingest.fetch import Fetcher, FetchError, FetchSettings
from harmwatch.ingest.warc import WarcRecorder, read_responses
from tests.ingest.conftest import ALLOW, HOST, Server


def fetcher(allow: list[str] | None = None, **kw: object) -> Fetcher:
    settings = FetchSettings(allow_networks=[ALLOW] if allow is None else allow, timeout=1.0, max_bytes=200_000,
                             host_interval=0.0)
    for k, v in kw.items():
        setattr(settings, k, v)
    return Fetcher(settings)


def test_loopback_is_refused_without_a_setting_and_nothing_reaches_the_server(server: Server) -> None:
    with fetcher(allow=[]) as f, pytest.raises(FetchError, match="loopback address.*fetch_allow_networks") as exc:
        f.fetch(server.url("/page.html"))
    assert server.url("/page.html") in str(exc.value)
    assert server.requests == []


def test_redirect_to_127_0_0_1_is_refused_and_names_the_hop(server: Server) -> None:
    with fetcher() as f, pytest.raises(FetchError, match=r"redirect from .*/to-loopback to http://127\.0\.0\.1"):
        f.fetch(server.url("/to-loopback"))
    assert not server.hits("/page.html")


def test_a_name_resolving_to_a_private_address_is_refused_at_connect_time(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["10.1.2.3"])
    with fetcher() as f, pytest.raises(FetchError, match="intranet.example is 10.1.2.3 .private address"):
        f.fetch("http://intranet.example/")


def test_a_name_is_connected_to_the_very_address_that_was_checked(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake(host: str, port: int) -> list[str]:
        asked.append(host)
        return [HOST]

    monkeypatch.setattr(netguard, "resolve", fake)
    with fetcher(robots=False) as f:
        got = f.fetch(f"http://news.example:{server.port}/page.html")
    assert got.status == 200 and got.ip == HOST and asked == ["news.example"]
    assert server.hits("/page.html")[0]["headers"]["Host"] == f"news.example:{server.port}"


def test_metadata_and_link_local_addresses_are_forbidden() -> None:
    import ipaddress

    for addr in ("169.254.169.254", "100.100.100.200", "fd00:ec2::254", "::ffff:127.0.0.1", "0.0.0.0", "10.0.0.1"):
        assert netguard.why_forbidden(ipaddress.ip_address(addr)) is not None, addr
    assert netguard.why_forbidden(ipaddress.ip_address("93.184.216.34")) is None


def test_redirects_are_followed_by_hand_and_recorded(server: Server) -> None:
    with fetcher() as f:
        got = f.fetch(server.url("/redirect"))
    assert got.final_url == server.url("/page.html") and got.url == server.url("/redirect")
    assert got.redirects == [{"url": server.url("/redirect"), "status": 302, "location": server.url("/page.html")}]


def test_endless_redirects_stop(server: Server) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="more than 5 redirects"):
        f.fetch(server.url("/loop"))


def test_credentials_go_to_the_first_host_only(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netguard, "resolve", lambda host, port: [HOST])
    server.routes["/hop"] = (302, {"Location": f"http://elsewhere.example:{server.port}/page.html"}, b"")
    with fetcher(robots=False) as f:
        got = f.fetch(f"http://user:secret@{HOST}:{server.port}/hop")
    assert got.status == 200 and "secret" not in got.url
    assert server.hits("/hop")[0]["headers"].get("Authorization", "").startswith("Basic ")
    assert "Authorization" not in server.hits("/page.html")[0]["headers"]


def test_an_answer_slower_than_the_deadline_is_abandoned(server: Server) -> None:
    start = time.monotonic()
    with fetcher() as f, pytest.raises(FetchError, match="too slow|timed out"):
        f.fetch(server.url("/slow.html"))
    assert time.monotonic() - start < 8


def test_announced_oversize_is_refused_before_reading(server: Server) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="too large: 300,0.. bytes announced"):
        f.fetch(server.url("/big.html"))


def test_an_unannounced_endless_body_is_cut_at_the_cap(server: Server) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="more than 200,000 bytes, stopped reading"):
        f.fetch(server.url("/endless.html"))


def test_a_decompression_bomb_is_stopped(server: Server) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="decompression bomb"):
        f.fetch(server.url("/bomb.html"))


def test_gzip_is_undone_for_the_document_and_kept_as_sent_in_the_warc(server: Server, tmp_path: Path) -> None:
    rec = WarcRecorder(tmp_path)
    with Fetcher(FetchSettings(allow_networks=[ALLOW], host_interval=0.0), rec) as f:
        got = f.fetch(server.url("/gzip.html"))
    rec.close()
    assert got.body.startswith(b"<!doctype html>")
    (resp,) = [r for r in read_responses(rec.path) if r.uri.endswith("/gzip.html")]  # type: ignore[arg-type]
    assert resp.raw[:2] == b"\x1f\x8b" and resp.header("content-encoding") == "gzip"


def test_content_types_other_than_pages_and_feeds_are_refused(server: Server) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="unexpected content type 'image/png'"):
        f.fetch(server.url("/image.png"))


def test_robots_txt_is_obeyed(server: Server) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="disallowed by the site's robots.txt"):
        f.fetch(server.url("/private/page.html"))
    assert not server.hits("/private/page.html")


def test_conditional_get_gives_304_with_the_etag(server: Server) -> None:
    server.routes["/etag.html"] = (200, {"Content-Type": "text/html", "ETag": '"v1"'}, b"<html><p>x</p></html>")
    with fetcher() as f:
        first = f.fetch(server.url("/etag.html"))
        second = f.fetch(server.url("/etag.html"), etag=first.header("etag"))
    assert first.status == 200 and second.status == 304
    assert server.hits("/etag.html")[1]["headers"]["If-None-Match"] == '"v1"'


def test_requests_to_one_host_are_paced(server: Server) -> None:
    with fetcher(robots=False, host_interval=0.4) as f:
        start = time.monotonic()
        f.fetch(server.url("/page.html"))
        f.fetch(server.url("/story.html"))
    assert time.monotonic() - start >= 0.4
