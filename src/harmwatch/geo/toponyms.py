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
    def _match_latin(self, raw: str) -> list[tuple[Place, float]]:
        """Places whose spelling matches a Latin-script name: same key and close vowels."""
        hit = self._latin.get(raw)
        if hit is not None:
            return hit
        out = self._verify_latin(raw, 1.0)
        low = raw[:3].lower()
        if not out and low[:2] in ("al", "el") and len(raw) >= 6 and raw[2:3].islower():
            out = self._verify_latin(raw[2:], 0.95)  # fused article: "Alashara", "Albukamal"
        self._latin[raw] = out
        return out

    def _verify_latin(self, raw: str, weight: float) -> list[tuple[Place, float]]:
        key = name_key(raw)
        sps = self.gaz.lookup(key)
        if not sps:
            return []
        vk = vowel_key(raw)
        short = len(key) <= 2
        fk = "".join(tokens(raw)) if short else ""
        need = 0.85 if short else 0.75
        best: dict[str, tuple[Place, float]] = {}
        for sp in sps:
            if sp.arabic:
                continue
            sim = 1.0 if sp.vkey == vk else Indel.normalized_similarity(vk, sp.vkey)
            if sim < need or (short and Indel.normalized_similarity(fk, sp.fkey) < 0.75):
                continue
            score = weight * (1.0 if sim == 1.0 else 0.9 * sim)
            cur = best.get(sp.place.id)
            if cur is None or cur[1] < score:
                best[sp.place.id] = (sp.place, score)
        return list(best.values())

    def _plain(self, tok: str) -> bool:
        """A token that may stand next to a place name without making it part of a longer name."""
        f = fold(tok)
        return tok.lower() in _LINKS or f in self.stop or f in self.countries

    def _latin_ok(self, toks: list[str], exact: bool) -> bool:
        """False for spans that are ordinary words: stop words, acronyms, very short names."""
        content = [t for t in toks if t.lower() not in _LINKS]
        if all(fold(t) in self.stop for t in content):
            return False
        if len(content) == 1:
            t = content[0]
            if len(fold(t)) < 3 or (t.isupper() and len(t) <= 4):
                return False
        elif not exact and any(self._plain(t) for t in (content[0], content[-1])):
            return False  # "Daraa Syria", "Syria A": a place or country glued to a word
        return True

    def _latin_mentions(self, text: str, out: list[Mention]) -> None:
        for run in _RUN.finditer(text):
            base = run.start()
            toks = [(m.start() + base, m.end() + base, m.group()) for m in _TOK.finditer(run.group())]
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
                    cc = self.countries.get(fold(raw))
                    if cc and (j > i or not toks[i][2].isupper() or len(raw) > 4):
                        out.append(Mention(s, e, raw, [], cc))
                        used[i:j + 1] = [True] * (j + 1 - i)
                        i, found = j + 1, True
                        break
                    if j == i and not self._latin_ok([toks[i][2]], True):
                        continue
                    cands = self._match_latin(raw)
                    if cands and self._latin_ok([t[2] for t in toks[i:j + 1]], max(c for _, c in cands) >= 1.0):
                        m = Mention(s, e, raw, cands)
                        out.append(m)
                        spans.append((i, j, m))
                        used[i:j + 1] = [True] * (j + 1 - i)
                        i, found = j + 1, True
                        break
                if not found:
                    i += 1
            for i0, j0, m in spans:
                for k in (i0 - 1, j0 + 1):
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
