"""HXL-tagged CSV: a header row, then the HXL hashtag row, so humanitarian tools read the columns."""

from __future__ import annotations

import csv
import io
from typing import Any

from harmwatch.export.native import incident_record

#: (column title, HXL hashtag, native record key)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Incident ID", "#event+id", "incident_id"), ("Date", "#date", "date_start"),
    ("Date end", "#date+end", "date_end"), ("Date precision", "#date+precision", "date_precision"),
    ("Country", "#country+code", "country"), ("Admin 1", "#adm1+name", "admin1"), ("Admin 2", "#adm2+name", "admin2"),
    ("Location", "#loc+name", "location"), ("Latitude", "#geo+lat", "latitude"), ("Longitude", "#geo+lon", "longitude"),
    ("Point derived from region", "#geo+derived", "point_derived"),
    ("Geo precision", "#geo+precision", "geo_precision"),
    ("Perpetrator", "#org+perpetrator", "perpetrator"), ("Perpetrator class", "#org+perpetrator+type",
                                                          "perpetrator_class"),
    ("Event type", "#event+type", "event_type"), ("Sub-event type", "#event+type+sub", "sub_event_type"),
    ("Killed (low)", "#affected+killed+min", "killed_low"), ("Killed (best)", "#affected+killed", "killed_best"),
    ("Killed (high)", "#affected+killed+max", "killed_high"),
    ("Civilians killed (best)", "#affected+killed+civilians", "civilians_killed_best"),
    ("Injured (low)", "#affected+injured+min", "injured_low"), ("Injured (best)", "#affected+injured", "injured_best"),
    ("Injured (high)", "#affected+injured+max", "injured_high"), ("Grade", "#status+grade", "grade"),
    ("Review status", "#status+review", "review_status"), ("Reports", "#meta+count", "n_reports"),
    ("Sources", "#meta+source", "sources"),
)


def to_csv(incidents: list[dict[str, Any]], regions: dict[tuple[str, str], tuple[float, float]]) -> str:
    """Incidents (from export.public) as HXL-tagged CSV."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c[0] for c in COLUMNS])
    writer.writerow([c[1] for c in COLUMNS])
    for inc in incidents:
        rec = incident_record(inc, regions)
        writer.writerow(["" if rec.get(key) is None else rec.get(key) for _title, _tag, key in COLUMNS])
    return buf.getvalue()
