"""ACLED-compatible CSV: ACLED's exact columns, its fatality convention and its precision codes.

ACLED codes the most conservative fatality count and turns vague words into fixed numbers
(tens 10, dozens 12, hundreds 100: the `acled_convention` table of the pattern data); the claims keep
their quantifier words in the evidence quote, so the convention is applied from the quote.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from harmwatch.export.countries import country_info
from harmwatch.export.native import _point

#: ACLED's column names, in ACLED's order.
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

#: ACLED actor-type (inter) codes.
INTER = {"state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3, "political militias": 3,
         "identity militia": 4, "identity militias": 4, "rioters": 5, "protesters": 6, "civilians": 7,
         "external/other forces": 8, "external forces": 8, "other forces": 8}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}


def _convention() -> dict[str, int]:
    from harmwatch.extract import load_patterns

    return dict(load_patterns([]).acled_convention)


def acled_count(quote: str | None, low: int | None, convention: dict[str, int]) -> int | None:
    """A claim's figure under ACLED's convention: a vague word ('dozens') without a digit gives its number."""
    if quote and not re.search(r"\d", quote):
        text = quote.lower()
        for word, value in sorted(convention.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                return value
    return low


def fatalities(inc: dict[str, Any], convention: dict[str, int]) -> int:
    """The most conservative count across the incident's claims, ACLED-style (0 when none reported)."""
    figures = ((inc.get("data") or {}).get("figures") or {}).get("killed") or []
    counts = [v for it in figures if (v := acled_count(it.get("quote"), it.get("low"), convention)) is not None]
    machine_low = min((it["low"] for it in figures if it.get("low") is not None), default=None)
    if inc.get("killed_low") is not None and inc.get("killed_low") != machine_low:
        return int(inc["killed_low"])  # a reviewer's edit wins over any reading of the quotes
    return min(counts) if counts else int(inc.get("killed_low") or 0)


def _day(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _main_claim(inc: dict[str, Any]) -> dict[str, Any]:
    rep = (inc.get("data") or {}).get("representative_claim")
    claims = inc.get("claims") or []
    return next((c for c in claims if c["key"] == rep), claims[0] if claims else {"data": {}, "quotes": {}})


def event_id(inc: dict[str, Any], iso3: str) -> str:
    """ACLED-style id: the country's letters and a number, stable because the incident id is."""
    digits = int(str(inc["id"]).split("-")[-1], 16) if re.fullmatch(r"inc-[0-9a-f]+", str(inc["id"])) else abs(
        hash(inc["id"]))
    return f"{iso3 or 'XXX'}{digits}"


def record(inc: dict[str, Any], regions: dict[tuple[str, str], tuple[float, float]],
           convention: dict[str, int]) -> dict[str, Any]:
    claim = _main_claim(inc)
    cd = claim.get("data") or {}
    info = country_info(inc.get("country"))
    start, end = _day(inc.get("date_start")), _day(inc.get("date_end"))
    day = start + (end - start) / 2 if start and end else start  # ACLED codes a window at its middle
    lat, lon, _derived = _point(inc, regions)
    inter1 = INTER.get(str(cd.get("perpetrator_type") or "").lower())
    civ = bool(cd.get("civilian_targeting"))
    actor2 = cd.get("target") or (f"Civilians ({info.get('name', '')})" if civ else "")
    inter2 = 7 if civ and not cd.get("target") else INTER.get(str(cd.get("target_type") or "").lower())
    codes = sorted(c for c in (inter1, inter2) if c)
    interaction = int("".join(map(str, codes))) if len(codes) == 2 else (int(f"{codes[0]}0") if codes else "")
    quotes = claim.get("quotes") or {}
    parts = [f"On {day.strftime('%d %B %Y') if day else 'an unknown date'}"]
    if inc.get("perpetrator"):
        parts.append(f"{inc['perpetrator']}")
    parts.append(f"{(inc.get('sub_event_type') or inc.get('event_type') or 'incident').lower()}")
    where = ", ".join(x for x in (inc.get("location"), inc.get("admin1")) if x)
    notes = " ".join(parts) + (f" in {where}." if where else ".")
    for key in ("killed", "injured"):
        if quotes.get(key):
            notes += f' {key.capitalize()}: "{quotes[key]}".'
    notes += f" [harmwatch {inc['id']}; killed {inc.get('killed_low')}-{inc.get('killed_high') or 'open'}" \
             f", best {inc.get('killed_best')}; grade {inc.get('grade')}]"
    updated = inc.get("updated_at")
    return {
        "event_id_cnty": event_id(inc, info.get("iso3", "")), "event_date": day.isoformat() if day else "",
        "year": day.year if day else "", "time_precision": TIME_PRECISION.get(str(inc.get("date_precision")), 3),
        "disorder_type": DISORDER.get(str(inc.get("event_type")), ""), "event_type": inc.get("event_type") or "",
        "sub_event_type": inc.get("sub_event_type") or "", "actor1": inc.get("perpetrator") or "",
        "assoc_actor_1": "", "inter1": inter1 or "", "actor2": actor2, "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": interaction, "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": info.get("isonumeric", ""), "region": info.get("region", ""), "country": info.get("name", ""),
        "admin1": inc.get("admin1") or "", "admin2": inc.get("admin2") or "", "admin3": "",
        "location": inc.get("location") or "", "latitude": lat if lat is not None else "",
        "longitude": lon if lon is not None else "", "geo_precision": inc.get("geo_precision") or "",
        "source": "; ".join((inc.get("data") or {}).get("sources", [])), "source_scale": "",
        "notes": notes, "fatalities": fatalities(inc, convention), "tags": "",
        "timestamp": int(updated.timestamp()) if isinstance(updated, dt.datetime) else "",
    }


def to_csv(incidents: list[dict[str, Any]], regions: dict[tuple[str, str], tuple[float, float]]) -> str:
    """Incidents (from export.public) as ACLED-compatible CSV."""
    convention = _convention()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for inc in incidents:
        writer.writerow(record(inc, regions, convention))
    return buf.getvalue()
