"""Does a document's own text evidence the gold value? Decides the "answerable" figures.

Follows shared/eval/score.py (sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead),
'answerability' section. Many gold values (the village or the toll behind a UCDP headline) are
not in the text at all, so the answerable figures show what reading can reach. Rules:

- place (location, and the point figures): a distinctive >=4-letter token of the gold location
  starts a word of the text (an article may be fused on, a final -h may be missing), or has the
  same consonant skeleton as a word of the text (Atareb/Atarib, Manbij/منبج), or the cleaned name
  occurs as a phrase, or a governorate named in the place name is named in the text;
- admin1: the governorate is named in some spelling or script (loose: Damascus or Rif Dimashq);
- killed / civilians killed: the number is stated (digits, Arabic-Indic digits, English or simple
  Arabic number words, duals, 'no casualties' for 0); ranges: some stated number is inside;
- perpetrator: an alias of a gold class occurs (strict: the primary class; dyad: one side);
- date: gold date_start within 7 days of `published`, or the text holds an explicit date,
  a month name or a weekday;
- any incident found: at least one of the document's graded fields is answerable.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from .fields import METRIC_KEYS
from .normalize import DROP_WORDS, admin1_key, admin1_loose, arabic_norm, norm_text
from .perpetrator import gold_classes, perp_classes, side_classes
from .values import num, parse_date, point, value_range

_AR_LETTER = "\u0621-\u064A"
_AR_WORD = re.compile(rf"[{_AR_LETTER}]+")


def doc_text(doc: Mapping[str, Any]) -> str:
    """Title and text of a document, the words whose evidence counts."""
    return "\n".join(p for p in (doc.get("title"), doc.get("text")) if isinstance(p, str) and p.strip())


def _ar_words(nt: str) -> list[str]:
    """The Arabic-script words of a normalised text."""
    return _AR_WORD.findall(nt)


# ------------------------------------------------------------------ numbers
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_TENS["fourty"] = 40
_U1 = "one|two|three|four|five|six|seven|eight|nine"
_UNITS_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_B100 = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-]+(?:{_U1}))?|(?:{_UNITS_ALT}))"
_NUMBER_WORDS_RX = re.compile(
    rf"\b(?:(?:half\s+an?|an?|{_B100})\s+dozen|(?:an?|{_U1})\s+hundred(?:\s+(?:and\s+)?{_B100})?|{_B100})\b")
_ZERO_RX = re.compile(r"\b(?:zero|nobody|no one|no (?:reported |immediate )?(?:fatalities|casualties|deaths|"
                      r"losses|victims|injuries|one was (?:killed|hurt|injured)))\b")
_DIGITS_RX = re.compile(r"(?<![0-9])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+")
_AR_NUMBER_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
    "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئه": 100, "مائه": 100,
}
# Arabic duals that mean 'two people' (plurals such as مدنيين are left out: they are ambiguous).
_AR_DUAL_TWO = frozenset({
    "طفلين", "طفلان", "طفلتين", "طفلتان", "شخصين", "شخصان", "رجلين", "رجلان", "امراتين",
    "امراتان", "شابين", "شابان", "شقيقين", "شقيقان", "اخوين", "قتيلين", "قتيلان", "جريحين",
    "جريحان", "عنصرين", "عنصران",
})


def words_to_int(phrase: str) -> int | None:
    """Value of one English number phrase ('twenty-five', 'half a dozen'); None if it spells nothing."""
    val, half = 0, False
    for t in re.findall(r"[a-z]+", phrase.lower()):
        if t == "half":
            half = True
        elif t in ("a", "an"):
            val += 1
        elif t == "hundred":
            val *= 100
        elif t == "dozen":
            val *= 12
        elif t in _UNITS:
            val += _UNITS[t]
        elif t in _TENS:
            val += _TENS[t]
        elif t != "and":
            return None
    return val // 2 if half else val


def numbers_in_text(text: str, normalized: bool = False) -> set[int]:
    """Every integer a text states, in digits or words of either script (0 for 'no casualties')."""
    nt = text if normalized else norm_text(text)
    out = {int(m.group().replace(",", "")) for m in _DIGITS_RX.finditer(nt)}
    for m in _NUMBER_WORDS_RX.finditer(nt):
        v = words_to_int(m.group())
        if v is not None:
            out.add(v)
    if _ZERO_RX.search(nt):
        out.add(0)
    out |= _arabic_numbers(_ar_words(nt))
    return out


def _arabic_numbers(w: list[str]) -> set[int]:
    """Numbers spelled in Arabic words: units, teens ('خمسة عشر'), 'unit and tens', duals."""
    out: set[int] = set()
    for i, t in enumerate(w):
        if t in _AR_DUAL_TWO or (t[:1] in "وب" and t[1:] in _AR_DUAL_TWO):
            out.add(2)
            continue
        v = _AR_NUMBER_WORDS.get(t)
        if v is None and t[:1] == "و":
            v = _AR_NUMBER_WORDS.get(t[1:])
        if v is None and t in ("احد", "اثنا", "اثني"):
            v = 1 if t == "احد" else 2
            if i + 1 < len(w) and w[i + 1] in ("عشر", "عشره"):
                out.add(10 + v)
            continue
        if v is None:
            continue
        out.add(v)
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if v < 10 and nxt in ("عشر", "عشره"):
            out.add(10 + v)
        elif v < 10 and nxt[:1] == "و" and _AR_NUMBER_WORDS.get(nxt[1:], 0) in range(20, 100, 10):
            out.add(v + _AR_NUMBER_WORDS[nxt[1:]])
    return out


# ------------------------------------------------------------------ dates
_DATE_RXS = (
    re.compile(r"\b[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}\b|\b[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}\b"),
    re.compile(r"\b(?:january|february|april|june|july|august|september|october|november|december|"
               r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    re.compile(rf"(?<![{_AR_LETTER}])[وبل]?(?:يناير|فبراير|ابريل|مايو|يونيو|يونيه|يوليو|يوليه|اغسطس|سبتمبر|"
               rf"اكتوبر|نوفمبر|ديسمبر|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|ايلول|تشرين|"
               rf"الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد)(?![{_AR_LETTER}])"),
    re.compile(rf"[0-9]\s*(?:مارس|اب)(?![{_AR_LETTER}])"),
)
# Case-sensitive on the raw text: 'May', 'March' and abbreviations are also ordinary words.
_DATE_CASED_RX = re.compile(r"\b(?:May|March|MAY|MARCH|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
                            r"Mon|Tues?|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b")


def text_has_date(text: str, normalized: str | None = None) -> bool:
    """True when the text holds an explicit date, a month name or a weekday (English or Arabic)."""
    nt = normalized if normalized is not None else norm_text(text)
    return bool(_DATE_CASED_RX.search(text) or any(rx.search(nt) for rx in _DATE_RXS))


# ------------------------------------------------------------------ governorates named in a text
_ADMIN1_EN = {
    "rif_dimashq": r"\b(?:rif|reef|rural|countryside(?: of)?|suburbs(?: of)?)[\s-]+(?:dimashq|damascus)\b|"
                   r"\bdamascus[\s-]+(?:countryside|suburbs|rural)\b|\bghouta\b|\bqalamoun\b",
    "aleppo": r"\b(?:aleppo|halab|alep)\b",
    "idlib": r"\b(?:idlib|idleb|edlib|idlep)\b",
    "hama": r"\b(?:hama|hamah|hamat|hamma)\b",
    "homs": r"\b(?:homs|hims|hums)\b",
    "latakia": r"\b(?:latakia|lattakia|latakiya|lattakiya|ladhiqiyah|ladhiqiya|ladhikiyah|lathqiya|lathikia|"
               r"lattaquie)\b",
    "tartus": r"\b(?:tartus|tartous|tartouss|tortosa)\b",
    "damascus": r"\b(?:damascus|dimashq|damas)\b",
    "daraa": r"\b(?:daraa|dara|deraa|dera|darah|deraah|daraah)\b",
    "suwayda": r"\b(?:suwayda|sweida|suwaida|sweyda|soueida|swaida|suweida|swayda|suwaydaa|sweidaa)\b",
    "quneitra": r"\b(?:quneitra|qunaytirah|qunaytira|kuneitra|qunaitra|quneitrah)\b",
    "deir_ez_zor": r"\b(?:deir|dayr|dair|der|deyr)[\s-]*(?:ez|al|el|az|e|a)?[\s-]*"
                   r"(?:zor|zour|zawr|zur|zzor|zzour)\b",
    "raqqa": r"\b(?:raqqa|raqqah|rakka|raka|raqa|rakkah)\b",
    "hasakah": r"\bhas+[ae]k+(?:a|ah|eh|e)\b",
}
_ADMIN1_AR = {
    "rif_dimashq": ["ريف دمشق", "الغوطه", "القلمون"], "aleppo": ["حلب"], "idlib": ["ادلب"],
    "hama": ["حماه"], "homs": ["حمص"], "latakia": ["اللاذقيه"], "tartus": ["طرطوس"],
    "damascus": ["دمشق"], "daraa": ["درعا"], "suwayda": ["السويداء", "السويدا"],
    "quneitra": ["القنيطره"], "deir_ez_zor": ["دير الزور", "ديرالزور"], "raqqa": ["الرقه"],
    "hasakah": ["الحسكه"],
}


def _arabic_alternatives(forms: list[str]) -> str:
    """A regex for Arabic names with clitic prefixes (و ف ب ل ك) and the لل contraction of ال."""
    alts = []
    for f in forms:
        alts.append(re.escape(f).replace(r"\ ", r"\s*").replace(" ", r"\s*"))
        if f.startswith("ال"):
            alts.append("لل" + re.escape(f[2:]))
    return rf"(?<![{_AR_LETTER}])[وفبلك]{{0,2}}(?:{'|'.join(alts)})(?![{_AR_LETTER}])"


# rif_dimashq comes first: its matches are blanked out before Damascus is looked for.
_ADMIN1_TEXT_RX = {k: re.compile(_ADMIN1_EN[k] + "|" + _arabic_alternatives(_ADMIN1_AR[k]))
                   for k in _ADMIN1_EN}


def admin1_mentions(text: str, normalized: bool = False) -> list[str]:
    """Governorate keys named in a text, first mention first; 'Rural Damascus', Ghouta and
    Qalamoun count as Rif Dimashq, not as Damascus."""
    nt = text if normalized else norm_text(text)
    first: dict[str, int] = {}
    for k, rx in _ADMIN1_TEXT_RX.items():
        if k != "rif_dimashq":
            m = rx.search(nt)
            if m:
                first[k] = m.start()
            continue
        ms = list(rx.finditer(nt))
        if ms:
            first[k] = ms[0].start()
        for m in reversed(ms):
            nt = nt[:m.start()] + " " * (m.end() - m.start()) + nt[m.end():]
    return sorted(first, key=first.__getitem__)


# ------------------------------------------------------------------ place names
_LOC_SUFFIX = frozenset({
    "town", "village", "city", "district", "subdistrict", "area", "neighbourhood", "neighborhood",
    "camp", "suburb", "suburbs", "quarter", "countryside", "outskirts", "governorate", "province",
    "region", "near", "between", "and", "of", "the", "in", "on", "road", "highway", "street",
    "square", "border", "crossing", "military", "airport", "airbase", "base", "hospital", "school",
    "mosque", "market", "farm", "farms", "field", "fields", "mountain", "mountains", "hill", "hills",
    "plain", "valley", "river", "desert", "syria", "syrian", "northern", "southern", "eastern",
    "western", "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "central",
    "rural", "surroundings", "vicinity", "outside", "center", "centre", "part",
    # descriptive English words that occur in gold place descriptions
    "towns", "villages", "cities", "areas", "districts", "neighbourhoods", "neighborhoods",
    "entrance", "exit", "gate", "roundabout", "junction", "intersection", "crossroads", "bridge",
    "hotel", "water", "station", "power", "plant", "factory", "company", "residential", "building",
    "buildings", "house", "houses", "home", "homes", "apartment", "industrial", "garage", "post",
    "office", "prison", "fuel", "popular", "group", "refinery", "complex", "bakery", "clinic",
    "church", "cemetery", "graveyard", "stadium", "university", "college", "institute",
    "headquarters", "checkpoint", "airfield", "barracks", "battalion", "brigade", "regiment",
    "division", "front", "frontline", "line", "lines", "axis", "outpost", "position", "positions",
    "oil", "gas", "well", "wells", "pumping", "grain", "silo", "silos", "mill", "vehicle", "vehicles",
    "motorcycle", "truck", "tent", "tents", "shelter", "schools", "kindergarten", "orphanage",
    "medical", "health", "pharmacy", "shop", "shops", "store", "restaurant", "cafe", "mosques",
    "avenue", "lane", "boulevard", "motorway", "route", "bypass", "ring", "edge", "nearby", "close",
    "behind", "inside", "across", "along", "toward", "towards", "old", "new", "upper", "lower",
    "small", "big", "great", "little", "grand", "main", "public", "local", "national",
    "international", "civil", "civilian", "civilians", "displaced", "refugee", "refugees", "camps",
    "settlement", "farmland", "farmlands", "agricultural", "land", "lands", "orchard", "orchards",
    "olive", "groves", "forest", "mount", "hilltop", "plateau", "riverbank", "bank", "banks",
    "canal", "lake", "island", "park", "garden", "gardens", "port", "coast", "beach", "sector",
    "zone", "block", "blocks", "with", "from", "into", "unknown", "location", "locations",
    "multiple", "several", "various", "said",
})
_LOC_PREFIX = frozenset({
    "tall", "tell", "kafr", "kfar", "deir", "dayr", "jabal", "jebel", "khirbat", "khirbet",
    "beit", "bayt", "wadi", "marj", "qasr", "mazraat", "hayy", "harat", "qaryat", "jisr",
    "sheikh", "shaykh", "balad", "madinat", "mahatta",
})
_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "az", "at", "ash", "ath", "ez", "es", "ed", "et",
                       "er", "en"})
_ART_RX = "(?:" + "|".join(sorted(_ARTICLES, key=len, reverse=True)) + ")"
# Consonant skeletons: Latin (digraphs first) and Arabic letters onto one alphabet.
_LAT_DIGRAPHS = (("sh", "S"), ("ch", "S"), ("kh", "K"), ("th", "T"), ("dh", "D"), ("gh", "G"), ("ph", "f"),
                 ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"))
_AR_SKELETON = str.maketrans({
    "ب": "b", "ت": "t", "ث": "T", "ج": "j", "ح": "h", "خ": "K", "د": "d", "ذ": "D",
    "ر": "r", "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "G", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "", "ع": "", "ء": "", "ا": "", "أ": "", "إ": "", "آ": "", "ؤ": "", "ئ": "",
    "و": "", "ي": "", "ى": "",
})


def skeleton_latin(tok: str) -> str:
    """Consonant skeleton of a Latin word, so transliterations (Atareb/Atarib) meet."""
    s = re.sub(r"(.)\1+", r"\1", tok.lower())
    for a, b in _LAT_DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"[aeiouyw]", "", s)
    return s[:-1] if s.endswith("h") else s


def skeleton_arabic(word: str) -> str:
    """Consonant skeleton of an Arabic word in the Latin skeleton alphabet (منبج -> mnbj)."""
    s = word.translate(_AR_SKELETON)
    return s[:-1] if s.endswith("h") else s


def arabic_stems(word: str) -> set[str]:
    """The word and the word without one clitic/article prefix (وال، بال، ال، و ...)."""
    out = {word}
    for p in ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"):
        if word.startswith(p) and len(word) - len(p) >= 3:
            out.add(word[len(p):])
    return out


@functools.lru_cache(maxsize=4096)
def loc_evidence_tokens(name: str) -> tuple[tuple[str, ...], re.Pattern[str] | None, str]:
    """(distinctive tokens, phrase regex, cleaned name) of a gold place name."""
    toks = [t for t in re.split(r"[^a-z]+", norm_text(name)) if t]
    toks = [t for t in toks if t not in _LOC_SUFFIX and (t in _ARTICLES or t not in DROP_WORDS)]
    core = [t for t in toks if t not in _ARTICLES]
    distinct = tuple(t for t in core if len(t) >= 4 and t not in _LOC_PREFIX)
    phrase = None
    if core and len("".join(toks)) >= 4:
        # A leading ar/as/at/an... only hyphenated or fused ('as-Sukhnah'), or 'clashes at Bab al-Hawa'
        # would name 'Al Bab'; al/el, and any article inside the name, may stand apart.
        short = "(?:" + "|".join(sorted(_ARTICLES - {"al", "el", "ash", "ath"})) + ")"
        pats = [(r"(?:(?:al|el|ash|ath)[\s-]*|" + short + "-?)" if i == 0 else _ART_RX + r"[\s-]*")
                if t in _ARTICLES else re.escape(t) + r"[\s-]*" for i, t in enumerate(toks)]
        phrase = re.compile(r"\b" + "".join(pats).removesuffix(r"[\s-]*") + r"\b")
    return distinct, phrase, " ".join(toks)


@functools.lru_cache(maxsize=4096)
def _token_rx(t: str) -> re.Pattern[str]:
    """A place token at a word start; an article may be fused on ('Alashara') and a final -h
    after a vowel may be missing (Raqqah/Raqqa)."""
    stem = t[:-1] if re.search(r"[aeiou]h$", t) else t
    return re.compile(r"(?<![a-z])(?:" + _ART_RX + r"-?)?" + re.escape(stem))


class Evidence:
    """What a document's text states, computed lazily and once per document."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.raw = doc_text(doc)
        self.nt = norm_text(self.raw)

    @cached_property
    def numbers(self) -> set[int]:
        """Integers the text states."""
        return numbers_in_text(self.nt, normalized=True)

    @cached_property
    def classes(self) -> set[str]:
        """Perpetrator classes whose aliases occur in the (raw) text."""
        return set(perp_classes(self.raw))

    @cached_property
    def admin1(self) -> list[str]:
        """Governorates the text names, first mention first."""
        return admin1_mentions(self.nt, normalized=True)

    @cached_property
    def has_date(self) -> bool:
        """Whether the text holds a date, month or weekday."""
        return text_has_date(self.raw, self.nt)

    @cached_property
    def skeletons(self) -> set[str]:
        """Consonant skeletons (>= 3 letters) of every Latin and Arabic word of the text."""
        sk = {skeleton_latin(w) for w in re.findall(r"[a-z]+", self.nt)}
        for w in _ar_words(self.nt):
            sk.update(skeleton_arabic(s) for s in arabic_stems(w))
        return {s for s in sk if len(s) >= 3}

    @cached_property
    def arabic_stems(self) -> set[str]:
        """Arabic words of the text with and without a clitic prefix."""
        return {s for w in _ar_words(self.nt) for s in arabic_stems(w)}

    def names_place(self, name: object) -> bool:
        """True when the text names the gold place (see the module rules)."""
        if not isinstance(name, str) or not name.strip():
            return False
        if re.search(rf"[{_AR_LETTER}]", arabic_norm(name)):  # an Arabic-script gold name
            words = [w for w in _ar_words(arabic_norm(name)) if len(w) >= 3]
            stems = {s for w in words for s in arabic_stems(w) if len(s) >= 3}
            return bool(stems & self.arabic_stems)
        distinct, phrase, cleaned = loc_evidence_tokens(name)
        if phrase is not None and phrase.search(self.nt):
            return True
        # a governorate inside the place name ('Damascus countryside', 'Al Buseira, Deir Ezzor')
        # counts when the text names that governorate in any script or spelling
        parts = [name, cleaned, *re.split(r"[,;/()]| - ", name), *distinct]
        keys = {admin1_loose(k) for k in map(admin1_key, parts) if k and not k.startswith("?")}
        if keys & {admin1_loose(k) for k in self.admin1}:
            return True
        for t in distinct:
            if _token_rx(t).search(self.nt):
                return True
            s = skeleton_latin(t)
            if len(s) >= 3 and s in self.skeletons:
                return True
        return False


