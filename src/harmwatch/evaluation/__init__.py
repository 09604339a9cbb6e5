"""Scoring extraction against the evaluation gold sets, with the figures of shared/eval/score.py.

The project must run without ../shared, so the reference scorer's rules are ported here
(see _reference.REFERENCE_SHA256 for the version followed); tests/evaluation proves that every
figure equals the reference's on the same predictions.

    gold = read_gold(path)                  # GoldError names the file and line of a broken line
    result = score(gold, preds)             # preds: {doc id: [claim, ...]}; score.py --json's structure
    print(format_table(result))
    rows = error_rows(gold, preds, "admin1")
"""

from __future__ import annotations

from ._reference import REFERENCE_SHA256
from .fields import METRIC_KEYS, METRICS
from .io import GoldError, PredictionFile, read_gold, read_predictions, score_files
from .metrics import MetricFigures, ScoreResult, score
from .report import ErrorRow, error_rows, format_table

__all__ = [
    "METRICS", "METRIC_KEYS", "REFERENCE_SHA256", "ErrorRow", "GoldError", "MetricFigures",
    "PredictionFile", "ScoreResult", "error_rows", "format_table", "read_gold", "read_predictions",
    "score", "score_files",
]
