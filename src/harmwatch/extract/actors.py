"""Actors: find aliases (partisan names included) and choose who carried out an incident."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import Actor, Patterns, _norm_alias

_UNIT = (
    r"(?:warplanes?|war planes?|jets?|fighter jets?|aircraft|helicopters?|drones?|militias?|forces|troops|"
    r"artillery|fighters|gunmen|members|elements|air ?forces?|planes|tanks|snipers?|army|soldiers|units|"
    r"battalions?|brigades?|mercenaries|bombers|navy|missiles?|rockets?|shells?|barrel bombs?|air strikes|"
    r"airstrikes|raids|strikes|shelling|bombardment)"
)
# "warplanes of X" names X's unit; "shelling of X" names X's area (the target), so action nouns stay out
_AGENT_UNIT = (
    r"(?:warplanes?|war planes?|jets?|fighter jets?|aircraft|helicopters?|drones?|militias?|forces|troops|"
    r"artillery|fighters|gunmen|members|elements|air ?forces?|planes|tanks|snipers?|army|soldiers|units|"
    r"battalions?|brigades?|mercenaries|bombers|navy)"
)
_LEFT_EXT = re.compile(rf"\b{_AGENT_UNIT}\s+(?:belonging\s+to\s+|of\s+)(?:the\s+)?$", re.I)
_RIGHT_EXT = re.compile(
    rf"^(?:['’]s)?(?:[\s\-]+(?:occupation|regime|army|air|military|allied|government|led))?"
    rf"[\s\-]+{_UNIT}\b",
    re.I,
)
_BACKED = re.compile(r"^[\s\-]*(?:backed|allied|supported|sponsored|affiliated|funded|trained|armed)\b", re.I)
_OR_JOIN = re.compile(r"^\s*(?:or|and/or|/|or the|and|and the)\s+$", re.I)
_NUM_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|dozens|dozen|hundreds|scores|tens|several|many))(?:\s+(?:of|other|more|the))*\s*$",
    re.I,
)
_VICTIM_AFTER = re.compile(
    r"^(?:\s+[\w\-]+){0,2}\s+(?:were|was|have been|had been|has been|are|being)\s+(?:\w+\s+)?"
    r"(?:killed|wounded|injured|executed|slain|targeted|hit|struck)\b",
    re.I,
)
_NUM_NOUN_BEFORE = re.compile(
    r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds))"
    r"\s+(?:[\w\-]+\s+){0,2}(?:of|from|belonging to)\s+(?:the\s+)?$",
    re.I,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
_ACCUSE = re.compile(r"\b(?:accus\w*|blam\w*|held|holds|hold)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An alias found in the text, the canonical actor it names, and the source's wording around it."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    actor: Actor


def find_actor_mentions(text: str, p: Patterns) -> list[ActorMention]:
    """All actor mentions, longest alias first, bare words ('the Coalition') resolved to the last named."""
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx, cs in ((p.rx("actor"), False), (p.rx("actor_cs"), True)):
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            # the first pattern's matches never overlap each other: only the second one is checked
            if cs and any(not (b <= s or a >= e) for s, e in taken):
                continue
            key = _norm_alias(m.group())
            name = p.cs_aliases.get(m.group()) if cs else p.aliases.get(key)
            if name is None and not cs and key.endswith("s"):
                name = p.aliases.get(key[:-1])
            if name is None:
                continue
            if _BACKED.match(text, b):
                continue
            spans.append((a, b, name))
            taken.append((a, b))
    spans.sort()
    for m in p.rx("actor_bare").finditer(text):
        a, b = m.start(), m.end()
        if any(not (b <= s or a >= e) for s, e in taken):
            continue
        word = _norm_alias(m.group())
        if word not in p.bare:
            word = word[:-1]
        if word not in p.bare:
            continue
        name = p.bare[word]
        # the last earlier mention whose alias contains the bare word ("the army" after "the Syrian
        # army"); a later one does not count ("the army ... the Free Syrian Army" is not the FSA)
        prior = [x for x in spans if x[1] <= a and word in _norm_alias(text[x[0] : x[1]])]
        if prior:
            name = prior[-1][2]
        elif m.group()[0].islower() and word not in ("coalition",):
            continue  # lower-case 'army'/'government' alone is too vague to name an actor
        spans.append((a, b, name))
        taken.append((a, b))
    spans.sort()
    out: list[ActorMention] = []
    for a, b, name in spans:
        ra, rb = a, b
        lm = _LEFT_EXT.search(text, max(0, a - 40), a)
        if lm:
            ra = lm.start()
        rm = _RIGHT_EXT.match(text, b)
        if rm and rm.end() - b < 40:
            rb = rm.end()
        out.append(ActorMention(a, b, ra, rb, p.actors[name]))
    return out


_DATE_BEFORE = re.compile(
    r"(?:\b(?:19|20)\d\d|\b\d{1,2}[\-./]\d{1,2}[\-./]\d{2,4}|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?|\b\d{1,2}:\d\d|\b\d{3,}\s+(?:gmt|utc))[\s,.]*$",
    re.I,
)
# the means of an attack named with the actor: "regime shelling", "Russian jets", "warplanes of X"
_MEANS = re.compile(
    r"\b(?:air ?strikes?|airstrikes?|strikes?|raids?|air raids?|shelling|bombardment|bombings?|shells|warplanes?|"
    r"war planes?|jets?|aircraft|helicopters?|artillery|barrel bombs?|missiles?|rockets?|drones?|bombs|air ?force|"
    r"planes|mortars?|gunfire|snipers?|bombers)\b",
    re.I,
)
# "(killed) in / by / under / amid X's air strikes": the means of the deaths
_MEANS_BEFORE = re.compile(
    r"\b(?:in|by|from|under|amid|during|after|with)\s+(?:the\s+|a\s+|an\s+)?(?:(?:[\w\-]+)\s+){0,2}$", re.I
)
# "ISIS suicide blast", "rebel rocket attack", "Daesh counterattack": the actor's own act
_ATTACK_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+(?:group|groups|suicide|car|rocket|mortar|missile|drone|chemical|terrorist|militants?|"
    r"fighters?))*\s+(?:attacks?|assaults?|offensive|counter-?attacks?|blasts?|bombings?|explosions?|ambush|raids?|"
    r"shelling|strikes?|air ?strikes?|airstrikes?|bombardment|car bombs?|suicide bombers?|bombers?)\b",
    re.I,
)
_PASSIVE = re.compile(r"\s+(?:by|at the hands of)\b", re.I)
_DEATH_VERB_BEFORE = re.compile(
    r"\b(?:killed|died|dead|wounded|injured|deaths?|lost their lives|perished|martyred)\s+(?:[\w\-]+\s+){0,4}?"
    r"(?:in|by|during|under|amid|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$",
    re.I,
)


# "87 Kurdish-led SDF killed 35 militants": the actor is the subject of a verb with its own object count,
# so a number before it (a page counter, a unit's size) does not make it the victim
_KILLS_COUNT = re.compile(
    r"^\)?\s*(?:\([^)]{1,15}\)\s*)?(?:(?:fighters|militants|forces|troops|members|jets|warplanes|aircraft|gunmen)\s+)?"
    r"(?:have\s+|has\s+|had\s+)?(?:kill(?:s|ed)?|execut(?:es|ed)|eliminat(?:es|ed)|"
    r"slaughter(?:s|ed)|massacre[sd]|behead(?:s|ed)|murder(?:s|ed))\s+(?:at least\s+|more than\s+|over\s+|some\s+|"
    r"about\s+|nearly\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|"
    r"hundreds)\b)",
    re.I,
)


def _num_before(before: str) -> bool:
    """A count right before the mention ("20 ISIS fighters"), not a date or a year."""
    m = _NUM_BEFORE.search(before) or _NUM_NOUN_BEFORE.search(before)
    if not m:
        return False
    if _DATE_BEFORE.search(before[: m.end()].rstrip()) or _DATE_BEFORE.search(before):
        return False
    return True


def score_mention(text: str, m: ActorMention, p: Patterns, lo: int, hi: int) -> int:
    """How strongly the words around a mention make it the doer of the act (negative: speaker/target/victim)."""
    if not m.actor.perpetrator:
        return -9
    before = text[max(lo, m.raw_start - 40) : m.raw_start]
    after = text[m.raw_end : min(hi, m.raw_end + 60)]
    score = 0
    sm = p.rx("speaker_after").match(after)
    if sm and p.rx("self_claim").match(after, sm.end()):
        score += 3  # "Daesh said that it killed 50": the speaker claims the act as its own
    elif sm or _ACCORDING.search(before):
        score -= 4
    if p.rx("target_after").match(after):
        score -= 4
    kills_count = bool(_KILLS_COUNT.match(after))
    if (_num_before(before) and not kills_count) or _VICTIM_AFTER.match(after):
        score -= 4
    if p.rx("target_before").search(before):
        score -= 2
    am = p.rx("agent_after").match(after)
    if (am and not _PASSIVE.match(after, am.end())) or kills_count:
        score += 3
    means = bool(_MEANS.search(text, m.raw_start, m.raw_end)) or bool(_ATTACK_AFTER.match(after))
    if p.rx("not_agent_before").search(before):
        score -= 4  # "backed by X", "foiled an X attack", "there have been no X strikes"
    elif p.rx("agent_before").search(before) or _ACCUSE.search(before):
        score += 3
    elif means and _MEANS_BEFORE.search(before):
        score += 3  # "killed in regime shelling", "under Russian air strikes", "Syrian jets pounded"
    if means or m.raw_end - m.raw_start > m.end - m.start:
        score += 1  # "warplanes of X", "X forces": a fighting unit is named
    if m.actor.label:
        score -= 2  # "terrorists": names no one, and is most often the victim
    elif m.actor.cls == "unknown":
        score += 2
    return score


def choose_perpetrator(
    text: str,
    mentions: list[ActorMention],
    spans: list[tuple[int, int]],
    p: Patterns,
    min_score: int = 1,
    focus: tuple[int, int] | None = None,
    figure_at: int | None = None,
) -> tuple[ActorMention, int, int] | None:
    """The best-scoring mention inside the given sentence spans, with the raw span ('X or Y' joined);
    mentions in the sentence of the incident's figure (focus) and near it are preferred."""
    best: tuple[int, int, ActorMention] | None = None
    inside = [(m, lo, hi) for m in mentions for lo, hi in spans if lo <= m.start and m.end <= hi]
    for k, (m, lo, hi) in enumerate(inside):
        s = score_mention(text, m, p, lo, hi)
        if s > 0 and focus is not None and focus[0] <= m.start < focus[1]:
            s += 3
            if figure_at is not None and abs(m.start - figure_at) < 100:
                s += 1
        if s >= min_score and (best is None or s > best[0]):
            best = (s, k, m)
    if best is None:
        return None
    m = best[2]
    # "regime or Russian jets": the first-named of two alternatives, both kept in the raw words
    for n in reversed(mentions):
        if n.raw_end < m.raw_start and n.actor.perpetrator and n.actor.cls != m.actor.cls:
            gap = text[n.raw_end : m.raw_start]
            if _OR_JOIN.match(gap) and ("or" in gap.lower() or "/" in gap):
                m = n
            break
    raw_start, raw_end = m.raw_start, m.raw_end
    for n in mentions:  # "regime or Russian jets": keep both in the raw words
        if n.raw_start > raw_end and n.actor.perpetrator and _OR_JOIN.match(text[raw_end : n.raw_start]):
            if "or" in text[raw_end : n.raw_start].lower() or "/" in text[raw_end : n.raw_start]:
                raw_end = n.raw_end
            break
    return m, raw_start, raw_end
