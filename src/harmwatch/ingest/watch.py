"""Registered sources polled on a schedule: conditional GET, backoff, a log of what was new; resumable."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from harmwatch.ingest.errors import InputError
from harmwatch.ingest.fetch import FetchError
from harmwatch.ingest.remote import Remote
from harmwatch.ingest.web import items_from
from harmwatch.store import schema as t

KINDS = ("news agency", "NGO", "party to the conflict", "government", "social media")
MAX_BACKOFF = 86_400.0


def normalize_kind(value: str) -> str:
    """One of the five source kinds, however it was spelt (news-agency, NGO, party_to_the_conflict…)."""
    key = value.strip().lower().replace("-", " ").replace("_", " ")
    for kind in KINDS:
        if key == kind.lower():
            return kind
    raise ValueError(f"kind {value!r} is not one of: {', '.join(KINDS)}")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def add_source(store: Any, url: str, name: str, kind: str, every: int | None, affiliation: str | None = None
               ) -> dict[str, Any]:
    """Register (or update) a publisher with the feed or page to poll."""
    values = {"kind": normalize_kind(kind), "feed_url": url, "poll_minutes": every, "enabled": True}
    if affiliation:
        values["affiliation"] = affiliation
    with store.begin() as conn:
        found = conn.execute(sa.select(t.sources.c.id).where(t.sources.c.name == name)).scalar()
        if found is None:
            conn.execute(sa.insert(t.sources).values(name=name, **values))
        else:
            conn.execute(sa.update(t.sources).where(t.sources.c.id == found).values(**values))
    return {"name": name, **values}


def list_sources(store: Any) -> list[dict[str, Any]]:
    """Every source with a URL to poll and the state of its last fetch."""
    q = (sa.select(t.sources, t.fetch_state.c.last_status, t.fetch_state.c.fetched_at,
                   t.fetch_state.c.next_due_at, t.fetch_state.c.failures, t.fetch_state.c.last_error,
                   t.fetch_state.c.etag, t.fetch_state.c.last_modified)
         .select_from(t.sources.outerjoin(t.fetch_state, t.fetch_state.c.url == t.sources.c.feed_url))
         .where(t.sources.c.feed_url.is_not(None)).order_by(t.sources.c.name))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def set_enabled(store: Any, name: str, enabled: bool) -> bool:
    with store.begin() as conn:
        result = conn.execute(sa.update(t.sources).where(t.sources.c.name == name).values(enabled=enabled))
        return bool(result.rowcount)


def _save_state(store: Any, url: str, source_id: int, **values: Any) -> None:
    with store.begin() as conn:
        exists = conn.execute(sa.select(t.fetch_state.c.url).where(t.fetch_state.c.url == url)).first()
        if exists:
            conn.execute(sa.update(t.fetch_state).where(t.fetch_state.c.url == url).values(**values))
        else:
            conn.execute(sa.insert(t.fetch_state).values(url=url, source_id=source_id, **values))


@dataclass(slots=True)
class PollResult:
    """What one poll of one source gave: status, new reports, entries already held, failures."""

    source: str
    url: str
    status: int | None = None
    new: list[tuple[str, str]] = field(default_factory=list)   # (title or origin, url)
    seen: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    next_due: dt.datetime | None = None


def _backoff(failures: int, poll_seconds: float, retry_after: float | None) -> float:
    """Doubling waits after each failure in a row (from the poll interval, at least a minute), ≤ a day."""
    base = max(poll_seconds, 60.0)
    return max(retry_after or 0.0, min(MAX_BACKOFF, base * 2 ** min(failures, 20)))


def poll_source(store: Any, cfg: Any, remote: Remote, src: dict[str, Any], ingest: Callable[..., str]) -> PollResult:
    """One conditional GET of a source; its new items stored; its fetch state updated (also on failure)."""
    url = src["feed_url"]
    result = PollResult(source=src["name"], url=url)
    poll_seconds = 60.0 * (src["poll_minutes"] if src["poll_minutes"] is not None else int(cfg.watch_poll_minutes))
    failures = int(src.get("failures") or 0)
    now = utcnow()
    try:
        got = remote.fetcher.fetch(url, etag=src.get("etag"), last_modified=src.get("last_modified"))
    except FetchError as exc:
        result.status, result.error = exc.status, exc.reason
        result.next_due = now + dt.timedelta(seconds=_backoff(failures + 1, poll_seconds, exc.retry_after))
        _save_state(store, url, src["id"], last_status=exc.status, fetched_at=now, failures=failures + 1,
                    last_error=exc.reason, next_due_at=result.next_due)
        return result
    result.status = got.status
    result.next_due = now + dt.timedelta(seconds=poll_seconds)
    if got.status != 304:

        def seen(ext_id: str) -> bool:
            with store.begin() as conn:
                held = store.report_by(conn, ext_id=ext_id) is not None or store.alias_target(conn, ext_id)
            result.seen += bool(held)
            return bool(held)

        try:
            for item in items_from(got, src["name"], get_page=remote.fetcher.fetch, seen=seen,
                                   max_entry_bytes=int(cfg.max_input_bytes)):
                if isinstance(item, InputError):
                    result.failed.append((item.origin, item.reason))
                    continue
                status = ingest(item)
                if status == "ingested":
                    result.new.append((item.title or item.origin, item.url or item.origin))
                elif status.startswith("failed"):
                    result.failed.append((item.origin, status.partition(": ")[2]))
                else:
                    result.duplicates += 1
        except InputError as exc:  # the feed itself is unreadable: retried later with backoff
            result.error = exc.reason
            result.next_due = now + dt.timedelta(seconds=_backoff(failures + 1, poll_seconds, None))
            _save_state(store, url, src["id"], last_status=got.status, fetched_at=now, failures=failures + 1,
                        last_error=exc.reason, next_due_at=result.next_due)
            return result
    keep_validators = got.status == 304
    _save_state(store, url, src["id"], last_status=got.status, fetched_at=now, failures=0, last_error=None,
                next_due_at=result.next_due,
                etag=src.get("etag") if keep_validators else got.header("etag"),
                last_modified=src.get("last_modified") if keep_validators else got.header("last-modified"))
    return result


def pipeline_ingest(store: Any, cfg: Any) -> tuple[Callable[[Any], str], Callable[[], Any]]:
    """Store items through the pipeline (extraction on) and relink; the pair run_watch needs per pass."""
    from harmwatch import pipeline

    resolver, patterns = pipeline.resolver_for(store, cfg), pipeline.patterns_for(cfg)
    summary = pipeline.IngestSummary()

    def ingest(item: Any) -> str:
        done, failed = len(summary.ingested), len(summary.failed)
        pipeline.ingest_item(store, item, resolver, patterns, True, None, None, summary)
        if len(summary.ingested) > done:
            return "ingested"
        if len(summary.failed) > failed:
            return "failed: " + summary.failed[-1][1]
        return "duplicate"

    return ingest, lambda: pipeline.relink_all(store, cfg)


def due_sources(store: Any, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    now = now or utcnow()
    return [s for s in list_sources(store)
            if s["enabled"] and (s["next_due_at"] is None or _aware(s["next_due_at"]) <= now)]  # type: ignore[operator]


def run_watch(store: Any, cfg: Any, once: bool, log: Callable[[PollResult], None],
              say: Callable[[str], None], sleep: Callable[[float], None] = time.sleep) -> int:
    """Poll due sources until Ctrl-C (or one pass with once); every finished item is already stored."""
    polled = 0
    remote = Remote(cfg)
    try:
        while True:
            ingest, relink = pipeline_ingest(store, cfg)
            new = 0
            for src in due_sources(store):
                result = poll_source(store, cfg, remote, src, ingest)
                polled += 1
                new += len(result.new)
                log(result)
            if new:
                relink()
            if once:
                break
            upcoming = [_aware(s["next_due_at"]) for s in list_sources(store) if s["enabled"] and s["next_due_at"]]
            wait = min([(u - utcnow()).total_seconds() for u in upcoming if u is not None] + [60.0])
            if not upcoming and not list_sources(store):
                say("no sources to watch; add one with `harmwatch sources add URL --name NAME --kind KIND`")
                break
            end = time.monotonic() + max(1.0, wait)
            while time.monotonic() < end:
                sleep(min(1.0, end - time.monotonic()))
    except KeyboardInterrupt:
        say(f"stopped (Ctrl-C) after {polled} polls; everything fetched so far is stored; the next run resumes")
    finally:
        remote.close()
    return polled
