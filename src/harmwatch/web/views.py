"""The views: plain data for each page, rendered as HTML or as its JSON twin (one view, two renderings)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from harmwatch.store import Store
from harmwatch.store import queries as Q
from harmwatch.web import privacy
from harmwatch.web.aggregates import Aggregates

PAGE_SIZE = 50

#: The incident page's fields: (name, label, incident column prefix or column, evidence keys).
FIELDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("date", "Date", "date", ("date",)),
    ("place", "Place", "location", ("location",)),
    ("perpetrator", "Perpetrator", "perpetrator", ("perpetrator",)),
    ("event_type", "Event type", "event_type", ("event_type",)),
    ("killed", "Killed", "killed", ("killed",)),
    ("civilians_killed", "Civilians killed", "civilians_killed", ("civilians_killed",)),
    ("injured", "Injured", "injured", ("injured",)),
)


def jsonable(value: Any) -> Any:
    """Dates as ISO text, bytes dropped: what the JSON twins send."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def rng(low: Any, best: Any, high: Any) -> str:
    """A figure as people read it: '80', '≥50', '12–54 (best 21)', '—'."""
    if low is None and best is None and high is None:
        return "—"
    if high is None:
        return f"≥{low if low is not None else best}"
    if low == high:
        return str(low)
    text = f"{low}–{high}"
    return f"{text} (best {best})" if best is not None and best not in (low, high) else text


def incidents_view(store: Store, agg: Aggregates, f: Q.Filters, page: int) -> dict[str, Any]:
    """The incidents list page: one page of matches, the total, the filters and the export links."""
    rows = Q.list_incidents(store, f, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, window=agg.window())
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    for r in rows:
        r["killed"] = rng(r["killed_low"], r["killed_best"], r["killed_high"])
        r["injured"] = rng(r["injured_low"], r["injured_best"], r["injured_high"])
    return {"filters": f.as_params(), "page": page, "page_size": PAGE_SIZE, "has_next": more,
            "total": agg.total(f), "incidents": rows}


