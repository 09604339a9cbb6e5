"""The seed report must yield exactly the two incidents of seed/expected.json."""

from __future__ import annotations

import json
from pathlib import Path

from harmwatch.extract import EXTRACTOR_VERSION, extract_claims
from harmwatch.records import CLAIM_FIELDS

EXPECTED = json.loads(Path("/work/shared/seed/expected.json").read_text(encoding="utf-8"))
COMPARED = (
    "date_start",
    "date_end",
    "date_precision",
    "perpetrator",
    "perpetrator_raw",
    "perpetrator_class",
    "event_type",
    "sub_event_type",
    "civilian_targeting",
    "killed_low",
    "killed_high",
    "civilians_killed_low",
    "civilians_killed_high",
    "injured_low",
    "injured_high",
)
PLACE = ("country", "admin1", "location", "lat", "lon", "geo_precision")


def test_seed_yields_exactly_the_two_expected_incidents(seed_doc, resolver):
    claims = extract_claims(seed_doc, resolver=resolver)
    assert len(claims) == 2
    for got, want in zip(claims, EXPECTED["incidents"], strict=True):
        for f in COMPARED:
            assert got[f] == want[f], (want["what"], f)
    assert [c["main"] for c in claims] == [True, False]


def test_seed_places_come_from_each_incidents_own_segment(seed_doc, resolver):
    claims = extract_claims(seed_doc, resolver=resolver)
    assert len(resolver.calls) == 2
    (s1, e1), (s2, e2) = resolver.calls
    text = seed_doc.text
    assert "Alashara" in text[s1:e1] and "Hama" not in text[s1:e1]
    assert "Hama" in text[s2:e2] and "Alashara" not in text[s2:e2]
    for got, want in zip(claims, EXPECTED["incidents"], strict=True):
        for f in PLACE:
            assert got[f] == want[f], (want["what"], f)


def test_seed_figures_do_not_cross_incidents(seed_doc):
    first, second = extract_claims(seed_doc)
    assert first["killed_low"] == 50 and second["killed_low"] == 80
    assert "50" in first["evidence"]["killed"]["quote"] and "80" in second["evidence"]["killed"]["quote"]


def test_every_evidence_quote_is_the_text_at_its_offsets(seed_doc, resolver):
    for c in extract_claims(seed_doc, resolver=resolver):
        for field, ev in c["evidence"].items():
            assert seed_doc.text[ev["start"] : ev["end"]] == ev["quote"], field


def test_every_non_null_extracted_field_has_evidence(seed_doc, resolver):
    key = {
        "killed_low": "killed",
        "killed_high": "killed",
        "civilians_killed_low": "civilians_killed",
        "civilians_killed_high": "civilians_killed",
        "injured_low": "injured",
        "injured_high": "injured",
        "date_start": "date",
        "date_end": "date",
        "date_precision": "date",
        "perpetrator": "perpetrator",
        "perpetrator_raw": "perpetrator",
        "perpetrator_class": "perpetrator",
        "event_type": "event_type",
        "sub_event_type": "event_type",
        "location": "location",
        "admin1": "location",
    }
    for c in extract_claims(seed_doc, resolver=resolver):
        assert set(CLAIM_FIELDS) <= set(c)
        for f, k in key.items():
            if c[f] is not None:
                assert k in c["evidence"], f


def test_partisan_words_are_kept_raw_and_normalised_to_neutral_names(seed_doc):
    first, second = extract_claims(seed_doc)
    assert "occupation" in first["perpetrator_raw"] and "occupation" not in first["perpetrator"]
    assert "regime" in second["perpetrator_raw"] and "regime" not in second["perpetrator"]


def test_trapped_civilians_are_not_a_casualty_figure(seed_doc):
    for c in extract_claims(seed_doc):
        assert c["killed_low"] not in (20000, 20) and c["injured_low"] != 20000


def test_extractor_version_is_a_rules_version_string():
    assert EXTRACTOR_VERSION.startswith("rules-")
