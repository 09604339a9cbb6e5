"""Commands of the ingest stage: sources, watch, verify; and URLs accepted by `harmwatch ingest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from harmwatch.ingest.watch import KINDS


def _obj() -> Any:
    return click.get_current_context().find_root().obj


def _echo(line: str, err: bool = False) -> None:
    click.echo(line, err=err)


@click.group()
def sources() -> None:
    """Publishers to follow: the feed or page of each, its kind, how often it is polled."""


@sources.command("add")
@click.argument("url")
@click.option("--name", required=True, help="Publisher name, e.g. 'Syrian Coalition'.")
@click.option("--kind", required=True, metavar="KIND", help="One of: " + ", ".join(KINDS) + ".")
@click.option("--every", type=click.IntRange(min=0), metavar="MINUTES",
              help="Poll interval (default: setting watch_poll_minutes).")
@click.option("--affiliation", help="Who the publisher belongs to or sides with, if anyone.")
def sources_add(url: str, name: str, kind: str, every: int | None, affiliation: str | None) -> None:
    """Register a feed (RSS/Atom) or page URL to poll with `harmwatch watch`."""
    from harmwatch.ingest.readers import as_url
    from harmwatch.ingest.watch import add_source

    if as_url(url) is None:
        raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="URL")
    try:
        row = add_source(_obj().store, url, name, kind, every, affiliation)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--kind") from None
    _echo(f"source {row['name']!r} ({row['kind']}): {url}, polled every "
          f"{every if every is not None else _obj().cfg.watch_poll_minutes} min")


@sources.command("list")
def sources_list() -> None:
    """Sources with their URL, kind, last status and the next poll."""
    from harmwatch.ingest.watch import list_sources

    for s in list_sources(_obj().store):
        state = "enabled" if s["enabled"] else "disabled"
        last = f"last {s['last_status']} at {s['fetched_at']}" if s["fetched_at"] else "never polled"
        err = f"; {s['failures']} failures: {s['last_error']}" if s["failures"] else ""
        _echo(f"{s['name']} [{s['kind']}] {s['feed_url']} ({state}; {last}; next {s['next_due_at'] or 'now'}{err})")


@sources.command("disable")
@click.argument("name")
def sources_disable(name: str) -> None:
    """Stop polling a source (its reports stay)."""
    from harmwatch.ingest.watch import set_enabled

    if not set_enabled(_obj().store, name, False):
        raise click.ClickException(f"source {name!r}: not found")
    _echo(f"source {name!r} disabled")


@sources.command("enable")
@click.argument("name")
def sources_enable(name: str) -> None:
    """Poll a disabled source again."""
    from harmwatch.ingest.watch import set_enabled

    if not set_enabled(_obj().store, name, True):
        raise click.ClickException(f"source {name!r}: not found")
    _echo(f"source {name!r} enabled")


def _log(result: Any) -> None:
    """One line per poll, then one line per new report and per failure: the log of what was new."""
    if result.error:
        _echo(f"{result.source}: {result.url}: FAILED {result.error} "
              f"(retry after {result.next_due:%Y-%m-%d %H:%M} UTC)")
        return
    if result.status == 304:
        _echo(f"{result.source}: not modified (304)")
        return
    _echo(f"{result.source}: HTTP {result.status}: {len(result.new)} new, {result.seen} already held, "
          f"{result.duplicates} unchanged, {len(result.failed)} failed")
    for title, url in result.new:
        _echo(f"  new     {title}  {url}")
    for origin, reason in result.failed:
        _echo(f"  failed  {origin}: {reason}")


@click.command()
@click.option("--once", is_flag=True, help="Poll the due sources once and stop (otherwise run until Ctrl-C).")
def watch(once: bool) -> None:
    """Poll registered sources on their schedule; Ctrl-C stops cleanly and the next run resumes."""
    from harmwatch.ingest.watch import run_watch

    obj = _obj()
    polled = run_watch(obj.store, obj.cfg, once, _log, say=_echo)
    if once:
        _echo(f"{polled} sources polled")


@click.command()
@click.argument("warcs", nargs=-1, type=click.Path(path_type=Path))
def verify(warcs: tuple[Path, ...]) -> None:
    """Re-hash stored raw bytes and WARC records (the warc_dir folder and any WARC given); list mismatches."""
    from harmwatch.ingest.verify import verify_all

    obj = _obj()
    result = verify_all(obj.store, [Path(obj.cfg.warc_dir), *warcs])
    for problem in result.problems:
        _echo(f"MISMATCH {problem}", err=True)
    _echo(f"verified {result.reports} reports, {result.warc_records} WARC records in {result.warc_files} files: "
          f"{len(result.problems)} problems")
    if result.problems:
        sys.exit(1)


def register(main: click.Group) -> None:
    """Add the ingest-stage commands: sources, watch, verify."""
    main.add_command(sources)
    main.add_command(watch)
    main.add_command(verify)
