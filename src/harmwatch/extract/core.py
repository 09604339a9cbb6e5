"""extract_claims: one report in, one claim per incident out, every value with the words that support it."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from ..records import DocInput, PlaceResolver, empty_claim
from .actors import choose_perpetrator, find_actor_mentions
from .arabic import extract_claims_ar, is_arabic
from .casualties import DAILY_TALLY, Mention, casualties_mean_dead, list_total
from .dates import anchored_window, find_dates, precision_for, span_days
from .events import EventHit, find_event
from .patterns import Patterns, _norm_alias, load_patterns
from .segment import Segment, build_units, group_segments

EXTRACTOR_VERSION = "rules-1.7"
MIN_PERP_SCORE = 2


@functools.lru_cache(maxsize=1)
def _shipped_registry() -> dict[str, dict[str, Any]]:
    from ..link.sources import load_registry  # read only for documents that name their publisher

    return load_registry()


def _house_usage(source: str | None, registry: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    """The usage notes of the document's publishers ("SOHR; Waha Report": each one named); notes that
    disagree cancel out."""
    if not source or not source.strip():
        return {}
    reg = registry if registry is not None else _shipped_registry()
    out: dict[str, str] = {}
    clash: set[str] = set()
    for name in re.split(r"\s*[;,|]\s*", source):
        entry = reg.get(name.strip().casefold()) if name.strip() else None
        for k, v in ((entry or {}).get("usage") or {}).items():
            if k in out and out[k] != str(v):
                clash.add(k)
            out[k] = str(v)
    return {k: v for k, v in out.items() if k not in clash}


def _ev(text: str, a: int, b: int) -> dict[str, Any]:
    return {"start": a, "end": b, "quote": text[a:b]}


def _segment_date(seg: Segment, pub: dt.date | None, p: Patterns, text: str) -> None:
    """Date of a segment: an anchor to the previous incident, else its first event date phrase."""
    if seg.anchor is not None and seg.previous is not None and seg.previous.date is not None:
        sp = span_days(seg.anchor[0], p)
        if sp is not None:
            prev = seg.previous.date
            w = anchored_window((prev[0], prev[1]), sp, seg.anchor[1], pub, p)
            if w is not None:
                seg.date = w
                seg.date_span = seg.anchor_span
                return
    speech = None
    # the sentence that gives the incident's figure dates it best; then the others in order
    lead = next((k for k, u in enumerate(seg.units) if u.mentions), 0)
    order = [seg.units[lead]] + seg.units[:lead] + seg.units[lead + 1 :]
    horizon = pub - dt.timedelta(days=p.background_after_days) if pub is not None else None
    for u in order:
        for d in u.dates:
            if horizon is not None and u is not order[0] and d.end < horizon:
                continue  # an old date in another sentence is context ("since March 2011"), not this incident's
            if not d.speech:
                seg.date = (d.start, d.end, d.precision)
                seg.date_span = (d.span_start, d.span_end)
                return
            if speech is None:
                speech = d
    if speech is not None and speech.kind in ("explicit", "weekday", "relative"):
        seg.date = (speech.start, speech.end, speech.precision)
        seg.date_span = (speech.span_start, speech.span_end)


def _pick_first(ms: list[Mention]) -> Mention | None:
    """The report's lead figure: the first stated number, else the first vague one ('dozens')."""
    exact = [m for m in ms if not m.vague]
    return exact[0] if exact else (ms[0] if ms else None)


def _pick_max(ms: list[Mention]) -> Mention | None:
    best = None
    for m in ms:
        v = m.low if m.low is not None else m.high
        if v is None:
            continue
        bv = None if best is None else (best.low if best.low is not None else best.high)
        if bv is None or v > bv:
            best = m
    return best


_CAP = re.compile(r"(?<![\w’'])[A-Z][a-z][A-Za-z]*")
_NOT_PLACE = frozenset(
    "aerial islamic state syria syrian syrians russian russia turkish turkey regime warplanes warplane observatory "
    "monitor monitors casualties casualty more about number shells shell kurdish coalition international democratic "
    "forces army free front nusra daesh isis isil jabhat sham ahrar iran iranian hezbollah update shelling airstrikes "
    "airstrike bombardment clashes targeting civilians children people eastern western northern southern north south "
    "east west rebel rebels fatah government bomb blast attack massacre yesterday today including turkey-backed "
    "martyrs killed dead number city town village countryside province neighborhood neighborhoods areas helicopters "
    "explosion fighters members factions faction military witnesses report reports daily over after with".split()
)


