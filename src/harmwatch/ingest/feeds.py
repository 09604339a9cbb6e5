"""RSS/Atom feeds: refuse entity tricks and broken XML by name, then read entries with feedparser."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import defusedxml.ElementTree as DET
import feedparser
import lxml.html
from defusedxml import DefusedXmlException

from harmwatch.ingest.errors import InputError

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml")
MAX_ENTRIES = 500
MIN_FULL_TEXT = 400  # an entry with less text than this is a teaser: its page is fetched
_ROOTS = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)[\s>]")
_ENTRY = re.compile(rb"<((?:[\w-]+:)?(?:item|entry))[\s>].*?</\1\s*>", re.S)
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article"}


@dataclass(slots=True)
class Entry:
    """One feed entry: its id, link, title, date, text (full or summary) and its own bytes in the feed."""

    id: str | None
    link: str | None
    title: str | None
    published: dt.date | None
    text: str
    full: bool
    raw: bytes | None
    author: str | None
    error: str | None = None


@dataclass(slots=True)
class Feed:
    title: str | None
    link: str | None
    kind: str
    entries: list[Entry]


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """A feed by its content type, or XML whose root is rss, feed or rdf:RDF."""
    if content_type.startswith(("application/rss+xml", "application/atom+xml", "application/rdf+xml")):
        return True
    head = body[:2048].lstrip()
    if content_type.startswith(("text/html", "application/xhtml")):
        return False
    return bool(_ROOTS.search(head)) and (head.startswith(b"<?xml") or head.startswith(b"<"))


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment: block elements become line breaks, scripts are dropped."""
    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several kinds on junk; the fragment's words are still wanted
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK:
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def check_xml(body: bytes, origin: str) -> None:
    """Refuse entity declarations (billion laughs, external entities) and XML that is not well-formed."""
    try:
        DET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(origin, f"unsafe feed refused: {exc.__class__.__name__} ({exc})") from None
    except DET.ParseError as exc:
        raise InputError(origin, f"invalid XML, not a readable feed: {exc}") from None


def parse_feed(body: bytes, origin: str, max_entry_bytes: int) -> Feed:
    """Entries of an RSS/Atom feed; a feed that is unsafe, broken or empty is an error naming it."""
    check_xml(body, origin)
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=True)
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, feedparser.CharacterEncodingOverride):
        raise InputError(origin, f"broken feed: {exc.__class__.__name__}: {exc}")
    version = parsed.get("version") or ""
    if not version:
        raise InputError(origin, "not an RSS or Atom feed")
    if len(parsed.entries) > MAX_ENTRIES:
        raise InputError(origin, f"{len(parsed.entries)} entries (more than {MAX_ENTRIES}); refused as abnormal")
    slices = [m.group(0) for m in _ENTRY.finditer(body)]
    if len(slices) != len(parsed.entries):
        slices = []
    entries = []
    for n, e in enumerate(parsed.entries):
        content = "".join(c.get("value", "") for c in e.get("content", []) or [])
        full_text = html_to_text(content)
        summary = html_to_text(e.get("summary", "") or "")
        text = full_text if len(full_text) >= len(summary) else summary
        raw = slices[n] if slices else None
        size = len(raw) if raw is not None else len(content) + len(summary)
        error = (f"too large: {size:,} bytes (limit {max_entry_bytes:,}; setting max_input_bytes)"
                 if size > max_entry_bytes else None)
        entries.append(Entry(id=e.get("id") or e.get("link"), link=e.get("link"), title=e.get("title"),
                             published=_date(e), text="" if error else text,
                             full=len(full_text) >= MIN_FULL_TEXT, raw=None if error else raw,
                             author=e.get("author"), error=error))
    feed = parsed.get("feed", {})
    return Feed(title=feed.get("title"), link=feed.get("link"), kind=version, entries=entries)
