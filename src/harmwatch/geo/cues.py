"""The words around a toponym that say what role it plays: the place, near it, its region, a reference."""

from __future__ import annotations

import math
import re

from harmwatch.geo.normalize import ar_norm

_DIRS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_DIR_ADJ = rf"(?:{_DIRS}(?:ern)?|central)"
_UNIT = r"(?:town|village|city|area|neighbou?rhood|district|suburb|camp|region|hamlet|farms?|outskirts)"

# Matched against the text just before a mention (anchored at its end).
NEAR_BEFORE = re.compile(
    rf"(?:\bnear(?:by)?|\bclose to|\boutside|\boutskirts of|\bvicinity of|\baround|\bsurroundings of|"
    rf"\bedge of|\bperiphery of|\bfrontlines? of|\bfronts? of|\bentrance (?:to|of)|\bnot far from|"
    rf"\b\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+)?(?:of|from))"
    rf"\s+(?:the\s+)?(?:(?:besieged\s+|rebel-held\s+|opposition-held\s+|regime-held\s+)?{_UNIT}\s+of\s+)?$",
    re.I)
REGION_BEFORE = re.compile(
    rf"(?:\b(?:{_DIR_ADJ}\s+)?(?:rural|countryside of|suburbs of|province of|governorate of|"
    rf"countryside of the (?:city|province|governorate) of)|\b{_DIR_ADJ}(?:\s+(?:rural|countryside))?)\s+(?:the\s+)?$",
    re.I)
IN_BEFORE = re.compile(
    rf"(?:\b(?:in|at|on|into|inside|across|throughout|targeted|targeting|struck|strikes? on|hit|hitting|"
    rf"shelled|shelling|bombed|bombing|bombarded|raided|attacked|attack on|attacks on|stormed|captured|"
    rf"massacre in|killed in|died in|besieged|siege of|over)"
    rf"\s+(?:the\s+)?(?:(?:syria|iraq|yemen)['’]?s\s+|(?:{_DIR_ADJ}\s+)?(?:syrian|iraqi|yemeni)\s+)?"
    rf"(?:(?:besieged\s+|rebel-held\s+|opposition-held\s+|regime-held\s+|isis-held\s+)?"
    rf"{_UNIT}\s+(?:of\s+)?)?)$",
    re.I)
REGION_AFTER = re.compile(
    rf"^(?:['’]s)?\s*(?:{_DIR_ADJ}\s+)?(?:countryside|province|governorate|rural|region|suburbs|"
    rf"outskirts|environs|periphery|desert|plains?)\b",
    re.I)
PROVINCE_AFTER = re.compile(r"^(?:['’]s)?\s*(?:province|governorate)\b", re.I)
# "X, 10 km southeast of Y" / "X southeast of Y" / "X in Y province" / "X, Y": the next mention is a reference.
BEARING_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?:about|some|around|nearly|roughly|approximately)\s+)?"
    rf"(?:\d+(?:\.\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)\s+)?(?:to\s+the\s+)?({_DIRS})(?:ern)?\s+"
    rf"(?:of|from)\s+(?:the\s+)?(?:(?:city|town|province|governorate)\s+of\s+)?$",
    re.I)
CONTAINER_AFTER = re.compile(
    r"^\s*(?:(?:neighbou?rhood|district|area|village|town|city|camp|suburb|quarter|street|square)\s+)?"
    r"(?:,|\bin\b|\bin the\b|\bof\b|\bwithin\b|\bat the (?:center|centre) of\b)\s*"
    r"(?:(?:the\s+)?(?:\w+ern\s+)?(?:countryside|province|"
    r"governorate|suburbs|outskirts|rural)\s+(?:of\s+)?)?(?:the\s+)?$",
    re.I)
SPEAKER_AFTER = re.compile(
    r"^(?:\s*-?\s*based|\s+(?:government|regime|authorities|officials?|said|says|announced|claimed|denied|"
    r"accused|blamed|insisted|stated|told|ally|allies|backed|has|have|had|and its allies|"
    r"talks|negotiations|conference|delegation|embassy|airport road)\b|['’]s\s+(?:government|regime|"
    r"army|allies|ambassador|envoy|foreign|defen[cs]e|president|forces))",
    re.I)
SPEAKER_BEFORE = re.compile(r"(?:\bbased in|\bfled to|\bfrom|\bto|\bvia|\bcorrespondent in|\breporter in|"
                            r"\bsources in|\bactivists? in|\bspeaking in|\btalks in|\bmeeting in|\bheld in|"
                            r"\bvisit(?:ed|ing)?|\breturned to)\s+(?:the\s+)?$", re.I)

