"""harmwatch's figures must equal shared/eval/score.py's on the same predictions (the reference counts)."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from harmwatch.evaluation import REFERENCE_SHA256, format_table, read_gold, score, score_files
from harmwatch.evaluation.normalize import admin1_key

from .eval_synthetic import as_pred_map, prediction_lines
from .reference import load_reference, shared_file

FILE_KEYS = ("gold", "pred", "n_pred_lines", "n_duplicate_pred_ids")


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Rows as JSON Lines (NaN allowed, as Python's json writes it)."""
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def reference_json(gold: Path, pred: Path) -> dict[str, Any]:
    """`python score.py GOLD PRED --json` run in a subprocess, parsed."""
    proc = subprocess.run([sys.executable, str(shared_file("score.py")), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(proc.stdout)


def differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Every leaf where two results differ, as 'path: ours != theirs' lines."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        out = [f"{path}/{k}: missing on one side" for k in set(ours) ^ set(theirs)]
        for k in sorted(set(ours) & set(theirs)):
            out += differences(ours[k], theirs[k], f"{path}/{k}")
        return out
    # 1 and 1.0 are the same figure; otherwise the JSON types must match too
    same = ours == theirs and (type(ours) is type(theirs) or isinstance(ours, (int, float)))
    return [] if same else [f"{path}: ours {ours!r} != reference {theirs!r}"]


def check_agreement(gold_path: Path, gold: list[dict[str, Any]], lines: list[dict[str, Any]],
                    tmp_path: Path) -> dict[str, Any]:
    """Score one gold file and prediction set both ways and assert every figure and the table agree."""
    pred_path = write_jsonl(tmp_path / "pred.jsonl", lines)
    theirs = reference_json(gold_path, pred_path)
    ours: dict[str, Any] = dict(score_files(gold_path, pred_path))
    assert differences(ours, theirs) == []
    assert ours == theirs
    # the in-memory API the CLI calls gives the same figures
    in_memory = score(gold, as_pred_map(lines))
    assert differences({k: v for k, v in in_memory.items() if k not in FILE_KEYS},
                       {k: v for k, v in theirs.items() if k not in FILE_KEYS}) == []
    assert format_table(ours) == load_reference().table(theirs)
    return theirs


def assert_not_vacuous(res: dict[str, Any]) -> None:
    """The synthetic predictions must leave every graded figure partly right and partly wrong."""
    for key, m in res["metrics"].items():
        if m["n"] == 0:
            continue
        assert 0 < m["correct"] < m["n"], key
        if key != "any_incident_found":
            assert 0 < m["covered"] < m["n"], key
        if m["n_answerable"]:
            assert m["correct_answerable"] > 0, key
    assert res["n_pred_ids_not_in_gold"] == 5
    assert res["extra_claims_per_doc"] > 0 and res["n_gold_docs_with_pred"] < res["n_docs"]


def test_reference_version_is_the_one_ported() -> None:
    """If score.py changes, the port must be reviewed; the sha256 pins the version followed."""
    digest = hashlib.sha256(shared_file("score.py").read_bytes()).hexdigest()
    assert digest == REFERENCE_SHA256, \
        "shared/eval/score.py changed: port the change, then update evaluation/_reference.py"


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_fakes_dev_whole_set_agrees_with_reference(seed: int, tmp_path: Path) -> None:
    """All 379 FA-KES dev documents: no dates or points, free-text perpetrators, several classes."""
    gold_path = shared_file("fakes-dev.jsonl")
    gold = read_gold(gold_path)
    lines = prediction_lines(gold, seed, admin1_key)
    res = check_agreement(gold_path, gold, lines, tmp_path)
    assert res["n_docs"] == 379
    assert res["metrics"]["perpetrator_class"]["correct_without_pred"] > 0
    assert_not_vacuous(res)


def test_ucdp_subset_agrees_with_reference(tmp_path: Path) -> None:
    """Every 4th UCDP 2016 document (1,543): dates, points, dyads, ranges, several incidents per doc."""
    gold = read_gold(shared_file("ucdp-2016.jsonl"))[::4]
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    res = check_agreement(gold_path, gold, prediction_lines(gold, 7, admin1_key), tmp_path)
    assert res["n_docs"] == 1543
    assert res["metrics"]["dyad_side_class"]["n"] > 0 and res["metrics"]["point_10km"]["n"] > 0
    assert_not_vacuous(res)


@pytest.mark.slow
def test_ucdp_whole_set_agrees_with_reference(tmp_path: Path) -> None:
    """All 6,170 UCDP 2016 documents (about 10 s)."""
    gold_path = shared_file("ucdp-2016.jsonl")
    gold = read_gold(gold_path)
    res = check_agreement(gold_path, gold, prediction_lines(gold, 11, admin1_key), tmp_path)
    assert res["n_docs"] == 6170
    assert_not_vacuous(res)


def _mutated_gold(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold shapes the dev sets lack: no main flag, main on a later incident, no incidents,
    no text, a publication date far from the event, a perpetrator without a class, injured ranges."""
    out = copy.deepcopy(docs)
    for k, doc in enumerate(out):
        incs = doc["incidents"]
        kind = k % 7
        if kind == 0:
            for i in incs:
                i["main"] = False
        elif kind == 1 and len(incs) > 1:
            incs[0]["main"], incs[-1]["main"] = False, True
        elif kind == 2:
            doc["incidents"] = []
        elif kind == 3:
            doc["text"], doc["title"] = None, "Shelling on Homs killed two people on Monday"
        elif kind == 4:
            doc["published"] = "2019-12-31"
        elif kind == 5:
            for i in incs:
                i.pop("perpetrator_classes", None)
                i["perpetrator_class"] = None
                i["perpetrator"] = i.get("perpetrator") or "unknown gunmen"
        elif kind == 6:  # an injured range (the dev sets have none), sometimes open at the top
            incs[0]["injured_low"] = k % 5
            incs[0]["injured_high"] = None if k % 3 == 0 else k % 5 + 4
    return out


@pytest.mark.parametrize("name", ["fakes-dev.jsonl", "ucdp-2016.jsonl"])
def test_unusual_gold_shapes_agree_with_reference(name: str, tmp_path: Path) -> None:
    """Gold without main flags, without incidents, or with a class-less perpetrator is scored alike."""
    gold = _mutated_gold(read_gold(shared_file(name))[:140])
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    res = check_agreement(gold_path, gold, prediction_lines(gold, 3, admin1_key), tmp_path)
    assert res["n_docs"] == 120  # the 20 documents without incidents are skipped by both
    injured = res["metrics"]["injured_in_range"]
    assert injured["n"] == 20 and 0 < injured["correct"] < injured["covered"] < injured["n"]
