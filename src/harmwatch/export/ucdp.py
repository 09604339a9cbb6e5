"""UCDP-GED-like CSV: GED's column names for what harmwatch knows (best/low/high, date_prec, where_prec)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from harmwatch.export.countries import country_info
from harmwatch.export.native import _point

COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "type_of_violence", "side_a", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)


def date_prec(start: dt.date | None, end: dt.date | None) -> int:
    """UCDP's date precision: 1 a day, 2 within 2–6 days, 3 a week, 4 within a month, 5 longer."""
    if start is None:
        return 5
    days = ((end or start) - start).days + 1
    return 1 if days <= 1 else 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5


def where_prec(inc: dict[str, Any]) -> int:
    """UCDP's place precision from ACLED-style geo_precision: 1 exact, 2 near (≤25 km), 4 admin1, 6 country."""
    gp = inc.get("geo_precision")
    if gp == 1:
        return 1
    if gp == 2:
        return 2
    if inc.get("admin2"):
        return 3
    return 4 if inc.get("admin1") else 6


def _day(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def record(inc: dict[str, Any], regions: dict[tuple[str, str], tuple[float, float]]) -> dict[str, Any]:
    info = country_info(inc.get("country"))
    start, end = _day(inc.get("date_start")), _day(inc.get("date_end"))
    lat, lon, _ = _point(inc, regions)
    one_sided = inc.get("event_type") == "Violence against civilians"
    claims = inc.get("claims") or []
    sources = (inc.get("data") or {}).get("sources", [])
    high = inc.get("killed_high")
    return {
        "id": inc["id"], "relid": inc["id"], "year": start.year if start else "", "active_year": "",
        "type_of_violence": 3 if one_sided else "", "side_a": inc.get("perpetrator") or "",
        "side_b": "Civilians" if one_sided else "", "number_of_sources": len(inc.get("reports") or []),
        "source_article": "; ".join(sorted({c.get("url") or c.get("ext_id") or "" for c in claims})),
        "source_office": "; ".join(sources),
        "source_date": "; ".join(sorted({str(c.get("published") or "") for c in claims})),
        "source_headline": "", "where_prec": where_prec(inc),
        "where_coordinates": ", ".join(x for x in (inc.get("location"), inc.get("admin1")) if x),
        "where_description": inc.get("location") or "", "adm_1": inc.get("admin1") or "",
        "adm_2": inc.get("admin2") or "", "latitude": lat if lat is not None else "",
        "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None else "", "country": info.get("name", ""),
        "country_id": "", "region": info.get("region", ""), "event_clarity": 1 if inc.get("grade") in (
            "confirmed", "fair") else 2, "date_prec": date_prec(start, end),
        "date_start": start.isoformat() if start else "", "date_end": (end or start).isoformat() if start else "",
        "deaths_a": "", "deaths_b": "", "deaths_civilians": inc.get("civilians_killed_best") or "",
        "deaths_unknown": "", "best": inc.get("killed_best") if inc.get("killed_best") is not None else "",
        "high": high if high is not None else "", "low": inc.get("killed_low") if inc.get("killed_low") is not None
        else "",
    }


def to_csv(incidents: list[dict[str, Any]], regions: dict[tuple[str, str], tuple[float, float]]) -> str:
    """Incidents (from export.public) as UCDP-GED-like CSV; an open high figure is left empty."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for inc in incidents:
        writer.writerow(record(inc, regions))
    return buf.getvalue()
