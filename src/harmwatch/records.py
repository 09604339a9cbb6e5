"""Plain records passed between pipeline stages, so every stage stays a function over data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

#: The extraction contract's claim fields, in the order they are written (DESIGN.md).
CLAIM_FIELDS: tuple[str, ...] = (
    "date_start", "date_end", "date_precision",
    "country", "admin1", "admin2", "location", "lat", "lon", "geo_precision",
    "perpetrator", "perpetrator_raw", "perpetrator_class", "target",
    "event_type", "sub_event_type", "civilian_targeting",
    "killed_low", "killed_high", "civilians_killed_low", "civilians_killed_high",
    "injured_low", "injured_high", "children_killed", "women_killed",
)

#: Extra keys a claim may carry beside the contract fields.
CLAIM_EXTRA_FIELDS: tuple[str, ...] = (
    "main",            # the report's principal new incident
    "evidence",        # {field: {"start", "end", "quote"}}; offsets into the report text
    "place_id",        # gazetteer id of the resolved place
    "perpetrator_type",  # ACLED inter code family, e.g. "state forces"
    "target_raw",
    "segment",         # [start, end] of the text span the claim was read from
)

DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value was read: character offsets into the report text and the quote itself."""

    start: int
    end: int
    quote: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote}


@dataclass(slots=True)
class DocInput:
    """One document to extract from: the report's text and what is known about it."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Place:
    """A gazetteer entry: one place with all its names."""

    id: str                      # "geonames:<id>", "iso3166-2:SY-DY", "ucdp-ged:<id>", user ids
    name: str
    country: str                 # ISO 3166-1 alpha-2
    feature: str                 # "populated place", "admin1", "admin2", "other", "natural"
    lat: float | None
    lon: float | None
    admin1: str | None = None    # governorate name (English, as in the shipped admin1 table)
    admin2: str | None = None
    alt_names: list[str] = field(default_factory=list)
    population: int = 0
    source: str = ""


@dataclass(slots=True)
class PlaceMatch:
    """The place a claim is located at, with ACLED geo_precision and the words that named it."""

    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    place_id: str | None
    span: Span | None
    derived_point: tuple[float, float] | None = None  # region point for maps, flagged as derived


class PlaceResolver(Protocol):
    """What extraction needs from geo: the place of the incident told in text[start:end]."""

    def locate(self, text: str, start: int, end: int, title: str | None = None) -> PlaceMatch | None:
        """Return the incident's place for the segment, using the whole text (and title) as context."""
        ...


def empty_claim() -> dict[str, Any]:
    """A claim with every contract field unknown (null), never a guess."""
    claim: dict[str, Any] = {k: None for k in CLAIM_FIELDS}
    claim["main"] = False
    claim["evidence"] = {}
    return claim
