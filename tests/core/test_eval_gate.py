"""The quality gate: extraction on the dev sets stays at or above the floors pinned in tests/eval_floors.json."""

from __future__ import annotations

import pytest

from harmwatch.evaluation.gate import GATED, check, corpus_sha256, load_floors, run_gold, summarize
from tests.conftest import REPO, SHARED, require_shared

FLOORS = load_floors(REPO / "tests" / "eval_floors.json")


@pytest.mark.parametrize("name", list(GATED))
def test_dev_set_figures_stay_above_their_floors(name: str) -> None:
    require_shared()
    gold = SHARED / "eval" / f"{name}.jsonl"
    pinned = FLOORS["sets"].get(name)
    assert pinned, f"no floors pinned for {name}: run bench/eval_gate.py --update"
    assert corpus_sha256(gold) == pinned["corpus_sha256"], f"{gold} changed since the floors were pinned"
    problems = check(name, summarize(name, run_gold(gold, name)), pinned["floors"])
    assert not problems, "\n".join(problems)


def test_floors_only_go_up_unless_a_regression_is_allowed() -> None:
    from harmwatch.evaluation.gate import new_floors

    old = {"killed_exact.accuracy": 0.60, "extra_claims_per_doc": 0.20}
    assert new_floors({"killed_exact.accuracy": 0.50, "extra_claims_per_doc": 0.30}, old, False) == old
    lowered = new_floors({"killed_exact.accuracy": 0.50, "extra_claims_per_doc": 0.30}, old, True)
    assert lowered["killed_exact.accuracy"] < 0.60 and lowered["extra_claims_per_doc"] > 0.20
