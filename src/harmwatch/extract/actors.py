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
    r"battalions?|brigades?|mercenaries|bombers|navy|patrols?|terrorists|militants|militiamen|cells?)"
)
# "warplanes of X", "terrorists from X" (rules-1.6), "a patrol of X": X's own unit
_LEFT_EXT = re.compile(
    rf"\b{_AGENT_UNIT}\s+(?:belonging\s+to\s+|of\s+|from\s+|affiliated\s+(?:to|with)\s+)(?:the\s+)?$", re.I
)
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
# between a named actor and a label that is its epithet: "ISIL terrorists", "Daesh- terrorist groups", "IS” terrorists"
_LABEL_JOIN = re.compile(r"[\s\-”\"’']*")
# generic words that follow a name as its epithet ("ISIS militants", "(ISIS) militants", "Daesh extremists")
# ... but "ISIL, armed groups battle" (a headline) names two parties
_NOT_EPITHETS = frozenset({"armed groups", "armed group"})
_EPITHETS = frozenset({"militants", "militant", "jihadists", "insurgents", "islamist militants", "extremists"})
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
        actor = p.actors[name]
        prev = out[-1] if out else None
        if (
            ((actor.label and _norm_alias(text[a:b]) not in _NOT_EPITHETS) or _norm_alias(text[a:b]) in _EPITHETS)
            and prev is not None
            and not prev.actor.label
            and prev.actor.perpetrator
            and prev.raw_end <= a
            and _LABEL_JOIN.fullmatch(text, prev.raw_end, a)
        ):
            # "ISIL terrorists", "Daesh Terrorists", "the YPG terrorist organization": the label is the named
            # actor's epithet, one mention (rules-1.6)
            out[-1] = ActorMention(prev.start, prev.end, prev.raw_start, max(prev.raw_end, b), prev.actor)
            continue
        ra, rb = a, b
        lm = _LEFT_EXT.search(text, max(0, a - 40), a)
        if lm:
            ra = lm.start()
        rm = _RIGHT_EXT.match(text, b)
        if rm and rm.end() - b < 40:
            rb = rm.end()
        if prev is not None and prev.actor.label and not actor.label and ra <= prev.start:
            out.pop()  # "terrorists from Jaish al-Fateh": the label is inside the named actor's unit
        out.append(ActorMention(a, b, ra, rb, actor))
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
    r"^(?:['’]s)?(?:[\s\-]+(?:linked|led))?(?:\s+(?:group|groups|suicide|car|rocket|mortar|missile|drone|chemical|"
    r"terrorist|militants?|fighters?))*\s+(?:attacks?|assaults?|offensive|counter-?attacks?|blasts?|bombings?|explosions?|ambush|raids?|"
    r"shelling|strikes?|air ?strikes?|airstrikes?|bombardment|car bombs?|suicide bombers?|bombers?)\b",
    re.I,
)
_PASSIVE = re.compile(r"\s+(?:(?:down|out|up|back|off)\s+)?(?:by|at the hands of)\b", re.I)
_DEATH_VERB_BEFORE = re.compile(
    r"\b(?:killed|died|dead|wounded|injured|deaths?|lost their lives|perished|martyred)\s+(?:[\w\-]+\s+){0,4}?"
    r"(?:in|by|during|under|amid|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$",
    re.I,
)


# rules-1.6 ---------------------------------------------------------------------------------------------
# Quotes around a name ('the “Islamic State” execute', 'by the &#8220;Islamic state&#8221;', 'organization
# “stoned” two women') stand between the name and its cue words: they are read as spaces.
_QUOTES = re.compile(r"[“”\"]|&#82(?:20|21);")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