def _spans_for(store: Store, report_ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    return Q.sensitive_spans(store, report_ids)


def _contribution(source: str | None, seen: set[str]) -> str:
    if not source:
        return "publisher unknown: counts as one unattributed source"
    if source in seen:
        return f"another report from {source}: same publisher, not counted again"
    seen.add(source)
    return f"first report from {source}: counts as an independent source"


def incident_view(store: Store, incident_id: str, signed_in: bool) -> dict[str, Any] | None:
    """One incident: each field with low–best–high and its quotes, the reports, link reasons, history."""
    detail = store.incident_detail(incident_id)
    if detail is None:
        return None
    public = not signed_in
    data = detail.get("data") or {}
    claims = detail["claims"]
    report_ids = sorted({c["report_id"] for c in claims})
    spans = _spans_for(store, report_ids)
    texts = {rid: Q.report_text(store, rid) for rid in report_ids} if signed_in else {}
    fields = []
    for name, label, col, keys in FIELDS:
        if name in ("killed", "civilians_killed", "injured"):
            low, best, high = detail[f"{col}_low"], detail[f"{col}_best"], detail[f"{col}_high"]
            value = rng(low, best, high)
        elif name == "date":
            low, best, high = detail["date_start"], None, detail["date_end"]
            value = (f"{low}" if low == high else f"{low} … {high}") + f" ({detail['date_precision']})"
        elif name == "place":
            low = best = high = None
            bits = [detail.get("location"), detail.get("admin2"), detail.get("admin1"), detail.get("country")]
            value = ", ".join(str(b) for b in bits if b) + (f" — precision {detail['geo_precision']}"
                                                           if detail.get("geo_precision") else "")
        else:
            low = best = high = None
            value = detail.get(col) or "—"
        evidence = []
        for c in claims:
            for key in keys:
                ev = (c["data"].get("evidence") or {}).get(key)
                if not isinstance(ev, dict):
                    continue
                item = {"claim": c["key"], "report": c["sha256"], "source": c["source"], "published": c["published"],
                        "quote": privacy.quote_for(ev, spans.get(c["report_id"], []), public)}
                if signed_in and ev.get("start") is not None:
                    item["context"] = privacy.context_for(texts[c["report_id"]], ev, spans.get(c["report_id"], []))
                evidence.append(item)
        fields.append({"name": name, "label": label, "value": value, "low": low, "best": best, "high": high,
                       "evidence": evidence})
    seen: set[str] = set()
    reports: dict[str, dict[str, Any]] = {}
    for c in claims:
        rep = reports.get(c["sha256"])
        if rep is None:
            rep = reports[c["sha256"]] = {
                "sha256": c["sha256"], "ext_id": c["ext_id"], "title": c["title"], "source": c["source"],
                "published": c["published"], "url": c["url"], "claims": [],
                "contribution": _contribution(c["source"], seen)}
        rep["claims"].append(c["key"])
    links = [{"claim": c["key"], "report": c["sha256"], "source": c["source"], "why": c["why"]} for c in claims]
    claim_out = [{"key": c["key"], "report": c["sha256"],
                  "data": privacy.public_claim(c["data"], spans.get(c["report_id"], []), public)} for c in claims]
    figures: dict[str, list[dict[str, Any]]] = {}
    by_key = {c["key"]: c for c in claim_out}
    for kind, items in (data.get("figures") or {}).items():
        figures[kind] = []
        for it in items:
            ev = by_key.get(it.get("claim"), {}).get("data", {}).get("evidence", {}).get(kind)
            figures[kind].append({**it, "quote": ev["text"] if ev else (None if public else it.get("quote"))})
    inc = {k: detail.get(k) for k in (*Q.LIST_COLUMNS, "created_at", "updated_at")}
    inc.update({"redirected_from": detail.get("redirected_from"), "sources": data.get("sources", []),
                "grade_computed": data.get("grade_computed"), "grade_reason": data.get("grade_reason"),
                "perpetrators": data.get("perpetrators", []), "figures": figures,
                "killed": rng(detail["killed_low"], detail["killed_best"], detail["killed_high"]),
                "injured": rng(detail["injured_low"], detail["injured_best"], detail["injured_high"])})
    history = [{"seq": h["seq"], "at": h["at"], "who": h["who"], "action": h["action"], "payload": h["payload"],
                "reason": h["reason"], "hash": h["hash"], "prev_hash": h["prev_hash"], "incident_id": h["incident_id"]}
               for h in Q.history_of(store, detail["id"])]
    return {"incident": inc, "fields": fields, "reports": list(reports.values()), "links": links,
            "claims": claim_out, "history": history}


def _claim_summary(c: dict[str, Any], spans: list[tuple[int, int]], public: bool) -> dict[str, Any]:
    d = c["data"]
    return {"key": c["key"], "incident_id": c["incident_id"], "date_start": d.get("date_start"),
            "date_end": d.get("date_end"), "location": d.get("location"), "admin1": d.get("admin1"),
            "perpetrator": d.get("perpetrator"), "event_type": d.get("event_type"),
            "killed": rng(d.get("killed_low"), None, d.get("killed_high")),
            "injured": rng(d.get("injured_low"), None, d.get("injured_high")), "main": d.get("main"),
            "evidence": privacy.public_claim(d, spans, public)["evidence"]}


def _with_claims(store: Store, rows: list[dict[str, Any]], signed_in: bool) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    claims = Q.claims_of_reports(store, ids)
    spans = Q.sensitive_spans(store, ids)
    out = []
    for r in rows:
        item = {k: r.get(k) for k in ("sha256", "ext_id", "title", "published", "url", "language", "source",
                                      "source_id", "text_public")}
        item["claims"] = [_claim_summary(c, spans[r["id"]], not signed_in) for c in claims[r["id"]]]
        out.append(item)
    return out


def calendar_view(store: Store, month: str | None, source_id: int | None) -> dict[str, Any]:
    """Reports by publication date: every month with reports, and one month's days as a calendar."""
    days = Q.report_months(store, source_id)
    months: dict[str, int] = {}
    for d in days:
        key = d["day"].strftime("%Y-%m")
        months[key] = months.get(key, 0) + d["n"]
    if month is None and months:
        month = max(months)
    grid: list[list[dict[str, Any] | None]] = []
    if month:
        try:
            first = dt.date.fromisoformat(month + "-01")
        except ValueError:
            raise Q.FilterError(f"month {month!r} is not YYYY-MM") from None
        counts = {d["day"]: d["n"] for d in days}
        week: list[dict[str, Any] | None] = [None] * first.weekday()
        day = first
        while day.month == first.month:
            week.append({"day": day, "n": counts.get(day, 0)})
            if len(week) == 7:
                grid.append(week)
                week = []
            day += dt.timedelta(days=1)
        if week:
            grid.append(week + [None] * (7 - len(week)))
    return {"month": month, "months": [{"month": k, "n": v} for k, v in sorted(months.items())],
            "calendar": grid, "sources": Q.source_list(store), "source_id": source_id}


def day_view(store: Store, day: dt.date, signed_in: bool) -> dict[str, Any]:
    """News items published on one day, each with its extracted claims."""
    rows = Q.find_reports(store, day=day, limit=500)
    return {"day": day, "previous": day - dt.timedelta(days=1), "next": day + dt.timedelta(days=1),
            "reports": _with_claims(store, rows, signed_in)}


def source_view(store: Store, source_id: int, page: int, signed_in: bool) -> dict[str, Any] | None:
    """One publisher's reports, newest first, each with its extracted claims."""
    src = Q.source_row(store, source_id)
    if src is None:
        return None
    rows = Q.find_reports(store, source_id=source_id, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    return {"source": {k: src.get(k) for k in ("id", "name", "kind", "affiliation", "url")}, "page": page,
            "has_next": len(rows) > PAGE_SIZE, "reports": _with_claims(store, rows[:PAGE_SIZE], signed_in)}


def report_view(store: Store, sha256: str, signed_in: bool) -> dict[str, Any] | None:
    """One report: metadata, claims, and its text only for reviewers or once a reviewer published it."""
    row = Q.report_by_sha(store, sha256, with_text=True)
    if row is None:
        return None
    spans = Q.sensitive_spans(store, [row["id"]])[row["id"]]
    text = row.pop("text")
    origin = row.pop("origin")
    report = _with_claims(store, [row], signed_in)[0]
    report["retrieved_at"] = row.get("retrieved_at")
    report["published_from"] = row.get("published_from")
    if signed_in:
        marks = [(int(e["start"]), int(e["end"])) for c in report["claims"] for e in c["evidence"].values()
                 if e.get("start") is not None]
        report["origin"] = origin
        report["text_pieces"] = privacy.pieces(text, 0, marks, spans, public=False)
        report["sensitive_spans"] = [list(s) for s in spans]
    elif row["text_public"]:
        report["text_pieces"] = privacy.pieces(text, 0, [], spans, public=True)
    else:
        report["text_pieces"] = None
    history = [{"seq": h["seq"], "at": h["at"], "who": h["who"], "action": h["action"],
                "payload": json.loads(json.dumps(h["payload"])), "reason": h["reason"], "hash": h["hash"]}
               for h in Q.report_actions(store, sha256)]
    return {"report": report, "history": history}
