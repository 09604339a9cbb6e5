"""A real HTTP server on loopback (127.0.0.2) serving pages, feeds, redirects, 304s, slow and oversized answers."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

HOST = "127.0.0.2"
ALLOW = f"{HOST}/32"

ARTICLE = """<!doctype html><html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="Euphrates Post">
<meta property="article:published_time" content="2017-10-06T09:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Local activists said the strike hit a crowd of families waiting to cross the river near the town of
Al-Asharah in the eastern countryside of Deir Ezzor. Rescue workers pulled bodies from the water for hours.</p>
<p>Residents said the aircraft returned twice and that most of the dead were women and children who had fled
fighting in nearby villages over the previous days.</p></article>
<footer>All rights reserved 2017</footer></body></html>"""


def article(title: str, body: str) -> bytes:
    return ARTICLE.format(title=title, body=body).encode("utf-8")


LONG = ("At least 12 civilians were killed on Wednesday when warplanes struck a river crossing near Al-Asharah "
        "in Deir Ezzor, a local monitoring group said. ") * 5


def rss(items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, link, title, description-or-content) items."""
    parts = []
    for guid, link, title, text in items:
        content = f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>" if len(text) > 400 else ""
        summary = text[:120]
        parts.append(f"<item><guid>{guid}</guid><link>{link}</link><title>{title}</title>"
                     f"<pubDate>Fri, 06 Oct 2017 09:00:00 GMT</pubDate><description>{summary}</description>"
                     f"{content}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Euphrates Post</title>'
            f'<link>http://{HOST}/</link><description>news</description>{"".join(parts)}</channel></rss>'
            ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""

Handler = Callable[["Server", BaseHTTPRequestHandler], None]


@dataclass
class Server:
    """Routes: path → (status, headers, body) or a function writing the answer itself; requests recorded."""

    port: int = 0
    routes: dict[str, Any] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def url(self, path: str, host: str = HOST) -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == path]


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            server.requests.append({"path": self.path, "headers": dict(self.headers.items())})
            route = server.routes.get(self.path)
            if route is None:
                route = (404, {"Content-Type": "text/plain"}, b"not found")
            if callable(route):
                route(server, self)
                return
            status, headers, body = route
            if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return H


def slow(server: Server, h: BaseHTTPRequestHandler) -> None:
    """Headers at once, then a byte every 0.3 s: never finishes within the deadline."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    try:
        for _ in range(200):
            h.wfile.write(b"<")
            h.wfile.flush()
            time.sleep(0.3)
    except OSError:
        pass


def endless(server: Server, h: BaseHTTPRequestHandler) -> None:
    """No Content-Length, and more bytes than any cap: the reader must stop on its own."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    try:
        for _ in range(1000):
            h.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
    except OSError:
        pass
    h.close_connection = True


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    httpd = ThreadingHTTPServer((HOST, 0), _handler(srv))
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]  # clients hang up
    srv.port = httpd.server_address[1]
    srv.routes.update({
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
        "/page.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                       article("Death toll of Ashara strike rises", LONG)),
        "/story.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                        article("Convoy fired on in eastern rural Hama", "Eighty civilians were killed when "
                                "militias fired on a convoy in eastern rural Hama, witnesses said. " * 3)),
        "/private/page.html": (200, {"Content-Type": "text/html"}, article("secret", LONG)),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        "/big.html": (200, {"Content-Type": "text/html"}, b"<html><body><p>" + b"y" * 300_000 + b"</p></body></html>"),
        "/bomb.html": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                       gzip.compress(b"<html><body><p>" + b"a" * 5_000_000)),
        "/gzip.html": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                       gzip.compress(article("Gzipped page", LONG))),
        "/slow.html": slow,
        "/endless.html": endless,
        "/laughs.xml": (200, {"Content-Type": "application/rss+xml"}, BILLION_LAUGHS),
        "/broken.xml": (200, {"Content-Type": "application/rss+xml"},
                        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a'),
        "/latin.xml": (200, {"Content-Type": "application/rss+xml"},
                       '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\u00e9'
                       '</title></channel></rss>'.encode("latin-1")),
    })
    srv.routes["/redirect"] = (302, {"Location": "/page.html"}, b"")
    srv.routes["/to-loopback"] = (302, {"Location": f"http://127.0.0.1:{srv.port}/page.html"}, b"")
    srv.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        httpd.shutdown()
        httpd.server_close()


def net_overrides(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    """Settings for tests: the test server's range allowed, no pacing, short timeouts, small caps."""
    return {"fetch_allow_networks": ALLOW, "fetch_host_interval": 0, "fetch_timeout": 1.0,
            "fetch_max_bytes": 200_000, "warc_dir": str(tmp_path / "warc"), "progress": False, **extra}


@pytest.fixture
def net_cfg(db_target: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Settings pointing at the test database and allowing the loopback test server."""
    from harmwatch.config import load_config

    return load_config(file=None, overrides={"db": db_target, **net_overrides(tmp_path)},
                       environ={"HARMWATCH_CONFIG": str(tmp_path / "none.toml")})


@pytest.fixture
def net_store(net_cfg):  # type: ignore[no-untyped-def]
    from harmwatch.pipeline import open_store

    s = open_store(net_cfg)
    yield s
    s.close()
