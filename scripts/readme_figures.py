"""Rewrite the README's figures table from bench/out/eval_gate.json, so the README never drifts from what was measured.

    python bench/eval_gate.py && python scripts/readme_figures.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
ROWS = [
    ("fakes-dev", "incident found", "any_incident_found"),
    ("fakes-dev", "admin1 (Damascus = Rif Dimashq)", "admin1_loose"),
    ("fakes-dev", "perpetrator class", "perpetrator_class"),
    ("fakes-dev", "killed, exact", "killed_exact"),
    ("fakes-dev", "civilians killed, exact", "civilians_killed_exact"),
    ("fakes-dev", "extra claims per document", "extra_claims_per_doc"),
    ("ucdp-2016", "incident found", "any_incident_found"),
    ("ucdp-2016", "date within ±1 day", "date_start_pm1d"),
    ("ucdp-2016", "admin1", "admin1"),
    ("ucdp-2016", "point within 25 km", "point_25km"),
    ("ucdp-2016", "killed, exact", "killed_exact"),
    ("ucdp-2016", "extra claims per document", "extra_claims_per_doc"),
]


def table(figures: dict[str, dict[str, dict[str, float]]]) -> str:
    """The markdown table of all / answerable figures."""
    lines = ["| set | field | all | answerable |", "|---|---|---|---|"]
    for gold, label, key in ROWS:
        m = figures[gold]["measured"]
        if key == "extra_claims_per_doc":
            lines.append(f"| {gold} | {label} | {m[key]:.3f} | |")
        else:
            a, b = m[f"{key}.accuracy"], m[f"{key}.accuracy_answerable"]
            lines.append(f"| {gold} | {label} | {100 * a:.1f} % | {100 * b:.1f} % |")
    return "\n".join(lines)


def main() -> int:
    """Replace the text between the figure markers; fail loudly if the markers are missing."""
    figures = json.loads((REPO / "bench" / "out" / "eval_gate.json").read_text(encoding="utf-8"))
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{readme}: the markers {START} / {END} are missing", file=sys.stderr)
        return 2
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{table(figures)}\n{END}{tail}", encoding="utf-8")
    print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
