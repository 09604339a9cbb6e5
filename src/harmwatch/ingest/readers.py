"""Turn files, folders, URLs and WARC archives into report items, or errors that name them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harmwatch.ingest.errors import InputError
from harmwatch.ingest.html import extract_html
from harmwatch.ingest.text import check_not_binary, decode_text, find_dateline, strip_boilerplate

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SIDECAR_SUFFIX = ".meta.json"
JSONL_KEYS = {"id", "text", "published", "title", "source", "url", "language"}


@dataclass(slots=True)
class IngestItem:
    """One report as received: raw bytes never altered, their hash, and what was read from them."""

    origin: str
    raw: bytes
    content_type: str
    text: str
    ext_id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    retrieved_at: dt.datetime | None = None  # when it was fetched; None: now, at storage

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(slots=True, frozen=True)
class RemoteUrl:
    """An http(s) URL given to ingest: fetched, page or feed."""

    url: str

    def __str__(self) -> str:
        return self.url


_URL = re.compile(r"^https?://", re.I)
_MANGLED_URL = re.compile(r"^(https?):/(?!/)", re.I)  # what pathlib makes of "https://host/…"


def as_url(value: str | Path) -> str | None:
    """The URL an input names, or None for a file path (a URL squeezed through Path is repaired)."""
    text = str(value)
    if _URL.match(text):
        return text
    if isinstance(value, Path) and _MANGLED_URL.match(text) and not Path(text).exists():
        return _MANGLED_URL.sub(r"\1://", text)
    return None


@dataclass(slots=True)
class Skipped:
    """A file that is not a report kind harmwatch reads (reported, not an error)."""

    origin: str
    reason: str


def parse_date(value: Any, origin: str, what: str = "published") -> dt.date | None:
    """An ISO date (a timestamp's date part is taken); anything else is an error naming the input."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(origin, f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"too large: {size:,} bytes (limit {max_bytes:,}; setting max_input_bytes)")
    return path.read_bytes()


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata from NAME.meta.json beside a file: published, source, title, url, language, id."""
    candidates = [path.parent / (path.stem + SIDECAR_SUFFIX), path.parent / (path.name + SIDECAR_SUFFIX)]
    side = next((c for c in candidates if c.exists()), None)
    if side is None:
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(side), f"sidecar is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(side), "sidecar must hold a JSON object")
    return data


def _apply_meta(item: IngestItem, meta: dict[str, Any], how: str) -> None:
    if meta.get("published"):
        item.published = parse_date(meta["published"], item.origin)
        item.published_from = how
    for key in ("source", "title", "url", "language"):
        if meta.get(key):
            setattr(item, key, str(meta[key]))
    if meta.get("id"):
        item.ext_id = str(meta["id"])


def read_text_file(path: Path, raw: bytes) -> IngestItem:
    text = decode_text(raw, str(path))
    body, removed = strip_boilerplate(text)
    if not body:
        raise InputError(str(path), "no text left once navigation lines are dropped")
    item = IngestItem(origin=str(path), raw=raw, content_type="text/plain", text=body)
    if removed:
        item.meta["boilerplate_removed"] = removed
    day = find_dateline(body, *removed)
    if day:
        item.published, item.published_from = day, "dateline"
    return item


def read_html_file(path: Path, raw: bytes) -> IngestItem:
    page = extract_html(raw, str(path))
    item = IngestItem(origin=str(path), raw=raw, content_type="text/html", text=page.text, title=page.title,
                      source=page.publisher, url=page.url, language=page.language)
    if page.published:
        item.published, item.published_from = page.published, "html metadata"
    else:
        day = find_dateline(page.text)
        if day:
            item.published, item.published_from = day, "dateline"
    return item


def read_jsonl(path: Path, raw: bytes) -> list[IngestItem]:
    """Every record of a JSON Lines file, or an error for the first bad line (then none is taken)."""
    origin = str(path)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from None
    items = []
    for lineno, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin} line {lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno}); "
                                    "nothing from this file was ingested") from None
        if not isinstance(rec, dict):
            raise InputError(where, "a record must be a JSON object; nothing from this file was ingested")
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(where, "record has no \"text\"; nothing from this file was ingested")
        check_not_binary(text, where)
        item = IngestItem(origin=where, raw=line.encode("utf-8"), content_type="application/x-ndjson",
                          text=text.strip())
        _apply_meta(item, rec, "record")
        extra = {k: v for k, v in rec.items() if k not in JSONL_KEYS}
        if extra:
            item.meta["record_extra_keys"] = sorted(extra)
        items.append(item)
    if not items:
        raise InputError(origin, "empty: no records in it")
    return items


def read_path(path: Path, max_bytes: int) -> list[IngestItem]:
    """The report items of one file (sidecar metadata applied), or InputError."""
    suffix = path.suffix.lower()
    raw = _read_bytes(path, max_bytes)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path, raw)
    if suffix in HTML_SUFFIXES:
        item = read_html_file(path, raw)
    else:
        item = read_text_file(path, raw)
    meta = _sidecar(path)
    _apply_meta(item, meta, "sidecar")
    return [item]


def is_readable(path: Path) -> bool:
    suffix = path.suffix.lower()
    if path.name.lower().endswith((".warc", ".warc.gz")):
        return True
    return (suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES) and not path.name.endswith(SIDECAR_SUFFIX)


def walk(paths: list[Path] | list[str] | list[Path | str]) -> Iterator[Path | RemoteUrl | Skipped | InputError]:
    """Inputs to read, in a stable order: URLs as given, folders walked, other files reported as skipped."""
    for given in paths:
        url = as_url(given)
        if url is not None:
            yield RemoteUrl(url)
            continue
        path = Path(given)
        if not path.exists():
            yield InputError(str(path), "no such file or folder")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                if child.name.endswith(SIDECAR_SUFFIX):
                    continue
                if is_readable(child):
                    yield child
                else:
                    yield Skipped(str(child), f"not a kind harmwatch reads ({child.suffix or 'no extension'})")
        elif is_readable(path) or path.suffix == "":
            yield path
        else:
            yield Skipped(str(path), f"not a kind harmwatch reads ({path.suffix})")
