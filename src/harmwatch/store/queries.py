"""Read queries (and the few people-related writes) the web app needs, beside the store's own methods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from harmwatch.store import schema as t
from harmwatch.store.store import Store, utcnow

LIST_COLUMNS = ("id", "date_start", "date_end", "date_precision", "country", "admin1", "admin2", "location",
                "lat", "lon", "geo_precision", "perpetrator", "perpetrator_class", "event_type", "sub_event_type",
                "killed_low", "killed_best", "killed_high", "civilians_killed_low", "civilians_killed_best",
                "civilians_killed_high", "injured_low", "injured_best", "injured_high", "grade", "review_status")


#: The longest date window an incident can have ("a year" precision); lets date filters use the index.
MAX_WINDOW_DAYS = 400


class FilterError(ValueError):
    """A filter value that cannot be used, named in the message."""


@dataclass(frozen=True, slots=True)
class Filters:
    """The incident filters every page, twin and export shares; they live in the URL."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    perpetrator: str | None = None
    event_type: str | None = None
    grade: str | None = None
    min_killed: int | None = None
    q: str | None = None

    @classmethod
    def parse(cls, params: dict[str, Any]) -> Filters:
        """Read filters from query parameters; blank means unset, bad values are named."""
        def text(name: str) -> str | None:
            value = params.get(name)
            value = str(value).strip() if value is not None else ""
            return value[:200] or None

        def day(name: str) -> dt.date | None:
            value = text(name)
            if value is None:
                return None
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise FilterError(f"{name} {value!r} is not a date (YYYY-MM-DD)") from None

        mk = text("min_killed")
        try:
            min_killed = int(mk) if mk is not None else None
        except ValueError:
            raise FilterError(f"min_killed {mk!r} is not a whole number") from None
        if min_killed is not None and min_killed < 0:
            raise FilterError("min_killed must not be negative")
        country = text("country")
        return cls(date_from=day("date_from"), date_to=day("date_to"),
                   country=country.upper() if country else None, admin1=text("admin1"),
                   perpetrator=text("perpetrator"), event_type=text("event_type"), grade=text("grade"),
                   min_killed=min_killed, q=text("q"))

    def as_params(self) -> dict[str, str]:
        """The filters as URL query parameters (unset ones left out)."""
        return {k: (v.isoformat() if isinstance(v, dt.date) else str(v))
                for k, v in asdict(self).items() if v is not None}

    def is_empty(self) -> bool:
        return not self.as_params()


def _conditions(store: Store, f: Filters, window: int | None = None) -> list[Any]:
    """SQL conditions for the live incidents matching the filters; values are bound, never spliced.

    `window` is the longest date window (days) any incident has now (see `max_window_days`); it bounds the
    date index range a `date_from` needs. Unknown: MAX_WINDOW_DAYS, the longest any incident can have.
    """
    c = t.incidents.c
    contains = store.dialect.contains
    out: list[Any] = [c.redirect_to.is_(None), c.review_status != "withdrawn"]
    if f.date_from:
        out.append(sa.func.coalesce(c.date_end, c.date_start) >= f.date_from)
        # the same condition in a form the date index can use: no window is longer than MAX_WINDOW_DAYS
        span = MAX_WINDOW_DAYS if window is None else max(0, min(int(window), MAX_WINDOW_DAYS))
        out.append(c.date_start >= f.date_from - dt.timedelta(days=span))
    if f.date_to:
        out.append(c.date_start <= f.date_to)
    if f.country:
        out.append(c.country == f.country)
    if f.admin1:
        out.append(contains(c.admin1, f.admin1))
    if f.perpetrator:
        out.append(sa.or_(contains(c.perpetrator, f.perpetrator), c.perpetrator_class == f.perpetrator))
    if f.event_type:
        out.append(sa.or_(contains(c.event_type, f.event_type), contains(c.sub_event_type, f.event_type)))
    if f.grade:
        out.append(c.grade == f.grade)
    if f.min_killed is not None:
        out.append(c.killed_best >= f.min_killed)
    if f.q:
        out.append(sa.or_(*(contains(col, f.q) for col in (c.id, c.location, c.admin1, c.admin2, c.perpetrator,
                                                          c.event_type, c.sub_event_type))))
    return out


