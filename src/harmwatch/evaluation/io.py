"""Reading gold and prediction files: gold must be sound, predictions are read leniently.

Gold is the yardstick, so a broken gold line stops the run with the file and line named;
predictions come from the system under test and are read the way shared/eval/score.py
(sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead) reads them:
unreadable lines skipped (and counted), the last line of a repeated id wins.
"""

from __future__ import annotations

import json
import os
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .metrics import Claim, ScoreResult, score


class GoldError(ValueError):
    """A gold file that cannot be read, with the file and line that made it so."""


def read_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Gold documents of a JSON Lines file; GoldError naming the file and line if one is broken."""
    name = os.fspath(path)
    docs: list[dict[str, Any]] = []
    seen: dict[Any, int] = {}
    try:
        with open(name, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as e:
                    raise GoldError(f"{name}:{lineno}: not valid JSON ({e.msg} at column {e.colno})") from e
                _check_gold_doc(doc, name, lineno)
                if doc["id"] in seen:
                    first = seen[doc["id"]]
                    raise GoldError(f"{name}:{lineno}: id {doc['id']!r} already used on line {first}")
                seen[doc["id"]] = lineno
                docs.append(doc)
    except UnicodeDecodeError as e:
        raise GoldError(f"{name}:{_line_of_byte(name, e.start)}: not UTF-8 ({e.reason})") from e
    except OSError as e:
        raise GoldError(f"{name}: cannot read gold file ({e.strerror or e})") from e
    return docs


def _check_gold_doc(doc: object, name: str, lineno: int) -> None:
    """Raise GoldError unless doc is an object with an id and a list of incident objects."""
    if not isinstance(doc, dict):
        raise GoldError(f"{name}:{lineno}: expected a JSON object, got {type(doc).__name__}")
    doc_id = doc.get("id")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or doc_id == "":
        raise GoldError(f"{name}:{lineno}: missing or invalid 'id'")
    incs = doc.get("incidents")
    if incs is not None and (not isinstance(incs, list) or not all(isinstance(i, dict) for i in incs)):
        raise GoldError(f"{name}:{lineno}: 'incidents' must be a list of objects")


def _line_of_byte(name: str, offset: int) -> int | str:
    """The 1-based line holding a byte offset of the file, for decoding errors; '?' if unknown."""
    try:
        with open(name, "rb") as f:
            return f.read(offset).count(b"\n") + 1
    except OSError:
        return "?"


@dataclass(slots=True)
class PredictionFile:
    """Claims per document id as read from a prediction file, with what the reading found."""

    claims: dict[Any, list[Claim]] = field(default_factory=dict)
    n_lines: int = 0
    n_duplicate_ids: int = 0
    n_unreadable: int = 0


def read_predictions(path: str | os.PathLike[str]) -> PredictionFile:
    """Predictions of a JSON Lines file {"id", "incidents": [...]}, read as the reference does."""
    out = PredictionFile()
    with open(os.fspath(path), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                out.n_unreadable += 1
                continue
            if not isinstance(obj, dict):
                out.n_unreadable += 1
                continue
            pid = obj.get("id")
            if not isinstance(pid, Hashable):  # the reference would crash; count it as unreadable
                out.n_unreadable += 1
                continue
            out.n_lines += 1
            if pid in out.claims:
                out.n_duplicate_ids += 1
            incs = obj.get("incidents")
            out.claims[pid] = incs if isinstance(incs, list) else []
    return out


def score_files(gold_path: str | os.PathLike[str], pred_path: str | os.PathLike[str]) -> ScoreResult:
    """score() over two files, with the file figures `score.py GOLD PRED --json` reports."""
    gold = read_gold(gold_path)
    pf = read_predictions(pred_path)
    preds: Mapping[Any, list[Claim]] = pf.claims
    return score(gold, preds, gold_path=os.fspath(gold_path), pred_path=os.fspath(pred_path),
                 n_pred_lines=pf.n_lines, n_duplicate_pred_ids=pf.n_duplicate_ids)