def gold_killed(g: Mapping[str, Any]) -> int | float | None:
    """The gold death toll: killed, else civilians_killed (FA-KES may give only the latter)."""
    gk = num(g.get("killed"))
    return gk if gk is not None else num(g.get("civilians_killed"))


def answerable(doc: Mapping[str, Any], g: Mapping[str, Any], ev: Evidence | None = None) -> dict[str, bool]:
    """{metric: does the document's text evidence the gold value of that metric}."""
    ev = ev or Evidence(doc)
    a = dict.fromkeys(METRIC_KEYS, False)
    gs = parse_date(g.get("date_start"))
    if gs:
        pub = parse_date(doc.get("published"))
        a["date_start_exact"] = a["date_start_pm1d"] = bool(
            (pub and abs((gs - pub).days) <= 7) or ev.has_date)
    ga = admin1_key(g.get("admin1"))
    if ga:
        if ga.startswith("?"):
            a["admin1"] = a["admin1_loose"] = ev.names_place(g.get("admin1"))
        else:
            a["admin1"] = ga in ev.admin1
            a["admin1_loose"] = admin1_loose(ga) in {admin1_loose(k) for k in ev.admin1}
    if point(g) or g.get("location"):
        a["point_10km"] = a["point_25km"] = ev.names_place(g.get("location"))
    prim, accepted = gold_classes(g)
    if accepted:
        a["perpetrator_class"] = bool(accepted & ev.classes)
        a["perpetrator_class_strict"] = prim in ev.classes
    else:
        a["dyad_side_class"] = bool(set(side_classes(g)) & ev.classes)
    gk = gold_killed(g)
    if gk is not None:
        a["killed_exact"] = a["killed_pm10pct"] = gk in ev.numbers
    gc = num(g.get("civilians_killed"))
    if gc is not None:
        a["civilians_killed_exact"] = a["civilians_killed_pm10pct"] = gc in ev.numbers
    for metric, lo_key, hi_key in (("killed_in_range", "killed_low", "killed_high"),
                                   ("injured_in_range", "injured_low", "injured_high")):
        r = value_range(g, lo_key, hi_key)
        if r is not None:
            lo, hi = r
            a[metric] = any(lo <= v <= hi for v in ev.numbers)
    a["any_incident_found"] = any(a.values())
    return a
