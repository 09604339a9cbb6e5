"""Reviewer decisions that a re-extraction orphaned are listed, not silently dropped."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from harmwatch.review.decisions import stale_decisions
from harmwatch.store import Store
from tests.conftest import SAMPLES


def _act(action: str, incident: str, **payload: object) -> dict[str, object]:
    return {"action": action, "incident_id": incident, "payload": payload, "who": "amal", "at": "t", "reason": "r"}


def test_a_split_naming_a_dropped_claim_is_stale_and_says_which() -> None:
    acts = [_act("split", "i1", claims=["a:1"], rest=["a:0", "b:0"]), _act("merge", "i1", claims=["a:0", "b:0"])]
    stale = stale_decisions(acts, {"a:0", "b:0"}, lambda _i: True)
    assert [(s["action"], s["missing_claims"]) for s in stale] == [("split", ["a:1"])]


def test_an_edit_on_an_incident_that_no_longer_exists_is_stale() -> None:
    acts = [_act("edit", "gone", field="killed_low", value=3), _act("verify", "here")]
    stale = stale_decisions(acts, set(), lambda i: i == "here")
    assert [(s["action"], s["incident_gone"]) for s in stale] == [("edit", True)]


@pytest.fixture
def cli(run):  # type: ignore[no-untyped-def]
    run("ingest", str(SAMPLES))
    return run


def test_review_stale_lists_a_merge_whose_claim_a_reextraction_renamed(cli, db_target: str) -> None:  # type: ignore[no-untyped-def]
    rows = sorted(json.loads(cli("incidents", "--format", "json").output), key=lambda r: r["id"])
    cli("review", "merge", rows[0]["id"], rows[1]["id"], "--who", "amal", "--why", "same strike")
    assert "still names existing claims" in cli("review", "stale").output
    merge = json.loads(cli("audit", "log").output.splitlines()[0])
    renamed = merge["payload"]["claims"][0]
    store = Store(db_target)
    try:
        with store.begin() as conn:  # what a new extractor that splits the report differently leaves behind
            conn.execute(sa.text("UPDATE claims SET key = :new WHERE key = :old"),
                         {"new": renamed + "x", "old": renamed})
    finally:
        store.close()
    stale = [json.loads(line) for line in cli("review", "stale", "--json").output.splitlines()]
    assert [(s["action"], s["missing_claims"], s["who"]) for s in stale] == [("merge", [renamed], "amal")]
    text = cli("review", "stale").output
    assert renamed in text and "1 stale decisions" in text
