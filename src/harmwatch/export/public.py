"""Exports as the public may see them: the incidents matching the filters, withheld quotes removed."""

from __future__ import annotations

from typing import Any

from harmwatch.store import Store
from harmwatch.store import queries as Q
from harmwatch.store.store import region_points
from harmwatch.web.privacy import quote_for

FORMATS = ("csv", "geojson", "acled", "ucdp", "hxl")


def public_incidents(store: Store, filters: Q.Filters | dict[str, Any]) -> list[dict[str, Any]]:
    """Matching incidents with their claims; every evidence quote cut where a reviewer withheld text."""
    f = filters if isinstance(filters, Q.Filters) else Q.Filters.parse(filters)
    rows = Q.all_matching(store, f)
    report_of: dict[str, int] = {}
    for inc in rows:
        for c in inc["claims"]:
            report_of[c["key"]] = c["report_id"]
    spans = Q.sensitive_spans(store, set(report_of.values()))
    for inc in rows:
        for c in inc["claims"]:
            evidence = (c["data"] or {}).get("evidence") or {}
            c["quotes"] = {k: quote_for(v, spans.get(c["report_id"], []), public=True)["text"]
                           for k, v in evidence.items() if isinstance(v, dict)}
            c["data"] = {k: v for k, v in (c["data"] or {}).items() if k != "evidence"}
        figures = (inc.get("data") or {}).get("figures") or {}
        by_key = {c["key"]: c for c in inc["claims"]}
        for kind, items in figures.items():
            for it in items:
                claim = by_key.get(it.get("claim"))
                it["quote"] = claim["quotes"].get(kind) if claim else None
    return rows


def export_text(store: Store, fmt: str, filters: Q.Filters | dict[str, Any]) -> tuple[str, int]:
    """One export format as text, and how many incidents it holds."""
    from harmwatch.export import acled, hxl, native, ucdp

    rows = public_incidents(store, filters)
    regions = region_points(store)
    writers = {"csv": native.to_csv, "geojson": native.to_geojson, "acled": acled.to_csv, "ucdp": ucdp.to_csv,
               "hxl": hxl.to_csv}
    if fmt not in writers:
        raise ValueError(f"export format {fmt!r}: one of {', '.join(FORMATS)}")
    return writers[fmt](rows, regions), len(rows)