# Present-tense headline verbs and other acts of the actor named right before them ("the Islamic State stone
# a woman", "ISIS whips a man", "X carry out five executions", "X clashed with Y"), beyond `agent_after`.
_AGENT_AFTER_EXTRA = re.compile(
    r"^[\s,]*(?:(?:\(?[\w\-]+\)?[\s,]+){0,3}?)(?:execut(?:e|es|ing)|ston(?:e|es|ed|ing)|whip(?:s|ped)?|flog(?:s|ged)?|"
    r"lash(?:es|ed)|crucif(?:y|ies|ied)|behead(?:s|ed|ing)?|throw(?:s)?|threw|slaughter(?:s|ed|ing)?|kidnaps?|"
    r"abducts?|shoots?|tortur(?:e|es|ed)|hang(?:s|ed)?|burn(?:s|ed)|storm(?:s|ed)?|ambush(?:es|ed)?|"
    r"assault(?:s|ed)?|shell(?:s|ed)?|bombard(?:s|ed|ing)?|detonat(?:e|es)|blow(?:s)? up|carr(?:y|ies) out|"
    r"conduct(?:s|ed)?|"
    r"launch(?:es|ed)?|open(?:s|ed)? fire)\b",
    re.I,
)
# Between the actor and its act word: a count ("ISIS Commander 34 Terrorists Killed" - the dead of a headline)
_GAP_COUNT = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds)\b", re.I
)
_FALLBACK_MIN = 4
_PRIOR_GATE = ("after", "following", "response", "retaliation", "revenge")
_BEHIND_GATE = ("behind", "respons", "perpetrat", "culprit")
_DEATH_WORD_END = re.compile(r"(?:killed|executed|beheaded|slain|dead|wounded|injured|eliminated|massacred)$", re.I)
# A claim of responsibility: "Daesh (has) claimed responsibility", "IS claimed the attack", "X took responsibility"
_CLAIM_AFTER = re.compile(
    r"^[\s,]*(?:(?:[\w\-]+\s+){0,3}?)(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:claim(?:ed|s|ing)?|took|taken|tak(?:e|es)|"
    r"accept(?:ed|s)?|admit(?:ted|s)?)\s+(?:the\s+|full\s+)?(?:responsib\w*|the\s+(?:attack|bombing|blast|strike|"
    r"killing|explosion|operation|assassination)s?)\b",
    re.I,
)
_CLAIMED_BY_BEFORE = re.compile(r"\b(?:claimed|responsibility\s+was\s+claimed)\s+by\s+(?:the\s+)?$", re.I)
# An attribution: "Syria's government was behind", "the Bashar regime is responsible for"
_BEHIND_AFTER = re.compile(
    r"^[\s,]*(?:(?:was|were|is|are|had been|has been|have been|being|to be)\s+)(?:\w+ly\s+)?"
    r"(?:behind|responsible\s+for|the\s+perpetrators?|the\s+culprits?)\b",
    re.I,
)
# A place or a body the actor holds, formed or backs, not an act: "a town held by Daesh", "areas controlled by
# the SDF", "the weapons given by Washington"
_NOT_AGENT_BY = re.compile(
    r"\b(?:held|controlled|run|dominated|occupied|besieged|encircled|surrounded|defended|used|formed|founded|"
    r"designated|labell?ed|considered|given|provided|supplied|trained|equipped|welcomed|received|recogni[sz]ed|"
    r"backed|supported|protected|guarded|manned|administered|governed|ruled)\s+by\s+(?:the\s+)?$",
    re.I,
)
# An earlier act that the incident followed: "Syrian air strikes kill 70 after rebel rocket attack", "came in
# response to an ISIS attack" - the actor of that act is not the doer of this one
_PRIOR_BEFORE = re.compile(
    r"\b(?:after|following|in\s+response\s+to|in\s+retaliation\s+for|response\s+to|retaliation\s+for|"
    r"revenge\s+for|days?\s+after|hours\s+after)\s+(?:(?:the\s+|a\s+|an\s+)?(?:(?:recent|previous|earlier|last|"
    r"deadly|new|massive|twin|double)\s+)?|(?:[\w\-]+\s+){0,2}?(?:attacks?|strikes?|shelling|bombings?|raids?|"
    r"assaults?|offensive)\s+(?:launched\s+|carried\s+out\s+)?by\s+(?:the\s+)?)$",
    re.I,
)
# ... and the clause before it tells an act of its own ("Syrian air strikes kill 70 people after"), not a passive
# death ("two pilots were killed after ISIS shot down their helicopter": the cause)
_ACTIVE_ACT = re.compile(
    r"(?<!were )(?<!was )(?<!been )(?<!be )\b(?:kill(?:s|ed)?|struck|strike|hit|hits|pound(?:s|ed)?|bomb(?:s|ed)?|"
    r"shell(?:s|ed)?|target(?:s|ed)?|launch(?:es|ed)?|conduct(?:s|ed)?|carr(?:y|ies|ied) out|fired|fire)\b",
    re.I,
)