#: A casualty word: the clause holding it reports the deaths or injuries (the incident, not its context).
CASUALTY = re.compile(r"\b(?=[kdcmwilo])(?:kill(?:s|ed|ing)?|dead|deaths?|died|dies|casualt(?:y|ies)|"
                      r"martyr(?:s|ed|dom)?|wound(?:s|ed|ing)?|injur(?:y|ies|ed|ing)|massacre|lives|losses)\b", re.I)
#: A word of a non-violent event: a clause that holds one and no word of violence reports context (aid, a
#: protest, arrests, displacement, a disease), not the incident ("Food aid dropped on X, and shelling on Y").
CALM = re.compile(r"\b(?=[dpsfahrtcevl])(?:demonstrat(?:ion|ions|ors|ed)|protests?|protesters|sit-ins?|food|"
                  r"aids?|humanitarian|relief|arrests?|arrested|detentions?|displace(?:d|ment)|typhoid|fever|poisoning|disease|"
                  r"epidemic|vaccination|flogging|reconciliation|talks|negotiations|celebrat(?:e|es|ed|ions?)|"
                  r"elections?|prices|electricity|lay(?:s)? off)\b", re.I)
#: Words of violence: a clause with one of them reports an attack, whatever else it says.
VIOLENCE = re.compile(r"\b(?=[cskebratfmdwilgvo])(?:clash\w*|shell\w*|bomb\w*|strikes?|airstrikes?|raids?|"
                      r"attack\w*|kill\w*|explo\w*|fight\w*|battles?|target\w*|barrels?|missiles?|rockets?|mortars?|snip\w*|execut\w*|"
                      r"assassinat\w*|massacres?|casualt\w*|dead|deaths?|died|wound\w*|injur\w*|martyr\w*|losses|"
                      r"shot|shoot\w*|gunfire|fire[ds]?|ambush\w*|storm\w*|besieg\w*|siege|violence|violations?)\b",
                      re.I)
#: Where a clause ends: "X killed in A; clashes in B", "A and B", "A, B", a sentence end.
#: A comma before a participle that tells the toll does not end the clause ("X, causing casualties").
CLAUSE_END = re.compile(r"[;.!?\n]|,\s(?!\s*(?:causing|leaving|killing|injuring|wounding|claiming)\b)|"
                        r"\s(?:and|while|as|after|before|whereas)\s", re.I)
CLAUSE_CHARS = 80
#: The lead: a report's first lines state its main incident; later casualty clauses are often context.
LEAD_CHARS = 200

#: Last words a *_BEFORE pattern can end in: a cheap gate before running the patterns.
LAST_WORDS = frozenset(
    "of the rural near nearby outside around in at on into inside across throughout targeted targeting "
    "struck strikes strike hit hitting shelled shelling bombed bombing bombarded raided attacked attack "
    "attacks stormed captured besieged over countryside from to via visited visiting visit returned "
    "km kilometers kilometres miles mile syrias syria's syria’s iraqs iraq's yemens yemen's syrian iraqi "
    "yemeni town village city area neighborhood neighbourhood district suburb camp region hamlet farm farms "
    "outskirts north south east west northern southern eastern western northeast northwest southeast "
    "southwest north-east north-west south-east south-west northeastern northwestern southeastern "
    "southwestern central besieged rebel-held opposition-held regime-held isis-held to".split())

_DIR_LAST = frozenset("north south east west northern southern eastern western northeast northwest southeast "
                      "southwest north-east north-west south-east south-west northeastern northwestern "
                      "southeastern southwestern central".split())
#: Last words (before an optional "the") REGION_BEFORE and NEAR_BEFORE can end in: cheaper gates.
REGION_LAST = frozenset({"rural", "of", "countryside"}) | _DIR_LAST
NEAR_LAST = frozenset({"near", "nearby", "to", "outside", "of", "around", "from"})
SPEAKER_LAST = frozenset({"in", "to", "from", "via", "visit", "visited", "visiting"})
#: How far back a cue phrase can start ("25 kilometres northwest of the besieged town of ").
BEFORE_CHARS = 60

_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}


def direction_deg(word: str) -> float | None:
    """Compass degrees of a direction word ('south-east' -> 135)."""
    return _BEARINGS.get(word.lower().replace("-", ""))


def bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing in degrees from point 1 to point 2."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def angle_diff(a: float, b: float) -> float:
    """Smallest absolute difference of two bearings."""
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


# ---------------------------------------------------------------- Arabic
# Word lists are in ar_norm form (ta marbuta as ha, bare alif); the words before a name are read with their
# clitics (و ف ب ل ك) stripped only when what remains is a listed word ("بمدينة", "وريف", "لبلدة").
#: "مدينة/بلدة/قرية/حي/مخيم/ناحية X": the town, village, neighbourhood or camp X itself (ACLED 1).
AR_TOWN = frozenset("مدينه بلده قريه حي مخيم ناحيه مدينتي بلدتي قريتي بلدات قري احياء حيي ضاحيه مزرعه مزارع "
                    "مدن".split())
