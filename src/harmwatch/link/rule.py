"""Linking v1: claims join one incident by a plain, explainable rule (dates, place, actor, type)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Actor classes that act together often enough that reports blame one for the other's strike.
ALLIED_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"syrian_government", "russia", "iran_hezbollah"}),
    frozenset({"us_coalition", "sdf_kurdish"}),
)
#: Event types that never describe the same happening as a strike or a killing.
SEPARATE_EVENT_TYPES = frozenset({"Protests", "Riots", "Strategic developments"})


@dataclass(slots=True)
class LinkClaim:
    """What linking reads of one claim."""

    key: str
    report: str              # report identity: two claims of one report never join
    start: dt.date | None
    end: dt.date | None
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    perpetrator_class: str | None
    event_type: str | None
    killed: int | None
    published: dt.date | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> LinkClaim:
        d = row["data"]
        return cls(key=row["key"], report=row["sha256"], start=_d(d.get("date_start")), end=_d(d.get("date_end")),
                   country=d.get("country"), admin1=d.get("admin1"), location=d.get("location"),
                   lat=d.get("lat"), lon=d.get("lon"), perpetrator_class=d.get("perpetrator_class"),
                   event_type=d.get("event_type"), killed=d.get("killed_low"), published=_d(row.get("published")))

    def window(self, slack: int) -> tuple[dt.date, dt.date] | None:
        """The days the incident may have happened on, widened by `slack`."""
        start = self.start or self.published
        end = self.end or self.start or self.published
        if start is None or end is None:
            return None
        if self.start is None:  # undated claim: the report's week
            start = start - dt.timedelta(days=7)
        return start - dt.timedelta(days=slack), end + dt.timedelta(days=slack)


def _d(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def compatible(a: LinkClaim, b: LinkClaim, max_km: float, max_days: int) -> tuple[bool, str]:
    """Whether two claims may tell one incident, and the reason in words."""
    if a.report == b.report:
        return False, "same report"
    wa, wb = a.window(max_days), b.window(max_days)
    if wa is None or wb is None or wa[1] < wb[0] or wb[1] < wa[0]:
        return False, "dates do not overlap"
    if a.country and b.country and a.country != b.country:
        return False, "different countries"
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        dist = km(a.lat, a.lon, b.lat, b.lon)
        if dist > max_km:
            return False, f"{dist:.0f} km apart"
        place = f"{dist:.1f} km apart"
    elif a.admin1 and b.admin1:
        if a.admin1 != b.admin1:
            return False, "different admin1"
        place = f"same admin1 {a.admin1}"
    else:
        return False, "no place to compare"
    ca, cb = a.perpetrator_class, b.perpetrator_class
    if ca and cb and ca != cb and "unknown" not in (ca, cb):
        if not any(ca in g and cb in g for g in ALLIED_CLASSES):
            return False, f"perpetrators {ca} / {cb}"
    ea, eb = a.event_type, b.event_type
    if ea and eb and ea != eb and (ea in SEPARATE_EVENT_TYPES or eb in SEPARATE_EVENT_TYPES):
        return False, f"event types {ea} / {eb}"
    return True, f"dates overlap, {place}, actors and types compatible"


@dataclass(slots=True)
class Cluster:
    """Claims taken as one incident, and why each joined."""

    members: list[LinkClaim] = field(default_factory=list)
    why: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return [m.key for m in self.members]


def cluster(claims: Iterable[LinkClaim], must: list[set[str]], cannot: set[frozenset[str]],
            max_km: float = 25.0, max_days: int = 1) -> list[Cluster]:
    """Group claims: reviewer groups first, then each claim joins the closest cluster it fits entirely."""
    by_key = {c.key: c for c in claims}
    clusters: list[Cluster] = []
    placed: set[str] = set()
    for group in must:
        members = [by_key[k] for k in sorted(group) if k in by_key and k not in placed]
        if members:
            cl = Cluster(members=members, why={m.key: {"rule": "reviewer decision"} for m in members})
            clusters.append(cl)
            placed.update(m.key for m in members)
    rest = sorted((c for c in by_key.values() if c.key not in placed),
                  key=lambda c: (c.start or c.published or dt.date.min, c.key))
    for claim in rest:
        best: tuple[float, Cluster, str] | None = None
        for cl in clusters:
            reasons = []
            ok = True
            for m in cl.members:
                if frozenset((claim.key, m.key)) in cannot:
                    ok = False
                    break
                fits, reason = compatible(claim, m, max_km, max_days)
                if not fits:
                    ok = False
                    break
                reasons.append((m, reason))
            if not ok or not reasons:
                continue
            score = _closeness(claim, cl)
            if best is None or score < best[0]:
                best = (score, cl, f"with {reasons[0][0].key}: {reasons[0][1]}")
        if best is None:
            clusters.append(Cluster(members=[claim], why={claim.key: {"rule": "first report of it"}}))
        else:
            best[1].members.append(claim)
            best[1].why[claim.key] = {"rule": "v1 rule", "because": best[2]}
    return clusters


def _closeness(claim: LinkClaim, cl: Cluster) -> float:
    """Smaller is closer: mean distance in km, plus days apart, plus a count mismatch penalty."""
    total = 0.0
    for m in cl.members:
        if claim.lat is not None and claim.lon is not None and m.lat is not None and m.lon is not None:
            total += km(claim.lat, claim.lon, m.lat, m.lon)
        else:
            total += 10.0
        if claim.start and m.start:
            total += abs((claim.start - m.start).days) * 5
        if claim.killed and m.killed:
            total += abs(claim.killed - m.killed) / max(claim.killed, m.killed) * 5
    return total / len(cl.members)
