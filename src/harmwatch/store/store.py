"""One storage interface over SQLite (default) and PostgreSQL; migrations run on open."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy.engine import Connection

from harmwatch.records import Place
from harmwatch.store import schema as t
from harmwatch.store.dialects import Dialect, dialect_for

MIGRATIONS = Path(__file__).with_name("migrations")
GENESIS_HASH = "0" * 64


class StoreError(RuntimeError):
    """A database that cannot be opened or used, named in the message."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def action_hash(prev_hash: str, at: str, who: str, action: str, incident_id: str | None,
                payload: dict[str, Any], reason: str) -> str:
    """The audit chain link: any change to an entry or its order changes every later hash."""
    body = json.dumps([prev_hash, at, who, action, incident_id, payload, reason],
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Store:
    """The database: reports, claims, incidents, the audit log and the gazetteer."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.dialect: Dialect = dialect_for(target)
        if self.dialect.name == "sqlite" and "://" not in target:
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"database {target}: folder {parent} does not exist")
        try:
            self.engine = sa.create_engine(self.dialect.url(target), **self.dialect.engine_options())
            self.dialect.prepare(self.engine)
            self._migrate()
        except sa.exc.OperationalError as exc:
            raise StoreError(f"database {target}: cannot open: {exc.orig}") from None
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"database {target}: not a harmwatch database: {exc.orig}") from None

    def _migrate(self) -> None:
        """Bring the schema to the newest revision; a no-op when it is there already."""
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: all of it is written, or none of it."""
        with self.engine.begin() as conn:
            yield conn

    # ------------------------------------------------------------------ sources
    def source_id(self, conn: Connection, name: str | None, kind: str | None = None) -> int | None:
        """The id of a publisher, created on first sight."""
        if not name:
            return None
        conn.execute(self.dialect.insert_ignore(t.sources, ["name"]).values(name=name, kind=kind))
        return int(conn.execute(sa.select(t.sources.c.id).where(t.sources.c.name == name)).scalar_one())

    # ------------------------------------------------------------------ reports
    def report_by(self, conn: Connection, **where: Any) -> dict[str, Any] | None:
        """A report found by one column (sha256, ext_id, text_sha256, id), or None."""
        ((col, value),) = where.items()
        row = conn.execute(
            sa.select(t.reports).where(t.reports.c[col] == value).order_by(t.reports.c.id).limit(1)
        ).mappings().first()
        return dict(row) if row else None

    def report_matches(self, conn: Connection, sha256: str, ext_id: str, text_sha256: str) -> list[dict[str, Any]]:
        """Reports sharing the bytes, the id or the text of an incoming one, in one query (ingest's hot path)."""
        r = t.reports.c
        q = (sa.select(r.id, r.sha256, r.ext_id, r.text_sha256)
             .where(sa.or_(r.sha256 == sha256, r.ext_id == ext_id, r.text_sha256 == text_sha256)).order_by(r.id))
        return [dict(row) for row in conn.execute(q).mappings()]

    def alias_target(self, conn: Connection, ext_id: str) -> int | None:
        return conn.execute(
            sa.select(t.report_aliases.c.report_id).where(t.report_aliases.c.ext_id == ext_id)
        ).scalar()

    def insert_report(self, conn: Connection, values: dict[str, Any]) -> int:
        values = dict(values)
        values.setdefault("retrieved_at", utcnow())
        values["published"] = _date(values.get("published"))
        result = conn.execute(sa.insert(t.reports).values(**values).returning(t.reports.c.id))
        return int(result.scalar_one())

    def add_alias(self, conn: Connection, ext_id: str, report_id: int, sha256: str, origin: str | None) -> None:
        conn.execute(self.dialect.insert_ignore(t.report_aliases, ["ext_id"]).values(
            ext_id=ext_id, report_id=report_id, sha256=sha256, origin=origin, added_at=utcnow()))

    def aliases(self, conn: Connection, report_id: int) -> list[str]:
        return list(conn.execute(sa.select(t.report_aliases.c.ext_id)
                                 .where(t.report_aliases.c.report_id == report_id)
                                 .order_by(t.report_aliases.c.ext_id)).scalars())

    def list_reports(self, date_from: dt.date | None = None, date_to: dt.date | None = None,
                     source: str | None = None, with_text: bool = False) -> list[dict[str, Any]]:
        """Reports filtered by publication date and publisher, newest first (no raw bytes)."""
        cols = [t.reports.c.id, t.reports.c.sha256, t.reports.c.ext_id, t.reports.c.title,
                t.reports.c.published, t.reports.c.url, t.reports.c.origin, t.reports.c.language,
                t.reports.c.content_type, t.reports.c.retrieved_at, t.sources.c.name.label("source")]
        if with_text:
            cols.append(t.reports.c.text)
        q = sa.select(*cols).select_from(t.reports.outerjoin(t.sources, t.reports.c.source_id == t.sources.c.id))
        if date_from:
            q = q.where(t.reports.c.published >= date_from)
        if date_to:
            q = q.where(t.reports.c.published <= date_to)
        if source:
            q = q.where(self.dialect.contains(t.sources.c.name, source))
        q = q.order_by(t.reports.c.published.desc(), t.reports.c.id)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def all_report_ids(self) -> list[int]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(t.reports.c.id).order_by(t.reports.c.id)).scalars())

    def report_full(self, conn: Connection, report_id: int) -> dict[str, Any]:
        row = conn.execute(
            sa.select(t.reports, t.sources.c.name.label("source"))
            .select_from(t.reports.outerjoin(t.sources, t.reports.c.source_id == t.sources.c.id))
            .where(t.reports.c.id == report_id)
        ).mappings().one()
        return dict(row)

    def report_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(tab)).scalar_one())
                for name, tab in (("reports", t.reports), ("aliases", t.report_aliases),
                                  ("claims", t.claims), ("incidents", t.incidents),
                                  ("review_actions", t.review_actions))
            }

    # ------------------------------------------------------------------ claims
    def replace_claims(self, conn: Connection, report_id: int, sha256: str, claims: list[dict[str, Any]],
                       extractor: str) -> list[int]:
        """Store a report's machine claims, replacing earlier machine claims of the same report."""
        conn.execute(sa.delete(t.incident_claims).where(t.incident_claims.c.claim_id.in_(
            sa.select(t.claims.c.id).where(t.claims.c.report_id == report_id))))
        conn.execute(sa.delete(t.claims).where(t.claims.c.report_id == report_id))
        ids = []
        for n, claim in enumerate(claims):
            row = {
                "key": f"{sha256[:16]}:{n}", "report_id": report_id, "n": n,
                "main": bool(claim.get("main")), "extractor": extractor,
                "date_start": _date(claim.get("date_start")), "date_end": _date(claim.get("date_end")),
                "country": claim.get("country"), "admin1": claim.get("admin1"),
                "lat": claim.get("lat"), "lon": claim.get("lon"),
                "perpetrator_class": claim.get("perpetrator_class"), "event_type": claim.get("event_type"),
                "data": claim,
            }
            ids.append(int(conn.execute(sa.insert(t.claims).values(**row).returning(t.claims.c.id)).scalar_one()))
        return ids

    def all_claims(self, conn: Connection) -> list[dict[str, Any]]:
        """Every claim with its report's hash, id, publisher and date: the input of linking."""
        q = (sa.select(t.claims.c.id, t.claims.c.key, t.claims.c.report_id, t.claims.c.n, t.claims.c.main,
                       t.claims.c.data, t.reports.c.sha256, t.reports.c.ext_id, t.reports.c.published,
                       t.reports.c.text_sha256, t.sources.c.name.label("source"))
             .select_from(t.claims.join(t.reports, t.claims.c.report_id == t.reports.c.id)
                          .outerjoin(t.sources, t.reports.c.source_id == t.sources.c.id))
             .order_by(t.claims.c.id))
        return [dict(r) for r in conn.execute(q).mappings()]

    def claims_of_report(self, report_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.claims.c.key, t.claims.c.data, t.incident_claims.c.incident_id)
                                .select_from(t.claims.outerjoin(t.incident_claims,
                                                                t.incident_claims.c.claim_id == t.claims.c.id))
                                .where(t.claims.c.report_id == report_id).order_by(t.claims.c.n)).mappings()
            return [dict(r) for r in rows]

    # ------------------------------------------------------------------ incidents
    def incident_rows(self, conn: Connection) -> list[dict[str, Any]]:
        return [dict(r) for r in conn.execute(sa.select(t.incidents)).mappings()]

    def claim_keys(self, conn: Connection) -> set[str]:
        """The keys of every stored claim (no claim data read)."""
        return set(conn.execute(sa.select(t.claims.c.key)).scalars())

    def claim_assignment(self, conn: Connection) -> dict[str, str]:
        """Which incident each claim (by key) belongs to now."""
        q = sa.select(t.claims.c.key, t.incident_claims.c.incident_id).select_from(
            t.incident_claims.join(t.claims, t.incident_claims.c.claim_id == t.claims.c.id))
        return {k: i for k, i in conn.execute(q)}

    def write_incidents(self, conn: Connection, incidents: list[dict[str, Any]],
                        links: list[tuple[int, str, dict[str, Any]]], redirects: dict[str, str | None]) -> None:
        """Replace the incident layer: upsert incidents, set links, mark redirects (ids never vanish)."""
        now = utcnow()
        existing = {r["id"]: r for r in self.incident_rows(conn)}
        conn.execute(sa.delete(t.incident_claims))
        cols = set(t.incidents.c.keys())
        for inc in incidents:
            row = {k: v for k, v in inc.items() if k in cols}
            row["date_start"], row["date_end"] = _date(row.get("date_start")), _date(row.get("date_end"))
            row["redirect_to"] = None
            row["updated_at"] = now
            if inc["id"] in existing:
                conn.execute(sa.update(t.incidents).where(t.incidents.c.id == inc["id"]).values(**row))
            else:
                row["created_at"] = now
                conn.execute(sa.insert(t.incidents).values(**row))
        for claim_id, incident_id, why in links:
            conn.execute(sa.insert(t.incident_claims).values(claim_id=claim_id, incident_id=incident_id, why=why))
        live = {inc["id"] for inc in incidents}
        for old_id, old_row in existing.items():
            if old_id in live or old_row["redirect_to"] is not None or old_row["review_status"] == "withdrawn":
                continue
            conn.execute(sa.update(t.incidents).where(t.incidents.c.id == old_id).values(
                redirect_to=redirects.get(old_id), updated_at=now, review_status="withdrawn"
                if redirects.get(old_id) is None else "merged"))

    def resolve_incident_id(self, conn: Connection, incident_id: str) -> str | None:
        """Follow merge redirects so an old link still reaches its incident."""
        seen = set()
        current: str | None = incident_id
        while current and current not in seen:
            seen.add(current)
            row = conn.execute(sa.select(t.incidents.c.id, t.incidents.c.redirect_to)
                               .where(t.incidents.c.id == current)).first()
            if row is None:
                return None
            if row.redirect_to is None:
                return str(row.id)
            current = row.redirect_to
        return None

    def query_incidents(self, filters: dict[str, Any], limit: int | None = None) -> list[dict[str, Any]]:
        """Live incidents matching the filters, oldest first, each with its reports' ids."""
        c = t.incidents.c
        q = sa.select(t.incidents).where(c.redirect_to.is_(None), c.review_status != "withdrawn")
        if filters.get("date_from"):
            q = q.where(sa.func.coalesce(c.date_end, c.date_start) >= filters["date_from"])
        if filters.get("date_to"):
            q = q.where(c.date_start <= filters["date_to"])
        if filters.get("country"):
            q = q.where(c.country == filters["country"].upper())
        if filters.get("admin1"):
            q = q.where(self.dialect.contains(c.admin1, filters["admin1"]))
        if filters.get("perpetrator"):
            needle = filters["perpetrator"]
            q = q.where(sa.or_(self.dialect.contains(c.perpetrator, needle), c.perpetrator_class == needle))
        if filters.get("event_type"):
            q = q.where(self.dialect.contains(c.event_type, filters["event_type"]))
        if filters.get("min_killed") is not None:
            q = q.where(c.killed_best >= int(filters["min_killed"]))
        if filters.get("grade"):
            q = q.where(c.grade == filters["grade"])
        q = q.order_by(c.date_start, c.id)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
            ids = [r["id"] for r in rows]
            reports: dict[str, list[str]] = {i: [] for i in ids}
            for chunk in _chunks(ids, 500):
                rq = (sa.select(t.incident_claims.c.incident_id, t.reports.c.ext_id).distinct()
                      .select_from(t.incident_claims.join(t.claims, t.incident_claims.c.claim_id == t.claims.c.id)
                                   .join(t.reports, t.claims.c.report_id == t.reports.c.id))
                      .where(t.incident_claims.c.incident_id.in_(chunk)))
                for inc_id, ext_id in conn.execute(rq):
                    reports[inc_id].append(ext_id)
            for r in rows:
                r["reports"] = sorted(reports[r["id"]])
        return rows

    def incident_detail(self, incident_id: str) -> dict[str, Any] | None:
        """One incident with its claims, their reports and the review history; follows redirects."""
        with self.engine.connect() as conn:
            real = self.resolve_incident_id(conn, incident_id)
            if real is None:
                return None
            inc = dict(conn.execute(sa.select(t.incidents).where(t.incidents.c.id == real)).mappings().one())
            q = (sa.select(t.claims.c.key, t.claims.c.data, t.incident_claims.c.why, t.reports.c.id.label("report_id"),
                           t.reports.c.ext_id, t.reports.c.sha256, t.reports.c.title, t.reports.c.url,
                           t.reports.c.published, t.reports.c.origin, t.sources.c.name.label("source"))
                 .select_from(t.incident_claims.join(t.claims, t.incident_claims.c.claim_id == t.claims.c.id)
                              .join(t.reports, t.claims.c.report_id == t.reports.c.id)
                              .outerjoin(t.sources, t.reports.c.source_id == t.sources.c.id))
                 .where(t.incident_claims.c.incident_id == real).order_by(t.reports.c.published, t.claims.c.key))
            inc["claims"] = [dict(r) for r in conn.execute(q).mappings()]
            inc["history"] = self.actions(conn, incident_id=real)
            inc["redirected_from"] = incident_id if incident_id != real else None
            return inc

    # ------------------------------------------------------------------ audit log
    def append_action(self, conn: Connection, who: str, action: str, incident_id: str | None,
                      payload: dict[str, Any], reason: str) -> dict[str, Any]:
        """Append one review action to the hash chain (append-only; nothing is ever updated)."""
        prev = conn.execute(sa.select(t.review_actions.c.hash).order_by(t.review_actions.c.seq.desc())
                            .limit(1)).scalar() or GENESIS_HASH
        at = utcnow().isoformat()
        payload = json.loads(json.dumps(payload, default=_iso))
        digest = action_hash(prev, at, who, action, incident_id, payload, reason)
        row = {"at": dt.datetime.fromisoformat(at), "who": who, "action": action, "incident_id": incident_id,
               "payload": payload, "reason": reason, "prev_hash": prev, "hash": digest}
        conn.execute(sa.insert(t.review_actions).values(**row))
        return row

    def actions(self, conn: Connection, incident_id: str | None = None) -> list[dict[str, Any]]:
        q = sa.select(t.review_actions).order_by(t.review_actions.c.seq)
        if incident_id is not None:
            q = q.where(t.review_actions.c.incident_id == incident_id)
        return [dict(r) for r in conn.execute(q).mappings()]

    # ------------------------------------------------------------------ gazetteer
    def has_import(self, key: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(t.gazetteer_imports.c.key)
                                .where(t.gazetteer_imports.c.key == key)).first() is not None

    def add_places(self, places: Iterable[Place], import_key: str, origin: str,
                   name_key: Any) -> int:
        """Store gazetteer places and their names in one transaction; a row with a known id updates that place.

        Its non-empty fields win, names add up and the larger population stays: a user file that reuses the
        shipped GeoNames ids with one name and no population must not erase what the shipped row knew."""
        rows = list(places)
        with self.begin() as conn:
            for chunk in _chunks(rows, 1000):
                ids = [p.id for p in chunk]
                old = {r.id: r for r in conn.execute(sa.select(t.places).where(t.places.c.id.in_(ids)))}
                chunk = [_merged(p, old[p.id]) if p.id in old else p for p in chunk]
                conn.execute(sa.delete(t.place_names).where(t.place_names.c.place_id.in_(ids)))
                conn.execute(sa.delete(t.places).where(t.places.c.id.in_(ids)))
                conn.execute(sa.insert(t.places), [{
                    "id": p.id, "name": p.name, "country": p.country, "feature": p.feature, "lat": p.lat,
                    "lon": p.lon, "admin1": p.admin1, "admin2": p.admin2, "alt_names": list(p.alt_names),
                    "population": p.population, "source": p.source} for p in chunk])
                keys = {(k, p.id) for p in chunk for n in [p.name, *p.alt_names] if (k := name_key(n))}
                if keys:
                    conn.execute(sa.insert(t.place_names), [{"key": k[:300], "place_id": i} for k, i in keys])
            conn.execute(self.dialect.insert_ignore(t.gazetteer_imports, ["key"]).values(
                key=import_key, origin=origin, places=len(rows), at=utcnow()))
        return len(rows)

    def load_places(self, countries: Iterable[str] | None = None) -> list[Place]:
        q = sa.select(t.places)
        if countries is not None:
            q = q.where(t.places.c.country.in_(list(countries)))
        with self.engine.connect() as conn:
            return [Place(id=r.id, name=r.name, country=r.country, feature=r.feature, lat=r.lat, lon=r.lon,
                          admin1=r.admin1, admin2=r.admin2, alt_names=list(r.alt_names or []),
                          population=r.population or 0, source=r.source or "")
                    for r in conn.execute(q)]

    def place_countries(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(t.places.c.country).distinct()).scalars())

    def gazetteer_version(self) -> str:
        """Changes whenever places are added, so a cached index knows it is stale."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.gazetteer_imports.c.key).order_by(t.gazetteer_imports.c.key)).scalars()
            return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _merged(new: Place, old: Any) -> Place:
    """The place a stored row and a newly loaded row with the same id describe together."""
    names = [n for n in dict.fromkeys([*new.alt_names, old.name, *(old.alt_names or [])]) if n and n != new.name]
    return Place(id=new.id, name=new.name or old.name, country=new.country or old.country,
                 feature=new.feature or old.feature,
                 lat=new.lat if new.lat is not None else old.lat, lon=new.lon if new.lon is not None else old.lon,
                 admin1=new.admin1 or old.admin1, admin2=new.admin2 or old.admin2, alt_names=names,
                 population=max(new.population or 0, old.population or 0), source=new.source or old.source or "")


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def region_points(store: Store) -> dict[tuple[str, str], tuple[float, float]]:
    """Each governorate's gazetteer point, for maps and exports of region-level incidents."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.places.c.country, t.places.c.admin1, t.places.c.name, t.places.c.lat,
                                      t.places.c.lon).where(t.places.c.feature == "admin1"))
        out: dict[tuple[str, str], tuple[float, float]] = {}
        for country, admin1, name, lat, lon in rows:
            if lat is None or lon is None:
                continue
            out.setdefault((country, admin1 or name), (lat, lon))
        return out
