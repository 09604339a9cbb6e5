"""`harmwatch train-link-model`: a model from labelled pairs, and clear errors for bad pair files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from harmwatch.cli import main
from tests.conftest import SAMPLES


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HARMWATCH_PROGRESS", "false")
    db = str(tmp_path / "t.db")

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)

    assert invoke("ingest", str(SAMPLES)).exit_code == 0
    return invoke


def _claim_keys(run) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    rows = json.loads(run("incidents", "--format", "json").output)
    ashara = next(r for r in rows if r["admin1"] == "Deir ez-Zor")
    detail = json.loads(run("show", ashara["id"], "--format", "json").output)
    same = [c["key"] for c in detail["claims"]]
    others = []
    for r in rows:
        if r["id"] != ashara["id"]:
            others += [c["key"] for c in json.loads(run("show", r["id"], "--format", "json").output)["claims"]]
    return same, others


def test_a_model_trained_from_labelled_pairs_is_written_and_stored(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    same, others = _claim_keys(run)
    pairs = tmp_path / "pairs.jsonl"
    lines = [{"claim_a": same[0], "claim_b": k, "same": True} for k in same[1:]]
    lines += [{"claim_a": same[0], "claim_b": k, "same": False} for k in others]
    pairs.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("train-link-model", str(pairs), "--out", str(tmp_path / "m.json"), "--name", "mine")
    assert result.exit_code == 0, result.output
    assert f"trained on {len(same) - 1} same / {len(others)} different pairs" in result.output
    model = json.loads((tmp_path / "m.json").read_text())
    assert "threshold" in model["harmwatch"]


@pytest.mark.parametrize("content, expect", [
    ('{"claim_a": "x", "claim_b": "y", "same": true}\n{oops\n', "line 2: invalid JSON"),
    ('{"claim_a": "x", "same": true}\n', "line 1: needs claim_a, claim_b and same"),
    ('{"claim_a": "x", "claim_b": "y", "same": "maybe"}\n', "neither true nor false"),
    ("\n", "no labelled pairs"),
    ('{"claim_a": "nope:0", "claim_b": "nope:1", "same": true}\n', "not in the store"),
])
def test_a_bad_pair_file_gets_a_clear_error_and_writes_nothing(run, tmp_path: Path, content: str,  # type: ignore[no-untyped-def]
                                                               expect: str) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(content)
    result = run("train-link-model", str(pairs), "--out", str(tmp_path / "m.json"))
    assert result.exit_code != 0 and expect in result.output
    assert not (tmp_path / "m.json").exists()