def _place_keys(text: str, a: int, b: int) -> set[str]:
    """Consonant skeletons of the capitalised words of text[a:b] that may name a place ('Der-Ezzor' and 'Deir
    Ezzor' share 'zr'; 'Gerod' and 'Giroud' share 'grd'); the unit's first word and common headline words not."""
    out: set[str] = set()
    for m in _CAP.finditer(text, a, b):
        w = m.group().lower()
        if m.start() == a or w in _NOT_PLACE or len(w) < 4:
            continue
        sk = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", w))
        if len(sk) >= 2:
            out.add(sk)
    return out


def _headline_update(seg: Segment, chosen: Mention, text: str, p: Patterns) -> Mention | None:
    """A digest of headlines (joined by ';') that retells the lead incident with a larger figure ('Bombardment
    kills 23 in Der-Ezzor;37 killed by bombardment on Der-Ezzor'): the later headline updates the toll. Only
    headlines that share a place name with the lead's and name no other kind of victim count."""
    if chosen.vague or chosen.low is None:
        return None
    lead_u = next((k for k, u in enumerate(seg.units) if u.start <= chosen.start < u.end), None)
    if lead_u is None:
        return None
    keys = _place_keys(text, seg.units[lead_u].start, seg.units[lead_u].end)
    if not keys:
        return None
    best: Mention | None = None
    for k in range(lead_u + 1, len(seg.units)):
        u = seg.units[k]
        if ";" not in text[seg.units[k - 1].end : u.start] or not keys & _place_keys(text, u.start, u.end):
            continue
        if p.rx("trap_cumulative").search(text, u.start, u.end):
            continue  # a headline with a tally ("132 killed yesterday, including ...") retells no incident
        for m in u.mentions:
            if m.kind != "killed" or m.subset or m.vague or m.low is None:
                continue
            if m.victim and chosen.victim and m.victim != chosen.victim:
                continue
            if m.low > (best.low if best is not None and best.low is not None else chosen.low):
                best = m
            break  # a headline's first figure is its lead
    return best


# "... in Aleppo and Deir Ezzor", "on Tartous, Homs and Hasakeh": a lead that names several places
_PLACES = re.compile(
    r"\b(?:in|on|at|across|targeting|between)\s+(?:the\s+)?(?P<first>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})"
    r"(?:\s*,\s*[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})*\s*,?\s+and\s+[A-Z][\w’'\-]+"
)


def _split_lead(seg: Segment, chosen: Mention, text: str) -> Mention | None:
    """A lead total over several places that the next sentence splits by place: '10 civilians killed in rocket
    attacks on Aleppo and Deir Ezzor. 6 civilians were killed ... in Aleppo ...'. The incident is the first
    place's: the first figure of the next sentence with a figure, when it is smaller and that sentence names
    the lead's first place. (A total split inside one city, 'killed 18: eleven in Bab al-Nasr and seven in
    Fardous', names one place in the lead and stays whole.)"""
    if chosen.vague or chosen.low is None or chosen.low != chosen.high or chosen.toll:
        return None
    lead_u = next((k for k, u in enumerate(seg.units) if u.start <= chosen.start < u.end), None)
    if lead_u is None:
        return None
    lead = seg.units[lead_u]
    nxt = next((u for u in seg.units[lead_u + 1 :] if any(m.kind == "killed" for m in u.mentions)), None)
    if nxt is None:
        return None
    figs = [m for m in nxt.mentions if m.kind == "killed" and not m.subset and not m.vague and m.low is not None]
    if not figs or figs[0].low is None or not 0 < figs[0].low < chosen.low or figs[0].low != figs[0].high:
        return None
    a = figs[0]
    if a.victim and chosen.victim and a.victim != chosen.victim:
        return None
    pm = _PLACES.search(text, chosen.end, lead.end)
    if pm is not None and _place_keys(" " + pm.group("first"), 0, len(pm.group("first")) + 1) & _place_keys(
        text, nxt.start, nxt.end
    ):
        return a
    return None