#: "ريف X": governorate X's countryside (ACLED 3), with or without a direction after X.
AR_COUNTRYSIDE = frozenset("ريف ريفي".split())
#: "محافظة X": the governorate X.
AR_PROVINCE = frozenset("محافظه محافظتي ولايه".split())
#: "قرب X", "أطراف X", "شرق X": near X (ACLED 2).
AR_NEAR = frozenset("قرب بالقرب مقربه اطراف محيط ضواحي مشارف تخوم اطراف اتجاه اطرف اطار جوار اقرب اسفل".split())
AR_DIRS = {"شمال": 0.0, "شرق": 90.0, "جنوب": 180.0, "غرب": 270.0}
AR_DIR_WORDS = frozenset([*AR_DIRS, "شمالي", "شرقي", "جنوبي", "غربي"])
#: "الريف الشرقي لـX" / "ريف X الشرقي": a direction adjective of the countryside.
AR_DIR_ADJ = frozenset("الشرقي الغربي الشمالي الجنوبي".split())
#: feminine direction adjectives after a name: "حلب الشرقية" is a part of the city (ACLED 2)
AR_PART_AFTER = frozenset("الشرقيه الغربيه الشماليه الجنوبيه".split())
#: "في/على/داخل X", words of attack: the place of the event.
AR_IN = frozenset("في على داخل استهدف استهدفت استهداف قصف قصفت غاره غارات هجوم تفجير انفجار مجزره اقتحام "
                  "ضرب ضربات طال طالت".split())
#: "إلى X", "نحو X", "من X": where people fled to or came from (a reference, not the event).
AR_SPEAKER = frozenset("الي نحو باتجاه".split())
#: every word the Arabic cue reading looks for, so a clitic is stripped only off one of them
AR_VOCAB = (AR_TOWN | AR_COUNTRYSIDE | AR_PROVINCE | AR_NEAR | AR_DIR_WORDS | AR_DIR_ADJ | AR_IN | AR_SPEAKER
            | frozenset("الريف القرب".split()))
AR_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
AR_PREV_CHARS = 60
_AR_WORDS = re.compile(r"[\u0621-\u064A\u064B-\u065F\u0640]+")
AR_BEARING_AFTER = re.compile(
    r"^\s*[،,]?\s*(?:(?:على بعد|بحوالي|حوالي|نحو|قرابه)\s+)?(?:\d+\s*(?:كم|كيلو\s*متر|كيلومترات|كيلومتر)\s+)?"
    r"(?:(?:الي|في)\s+)?(?:ال)?(شمال|جنوب|شرق|غرب)(?:ي)?(?:\s+(?:ال)?(شرق|غرب)(?:ي)?)?\s+"
    r"(?:(?:مدينه|بلده|محافظه|قريه)\s+)?$")
AR_CONTAINER_AFTER = re.compile(
    r"^\s*[،,]?\s*(?:(?:في|ب|من|داخل|ضمن)\s*)?(?:(?:ال)?(?:مدينه|بلده|ريف|محافظه|منطقه)\s+)?"
    r"(?:(?:ال)?(?:شرقي|غربي|شمالي|جنوبي)\s+)?(?:ل)?$")


def ar_words_before(text: str, s: int, n: int = 4) -> list[tuple[int, str]]:
    """The n Arabic words before text[s] (nearest last) with their offsets, in ar_norm form, within
    AR_PREV_CHARS and not across a sentence end. A clitic glued before s ("ب" of "بالرقة") is a word."""
    lo = max(0, s - AR_PREV_CHARS)
    chunk = text[lo:s]
    cut = max(chunk.rfind(c) for c in ".!?؟\n:؛;")
    if cut >= 0:
        lo += cut + 1
    return [(m.start(), ar_norm(m.group())) for m in _AR_WORDS.finditer(text, lo, s)][-n:]


def ar_unclitic(word: str, vocab: frozenset[str]) -> str:
    """The word without a leading clitic when what remains is in vocab ("بمدينه" -> "مدينه"), else as is."""
    if word in vocab:
        return word
    for c in AR_CLITICS:
        if word.startswith(c) and word[len(c):] in vocab:
            return word[len(c):]
    if word.startswith("لل") and "ال" + word[2:] in vocab:
        return "ال" + word[2:]
    return word


def ar_direction_deg(a: str, b: str | None) -> float | None:
    """Compass degrees of "شمال" / "شمال شرق" (the first word says north or south)."""
    d1 = AR_DIRS.get(a)
    if d1 is None:
        return None
    d2 = AR_DIRS.get(b) if b else None
    if d2 is None or d1 in (90.0, 270.0):
        return d1
    return (d1 + d2) / 2 if d1 == 180.0 else (d2 / 2 if d2 == 90.0 else (360.0 + d2) / 2)
