"""The quality gate: per-field accuracy on the dev sets must stay at or above pinned floors."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from harmwatch.evaluation.io import read_gold
from harmwatch.evaluation.metrics import score

#: What the gate pins per gold set: metric key → figures kept (accuracy over all / answerable docs).
GATED: dict[str, tuple[str, ...]] = {
    "fakes-dev": ("any_incident_found", "admin1_loose", "perpetrator_class", "killed_exact",
                  "civilians_killed_exact"),
    "ucdp-2016": ("any_incident_found", "date_start_pm1d", "admin1", "point_25km", "killed_exact"),
}
FIGURES = ("accuracy", "accuracy_answerable")
#: Claim-level figures that must not rise (over-splitting).
CEILINGS = ("extra_claims_per_doc",)
#: Gazetteer files each set is scored with, relative to the gold file's folder.
GAZETTEERS = {"ucdp-2016": ("../gazetteer/syria-places.csv",)}
MARGIN = 0.005  # floors sit this far under the measured figure, so noise-free runs pass


def run_gold(gold_path: Path, name: str, limit: int | None = None) -> dict[str, Any]:
    """Extract every gold document in a fresh database and score it, as `harmwatch eval` does."""
    from harmwatch.config import load_config
    from harmwatch.pipeline import extract_doc, load_gazetteer, open_store, patterns_for, resolver_for
    from harmwatch.records import DocInput

    gold = read_gold(gold_path)[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        cfg = load_config(None, {"db": str(Path(tmp) / "gate.db"), "progress": False},
                          environ={"HARMWATCH_CONFIG": str(Path(tmp) / "none.toml")})
        store = open_store(cfg)
        try:
            for rel in GAZETTEERS.get(name, ()):
                load_gazetteer(store, (gold_path.parent / rel).resolve())
            resolver, patterns = resolver_for(store, cfg), patterns_for(cfg)
            preds = {}
            for d in gold:
                pub = d.get("published")
                doc = DocInput(id=str(d["id"]), text=d["text"], title=d.get("title"), source=d.get("source"),
                               language=d.get("language"),
                               published=dt.date.fromisoformat(pub[:10]) if isinstance(pub, str) and pub else None)
                preds[doc.id] = extract_doc(doc, resolver, patterns)
        finally:
            store.close()
    return dict(score(gold, preds))


def summarize(name: str, result: dict[str, Any]) -> dict[str, float]:
    """The gated figures of one result, flat: 'metric.figure' → value."""
    out: dict[str, float] = {}
    for metric in GATED[name]:
        m = result["metrics"][metric]
        for fig in FIGURES:
            if m.get(fig) is not None:
                out[f"{metric}.{fig}"] = float(m[fig])
    for key in CEILINGS:
        out[key] = float(result[key])
    return out


def check(name: str, measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Every figure under its floor (or a ceiling exceeded), in words; empty when the gate passes."""
    problems = []
    for key, floor in floors.items():
        value = measured.get(key)
        if value is None:
            problems.append(f"{name} {key}: not measured (floor {floor:.4f})")
        elif key in CEILINGS and value > floor:
            problems.append(f"{name} {key}: {value:.4f} rose above the ceiling {floor:.4f}")
        elif key not in CEILINGS and value < floor:
            problems.append(f"{name} {key}: {value:.4f} fell under the floor {floor:.4f}")
    return problems


def corpus_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_floors(measured: dict[str, float], old: dict[str, float], allow_regression: bool) -> dict[str, float]:
    """Floors just under the measured figures; they only go up unless a regression is allowed."""
    out = {}
    for key, value in measured.items():
        if key in CEILINGS:
            pinned = round(value + MARGIN, 4)
            out[key] = pinned if allow_regression or key not in old else min(pinned, old[key])
        else:
            pinned = round(max(0.0, value - MARGIN), 4)
            out[key] = pinned if allow_regression or key not in old else max(pinned, old[key])
    return out


def load_floors(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"sets": {}, "history": []}