def _casualties(seg: Segment, text: str = "", p: Patterns | None = None) -> dict[str, Any]:
    """Killed / civilians / injured / children / women of one incident from its mentions."""
    ms = seg.mentions
    killed = [m for m in ms if m.kind == "killed"]
    main_k = [m for m in killed if not m.subset]
    out: dict[str, Any] = {}
    tolls = [m for m in main_k if m.toll]
    chosen: Mention | None = _pick_first(main_k)
    if tolls and chosen is not None and not chosen.toll:
        t = tolls[-1]  # "the death toll rose to 35": a later, updated figure of the same incident
        if (t.low or t.high or 0) >= (chosen.low or chosen.high or 0):
            chosen = t
    if chosen is not None and not chosen.toll and text and p is not None:
        chosen = _headline_update(seg, chosen, text, p) or _split_lead(seg, chosen, text) or chosen
    kl: int | None = None
    kh: int | None = None
    ev_k: tuple[int, int] | None = None
    listed: tuple[int, int, int] | None = None
    if chosen is not None:
        kl, kh = chosen.low, chosen.high
        ev_k = (chosen.ev_start, chosen.ev_end)
        if p is not None and not chosen.toll and chosen.low is not None and chosen.low == chosen.high:
            u_end = next((u.end for u in seg.units if u.start <= chosen.start < u.end), seg.end)
            listed = list_total(text, chosen, u_end, p)
            if listed is not None:  # "kill 10 children, 5 women and a man": 16
                kl = kh = chosen.low + listed[0]
                ev_k = (min(chosen.ev_start, chosen.start), max(chosen.ev_end, listed[2]))
        # "5 civilians and 3 fighters were killed" in one sentence: disjoint groups add up
        for u in seg.units:
            grp = [m for m in u.mentions if m.kind == "killed" and not m.subset and not m.toll]
            cv = [m for m in grp if m.victim == "civilian"]
            cb = [m for m in grp if m.victim == "combatant"]
            if cv and cb and len(grp) == 2 and cv[0].low is not None and cb[0].low is not None:
                total_l = cv[0].low + cb[0].low
                if total_l > (kl or 0):
                    kl = total_l
                    kh = cv[0].high + cb[0].high if cv[0].high is not None and cb[0].high is not None else None
                    ev_k = (min(cv[0].ev_start, cb[0].ev_start), max(cv[0].ev_end, cb[0].ev_end))
    if kl is not None or kh is not None:
        out["killed"] = (kl, kh, ev_k)
    civ_ms = [m for m in killed if m.victim == "civilian"]
    chosen_victim = None if chosen is None else chosen.victim
    if chosen is not None and chosen_victim is None:
        # "Strikes kill 19 ... killing at least 19 ISIS fighters": the same figure told again names its dead
        same = [m for m in main_k if m is not chosen and m.victim and m.low is not None and m.low == chosen.low]
        if same:
            chosen_victim = same[0].victim
            if chosen_victim == "civilian":
                civ_ms.append(chosen)
    if chosen is not None and chosen_victim is None and not any(m.victim == "combatant" for m in killed):
        civ_ms.append(chosen)  # "20 killed in air strikes": no fighter named, the dead are civilians
        out["civ_by_default"] = True
    civ = chosen if chosen is not None and chosen in civ_ms else _pick_first(civ_ms)
    if civ is not None and civ is not chosen and kh is not None and civ.low is not None and civ.low > kh:
        civ = None  # more civilians than deaths: that figure belongs to another count ("hundreds since 2014")
    if listed is not None and (civ is chosen or civ is None):
        out["civilians"] = (listed[1], listed[1], ev_k)
    elif civ is not None:
        out["civilians"] = (civ.low, civ.high, (civ.ev_start, civ.ev_end))
    elif chosen is not None and chosen_victim == "combatant" and not any(m.victim == "civilian" for m in killed):
        out["civilians"] = (0, 0, (chosen.ev_start, chosen.ev_end))  # only fighters are said to have died
    inj = _pick_first([m for m in ms if m.kind == "injured" and not m.subset])
    if inj is not None:
        out["injured"] = (inj.low, inj.high, (inj.ev_start, inj.ev_end))
    ch = _pick_max([m for m in killed if m.children and m.victim == "civilian"])
    if ch is not None and ch.low is not None and (ch.subset or ch is chosen or not main_k):
        out["children"] = (ch.low, (ch.ev_start, ch.ev_end))
    wo = _pick_max([m for m in killed if m.women and m.victim == "civilian"])
    if wo is not None and wo.low is not None and (wo.subset or wo is chosen or not main_k):
        out["women"] = (wo.low, (wo.ev_start, wo.ev_end))
    return out


def _abduction_hit(text: str, spans: list[tuple[int, int]], p: Patterns) -> EventHit | None:
    """The first abduction verb (events.yaml `abduction_act`) in the spans."""
    for rule in p.events:
        if rule.name != "abduction_act":
            continue
        for lo, hi in spans:
            m = rule.rx.search(text, lo, hi)
            if m:
                return EventHit(rule, m.start(), m.end())
    return None