def list_incidents(store: Store, f: Filters, limit: int = 50, offset: int = 0,
                   window: int | None = None) -> list[dict[str, Any]]:
    """One page of matching incidents, newest first, each with how many reports tell it."""
    c = t.incidents.c
    with store.engine.connect() as conn:
        ids = _page_ids(conn, store, f, window, limit, offset)
        rows = _rows_by_id(conn, [*(c[name] for name in LIST_COLUMNS), c.data], ids)
        counts = report_counts(conn, [r["id"] for r in rows])
    for r in rows:
        data = r.pop("data") or {}
        r["sources"] = list(data.get("sources", []))
        r["n_reports"] = counts.get(r["id"], 0)
    return rows


def _page_ids(conn: Connection, store: Store, f: Filters, window: int | None, limit: int,
              offset: int = 0) -> list[str]:
    """Matching ids newest first: read from ix_incidents_date_cover alone (no table rows for the misses)."""
    c = t.incidents.c
    q = (sa.select(c.id).where(*_conditions(store, f, window)).order_by(c.date_start.desc(), c.id.desc())
         .limit(limit).offset(offset))
    return list(conn.execute(q).scalars())


def _rows_by_id(conn: Connection, cols: list[Any], ids: list[str]) -> list[dict[str, Any]]:
    """Rows of these incidents, in the order of `ids`."""
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        res = conn.execute(sa.select(*cols).where(t.incidents.c.id.in_(ids[i:i + 500])))
        keys = list(res.keys())
        for row in res.all():
            d = dict(zip(keys, row, strict=True))
            found[d["id"]] = d
    return [found[i] for i in ids if i in found]


def report_counts(conn: Connection, incident_ids: list[str]) -> dict[str, int]:
    """How many distinct reports each incident gathers."""
    if not incident_ids:
        return {}
    ic, cl = t.incident_claims, t.claims
    q = (sa.select(ic.c.incident_id, sa.func.count(sa.distinct(cl.c.report_id)))
         .select_from(ic.join(cl, ic.c.claim_id == cl.c.id))
         .where(ic.c.incident_id.in_(incident_ids)).group_by(ic.c.incident_id))
    return {i: int(n) for i, n in conn.execute(q)}


def count_incidents(store: Store, f: Filters, window: int | None = None) -> int:
    with store.engine.connect() as conn:
        q = sa.select(sa.func.count()).select_from(t.incidents).where(*_conditions(store, f, window))
        return int(conn.execute(q).scalar_one())


def all_matching(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Every matching incident (full rows with `data`) with its reports' ids: the input of exports."""
    c = t.incidents.c
    q = sa.select(t.incidents).where(*_conditions(store, f)).order_by(c.date_start, c.id)
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
        by_id = {r["id"]: r for r in rows}
        for r in rows:
            r["reports"] = []
            r["claims"] = []
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rq = (sa.select(t.incident_claims.c.incident_id, t.claims.c.key, t.claims.c.data, t.claims.c.report_id,
                            t.reports.c.ext_id,
                            t.reports.c.url, t.reports.c.published, t.sources.c.name.label("source"),
                            t.sources.c.kind.label("source_kind"))
                  .select_from(t.incident_claims.join(t.claims, t.incident_claims.c.claim_id == t.claims.c.id)
                               .join(t.reports, t.claims.c.report_id == t.reports.c.id)
                               .outerjoin(t.sources, t.reports.c.source_id == t.sources.c.id))
                  .where(t.incident_claims.c.incident_id.in_(chunk)).order_by(t.claims.c.key))
            for m in conn.execute(rq).mappings():
                inc = by_id[m["incident_id"]]
                inc["claims"].append(dict(m))
                if m["ext_id"] not in inc["reports"]:
                    inc["reports"].append(m["ext_id"])
        for r in rows:
            r["reports"].sort()
    return rows


# ---------------------------------------------------------------------------- aggregates
def day_series(store: Store, f: Filters, window: int | None = None) -> list[dict[str, Any]]:
    """Matching incidents per start day with killed low/best/high sums (open highs counted apart)."""
    c = t.incidents.c
    q = (sa.select(c.date_start, sa.func.count(), sa.func.sum(c.killed_low), sa.func.sum(c.killed_best),
                   sa.func.sum(sa.func.coalesce(c.killed_high, c.killed_best, c.killed_low)),
                   sa.func.sum(sa.case((sa.and_(c.killed_high.is_(None), c.killed_low.is_not(None)), 1), else_=0)))
         .where(*_conditions(store, f, window), c.date_start.is_not(None))
         .group_by(c.date_start).order_by(c.date_start))
    with store.engine.connect() as conn:
        return [{"day": d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10]), "n": int(n),
                 "killed_low": int(lo or 0), "killed_best": int(be or 0), "killed_high": int(hi or 0),
                 "open_high": int(op or 0)} for d, n, lo, be, hi, op in conn.execute(q)]


