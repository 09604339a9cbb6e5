"""Native exports: CSV with stable column names and GeoJSON, region-level points flagged as derived."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

#: Column names of the native CSV; stable across versions (add at the end, never rename).
CSV_COLUMNS: tuple[str, ...] = (
    "incident_id", "date_start", "date_end", "date_precision", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "point_derived", "geo_precision", "perpetrator", "perpetrator_class",
    "event_type", "sub_event_type", "killed_low", "killed_best", "killed_high", "civilians_killed_low",
    "civilians_killed_best", "civilians_killed_high", "injured_low", "injured_best", "injured_high", "grade",
    "review_status", "n_reports", "reports", "sources",
)


def _point(inc: dict[str, Any], regions: dict[tuple[str, str], tuple[float, float]]
           ) -> tuple[float | None, float | None, bool]:
    """The incident's own point, else its region's point from the gazetteer (flagged derived)."""
    if inc.get("lat") is not None and inc.get("lon") is not None:
        return inc["lat"], inc["lon"], False
    region = regions.get((inc.get("country") or "", inc.get("admin1") or ""))
    if region:
        return region[0], region[1], True
    return None, None, False


def _iso(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


def incident_record(inc: dict[str, Any], regions: dict[tuple[str, str], tuple[float, float]]) -> dict[str, Any]:
    """One incident as a flat record with the native column names."""
    lat, lon, derived = _point(inc, regions)
    data = inc.get("data") or {}
    rec = {
        "incident_id": inc["id"], "latitude": lat, "longitude": lon, "point_derived": derived,
        "n_reports": len(inc.get("reports", [])), "reports": ";".join(inc.get("reports", [])),
        "sources": ";".join(data.get("sources", [])),
    }
    for col in CSV_COLUMNS:
        if col not in rec:
            rec[col] = _iso(inc.get(col))
    return {c: rec[c] for c in CSV_COLUMNS}


def to_csv(incidents: list[dict[str, Any]], regions: dict[tuple[str, str], tuple[float, float]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for inc in incidents:
        writer.writerow({k: ("" if v is None else v) for k, v in incident_record(inc, regions).items()})
    return buf.getvalue()


def to_geojson(incidents: list[dict[str, Any]], regions: dict[tuple[str, str], tuple[float, float]]) -> str:
    """A FeatureCollection; incidents with no point at all get a null geometry (RFC 7946 allows it)."""
    features = []
    for inc in incidents:
        rec = incident_record(inc, regions)
        geometry = None
        if rec["latitude"] is not None and rec["longitude"] is not None:
            geometry = {"type": "Point", "coordinates": [rec["longitude"], rec["latitude"]]}
        props = {k: v for k, v in rec.items() if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": rec["incident_id"], "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
