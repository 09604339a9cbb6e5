"""The command line: one command per task a user does; every stage is reached through pipeline.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from harmwatch import __version__
from harmwatch.config import SETTINGS, ConfigError, load_config

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True)
    sys.exit(code)


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    if isinstance(v, bytes):
        return None
    return v


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=_jsonable, indent=1)


def _date_option(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{name} {value!r} is not a date (YYYY-MM-DD)")


class Ctx:
    """Settings and a lazily opened store, shared by the commands of one invocation."""

    def __init__(self, db: str | None, config: str | None) -> None:
        try:
            self.cfg = load_config(config, {"db": db})
        except ConfigError as exc:
            fail(str(exc))
        self._store: Any = None

    @property
    def store(self) -> Any:
        if self._store is None:
            from harmwatch.geo import GazetteerError
            from harmwatch.pipeline import open_store
            from harmwatch.store import StoreError
            try:
                self._store = open_store(self.cfg)
            except (StoreError, GazetteerError) as exc:
                fail(str(exc))
        return self._store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="harmwatch")
@click.option("--db", metavar="PATH|URL", help="Database: SQLite file (default harmwatch.db) or postgresql:// URL.")
@click.option("--config", metavar="FILE", help="Settings file (TOML); default harmwatch.toml if present.")
@click.pass_context
def main(ctx: click.Context, db: str | None, config: str | None) -> None:
    """harmwatch: read reports of a war, extract civilian-harm incidents, each figure traceable to its quote."""
    ctx.obj = Ctx(db, config)


# ---------------------------------------------------------------------------- ingest
@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH|URL...")  # str: a Path folds https:// to https:/
@click.option("--published", metavar="DATE", help="Publication date for inputs that do not carry one.")
@click.option("--source", metavar="NAME", help="Publisher for inputs that do not name one.")
@click.pass_obj
def ingest(obj: Ctx, paths: tuple[str, ...], published: str | None, source: str | None) -> None:
    """Store reports (text, HTML, JSON Lines, WARC, folders, page and feed URLs), extract claims, link incidents."""
    from harmwatch.pipeline import ingest_paths

    day = _date_option(published, "--published")
    store = obj.store
    progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not obj.cfg.progress or not err.is_terminal)
    with progress:
        task = progress.add_task("ingest", total=None)

        def tick(_origin: str, n: int, total: int) -> None:
            progress.update(task, completed=n, total=total)

        summary = ingest_paths(store, obj.cfg, list(paths), published=day, source=source, on_progress=tick)
    for origin, reason in summary.skipped:
        err.print(f"skipped {origin}: {reason}", markup=False)
    for origin, reason in summary.failed:
        err.print(f"failed  {origin}: {reason}", markup=False)
    for origin in summary.duplicates:
        err.print(f"duplicate {origin}: the same bytes are stored already; nothing changed", markup=False)
    for origin in summary.aliases:
        err.print(f"alias   {origin}: the same text is stored already; kept as an alias", markup=False)
    line = (f"ingested {len(summary.ingested)}, duplicates {len(summary.duplicates)}, "
            f"aliases {len(summary.aliases)}, failed {len(summary.failed)}, skipped {len(summary.skipped)}; "
            f"claims {summary.claims}")
    if summary.link:
        line += f"; incidents {summary.link.incidents}"
    out.print(line, markup=False)
    if summary.failed:
        sys.exit(1)


# ---------------------------------------------------------------------------- listings
@main.command()
@click.option("--date", "day", metavar="DATE", help="Items published on this day.")
@click.option("--from", "date_from", metavar="DATE", help="Items published on or after this day.")
@click.option("--to", "date_to", metavar="DATE", help="Items published on or before this day.")
@click.option("--source", metavar="NAME", help="Items whose publisher contains this text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_obj
def reports(obj: Ctx, day: str | None, date_from: str | None, date_to: str | None, source: str | None,
            fmt: str) -> None:
    """List stored reports (news items) filtered by publication date and publisher."""
    d = _date_option(day, "--date")
    lo = d or _date_option(date_from, "--from")
    hi = d or _date_option(date_to, "--to")
    rows = obj.store.list_reports(lo, hi, source)
    for r in rows:
        r["claims"] = len(obj.store.claims_of_report(r["id"]))
    cols = ["published", "ext_id", "source", "title", "claims", "sha256", "origin"]
    _emit(rows, cols, fmt, title=f"{len(rows)} reports")


def _incident_filters(date_from: str | None, date_to: str | None, country: str | None, admin1: str | None,
                      perpetrator: str | None, event_type: str | None, min_killed: int | None,
                      grade: str | None) -> dict[str, Any]:
    return {"date_from": _date_option(date_from, "--from"), "date_to": _date_option(date_to, "--to"),
            "country": country, "admin1": admin1, "perpetrator": perpetrator, "event_type": event_type,
            "min_killed": min_killed, "grade": grade}


def filter_options(f: Any) -> Any:
    for opt in reversed([
        click.option("--from", "date_from", metavar="DATE", help="Incidents on or after this day."),
        click.option("--to", "date_to", metavar="DATE", help="Incidents on or before this day."),
        click.option("--country", metavar="ISO2", help="Country code, e.g. SY."),
        click.option("--admin1", metavar="NAME", help="Governorate / province (substring)."),
        click.option("--perpetrator", metavar="NAME", help="Perpetrator name (substring) or class."),
        click.option("--event-type", metavar="TYPE", help="ACLED event type (substring)."),
        click.option("--min-killed", type=click.IntRange(min=0), help="At least this many killed (best)."),
        click.option("--grade", type=click.Choice(["confirmed", "fair", "weak", "contested", "discounted"])),
    ]):
        f = opt(f)
    return f


def _range(lo: Any, best: Any, hi: Any) -> str:
    if lo is None and hi is None:
        return ""
    if lo == hi:
        return str(lo)
    if hi is None:
        return f"≥{lo}" if best == lo else f"≥{lo} (best {best})"
    return f"{lo}–{hi} (best {best})"


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_obj
def incidents(obj: Ctx, fmt: str, **filters: Any) -> None:
    """List incidents with filters, each with the ids of its reports."""
    rows = obj.store.query_incidents(_incident_filters(**filters))
    if fmt == "table":
        for r in rows:
            end = "" if r["date_end"] == r["date_start"] else f"…{str(r['date_end'])[5:]}"
            r["when"] = f"{r['date_start']}{end}"
            r["where"] = ", ".join(x for x in (r["location"], r["admin1"], r["country"]) if x)
            r["killed"] = _range(r["killed_low"], r["killed_best"], r["killed_high"])
            r["injured"] = _range(r["injured_low"], r["injured_best"], r["injured_high"])
            r["n_reports"] = len(r["reports"])
        _emit(rows, ["id", "when", "where", "geo_precision", "perpetrator", "event_type", "killed", "injured",
                     "grade", "n_reports"], fmt, title=f"{len(rows)} incidents")
        return
    for r in rows:
        r.pop("data", None)
    _emit(rows, [c for c in rows[0].keys()] if rows else ["id"], fmt)


_HEADERS = {"geo_precision": "prec", "n_reports": "reports", "event_type": "event type"}


def _emit(rows: list[dict[str, Any]], cols: list[str], fmt: str, title: str | None = None) -> None:
    if fmt == "json":
        click.echo(_dump([{k: r.get(k) for k in cols} | ({"reports": r["reports"]} if "reports" in r else {})
                          for r in rows]))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r.get(c) is None else (";".join(r[c]) if isinstance(r[c], list) else _jsonable(r[c]))
                        for c in cols])
        click.echo(buf.getvalue(), nl=False)
    else:
        table = Table(title=title, show_lines=False)
        for c in cols:
            table.add_column(_HEADERS.get(c, c), overflow="fold", no_wrap=c in ("id", "when", "published"))
        for r in rows:
            table.add_row(*["" if r.get(c) is None else str(_jsonable(r[c])) for c in cols])
        out.print(table)


@main.command()
@click.argument("incident_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--why", is_flag=True, help="List each scored pair of its claims: match weight and comparisons.")
@click.pass_obj
def show(obj: Ctx, incident_id: str, fmt: str, why: bool = False) -> None:
    """Show one incident: each field with its evidence quote and the report it came from."""
    inc = obj.store.incident_detail(incident_id)
    if inc is None:
        fail(f"incident {incident_id}: not found")
    if why:
        from harmwatch.link.commands import why_pairs

        inc["pairs"] = why_pairs(obj.store, [c["key"] for c in inc["claims"]])
    if fmt == "json":
        click.echo(_dump(inc))
        return
    if inc["redirected_from"]:
        out.print(f"({incident_id} was merged into {inc['id']})", markup=False)
    out.print(f"[bold]{inc['id']}[/]  grade {inc['grade']}  status {inc['review_status']}")
    fields = [("date", f"{inc['date_start']} … {inc['date_end']} ({inc['date_precision']})", "date"),
              ("place", ", ".join(str(x) for x in (inc["location"], inc["admin2"], inc["admin1"], inc["country"])
                                  if x) + f"  precision {inc['geo_precision']}"
               + (f"  ({inc['lat']:.4f}, {inc['lon']:.4f})" if inc["lat"] is not None else ""), "location"),
              ("perpetrator", f"{inc['perpetrator']} [{inc['perpetrator_class']}]", "perpetrator"),
              ("event", f"{inc['event_type']} / {inc['sub_event_type']}", "event_type"),
              ("killed", _range(inc["killed_low"], inc["killed_best"], inc["killed_high"]), "killed"),
              ("civilians killed", _range(inc["civilians_killed_low"], inc["civilians_killed_best"],
                                          inc["civilians_killed_high"]), "civilians_killed"),
              ("injured", _range(inc["injured_low"], inc["injured_best"], inc["injured_high"]), "injured")]
    for label, value, ev_key in fields:
        out.print(f"[bold]{label:>17}[/]: {escape(value)}")
        for c in inc["claims"]:
            ev = (c["data"].get("evidence") or {}).get(ev_key)
            if ev:
                out.print(f"{'':>19}“{ev['quote']}” — {c['source'] or 'unattributed'}, {c['published']}, "
                          f"report {c['ext_id'][:16]} (claim {c['key']})", markup=False)
    perps = (inc["data"] or {}).get("perpetrators", [])
    if len(perps) > 1:
        out.print("[bold]      attributions[/]: " + escape("; ".join(f"{p['perpetrator']} ({len(p['claims'])})"
                                                                   for p in perps)))
    out.print(f"[bold]{'reports':>17}[/]:")
    for c in inc["claims"]:
        out.print(f"{'':>19}{c['published']}  {c['source'] or 'unattributed'}  {c['title'] or ''}  "
                  f"sha256 {c['sha256'][:16]}…  {c['url'] or c['origin'] or ''}  [{c['why']}]", markup=False)
    for a in inc["history"]:
        out.print(f"{'review':>17}: {a['at']} {a['who']} {a['action']} {a['payload']} — {a['reason']}",
                  markup=False)
    if why:
        from harmwatch.link.commands import why_lines

        out.print(f"[bold]{'why':>17}[/]: {len(inc['pairs'])} scored pairs among its claims")
        for line in why_lines(inc["pairs"]):
            out.print(f"{'':>19}{line}", markup=False)


# ---------------------------------------------------------------------------- extraction & eval
def _read_docs(path: Path) -> list[Any]:
    from harmwatch.ingest.readers import parse_date
    from harmwatch.records import DocInput

    docs = []
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror}")
    with handle:
        try:
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path} line {lineno}"
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    fail(f"{where}: invalid JSON ({exc.msg})")
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or "id" not in rec:
                    fail(f"{where}: each line needs an object with \"id\" and \"text\"")
                try:
                    published = parse_date(rec.get("published"), where)
                except ValueError as exc:
                    fail(str(exc))
                docs.append(DocInput(id=str(rec["id"]), text=rec["text"], published=published,
                                     title=rec.get("title"), source=rec.get("source"),
                                     language=rec.get("language")))
        except UnicodeDecodeError as exc:
            fail(f"{path}: not valid UTF-8 ({exc.reason})")
    return docs


def _run_extraction(obj: Ctx, docs: list[Any], geo: bool) -> dict[str, list[dict[str, Any]]]:
    from harmwatch.pipeline import extract_doc, patterns_for, resolver_for

    resolver = resolver_for(obj.store, obj.cfg) if geo else None
    patterns = patterns_for(obj.cfg)
    return {d.id: extract_doc(d, resolver, patterns) for d in docs}


@main.command()
@click.argument("infile", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outfile", required=True, type=click.Path(path_type=Path),
              help="Where to write one {\"id\", \"incidents\"} line per input line.")
@click.option("--no-geo", is_flag=True, help="Skip place resolution.")
@click.pass_obj
def extract(obj: Ctx, infile: Path, outfile: Path, no_geo: bool) -> None:
    """Run extraction only: JSON Lines in, claims out in the extraction contract format."""
    docs = _read_docs(infile)
    preds = _run_extraction(obj, docs, not no_geo)
    tmp = outfile.with_name(outfile.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.id, "incidents": preds[d.id]}, ensure_ascii=False, default=_jsonable) + "\n")
    tmp.replace(outfile)
    out.print(f"{len(docs)} documents, {sum(len(v) for v in preds.values())} claims → {outfile}", markup=False)


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--pred-out", type=click.Path(path_type=Path), help="Write the predictions here (contract format).")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(path_type=Path),
              help="Load this gazetteer file into the database first (e.g. a Syria place list).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (same keys as score.py --json).")
@click.option("--errors", "error_field", metavar="FIELD", help="Also list the documents where FIELD is wrong.")
@click.pass_obj
def eval_cmd(obj: Ctx, gold: Path, pred_out: Path | None, gazetteers: tuple[Path, ...], as_json: bool,
             error_field: str | None) -> None:
    """Score extraction on a gold file: per-field coverage and accuracy, all and answerable documents."""
    from harmwatch.evaluation import GoldError, error_rows, format_table, read_gold, score
    from harmwatch.geo import GazetteerError
    from harmwatch.pipeline import load_gazetteer
    from harmwatch.records import DocInput

    try:
        gold_docs = read_gold(gold)
    except (GoldError, OSError) as exc:
        fail(str(exc))
    for g in gazetteers:
        try:
            load_gazetteer(obj.store, g)
        except GazetteerError as exc:
            fail(str(exc))
    docs = [DocInput(id=str(d["id"]), text=d["text"], published=_date_or_none(d.get("published")),
                     title=d.get("title"), source=d.get("source"), language=d.get("language")) for d in gold_docs]
    preds = _run_extraction(obj, docs, True)
    if pred_out:
        with pred_out.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"id": d.id, "incidents": preds[d.id]}, ensure_ascii=False,
                                    default=_jsonable) + "\n")
    result = score(gold_docs, preds)
    click.echo(_dump(result) if as_json else format_table(result))
    if error_field:
        for row in error_rows(gold_docs, preds, error_field):
            click.echo(json.dumps(row, ensure_ascii=False, default=_jsonable))


def _date_or_none(v: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(v)[:10]) if v else None
    except ValueError:
        return None


@main.command()
@click.pass_obj
def reprocess(obj: Ctx) -> None:
    """Re-extract and relink every stored report with the current extractor; human decisions are kept."""
    from harmwatch.pipeline import reprocess as run
    from harmwatch.review.actions import find_stale

    reports_n, claims_n, stats = run(obj.store, obj.cfg)
    out.print(f"reprocessed {reports_n} reports: {claims_n} claims, {stats.incidents} incidents", markup=False)
    stale = find_stale(obj.store)
    if stale:
        click.echo(f"warning: {len(stale)} reviewer decisions name claims or incidents that no longer exist; "
                   "see `harmwatch review stale`", err=True)


# ---------------------------------------------------------------------------- export
@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "geojson", "acled", "ucdp", "hxl"]), default="csv",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@filter_options
@click.pass_obj
def export(obj: Ctx, fmt: str, output: Path | None, **filters: Any) -> None:
    """Export incidents (honouring the filters) as CSV with stable columns or as GeoJSON."""
    from harmwatch.export import to_csv, to_geojson
    from harmwatch.store.store import region_points

    if fmt in ("acled", "ucdp", "hxl"):  # ACLED-, UCDP-compatible and HXL: export/public.py (withheld text out)
        from harmwatch.export.public import export_text

        text, n = export_text(obj.store, fmt, _incident_filters(**filters))
        rows: list[Any] = [None] * n
    else:
        rows = obj.store.query_incidents(_incident_filters(**filters))
        regions = region_points(obj.store)
        text = to_csv(rows, regions) if fmt == "csv" else to_geojson(rows, regions)
    if output is None:
        click.echo(text, nl=False)
    else:
        tmp = output.with_name(output.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
        out.print(f"{len(rows)} incidents → {output}", markup=False)


# ---------------------------------------------------------------------------- review & audit
@main.group()
def review() -> None:
    """Reviewer decisions; each one is appended to the hash-chained audit log and survives relinking."""


def _review(obj: Ctx, action: str, incident_id: str, who: str, why: str, **kw: Any) -> None:
    from harmwatch.review.actions import ReviewError, apply_review

    try:
        row = apply_review(obj.store, who, action, incident_id, why, max_km=float(obj.cfg.link_max_km),
                           max_days=int(obj.cfg.link_max_days), **kw)
    except ReviewError as exc:
        fail(str(exc))
    out.print(f"{action} {row['incident_id']} by {row['who']}: logged as {row['hash'][:16]}", markup=False)


_who = click.option("--who", required=True, help="Reviewer name, kept in the audit log.")
_why = click.option("--why", required=True, help="Reason, kept in the audit log.")


@review.command("verify")
@click.argument("incident_id")
@_who
@_why
@click.pass_obj
def review_verify(obj: Ctx, incident_id: str, who: str, why: str) -> None:
    """Mark an incident verified."""
    _review(obj, "verify", incident_id, who, why)


@review.command("reject")
@click.argument("incident_id")
@_who
@_why
@click.pass_obj
def review_reject(obj: Ctx, incident_id: str, who: str, why: str) -> None:
    """Mark an incident rejected (not an incident)."""
    _review(obj, "reject", incident_id, who, why)


@review.command("edit")
@click.argument("incident_id")
@click.argument("field")
@click.argument("value")
@_who
@_why
@click.pass_obj
def review_edit(obj: Ctx, incident_id: str, field: str, value: str, who: str, why: str) -> None:
    """Set one field of an incident (use 'null' to clear it)."""
    _review(obj, "edit", incident_id, who, why, field=field, value=value)


@review.command("grade")
@click.argument("incident_id")
@click.argument("grade")
@_who
@_why
@click.pass_obj
def review_grade(obj: Ctx, incident_id: str, grade: str, who: str, why: str) -> None:
    """Override the computed grade."""
    _review(obj, "grade", incident_id, who, why, grade=grade)


@review.command("merge")
@click.argument("incident_id")
@click.argument("others", nargs=-1, required=True)
@_who
@_why
@click.pass_obj
def review_merge(obj: Ctx, incident_id: str, others: tuple[str, ...], who: str, why: str) -> None:
    """Merge other incidents into INCIDENT_ID (the oldest id stays; the others redirect)."""
    _review(obj, "merge", incident_id, who, why, others=list(others))


@review.command("split")
@click.argument("incident_id")
@click.argument("claims", nargs=-1, required=True)
@_who
@_why
@click.pass_obj
def review_split(obj: Ctx, incident_id: str, claims: tuple[str, ...], who: str, why: str) -> None:
    """Take these claims (keys, see `show`) out of an incident into a new one of their own."""
    _review(obj, "split", incident_id, who, why, claims=list(claims))


@review.command("unlink")
@click.argument("incident_id")
@click.argument("claim")
@_who
@_why
@click.pass_obj
def review_unlink(obj: Ctx, incident_id: str, claim: str, who: str, why: str) -> None:
    """Say a claim is not the same incident; it is never linked to the others again."""
    _review(obj, "unlink", incident_id, who, why, claims=[claim])


@review.command("stale")
@click.option("--json", "as_json", is_flag=True, help="Print the stale decisions as JSON Lines.")
@click.pass_obj
def review_stale(obj: Ctx, as_json: bool) -> None:
    """List decisions that no longer bind: their claims were dropped by a re-extraction or their incident is gone."""
    from harmwatch.review.actions import find_stale

    stale = find_stale(obj.store)
    if as_json:
        for a in stale:
            click.echo(json.dumps(a, ensure_ascii=False, default=_jsonable))
        return
    if not stale:
        out.print("every reviewer decision still names existing claims and incidents", markup=False)
        return
    for a in stale:
        what = (f"claims no longer extracted: {', '.join(a['missing_claims'])}" if a["missing_claims"]
                else f"incident {a['incident_id']} no longer exists")
        out.print(f"{a['at']} {a['who']} {a['action']} {a['incident_id']} ({a['reason']}): {what}", markup=False)
    out.print(f"{len(stale)} stale decisions: review the incidents again and record new decisions", markup=False)


@main.group()
def audit() -> None:
    """The audit log of review actions."""


@audit.command("verify")
@click.pass_obj
def audit_verify(obj: Ctx) -> None:
    """Recompute the hash chain of the audit log and report the first break, if any."""
    from harmwatch.review.actions import verify_chain

    ok, n, problem = verify_chain(obj.store)
    if ok:
        out.print(f"audit log intact: {n} entries", markup=False)
    else:
        fail(f"audit log broken at {problem}", code=1)


@audit.command("log")
@click.pass_obj
def audit_log(obj: Ctx) -> None:
    """Print the audit log as JSON Lines."""
    with obj.store.begin() as conn:
        for a in obj.store.actions(conn):
            click.echo(json.dumps(a, ensure_ascii=False, default=_jsonable))


# ---------------------------------------------------------------------------- gazetteer & settings
@main.group()
def gazetteer() -> None:
    """Places: load GeoNames dumps or CSV gazetteers, search names."""


@gazetteer.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def gazetteer_load(obj: Ctx, files: tuple[Path, ...]) -> None:
    """Add places from GeoNames dumps (SY.txt, allCountries.txt) or CSV files; all or nothing per file."""
    from harmwatch.geo import GazetteerError
    from harmwatch.pipeline import load_gazetteer

    failed = False
    for f in files:
        try:
            n, new = load_gazetteer(obj.store, f)
        except GazetteerError as exc:
            err.print(f"failed  {exc}", markup=False)
            failed = True
            continue
        out.print(f"{f}: {n} places loaded" if new else f"{f}: loaded already; nothing changed", markup=False)
    if failed:
        sys.exit(1)


@gazetteer.command("search")
@click.argument("name")
@click.option("--country", metavar="ISO2")
@click.option("--limit", default=10, show_default=True)
@click.pass_obj
def gazetteer_search(obj: Ctx, name: str, country: str | None, limit: int) -> None:
    """Candidate places for a name, with their scores."""
    from harmwatch.geo import Gazetteer

    g = Gazetteer(obj.store.load_places([country.upper()] if country else None))
    rows = [{"score": round(s, 3), "id": p.id, "name": p.name, "feature": p.feature, "admin1": p.admin1,
             "admin2": p.admin2, "country": p.country, "lat": p.lat, "lon": p.lon}
            for p, s in g.search(name, country=country.upper() if country else None, limit=limit)]
    _emit(rows, ["score", "id", "name", "feature", "admin1", "admin2", "country", "lat", "lon"], "table",
          title=f"{len(rows)} candidates for {name!r}")


@main.command()
@click.pass_obj
def settings(obj: Ctx) -> None:
    """List every setting with its value, where the value came from, and its help."""
    for s in SETTINGS:
        out.print(f"[bold]{s.name}[/] = {escape(repr(obj.cfg.get(s.name)))}  ({escape(obj.cfg.origin[s.name])})")
        out.print(f"    {s.help}  Environment: HARMWATCH_{s.name.upper()}.", markup=False)


# ---------------------------------------------------------------------------- stage commands
#: Modules that add their own commands (each defines `register(main: click.Group) -> None`).
COMMAND_MODULES = ("harmwatch.web.commands", "harmwatch.ingest.commands", "harmwatch.link.commands")


def _register_stage_commands() -> None:
    """Let each stage own its commands, so the CLI file stays the thin index of them."""
    import importlib
    import importlib.util

    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(main)


_register_stage_commands()