def map_rows(store: Store, f: Filters, limit: int, window: int | None = None) -> list[dict[str, Any]]:
    """Up to `limit` matching incidents with what a map marker shows."""
    c = t.incidents.c
    cols = [c.id, c.lat, c.lon, c.country, c.admin1, c.geo_precision, c.killed_low, c.killed_best, c.killed_high,
            c.date_start, c.location, c.grade]
    with store.engine.connect() as conn:
        return _rows_by_id(conn, cols, _page_ids(conn, store, f, window, limit))


def map_cells(store: Store, f: Filters, per_degree: int, window: int | None = None) -> list[dict[str, Any]]:
    """Matching incidents gathered into grid cells (own points) and governorates (region-level ones)."""
    c = t.incidents.c
    la, lo = sa.func.round(c.lat * per_degree), sa.func.round(c.lon * per_degree)
    q = (sa.select(la, lo, c.country, sa.case((c.lat.is_(None), c.admin1), else_=None), sa.func.count(),
                   sa.func.sum(c.killed_best), sa.func.avg(c.lat), sa.func.avg(c.lon))
         .where(*_conditions(store, f, window))
         .group_by(la, lo, c.country, sa.case((c.lat.is_(None), c.admin1), else_=None)))
    with store.engine.connect() as conn:
        return [{"country": country, "admin1": admin1, "n": int(n), "killed_best": int(k or 0),
                 "lat": lat, "lon": lon} for _a, _b, country, admin1, n, k, lat, lon in conn.execute(q)]


def data_version(store: Store) -> str:
    """Changes whenever incidents are rewritten (every relink touches updated_at; none is ever deleted) or the
    audit log grows (reviews, published texts, withheld phrases change what public pages show)."""
    with store.engine.connect() as conn:
        latest = conn.execute(sa.select(sa.func.max(t.incidents.c.updated_at))).scalar()
        seq = conn.execute(sa.select(sa.func.max(t.review_actions.c.seq))).scalar()
    return f"{latest}|{seq}"


