"""Fetch one URL safely: own redirect handling, guarded addresses, size, time and decompression limits."""

from __future__ import annotations

import base64
import datetime as dt
import ssl
import time
import urllib.robotparser
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import certifi
import httpcore
import httpx

from harmwatch import __version__
from harmwatch.ingest.errors import InputError
from harmwatch.ingest.netguard import BlockedAddress, GuardedBackend, check_host, parse_networks

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "application/atom+xml",
              "application/rdf+xml", "application/xml", "text/xml")
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
               "text/html;q=0.8, application/xhtml+xml;q=0.8, text/plain;q=0.5")


class FetchError(InputError):
    """A URL that could not be fetched safely; the message names the URL and the rule."""

    def __init__(self, origin: str, reason: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(origin, reason)
        self.status = status
        self.retry_after = retry_after


@dataclass(slots=True)
class FetchSettings:
    """The limits of one fetcher, read from the settings."""

    allow_networks: list[str] = field(default_factory=list)
    timeout: float = 30.0
    max_bytes: int = 20_000_000
    host_interval: float = 2.0
    robots: bool = True
    user_agent: str = f"harmwatch/{__version__} (civilian-harm monitor)"  # the setting's default

    @classmethod
    def from_config(cls, cfg: Any) -> FetchSettings:
        return cls(allow_networks=list(cfg.fetch_allow_networks), timeout=float(cfg.fetch_timeout),
                   max_bytes=int(cfg.fetch_max_bytes), host_interval=float(cfg.fetch_host_interval),
                   robots=bool(cfg.fetch_robots), user_agent=str(cfg.fetch_user_agent))


@dataclass(slots=True)
class Fetched:
    """One HTTP answer as received: where from, when, status, headers, raw and decoded body."""

    url: str                      # the URL asked for (credentials removed)
    final_url: str                # where the answer came from after redirects
    status: int
    headers: list[tuple[str, str]]
    body: bytes                   # decoded (Content-Encoding undone): the document's bytes
    retrieved_at: dt.datetime
    redirects: list[dict[str, Any]] = field(default_factory=list)
    ip: str | None = None
    warc: dict[str, str] | None = None

    def header(self, name: str) -> str | None:
        low = name.lower()
        return next((v for k, v in self.headers if k.lower() == low), None)

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def provenance(self) -> dict[str, Any]:
        """What reports.meta keeps of the fetch: URL, final URL, status, headers, time, hops, address."""
        out: dict[str, Any] = {"url": self.url, "final_url": self.final_url, "status": self.status,
                               "headers": [list(h) for h in self.headers],
                               "retrieved_at": self.retrieved_at.isoformat(), "redirects": self.redirects,
                               "ip": self.ip}
        if self.warc:
            out["warc"] = self.warc
        return out


def strip_credentials(url: str) -> tuple[str, str | None]:
    """The URL without user:password, and the Basic auth header those gave (sent only to that origin)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port:
        netloc += f":{parts.port}"
    token = base64.b64encode(f"{parts.username or ''}:{parts.password or ''}".encode()).decode()
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), f"Basic {token}"


def origin_of(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.scheme, (parts.hostname or "").lower(), port


def decode_body(raw: bytes, encoding: str | None, limit: int, origin: str) -> bytes:
    """Undo gzip/deflate with a hard output limit, so a small bomb cannot fill the memory."""
    enc = (encoding or "identity").strip().lower()
    if enc in ("", "identity"):
        return raw
    if enc in ("gzip", "x-gzip"):
        dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif enc == "deflate":
        dec = zlib.decompressobj(zlib.MAX_WBITS if raw[:1] == b"\x78" else -zlib.MAX_WBITS)
    else:
        raise FetchError(origin, f"unsupported Content-Encoding {encoding!r}")
    out = bytearray()
    data = raw
    try:
        while data:
            out += dec.decompress(data, limit - len(out) + 1)
            if len(out) > limit:
                raise FetchError(origin, f"decompression bomb: {len(raw):,} bytes expand beyond {limit:,} "
                                         "(setting fetch_max_bytes)")
            data = dec.unconsumed_tail
        out += dec.flush()
    except zlib.error as exc:
        raise FetchError(origin, f"broken {enc} body: {exc}") from None
    if len(out) > limit:
        raise FetchError(origin, f"decompression bomb: expands beyond {limit:,} bytes (setting fetch_max_bytes)")
    return bytes(out)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose every connection goes through the address guard."""

    def __init__(self, allowed: list[Any]) -> None:
        super().__init__(trust_env=False)
        ctx = ssl.create_default_context(cafile=certifi.where())
        self._pool = httpcore.ConnectionPool(ssl_context=ctx, network_backend=GuardedBackend(allowed),
                                             max_connections=10, keepalive_expiry=5.0)


Recorder = Callable[[httpx.Request, httpx.Response, bytes, dt.datetime, str | None], dict[str, str] | None]


class Fetcher:
    """One polite, guarded HTTP client: per-host pacing, robots.txt, limits; every exchange recorded."""

    def __init__(self, settings: FetchSettings, recorder: Recorder | None = None) -> None:
        self.settings = settings
        self.allowed = parse_networks(settings.allow_networks)
        self.recorder = recorder
        self.client = httpx.Client(transport=GuardedTransport(self.allowed), trust_env=False,
                                   follow_redirects=False, timeout=httpx.Timeout(settings.timeout))
        self._last: dict[str, float] = {}
        self._robots: dict[tuple[str, str, int], urllib.robotparser.RobotFileParser | str] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public
    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              accept: str = FEED_ACCEPT, types: tuple[str, ...] = TEXT_TYPES) -> Fetched:
        """GET a URL with conditional headers; a 304 comes back as is, any rule broken is a FetchError."""
        clean, _auth = strip_credentials(url)
        if self.settings.robots:
            self._check_robots(clean)
        conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        got = self._get(url, {"Accept": accept, **conditional})
        if got.status == 304 or not 200 <= got.status < 300:
            if got.status != 304:
                retry = _retry_after(got.header("retry-after"))
                raise FetchError(clean, f"HTTP {got.status}", status=got.status, retry_after=retry)
            return got
        if got.content_type and not got.content_type.startswith(types):
            raise FetchError(clean, f"unexpected content type {got.content_type!r} (not a page or feed)",
                             status=got.status)
        return got

    # ------------------------------------------------------------------ internals
    def _get(self, url: str, extra: dict[str, str]) -> Fetched:
        """Follow redirects by hand, checking every hop; credentials go only to the first origin."""
        first, auth = strip_credentials(url)
        first_origin = origin_of(first)
        current = first
        hops: list[dict[str, Any]] = []
        for _ in range(MAX_REDIRECTS + 1):
            self._check_url(current, first, hops)
            headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate", **extra}
            if auth and origin_of(current) == first_origin:
                headers["Authorization"] = auth
            got = self._exchange(first, current, headers)
            got.redirects = list(hops)
            location = got.header("location")
            if got.status in REDIRECTS and location:
                target, _ = strip_credentials(urljoin(current, location.strip()))
                hops.append({"url": current, "status": got.status, "location": target})
                current = target
                if origin_of(current) != first_origin:
                    extra = {k: v for k, v in extra.items() if k.lower() not in ("if-none-match",
                                                                                 "if-modified-since")}
                continue
            return got
        raise FetchError(first, f"more than {MAX_REDIRECTS} redirects (last to {current})")

    def _check_url(self, url: str, first: str, hops: list[dict[str, Any]]) -> None:
        parts = urlsplit(url)
        where = f"redirect from {hops[-1]['url']} to {url}" if hops else url
        if parts.scheme not in ("http", "https"):
            raise FetchError(first, f"{where}: only http and https URLs are fetched")
        if not parts.hostname:
            raise FetchError(first, f"{where}: no host in the URL")
        try:
            check_host(parts.hostname, self.allowed)
        except BlockedAddress as exc:
            raise FetchError(first, f"{where} refused: {exc}") from None

    def _pace(self, host: str) -> None:
        """Wait until the same host has rested for fetch_host_interval seconds."""
        last = self._last.get(host)
        if last is not None:
            wait = self.settings.host_interval - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()

    def _exchange(self, first: str, url: str, headers: dict[str, str]) -> Fetched:
        """One request and its answer, streamed with a size cap and an overall deadline, then recorded."""
        s = self.settings
        self._pace(origin_of(url)[1])
        started = dt.datetime.now(dt.UTC)
        deadline = time.monotonic() + s.timeout * 4
        where = url if url == first else f"{first} (at {url})"
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > s.max_bytes:
                    raise FetchError(where, f"too large: {int(declared):,} bytes announced (limit "
                                            f"{s.max_bytes:,}; setting fetch_max_bytes)", status=resp.status_code)
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_raw():
                    size += len(chunk)
                    if size > s.max_bytes:
                        raise FetchError(where, f"too large: more than {s.max_bytes:,} bytes, stopped reading "
                                                "(setting fetch_max_bytes)", status=resp.status_code)
                    if time.monotonic() > deadline:
                        raise FetchError(where, f"too slow: not finished after {s.timeout * 4:g} s "
                                                "(4 × setting fetch_timeout)", status=resp.status_code)
                    chunks.append(chunk)
                raw = b"".join(chunks)
                stream = resp.extensions.get("network_stream")
                peer = stream.get_extra_info("server_addr") if stream is not None else None
                ip = str(peer[0]) if peer else None
        except BlockedAddress as exc:
            raise FetchError(where, f"refused: {exc}") from None
        except httpx.TimeoutException as exc:
            raise FetchError(where, f"timed out ({exc.__class__.__name__}, setting fetch_timeout "
                                    f"{s.timeout:g} s)") from None
        except httpx.HTTPError as exc:
            raise FetchError(where, f"cannot fetch: {exc.__class__.__name__}: {exc}") from None
        finally:
            self.client.cookies.clear()  # nothing a server sets travels to any later request
        warc = self.recorder(resp.request, resp, raw, started, ip) if self.recorder else None
        body = decode_body(raw, resp.headers.get("content-encoding"), s.max_bytes, where)
        return Fetched(url=first, final_url=url, status=resp.status_code, headers=list(resp.headers.items()),
                       body=body, retrieved_at=started, ip=ip, warc=warc)

    def _check_robots(self, url: str) -> None:
        """Obey the host's robots.txt (RFC 9309: missing → allowed, unreachable → disallowed)."""
        key = origin_of(url)
        if key not in self._robots:
            scheme, host, port = key
            default = 443 if scheme == "https" else 80
            robots_url = f"{scheme}://{host}{'' if port == default else f':{port}'}/robots.txt"
            try:
                got = self._get(robots_url, {"Accept": "text/plain"})
            except FetchError as exc:
                self._robots[key] = f"robots.txt unreachable ({exc.reason})"
            else:
                if 200 <= got.status < 300:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(got.body.decode("utf-8", "replace").splitlines())
                    self._robots[key] = parser
                elif 400 <= got.status < 500:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse([])
                    self._robots[key] = parser
                else:
                    self._robots[key] = f"robots.txt answered HTTP {got.status}"
        rule = self._robots[key]
        if isinstance(rule, str):
            raise FetchError(url, f"not fetched: {rule}; retried on a later run (setting fetch_robots)")
        if not rule.can_fetch(self.settings.user_agent, url):
            raise FetchError(url, "not fetched: disallowed by the site's robots.txt (setting fetch_robots)")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from email.utils import parsedate_to_datetime

        when = parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    except (TypeError, ValueError):
        return None
