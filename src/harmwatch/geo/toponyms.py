"""Toponym finding: gazetteer-driven, capitalised Latin runs and Arabic word runs, no model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Indel

from harmwatch.geo.countries import country_names
from harmwatch.geo.gazetteer import Gazetteer
from harmwatch.geo.normalize import ar_norm, fold, name_key, tokens, vowel_key
from harmwatch.records import Place

_MARK = "'‘’ʿʾ`´"
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(
    c for c in map(chr, [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper())
_LINKS = ("al", "el", "ar", "er", "as", "es", "ad", "ed", "an", "en", "az", "ez", "at", "et", "ash",
          "ath", "ul", "il", "bin", "ibn", "bani", "beni", "abu", "umm", "um", "de", "du", "wa")
_LINK = "(?:" + "|".join(sorted(_LINKS, key=len, reverse=True)) + ")"
_CAPW = rf"[{_MARK}]?[{_UPPER}][\w{_MARK}]*"
# A run of capitalised words, joined by spaces or hyphens and lower-case articles ("Deir ez-Zor").
_RUN = re.compile(rf"(?<![\w{_MARK}])(?:{_LINK}[- ])?{_CAPW}(?:(?:[ -]|[ -]{_LINK}[ -]){_CAPW})*")
_TOK = re.compile(rf"[\w{_MARK}]+")
_AR_WORD = re.compile(r"[\u0621-\u064A\u064B-\u065F\u0640]+")
_AR_GAP = re.compile(r"^[ \u00a0]+$")
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "وب", "ول", "و", "ب", "ل", "ف", "ك")
MAX_TOKENS = 6
# Generic first words of Arabic place names; alone (no article) they are not a name.
_GENERIC = frozenset("tal tall tell til jabal jebel jabel khan deir dayr dair kafr kfar kafar ain ayn bir beit "
                     "bayt wadi ras qasr sheikh shaykh abu umm harat hayy jisr marj mazraa mazraat qaryat khirbet "
                     "khirbat khirbit tel".split())
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]{3,}(?![\w'’])")
# Words before a name that say it is a place ("in X", "the town of X", "Idlib's countryside" after).
_CUE_BEFORE = re.compile(
    r"\b(?:in|at|near|nearby|on|into|onto|from|around|outside|toward|towards|across|inside|between|"
    r"outskirts of|vicinity of|(?:town|village|city|area|district|neighbou?rhood|suburb|camp|countryside|"
    r"province|governorate|region|countrysides?|rural|outskirts)(?:\s+of)?|(?:north|south|east|west)"
    r"(?:ern|-?east|-?west)?(?:\s+of)?)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and|or)\s+)?$")
_CUE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:city|town|village|countryside|province|governorate|district|area|neighbou?rhood|"
    r"suburbs?|outskirts|camp|airport|airbase|countrysides|desert|river|plain|mountains?|region)\b", re.I)
_PERSON_BEFORE = re.compile(
    r"\b(?:President|Minister|Mr|Mrs|Ms|Dr|General|Gen|Sheikh|Shaykh|spokesman|spokeswoman|envoy|Colonel|"
    r"Col|Brigadier|Commander|Imam|Prince|King|Emir|named|Lieutenant|Major|Captain|Judge|Mayor|Governor|"
    r"Ambassador|Secretary|Senator|Deputy|Director|Chief|correspondent|reporter|journalist|activist|"
    r"cleric|Bashar)\.?\s+(?:[A-Z][\w'’-]*\s+)?$")


@dataclass(slots=True)
class Mention:
    """A span of the text that names gazetteer places (candidates with match scores) or a country."""

    start: int
    end: int
    quote: str
    cands: list[tuple[Place, float]]
    country: str | None = None  # set when the span names a country rather than a place
    loose: bool = False  # part of a longer capitalised name the gazetteer does not know ("Maria Cristina")


@lru_cache(maxsize=1)
def stopwords() -> tuple[frozenset[str], frozenset[str]]:
    """(Latin, Arabic) words that never name a place alone (data/geo/stopwords*.txt)."""
    out = []
    for fn in ("stopwords.txt", "stopwords-ar.txt"):
        ref = resources.files("harmwatch") / "data" / "geo" / fn
        words: set[str] = set()
        with ref.open(encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0]
                words.update(fold(w) for w in line.split())
        out.append(frozenset(words))
    return out[0], out[1]


class ToponymFinder:
    """Finds the spans of a text that name places of a gazetteer, with their candidates."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._latin: dict[str, list[tuple[Place, float]]] = {}
        self._arabic: dict[str, list[tuple[Place, float]]] = {}
        self.stop, self.stop_ar = stopwords()
        self.countries = country_names()

    # ---------------------------------------------------------------- Latin script
    def _match_latin(self, raw: str) -> tuple[list[tuple[Place, float]], int]:
        """Places whose spelling matches a Latin-script name, and the match level.

        Level 2: same letters (diacritics, articles, ayn marks aside); 1: same consonants and vowel
        slots ("Deir ez-Zor" / "Dayr az Zawr"); 0: close vowels only ("Kafranbel" / "Kafr Nabl").
        """
        hit = self._latin.get(raw)
        if hit is not None:
            return hit
        out = self._verify_latin(raw, 1.0)
        if not out[0] and raw[:2].lower() in ("al", "el") and len(raw) >= 6 and raw[2:3].islower():
            out = self._verify_latin(raw[2:], 0.95)  # fused article: "Alashara", "Albukamal"
        self._latin[raw] = out
        return out

    def _verify_latin(self, raw: str, weight: float) -> tuple[list[tuple[Place, float]], int]:
        key = name_key(raw)
        sps = self.gaz.lookup(key)
        if not sps:
            return [], 0
        vk = vowel_key(raw)
        fk = "".join(tokens(raw))
        short = len(key) <= 2
        need = 0.85 if short else 0.8
        best: dict[str, tuple[Place, float]] = {}
        level = -1
        for sp in sps:
            if sp.arabic:
                continue
            if sp.fkey == fk:
                lv, sim = 2, 1.0
            elif sp.vkey == vk:
                lv, sim = 1, 1.0
            else:
                lv, sim = 0, Indel.normalized_similarity(vk, sp.vkey)
                if sim < need or (short and Indel.normalized_similarity(fk, sp.fkey) < 0.75):
                    continue
            level = max(level, lv)
            score = weight * (1.0 if sim == 1.0 else 0.9 * sim)
            cur = best.get(sp.place.id)
            if cur is None or cur[1] < score:
                best[sp.place.id] = (sp.place, score)
        return list(best.values()), level

    def _plain(self, tok: str) -> bool:
        """A token that may stand next to a place name without making it part of a longer name."""
        f = fold(tok)
        if f.endswith("s") and (f[:-1] in self.countries or f[:-1] in self.stop):
            return True  # possessive with its apostrophe lost: "Syrias Idlib"
        return tok.lower() in _LINKS or f in self.stop or f in self.countries

    def _latin_ok(self, toks: list[str], level: int, cued: bool, cands: list[tuple[Place, float]],
                  lower_words: set[str]) -> bool:
        """False for spans that are ordinary words, names of people, or too loose a match."""
        content = [t for t in toks if t.lower() not in _LINKS]
        if not content or all(fold(t) in self.stop for t in content):
            return False
        big = any(p.feature == "admin1" or p.population >= 20_000 for p, _ in cands)
        if len(content) == 1:
            t = content[0]
            f = fold(t)
            if len(f) < 3 or (t.isupper() and len(t) <= 4) or f in self.stop:
                return False
            if f in lower_words and not big:
                return False  # the text also uses it as a common word ("main", "toll")
            if f in _GENERIC and toks[0] is t:
                return False  # "Tal", "Khan", "Deir" alone are the first word of a longer name
            return level == 2 or (level == 1 and (cued or big)) or (level == 0 and cued)
        if any(self._plain(t) for t in (content[0], content[-1])) and level < 2:
            return False  # "Daraa Syria", "Syria A": a place or country glued to a word
        if level < 2 and all(self._big_alone(t) for t in (content[0], content[-1])):
            return False  # "Aleppo Hama" is two places, not a namesake of both
        return level >= 1 or (cued and not any(fold(t) in self.stop for t in content))

    def _big_alone(self, tok: str) -> bool:
        """True when one word is itself a governorate or a large town."""
        cands, level = self._match_latin(tok)
        return level >= 1 and any(p.feature == "admin1" or p.population >= 20_000 for p, _ in cands)

    def _latin_mentions(self, text: str, out: list[Mention]) -> None:
        lower_words: set[str] | None = None
        for run in _RUN.finditer(text):
            base = run.start()
            toks = [(m.start() + base, m.end() + base, m.group()) for m in _TOK.finditer(run.group())]
            toks = [(a, b - 2, t[:-2]) if len(t) > 3 and t[-2] in "'’‘" and t[-1] == "s" else (a, b, t)
                    for a, b, t in toks]  # possessive: "Hama's countryside" names Hama, not "Hamas"
            n, i = len(toks), 0
            used = [False] * n
            spans: list[tuple[int, int, Mention]] = []
            while i < n:
                found = False
                for j in range(min(n, i + MAX_TOKENS) - 1, i - 1, -1):
                    if toks[j][2].lower() in _LINKS and not toks[j][2][0].isupper():
                        continue
                    s, e = toks[i][0], toks[j][1]
                    raw = text[s:e]
                    k = i
                    while k < j and toks[k][2].lower() in _LINKS:
                        k += 1
                    cc = self.countries.get(fold(text[toks[k][0]:e]))
                    if cc and (j > k or not toks[k][2].isupper() or len(toks[k][2]) > 4):
                        out.append(Mention(s, e, raw, [], cc))
                        used[i:j + 1] = [True] * (j + 1 - i)
                        i, found = j + 1, True
                        break
                    if j == i and fold(toks[i][2]) in self.stop:
                        continue
                    cands, level = self._match_latin(raw)
                    if not cands:
                        continue
                    before = text[max(0, s - 40):s]
                    if _PERSON_BEFORE.search(before):
                        continue
                    if lower_words is None:
                        lower_words = set(_LOWER_WORD.findall(text))
                    cued = bool(_CUE_BEFORE.search(before) or _CUE_AFTER.match(text[e:e + 30]))
                    if self._latin_ok([t[2] for t in toks[i:j + 1]], level, cued, cands, lower_words):
                        m = Mention(s, e, raw, cands)
                        out.append(m)
                        spans.append((i, j, m))
                        used[i:j + 1] = [True] * (j + 1 - i)
                        i, found = j + 1, True
                        break
                if not found:
                    i += 1
            for i0, j0, m in spans:
                for k, step in ((i0 - 1, -1), (j0 + 1, 1)):
                    while 0 <= k < n and toks[k][2].lower() in _LINKS:
                        k += step
                    if 0 <= k < n and not used[k] and not self._plain(toks[k][2]):
                        m.loose = True

    # ---------------------------------------------------------------- Arabic script
    def _match_arabic(self, raw: str) -> list[tuple[Place, float]]:
        """Places with an Arabic spelling equal to raw (after normalisation), else a long Latin key."""
        hit = self._arabic.get(raw)
        if hit is not None:
            return hit
        key, vk = name_key(raw), vowel_key(raw)
        best: dict[str, tuple[Place, float]] = {}
        for sp in self.gaz.lookup(key):
            if sp.arabic and sp.vkey == vk:
                score = 1.0
            elif not sp.arabic and len(key) >= 4:
                score = 0.6
            else:
                continue
            cur = best.get(sp.place.id)
            if cur is None or cur[1] < score:
                best[sp.place.id] = (sp.place, score)
        out = list(best.values())
        if len(key) <= 2 and not any(p.feature == "admin1" or p.population >= 100_000 for p, _ in out):
            out = []
        self._arabic[raw] = out
        return out

    def _arabic_mentions(self, text: str, out: list[Mention]) -> None:
        words = [(m.start(), m.end(), m.group()) for m in _AR_WORD.finditer(text)]
        n, i = len(words), 0
        while i < n:
            found = False
            # a name never crosses punctuation: extend j only over plain spaces
            last = i
            while last + 1 < n and last - i < MAX_TOKENS - 1 and _AR_GAP.match(text[words[last][1]:words[last + 1][0]]):
                last += 1
            for j in range(last, i - 1, -1):
                first = words[i][2]
                for p in ("", *_AR_PREFIXES):
                    if p and not (first.startswith(p) and len(first) - len(p) >= 2):
                        continue
                    s = words[i][0] + len(p)
                    raw = text[s:words[j][1]]
                    if p in ("وال", "بال", "فال", "كال", "وبال"):
                        s -= 2  # keep the article in the quote
                        raw = text[s:words[j][1]]
                    elif p == "لل":
                        raw = "ال" + raw[2:] if raw.startswith("لل") else raw
                    norm = ar_norm(raw)
                    if j == i and fold(norm) in self.stop_ar:
                        continue
                    cc = self.countries.get(fold(raw))
                    if cc:
                        out.append(Mention(s, words[j][1], text[s:words[j][1]], [], cc))
                        i, found = j + 1, True
                        break
                    cands = self._match_arabic(raw)
                    if cands:
                        out.append(Mention(s, words[j][1], text[s:words[j][1]], cands))
                        i, found = j + 1, True
                        break
                if found:
                    break
            if not found:
                i += 1

    def find(self, text: str) -> list[Mention]:
        """Every place and country mention of the text, in text order."""
        out: list[Mention] = []
        self._latin_mentions(text, out)
        if _AR_WORD.search(text):
            self._arabic_mentions(text, out)
            out.sort(key=lambda m: m.start)
        return out
