"""HTML pages: main text, title, publication date and publisher through trafilatura (comments off)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import trafilatura

from harmwatch.ingest.errors import InputError

_HTML_MARKERS = (b"<html", b"<!doctype", b"<body", b"<p", b"<div", b"<article", b"<head")


@dataclass(slots=True)
class Page:
    """What one HTML page says of itself."""

    text: str
    title: str | None
    published: dt.date | None
    publisher: str | None
    url: str | None
    language: str | None


def extract_html(raw: bytes, origin: str, url: str | None = None) -> Page:
    """Main text and metadata of a page; navigation, footers and comments are dropped."""
    if not raw.strip():
        raise InputError(origin, "empty: no HTML in it")
    if b"\x00" in raw[:65536]:
        raise InputError(origin, "binary data (NUL bytes), not HTML")
    head = raw[:4096].lower()
    if not any(m in head for m in _HTML_MARKERS):
        raise InputError(origin, "not HTML: no HTML tags near the start")
    try:
        doc = trafilatura.bare_extraction(raw, url=url, include_comments=False, with_metadata=True,
                                          include_tables=True, favor_precision=False,
                                          date_extraction_params={"extensive_search": False,
                                                                  "original_date": True})
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise InputError(origin, f"broken HTML: {exc.__class__.__name__}: {exc}") from None
    if doc is None:
        raise InputError(origin, "no main text found in the HTML (empty or broken page)")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)  # type: ignore[call-overload]
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(origin, "no main text found in the HTML (empty or broken page)")
    published = None
    if data.get("date"):
        try:
            published = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            published = None
    return Page(text=text, title=data.get("title") or None, published=published,
                publisher=data.get("sitename") or None, url=data.get("url") or url,
                language=data.get("language") or None)
