"""Trap reports yield no claim; multi-incident reports split into their incidents."""

from __future__ import annotations

import datetime as dt
import json

from harmwatch.extract import extract_claims
from harmwatch.records import DocInput

from .conftest import REPO


def _docs(name):
    for line in (REPO / "tests" / "fixtures" / name).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        yield r, DocInput(id=r["id"], text=r["text"], published=dt.date.fromisoformat(r["published"]))


def test_at_least_98_percent_of_traps_yield_no_claim():
    rows = list(_docs("traps.jsonl"))
    assert len(rows) >= 50
    bad = [r["id"] for r, d in rows if extract_claims(d)]
    assert len(bad) <= 0.02 * len(rows), bad


def test_multi_incident_reports_split_into_their_incidents():
    for r, d in _docs("multi.jsonl"):
        claims = extract_claims(d)
        assert len(claims) == r["expected_claims"], r["id"]
        assert [c["killed_low"] for c in claims] == r["expected_killed_low"], r["id"]
        assert sum(c["main"] for c in claims) == 1, r["id"]
