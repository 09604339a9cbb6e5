"""URLs and WARC archives as sources of report items: one guarded fetcher and one WARC file per run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from harmwatch.ingest.errors import InputError
from harmwatch.ingest.feeds import looks_like_feed
from harmwatch.ingest.fetch import REDIRECTS, Fetched, Fetcher, FetchSettings, decode_body
from harmwatch.ingest.readers import IngestItem
from harmwatch.ingest.warc import WarcRecorder, WarcResponse, read_responses
from harmwatch.ingest.web import Seen, items_from, page_item

Produced = Iterator[IngestItem | InputError]


class Remote:
    """The network side of a run: opened on first use, closed (WARC file finished) at the end."""

    def __init__(self, cfg: Any) -> None:
        self.cfg = cfg
        self._fetcher: Fetcher | None = None
        self.recorder: WarcRecorder | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self.recorder = WarcRecorder(self.cfg.warc_dir)
            self._fetcher = Fetcher(FetchSettings.from_config(self.cfg), self.recorder)
        return self._fetcher

    def url_items(self, url: str, source: str | None = None, seen: Seen | None = None) -> Produced:
        """A page's report, or every new entry of a feed (teaser entries' pages fetched)."""
        got = self.fetcher.fetch(url)
        yield from items_from(got, source, get_page=self.fetcher.fetch, seen=seen,
                              max_entry_bytes=int(self.cfg.max_input_bytes))

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        if self.recorder is not None:
            self.recorder.close()

    def __enter__(self) -> Remote:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(slots=True)
class _Indexed:
    uri: str
    status: int
    location: str | None
    feed: bool
    response: WarcResponse


def _fetched(path: Path, chain: list[_Indexed], max_bytes: int) -> Fetched:
    """What the live fetch returned, rebuilt from the archived hops of one request."""
    last = chain[-1].response
    hops = [{"url": h.uri, "status": h.status, "location": h.location} for h in chain[:-1]]
    body = decode_body(last.raw, last.header("content-encoding"), max_bytes, f"{path} {last.uri}")
    return Fetched(url=chain[0].uri, final_url=last.uri, status=last.status, headers=last.headers, body=body,
                   retrieved_at=last.date, redirects=hops, ip=last.ip,
                   warc={"file": str(path), "record_id": last.record_id})


def warc_items(path: Path, max_bytes: int, seen: Seen | None = None) -> Produced:
    """Reports of an archive: feeds first (their entries' pages looked up inside it), then other pages.

    A truncated archive still gives its complete records, then its error saying how far reading got."""
    index: dict[str, _Indexed] = {}
    order: list[str] = []
    broken: InputError | None = None
    try:
        for resp in read_responses(path):
            ctype = (resp.header("content-type") or "").split(";")[0].strip().lower()
            try:
                body_head = decode_body(resp.raw, resp.header("content-encoding"), max_bytes, resp.uri)[:2048]
            except InputError:
                body_head = b""
            entry = _Indexed(resp.uri, resp.status, resp.header("location"),
                             resp.status == 200 and looks_like_feed(ctype, body_head), resp)
            if resp.uri not in index:
                order.append(resp.uri)
            index[resp.uri] = entry
    except InputError as exc:
        broken = exc

    def chain(url: str) -> list[_Indexed]:
        hops: list[_Indexed] = []
        current = url
        while current in index and len(hops) <= 5:
            hop = index[current]
            hops.append(hop)
            if hop.status in REDIRECTS and hop.location:
                current = urljoin(current, hop.location)
                continue
            return hops
        raise InputError(f"{path} {url}", "not in the archive")

    used: set[str] = set()

    def get_page(url: str) -> Fetched:
        hops = chain(url)
        used.update(h.uri for h in hops)
        got = _fetched(path, hops, max_bytes)
        if got.status != 200:
            raise InputError(f"{path} {url}", f"archived answer is HTTP {got.status}")
        return got

    for uri in order:
        if index[uri].feed:
            used.add(uri)
            try:
                yield from items_from(_fetched(path, [index[uri]], max_bytes), get_page=get_page, seen=seen,
                                      max_entry_bytes=max_bytes)
            except InputError as exc:
                yield exc
    for uri in order:
        hit = index[uri]
        if uri in used or hit.status != 200 or uri.rstrip("/").endswith("/robots.txt"):
            continue
        try:
            got = _fetched(path, [hit], max_bytes)
            if looks_like_feed(got.content_type, got.body):
                yield from items_from(got, get_page=get_page, seen=seen, max_entry_bytes=max_bytes)
            else:
                yield page_item(got)
        except InputError as exc:
            yield exc
    if broken is not None:
        yield broken