def max_window_days(store: Store) -> int:
    """The longest date window (date_end − date_start, days) of any live incident: one scan, done once per
    data version by the web app, so date filters read only the index range they need."""
    c = t.incidents.c
    if store.engine.dialect.name == "sqlite":
        span = sa.func.julianday(c.date_end) - sa.func.julianday(c.date_start)
    else:
        span = c.date_end - c.date_start
    q = sa.select(sa.func.max(span)).where(c.redirect_to.is_(None), c.date_end.is_not(None),
                                           c.date_start.is_not(None))
    with store.engine.connect() as conn:
        value = conn.execute(q).scalar()
    if value is None:
        return 0
    if isinstance(value, dt.timedelta):
        value = value.days
    return max(0, int(-(-float(value) // 1)))


def admin1_places(store: Store) -> list[dict[str, Any]]:
    """Governorates at their gazetteer points, for the offline base map's labels."""
    p = t.places.c
    q = (sa.select(p.name, p.country, p.admin1, p.lat, p.lon, p.alt_names)
         .where(p.feature == "admin1", p.lat.is_not(None)).order_by(p.country, p.name))
    with store.engine.connect() as conn:
        out = []
        for name, country, admin1, lat, lon, alts in conn.execute(q):
            arabic = next((a for a in (alts or []) if any("\u0600" <= ch <= "\u06ff" for ch in a)), None)
            out.append({"name": admin1 or name, "name_ar": arabic, "country": country, "lat": lat, "lon": lon})
        return out


def facet_values(store: Store) -> dict[str, list[str]]:
    """Distinct values offered in the filter form's pickers."""
    c = t.incidents.c
    out: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for name in ("country", "event_type", "grade"):
            col = c[name]
            out[name] = [v for v in conn.execute(sa.select(col).distinct().where(col.is_not(None))
                                                 .order_by(col).limit(200)).scalars()]
    return out


# ---------------------------------------------------------------------------- reports
def report_months(store: Store, source_id: int | None = None) -> list[dict[str, Any]]:
    """Publication days with their report counts (for the calendar)."""
    r = t.reports.c
    q = sa.select(r.published, sa.func.count()).where(r.published.is_not(None))
    if source_id is not None:
        q = q.where(r.source_id == source_id)
    q = q.group_by(r.published).order_by(r.published)
    with store.engine.connect() as conn:
        return [{"day": d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10]), "n": int(n)}
                for d, n in conn.execute(q)]


def source_list(store: Store) -> list[dict[str, Any]]:
    s, r = t.sources.c, t.reports.c
    # counted per source first (an index scan), then joined: joining first read every report per source
    counts = sa.select(r.source_id, sa.func.count().label("n")).group_by(r.source_id).subquery()
    q = (sa.select(s.id, s.name, s.kind, sa.func.coalesce(counts.c.n, 0))
         .select_from(t.sources.outerjoin(counts, counts.c.source_id == s.id)).order_by(s.name))
    with store.engine.connect() as conn:
        return [{"id": i, "name": n, "kind": k, "reports": int(c)} for i, n, k, c in conn.execute(q)]


def source_row(store: Store, source_id: int) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.sources).where(t.sources.c.id == source_id)).mappings().first()
        return dict(row) if row else None


REPORT_COLUMNS = ("id", "sha256", "ext_id", "title", "published", "published_from", "url", "language",
                  "content_type", "retrieved_at", "text_public")


