"""The Fellegi–Sunter model: blocking rules, comparisons and the shipped default parameters."""

from __future__ import annotations

import copy
import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "default_model.json"
#: Candidate pairs: date windows that overlap once widened by two days (each report may be a day off),
#: in one grid cell (two offset grids), one governorate when either claim has neither point nor place name,
#: or the same place name; never two claims of one report. A full relink builds the same pairs with one
#: equi-join (`blocking.py`); these rules serve incremental linking (few new claims against the archive).
WINDOW = "l.d0 <= r.d1 + 2 AND r.d0 <= l.d1 + 2 AND l.report <> r.report"
BLOCKING_RULES = [
    f"l.cell_a = r.cell_a AND {WINDOW}",
    f"l.cell_b = r.cell_b AND {WINDOW}",
    f"l.admin1 = r.admin1 AND ((l.lat IS NULL AND l.place IS NULL) OR (r.lat IS NULL AND r.place IS NULL)) "
    f"AND {WINDOW}",
    f"l.place = r.place AND l.admin1 = r.admin1 AND {WINDOW}",
]
_GAP = "(greatest(d0_l, d0_r) - least(d1_l, d1_r))"
_KM = ("(2 * 6371 * asin(sqrt(power(sin(radians(lat_r - lat_l) / 2), 2) + cos(radians(lat_l)) * "
       "cos(radians(lat_r)) * power(sin(radians(lon_r - lon_l) / 2), 2))))")


#: Term-frequency adjustment: an exact match on a place name weighs by how rare the name is among all claims
#: (Splink replaces the level's average u with the name's frequency, `features.add_place_frequency`): one more
#: claim at 'Aleppo' on a busy day says far less than two claims naming one village.
TF_COLUMN = "place"


def _lvl(sql: str, label: str, null: bool = False, tf: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if null:
        out["is_null_level"] = True
    if tf:
        out["tf_adjustment_column"] = tf
        out["tf_adjustment_weight"] = 1.0
    return out


def _closeness(col: str) -> list[dict[str, Any]]:
    """Counts: an equal toll of ten or more says much more than an equal 1 (most events kill one or two)."""
    big = f"greatest({col}_l, {col}_r)"
    return [
        _lvl(f"{col}_l IS NULL OR {col}_r IS NULL", "not both given", null=True),
        _lvl(f"{col}_l = {col}_r AND {col}_l >= 10", "equal, 10 or more"),
        _lvl(f"{col}_l = {col}_r", "equal"),
        _lvl(f"abs({col}_l - {col}_r) <= greatest(1, 0.25 * {big})", "within 25%"),
        _lvl(f"abs({col}_l - {col}_r) <= 0.6 * {big}", "within 60%"),
        _lvl("ELSE", "far apart"),
    ]


COMPARISONS: list[dict[str, Any]] = [
    {"output_column_name": "date", "comparison_description": "date windows", "comparison_levels": [
        _lvl("d0_l IS NULL OR d0_r IS NULL", "undated", null=True),
        _lvl("d0_l = d0_r AND d1_l = d1_r AND d0_l = d1_l", "same day"),
        _lvl(f"{_GAP} <= 0", "windows overlap"),
        _lvl(f"{_GAP} <= 1", "1 day apart"),
        _lvl(f"{_GAP} <= 3", "2-3 days apart"),
        _lvl("ELSE", "more than 3 days apart")]},
    {"output_column_name": "distance", "comparison_description": "distance between points", "comparison_levels": [
        _lvl("lat_l IS NULL OR lat_r IS NULL", "no point", null=True),
        _lvl(f"{_KM} <= 1", "within 1 km"),
        _lvl(f"{_KM} <= 5", "within 5 km"),
        _lvl(f"{_KM} <= 20", "within 20 km"),
        _lvl("ELSE", "more than 20 km")]},
    {"output_column_name": "place", "comparison_description": "place names and governorate", "comparison_levels": [
        _lvl("(place_l IS NULL OR place_r IS NULL) AND (admin1_l IS NULL OR admin1_r IS NULL)", "no place",
             null=True),
        _lvl("place_l = place_r", "same place name", tf=TF_COLUMN),
        _lvl("levenshtein(place_l, place_r) <= 2", "place names 1-2 edits apart"),
        _lvl("substr(place_l, 1, length(place_r)) = place_r OR substr(place_r, 1, length(place_l)) = place_l",
             "one place name begins the other"),
        _lvl("admin1_l = admin1_r AND (place_l IS NULL OR place_r IS NULL)", "same governorate, a place unnamed"),
        _lvl("admin1_l = admin1_r", "same governorate, other places"),
        _lvl("ELSE", "different places")]},
    {"output_column_name": "perpetrator", "comparison_description": "perpetrator class", "comparison_levels": [
        _lvl("perp_l IS NULL OR perp_r IS NULL", "not both named", null=True),
        _lvl("perp_l = perp_r", "same actor"),
        _lvl("perp_group_l = perp_group_r", "allied actors"),
        _lvl("ELSE", "different actors")]},
    {"output_column_name": "target", "comparison_description": "who was hit", "comparison_levels": [
        _lvl("target_l IS NULL OR target_r IS NULL", "not both named", null=True),
        _lvl("target_l = target_r", "same target"),
        _lvl("ELSE", "different targets")]},
    {"output_column_name": "event_type", "comparison_description": "event type", "comparison_levels": [
        _lvl("event_l IS NULL OR event_r IS NULL", "not both typed", null=True),
        _lvl("event_l = event_r", "same type"),
        _lvl("ELSE", "different types")]},
    {"output_column_name": "killed", "comparison_description": "killed counts",
     "comparison_levels": _closeness("killed")},
    {"output_column_name": "injured", "comparison_description": "injured counts",
     "comparison_levels": _closeness("injured")},
    {"output_column_name": "source", "comparison_description": "publishers", "comparison_levels": [
        _lvl("source_l IS NULL OR source_r IS NULL", "unattributed", null=True),
        _lvl("source_l = source_r", "same publisher"),
        _lvl("wire_l = wire_r", "same wire group"),
        _lvl("ELSE", "different publishers")]},
]


def base_settings(prior: float = 1e-4) -> dict[str, Any]:
    """Untrained settings: the comparisons and blocking rules, no m/u yet."""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": list(BLOCKING_RULES),
        "comparisons": copy.deepcopy(COMPARISONS),
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": [],
    }


