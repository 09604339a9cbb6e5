"""The figures the scorer reports, in the reference's order, with their table labels.

Follows shared/eval/score.py (sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead),
METRICS.
"""

from __future__ import annotations

METRICS: tuple[tuple[str, str], ...] = (
    ("any_incident_found", "any incident found"),
    ("date_start_exact", "date_start exact"),
    ("date_start_pm1d", "date_start ±1 day"),
    ("admin1", "admin1"),
    ("admin1_loose", "admin1 (Damascus=Rif Dimashq)"),
    ("point_10km", "point ≤10 km"),
    ("point_25km", "point ≤25 km"),
    ("perpetrator_class", "perpetrator class"),
    ("perpetrator_class_strict", "perpetrator class (strict)"),
    ("dyad_side_class", "dyad side class"),
    ("killed_exact", "killed exact"),
    ("killed_pm10pct", "killed ±10%"),
    ("civilians_killed_exact", "civilians killed exact"),
    ("civilians_killed_pm10pct", "civilians killed ±10%"),
    ("killed_in_range", "killed in gold range"),
    ("injured_in_range", "injured in gold range"),
)
METRIC_KEYS: tuple[str, ...] = tuple(k for k, _ in METRICS)

#: Short names accepted by error_rows() beside the metric keys, so a CLI flag can say "date_pm1".
FIELD_ALIASES: dict[str, str] = {
    "any": "any_incident_found",
    "incident": "any_incident_found",
    "date": "date_start_exact",
    "date_exact": "date_start_exact",
    "date_start": "date_start_exact",
    "date_pm1": "date_start_pm1d",
    "date_pm1d": "date_start_pm1d",
    "location": "point_10km",
    "point": "point_10km",
    "point_10": "point_10km",
    "point_25": "point_25km",
    "perpetrator": "perpetrator_class",
    "perpetrator_strict": "perpetrator_class_strict",
    "dyad": "dyad_side_class",
    "killed": "killed_exact",
    "killed_pm10": "killed_pm10pct",
    "civilians_killed": "civilians_killed_exact",
    "civilians_killed_pm10": "civilians_killed_pm10pct",
    "killed_range": "killed_in_range",
    "injured": "injured_in_range",
}


def metric_key(field: str) -> str:
    """The metric key for a field name or alias; ValueError naming the valid ones otherwise."""
    key = field.strip().lower().replace("-", "_")
    key = FIELD_ALIASES.get(key, key)
    if key not in METRIC_KEYS:
        valid = ", ".join([*METRIC_KEYS, *sorted(FIELD_ALIASES)])
        raise ValueError(f"unknown evaluation field {field!r}; use one of: {valid}")
    return key