# The object of an act ("the coalition struck the Kurdish-led SDF", "rebels attacked government forces"), a
# place on a border ("near the border with Turkey"): the target, not the doer
_OBJECT_BEFORE = re.compile(
    r"\b(?:struck|strikes|hit|hits|attacked|attacking|bombed|bombing|bombarded|bombarding|shelled|shelling|pounded|"
    r"pounding|raided|ambushed|stormed|besieged|shot|stoned|crucified|beheaded|kidnapped|abducted|executed|"
    r"executing|among|amongst|(?:border|borders|frontier)\s+(?:with|of))\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!(?:by|from|of|with|in|on|at|after|during|under|amid|and|or|as|while|when)\b)[\w\-]+\s+){0,2}$",
    re.I,
)
# "X said in a statement that one of its fighters ...": a few words may stand between the speech verb and "that"
_TO_THAT = re.compile(r"(?:[\s,]+(?!that\b)[\w\-’']+){0,6}?(?=\s+that\b)", re.I)
_SPEAKER_LEAD = re.compile(
    r"\s*\([^)]{1,15}\)(?:\s+(?:group|organi[sz]ation|militants|fighters|movement|front))?(?=\s)"
    r"|\s+(?:group|organi[sz]ation|movement)(?=\s)",
    re.I,
)
# a page's keyword list: "Tags Syria Hassakeh Kurds Suicide Attack SDF ..." (no sentence punctuation since "Tags")
_TAGS_BEFORE = re.compile(r"\bTags\b(?:\s+[A-Z][\w\-’']*)*\s+$")
# "fire from X", "rockets fired from X": "from" names the doer only after the means ("fighters from X" is a unit,
# "crossed the border from Turkey" a place)
_FROM_MEANS = re.compile(
    r"\b(?:fire|fired|gunfire|shell\w*|rockets?|missiles?|mortars?|artillery|strikes?|raids?|attacks?|bombardment|"
    r"snip\w+|planes?|jets?|aircraft|helicopters?|drones?|launched|shot|bombs?|bullets?|projectiles?)\s+"
    r"(?:[\w\-]+\s+){0,3}?from\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+)?$",
    re.I,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+)?$", re.I)