def load_model(path: str | Path | None = None) -> dict[str, Any]:
    """A trained model {"harmwatch": {threshold, trained_on}, "splink": settings}: the file, else the shipped one."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("harmwatch.link").joinpath(DEFAULT_MODEL).read_text(encoding="utf-8")
    return load_model_dict(json.loads(text))


def load_model_dict(model: dict[str, Any]) -> dict[str, Any]:
    """A model as stored (file or link_models row); a bare Splink settings dict gets threshold 0."""
    if "splink" not in model:  # a bare Splink settings file
        model = {"harmwatch": {"threshold": 0.0, "trained_on": "unknown"}, "splink": model}
    return model


def threshold_of(model: dict[str, Any]) -> float:
    """The match weight at or above which a pair links (tuned when the model was trained)."""
    return float(model.get("harmwatch", {}).get("threshold", 0.0))


def with_current_rules(model: dict[str, Any]) -> dict[str, Any]:
    """The model with this version's blocking rules and lean output, whatever the file says."""
    out = copy.deepcopy(model)
    out["blocking_rules_to_generate_predictions"] = [{"blocking_rule": r, "sql_dialect": "duckdb"}
                                                     for r in BLOCKING_RULES]
    out["retain_matching_columns"] = False
    out["retain_intermediate_calculation_columns"] = True  # the gamma_ levels, for the why of a link
    out["additional_columns_to_retain"] = []
    out.pop("linker_uid", None)
    return out


def level_weights(model: dict[str, Any]) -> dict[str, dict[int, tuple[str, float]]]:
    """For each comparison, gamma value → (label, partial match weight log2(m/u)); for the 'why' of a link."""
    out: dict[str, dict[int, tuple[str, float]]] = {}
    for comp in model["comparisons"]:
        levels = comp["comparison_levels"]
        table: dict[int, tuple[str, float]] = {}
        n = sum(1 for lv in levels if not lv.get("is_null_level"))
        g = n - 1
        for lv in levels:
            label = lv.get("label_for_charts") or lv["sql_condition"]
            if lv.get("is_null_level"):
                table[-1] = (label, 0.0)
                continue
            m, u = lv.get("m_probability"), lv.get("u_probability")
            w = math.log2(m / u) if m and u else 0.0
            table[g] = (label, round(w, 3))
            g -= 1
        out[comp["output_column_name"]] = table
    return out


def prior_weight(model: dict[str, Any]) -> float:
    """log2 of the prior odds that two random claims tell one incident."""
    lam = float(model["probability_two_random_records_match"])
    return math.log2(lam / (1 - lam))
