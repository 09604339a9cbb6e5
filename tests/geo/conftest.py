"""Geo fixtures: the shipped data is parsed once per test session (it takes ~2 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.geo import Gazetteer, Resolver, load_csv, shipped_places
from harmwatch.records import Place

SHARED = Path(__file__).resolve().parents[3] / "shared"
SYRIA_CSV = SHARED / "gazetteer" / "syria-places.csv"
SEED = SHARED / "seed" / "000_e05679d919b79c5b.txt"


@pytest.fixture(scope="session")
def shipped() -> list[Place]:
    """Shipped places of Syria and Iraq."""
    return shipped_places(["SY", "IQ"])


@pytest.fixture(scope="session")
def gazetteer(shipped: list[Place]) -> Gazetteer:
    """Shipped places plus the shared Syria user gazetteer when it is there."""
    extra = load_csv(SYRIA_CSV) if SYRIA_CSV.exists() else []
    return Gazetteer([*shipped, *extra])


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> Resolver:
    """A resolver configured for Syria only."""
    return Resolver(gazetteer, countries=("SY",))


def mini(*rows: tuple[str, str, str, float, float]) -> Gazetteer:
    """A small gazetteer of (id, name, admin1, lat, lon) populated places plus two governorates."""
    places = [Place(i, n, "SY", "populated place", lat, lon, admin1=a1) for i, n, a1, lat, lon in rows]
    places += [Place("gov:homs", "Homs", "SY", "admin1", 34.7, 37.0, admin1="Homs"),
               Place("gov:aleppo", "Aleppo", "SY", "admin1", 36.3, 37.4, admin1="Aleppo")]
    return Gazetteer(places)
