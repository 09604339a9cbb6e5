"""Fetched answers (live or from a WARC) become report items: a page is one report, each feed entry one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from harmwatch.ingest.errors import InputError
from harmwatch.ingest.feeds import Entry, looks_like_feed, parse_feed
from harmwatch.ingest.fetch import Fetched
from harmwatch.ingest.html import extract_html
from harmwatch.ingest.readers import IngestItem
from harmwatch.ingest.text import decode_text, find_dateline, strip_boilerplate

GetPage = Callable[[str], Fetched]
Seen = Callable[[str], bool]


def _provenance(item: IngestItem, got: Fetched, feed: str | None) -> IngestItem:
    item.url = got.final_url
    item.retrieved_at = got.retrieved_at
    item.meta["fetch"] = got.provenance()
    if feed:
        item.meta["feed"] = feed
    return item


def page_item(got: Fetched, source: str | None = None, feed: str | None = None) -> IngestItem:
    """One fetched page (HTML or plain text) as a report item carrying where and when it came from."""
    origin = got.final_url
    if got.content_type.startswith("text/plain"):
        body, removed = strip_boilerplate(decode_text(got.body, origin))
        if not body:
            raise InputError(origin, "no text left once navigation lines are dropped")
        item = IngestItem(origin=origin, raw=got.body, content_type="text/plain", text=body)
        day = find_dateline(body, *removed)
    else:
        page = extract_html(got.body, origin, url=got.final_url)
        item = IngestItem(origin=origin, raw=got.body, content_type="text/html", text=page.text,
                          title=page.title, source=page.publisher, language=page.language)
        if page.published:
            item.published, item.published_from = page.published, "html metadata"
        day = None if page.published else find_dateline(page.text)
    if day:
        item.published, item.published_from = day, "dateline"
    if source:
        item.source = source
    return _provenance(item, got, feed)


def _entry_item(entry: Entry, n: int, got: Fetched, feed_title: str | None, source: str | None,
                get_page: GetPage | None) -> IngestItem:
    """A feed entry: its full text from the feed, or its page fetched when the feed holds only a summary."""
    where = f"{got.final_url} entry {n} ({entry.link or entry.id or 'no link'})"
    if entry.error:
        raise InputError(where, entry.error)
    item: IngestItem | None = None
    page_error = None
    if not entry.full and entry.link and get_page is not None:
        try:
            item = page_item(get_page(entry.link), source, feed=got.final_url)
        except InputError as exc:
            page_error = str(exc)
    if item is None:
        if not entry.text.strip():
            raise InputError(where, page_error or "entry has no text and no page to fetch")
        raw = entry.raw if entry.raw is not None else json.dumps(
            {"id": entry.id, "link": entry.link, "title": entry.title, "text": entry.text},
            ensure_ascii=False, sort_keys=True).encode("utf-8")
        item = IngestItem(origin=where, raw=raw, content_type=got.content_type or "application/xml",
                          text=entry.text, title=entry.title, url=entry.link)
        _provenance(item, got, got.final_url)
        item.url = entry.link or got.final_url
        item.meta["feed_entry"] = {"n": n, "raw": "entry bytes" if entry.raw is not None else "entry as JSON"}
        if page_error:
            item.meta["page_error"] = page_error
        if not entry.full:
            item.meta["summary_only"] = True
    item.ext_id = entry.id or entry.link
    item.title = entry.title or item.title
    if entry.published:
        item.published, item.published_from = entry.published, "feed"
    item.source = source or item.source or feed_title
    if entry.author:
        item.meta["author"] = entry.author
    return item


def items_from(got: Fetched, source: str | None = None, get_page: GetPage | None = None,
               seen: Seen | None = None, max_entry_bytes: int = 50_000_000) -> Iterator[IngestItem | InputError]:
    """Report items of one answer; a bad entry is yielded as its error and the others go on."""
    if looks_like_feed(got.content_type, got.body):
        feed = parse_feed(got.body, got.final_url, max_entry_bytes)
        for n, entry in enumerate(feed.entries, start=1):
            key = entry.id or entry.link
            if key and seen is not None and seen(key):
                continue
            try:
                yield _entry_item(entry, n, got, feed.title, source, get_page)
            except InputError as exc:
                yield exc
        return
    yield page_item(got, source)
