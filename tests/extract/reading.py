"""Helpers the reading tests share: extract one text, pick its main claim, check evidence spans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from harmwatch.extract import extract_claims
from harmwatch.records import DocInput


def claims(text: str, published: dt.date | None) -> list[dict[str, Any]]:
    return extract_claims(DocInput(id="t", text=text, published=published))


def main_claim(text: str, published: dt.date | None) -> dict[str, Any] | None:
    return next((c for c in claims(text, published) if c["main"]), None)


def assert_spans_exact(claim: dict[str, Any], text: str) -> None:
    """Every evidence quote is the text at its offsets, so a reader can find it."""
    for key, ev in claim["evidence"].items():
        assert text[ev["start"] : ev["end"]] == ev["quote"], key
