"""The few places where SQLite and PostgreSQL differ, written down once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between the backends: URL form, connection set-up, insert-or-ignore, text search."""

    name: str

    def url(self, target: str) -> str:
        """A SQLAlchemy URL for a settings value (a file path means SQLite)."""
        if self.name == "postgresql" and target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target[len("postgresql://"):]
        if self.name == "sqlite" and "://" not in target:
            return f"sqlite:///{target}"
        return target

    def engine_options(self) -> dict[str, Any]:
        if self.name == "sqlite":
            # one file, shared by the CLI and the web server's threads
            return {"connect_args": {"check_same_thread": False, "timeout": 30}}
        return {"pool_pre_ping": True}

    def prepare(self, engine: Engine) -> None:
        """Per-connection settings: WAL and foreign keys for SQLite; nothing for PostgreSQL."""
        if self.name != "sqlite":
            return

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # pysqlite must not open transactions on its own
            cur = dbapi_conn.cursor()
            if engine.url.database not in (None, "", ":memory:"):
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        # let SQLAlchemy own BEGIN so a transaction covers reads and writes alike
        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")

    def insert_ignore(self, table: sa.Table, index_elements: list[str]) -> Any:
        """INSERT that silently skips rows whose key exists already."""
        if self.name == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing(index_elements=index_elements)
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=index_elements)

    def contains(self, column: Any, needle: str) -> Any:
        """Case-insensitive substring match; the needle is bound, never spliced into SQL."""
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if self.name == "postgresql":
            return column.ilike(pattern, escape="\\")
        return sa.func.lower(column).like(pattern.lower(), escape="\\")


def dialect_for(target: str) -> Dialect:
    """Pick the backend from a settings value: postgresql:// URLs, else a SQLite file."""
    if target.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        return Dialect("postgresql")
    if "://" in target and not target.startswith("sqlite:"):
        raise ValueError(f"database {target!r}: only SQLite files and postgresql:// URLs are supported")
    return Dialect("sqlite")