# "clashes between X and Y", "fighting between X and ...": X is a party of the clash
_BETWEEN_BEFORE = re.compile(
    r"\b(?:clash(?:es)?|fighting|battles?|skirmish(?:es)?|confrontations?|fire\s+exchange|exchange\s+of\s+fire|"
    r"combats?|infighting)\s+between\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:patrols?|units?|members|fighters|forces)\s+of\s+(?:the\s+)?)?$",
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


_OPENER = re.compile(r"\d\s+The\s*$")


def _num_before(before: str) -> bool:
    """A count right before the mention ("20 ISIS fighters"), not a date or a year."""
    m = _NUM_BEFORE.search(before) or _NUM_NOUN_BEFORE.search(before)
    if not m:
        return False
    if _OPENER.search(m.group()):
        return False  # "... 112010 The US-led coalition struck": a counter, then a sentence opens (rules-1.6)
    if _DATE_BEFORE.search(before[: m.end()].rstrip()) or _DATE_BEFORE.search(before):
        return False
    return True


def _is_prior(text: str, m: ActorMention, before: str, after: str, lo: int) -> bool:
    """'... kill 70 people after a rebel rocket attack', '... following rocket attacks by rebels': the actor
    of an earlier act the incident followed, when the clause before tells its own act."""
    pb = _PRIOR_BEFORE.search(before)
    if pb is None:
        return False
    if not pb.group().lower().rstrip().endswith("by") and not _ATTACK_AFTER.match(after):
        return False  # "killed after ISIS shot down a helicopter": the cause, told as a clause
    at = max(lo, m.raw_start - 40) + pb.start()  # quotes are cut from the end of before only
    clause_start = max(lo, at - 120, text.rfind(".", 0, at) + 1, text.rfind(";", 0, at) + 1)
    return _ACTIVE_ACT.search(text, clause_start, at) is not None


def score_mention(
    text: str, m: ActorMention, p: Patterns, lo: int, hi: int, nxt: int | None = None
) -> int:
    """How strongly the words around a mention make it the doer of the act (negative: speaker/target/victim).
    nxt: where the next mention of another actor starts (an act word after it is that actor's)."""
    if not m.actor.perpetrator:
        return -9
    tags_at = text.find("Tags", max(lo, m.raw_start - 100), m.raw_start)
    if tags_at >= 0 and _TAGS_BEFORE.search(text, tags_at, m.raw_start):
        return 0  # a list of keywords ("Tags Syria Hassakeh Kurds Suicide Attack SDF Islamic State"), not prose
    before = text[max(lo, m.raw_start - 40) : m.raw_start]
    after = text[m.raw_end : min(hi, m.raw_end + 100)]  # rules-1.6: 100 (was 60), a statement's "that" clause
    if "“" in after or "”" in after or '"' in after or "&#82" in after:
        after = _QUOTES.sub(_blank, after)  # same length: offsets into after stay text offsets
    if "“" in before or "”" in before or '"' in before or "&#82" in before:
        before = _QUOTES.sub(_blank, before)
    limit = None if nxt is None else nxt - m.raw_end
    al, bl = after.lower(), before.lower()  # cheap gates for the rarer cues below
    score = 0
    lead = _SPEAKER_LEAD.match(after)
    said = after[lead.end() :] if lead else after  # "the Islamic State (IS) group said ..."
    sm = p.rx("speaker_after").match(said)
    tt = _TO_THAT.match(said, sm.end()) if sm else None
    if sm and (p.rx("self_claim").match(said, sm.end()) or (tt and p.rx("self_claim").match(said, tt.end()))):
        score += 4  # "Daesh said that it killed 50": the speaker claims the act as its own (rules-1.6: was +3)
    elif sm or _ACCORDING.search(before):
        score -= 4
    if p.rx("target_after").match(after):
        score -= 4
    kills_count = bool(_KILLS_COUNT.match(after))
    if (_num_before(before) and not kills_count) or _VICTIM_AFTER.match(after):
        score -= 4
    if p.rx("target_before").search(before):
        score -= 2
    elif _OBJECT_BEFORE.search(before):
        score -= 3
    prior = any(w in bl for w in _PRIOR_GATE) and _is_prior(text, m, before, after, lo)
    am = p.rx("agent_after").match(after) or _AGENT_AFTER_EXTRA.match(after)
    if am and (
        _PASSIVE.match(after, am.end())
        or (limit is not None and am.end() > limit)
        or (_GAP_COUNT.search(after, 0, am.end()) and _DEATH_WORD_END.search(after, 0, am.end()))
    ):
        am = None  # "struck by", "X and ISIS stones a man" (ISIS's act), "ISIS Commander 34 Terrorists Killed"
    if (am and not prior) or kills_count:
        score += 3
    if ("claim" in al or "respons" in al or "claimed" in bl) and (
        _CLAIM_AFTER.match(after) or _CLAIMED_BY_BEFORE.search(before)
    ):
        score += 4  # a claim of responsibility outweighs the sentence of the figure
    elif any(w in al for w in _BEHIND_GATE) and _BEHIND_AFTER.match(after):
        score += 3
    means = bool(_MEANS.search(text, m.raw_start, m.raw_end)) or bool(_ATTACK_AFTER.match(after))
    ab = p.rx("agent_before").search(before)
    if ab and _FROM_BEFORE.match(before, ab.start()) and not _FROM_MEANS.search(before):
        ab = None  # "fighters from X", "crossed the border from Turkey": no means before "from"
    if m.raw_start < m.start and _FROM_MEANS.search(text, m.raw_start, m.start):
        ab = _FROM_MEANS.search(text, m.raw_start, m.start)  # "a sniper from al-Nusra": the means is X's
    if p.rx("not_agent_before").search(before) or ("by" in bl and _NOT_AGENT_BY.search(before)):
        score -= 4  # "backed by X", "foiled an X attack", "there have been no X strikes", "a town held by X"
    elif prior:
        pass  # "after a rebel rocket attack": an earlier act, not this one
    elif ab or _ACCUSE.search(before):
        score += 3
    elif "between" in bl and _BETWEEN_BEFORE.search(before):
        score += 2  # "clashes between IS and the SDF": the first-named party
    elif means and _MEANS_BEFORE.search(before):
        score += 3  # "killed in regime shelling", "under Russian air strikes", "Syrian jets pounded"
    if means or m.raw_end - m.raw_start > m.end - m.start:
        score += 1  # "warplanes of X", "X forces": a fighting unit is named
    if m.actor.label:
        score -= 2  # "terrorists": names no one, and is most often the victim
    elif m.actor.cls == "unknown":
        score += 2
    return score


# "Russian and Syrian government aircraft", "Coalition air strikes, Turkish army kill 8": coordinated actors
# share the act word after the last of them
# (", and ISIS stones a man" opens a clause of its own: no comma before the conjunction)
_COORD = re.compile(r"(?:\s*(?:and|or|and/or|&|/)\s+|\s*,?\s*)(?:the\s+)?", re.I)
# "the Syrian army backed by Hezbollah shelled X": the backer is a modifier, the act word is still the army's
_BACKER_GAP = re.compile(
    r"[\s,]*(?:(?:backed|supported|aided|assisted|sponsored|armed|funded|trained|accompanied|joined)\s+by|"
    r"(?:allied|loyal|affiliated)\s+(?:to|with)|with\s+(?:the\s+)?(?:support|backing|help|cover)\s+of)\s+(?:the\s+)?",
    re.I,
)


def _next_other(text: str, mentions: list[ActorMention], j: int) -> int | None:
    """Where the next mention of another actor starts, past any actors coordinated with mention j."""
    end = mentions[j].raw_end
    for n in mentions[j + 1 :]:
        if n.start < end:
            continue
        if (
            n.actor.cls == mentions[j].actor.cls
            or _COORD.fullmatch(text, end, n.raw_start)
            or _BACKER_GAP.fullmatch(text, end, n.raw_start)
        ):
            end = max(end, n.raw_end)
            continue
        return n.start
    return None


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
    inside = [(j, m, lo, hi) for j, m in enumerate(mentions) for lo, hi in spans if lo <= m.start and m.end <= hi]
    victims: set[str] = set()
    if figure_at is not None:
        # "100 ISIL terrorists killed": the group of the incident's dead did not kill them
        for _j, m, lo, _hi in inside:
            if (
                0 <= m.raw_start - figure_at < 30
                and _num_before(text[max(lo, m.raw_start - 40) : m.raw_start])
                and not _KILLS_COUNT.match(text, m.raw_end)
            ):
                victims.add(m.actor.cls)
    for k, (j, m, lo, hi) in enumerate(inside):
        nxt = _next_other(text, mentions, j)
        s = score_mention(text, m, p, lo, hi, nxt)
        if m.actor.cls in victims and m.actor.cls != "unknown":
            s -= 3
        if s > 0 and focus is not None and focus[0] <= m.start < focus[1]:
            s += 3
            if figure_at is not None and abs(m.start - figure_at) < 100:
                s += 1
        if s >= min_score and (best is None or s > best[0]):
            best = (s, k, m)
    if best is None and spans and min_score < 7:
        # the incident's own sentences name no doer: a statement sentence between them that claims or attributes
        # the act ("Daesh said in a statement that one of its fighters ...") - never past the incident's last sentence
        lo0, hi0 = min(a for a, _ in spans), max(b for _, b in spans)
        for j, m in enumerate(mentions):
            if not (lo0 <= m.start and m.end <= hi0) or any(lo <= m.start and m.end <= hi for lo, hi in spans):
                continue
            lo1 = max(lo0, text.rfind(". ", 0, m.start) + 1)
            e = text.find(". ", m.end, hi0)
            hi1 = hi0 if e < 0 else e + 1
            s = score_mention(text, m, p, lo1, hi1, _next_other(text, mentions, j))
            if s >= _FALLBACK_MIN and (best is None or s > best[0]):
                best = (s, j, m)
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
