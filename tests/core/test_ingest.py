"""Ingest: what goes in is stored once, bad input is refused by name and leaves the database unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmwatch.config import Config
from harmwatch.pipeline import ingest_paths
from harmwatch.store import Store
from tests.conftest import SAMPLES

SEED_COPY = SAMPLES / "coalition-2017-10-05-alashara.txt"


def _snapshot(store: Store) -> tuple[dict[str, int], list[tuple[str, str]]]:
    return store.report_counts(), [(r["sha256"], r["ext_id"]) for r in store.list_reports()]


def test_same_bytes_twice_change_nothing_and_say_so(store: Store, cfg: Config) -> None:
    first = ingest_paths(store, cfg, [SEED_COPY])
    before = _snapshot(store)
    second = ingest_paths(store, cfg, [SEED_COPY])
    assert len(first.ingested) == 1 and second.duplicates == [str(SEED_COPY)] and not second.ingested
    assert _snapshot(store) == before


def test_same_text_under_another_id_is_kept_as_an_alias(store: Store, cfg: Config, tmp_path: Path) -> None:
    text = "Five civilians were killed on Monday by shelling on the town of Saraqib in Idlib."
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "r-1", "text": text, "published": "2017-03-07"}) + "\n"
                 + json.dumps({"id": "r-2", "text": text, "published": "2017-03-07", "source": "Other"}) + "\n")
    summary = ingest_paths(store, cfg, [f])
    assert len(summary.ingested) == 1 and len(summary.aliases) == 1
    assert store.report_counts()["reports"] == 1 and store.report_counts()["aliases"] == 1


def test_each_jsonl_record_is_a_report_of_its_own(store: Store, cfg: Config) -> None:
    summary = ingest_paths(store, cfg, [SAMPLES / "bulletins-2017-10.jsonl"])
    assert len(summary.ingested) == 3
    ids = {r["ext_id"] for r in store.list_reports()}
    assert "sample-bulletin-2017-10-08-ariha" in ids


def test_plain_text_takes_its_date_from_the_dateline_and_drops_the_navigation_line(
        store: Store, cfg: Config, tmp_path: Path) -> None:
    f = tmp_path / "item.txt"
    f.write_bytes(SEED_COPY.read_bytes())  # no sidecar beside this copy
    ingest_paths(store, cfg, [f])
    (rep,) = store.list_reports(with_text=True)
    assert str(rep["published"]) == "2017-10-05"
    assert "Items filtered by date" not in rep["text"]
    assert rep["text"].startswith("Coalition News")


def test_sidecar_gives_publisher_and_date(store: Store, cfg: Config) -> None:
    ingest_paths(store, cfg, [SEED_COPY])
    (rep,) = store.list_reports()
    assert rep["source"] == "Syrian Coalition" and str(rep["published"]) == "2017-10-05"


def test_html_page_gives_main_text_title_date_and_publisher(store: Store, cfg: Config) -> None:
    ingest_paths(store, cfg, [SAMPLES / "local-network-2017-10-06-ashara.html"])
    (rep,) = store.list_reports(with_text=True)
    assert rep["source"] == "Euphrates Post"
    assert str(rep["published"]) == "2017-10-06"
    assert "Death toll of Ashara" in (rep["title"] or "")
    assert "All rights reserved" not in rep["text"] and "About" not in rep["text"]
    assert "between 12 and 54" in rep["text"]


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    cases = {
        "empty": ("empty.txt", b"", "empty"),
        "binary": ("junk.txt", bytes(range(256)) * 40, "binary"),
        "invalid_utf8": ("latin.txt", "Cinq civils tués à Saraqib".encode("latin-1"), "UTF-8"),
        "broken_html": ("broken.html", b"<html><body><div><p>\x00\x01<<<</div", "HTML"),
        "not_html": ("page.html", b"just some words with no markup at all", "not HTML"),
        "jsonl_broken_line": ("b.jsonl", b'{"id": "ok", "text": "Two civilians were killed in Idlib."}\n'
                                         b'{"id": "bad", "text": \n', "line 2"),
        "jsonl_no_text": ("c.jsonl", b'{"id": "x"}\n', "text"),
    }
    out = {}
    for name, (fname, data, expect) in cases.items():
        p = tmp_path / fname
        p.write_bytes(data)
        out[name] = (p, expect)
    return out


@pytest.mark.parametrize("case", ["empty", "binary", "invalid_utf8", "broken_html", "not_html",
                                  "jsonl_broken_line", "jsonl_no_text"])
def test_bad_input_gets_a_clear_error_naming_it_and_leaves_the_database_unchanged(
        store: Store, cfg: Config, tmp_path: Path, case: str) -> None:
    ingest_paths(store, cfg, [SAMPLES / "bulletins-2017-10.jsonl"])
    before = _snapshot(store)
    path, expect = _bad_inputs(tmp_path)[case]
    summary = ingest_paths(store, cfg, [path])
    assert len(summary.failed) == 1 and not summary.ingested
    origin, reason = summary.failed[0]
    message = f"{origin}: {reason}"
    assert message.startswith(str(path)) and expect.lower() in message.lower()
    assert _snapshot(store) == before


def test_a_huge_file_is_refused_without_reading_it(store: Store, cfg: Config, tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse: 2 GB on paper, nothing on disk
        fh.truncate(2 * 1024**3)
    summary = ingest_paths(store, cfg, [big])
    assert summary.failed and "too large" in summary.failed[0][1]
    assert store.report_counts()["reports"] == 0


def test_a_batch_goes_on_past_a_bad_file_and_skips_unknown_kinds(
        store: Store, cfg: Config, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    (folder / "b_good.txt").write_text("On Monday, shelling killed three civilians in Saraqib, Idlib.\n")
    (folder / "c_photo.jpg").write_bytes(b"\xff\xd8\xff")
    summary = ingest_paths(store, cfg, [folder])
    assert [Path(o).name for o, _ in summary.failed] == ["a_bad.txt"]
    assert [Path(o).name for o in summary.ingested] == ["b_good.txt"]
    assert [Path(o).name for o, _ in summary.skipped] == ["c_photo.jpg"]


def test_an_id_reused_for_different_text_is_refused(store: Store, cfg: Config, tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "r-1", "text": "Two civilians were killed in Douma."}) + "\n")
    g = tmp_path / "b.jsonl"
    g.write_text(json.dumps({"id": "r-1", "text": "Nine civilians were killed in Ariha."}) + "\n")
    ingest_paths(store, cfg, [f])
    summary = ingest_paths(store, cfg, [g])
    assert summary.failed and "r-1" in summary.failed[0][1]
    assert store.report_counts()["reports"] == 1
