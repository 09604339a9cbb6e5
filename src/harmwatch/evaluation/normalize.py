"""Name keys for governorates and places, so spellings of one place compare equal.

Follows shared/eval/score.py (sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead),
'place names' section. The tables are the reference's and are kept in code, not in the
editable data files: changing them would change what the evaluation figures mean.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

ARABIC_BLOCK = re.compile(r"[\u0600-\u06FF]")

#: Canonical governorate key -> regex on the squashed Latin name (articles/direction words removed).
ADMIN1_PATTERNS: tuple[tuple[str, str], ...] = (
    ("aleppo", r"^(aleppo|halab|alep)$"),
    ("idlib", r"^(idlib|idleb|edlib|idlep)$"),
    ("hama", r"^(hama|hamah|hamat|hamma)$"),
    ("homs", r"^(homs|hims|hums)$"),
    ("latakia", r"^(latakia|lattakia|latakiya|lattakiya|ladhiqiyah|ladhiqiya|ladhikiyah|lathqiya|lathikia|"
                r"lattaquie)$"),
    ("tartus", r"^(tartus|tartous|tartouss|tortosa)$"),
    ("damascus", r"^(damascus|dimashq|damas)$"),
    ("rif_dimashq", r"^(rif|reef|rural|countryside)(dimashq|damascus)$"
                    r"|^damascus(countryside|rural|suburbs)$"),
    ("daraa", r"^(daraa|dara|deraa|dera|darah|deraah|daraah)$"),
    ("suwayda", r"^(suwayda|sweida|suwaida|sweyda|soueida|swaida|suweida|swayda|suwaydaa|sweidaa)$"),
    ("quneitra", r"^(quneitra|qunaytirah|qunaytira|kuneitra|qunaitra|quneitrah)$"),
    ("deir_ez_zor", r"^(deir|dayr|dair|der|deyr)(ez|al|el|az|e|a)?(zor|zour|zawr|zur|zzor)$"),
    ("raqqa", r"^(raqqa|raqqah|rakka|raka|raqa|rakkah)$"),
    ("hasakah", r"^has+[ae]k+(a|ah|eh|e)$"),
)
_ADMIN1_RX = tuple((key, re.compile(pat)) for key, pat in ADMIN1_PATTERNS)

#: Arabic governorate names (after arabic_norm, spaces removed) -> key.
ADMIN1_ARABIC: dict[str, str] = {
    "حلب": "aleppo", "ادلب": "idlib", "حماه": "hama", "حمص": "homs", "اللاذقيه": "latakia",
    "طرطوس": "tartus", "دمشق": "damascus", "ريفدمشق": "rif_dimashq", "درعا": "daraa",
    "السويداء": "suwayda", "السويدا": "suwayda", "القنيطره": "quneitra",
    "ديرالزور": "deir_ez_zor", "الرقه": "raqqa", "الحسكه": "hasakah",
}

#: Words dropped from a Latin name before it is matched: articles, admin words, directions.
DROP_WORDS: frozenset[str] = frozenset({
    "al", "ar", "ad", "as", "an", "az", "el", "ash", "at", "ez", "es", "ed",
    "governorate", "governate", "province", "muhafazat", "mohafazat", "muhafazah", "gov", "city",
    "countryside", "rural", "suburbs", "outskirts", "northern", "southern", "eastern", "western", "north",
    "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "central", "region", "area", "of", "the", "in", "and",
})
_LOC_DROP = DROP_WORDS | {"village", "town", "district", "subdistrict", "neighbourhood", "neighborhood",
                          "near", "camp", "countryside"}

_RIF_DIMASHQ_LATIN = re.compile(r"(rif|reef|rural|countryside( of)?|suburbs( of)?)[\s-]+(dimashq|damascus)|"
                                r"damascus[\s-]+(countryside|suburbs|rural)|ghouta|qalamoun")
_AR_ADMIN_WORDS = re.compile(r"محافظه|مدينه|الشمالي|الجنوبي|الشرقي|الغربي|شمال|جنوب|شرق|غرب|\s+")
_AR_PLACE_WORDS = re.compile(r"\b(بلده|قريه|مدينه|حي|ريف|منطقه)\b")


def arabic_norm(s: str) -> str:
    """Arabic without diacritics and tatweel, alef/ta marbuta/alef maqsura folded, as spellings vary."""
    s = re.sub(r"[\u064B-\u0652\u0640]", "", s)
    s = re.sub(r"[إأآ]", "ا", s).replace("ة", "ه").replace("ى", "ي")
    return s


def ascii_fold(s: str) -> str:
    """Lower-case ASCII without accents and apostrophes, so Dar'a, Darʿā and DARAA meet."""
    low = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"['`]", "", low)


def admin1_key(name: object) -> str | None:
    """Canonical governorate key, or "?" + a squashed name when it is no Syrian governorate."""
    if name is None or not str(name).strip():
        return None
    return _admin1_key(str(name))


@functools.lru_cache(maxsize=4096)
def _admin1_key(name: str) -> str:
    """admin1_key on a non-empty string; cached because gold files repeat a few names."""
    raw = unicodedata.normalize("NFKC", name).strip()
    if ARABIC_BLOCK.search(raw):
        s = _AR_ADMIN_WORDS.sub("", arabic_norm(raw))
        if "ريفدمشق" in s:
            return "rif_dimashq"
        without_rif = s[3:] if s.startswith("ريف") else s
        for k in (s, without_rif):
            if k in ADMIN1_ARABIC:
                return ADMIN1_ARABIC[k]
        return "?" + s
    low = ascii_fold(raw)
    if _RIF_DIMASHQ_LATIN.search(low):
        return "rif_dimashq"
    toks = [t for t in re.split(r"[^a-z]+", low) if t and t not in DROP_WORDS]
    squashed = "".join(toks)
    for key, rx in _ADMIN1_RX:
        if rx.search(squashed):
            return key
    for t in toks:  # e.g. 'idlib countryside', 'hama province east'
        for key, rx in _ADMIN1_RX:
            if rx.search(t):
                return key
    return "?" + squashed


def admin1_loose(key: str) -> str:
    """The key with Rif Dimashq merged into Damascus, because FA-KES does not separate them."""
    return "damascus" if key == "rif_dimashq" else key


def loc_key(name: object) -> str | None:
    """A squashed place name (settlement words and articles dropped), for comparing locations."""
    if name is None or not str(name).strip():
        return None
    raw = unicodedata.normalize("NFKC", str(name))
    if ARABIC_BLOCK.search(raw):
        s = _AR_PLACE_WORDS.sub(" ", arabic_norm(raw))
        return re.sub(r"[^\u0621-\u064A]", "", s) or None
    low = ascii_fold(raw)
    return "".join(t for t in re.split(r"[^a-z]+", low) if t and t not in _LOC_DROP) or None


_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬", "01234567890123456789,")


def norm_text(s: str) -> str:
    """Document text for evidence search: Latin folded to lower ASCII, Arabic normalised,
    Eastern digits made ASCII, possessive 's and apostrophes removed; both scripts kept."""
    s = arabic_norm(unicodedata.normalize("NFKC", html.unescape(s))).translate(_EASTERN_DIGITS).lower()
    s = re.sub(r"['’]s\b", " ", s)
    s = re.sub(r"['`’‘ʿʾ]", "", s)
    return "".join(c if c < "\u0080" or "\u0600" <= c <= "\u06FF"
                   else (unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode() or " ")
                   for c in s)
