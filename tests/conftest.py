"""Shared fixtures: every storage test runs on SQLite and, where a server answers, on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_e05679d919b79c5b.txt"
SAMPLES = REPO / "samples"
PG_URL = os.environ.get("HARMWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_answers() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: no server to test against
        return f"{exc.__class__.__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"


_PG_PROBLEM = _pg_answers()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend (PostgreSQL: a schema of its own, dropped after)."""
    if request.param == "sqlite":
        yield str(tmp_path / "harmwatch.db")
        return
    if _PG_PROBLEM is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but PostgreSQL at {PG_URL} does not answer: {_PG_PROBLEM}")
        pytest.skip(f"PostgreSQL at {PG_URL} does not answer ({_PG_PROBLEM}); CI=true makes this a failure")
    import psycopg

    schema = f"hw_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        from sqlalchemy import pool  # noqa: F401  (engines are disposed by the tests' stores)

        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def cfg(db_target: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Settings pointing at the test database, no settings file read, no progress bar."""
    from harmwatch.config import load_config

    return load_config(file=None, overrides={"db": db_target, "progress": False},
                       environ={"HARMWATCH_CONFIG": str(tmp_path / "none.toml")})


@pytest.fixture
def store(cfg):  # type: ignore[no-untyped-def]
    from harmwatch.pipeline import open_store

    s = open_store(cfg)
    yield s
    s.close()

@pytest.fixture
def run(db_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The command line on the test database in a temporary folder; a non-zero exit fails the test unless ok=False."""
    from click.testing import CliRunner

    from harmwatch.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HARMWATCH_PROGRESS", "false")
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
        result = runner.invoke(main, ["--db", db_target, *args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def require_shared() -> None:
    if not SHARED.exists():
        pytest.skip(f"the shared dev sets are not beside the repo ({SHARED})")
