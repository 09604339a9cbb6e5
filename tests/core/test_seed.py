"""The news item that started the project yields exactly its two incidents (tests/fixtures/seed_expected.json)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from harmwatch.config import Config
from harmwatch.pipeline import ingest_paths
from harmwatch.store import Store
from tests.conftest import REPO, SAMPLES

EXPECTED = json.loads((REPO / "tests" / "fixtures" / "seed_expected.json").read_text())
EXACT_FIELDS = ("date_start", "date_end", "date_precision", "country", "admin1", "geo_precision", "perpetrator",
                "perpetrator_class", "event_type", "sub_event_type", "civilian_targeting", "killed_low",
                "killed_high", "civilians_killed_low", "civilians_killed_high", "injured_low", "injured_high")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture
def seed_claims(store: Store, cfg: Config, tmp_path: Path) -> list[dict]:  # type: ignore[type-arg]
    bare = tmp_path / EXPECTED["file"]  # the seed as received: no sidecar, the dateline gives the date
    bare.write_bytes((SAMPLES / "coalition-2017-10-05-alashara.txt").read_bytes())
    summary = ingest_paths(store, cfg, [bare])
    assert len(summary.ingested) == 1
    (rep,) = store.list_reports()
    return [c["data"] for c in store.claims_of_report(rep["id"])]


def test_seed_yields_exactly_two_incidents(seed_claims: list[dict], store: Store) -> None:  # type: ignore[type-arg]
    assert len(seed_claims) == 2
    assert len(store.query_incidents({})) == 2


@pytest.mark.parametrize("n", [0, 1])
def test_seed_incident_fields_match_expected(seed_claims: list[dict], n: int) -> None:  # type: ignore[type-arg]
    exp = EXPECTED["incidents"][n]
    got = sorted(seed_claims, key=lambda c: c["date_start"], reverse=True)[n]
    wrong = {f: (got.get(f), exp[f]) for f in EXACT_FIELDS if got.get(f) != exp[f]}
    assert not wrong, wrong
    assert exp["perpetrator_raw"].lower() in (got["perpetrator_raw"] or "").lower() or \
        (got["perpetrator_raw"] or "").lower() in exp["perpetrator_raw"].lower()
    if exp["lat"] is None:
        assert got["lat"] is None and got["lon"] is None
    else:
        assert _km(got["lat"], got["lon"], exp["lat"], exp["lon"]) < 5


def test_seed_alashara_is_the_main_incident(seed_claims: list[dict]) -> None:  # type: ignore[type-arg]
    (main,) = [c for c in seed_claims if c["main"]]
    assert main["date_start"] == "2017-10-04"


def test_seed_every_figure_has_its_quote(seed_claims: list[dict], store: Store) -> None:  # type: ignore[type-arg]
    (rep,) = store.list_reports(with_text=True)
    for claim in seed_claims:
        for key in ("date", "location", "perpetrator", "event_type", "killed", "injured"):
            ev = claim["evidence"][key]
            assert rep["text"][ev["start"]:ev["end"]] == ev["quote"]


def test_seed_traps_are_not_figures(seed_claims: list[dict]) -> None:  # type: ignore[type-arg]
    by_date = sorted(seed_claims, key=lambda c: c["date_start"])
    hama, ashara = by_date
    assert hama["killed_low"] == 80 and ashara["killed_low"] == 50  # neither count on the other incident
    for claim in seed_claims:
        assert "thousands" not in claim["evidence"]["killed"]["quote"].lower()
        assert claim["perpetrator_class"] != "isis"
