"""Toponym finding: gazetteer-driven, capitalised Latin runs and Arabic word runs, no model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Indel

from harmwatch.geo import cues
from harmwatch.geo.countries import country_names
from harmwatch.geo.gazetteer import Gazetteer
from harmwatch.geo.normalize import (
    ARTICLES,
    ar_norm,
    extend_key,
    fold,
    key_piece,
    name_key,
    prefixes,
    skel_piece,
    tokens,
    vowel_key,
)
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
# Nisba adjectives of governorates after an unknown place ("حي جوبر الدمشقي"): the governorate (ar_norm forms, with
# the article; a feminine form ends in ه). Read only after a unit word ("حي/بلدة/قرية X"), never alone: "الحلبي"
# is also a family name.
_AR_NISBA = {"الدمشقي": "دمشق", "الحلبي": "حلب", "الحمصي": "حمص", "الادلبي": "ادلب", "الحموي": "حماه",
             "الرقاوي": "الرقه", "الديري": "دير الزور", "الدرعاوي": "درعا", "الطرطوسي": "طرطوس"}
_AR_LATIN_SCORE = 0.6  # an Arabic name read on the skeleton of a Latin-only spelling
_AR_UNITS = frozenset("حي مدينه بلده قريه مخيم ناحيه منطقه احياء".split())
# Arabic function words a span must not hold when it is matched on its Latin skeleton (ar_norm forms).
_AR_COMMON = frozenset("في على من الى الي عن مع بين قرب بعد قبل عند حول نحو ضد خلال منذ حتى التي الذي هذا هذه ذلك "
                       "تلك او ان انه كان قد لم لا ما".split())
# A web address written as text; its path words ("/clashes-in-the-countryside-of-daraa/") may name a governorate.
_URL = re.compile(r"\bhttps?://[^\s;,\"'<>]+", re.I)
_URL_WORD = re.compile(r"[a-z]+", re.I)
# Generic first words of Arabic place names; alone (no article) they are not a name.
_GENERIC = frozenset("tal tall tell til jabal jebel jabel khan deir dayr dair kafr kfar kafar ain ayn bir beit "
                     "bayt wadi ras qasr sheikh shaykh abu umm harat hayy jisr marj mazraa mazraat qaryat khirbet "
                     "khirbat khirbit tel".split())
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]{3,}(?![\w'’])")
_PREV_WORDS = re.compile(r"[\w'’-]+")
_UNIT_WORDS = frozenset("town village city area district neighborhood neighbourhood suburb suburbs camp "
                        "countryside countrysides province governorate region rural outskirts vicinity "
                        "environs periphery".split())
_DIR_WORDS = frozenset("north south east west northern southern eastern western northeast northwest "
                       "southeast southwest north-east north-west south-east south-west northeastern "
                       "northwestern southeastern southwestern central".split())
# The word before a name that says it is a place ("in X", "near X", "the town of X", "eastern X").
_CUE_PREV = frozenset("in at near nearby on into onto from around outside toward towards across inside "
                      "between besieged targeted targeting hit struck shelled bombed raided stormed captured "
                      "entered reached shelling shells bombardment bombing airstrikes airstrike raids attack "
                      "attacks massacre clashes fighting battles siege offensive residents civilians "
                      "villagers".split()) | _UNIT_WORDS | _DIR_WORDS
_CUE_NEXT = frozenset("city town village countryside province governorate district area neighborhood "
                      "neighbourhood suburb suburbs outskirts camp airport airbase countrysides desert river "
                      "plain plains mountains mountain region".split())
# The word before a name that says it is a person ("President X", "spokesman X").
_PERSON_PREV = frozenset("president minister mr mrs ms dr general gen sheikh shaykh spokesman spokeswoman "
                         "envoy colonel col brigadier commander imam prince king emir named lieutenant major "
                         "captain judge mayor governor ambassador secretary senator deputy director chief "
                         "correspondent reporter journalist activist cleric bashar".split())


@dataclass(slots=True)
class Mention:
    """A span of the text that names gazetteer places (candidates with match scores) or a country."""

    start: int
    end: int
    quote: str
    cands: list[tuple[Place, float]]
    country: str | None = None  # set when the span names a country rather than a place
    loose: bool = False  # part of a longer capitalised name the gazetteer does not know ("Maria Cristina")


@dataclass(slots=True)
class _RunSpan:
    """A span of a capitalised run as judged without its text: offsets relative to the run."""

    start: int
    end: int
    country: str | None
    cands: list[tuple[Place, float]]
    verdict: int          # 1 a place, 2 a place only when a cue word stands next to it
    check_lower: bool     # one ordinary-looking word: refuse it if the text also writes it in lower case
    loose: bool           # next to an unknown capitalised word: maybe part of a longer name
    inexact: bool = False  # one word spelt otherwise than any gazetteer spelling (match level < 2)


_SENT_END = frozenset(".;:!?\n\"“”'‘’([|")


def _sentence_start(text: str, s: int) -> bool:
    """Whether the word at s opens the text, a sentence, a headline or a quote."""
    i = s - 1
    while i >= 0 and text[i] in " \t\u00a0-–—*•":
        i -= 1
    return i < 0 or text[i] in _SENT_END


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
        self._runs: dict[str, list[_RunSpan]] = {}
        self._latin: dict[str, tuple[list[tuple[Place, float]], int]] = {}
        self._arabic: dict[str, list[tuple[Place, float]]] = {}
        self.stop, self.stop_ar = stopwords()
        self.countries = country_names()
        self._country_keys = frozenset(name_key(c) for c in self.countries)
        self._country_prefixes = prefixes(list(self._country_keys))

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
        tiny = len(key) <= 1  # "al-Bab": one consonant; only the same letters make it a match
        need = 0.85 if short else 0.8
        best: dict[str, tuple[Place, float]] = {}
        level = -1
        for sp in sps:
            if sp.arabic:
                continue
            if sp.fkey == fk:
                lv, sim = 2, 1.0
            elif tiny:
                continue
            elif sp.vkey == vk:
                lv, sim = 1, 1.0
            else:
                lv, sim = 0, Indel.normalized_similarity(vk, sp.vkey)
                if sim < need or (short and Indel.normalized_similarity(fk, sp.fkey) < 0.75):
                    continue
            level = max(level, lv)
            score = weight * (1.0 if lv == 2 else 0.9 * sim)  # another spelling is weaker evidence
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

    def _static_ok(self, toks: list[str], level: int, cands: list[tuple[Place, float]]) -> int:
        """Context-free verdict on a span: 0 never a place, 1 a place, 2 a place if cued in the text.

        Ordinary words, acronyms, people and too loose a match are refused here; whether the text
        uses the word in lower case, or a cue word stands next to it, is checked per text.
        """
        content = [t for t in toks if t.lower() not in _LINKS]
        if not content or all(fold(t) in self.stop for t in content):
            return 0
        big = any(p.feature == "admin1" or p.population >= 20_000 for p, _ in cands)
        if len(content) == 1:
            t = content[0]
            f = fold(t)
            if len(f) < 3 or (t.isupper() and len(t) <= 4) or f in self.stop:
                return 0
            if f in _GENERIC and toks[0] is t:
                return 0  # "Tal", "Khan", "Deir" alone are the first word of a longer name
            if level == 2 or (level == 1 and big):
                return 1
            return 2
        if any(self._plain(t) for t in (content[0], content[-1])) and level < 2:
            return 0  # "Daraa Syria", "Syria A": a place or country glued to a word
        if level < 2 and all(self._big_alone(t) for t in (content[0], content[-1])):
            return 0  # "Aleppo Hama" is two places, not a namesake of both
        if level >= 1:
            return 1
        return 0 if any(fold(t) in self.stop for t in content) else 2

    def _big_alone(self, tok: str) -> bool:
        """True when one word is itself a governorate or a large town."""
        cands, level = self._match_latin(tok)
        return level >= 1 and any(p.feature == "admin1" or p.population >= 20_000 for p, _ in cands)

    def _scan_run(self, run: str) -> list[_RunSpan]:
        """The spans of one capitalised run that name countries or places (cached per run text)."""
        hit = self._runs.get(run)
        if hit is not None:
            return hit
        toks = [(m.start(), m.end(), m.group()) for m in _TOK.finditer(run)]
        toks = [(a, b - 2, t[:-2]) if len(t) > 3 and t[-2] in "'’‘" and t[-1] == "s" else (a, b, t)
                for a, b, t in toks]  # possessive: "Hama's countryside" names Hama, not "Hamas"
        n, i = len(toks), 0
        used = [False] * n
        out: list[_RunSpan] = []
        spans: list[tuple[int, int, _RunSpan]] = []
        pieces = [key_piece(skel_piece(t)) for _, _, t in toks]
        while i < n:
            found = False
            reach, whole = self._reach(toks, pieces, i)
            for j in range(reach, i - 1, -1):
                if (whole is not None and j not in whole) or (
                        toks[j][2].lower() in _LINKS and not toks[j][2][0].isupper()):
                    continue
                s, e = toks[i][0], toks[j][1]
                k = i
                while k < j and toks[k][2].lower() in _LINKS:
                    k += 1
                cc = self.countries.get(fold(run[toks[k][0]:e]))
                if cc and (j > k or not toks[k][2].isupper() or len(toks[k][2]) > 4):
                    out.append(_RunSpan(s, e, cc, [], 1, False, False))
                    used[i:j + 1] = [True] * (j + 1 - i)
                    i, found = j + 1, True
                    break
                if j == i and fold(toks[i][2]) in self.stop:
                    continue
                cands, level = self._match_latin(run[s:e])
                if not cands:
                    continue
                verdict = self._static_ok([t[2] for t in toks[i:j + 1]], level, cands)
                if verdict:
                    single = sum(1 for t in toks[i:j + 1] if t[2].lower() not in _LINKS) == 1
                    big = any(p.feature == "admin1" or p.population >= 20_000 for p, _ in cands)
                    rs = _RunSpan(s, e, None, cands, verdict, single and not big, False, single and level < 2)
                    out.append(rs)
                    spans.append((i, j, rs))
                    used[i:j + 1] = [True] * (j + 1 - i)
                    i, found = j + 1, True
                    break
            if not found:
                i += 1
        for i0, j0, rs in spans:
            for k, step in ((i0 - 1, -1), (j0 + 1, 1)):
                while 0 <= k < n and toks[k][2].lower() in _LINKS:
                    k += step
                if 0 <= k < n and not used[k] and not self._plain(toks[k][2]):
                    rs.loose = True
        if len(self._runs) > 200_000:
            self._runs.clear()
        self._runs[run] = out
        return out

    def _reach(self, toks: list[tuple[int, int, str]], pieces: list[str], i: int) -> tuple[int, set[int] | None]:
        """Where spans starting at token i can end: the last token before their key stops being the
        start of any gazetteer or country key, and the ends whose key is a whole key (None: try all).
        Spans are keyed word by word, so a run of ordinary capitalised words costs one look-up each."""
        first = toks[i][2].lower()
        last = min(len(toks), i + MAX_TOKENS) - 1
        if (first in _LINKS and first not in ARTICLES) or (first[:2] in ("al", "el") and len(first) >= 6):
            return last, None  # "Abu ..." keyed from a later word for countries; "Alashara" retried without "Al"
        gaz, cty, index = self.gaz.prefixes, self._country_prefixes, self.gaz.index
        reach, whole = i - 1, set()
        k = ""
        for j in range(i, last + 1):
            k = extend_key(k, pieces[j])
            if k not in gaz and k not in cty:
                break
            reach = j
            if k in index or k in self._country_keys:
                whole.add(j)
        return reach, whole

    def _latin_mentions(self, text: str, out: list[Mention]) -> None:
        lower_words: set[str] | None = None
        for run in _RUN.finditer(text):
            spans = self._scan_run(run.group())
            if not spans:
                continue
            base = run.start()
            for sp in spans:
                s, e = sp.start + base, sp.end + base
                if sp.country:
                    out.append(Mention(s, e, text[s:e], [], sp.country))
                    continue
                prev = [w.lower() for w in _PREV_WORDS.findall(text[max(0, s - 40):s])[-3:]]
                if prev and (prev[-1] in _PERSON_PREV or (len(prev) > 1 and prev[-2] in _PERSON_PREV
                                                          and text[s - 1:s] == " " and prev[-1][:1].isupper())):
                    continue
                if sp.check_lower:
                    if lower_words is None:
                        lower_words = set(_LOWER_WORD.findall(text))
                    if fold(text[s:e]) in lower_words:
                        continue  # the text also uses it as a common word ("main", "toll")
                # A one-word near-spelling proves nothing where every word is capitalised (a sentence's
                # first word: "Severe clashes") or where it is part of an unknown longer name
                # ("Qassem Soleimani"): there it needs a cue word like any weak match.
                weak = sp.verdict == 2 or (sp.inexact and (sp.loose or _sentence_start(text, s)))
                if weak and not self._cued(text, e, prev):
                    continue
                out.append(Mention(s, e, text[s:e], sp.cands, loose=sp.loose))

    @staticmethod
    def _cued(text: str, end: int, prev: list[str]) -> bool:
        """A cue word before ("in", "town of", "eastern") or after ("countryside", "city") the name."""
        if prev:
            p1 = prev[-1]
            if p1 in ("the", "of", "and") and len(prev) > 1:
                p1 = prev[-2]
            if p1 in _CUE_PREV:
                return True
        nxt = _PREV_WORDS.match(text, end + 1) if text[end:end + 1] == " " else None
        return bool(nxt and nxt.group().lower() in _CUE_NEXT)

    # ---------------------------------------------------------------- Arabic script
    def _match_arabic(self, raw: str) -> list[tuple[Place, float]]:
        """Places with an Arabic spelling equal to raw after orthographic folding (normalize.ar_key), else,
        for a place that has no Arabic spelling at all (a user gazetteer in Latin script only), a long
        consonant skeleton whose vowel slots agree too.

        Arabic text is never matched fuzzily nor on a short skeleton: "حماية" is not Hama, "ضحايا" not Duhok.
        """
        hit = self._arabic.get(raw)
        if hit is not None:
            return hit
        out = self.gaz.lookup_arabic(raw)
        if not out:
            out = self._latin_for_arabic(raw)
        if len(self._arabic) > 200_000:
            self._arabic.clear()
        self._arabic[raw] = out
        return out

    def _latin_for_arabic(self, raw: str) -> list[tuple[Place, float]]:
        """Latin-only places whose skeleton equals an Arabic name's: four consonants or more, the same
        vowel slots (Arabic long vowels where the Latin spelling has vowels), and no common word in it."""
        if any(ar_norm(w) in self.stop_ar or ar_norm(w) in _AR_COMMON or ar_norm(w) in cues.AR_VOCAB
               for w in raw.split()):
            return []
        key = name_key(raw)
        if len(key) < 4:
            return []
        vk = vowel_key(raw)
        best: dict[str, tuple[Place, float]] = {}
        for sp in self.gaz.lookup(key):
            if sp.arabic or sp.place.id in self.gaz.ar_named:
                continue
            if Indel.normalized_similarity(vk, sp.vkey) < 0.8:
                continue
            best[sp.place.id] = (sp.place, _AR_LATIN_SCORE)
        return list(best.values())

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
                    if cands and all(sc <= _AR_LATIN_SCORE for _, sc in cands) and not self._ar_cued(text, s, p):
                        cands = []  # a skeleton match of a Latin-only name needs "مدينة/في/قرب X" before it
                    if cands:
                        out.append(Mention(s, words[j][1], text[s:words[j][1]], cands))
                        i, found = j + 1, True
                        break
                if found:
                    break
            if not found:
                self._nisba(text, words, i, out)
                i += 1

    @staticmethod
    def _ar_cued(text: str, s: int, prefix: str) -> bool:
        """A place word before text[s] ("مدينة", "في", "قرب", "ريف"), or a clitic preposition on the name."""
        if prefix.startswith(("ب", "ل", "وب", "ول")):
            return True
        ws = cues.ar_words_before(text, s, 1)
        return bool(ws) and cues.ar_unclitic(ws[-1][1], cues.AR_VOCAB) in cues.AR_VOCAB

    def _nisba(self, text: str, words: list[tuple[int, int, str]], i: int, out: list[Mention]) -> None:
        """A governorate's nisba adjective after "unit word + unknown name" ("حي جوبر الدمشقي"): names the
        governorate, as weak evidence (the place itself is not in the gazetteer)."""
        w = ar_norm(words[i][2])
        gov = _AR_NISBA.get(w[:-1] if w.endswith("يه") else w)
        if gov is None or i < 2:
            return
        prev = {ar_norm(x[2]) for x in words[max(0, i - 3):i - 1]}
        if not prev & _AR_UNITS and not {x[1:] for x in prev if x[:1] in "وبل"} & _AR_UNITS:
            return
        units = [(p, 0.9) for p, _ in self.gaz.lookup_arabic(gov) if p.feature == "admin1"]
        if units:
            s, e = words[i][0], words[i][1]
            out.append(Mention(s, e, text[s:e], units))

    def _url_mentions(self, text: str, out: list[Mention]) -> None:
        """Governorates named word for word in the path of a web address written as text (lower case, so
        the capitalised-run scan misses them): only governorates, only the same letters (match level 2)."""
        for u in _URL.finditer(text):
            slash = text.find("/", u.start() + 8, u.end())  # the host names the outlet, not a place
            if slash < 0:
                continue
            words = [(m.start() + slash, m.end() + slash, m.group()) for m in _URL_WORD.finditer(text[slash:u.end()])]
            i = 0
            while i < len(words):
                for j in range(min(len(words), i + 3) - 1, i - 1, -1):
                    s, e = words[i][0], words[j][1]
                    if any(text[words[k][1]:words[k + 1][0]] not in ("-", "_") for k in range(i, j)):
                        continue
                    if fold(words[i][2]) in self.stop or (words[i][2].lower() in _LINKS and i == j):
                        continue
                    cands, level = self._match_latin(text[s:e])
                    units = [(p, sc) for p, sc in cands if p.feature == "admin1" and sc >= 1.0]
                    if level == 2 and units:
                        out.append(Mention(s, e, text[s:e], units))
                        i = j
                        break
                i += 1

    def find(self, text: str) -> list[Mention]:
        """Every place and country mention of the text, in text order."""
        out: list[Mention] = []
        self._latin_mentions(text, out)
        n = len(out)
        if "://" in text:
            self._url_mentions(text, out)
        if _AR_WORD.search(text) or len(out) > n:
            if _AR_WORD.search(text):
                self._arabic_mentions(text, out)
            out.sort(key=lambda m: m.start)
        return out