def _bulletin_claim(text: str, units: list[Any], pub: dt.date | None, p: Patterns) -> list[dict[str, Any]]:
    """'Syria Daily Report 01/03/2016' and nothing else that tells an incident: a report of that day's
    events in that country. One claim: the country, the date, no place, no figures."""
    for u in units:
        b = p.rx("bulletin").search(text, u.start, u.end)
        if b is None:
            continue
        # the title's own date is the news day, even when it equals the publication date (not a dateline)
        dates = find_dates(text, u.start, u.end, None, p)
        d = next((d for d in dates if d.kind == "explicit" and (pub is None or d.start <= pub)), None)
        if d is None:
            continue
        c = empty_claim()
        c["segment"] = [u.start, u.end]
        c["extractor_version"] = EXTRACTOR_VERSION
        c["date_start"], c["date_end"], c["date_precision"] = d.start.isoformat(), d.end.isoformat(), d.precision
        c["evidence"]["date"] = _ev(text, d.span_start, d.span_end)
        cm = p.rx("country_name").search(text, u.start, u.end)
        if cm is not None:
            c["country"] = p.country_names.get(_norm_alias(cm.group()).rstrip("s")) or p.country_names.get(
                _norm_alias(cm.group())
            )
            c["evidence"]["country"] = _ev(text, cm.start(), cm.end())
        c["main"] = True
        return [c]
    return []


def _daily_tally_claim(text: str, units: list[Any], pub: dt.date | None, p: Patterns) -> list[dict[str, Any]]:
    """'127 killed yesterday including 25 regime forces' and nothing else: a monitor's count of one day's
    deaths across the country. One claim for that day: its date, no place, no figures (the count sums
    many incidents, none of them told)."""
    for u in units:
        m = DAILY_TALLY.search(text, u.start, u.end)
        if m is None:
            continue
        c = empty_claim()
        c["segment"] = [u.start, u.end]
        c["extractor_version"] = EXTRACTOR_VERSION
        d = next((d for d in find_dates(text, u.start, u.end, pub, p) if not d.speech), None)
        if d is not None:
            c["date_start"], c["date_end"], c["date_precision"] = d.start.isoformat(), d.end.isoformat(), d.precision
            c["evidence"]["date"] = _ev(text, d.span_start, d.span_end)
        elif pub is not None:
            s0 = pub - dt.timedelta(days=1)
            c["date_start"], c["date_end"] = s0.isoformat(), pub.isoformat()
            c["date_precision"] = precision_for(s0, pub, p)
            c["date_basis"] = "publication"
        c["main"] = True
        return [c]
    return []


