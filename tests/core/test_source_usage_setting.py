"""A publisher usage note in the user's source registry (setting source_files) reaches extraction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from harmwatch.config import load_config
from harmwatch.pipeline import extract_doc, patterns_for
from harmwatch.records import DocInput

TEXT = "7 casualties in shelling by regime forces on the town of Kafr Nabl in the southern countryside of Idlib"


def _killed(tmp_path: Path, source: str, files: list[str]) -> int | None:
    cfg = load_config(file=None, overrides={"db": str(tmp_path / "x.db"), "source_files": files},
                      environ={"HARMWATCH_CONFIG": str(tmp_path / "none.toml")})
    doc = DocInput(id="d", text=TEXT, published=dt.date(2016, 3, 2), source=source)
    (claim,) = extract_doc(doc, None, patterns_for(cfg))
    return claim["killed_low"]


def test_a_users_usage_note_makes_casualties_the_dead_for_that_publisher(tmp_path: Path) -> None:
    reg = tmp_path / "my-sources.yaml"
    reg.write_text("sources:\n  - {name: Idlib Monitor, kind: NGO, usage: {casualties: killed}}\n", encoding="utf-8")
    assert _killed(tmp_path, "Idlib Monitor", [str(reg)]) == 7
    assert _killed(tmp_path, "Reuters", [str(reg)]) is None  # standard English: killed or injured
    assert _killed(tmp_path, "Idlib Monitor", []) is None  # the note lives only in the user's file
