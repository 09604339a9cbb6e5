"""Choosing the incident's place among the toponyms of a report, with ACLED geo-precision."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from harmwatch.geo import cues
from harmwatch.geo.gazetteer import Gazetteer
from harmwatch.geo.normalize import ar_norm, is_arabic, name_key
from harmwatch.geo.toponyms import Mention, ToponymFinder
from harmwatch.records import Place, PlaceMatch, Span

_FEATURE_WEIGHT = {"populated place": 0.6, "other": 0.5, "admin2": 0.3, "admin1": 0.2, "natural": -0.3}
_CACHE_SIZE = 64
#: "X ... in [up to four words] Y province": the end of the words between a town and its container
_IN_TAIL = re.compile(r"\b(?:in|of|within)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.I)
_SENT_END = re.compile(r"[.!?\n](?=\s|$)")
_CONTAINER_GAP = 120  # characters at most between a town and the container phrase of its sentence
_NEAR_KM = 100  # "near the report's other places" (see Resolver._near_others)
_DIR_WORDS = frozenset("north south east west northern southern eastern western northeast northwest southeast "
                       "southwest northeastern northwestern southeastern southwestern".split())
_REGION_WORDS = frozenset("rural countryside province governorate suburbs region desert plain plains outskirts "
                          "environs periphery of".split())
#: Selection weights (see docs/geo.md): cue words, roles, feature kind, position, governorate support.
WEIGHTS: dict[str, float] = {
    "cue_in": 1.0, "cue_near": 1.0, "cue_region": 0.8, "role_ref": -2.0, "role_container": -1.0,
    "role_speaker": -2.0, "region_admin1": 0.5, "feature": 1.0, "first": 0.8, "decay": 1.0,
    "loose": -0.8, "support": 0.25, "support_cap": 1.0, "unnamed": -0.5,
    "pos_rank": 2.0, "vote_cue": 1.0, "vote_ref": 0.3, "capital": 0.3, "vote_gov": 1.5, "vote_unnamed": 0.5,
    "general": -1.0, "context": 0.3, "vote_casualty": 5.0, "vote_calm": 0.3, "sentence_gov": 0.4, "near_others": 0.3,
}


def _unit_region(p: Place) -> bool:
    """A region of the shipped features table that lies in one governorate (Eastern Ghouta, Qalamoun,
    Jabal al-Zawiya): naming it names that governorate as surely as its own name does."""
    return p.feature in ("natural", "other") and bool(p.admin1) and p.id.startswith("harmwatch:")


def _namesakes(r: Reading) -> frozenset[str]:
    """Ids of a reading's best-matched candidates when they are towns in two or more governorates (and
    no governorate of that name is among them), else empty."""
    top = max(s for _, s in r.cands)
    best = [p for p, s in r.cands if s >= top]
    if len({p.admin1 for p in best}) < 2 or any(p.feature == "admin1" for p, _ in r.cands):
        return frozenset()
    return frozenset(p.id for p in best)


@dataclass(slots=True)
class Reading:
    """A place mention read in its sentence: candidates, the cue before it, its role."""

    m: Mention
    cands: list[tuple[Place, float]]
    cue: str = ""            # "in", "near", "region" or ""
    cue_start: int = -1
    cue_end: int = -1
    casualty: bool = False  # a casualty word in the mention's own clause ("two killed in X")
    calm: bool = False  # its clause tells a non-violent event and no violence ("food aid dropped on X")
    province: bool = False   # "X province/governorate": the unit, not the town
    town: bool = False       # "مدينة/بلدة/قرية X": the town X, not a governorate of the same name
    role: str = ""           # "ref" (X southeast of *Y*), "container" (X in *Y*), "speaker", ""
    bearing: tuple[int, float] | None = None  # (index of the reference reading, compass degrees)
    chosen: Place | None = None
    container: Reading | None = None  # "X (neighbourhood) in *Y*": the unit X lies in
    standin: Reading | None = None  # the reference whose place stands in for an unknown X
    standin_unit: bool = False  # the standin's governorate stands in (region level), not its town
    named: Counter[str] | None = None  # governorates the whole text names (shared by its readings)
    keys: frozenset[str] = frozenset()  # name keys of the mention (to spot a governorate's namesake town)
    score: float = 0.0
    notes: list[str] = field(default_factory=list)


class Resolver:
    """records.PlaceResolver over a Gazetteer: finds toponyms and picks the incident's place."""

    def __init__(self, gazetteer: Gazetteer, countries: Sequence[str] = ("SY",), region_points: bool = False) -> None:
        self.gaz = gazetteer
        self.countries = frozenset(c.upper() for c in countries)
        self.finder = ToponymFinder(gazetteer)
        #: give region-level matches (precision 3) a point, as ACLED does: the governorate's capital (the town
        #: it is named after), else the unit's own point. Off by default: a region claim has lat/lon null and
        #: its point in derived_point (the seed's expected output, /work/shared/seed/expected.json).
        self.region_points = region_points
        self._cache: dict[str, list[Reading]] = {}
        self._seats: dict[str, tuple[float, float] | None] = {}

    # ---------------------------------------------------------------- reading the text
    def readings(self, text: str) -> list[Reading]:
        """The text's place mentions with cues, roles and chosen candidates (cached per text)."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        mentions = self.finder.find(text)
        allowed = self.countries | {m.country for m in mentions if m.country}
        # a governorate of another country named by its own name (Nineveh, نينوى, al-Anbar) names that country
        allowed |= {p.country for m in mentions if not m.country and not m.loose
                    and not any(q.country in allowed for q, _ in m.cands)
                    for p, sc in m.cands if p.feature == "admin1" and sc >= 1.0}
        rs = []
        for m in mentions:
            if m.country:
                continue
            cands = [(p, s) for p, s in m.cands if p.country in allowed]
            if cands:
                rs.append(Reading(m, cands, keys=frozenset({name_key(m.quote)})))
        self._read_cues(text, rs)
        self._choose(rs, self._sentence_govs(text, rs))
        self._sentence_containers(text, rs)
        if len({r.chosen.admin1 for r in rs if r.chosen is not None}) > 1 and rs[0].m.start < cues.LEAD_CHARS:
            # several governorates: mark the lead's casualty clauses (only then can they change the vote)
            hits = [m.span() for m in cues.CASUALTY.finditer(text, 0, cues.LEAD_CHARS + cues.CLAUSE_CHARS)]
            for r in rs if hits else ():
                if r.m.start < cues.LEAD_CHARS:
                    r.casualty = self._in_casualty_clause(text, r.m.start, r.m.end, hits)
            # the lead's non-violent clauses ("a protest in X and shelling on Y"): context, not the incident
            calm = [m.span() for m in cues.CALM.finditer(text, 0, cues.LEAD_CHARS + cues.CLAUSE_CHARS)]
            for r in rs if calm else ():
                if r.m.start < cues.LEAD_CHARS and self._in_casualty_clause(text, r.m.start, r.m.end, calm):
                    cs, ce = self._clause(text, r.m.start, r.m.end)
                    r.calm = not cues.VIOLENCE.search(text, cs, ce)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[text] = rs
        return rs

    def _read_cues(self, text: str, rs: list[Reading]) -> None:
        """Mark each reading's cue ("in", "near", "region") and role from the words around it."""
        for k, r in enumerate(rs):
            if is_arabic(r.m.quote):
                self._read_cues_ar(text, rs, k)
                continue
            s, e = r.m.start, r.m.end
            before = text[max(0, s - cues.BEFORE_CHARS):s]
            after = text[e:e + 60]
            tail = before.rstrip()
            cut = tail.rfind(" ")
            last = tail[cut + 1:].lower()
            gate = last in cues.LAST_WORDS  # every *_BEFORE pattern ends in one of these words
            if last == "the":  # the patterns allow a "the" after their own last word
                tail2 = tail[:cut].rstrip()
                last = tail2[tail2.rfind(" ") + 1:].lower()
            mb = cues.REGION_BEFORE.search(before) if gate and last in cues.REGION_LAST else None
            ma = cues.REGION_AFTER.match(after)
            if mb or ma:
                r.cue = "region"
                r.cue_start = s - len(before) + mb.start() if mb else s
                r.cue_end = e + ma.end() if ma else e
                r.province = bool(cues.PROVINCE_AFTER.match(after)) or bool(
                    mb and ("province" in mb.group().lower() or "governorate" in mb.group().lower()))
            elif gate and last in cues.NEAR_LAST and (mn := cues.NEAR_BEFORE.search(before)):
                r.cue, r.cue_start, r.cue_end = "near", s - len(before) + mn.start(), e
            elif gate and (mi := cues.IN_BEFORE.search(before)):
                r.cue, r.cue_start, r.cue_end = "in", s - len(before) + mi.start(), e
            if cues.SPEAKER_AFTER.match(after) or (
                    last in cues.SPEAKER_LAST and cues.SPEAKER_BEFORE.search(before[-30:])):
                r.role = "speaker"
            if k + 1 < len(rs):
                nxt = rs[k + 1]
                between = text[e:nxt.m.start]
                if mbear := cues.BEARING_AFTER.match(between):
                    deg = cues.direction_deg(mbear.group(1))
                    if deg is not None:
                        r.bearing = (k + 1, deg)
                    nxt.role = nxt.role or "ref"
                    r.cue_end = max(r.cue_end, nxt.m.end)
                elif not any(p.feature == "admin1" for p, _ in r.cands) and cues.CONTAINER_AFTER.match(between) and any(
                        p.feature in ("admin1", "admin2") or p.population >= 20_000 for p, _ in nxt.cands):
                    nxt.role = nxt.role or "container"
                    r.container = nxt

    @staticmethod
    def _read_cues_ar(text: str, rs: list[Reading], k: int) -> None:
        """The cue and role of an Arabic mention: "مدينة/بلدة/قرية X" (the town), "ريف X" (its countryside),
        "محافظة X" (the governorate), "قرب/شرق X" (near), "في/على X" (in), "X شمال Y" (Y a reference),
        "X في/بريف Y" (Y contains X). Clitics glued to a cue word or the name count ("بمدينة", "بالرقة")."""
        r = rs[k]
        s, e = r.m.start, r.m.end
        ws = cues.ar_words_before(text, s)
        glued = ""
        if ws and ws[-1][0] + len(ws[-1][1]) >= s and s > 0 and not text[s - 1].isspace():
            glued = ws.pop()[1]  # "ب" of "بالرقة", "ل" of "لحلب"
        w = [cues.ar_unclitic(x, cues.AR_VOCAB) for _, x in ws]
        w1 = w[-1] if w else ""
        w2 = w[-2] if len(w) > 1 else ""
        w3 = w[-3] if len(w) > 2 else ""
        first = ar_norm(r.m.quote.split()[0]) if r.m.quote.split() else ""
        if first in cues.AR_TOWN:  # the name itself opens with the unit word ("مخيم اليرموك")
            r.town = True
        near_pair = w1 == "من" and w2 in ("بالقرب", "قرب", "مقربه", "القرب", "كم")
        cue, at = "", -1
        if w1 in cues.AR_TOWN and not glued:
            r.town, cue, at = True, "in", len(ws) - 1
            if w2 in cues.AR_SPEAKER:
                r.role = "speaker"  # "نزحوا إلى مخيم X": where people went, not the event
            if w2 in cues.AR_NEAR or w2 in cues.AR_DIR_WORDS or w2 in cues.AR_COUNTRYSIDE or (
                    w2 == "من" and w3 in ("بالقرب", "قرب", "مقربه", "القرب", "كم")):
                cue, at = "near", len(ws) - (3 if w2 == "من" else 2)
        elif w1 in cues.AR_COUNTRYSIDE and not glued:
            cue, at = "region", len(ws) - 1
        elif glued in ("ل", "ول") and w1 in cues.AR_DIR_ADJ and w2 == "الريف":
            cue, at = "region", len(ws) - 2  # "الريف الشرقي لحلب"
        elif w1 in cues.AR_PROVINCE and not glued:
            cue, at = "region", len(ws) - 1
            r.province = True
        elif not glued and (w1 in cues.AR_NEAR or near_pair or w1 in cues.AR_DIR_WORDS):
            cue, at = "near", len(ws) - (2 if near_pair else 1)
            if w2 in cues.AR_DIR_WORDS and not near_pair:
                at -= 1  # "شمال شرق X"
        elif not glued and w1 in cues.AR_SPEAKER:
            r.role = "speaker"
        elif glued.endswith(("ب", "ل")) or (not glued and w1 in cues.AR_IN) or r.town:
            cue, at = "in", len(ws) - 1 if not glued and w1 in cues.AR_IN else -1
        after = cues._AR_WORDS.match(text, e + 1) if text[e:e + 1] == " " else None
        if after is not None and ar_norm(after.group()) in cues.AR_PART_AFTER and cue in ("in", ""):
            cue, r.town = "near", True  # "أحياء حلب الشرقية": a part of the city
        if cue:
            r.cue = cue
            r.cue_start = ws[at][0] if 0 <= at < len(ws) else s
            r.cue_end = e
        if k + 1 < len(rs):
            nxt = rs[k + 1]
            between = ar_norm(text[e:nxt.m.start])
            if len(between) > 40 or not is_arabic(nxt.m.quote):
                return
            if mb := cues.AR_BEARING_AFTER.match(between):
                deg = cues.ar_direction_deg(mb.group(1), mb.group(2))
                if deg is not None:
                    r.bearing = (k + 1, deg)
                nxt.role = nxt.role or "ref"
            elif between.strip() and cues.AR_CONTAINER_AFTER.match(between) and not any(
                    p.feature == "admin1" for p, _ in r.cands) and any(
                    p.feature in ("admin1", "admin2") or p.population >= 20_000 for p, _ in nxt.cands):
                nxt.role = nxt.role or "container"
                r.container = nxt

    @staticmethod
    def _clause(text: str, s: int, e: int) -> tuple[int, int]:
        """The bounds of the clause around text[s:e] (cues.CLAUSE_END, at most CLAUSE_CHARS either side)."""
        lo = max(0, s - cues.CLAUSE_CHARS)
        cs = lo
        for m in cues.CLAUSE_END.finditer(text, lo, s):
            cs = m.end()
        m2 = cues.CLAUSE_END.search(text, e, e + cues.CLAUSE_CHARS)
        return cs, (m2.start() if m2 else min(len(text), e + cues.CLAUSE_CHARS))

    @staticmethod
    def _in_casualty_clause(text: str, s: int, e: int, hits: list[tuple[int, int]]) -> bool:
        """Whether a word of hits (casualty or calm words) lies in the clause of text[s:e] (no ;/,/and/sentence
        end between)."""
        for cs, ce in hits:
            if ce <= s and s - ce <= cues.CLAUSE_CHARS and not cues.CLAUSE_END.search(text, ce, s):
                return True
            if cs >= e and cs - e <= cues.CLAUSE_CHARS and not cues.CLAUSE_END.search(text, e, cs):
                return True
        return False

    @staticmethod
    def _sentence_govs(text: str, rs: list[Reading]) -> list[frozenset[str]]:
        """For each reading of namesakes (see _namesakes), the governorates the other mentions of its sentence
        name (by the governorate's own name, or a region wholly inside one); empty for the others."""
        out: list[frozenset[str]] = [frozenset()] * len(rs)
        multi = [k for k, r in enumerate(rs) if len(r.cands) > 1 and _namesakes(r)]
        if not multi:
            return out
        govs: dict[int, set[str]] = {}
        for j, r in enumerate(rs):
            if r.m.loose:
                continue
            for p, sc in r.cands:
                if sc >= 0.9 and p.feature != "populated place" and p.admin1 and (
                        p.feature == "admin1" or _unit_region(p)):
                    govs.setdefault(j, set()).add(p.admin1)
        if not govs:
            return out
        ends = [m.start() for m in _SENT_END.finditer(text)]
        sent = {j: bisect.bisect_left(ends, rs[j].m.start) for j in govs}
        for k in multi:
            sk = bisect.bisect_left(ends, rs[k].m.start)
            acc = [g for j, g in govs.items() if j != k and sent[j] == sk]
            if acc:
                out[k] = frozenset().union(*acc)
        return out

    def _choose(self, rs: list[Reading], sgovs: list[frozenset[str]] | None = None) -> None:
        """Pick each mention's place: governorates named nearby (its sentence, then the report), distance
        to other places, bearings."""
        named: Counter[str] = Counter()
        anchors: list[tuple[int, Place]] = []
        for k, r in enumerate(rs):
            named.update({p.admin1 for p, _ in r.cands if p.admin1 and (
                p.feature == "admin1" or (p.feature != "populated place" and _unit_region(p)))})
            pts = [p for p, _ in r.cands if p.lat is not None]
            if len(pts) == 1 or (pts and len({(round(p.lat or 0, 1), round(p.lon or 0, 1)) for p in pts}) == 1):
                anchors.append((k, pts[0]))
        for r in rs:
            r.named = named
        anchor_pts = [(j, q.lat, q.lon) for j, q in anchors if q.lat is not None and q.lon is not None]
        scored: list[list[tuple[Place, float]]] = []
        for k, r in enumerate(rs):
            row: list[tuple[Place, float]] = []
            scored.append(row)
            for p, s in r.cands:
                sc = s
                if r.cue == "region" and p.feature == "admin1":
                    sc += 0.5
                elif p.feature == "populated place":
                    sc += 0.2
                elif p.feature == "other":
                    sc += 0.1
                if r.town:  # "مدينة الرقة": the town, not the governorate of the same name
                    sc += 0.8 if p.feature == "populated place" else (-0.8 if p.feature == "admin1" else 0.0)
                if p.feature == "populated place" and p.admin1 and name_key(p.admin1) in r.keys:
                    sc += WEIGHTS["capital"]  # the town a governorate is named after, not a namesake
                if p.admin1 and named[p.admin1] - (p.feature == "admin1") > 0:
                    sc += 0.3
                    if sgovs and p.admin1 in sgovs[k] and s >= max(x for _, x in r.cands):
                        sc += WEIGHTS["sentence_gov"]  # its own sentence names that governorate
                elif named:
                    sc -= 0.4  # its governorate is never named while others are: likely a homonym
                if p.lat is not None and p.lon is not None:
                    plat, plon = p.lat, p.lon
                    for j, qlat, qlon in anchor_pts:
                        if j != k and abs(qlat - plat) < 0.6 and abs(qlon - plon) < 0.8 \
                                and cues.haversine_km(plat, plon, qlat, qlon) < 60:
                            sc += 0.2
                            break
                    if r.bearing:
                        sc += self._bearing_fit(p, rs[r.bearing[0]], r.bearing[1])
                sc += 0.05 * math.log10(p.population + 1) / 7
                row.append((p, sc))
        self._near_others(rs, scored)
        for k, r in enumerate(rs):
            best, best_score = None, -math.inf
            for p, sc in scored[k]:
                if best is None or sc > best_score:
                    best, best_score = p, sc
            r.chosen = best
            box = r.container
            if box is not None and best is not None and not self._inside(best, box):
                # "al-Zahraa neighbourhood of Homs" and no Zahraa in Homs: a namesake elsewhere is wrong
                r.chosen, r.standin = None, box
                continue
            ref = rs[r.bearing[0]] if r.bearing else None
            if ref and best is not None and self._bearing_fit(best, ref, r.bearing[1]) < 0:  # type: ignore[index]
                # "X north of Y" and no X lies there: the gazetteer lacks X, so Y stands in, as "near Y"
                r.chosen, r.cue, r.standin = None, "near", ref

    @staticmethod
    def _near_others(rs: list[Reading], scored: list[list[tuple[Place, float]]]) -> None:
        """Namesakes in several governorates: the candidate near the report's other places (the best
        candidate of each mention whose candidates all lie in one governorate) gets WEIGHTS["near_others"]
        when it lies within NEAR_KM of one and some other candidate does not. Only true namesakes (towns
        matched equally well, no governorate among them): a closer spelling is never outvoted by distance
        ("Daraa" is not Darayya because Darayya lies near the report's other places)."""
        amb = [k for k, r in enumerate(rs) if len(r.cands) > 1 and _namesakes(r)]
        if not amb or len(rs) < 2:
            return
        pts: list[tuple[int, float, float]] = []
        for j, r in enumerate(rs):
            if j in amb or r.role in ("speaker",) or r.m.loose or not scored[j]:
                continue
            q = max(scored[j], key=lambda ps: ps[1])[0]
            if q.lat is not None and q.lon is not None and q.feature != "admin1":
                pts.append((j, q.lat, q.lon))
        if not pts:
            return
        for k in amb:
            top = _namesakes(rs[k])
            near = [p.id in top and any(j != k and p.lat is not None and p.lon is not None and abs(p.lat - qlat) < 1.0
                        and abs(p.lon - qlon) < 1.3
                        and cues.haversine_km(p.lat, p.lon, qlat, qlon) < _NEAR_KM for j, qlat, qlon in pts)
                    for p, _ in scored[k]]
            if any(near) and not all(near):
                scored[k] = [(p, sc + WEIGHTS["near_others"] * f) for (p, sc), f in zip(scored[k], near, strict=True)]

    def _sentence_containers(self, text: str, rs: list[Reading]) -> None:
        """Homonyms read against the governorate their own sentence puts them in.

        "the town of X controlled by IS in Syria's oil-rich Y province": Y (a governorate read as a region:
        "Y province", "Y countryside", "eastern Y", or "in Y" by its own name, "in Y city"), or a town's
        countryside ("in the Salamiyah countryside": its governorate or 40 km around it) contains X even
        when words stand between them, as long as no clause ends between (no comma, "and", sentence end)
        and "in" opens Y's phrase. X's candidate in Y (or within 40 km of it) is taken; with none there while
        X's candidates all lie in governorates the report never names, the gazetteer lacks this X and Y
        stands in at region level."""
        gidx = [j for j, g in enumerate(rs) if g.cue in ("region", "in") and g.chosen is not None and (
                g.cue == "region" or any(q.feature == "admin1" for q, _ in g.cands))]
        if not gidx or len(rs) < 2:
            return
        gset = set(gidx)
        for k, r in enumerate(rs):
            if k + 1 not in gset and k + 2 not in gset and k + 3 not in gset:
                continue
            if r.chosen is None or r.role or r.m.loose or r.province \
                    or r.chosen.feature in ("admin1", "admin2", "natural") or is_arabic(r.m.quote):
                continue
            box = r.container  # "X in Y countryside": now that Y is chosen, X is checked against Y itself
            for g in rs[k + 1:k + 4] if box is None else ():
                start = g.cue_start if 0 <= g.cue_start < g.m.start else g.m.start
                if start - r.m.end > _CONTAINER_GAP:
                    break
                gov = any(q.feature == "admin1" for q, _ in g.cands)
                if not (gov and (g.cue == "region" or (g.cue == "in" and any(
                        name_key(q.admin1 or "") in g.keys for q, _ in g.cands)))) and not (
                        g.cue == "region" and g.chosen is not None and g.chosen.feature == "populated place"
                        and g.chosen.admin1):
                    continue  # neither a governorate nor a town's countryside ("Y countryside")
                between = text[r.m.end:start]
                if _IN_TAIL.search(between) and not cues.CLAUSE_END.search(between):
                    box = g
                break
            if box is None or box.chosen is None or self._in_box(r.chosen, box):
                continue
            inside = [(p, s) for p, s in r.cands if self._in_box(p, box)]
            if inside:
                r.chosen = max(inside, key=lambda ps: (ps[1], ps[0].feature == "populated place",
                                                       ps[0].population))[0]
            elif r.named is not None and not any(p.admin1 and r.named[p.admin1] for p, _ in r.cands):
                r.chosen, r.standin, r.standin_unit = None, box, True

    def _in_box(self, p: Place, box: Reading) -> bool:
        """Whether p can lie in the container of its sentence: a governorate (see _inside), or a town's
        countryside ("the Salamiyah countryside"): the town's governorate or within 40 km of the town."""
        if any(q.feature == "admin1" for q, _ in box.cands):
            return self._inside(p, box)
        q = box.chosen
        if q is None or (q.admin1 and q.admin1 == p.admin1):
            return True
        return None not in (p.lat, p.lon, q.lat, q.lon) and \
            cues.haversine_km(p.lat, p.lon, q.lat, q.lon) < 40  # type: ignore[arg-type]

    @staticmethod
    def _inside(p: Place, box: Reading) -> bool:
        """Whether p can lie in the unit the container mention names (same governorate or near)."""
        for q, _ in box.cands:
            if q.admin1 and q.admin1 == p.admin1:
                return True
            if None not in (p.lat, p.lon, q.lat, q.lon) and \
                    cues.haversine_km(p.lat, p.lon, q.lat, q.lon) < 40:  # type: ignore[arg-type]
                return True
        return False

    @staticmethod
    def _bearing_fit(p: Place, ref: Reading, deg: float) -> float:
        """Bonus when p lies in the stated direction of the reference place, malus when it does not."""
        fits = []
        for q, _ in ref.cands:
            if q.lat is None or q.lon is None or p.lat is None or p.lon is None:
                continue
            d = cues.haversine_km(q.lat, q.lon, p.lat, p.lon)
            ok = d < 150 and (d < 3 or cues.angle_diff(cues.bearing(q.lat, q.lon, p.lat, p.lon), deg) <= 67.5)
            fits.append(ok)
        if not fits:
            return 0.0
        return 0.6 if any(fits) else -0.6

    # ---------------------------------------------------------------- choosing the incident's place
    def _score(self, r: Reading, scope: list[Reading], rank: int) -> float:
        """How likely a mention names the incident's place rather than context or a reference."""
        p = r.chosen
        assert p is not None
        w = WEIGHTS
        sc = w.get("cue_" + r.cue, 0.0) + w.get("role_" + r.role, 0.0)
        sc += w["region_admin1"] if (r.cue == "region" and p.feature == "admin1") else \
            _FEATURE_WEIGHT.get(p.feature, 0.0) * w["feature"]
        sc += w["first"] / (1 + rank) ** w["decay"]
        if r.m.loose:
            sc += w["loose"]
        if p.admin1:
            same = sum(1 for o in scope if o is not r and o.chosen and o.chosen.admin1 == p.admin1)
            sc += min(w["support_cap"], w["support"] * same)
            if r.named and not r.named[p.admin1]:
                sc += w["unnamed"]
        return sc

    def _vote(self, r: Reading, rank: int) -> float:
        """A reading's weight in choosing the governorate: early, cued, not a reference or speaker."""
        w = WEIGHTS
        v = 1.0 / (1.0 + rank * w["pos_rank"])
        v *= {"in": w["vote_cue"], "near": w["vote_cue"], "region": w["vote_cue"]}.get(r.cue, 1.0)
        v *= {"ref": w["vote_ref"], "container": 1.0, "speaker": w["vote_ref"]}.get(r.role, 1.0)
        if r.m.loose:
            v *= w["vote_ref"]
        if r.chosen is not None and r.chosen.feature == "natural" and not _unit_region(r.chosen):
            v *= w["vote_ref"]
        unnamed = False
        if r.chosen is not None and r.chosen.admin1 and (name_key(r.chosen.admin1) in r.keys or _unit_region(r.chosen)):
            v *= w["vote_gov"]  # the governorate itself (or its capital, or a region wholly inside it) is named
        elif r.named and r.chosen is not None and r.chosen.admin1 and not r.named[r.chosen.admin1]:
            v *= w["vote_unnamed"]  # a place in a governorate the text never names, while it names others
            unnamed = True
        if r.calm:
            v *= w["vote_calm"]  # "a protest in X and shelling on Y": X is context
        if r.casualty and not unnamed and not r.m.loose:
            # "two killed in X" in the lead: the incident's clause, not context (not for a word of an unknown
            # longer name, "Sadd" of "Sadd al-Loz", which names some other place)
            v *= w["vote_casualty"]
        # a spelling the gazetteer does not hold letter for letter is weaker evidence
        return v * max((s for p, s in r.cands if p is r.chosen), default=1.0)

    def locate(self, text: str, start: int, end: int, title: str | None = None) -> PlaceMatch | None:
        """The incident's place for text[start:end], using the whole text (and the title) for context.

        The segment's own mentions decide; the rest of the report and its title only break ties among
        the governorates the segment names, at WEIGHTS["context"] of their weight. A segment that names no
        place is located at the governorate the report names first and most (lead and title count more).
        A title is context only: a match is never taken from it when the text names a place, and a match
        read from the title alone has no span (its words are not in the text).
        """
        rs = self.readings(text)
        trs = [r for r in self.readings(title) if r.chosen] if title else []
        for r in (*rs, *trs):
            if r.standin is not None and r.standin.chosen is not None:
                r.chosen = r.standin.chosen
                if r.standin_unit:
                    r.chosen = self._admin1_place(r.chosen) or r.chosen
        inside = [r for r in rs if r.m.start >= start and r.m.end <= end and r.chosen]
        scope = inside or [r for r in rs if r.chosen]
        if not scope:
            return self._title_only(trs) if trs else None
        # First the governorate the segment is about, then the best-cued place inside it.
        votes: dict[str, float] = {}
        for rank, r in enumerate(scope):
            if r.chosen is not None and r.chosen.admin1:
                votes[r.chosen.admin1] = votes.get(r.chosen.admin1, 0.0) + self._vote(r, rank)
        if len(votes) > 1 or (trs and not inside):
            # the title and the rest of the text weigh in, among the governorates the segment names
            ctx = [*trs, *(r for r in rs if r.chosen and r not in scope)] if inside else trs
            for rank, r in enumerate(ctx):
                a1 = r.chosen.admin1 if r.chosen is not None else None
                if a1 and a1 in votes:
                    votes[a1] += WEIGHTS["context"] * self._vote(r, rank)
        top = max(votes, key=votes.__getitem__) if votes else None
        best, best_sc = None, -math.inf
        # A town of that governorate, read as a place of its own, is more than the governorate: "shelling
        # in the Idlib countryside and on Jisr al-Shughur" is located at Jisr al-Shughur.
        specific = any(self._specific(r) and (not top or r.chosen is not None and r.chosen.admin1 == top)
                       for r in scope)
        for rank, r in enumerate(scope):
            if top and r.chosen is not None and r.chosen.admin1 not in (top, None):
                continue
            sc = self._score(r, scope, rank)
            if specific and self._regional(r):
                sc += WEIGHTS["general"]
            if sc > best_sc:
                best, best_sc = r, sc
        if best is None:
            return None
        return self._match(text, best, region_only=not inside)

    def _title_only(self, trs: list[Reading]) -> PlaceMatch | None:
        """The governorate a title names when the text names no place: region level, no span in the text."""
        votes: dict[str, float] = {}
        for rank, r in enumerate(trs):
            if r.chosen is not None and r.chosen.admin1:
                votes[r.chosen.admin1] = votes.get(r.chosen.admin1, 0.0) + self._vote(r, rank)
        if not votes:
            return None
        top = max(votes, key=votes.__getitem__)
        p = next(r.chosen for r in trs if r.chosen is not None and r.chosen.admin1 == top)
        unit = self._admin1_place(p)
        if unit is None:
            return None
        derived = self._unit_point(unit)
        lat, lon = derived if derived is not None and self.region_points else (None, None)
        return PlaceMatch(country=unit.country, admin1=unit.admin1, admin2=None, location=unit.name, lat=lat,
                          lon=lon, geo_precision=3, place_id=unit.id, span=None, derived_point=derived)

    def _unit_point(self, unit: Place) -> tuple[float, float] | None:
        """A region's point: for a governorate its capital, the town it is named after (ACLED codes a
        province-level event at the provincial capital), else the unit's own representative point."""
        if unit.feature == "admin1":
            if unit.id not in self._seats:
                towns = [sp.place for n in (unit.name, *unit.alt_names) for sp in self.gaz.lookup(name_key(n))
                         if sp.place.feature == "populated place" and sp.place.admin1 == unit.admin1
                         and sp.place.country == unit.country and sp.place.lat is not None
                         and sp.place.lon is not None]
                seat = max(towns, key=lambda t: t.population, default=None)
                self._seats[unit.id] = None if seat is None or seat.lat is None or seat.lon is None \
                    else (seat.lat, seat.lon)
            pt = self._seats[unit.id]
            if pt is not None:
                return pt
        return (unit.lat, unit.lon) if unit.lat is not None and unit.lon is not None else None

    @staticmethod
    def _regional(r: Reading) -> bool:
        """A reading that names a governorate, district or natural feature as a whole (a region, not a town)."""
        p = r.chosen
        return p is not None and (p.feature in ("admin1", "admin2", "natural") or (
            r.cue == "region" and any(q.feature == "admin1" for q, _ in r.cands)))

    def _specific(self, r: Reading) -> bool:
        """A reading that names a town or site as a place of its own, not as a reference or speaker."""
        p = r.chosen
        return (p is not None and p.feature in ("populated place", "other") and not r.role and not r.m.loose
                and not self._regional(r))

    def _admin1_place(self, p: Place) -> Place | None:
        """The governorate place a place lies in (by its admin1 name)."""
        if p.feature == "admin1":
            return p
        if not p.admin1:
            return None
        for sp in self.gaz.lookup(name_key(p.admin1)):
            if sp.place.feature == "admin1" and sp.place.country == p.country and sp.place.admin1 == p.admin1:
                return sp.place
        return None

    @staticmethod
    def _city_part(r: Reading, text: str) -> Place | None:
        """The town behind "eastern/northern X" when X names both a governorate and its capital and no
        region word (countryside, rural, province...) follows or precedes: the words mean part of the city."""
        if r.cue != "region" or r.province or r.cue_start < 0:
            return None
        words = set(text[r.cue_start:max(r.cue_end, r.m.end)].lower().replace("-", "").split())
        if not words & _DIR_WORDS or words & _REGION_WORDS:
            return None
        towns = [p for p, _ in r.cands if p.feature == "populated place" and p.lat is not None and p.admin1
                 and name_key(p.admin1) in r.keys]
        if not towns or not any(p.feature == "admin1" for p, _ in r.cands):
            return None
        return max(towns, key=lambda p: p.population)

    def _rural_unit(self, r: Reading, text: str) -> Place | None:
        """'rural Damascus' names its own unit (Rif Dimashq) when the gazetteer has that spelling."""
        for form in (f"rural {r.m.quote}", f"{r.m.quote} countryside", f"rif {r.m.quote}"):
            for sp in self.gaz.lookup(name_key(form)):
                if sp.place.feature == "admin1" and sp.place.country in self.countries:
                    if "rural" in text[max(0, r.cue_start):r.cue_end].lower() or \
                            "countryside" in text[max(0, r.cue_start):r.cue_end].lower():
                        return sp.place
        return None

    def _match(self, text: str, r: Reading, region_only: bool) -> PlaceMatch:
        """The PlaceMatch for a chosen reading, with precision by feature and cue."""
        p = r.chosen
        assert p is not None
        s = r.cue_start if r.cue_start >= 0 else r.m.start
        e = max(r.cue_end, r.m.end)
        town = self._city_part(r, text)
        if town is not None:  # "eastern Aleppo": a part of the city, near the town (ACLED 2)
            return PlaceMatch(country=town.country, admin1=town.admin1, admin2=town.admin2, location=town.name,
                              lat=town.lat, lon=town.lon, geo_precision=2, place_id=town.id,
                              span=Span(s, e, text[s:e]))
        if r.cue == "region" and (p.feature == "admin1" or r.province or
                                  any(q.feature == "admin1" for q, _ in r.cands)):
            unit = self._rural_unit(r, text) or (
                p if p.feature == "admin1" else next((q for q, _ in r.cands if q.feature == "admin1"), None))
            if unit is None:
                unit = self._admin1_place(p)
            if unit is not None:
                return self._region(text, unit, s, e, text[s:e].strip())
        if region_only or p.feature in ("admin1", "admin2", "natural"):
            unit = p if p.feature in ("admin1", "admin2", "natural") else self._admin1_place(p)
            if unit is None:
                return PlaceMatch(p.country, p.admin1, None, None, None, None, None, None,
                                  Span(r.m.start, r.m.end, r.m.quote))
            return self._region(text, unit, r.m.start, r.m.end, unit.name)
        precision = 2 if (r.cue in ("near", "region") or p.feature == "other") else 1
        return PlaceMatch(country=p.country, admin1=p.admin1, admin2=p.admin2, location=p.name,
                          lat=p.lat, lon=p.lon, geo_precision=precision, place_id=p.id,
                          span=Span(s, e, text[s:e]))

    def _region(self, text: str, unit: Place, s: int, e: int, location: str) -> PlaceMatch:
        """A region-level match: the unit's names and its point as derived (as lat/lon with region_points)."""
        derived = self._unit_point(unit)
        lat, lon = derived if derived is not None and self.region_points else (None, None)
        admin2 = unit.admin2 if unit.feature == "admin2" else None
        return PlaceMatch(country=unit.country, admin1=unit.admin1, admin2=admin2, location=location,
                          lat=lat, lon=lon, geo_precision=3, place_id=unit.id,
                          span=Span(s, e, text[s:e]), derived_point=derived)
