"""Alembic environment: runs on the connection the store hands over (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from harmwatch.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate` by developers
    import sqlalchemy as sa

    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    connection = engine.connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
