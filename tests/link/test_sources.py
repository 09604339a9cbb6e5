"""The source registry and independence: wire copies and near-duplicate texts are one source."""

from __future__ import annotations

from pathlib import Path

from harmwatch.link.neardup import copy_groups
from harmwatch.link.reconcile import consolidate
from harmwatch.link.sources import load_registry, lookup, wire_group

STORY = ("Russian warplanes struck civilians crossing the Euphrates near the town of Al-Asharah southeast of "
         "Deir Ezzor on Wednesday, killing at least 50 people and injuring dozens, residents said.")


def test_shipped_registry_knows_the_dev_set_outlets() -> None:
    reg = load_registry()
    for name in ("SOHR", "Reuters News", "etilaf", "sana", "manar", "ahram", "Waha Report"):
        assert lookup(reg, name) is not None, name
    assert lookup(reg, "sana")["kind"] == "party to the conflict"
    assert wire_group(reg, "Reuters News") == wire_group(reg, "Reuters") == "reuters"


def test_user_files_extend_the_registry(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("sources:\n  - {name: Local Council, kind: government, affiliation: opposition council}\n")
    assert lookup(load_registry([f]), "local council")["kind"] == "government"


def _member(key: str, sha: str, source: str | None) -> dict:
    return {"key": key, "sha256": sha, "text_sha256": sha, "ext_id": key, "source": source, "published": None,
            "data": {"perpetrator": "Military Forces of Russia", "perpetrator_class": "russia", "killed_low": 50}}


def test_two_copies_of_one_wire_story_are_weak_two_publishers_are_fair() -> None:
    reg = load_registry()
    copies = copy_groups({"s1": STORY, "s2": STORY + " (AFP)", "s3": "A different account entirely of a strike."})
    assert copies["s2"] == "s1" and copies["s3"] == "s3"
    same = consolidate([_member("a:0", "s1", "Daily Star"), _member("b:0", "s2", "Naharnet")], reg, copies)
    assert same["grade"] == "weak"
    wire = consolidate([_member("a:0", "s1", "Reuters"), _member("b:0", "s3", "Reuters News")], reg, {})
    assert wire["grade"] == "weak"
    two = consolidate([_member("a:0", "s1", "SOHR"), _member("b:0", "s3", "Reuters")], reg, {})
    assert two["grade"] == "fair"


def test_a_party_reporting_its_own_action_confirms() -> None:
    inc = consolidate([_member("a:0", "s1", "sputnik")], load_registry(), {})
    assert inc["grade"] == "confirmed"
