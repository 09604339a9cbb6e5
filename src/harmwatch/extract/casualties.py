"""Casualty figures: which numbers count the dead or hurt of an incident, of whom, and which are traps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import Quantity, find_quantities
from .patterns import Patterns

_MONTH_NEAR = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s*$",
    re.I,
)
_MONTH_AFTER = re.compile(
    r"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
    re.I,
)
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|of|year|years|until|by|from|to|and|early|late|mid)\s*|,\s*|-\s*)$", re.I)
_OF_THEM = re.compile(
    r"^\s+of (?:them|whom|which|those|the (?:dead|victims|killed))(?:\s+(?:were|are|was))?\s+(?P<w>[\w\-]+)", re.I
)
_HEAD = re.compile(
    r"^[\s,]*(?:of\s+)?(?:the\s+)?(?:(?:[\w\-]+\s+)?(?:civilians?|people|persons|residents|families|"
    r"children|women|men|syrians|inhabitants|others)\s+)?(?:(?:were|are|have been|had been|has been|"
    r"remain|remained|now|still|being|been|reportedly)\s+)*",
    re.I,
)
_AMONG = re.compile(r"^\s+(?:[\w\-]+\s+){0,3}?(?:were |are |was )?among\b", re.I)
_AMBIGUOUS = re.compile(
    r"\b(?:killed|dead|killing|martyrs|martyred|deaths|fatalities)\s+(?:and|or|&)\s+"
    r"(?:injured|wounded|injuring|wounding|injuries|wounds)\b|"
    r"\b(?:injured|wounded|injuring|wounding)\s+(?:and|or|&)\s+(?:killed|dead|killing)\b|"
    r"\bcasualties\b",
    re.I,
)
_NOT_NUM_CTX = re.compile(
    r"^\s*(?:%|percent|per cent|million|billion|thousand\b|km|kilomet|mile|meter|metre|am\b|pm\b|a\.m|p\.m|o'clock|"
    r"th\b|st\b|nd\b|rd\b|:|/)",
    re.I,
)
_CLAUSE_STOP = re.compile(
    r"\b(?:in|on|at|by|near|when|after|as|during|while|from|and injur\w*|and wound\w*)\b|[;.]", re.I
)
_HUNDRED_PFX = re.compile(
    r"\b(?:number|no\.|resolution|article|route|highway|brigade|division|regiment|battalion|"
    r"corps|squadron|unit|page|item|paragraph|channel|flight|model|su|mig|t|l|the)\s*$",
    re.I,
)


# a number right before a sentence opener is a page artefact (view counters, times), not a subject
_OPENER = re.compile(r"^\s+(?:The|An|A|At|In|On|According|It|This|These|They|He|She|We|Over|More than)\s")
_LIST_NUM = re.compile(
    r"(?:\band|,|\bincluding|\bwith|\bplus|\bamong (?:them|whom)|\bof (?:them|whom)|\bmostly|\bmainly)\s+"
    r"(?:at least\s+|about\s+|some\s+)?\d$",
    re.I,
)
_INJ_APART = re.compile(
    r"\s*(?:at least\s+|so far\s+)?(?:,\s*)?(?:and|with)\s+(?:[\w\-]+\s+){0,4}?"
    r"(?:injuries|injured|wounded|wounds|injuring|wounding)\b",
    re.I,
)
# "87 Kurdish-led SDF killed 35 ...", "kidnapped 900 Executed 18 People": an active verb with its own
# object count; the number before it counts the subject (or is a page counter), not the dead
_OBJECT_NUM = re.compile(
    r"\s+(?:at least\s+|more than\s+|over\s+|about\s+|some\s+|nearly\s+|almost\s+|up to\s+)?"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds)\b)",
    re.I,
)
_ARMED = re.compile(
    r"\b(?:fighters?|militants?|soldiers?|troops|terrorists?|forces|army|armed group|faction|brigade|militias?|"
    r"militiam[ae]n|rebels?|jihadists?|gunmen)\b",
    re.I,
)
# "seven people of a local armed group", "12 men from the Ahrar al-Sham faction": fighters
_OF_ARMED = re.compile(
    r"\s+(?:[\w\-]+\s+)?(?:people|persons|men|young men|members)\s+(?:of|from|belonging to)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w\-]+\s+){0,3}?"
    r"(?:armed group|militant group|rebel group|factions?|militias?|brigades?|battalions?|forces|army)\b",
    re.I,
)
_LONG_VICTIM = re.compile(r"\s[a-z]", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:were|was|been|are|is|being|got|get)\b", re.I)
_TRANSITIVE = re.compile(
    r"(?:kill|kills|killed|killing|execute|executes|executed|executing|murdered|slaughtered|"
    r"massacred|beheaded|eliminated|claimed the lives|claiming the lives)$",
    re.I,
)
# "casualties" told apart from the hurt ("casualties and injuries", "12 casualties at least and dozens of
# wounded"): the writer counts the dead as casualties (SOHR's English for "martyrs"), in the whole document
_CAS_APART = re.compile(
    r"\bcasualties\b(?:\s+(?:at least|so far|at the least))?\s*,?\s+(?:and|&)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:injuries|injured|wounded|wounds|injury)\b",
    re.I,
)
# "44 casualties including 29 children ... killed in a massacre": the casualties are said to be dead
_CAS_KILLED = re.compile(
    r"\bcasualties\b[^;.:]{0,80}?\b(?:killed|dead|died|martyred)\b(?!\s+(?:and|or|&)\s+(?:injur|wound))", re.I
)
_HURT = re.compile(r"\b(?:injur\w*|wound\w*|hurt)\b", re.I)


def casualties_mean_dead(text: str) -> bool:
    """The document itself uses "casualties" for the dead: it sets them apart from the injured, or calls
    the casualties killed in a sentence that names no injured."""
    if "asualties" not in text:
        return False
    if _CAS_APART.search(text):
        return True
    for m in _CAS_KILLED.finditer(text):
        a = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        b = min((k for k in (text.find(".", m.end()), text.find(";", m.end())) if k >= 0), default=len(text))
        if not _HURT.search(text, a, b):
            return True
    return False


# figures a left-context phrase of its own introduces (beyond patterns.py's `left`):
# "kill a family of seven", "ISIS slaughtered five Iraqis", "executions against 14 people"
_LEFT_EXTRA = re.compile(
    r"(?P<verb>\b(?:(?:kill(?:s|ed|ing)?|massacr(?:e|es|ed|ing)|wip(?:e|es|ed|ing) out|annihilat\w+)\s+"
    r"(?:an?\s+|the\s+|whole\s+|entire\s+)*(?:[\w\-]+\s+)?family\s+of|"
    r"slaughter(?:s|ed)?|stoned|ston(?:e|es|ing) to death|crucif(?:y|ies|ied)|"
    r"executions?\s+(?:by\s+(?:the\s+)?(?:[\w\-’']+\s+){1,4}?)?(?:against|for|of)|"
    # rules-1.7: "unknown gunmen assassinated a local council member", "a sniper shot and killed a boy"
    r"assassinat(?:e|es|ed|ing)|(?:shot|stabbed|beat|beaten|burned|hanged)\s+(?:and\s+killed|to\s+death)|"
    r"liquidat(?:e|es|ed|ing)|(?:the\s+)?(?:corpses?|body)\s+of))"
    r"(?:\s+(?:at least|more than|about|nearly|some|the|a))*\s*$",
    re.I,
)
# an update of the toll told before the figure: "more casualties raise the number to 14", "number of
# casualties of X airstrikes rises to 7", "airstrikes raise casualties' number in X to 6",
# "raise to 53 the number of victims"
_TOLL_UPDATE = re.compile(
    r"(?:\b(?:number|toll|tally|count)\b[^;.:]{0,90}?\b(?:rises|rose|risen|rise|climbs|climbed|reach(?:es|ed)|"
    r"increases|increased|jumps|jumped|goes up|went up)\s+to|"
    r"\brais(?:e|es|ed|ing)\s+(?:(?:the|its)\s+)?(?:[\w'’\-]+\s+){0,2}?(?:number|toll|tally|count)\b[^;.:]{0,70}?\bto|"
    r"\brais(?:e|es|ed|ing)\s+to)"
    r"(?:\s+(?:at least|more than|about|nearly|over|some))?\s*$",
    re.I,
)
# a monitor's national count of one day ("132 people were killed yesterday, including 12 members of the regime
# forces and 80 civilians"): a tally of many incidents, none of its figures is one incident's (core.py turns a
# report that tells nothing else into one claim for that day, without figures)
DAILY_TALLY = re.compile(
    r"\b(?:killed|martyred|dead|died)\s+(?:yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    r",?\s+(?:\d{1,2}/\d{1,2}/\d{4},?\s+)?including\s+(?:about\s+|at least\s+|more than\s+)?\d+\s+"
    r"(?:(?:members|fighters|elements)\s+of\s+(?:the\s+)?)?(?:regime|government|is|isis|isil|daesh|rebels?|opposition)\b",
    re.I,
)
# rules-1.7: a label before the figure (ACLED notes, tables): "Fatalities: 1", "Deaths - 4", "fatalities coded as
# 10", "killing several civilians (coded as 10)"; the coded count is the toll the note settles on
_LABEL = re.compile(
    r"(?P<verb>\b(?:fatalities|fatality|deaths|killed|dead|death toll)\s*(?::|=|-|–)|"
    r"\b(?:fatalities|deaths)\s+(?:were\s+|was\s+|are\s+|is\s+)?coded\s+as|\(\s*coded\s+as)\s*$",
    re.I,
)
# cheap substring gates: the two regexes above can only match where one of these occurs
_EXTRA_GATE = (
    "amily", "laughter", "tone", "rucif", "xecution", "ssassinat", "killed", "death", "iquidat", "orpse", "ody of"
)
_UPDATE_GATE = ("umber", "oll", "ally", "ount", "ais")
_DEATH_NOUN = re.compile(r"\b(?:martyrs|victims|dead|deaths|killed|fatalities|death toll|lives)\b", re.I)
_CAS_NOUN = re.compile(r"\b(?:casualties|casualty|losses|human losses)\b", re.I)
_TOK = re.compile(r"[\w'’\-]+")
_AUX = frozenset(
    "were was have has had been are is be being got reportedly also all later allegedly then subsequently "
    "immediately instantly reported confirmed thereby now today yesterday who that which".split()
)


@dataclass(frozen=True, slots=True)
class RightVerb:
    """The killed/injured word after a number, and the words in between."""

    mid: str
    verb: str
    verb_start: int
    end: int


def right_verb(right: str, p: Patterns, max_words: int = 8) -> RightVerb | None:
    """The first killed/injured word within max_words (auxiliaries not counted) after a number."""
    rxv = p.rx("verb_any")
    words = 0
    mid_end = 0
    for t in _TOK.finditer(right):
        m = rxv.match(right, t.start())
        if m:
            return RightVerb(right[:mid_end], m.group("verb"), t.start(), m.end())
        if t.group().lower() not in _AUX:
            words += 1
            mid_end = t.end()
            if words > max_words:
                return None
    return None


@dataclass(frozen=True, slots=True)
class Mention:
    """One casualty figure: killed or injured, of which victims, and the words that said it."""

    kind: str  # "killed" | "injured"
    low: int | None
    high: int | None
    victim: str | None  # "civilian" | "combatant" | None (unspecified)
    children: bool
    women: bool
    subset: bool  # "including 5 children": part of a larger figure
    toll: bool  # "the death toll rose to": a cumulative figure for this incident
    vague: bool
    start: int  # evidence span: the number
    end: int
    ev_start: int  # evidence span: number + victim + verb
    ev_end: int


def _victim(text: str, a: int, b: int, p: Patterns) -> tuple[str | None, bool, bool]:
    """Victim class of the first victim noun in text[a:b], and whether that noun is children/women."""
    seg = text[a:b]
    mc = p.rx("victim_civ").search(seg)
    mk = p.rx("victim_comb").search(seg)
    child = bool(mc and p.rx("victim_child").match(seg, mc.start()))
    women = bool(mc and p.rx("victim_women").match(seg, mc.start()))
    if mc and (not mk or mc.start() <= mk.start()):
        # "civilians" before "fighters" -> civilians; "members of the regime forces" -> combatant
        return "civilian", child, women
    if mk:
        return "combatant", False, False
    return None, child, women


_ENTITY = re.compile(r"&#\d+;?")


def _is_noise(text: str, q: Quantity, lo: int, hi: int, p: Patterns | None = None) -> bool:
    """Numbers that are dates, years, times, percentages, unit names."""
    if text[max(0, q.start - 2) : q.start] == "&#":
        return True  # an HTML character reference ("&#8221;"), not a count
    before = text[max(lo, q.start - 25) : q.start]
    after = text[q.end : min(hi, q.end + 15)]
    if _MONTH_NEAR.search(before) or _MONTH_AFTER.match(after) or _NOT_NUM_CTX.match(after):
        return True
    if q.low is not None and q.low == q.high and 1900 <= q.low <= 2035 and not text[q.start : q.end].count(","):
        return True
    hp = _HUNDRED_PFX.search(before)
    if hp and text[q.start : q.end][:1].isdigit():
        if p is not None and hp.group().strip().lower() == "the" and p.rx("victim_civ").match(text, q.end + 1):
            return False  # "among the 15 people killed": a count of people, not a unit's number
        return True
    return False


def find_casualties(
    text: str, start: int, end: int, p: Patterns, casualties_dead: bool = False
) -> list[Mention]:
    """Casualty mentions in one sentence text[start:end] (contexts never cross the sentence).

    casualties_dead: the publisher (or the document itself) uses "casualties" for the dead, so
    "N casualties" is a death toll rather than a killed-or-injured count."""
    out: list[Mention] = []
    rx_left = p.rx("left")
    rx_status, rx_cum, rx_hypo = p.rx("trap_status"), p.rx("trap_cumulative"), p.rx("trap_hypo")
    rx_subset_left = p.rx("subset_left")
    rx_civ, rx_comb = p.rx("victim_civ"), p.rx("victim_comb")
    last_main: Mention | None = None
    prev_ambiguous = False
    if "including" in text[start:end] and DAILY_TALLY.search(text, start, end):
        return out
    for q in _quantities(text, start, end, p):
        if _is_noise(text, q, start, end, p):
            continue
        right = text[q.end : min(end, q.end + 100)]
        left = text[max(start, q.start - 140) : q.start]
        kind: str | None = None
        ev_end = q.end
        subset = bool(rx_subset_left.search(left)) or bool(_OF_THEM.match(right)) or bool(_AMONG.match(right))
        lm = rx_left.search(left)
        toll = False
        if lm:
            verb = lm.group("verb").lower()
            if "toll" in verb or verb.endswith(" to"):
                kind, toll = "killed", True
            elif ("kill" in verb or "dead" in verb) and ("wound" in verb or "injur" in verb):
                kind = "ambiguous"
            elif verb.startswith(("left", "leaving")):
                kind = None
            elif "wound" in verb or "injur" in verb:
                kind = "injured"
            else:
                kind = "killed"
        else:
            lm = _LEFT_EXTRA.search(left) if any(w in left for w in _EXTRA_GATE) else None
            lb = _LABEL.search(left) if lm is None and ("atalit" in left or "eath" in left or "oded" in left
                                                        or "illed" in left or "ead" in left) else None
            if lm and _ATTEMPT.search(left, 0, lm.start() + len(lm.group("verb")) + 1):
                continue
            if lm:
                kind = "killed"
            elif lb:
                lm = lb
                kind, toll = "killed", "oded" in lb.group()
            else:
                tm = _TOLL_UPDATE.search(left) if any(w in left for w in _UPDATE_GATE) else None
                if tm:
                    kind, toll = _update_kind(text, start, q.start, q.end, end, casualties_dead)
                    if kind is not None:
                        lm = tm
        victim_end = q.end
        rm = right_verb(right, p) if not _OPENER.match(right) else None
        long_phrase = False
        if rm is None and _LONG_VICTIM.match(right) and (rx_civ.match(right, 1) or rx_comb.match(right, 1)):
            # "5 members of the regime forces and militiamen loyal to them were killed": a long victim
            # phrase, read up to 14 words when it opens with a victim noun and ends in a passive verb
            rl = right_verb(right, p, max_words=14)
            if (
                rl is not None
                and _PASSIVE_AUX.search(right, 0, rl.verb_start)
                and not re.search(r"\d", _ENTITY.sub(" ", rl.mid))
            ):
                rm, long_phrase = rl, True
        if (
            rm
            and kind is None
            and _TRANSITIVE.match(rm.verb)
            and not _PASSIVE_AUX.search(right, 0, rm.verb_start)
            and _has_object(text, q.end + rm.end, end, p)
        ):
            continue  # the subject's number, not the victims'
        if rm:
            mid = _ENTITY.sub(" ", rm.mid) if "&#" in rm.mid else rm.mid  # "&#8221;" holds no count
            mid_clean = rx_comb.sub(" ", rx_civ.sub(" ", mid))
            if not rx_status.search(mid_clean) and not re.search(r"\d", mid) or _only_victims(mid, p):
                verb = rm.verb.lower()
                rkind = (
                    "ambiguous"
                    if _AMBIGUOUS.search(verb)
                    else ("injured" if p.rx("verb_injured").fullmatch(verb.split()[0]) else "killed")
                )
                if verb == "casualties":
                    # "7 casualties and tens of injuries": told apart from the wounded, casualties are the dead
                    rkind = (
                        "killed"
                        if casualties_dead or _INJ_APART.match(text, q.end + rm.end, end)
                        else "ambiguous"
                    )
                if kind is None or (kind == "killed" and not toll and rkind != "killed" and not mid.strip()):
                    kind = rkind
                    ev_end = q.end + rm.end
                    lm = None
                elif kind == rkind:
                    ev_end = q.end + rm.end
                victim_end = q.end + rm.verb_start
            elif kind is None:
                continue
        if kind is None and subset and last_main is not None:
            kind = last_main.kind
        if kind == "ambiguous":
            prev_ambiguous = True
            continue
        if kind is None:
            continue
        if subset and (last_main is None or prev_ambiguous) and kind == "killed":
            subset = False  # "40 killed or injured, including 9 dead": the 9 is the only death toll
        # traps: status words right after the number ("20,000 displaced"), totals, hypotheticals
        head = text[q.end : min(end, q.end + 60)]
        hm = _HEAD.match(head)
        if hm and rx_status.match(head, hm.end()) and not rx_civ.match(head, hm.end()):
            continue
        win = text[max(start, q.start - 70) : min(end, q.end + 70)]
        if rx_cum.search(win) or rx_hypo.search(win):
            continue
        if (q.low or 0) >= p.war_total_min:
            continue  # war-wide tallies, not one incident
        if victim_end > q.end:
            vend = victim_end
        else:
            stop = _CLAUSE_STOP.search(text, q.end, min(end, q.end + 45))
            vend = stop.start() if stop else min(end, q.end + 45)
        victim, child, women = _victim(text, q.end, min(vend, q.end + 60), p)
        if victim == "civilian" and (
            (long_phrase and _ARMED.search(text, q.end, vend)) or _OF_ARMED.match(text, q.end, vend)
        ):
            victim, child, women = "combatant", False, False  # "7 people of a local armed group ... were killed"
        if victim is None and subset:
            victim, child, women = _victim(text, q.end, min(end, q.end + 40), p)
        mention = Mention(
            kind=kind,
            low=q.low,
            high=q.high,
            victim=victim,
            children=child,
            women=women,
            subset=subset,
            toll=toll,
            vague=q.vague,
            start=q.start,
            end=q.end,
            ev_start=min(q.start, max(start, q.start - 140) + lm.start()) if lm else q.start,
            ev_end=max(ev_end, q.end),
        )
        out.append(mention)
        if not subset:
            last_main = mention
    return out


def _update_kind(
    text: str, start: int, qs: int, qe: int, end: int, casualties_dead: bool
) -> tuple[str | None, bool]:
    """Kind of a toll update ("... raise the number to N"): killed when the words around name the dead
    (martyrs, victims, deaths; casualties where they mean the dead), None for the hurt or plain casualties."""
    left = text[max(start, qs - 200) : qs]
    right = text[qe : min(end, qe + 40)]
    if _HURT.search(left) or re.match(r"\s*(?:others?\s+)?(?:injur|wound)", right, re.I):
        return None, False
    if _DEATH_NOUN.search(left) or _DEATH_NOUN.match(right.lstrip() + " "):
        return "killed", True
    if _CAS_NOUN.search(left) or re.match(r"\s*casualties\b", right, re.I):
        return ("killed", True) if casualties_dead else (None, False)
    return None, False


def _has_object(text: str, at: int, end: int, p: Patterns) -> bool:
    """An object count right after a verb ("killed 35 ISIS fighters"), not a new list item
    ("20 killed 30 others injured": that 30 has a verb of its own)."""
    om = _OBJECT_NUM.match(text, at, end)
    if om is None:
        return False
    nxt = re.match(r"[\w,]*(?:\s+[\w\-]+){0,3}", text[om.end() - 1 : min(end, om.end() + 60)])
    tail = nxt.group() if nxt else ""
    if re.search(r"\bof\s+(?:them|whom|which|those)\b", tail, re.I):
        return False  # "17 people killed, two of them medics": a part of the first count
    return not p.rx("verb_any").search(tail)


_SINGULAR = re.compile(
    r"\b(?P<art>a|an)\s+(?:(?:(?:young|little|elderly|pregnant|syrian|local|teenage|old)\s+)?"
    r"(?=(?:child|woman|man|civilian|person|boy|girl|baby|infant|soldier|fighter|policeman|"
    r"journalist|doctor|nurse|paramedic|farmer|shepherd|teenager|student|worker|member|officer|"
    r"volunteer|resident|driver|mother|father|citizen)\b)|"
    # rules-1.7: a title after up to two words ("a local council member", "a senior IS commander",
    # "a government pilot"); never a group's name ("an Islamist rebel group")
    r"(?:(?!(?:number|group|total|few|couple|lot|dozen|family|heavy|high)\b)[\w\-]+\s+){0,2}?"
    r"(?=(?:member|commander|leader|official|activist|judge|sheikh|imam|mukhtar|employee|engineer|teacher|"
    r"lawyer|pharmacist|defector|dignitary|officer|pilot|cleric|preacher|merchant|trader)\b(?![’'])"
    r"(?!\s+(?:group|of\s+(?:parliament|the\s+(?:coalition|alliance)))\b)))",
    re.I,
)


_KIN_OF = re.compile(
    r"\b(?:family|wife|husband|sons?|daughters?|brothers?|sisters?|father|mother|relatives?|children|home|house|"
    r"car|vehicle|bodyguards?|escorts?|guards)\s+of\s+$",
    re.I,
)
# "an attempt to assassinate a commander", "failed to assassinate": nobody died of it
_ATTEMPT = re.compile(
    r"\b(?:attempts?|attempted|attempting|tried|try|trying|failed|plot(?:ted)?|plans?|planned)\s+to\s+\S+\s+$", re.I
)


def _quantities(text: str, start: int, end: int, p: Patterns) -> list[Quantity]:
    """Counts in a sentence, including the singular 'a woman', 'a child' (= 1)."""
    qs = list(find_quantities(text, p, start, end))
    for m in _SINGULAR.finditer(text, start, end):
        if _KIN_OF.search(text, max(start, m.start() - 30), m.start()):
            continue  # "the family of a commander": the kin are the victims, not the commander
        if not any(q.start <= m.start() < q.end for q in qs):
            # the figure is the article: the words after it ("local council member") name the victim
            qs.append(Quantity(1, 1, m.start(), m.start() + len(m.group("art"))))
    return sorted(qs, key=lambda q: q.start)


def _only_victims(mid: str, p: Patterns) -> bool:
    """True when the words between a number and its verb only name victims ('civilians and 3 fighters')."""
    for d in re.finditer(r"(?<![\d,.])\d", mid):
        if not _LIST_NUM.search(mid, 0, d.start() + 1):
            return False  # "113 At least nine people were killed": the verb belongs to the nearer number
    # rules-1.7: a side's name before its group ("14 IS militants and 3 SDF fighters were killed")
    rest = p.rx("victim_comb").sub(" ", p.rx("victim_civ").sub(" ", _SIDE_NAME.sub(" ", mid)))
    rest = re.sub(
        r"\b(?:and|or|of|the|a|an|\d+|other|others|more|including|some|from|syrian|pro|government|regime|"
        r"isis|daesh|kurdish|rebel|opposition|among|them|whom|were|are|mostly|mainly|most|many|at|least|"
        r"about|nearly|over)\b|[,\-]",
        " ",
        rest,
        flags=re.I,
    )
    return not rest.strip()


# a capitalised name or acronym of a side, before a victim noun ("IS", "SDF", "Jaish al-Islam")
_SIDE_NAME = re.compile(r"\b(?:[A-Z][\w\-’']*|al-[A-Z][\w\-]*)(?=\s+(?:[A-Z][\w\-’']*\s+|al-[\w\-]+\s+){0,3}[a-z])")
_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+")
_ONE = re.compile(r"(?:a|an|her|his|their|one)\s+", re.I)
# "a woman and her 2 children": a possessive before the next group's number (rules-1.7)
_POSS = re.compile(r"(?:her|his|their)\s+(?=\d|(?:two|three|four|five|six|seven|eight|nine|ten)\b)", re.I)
# "a woman and child were killed": after "and", a singular victim noun without an article is one more
_BARE_ONE = re.compile(r"(?=(?:child|boy|girl|man|woman|baby|infant|son|daughter|toddler|teenager)\b)", re.I)
_ADJ = re.compile(r"(?:[\w\-]+\s+)?", re.I)
_MEN = re.compile(r"\b(?:men|man|elderly)\b", re.I)


def _family(text: str, a: int, b: int, p: Patterns) -> tuple[str, int] | None:
    """The victim family of the noun at text[a:b] (one adjective allowed): children, women, men, fighters, general."""
    for pos in (a, _ADJ.match(text, a, b).end()):  # type: ignore[union-attr]
        mc = p.rx("victim_civ").match(text, pos, b)
        if mc:
            if p.rx("victim_child").fullmatch(mc.group()):
                return "children", mc.end()
            if p.rx("victim_women").fullmatch(mc.group()):
                return "women", mc.end()
            if _MEN.fullmatch(mc.group()):
                return "men", mc.end()
            return "general", mc.end()
        mk = p.rx("victim_comb").match(text, pos, b)
        if mk:
            m2 = p.rx("victim_comb").match(text, mk.end() + 1, b) if text[mk.end() : mk.end() + 1] == " " else None
            return "fighters", (m2 or mk).end()  # "rebel fighters": the group ends at its last noun
    return None


def list_total(text: str, m: Mention, end: int, p: Patterns) -> tuple[int, int, int] | None:
    """'10 children, 5 women and a man': disjoint groups listed after a figure; (sum of the others,
    civilians among all the groups, end of the list)."""
    first = _family(text, m.end + 1, min(end, m.end + 40), p) if text[m.end : m.end + 1].isspace() else None
    if first is None:
        return None
    fams = [first[0]]
    pos = first[1]
    total = 0
    civ = 0 if first[0] == "fighters" else (m.low or 0)
    sub_civ = {"children", "women", "men"}
    rxn = p.rx("number")
    prev_at = m.end + 1
    while pos < end:
        j = _JOIN.match(text, pos, end)
        if j is None:
            break
        k = j.end()
        pm = _POSS.match(text, k, end)
        if pm is not None:
            k = pm.end()
        q = rxn.match(text, k, end)
        if q is not None:
            from .numbers import quantity_from_match

            qq = quantity_from_match(q, p)
            if qq is None or qq.vague or qq.low is None or qq.low != qq.high:
                break
            val, after = qq.low, q.end()
        else:
            o = _ONE.match(text, k, end)
            if o is None and "and" in text[pos:k].lower():
                o = _BARE_ONE.match(text, k, end)
            if o is None:
                break
            val, after = 1, o.end()
        if not text[after - 1 : after].isspace() and q is not None:
            if not text[after : after + 1].isspace():
                break
            after += 1
        fam = _family(text, after, min(end, after + 40), p)
        if fam is None:
            break
        if fam[0] in fams and not (
            fam[0] == "fighters" and " and " in f" {text[pos:k].lower()} " and _other_side(text, prev_at, after, p)
        ):
            break  # "14 IS militants and 3 SDF fighters": two sides' fighters add up (rules-1.7)
        if (fam[0] == "general" and sub_civ & set(fams)) or (fam[0] in sub_civ and "general" in fams):
            break  # "20 people, 5 children": a part of the whole, not another group
        total += val
        if fam[0] != "fighters":
            civ += val
        fams.append(fam[0])
        prev_at = after
        pos = fam[1]
    return (total, civ, pos) if total else None


def _other_side(text: str, a: int, b: int, p: Patterns) -> bool:
    """The fighters group at b is told apart from the one at a by its words ("IS militants" / "SDF fighters",
    "regime soldiers" / "rebel fighters"), not the same noun again."""

    def phrase(at: int) -> str:
        f = _family(text, at, min(len(text), at + 40), p)
        return text[at : f[1]].strip().lower() if f is not None else ""

    pa, pb = phrase(a), phrase(b)
    return bool(pa and pb and pa != pb)
