"""Linking end to end on the store: the seed's two incidents, reviewer decisions, incremental, --why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import SAMPLES, SEED, require_shared


def _incidents(run) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(run("incidents", "--format", "json").output)


def test_the_seeds_two_incidents_stay_apart(run) -> None:  # type: ignore[no-untyped-def]
    require_shared()
    run("ingest", str(SEED))
    run("relink")
    assert len(_incidents(run)) == 2


def test_three_reports_of_one_strike_link_and_why_shows_the_weights(run) -> None:  # type: ignore[no-untyped-def]
    run("ingest", str(SAMPLES))
    ashara = [r for r in _incidents(run) if r["date_start"] == "2017-10-04"]
    assert len(ashara) == 1 and len(ashara[0]["reports"]) == 3
    shown = run("show", ashara[0]["id"], "--why").output
    assert "match weight" in shown and "distance within 1 km" in shown
    detail = json.loads(run("show", ashara[0]["id"], "--why", "--format", "json").output)
    assert len(detail["pairs"]) == 3 and all("comparisons" in p["detail"] for p in detail["pairs"])


def test_reviewer_unlink_and_merge_survive_every_relink(run) -> None:  # type: ignore[no-untyped-def]
    run("ingest", str(SAMPLES))
    ashara = next(r for r in _incidents(run) if r["date_start"] == "2017-10-04")
    claims = [c["key"] for c in json.loads(run("show", ashara["id"], "--format", "json").output)["claims"]]
    run("review", "unlink", ashara["id"], claims[-1], "--who", "amal", "--why", "another strike")
    for command in (("relink",), ("reprocess",), ("relink", "--incremental")):
        run(*command)
        after = json.loads(run("show", ashara["id"], "--format", "json").output)
        assert claims[-1] not in [c["key"] for c in after["claims"]], command
        assert after["id"] == ashara["id"]


def test_new_reports_link_into_existing_incidents_without_relinking(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".txt")
    late = next(p for p in files if "monitor" in p.name)
    for p in SAMPLES.iterdir():
        shutil.copy(p, (later if p == late or p.name.startswith(late.stem + ".") else first) / p.name)
    run("ingest", str(first))
    before = next(r for r in _incidents(run) if r["date_start"] == "2017-10-04")
    out = run("ingest", str(later)).output
    assert "ingested 1" in out
    after = next(r for r in _incidents(run) if r["date_start"] == "2017-10-04")
    assert after["id"] == before["id"] and len(after["reports"]) == len(before["reports"]) + 1
