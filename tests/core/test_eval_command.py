"""`harmwatch eval` writes contract predictions and prints the reference scorer's figures for them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from harmwatch.cli import main
from tests.conftest import SHARED, require_shared


def test_eval_figures_equal_the_reference_scorer_on_the_same_predictions(tmp_path: Path) -> None:
    require_shared()
    gold = SHARED / "eval" / "fakes-dev.jsonl"
    pred = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "e.db"), "eval", str(gold), "--pred-out", str(pred),
                                       "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output)
    ref = json.loads(subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred),
                                     "--json"], capture_output=True, text=True, check=True).stdout)
    for key in ("n_docs", "mean_pred_incidents_per_doc", "extra_claims_per_doc", "share_docs_with_extra_claims"):
        assert ours[key] == ref[key], key
    assert ours["metrics"] == ref["metrics"]
    assert ours["metrics"]["killed_exact"]["n"] == 379


def test_eval_refuses_a_broken_gold_file_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": "a", "text": "x", "incidents": []}\nnot json\n')
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "e.db"), "eval", str(bad)])
    assert result.exit_code != 0 and "gold.jsonl" in result.output and "2" in result.output
