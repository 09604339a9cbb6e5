"""Shared fixtures for extraction tests: the seed report and a tiny fake place resolver."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from harmwatch.extract import load_patterns
from harmwatch.extract.patterns import Patterns
from harmwatch.records import DocInput, PlaceMatch, Span

SEED = Path("/work/shared/seed/000_e05679d919b79c5b.txt")
REPO = Path(__file__).resolve().parents[2]


class FakeResolver:
    """Names the first known place inside the segment; records the segments it was asked about."""

    PLACES = [
        (r"Alashara|Al-Asharah", ("SY", "Deir ez-Zor", "Al-Asharah", 34.92, 40.56, 2)),
        (r"rural Hama|Hama countryside|Hama", ("SY", "Hama", "eastern rural Hama", None, None, 3)),
        (r"Deir Ezzor|Deir ez-Zor", ("SY", "Deir ez-Zor", "Deir ez-Zor", 35.33, 40.14, 1)),
        (r"Aleppo", ("SY", "Aleppo", "Aleppo", 36.2, 37.16, 1)),
        (r"Idlib", ("SY", "Idlib", "Idlib", 35.93, 36.63, 1)),
    ]

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def locate(self, text: str, start: int, end: int, title: str | None = None) -> PlaceMatch | None:
        self.calls.append((start, end))
        best = None
        for rx, info in self.PLACES:
            m = re.search(rx, text[start:end])
            if m and (best is None or m.start() < best[0].start()):
                best = (m, info)
        if best is None:
            return None
        m, (cc, a1, loc, lat, lon, prec) = best
        a, b = start + m.start(), start + m.end()
        return PlaceMatch(cc, a1, None, loc, lat, lon, prec, f"fake:{loc}", Span(a, b, text[a:b]))


@pytest.fixture(scope="session")
def patterns() -> Patterns:
    return load_patterns()


@pytest.fixture()
def resolver() -> FakeResolver:
    return FakeResolver()


@pytest.fixture(scope="session")
def seed_doc() -> DocInput:
    return DocInput(id="seed", text=SEED.read_text(encoding="utf-8"), published=dt.date(2017, 10, 5))


def doc(text: str, published: str = "2017-10-05", id: str = "t") -> DocInput:
    """A test document published on the given date."""
    return DocInput(id=id, text=text, published=dt.date.fromisoformat(published))