def find_reports(store: Store, day: dt.date | None = None, source_id: int | None = None,
                 limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Reports published on a day or by a source, with their publisher (no text)."""
    r = t.reports.c
    q = (sa.select(*(r[c] for c in REPORT_COLUMNS), t.sources.c.name.label("source"),
                   t.sources.c.id.label("source_id"))
         .select_from(t.reports.outerjoin(t.sources, r.source_id == t.sources.c.id)))
    if day is not None:
        q = q.where(r.published == day)
    if source_id is not None:
        q = q.where(r.source_id == source_id)
    q = q.order_by(r.published.desc(), r.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [dict(m) for m in conn.execute(q).mappings()]


def report_by_sha(store: Store, sha256: str, with_text: bool) -> dict[str, Any] | None:
    """One report's metadata (and text only when asked: callers decide who may see it)."""
    r = t.reports.c
    cols = [*(r[c] for c in REPORT_COLUMNS), r.origin, t.sources.c.name.label("source"),
            t.sources.c.id.label("source_id")]
    if with_text:
        cols.append(r.text)
    q = (sa.select(*cols).select_from(t.reports.outerjoin(t.sources, r.source_id == t.sources.c.id))
         .where(r.sha256 == sha256))
    with store.engine.connect() as conn:
        row = conn.execute(q).mappings().first()
        return dict(row) if row else None


def report_text(store: Store, report_id: int) -> str:
    with store.engine.connect() as conn:
        return str(conn.execute(sa.select(t.reports.c.text).where(t.reports.c.id == report_id)).scalar_one())


def claims_of_reports(store: Store, report_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each report's extracted claims with the incident each one belongs to now."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in report_ids}
    if not report_ids:
        return out
    cl, ic = t.claims.c, t.incident_claims.c
    q = (sa.select(cl.report_id, cl.key, cl.data, ic.incident_id)
         .select_from(t.claims.outerjoin(t.incident_claims, ic.claim_id == cl.id))
         .where(cl.report_id.in_(report_ids)).order_by(cl.report_id, cl.n))
    with store.engine.connect() as conn:
        for m in conn.execute(q).mappings():
            out[m["report_id"]].append({"key": m["key"], "data": m["data"], "incident_id": m["incident_id"]})
    return out


def sensitive_spans(store: Store, report_ids: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
    """Spans of report text a reviewer marked sensitive, per report."""
    ids = list(report_ids)
    out: dict[int, list[tuple[int, int]]] = {i: [] for i in ids}
    if not ids:
        return out
    s = t.sensitive_spans.c
    with store.engine.connect() as conn:
        for rid, start, end in conn.execute(sa.select(s.report_id, s.start, s.end).where(s.report_id.in_(ids))
                                            .order_by(s.report_id, s.start)):
            out[rid].append((int(start), int(end)))
    return out


def mark_sensitive(store: Store, report_id: int, sha256: str, spans: list[tuple[int, int]], who: str,
                   note: str, reason: str) -> dict[str, Any]:
    """Withhold spans of a report's text from the public; logged in the audit chain in the same transaction."""
    now = utcnow()
    with store.begin() as conn:
        for start, end in spans:
            conn.execute(sa.insert(t.sensitive_spans).values(report_id=report_id, start=start, end=end, note=note,
                                                             who=who, at=now))
        return store.append_action(conn, who, "mark_sensitive", None,
                                   {"report": sha256, "spans": [list(s) for s in spans], "note": note}, reason)


def publish_text(store: Store, report_id: int, sha256: str, public: bool, who: str, reason: str) -> dict[str, Any]:
    """Make a report's text public (or private again); logged in the audit chain in the same transaction."""
    with store.begin() as conn:
        conn.execute(sa.update(t.reports).where(t.reports.c.id == report_id).values(text_public=public))
        return store.append_action(conn, who, "publish_text", None, {"report": sha256, "public": public}, reason)


def report_actions(store: Store, sha256: str) -> list[dict[str, Any]]:
    """The audit entries about one report (publishing its text, marking spans sensitive)."""
    ra = t.review_actions.c
    q = (sa.select(t.review_actions).where(ra.action.in_(("publish_text", "mark_sensitive")), ra.incident_id.is_(None))
         .order_by(ra.seq))
    with store.engine.connect() as conn:
        return [dict(m) for m in conn.execute(q).mappings() if (m["payload"] or {}).get("report") == sha256]


# ---------------------------------------------------------------------------- people
def add_user(store: Store, name: str, role: str, password_hash: str) -> None:
    with store.begin() as conn:
        if conn.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).first() is not None:
            raise ValueError(f"user {name!r} exists already")
        conn.execute(sa.insert(t.users).values(name=name, role=role, password_hash=password_hash,
                                               created_at=utcnow()))


def set_password(store: Store, name: str, password_hash: str) -> bool:
    with store.begin() as conn:
        res = conn.execute(sa.update(t.users).where(t.users.c.name == name).values(password_hash=password_hash))
        return bool(res.rowcount)


def get_user(store: Store, name: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.users).where(t.users.c.name == name)).mappings().first()
        return dict(row) if row else None


def list_users(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(m) for m in conn.execute(sa.select(t.users.c.name, t.users.c.role, t.users.c.created_at,
                                                        t.users.c.disabled).order_by(t.users.c.name)).mappings()]


def history_of(store: Store, incident_id: str) -> list[dict[str, Any]]:
    """The audit entries of an incident and of every incident merged into it (ids that redirect here)."""
    c, ra = t.incidents.c, t.review_actions.c
    source: Any = t.incidents
    id_col: Any = c.id
    redirect: Any = c.redirect_to
    if store.engine.dialect.name == "sqlite":
        id_col, redirect = sa.column("id", sa.String), sa.column("redirect_to", sa.String)
        # nearly every redirect_to is NULL, so after ANALYZE SQLite's planner takes the index for useless and
        # scans the whole table; the index finds the few merged ids at once
        source = sa.text("incidents INDEXED BY ix_incidents_redirect_to")
    with store.engine.connect() as conn:
        ids, frontier = {incident_id}, [incident_id]
        while frontier:
            found = conn.execute(sa.select(id_col).select_from(source).where(redirect.in_(frontier))).scalars()
            nxt = [i for i in found if i not in ids]
            ids.update(nxt)
            frontier = nxt
        q = sa.select(t.review_actions).where(ra.incident_id.in_(sorted(ids))).order_by(ra.seq)
        return [dict(m) for m in conn.execute(q).mappings()]