def extract_claims(
    doc: DocInput,
    resolver: PlaceResolver | None = None,
    patterns: Patterns | None = None,
) -> list[dict[str, Any]]:
    """Claims of one report: one per incident told, the principal new one marked main.

    The publisher's `usage` notes come from the patterns' source registry (pipeline.patterns_for sets it from
    the settings), else from the shipped one."""
    text = doc.text or ""
    if is_arabic(text):
        return extract_claims_ar(doc, resolver, patterns)
    p = patterns or load_patterns()
    pub = doc.published
    # "N casualties": the dead where the publisher or the document itself uses the word so
    dead = _house_usage(doc.source, p.registry).get("casualties") == "killed" or casualties_mean_dead(text)
    units = build_units(text, pub, p, casualties_dead=dead)
    segs = group_segments(units, pub)
    if not segs:
        return _bulletin_claim(text, units, pub, p) or _daily_tally_claim(text, units, pub, p)
    for s in segs:
        _segment_date(s, pub, p, text)
    # background: incidents dated long before the report are context, not news
    if pub is not None:
        horizon = pub - dt.timedelta(days=p.background_after_days)
        segs = [s for s in segs if s.date is None or s.date[1] >= horizon]
    with_cas = [s for s in segs if s.mentions]
    if with_cas:
        segs = with_cas
    else:
        segs = segs[:1]  # an attack told without figures is still one incident
    if not segs:
        return []
    mentions = find_actor_mentions(text, p)
    claims: list[dict[str, Any]] = []
    main_idx = next((k for k, s in enumerate(segs) if s.anchor is None), 0)
    for k, seg in enumerate(segs):
        c = empty_claim()
        ev = c["evidence"]
        c["segment"] = [seg.start, seg.end]
        c["extractor_version"] = EXTRACTOR_VERSION
        # date
        if seg.date is not None:
            c["date_start"], c["date_end"], c["date_precision"] = (
                seg.date[0].isoformat(),
                seg.date[1].isoformat(),
                seg.date[2],
            )
            if seg.date_span:
                ev["date"] = _ev(text, *seg.date_span)
        elif pub is not None and seg.anchor is None:
            # no date words: a report tells news of its day or the day before (coders' practice)
            s0 = pub - dt.timedelta(days=1)
            c["date_start"], c["date_end"] = s0.isoformat(), pub.isoformat()
            c["date_precision"] = precision_for(s0, pub, p)
            c["date_basis"] = "publication"
        # casualties
        cas = _casualties(seg, text, p)
        if "killed" in cas:
            c["killed_low"], c["killed_high"] = cas["killed"][0], cas["killed"][1]
            ev["killed"] = _ev(text, *cas["killed"][2])
        if "civilians" in cas:
            c["civilians_killed_low"], c["civilians_killed_high"] = cas["civilians"][0], cas["civilians"][1]
            ev["civilians_killed"] = _ev(text, *cas["civilians"][2])
        if "injured" in cas:
            c["injured_low"], c["injured_high"] = cas["injured"][0], cas["injured"][1]
            ev["injured"] = _ev(text, *cas["injured"][2])
        if "children" in cas:
            c["children_killed"] = cas["children"][0]
            ev["children_killed"] = _ev(text, *cas["children"][1])
        if "women" in cas:
            c["women_killed"] = cas["women"][0]
            ev["women_killed"] = _ev(text, *cas["women"][1])
        # perpetrator
        spans = seg.spans
        if seg.anchor_span is not None:
            spans = [(seg.anchor_span[1], spans[0][1])] + spans[1:]
        focus = None
        fig = None
        lead = next((m for m in seg.mentions if m.kind == "killed"), seg.mentions[0] if seg.mentions else None)
        if lead is not None:
            fig = lead.start
            focus = next(((u.start, u.end) for u in seg.units if u.start <= lead.start < u.end), None)
        unknown = any(p.rx("unknown_perpetrator").search(text, a, b) for a, b in spans)
        got = choose_perpetrator(
            text, mentions, spans, p, min_score=MIN_PERP_SCORE if not unknown else 7, focus=focus, figure_at=fig
        )
        if got is not None:
            m, ra, rb = got
            c["perpetrator"] = m.actor.name
            c["perpetrator_raw"] = text[ra:rb]
            c["perpetrator_class"] = m.actor.cls
            c["perpetrator_type"] = m.actor.type
            ev["perpetrator"] = _ev(text, ra, rb)
        # event type
        hit = find_event(text, spans, p)
        if hit is not None and hit.rule.name == "massacre" and not seg.mentions:
            # rules-1.7: "gunmen kidnapped a pharmacist": no one killed or hurt, the act told is the abduction
            hit = _abduction_hit(text, spans, p) or hit
        if (
            hit is not None
            and hit.rule.event_type == "Battles"
            and cas.get("civ_by_default")
            and "civilians" in cas
            and cas["civilians"][0] == c["killed_low"]
            and not any(m.victim == "civilian" for m in seg.mentions)
        ):
            # rules-1.7: "clashes between X and Y ... 6 fatalities": the dead of a battle named by no victim word are
            # not taken for civilians (ACLED's fatalities count the fighters of both sides)
            c["civilians_killed_low"] = c["civilians_killed_high"] = None
            ev.pop("civilians_killed", None)
        if hit is not None:
            c["event_type"], c["sub_event_type"] = hit.rule.event_type, hit.rule.sub_event_type
            ev["event_type"] = _ev(text, hit.start, hit.end)
        victims = {m.victim for m in seg.mentions if m.kind == "killed"}
        if hit is not None and hit.rule.civilian_targeting:
            c["civilian_targeting"] = True
        elif "combatant" in victims or (hit is not None and hit.rule.event_type == "Battles"):
            c["civilian_targeting"] = False if "civilian" not in victims else None
        elif "civilian" in victims or (c["civilians_killed_low"] or 0) > 0:
            c["civilian_targeting"] = True
        # place
        if resolver is not None:
            pm = resolver.locate(text, seg.start, seg.end, title=doc.title)
            if pm is not None:
                for f in ("country", "admin1", "admin2", "location", "lat", "lon", "geo_precision"):
                    c[f] = getattr(pm, f)
                c["place_id"] = pm.place_id
                if pm.span is not None:
                    ev["location"] = pm.span.as_dict()
        c["main"] = k == main_idx
        claims.append(c)
    return claims
