"""The Arabic reader: claims of a report written in Arabic, in the same format as core.extract_claims.

Word lists live in data/ar/*.yaml (docs/extraction.md, "Arabic reader"). The report is normalised once
(hamza seats, ta marbuta, alif maqsura, Arabic-Indic digits; tashkeel and tatweel dropped) with a map back
to the original offsets, so every evidence span quotes the report's own characters. Clitics (و ف ب ل ك ال
لل) are matched in front of every listed word.
"""

from __future__ import annotations

import bisect
import calendar as _cal
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..geo.cues import AR_CLITICS, AR_VOCAB
from ..records import DocInput, PlaceResolver, empty_claim
from .dates import _calendar, precision_for, resolve_weekday
from .patterns import DATA_DIR, EventRule, Patterns, _read, load_patterns

EXTRACTOR_VERSION_AR = "rules-ar-1.0"
AR_DIR = DATA_DIR / "ar"
AR_FILES: tuple[str, ...] = ("numbers.yaml", "casualties.yaml", "events.yaml", "actors.yaml", "dates.yaml", "cues.yaml")

# ---------------------------------------------------------------------------------------------- normalising
_DELETE = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640"
_TABLE: dict[int, str | None] = {ord(a): b for a, b in zip("أإآٱىةیکۀ", "اااايهيكه", strict=True)}
_TABLE.update({0x0660 + i: str(i) for i in range(10)})
_TABLE.update({0x06F0 + i: str(i) for i in range(10)})
_TABLE[ord("٬")] = ","
_TABLE[ord("٫")] = "."
_TABLE[ord("_")] = " "  # hashtags: "#دير_الزور"
_TABLE.update({ord(c): None for c in _DELETE})
_TABLE_KEEP = dict(_TABLE)
_TABLE_KEEP.update({ord(c): "\x00" for c in _DELETE})
_AR_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")



def _geo_cue(word: str) -> bool:
    """A word the geo stage's Arabic cue reading looks for, bare or with one clitic."""
    return word in AR_VOCAB or any(word.startswith(c) and word[len(c):] in AR_VOCAB for c in AR_CLITICS)

def norm_ar(s: str) -> str:
    """One spelling for the variants reports mix (أ/إ/آ -> ا, ة -> ه, ى -> ي, no tashkeel, ASCII digits)."""
    return re.sub(r"\s+", " ", s.translate(_TABLE)).strip()


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """(normalised text, map from its offsets to the original's; None when they are the same)."""
    t = text.translate(_TABLE_KEEP)
    if "\x00" not in t:
        return t, None
    keep = [i for i, c in enumerate(t) if c != "\x00"]
    return t.replace("\x00", ""), keep


def is_arabic(text: str) -> bool:
    """True when a text is mostly Arabic script: more Arabic than Latin letters in its first 4,000 characters."""
    if not text:
        return False
    sample = text[:4000]
    ar = len(_AR_LETTER.findall(sample))
    return ar >= 3 and ar > len(_LATIN_LETTER.findall(sample))


# ---------------------------------------------------------------------------------------------- patterns
_PLIGHT = ("displaced", "besieged")
_TRAPS = ("war_total", "anniversary", "condemnation", "denial", "threat", "trial")
_SENT_KEYS = ("not_incident", *(f"trap.{k}" for k in (*_TRAPS, *_PLIGHT)))
_MENTION_KEYS = ("killed_before", "killed_after", "killed_weak", "combined", "injured_before", "injured_after",
                 "subset", "others", "victim", "qualifier", "toll_words", "toll_rise", "toll_injured", "dual_casualty")
_PFX = r"(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)"


def _strip_article(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) >= 5 else w


def _phrase_rx(words: Iterable[str], strip: bool = False) -> str:
    """One regex for normalised phrases, built as a character trie (the re module tries alternatives one by
    one; a trie shares their prefixes), spaces flexible, a trailing '*' letting the word take any ending;
    strip: also match a listed phrase without its article (nouns: actors, triggers)."""
    prep = _strip_article if strip else (lambda x: x)
    trie: dict[str, Any] = {}
    for w in {prep(norm_ar(w)) for w in words if w and norm_ar(w)}:
        star = w.endswith("*")
        node = trie
        for ch in re.sub(r"\s+", " ", w.rstrip("*")):
            node = node.setdefault(ch, {})
        node["*" if star else ""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in node.items() if ch not in ("", "*")]
        if "*" in node:
            alts.insert(0, r"\w*")
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = body + "?" if len(alts) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return emit(trie) if trie else r"(?!x)x"


def _word_rx(words: Iterable[str], strip: bool = False) -> re.Pattern[str]:
    """Whole words (with clitics in front) from a list; group 'w' is the word without its clitics."""
    return re.compile(rf"(?<!\w){_PFX}(?P<w>{_phrase_rx(words, strip)})(?!\w)")


@dataclass(frozen=True, slots=True)
class ArActor:
    name: str
    cls: str
    type: str | None
    perpetrator: bool = True
    label: bool = False


@dataclass(slots=True)
class ArPatterns:
    """Everything the Arabic reader reads from data/ar/*.yaml, compiled."""

    data: dict[str, Any] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    tens: dict[str, int] = field(default_factory=dict)
    hundreds: dict[str, int] = field(default_factory=dict)
    scales: dict[str, int] = field(default_factory=dict)
    quantifiers: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    qualifiers: dict[str, str] = field(default_factory=dict)
    victims: dict[str, frozenset[str]] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    relative: dict[str, tuple[int, int]] = field(default_factory=dict)
    calendar: dict[str, str] = field(default_factory=dict)
    events: list[tuple[EventRule, re.Pattern[str]]] = field(default_factory=list)
    actors: dict[str, ArActor] = field(default_factory=dict)  # normalised alias -> actor
    adjectives: dict[str, ArActor] = field(default_factory=dict)
    war_total_min: int = 10000
    numish: frozenset[str] = frozenset()  # words that can start a count
    index: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)  # first word -> (rest, list)
    attack_keys: tuple[str, ...] = ()
    rx: dict[str, re.Pattern[str]] = field(default_factory=dict)
    english: Patterns | None = None


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for k, v in new.items():
        cur = into.get(k)
        if isinstance(cur, list) and isinstance(v, list):
            cur.extend(v)
        elif isinstance(cur, dict) and isinstance(v, dict):
            _merge(cur, v)
        else:
            into[k] = v


def _ws(words: Iterable[Any] | None) -> list[str]:
    return [str(w) for w in words or ()]


def _build(files: tuple[str, ...], english: Patterns) -> ArPatterns:
    data: dict[str, Any] = {}
    for f in files:
        path = Path(f) if Path(f).is_absolute() else AR_DIR / f
        _merge(data, _read(path))
    p = ArPatterns(data=data, english=english)
    n = norm_ar
    p.units = {n(k): int(v) for k, v in (data.get("units") or {}).items()}
    p.tens = {n(k): int(v) for k, v in (data.get("tens") or {}).items()}
    p.hundreds = {n(k): int(v) for k, v in (data.get("hundreds") or {}).items()}
    p.scales = {n(k): int(v) for k, v in (data.get("scales") or {}).items()}
    p.quantifiers = {n(k): (int(v["low"]), v.get("high")) for k, v in (data.get("quantifiers") or {}).items()}
    for kind, words in (data.get("qualifiers") or {}).items():
        for w in _ws(words):
            p.qualifiers[n(w)] = kind
    p.victims = {k: frozenset(n(w) for w in _ws(v)) for k, v in (data.get("victims") or {}).items()}
    p.months = {n(k): int(v) for k, v in (data.get("months") or {}).items()}
    p.weekdays = {n(k): int(v) for k, v in (data.get("weekdays") or {}).items()}
    p.ordinals = {n(k): int(v) for k, v in (data.get("ordinals") or {}).items()}
    p.relative = {n(k): (int(v[0]), int(v[1])) for k, v in (data.get("relative") or {}).items()}
    p.calendar = {n(k): str(v) for k, v in (data.get("calendar") or {}).items()}
    p.war_total_min = int(data.get("war_total_min", 10000))
    rules = {r.name: r for r in english.events}
    for ev in data.get("events") or []:
        rule = rules.get(ev.get("rule"))
        if rule is None:
            raise ValueError(f"data/ar events: unknown rule {ev.get('rule')!r} (see data/events.yaml)")
        p.events.append((rule, _word_rx(_ws(ev.get("triggers")), strip=True)))
    for a in data.get("actors") or []:
        actor = ArActor(str(a["name"]), str(a["class"]), a.get("type"), bool(a.get("perpetrator", True)),
                        bool(a.get("label", False)))
        for al in _ws(a.get("aliases")):
            p.actors[_strip_article(n(al))] = actor
        for adj in _ws(a.get("adjectives")):
            p.adjectives[n(adj)] = actor
    rx = p.rx
    for key in ("killed_before", "killed_after", "killed_weak", "combined", "injured_before", "injured_after",
                "toll_words", "toll_rise", "toll_injured", "subset", "others", "new_incident", "same_incident",
                "recall", "recall_open", "not_incident", "talks", "doer_before", "victim_before", "speech_before",
                "speech_after", "parts_of_day", "dateline"):
        rx[key] = _word_rx(_ws(data.get(key)))
    for key, words in (data.get("traps") or {}).items():
        rx["trap." + key] = _word_rx(_ws(words))
    allv = set().union(*p.victims.values()) if p.victims else set()
    rx["victim"] = _word_rx(allv)
    rx["qualifier"] = _word_rx(p.qualifiers)
    numwords = list(p.units) + list(p.tens) + list(p.hundreds) + list(p.scales)
    # the word lists read in one pass over a report's words (_Scan)
    lists: dict[str, tuple[list[str], bool]] = {k: (_ws(data.get(k)), False) for k in _MENTION_KEYS + _SENT_KEYS
                                                if not k.startswith("trap.")}
    lists["victim"] = (sorted(allv), False)
    lists["dual_casualty"] = (sorted(_DUAL_KILLED | _DUAL_INJURED), False)
    # date patterns run only when their words occur
    lists["gate.month"] = (list(p.months), False)
    lists["gate.weekday"] = (list(p.weekdays), False)
    lists["gate.relative"] = (list(p.relative), False)
    lists["gate.calendar"] = (list(p.calendar), False)
    lists["gate.ago"] = (["قبل"], False)
    lists["qualifier"] = (list(p.qualifiers), False)
    for key, words in (data.get("traps") or {}).items():
        lists["trap." + key] = (_ws(words), False)
    attack = []
    for k, ev in enumerate(data.get("events") or []):
        lists[f"event.{k}"] = (_ws(ev.get("triggers")), True)
        if p.events[k][0].attack and p.events[k][0].event_type:
            attack.append(f"event.{k}")
    p.attack_keys = tuple(attack)
    for key, (words, strip) in lists.items():
        seen: set[tuple[str, ...]] = set()
        for w in words:
            for form in {norm_ar(w), _strip_article(norm_ar(w))} if strip else {norm_ar(w)}:
                parts = tuple(form.rstrip("*").split())
                if parts and parts not in seen:
                    seen.add(parts)
                    p.index.setdefault(parts[0], []).append((parts[1:], key))
    nums = set(numwords) | set(p.quantifiers) | {"عدد", "العديد"}
    p.numish = frozenset(nums | {"و" + w for w in nums} | {"ف" + w for w in nums})
    rx["actor"] = _word_rx(p.actors, strip=True)
    # every listed word that is not a place, for the text handed to the geo resolver
    masked = _ws(data.get("not_place")) + list(allv) + numwords + list(p.quantifiers)
    for key in ("killed_before", "killed_after", "injured_before", "injured_after", "combined", "toll_words",
                "toll_rise", "subset", "others", "speech_before", "doer_before", "parts_of_day"):
        masked += _ws(data.get(key))
    for ev in data.get("events") or []:
        masked += _ws(ev.get("triggers"))
    for a in data.get("actors") or []:
        if a.get("perpetrator", True):  # monitors' names carry places ("دير الزور 24")
            masked += _ws(a.get("aliases"))
    masked += list(p.weekdays) + list(p.relative)
    seen_np: set[tuple[str, ...]] = set()
    for w in masked:
        for form in {norm_ar(w), _strip_article(norm_ar(w))}:
            parts = tuple(form.split())
            if any(_geo_cue(x) for x in parts):
                continue  # "مدينة X", "ريف X", "في X", "قصف X": the geo stage reads these words as place cues
            if parts and parts not in seen_np:
                seen_np.add(parts)
                p.index.setdefault(parts[0], []).append((parts[1:], "not_place"))
    means = ("طائرات", "طائره", "طيران", "مقاتلات", "مروحيات", "مروحيه", "غارات", "غاره", "مدفعيه", "قصف", "قوات",
             "صواريخ", "قذائف", "ضربات", "ضربه", "سفن", "بوارج", "قاذفات", "دوريه", "جنود", "مدرعات", "دبابات")
    mid = ("حربيه", "جويه", "مسيره", "مروحيه", "الحربي", "الحربيه", "جوي", "صاروخيه", "مدفعيه", "حربي", "بدون طيار")
    guess = r"(?:(?:يعتقد|يرجح|رجح|يعتقد|قيل|يشتبه|يرجح)\s+(?:انها|بانها|انه|بانه)\s+)"
    rx["adjective"] = re.compile(
        rf"(?<!\w){_PFX}(?:{_phrase_rx(means)})(?:\s+(?:{_phrase_rx(mid)}))?(?:\s+(?:{_phrase_rx(mid)}))?\s+"
        rf"{guess}?(?P<w>{_phrase_rx(p.adjectives)})(?!\w)"
    )
    mon = _phrase_rx(p.months)
    ordn = _phrase_rx(p.ordinals)
    rx["date_dm"] = re.compile(
        rf"(?<!\w)(?:(?P<d>\d{{1,2}})|(?:[وب]?ال)?(?P<o>{_phrase_rx(_strip_article(o) for o in p.ordinals)}))\s*"
        rf"(?:من\s+)?(?:شهر\s+)?(?P<m>{mon})(?:\s*[/(\-]\s*(?:{mon})\s*\)?)?"
        rf"(?:\s*(?:من\s+)?(?:عام|العام|سنه|لعام)?\s*(?P<y>(?:19|20)\d\d))?(?!\w)"
    )
    del ordn
    rx["date_num"] = re.compile(r"(?<![\d/.\-])(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{1,4})(?![\d/\-]|\.\d)")
    rx["date_month"] = re.compile(
        rf"(?<!\w)[وف]?(?:في|خلال|منذ|مطلع|اواخر|اوائل|منتصف|بدايه|نهايه|اواسط)\s+(?:شهر\s+)?(?P<m>{mon})"
        rf"(?:\s*[/(\-]\s*(?:{mon})\s*\)?)?(?:\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>(?:19|20)\d\d))?(?!\w)"
    )
    rx["weekday"] = re.compile(
        rf"(?<!\w)(?:{_PFX}(?:{_phrase_rx(_ws(data.get('parts_of_day')))})\s+)?(?:[وف]?[بل]?يوم\s+)?"
        rf"(?:[وف]?[بل]?)(?P<w>{_phrase_rx(p.weekdays)})(?:\s+(?P<last>الماضي|الماضيه|الفائت|الفائته|المنصرم))?(?!\w)"
    )
    rx["relative"] = _word_rx(p.relative)
    rx["calendar"] = _word_rx(p.calendar)
    rx["ago"] = re.compile(r"(?<!\w)قبل\s+(?P<n>\d{1,2}|\w+)\s+(?:ايام|يوما|يوم)(?!\w)")
    return p


@functools.lru_cache(maxsize=8)
def _cached(files: tuple[str, ...]) -> ArPatterns:
    return _build(files, load_patterns())


def load_ar_patterns(extra_files: Iterable[Path | str] = ()) -> ArPatterns:
    """The shipped data/ar files, then user files (lists extend, mappings merge), compiled once."""
    return _cached(AR_FILES + tuple(str(Path(f).resolve()) for f in extra_files))


# ---------------------------------------------------------------------------------------------- numbers
_NAMES_HEAD = re.compile(r"(?:وهم|هم|اسماوهم|اسماؤهم|اسماء الشهداء|اسماء الضحايا|اسماء القتلي|الشهداء هم)\s*:\s*\n")
_NAME_ITEM = re.compile(r"[ \t]*(?:\d{1,3}\s*[-.)]|[-–•*])\s*[^\n\d]{3,60}(?:\n|$)")
_TRIGGER_LABELS = ("killed_before", "killed_after", "injured_before", "injured_after", "toll_rise", "toll_words",
                   "subset", "combined", "dual_casualty")
_DUAL_KILLED = frozenset(("قتيلان", "قتيلين", "شهيدان", "شهيدين"))
_DUAL_INJURED = frozenset(("جريحان", "جريحين"))
_TOKEN = re.compile(r"[وف](?=\d)|\d+(?:,\d{3})*(?:\.\d+)?|\w+|[^\w\s]")


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str


@functools.lru_cache(maxsize=65536)
def _bases(w: str) -> frozenset[str]:
    """The word and its possible stems once a conjunction, a preposition and the article are taken off."""
    out = {w}
    for x in list(out):
        if len(x) > 3 and x[0] in "وف":
            out.add(x[1:])
    for x in list(out):
        if len(x) > 3 and x[0] in "بكل":
            out.add(x[1:])
    for x in list(out):
        if len(x) > 4 and x.startswith("ال"):
            out.add(x[2:])
        if len(x) > 4 and x.startswith("لل"):
            out.add(x[2:])
    return frozenset(out)


def _bare(w: str) -> str:
    """A word without a leading conjunction (و/ف)."""
    return w[1:] if len(w) > 2 and w[0] in "وف" else w


def _read_number(toks: list[Tok], i: int, p: ArPatterns) -> tuple[int, int | None, bool, int] | None:
    """(low, high, vague, index after) of a number starting at token i: digits, words or a vague amount."""
    t = toks[i].text
    if t[0].isdigit():
        try:
            v = int(float(t.replace(",", "")))
        except ValueError:
            return None
        j = i + 1
        if j < len(toks) and toks[j].text in p.scales:
            v *= p.scales[toks[j].text] if toks[j].text not in ("الفين", "الفان") else 1000
            j += 1
        return v, v, False, j
    q = p.quantifiers.get(t) or p.quantifiers.get(_bare(t))
    if q is not None:
        j = i + 1
        if t in ("عدد", "العديد") and j < len(toks) and toks[j].text == "من":
            j += 1
        return q[0], q[1], True, j
    if t in ("عدد", "العديد") and i + 1 < len(toks) and toks[i + 1].text == "من":
        q = p.quantifiers.get(t + " من")
        if q is not None:
            return q[0], q[1], True, i + 2
    total, cur, j, seen = 0, 0, i, False
    while j < len(toks):
        w = toks[j].text
        b = w if not seen else _bare(w) if w.startswith("و") else w
        if b in p.units:
            cur += p.units[b]
        elif b in p.tens:
            cur += p.tens[b]
        elif b in p.hundreds:
            cur += p.hundreds[b]
        elif b in p.scales and seen:
            total += max(cur, 1) * p.scales[b]
            cur = 0
        elif b in ("الفين", "الفان"):
            total += 2000
        elif b in p.scales and not seen and b == "الف":
            cur += 1000
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    v = total + cur
    return v, v, False, j


# ---------------------------------------------------------------------------------------------- mentions
@dataclass(slots=True)
class Mention:
    kind: str  # killed / injured
    low: int | None
    high: int | None
    start: int
    end: int
    vague: bool = False
    victim: str | None = None  # civilian / combatant / None
    children: bool = False
    women: bool = False
    subset: bool = False
    toll: bool = False


Labels = dict[int, dict[str, int]]


@functools.lru_cache(maxsize=65536)
def _clitic_bases(w: str) -> tuple[str, ...]:
    """A word and its stems with the clitics the reader matches taken off: [وف] then بال/كال/لل/ال/ب/ك/ل."""
    out = [w]
    heads = [w[1:]] if len(w) > 2 and w[0] in "وف" else []
    for x in [w, *heads]:
        if x is not w:
            out.append(x)
        for pre in ("بال", "كال", "لل", "ال", "ب", "ك", "ل"):
            if x.startswith(pre) and len(x) - len(pre) >= 2:
                out.append(x[len(pre) :])
                if pre == "لل":
                    out.append("ال" + x[2:])
    return tuple(dict.fromkeys(out))


_WORD_TOKEN = re.compile(r"[وف](?=\d)|\d+(?:,\d{3})*(?:\.\d+)?|\w+")


class _Scan:
    """Every match of the word lists over the whole normalised text, read back sentence by sentence: one pass
    over the words with a dictionary of first words (much faster than one regex per list)."""

    def __init__(self, t: str, index: dict[str, list[tuple[tuple[str, ...], str]]], off: int = 0) -> None:
        toks = [(m.start(), m.end(), m.group()) for m in _WORD_TOKEN.finditer(t)]
        n = len(toks)
        best: dict[str, dict[int, int]] = {}
        for i, (a, _b, w) in enumerate(toks):
            for base in _clitic_bases(w):
                for rest, key in index.get(base, ()):
                    j = i + 1
                    for r in rest:
                        if j >= n or toks[j][2] != r or not t[toks[j - 1][1] : toks[j][0]].isspace():
                            break
                        j += 1
                    else:
                        end = toks[j - 1][1]
                        cur = best.setdefault(key, {})
                        if cur.get(a, -1) < end:
                            cur[a] = end
        self.spans: dict[str, list[tuple[int, int]]] = {}
        for key, d in best.items():
            lst: list[tuple[int, int]] = []
            last = -1
            for a in sorted(d):
                if a >= last:
                    lst.append((a + off, d[a] + off))
                    last = d[a]
            self.spans[key] = lst
        self.starts = {k: [a for a, _ in v] for k, v in self.spans.items()}

    def within(self, key: str, a: int, b: int) -> list[tuple[int, int]]:
        lst, st = self.spans.get(key, []), self.starts.get(key, [])
        i = bisect.bisect_left(st, a)
        out = []
        while i < len(lst) and lst[i][0] < b:
            if lst[i][1] <= b:
                out.append(lst[i])
            i += 1
        return out

    def has(self, key: str, a: int, b: int) -> bool:
        st = self.starts.get(key)
        if not st:
            return False
        i = bisect.bisect_left(st, a)
        return i < len(st) and st[i] < b and self.spans[key][i][1] <= b


def _labels(toks: list[Tok], scan: _Scan, a0: int, b0: int, keys: tuple[str, ...]) -> Labels:
    """token index -> [(label, index of the token after the match)] for each word list in keys."""
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    out: Labels = {}
    for key in keys:
        for a, b in scan.within(key, a0, b0):
            i = starts.get(a)
            if i is None:  # "و3": the conjunction is its own token
                i = next((k for k, t in enumerate(toks) if t.start <= a < t.end), None)
            j = ends.get(b)
            if i is None or j is None:
                continue
            d = out.setdefault(i, {})
            if d.get(key, -1) < j + 1:
                d[key] = j + 1
    return out


_EMPTY: dict[str, int] = {}


def _has(lab: Labels, i: int, key: str) -> int | None:
    return lab.get(i, _EMPTY).get(key)


def _victim_at(toks: list[Tok], lab: Labels, i: int, p: ArPatterns
               ) -> tuple[str | None, bool, bool, int, bool]:
    """(victim class, children, women, index after, found) of the words right after a count."""
    j = i
    if j < len(toks) and toks[j].text == "من":  # "5 من المدنيين", "3 من عناصر"
        j += 1
    end = _has(lab, j, "victim")
    if end is None:
        return None, False, False, i, False
    words: set[str] = set()
    for t in toks[j:end]:
        words |= _bases(t.text)
    vic: str | None = None
    if words & p.victims.get("combatant", frozenset()):
        vic = "combatant"
    elif words & p.victims.get("civilian", frozenset()):
        vic = "civilian"
    ch = bool(words & p.victims.get("children", frozenset()))
    wo = bool(words & p.victims.get("women", frozenset()))
    # "عناصر من قوات النظام": the fighters' side follows; "مدنيا" after "قتيلا"
    k = end
    if vic is None and k < len(toks) and _has(lab, k, "victim") is not None:
        v2, c2, w2, k2, _ = _victim_at(toks, lab, k, p)
        vic, ch, wo, end = v2, ch or c2, wo or w2, k2
    return vic, ch, wo, end, True




def _find_mentions(s: str, off: int, p: ArPatterns, scan: _Scan | None = None
                   ) -> tuple[list[Mention], list[Tok], Labels]:
    """Casualty mentions of one sentence s (at offset off of the normalised text), with its tokens and labels."""
    if scan is None:
        scan = _Scan(s, p.index, off)
    if not any(scan.has(k, off, off + len(s)) for k in _TRIGGER_LABELS):
        return [], [], {}
    toks = [Tok(m.start() + off, m.end() + off, m.group()) for m in _TOKEN.finditer(s)]
    lab = _labels(toks, scan, off, off + len(s), _MENTION_KEYS)
    out: list[Mention] = []
    used: set[int] = set()
    n = len(toks)
    sing = p.victims.get("singular", frozenset())
    dual = p.victims.get("dual", frozenset())

    numish = p.numish

    def number_at(k: int) -> tuple[int | None, int | None, bool, int, int] | None:
        """(low, high, vague, start index, index after) of a count at k, with its qualifier before it."""
        tk = toks[k].text
        if not (tk[0].isdigit() or tk in numish or k in lab):
            return None
        kind = None
        start = k
        qend = _has(lab, k, "qualifier")
        if qend is not None:
            phrase = norm_ar(s[toks[k].start - off : toks[qend - 1].end - off])
            phrase = re.sub(r"^[وف](?=\S)", "", phrase) if phrase not in p.qualifiers else phrase
            kind = p.qualifiers.get(phrase) or p.qualifiers.get(_strip_article(phrase))
            k = qend
        if k >= n:
            return None
        r = _read_number(toks, k, p)
        if r is None:
            return None
        lo: int | None = r[0]
        hi: int | None = r[1]
        after = r[3]
        if kind is None and after + 1 < n and _has(lab, after, "qualifier") is not None:
            tail = norm_ar(s[toks[after].start - off : toks[min(after + 1, n - 1)].end - off])
            if p.qualifiers.get(tail) == "after_low_only":
                kind = "low_only"
        if kind == "low_only":
            hi = None
        elif kind == "high_only":
            lo = None
        return lo, hi, r[2], start, after

    def one_word_count(k: int) -> tuple[int, int] | None:
        """'مقتل مدني' (1), 'مقتل طفلين' (2): a person noun standing for its count."""
        if k >= n:
            return None
        w = toks[k].text
        bs = _bases(w)  # singular and dual forms only: "مقتل المدنيين" (a plural) is no count
        if bs & dual:
            return 2, k + 1
        if k + 1 < n and toks[k + 1].text in ("اثنان", "اثنين", "اثنتان", "اثنتين") and _has(lab, k, "victim"):
            return 2, k + 2  # "مدنيان اثنان"
        if bs & sing:
            return 1, k + 1
        return None

    def add(kind: str, k0: int, num: tuple[int | None, int | None, bool, int, int] | None, ev_a: int,
            single: tuple[int, int] | None = None, toll: bool = False) -> None:
        if num is not None:
            lo, hi, vague, _ns, after = num
        elif single is not None:
            lo = hi = single[0]
            vague, after = False, single[1] - 1
            after = single[1]
            vic, ch, wo, end, _ = _victim_at(toks, lab, single[1] - 1, p)
        else:
            return
        if num is not None:
            vic, ch, wo, end, found = _victim_at(toks, lab, after, p)
        if (lo or 0) >= p.war_total_min:
            return
        last = max(end, after) - 1
        if last + 1 < n and _has(lab, last + 1, "killed_after" if kind == "killed" else "injured_after"):
            last = (_has(lab, last + 1, "killed_after" if kind == "killed" else "injured_after") or last + 2) - 1
        m = Mention(kind, lo, hi, toks[min(ev_a, k0)].start, toks[last].end, vague, vic, ch, wo, False, toll)
        out.append(m)
        used.update(range(k0, last + 1))
        # "مقتل 5 أطفال و3 نساء ورجل": more counted groups of the same casualty word
        k = last + 1
        while not toll and m.victim is not None and k < n and (toks[k].text == "و" or toks[k].text.startswith("و")):
            kk = k + 1 if toks[k].text == "و" else k
            nb = number_at(kk) if toks[k].text == "و" else None
            one = None if nb is not None else one_word_count(kk)
            if nb is not None:
                v2 = _victim_at(toks, lab, nb[4], p)
                if not v2[4]:
                    break
                lo2, hi2, e2 = nb[0], nb[1], v2[3]
            elif one is not None:
                v2 = _victim_at(toks, lab, kk, p)
                lo2 = hi2 = one[0]
                e2 = max(v2[3], one[1])
            else:
                break
            if _has(lab, e2, "killed_after" if kind == "injured" else "injured_after") or (
                    e2 < n and _has(lab, e2, "injured_before")):
                break
            out.append(Mention(kind, lo2, hi2, toks[kk].start, toks[e2 - 1].end, False, v2[0] or m.victim,
                               v2[1], v2[2], False, False))
            used.update(range(k, e2))
            k = e2

    i = 0
    while i < n:
        if i in used or (i not in lab and not toks[i].text[0].isdigit() and toks[i].text not in numish):
            i += 1
            continue
        comb = _has(lab, i, "combined")
        if comb is not None:
            used.update(range(i, comb))
            nb = number_at(comb)
            if nb is not None:
                used.update(range(nb[3], nb[4]))
            i = comb
            continue
        for kind, before in (("killed", "killed_before"), ("injured", "injured_before")):
            j = _has(lab, i, before)
            if j is None:
                continue
            weak = _has(lab, i, "killed_weak") is not None
            # the count: right after the word, or after at most 3 words ("قتل يوم الثلاثاء 12 مدنيا")
            got: tuple[int | None, int | None, bool, int, int] | None = None
            skip = False
            for gap in range(0, 4):
                k = j + gap
                if k >= n or toks[k].text in ".،,؛:;!?؟" or (gap and (_has(lab, k, "killed_before") or
                                                                       _has(lab, k, "injured_before"))):
                    break
                nb = number_at(k)
                if nb is None:
                    continue
                vic_found = _victim_at(toks, lab, nb[4], p)[4]
                after_ok = nb[4] < n and (_has(lab, nb[4], "killed_after") or _has(lab, nb[4], "injured_after")
                                          or _has(lab, nb[4], "others"))
                if (gap == 0 and not weak) or vic_found or after_ok:
                    if any(_has(lab, x, "combined") is not None for x in range(nb[4], min(n, nb[4] + 3))):
                        skip = True
                    else:
                        got = nb
                break
            if skip:
                break
            if got is not None:
                add(kind, i, got, i)
                break
            if True:  # "مقتل مدني", "قضى مواطن": a person noun stands for its count
                single = one_word_count(j)
                if single is not None:
                    add(kind, i, None, i, single)
                    break
        if i in used:
            i += 1
            continue
        # a dual casualty noun alone: "شهيدان وعدد من الجرحى"
        bs = _bases(toks[i].text)
        if bs & _DUAL_KILLED or bs & _DUAL_INJURED:
            kind = "killed" if bs & _DUAL_KILLED else "injured"
            out.append(Mention(kind, 2, 2, toks[i].start, toks[i].end))
            used.add(i)
            i += 1
            continue
        # a count followed by its noun: "12 قتيلا", "5 مدنيين قتلوا", "20 جريحا"
        nb = number_at(i)
        if nb is not None:
            k = nb[4]
            vk = _victim_at(toks, lab, k, p)
            k2 = vk[3] if vk[4] else k
            for kind, after in (("killed", "killed_after"), ("injured", "injured_after")):
                e = _has(lab, k, after) if k < n else None
                if e is None and k2 < n:
                    e = _has(lab, k2, after)
                if e is not None:
                    if any(_has(lab, x, "combined") is not None for x in range(e, min(n, e + 2))):
                        break
                    vic_after = _victim_at(toks, lab, e, p)  # "12 قتيلا مدنيا"
                    add(kind, nb[3], nb, nb[3])
                    m = out[-1]
                    if m.victim is None and vic_after[4]:
                        m.victim, m.children, m.women = vic_after[0], vic_after[1], vic_after[2]
                        m.end = toks[vic_after[3] - 1].end
                    m.end = max(m.end, toks[e - 1].end)
                    used.update(range(nb[3], e))
                    break
        i += 1
    # "بينهم 5 أطفال": subsets of the toll before them
    for i in sorted(lab):
        j = _has(lab, i, "subset")
        if j is None:
            continue
        k = j
        while k < n:
            nb = number_at(k)
            single = None if nb is not None else one_word_count(k)
            if nb is None and single is None:
                break
            at: int = nb[4] if nb is not None else single[1] - 1 if single is not None else k
            s_vic, s_ch, s_wo, s_end, s_found = _victim_at(toks, lab, at, p)
            if not s_found and single is None:
                break
            lo: int | None = nb[0] if nb is not None else single[0] if single is not None else None
            hi: int | None = nb[1] if nb is not None else lo
            for m in out:
                if m.start <= toks[k].start < m.end:
                    out.remove(m)  # the subset was read as a toll of its own
                    break
            out.append(Mention("killed", lo, hi, toks[k].start, toks[max(s_end, at) - 1].end, False,
                               s_vic or "civilian", s_ch, s_wo, True))
            k = max(s_end, at)
            if k < n and toks[k].text in ("و", ",", "،"):
                k += 1
            elif not (k < n and toks[k].text.startswith("و")):
                break
    # "ارتفعت حصيلة القتلى إلى 25": the incident's updated toll
    for i in sorted(lab):
        if _has(lab, i, "toll_rise") is None and _has(lab, i, "toll_words") is None:
            continue
        inj = any(_has(lab, k, "toll_injured") is not None for k in range(i, min(n, i + 4)))
        for k in range(i + 1, min(n, i + 12)):
            if toks[k].text in ("الي", "ل") or (toks[k].text.startswith("ل") and toks[k].text[1:2].isdigit()):
                kk = k + 1 if toks[k].text in ("الي", "ل") else k
                nb = number_at(kk)
                if nb is None:
                    break
                named = any(_has(lab, x, "toll_words") is not None or _has(lab, x, "killed_after") is not None
                            for x in range(i, k))
                # "ارتفع إلى 35 عدد الشهداء", "ارتفع إلى 21 بينهم 7 أطفال، عدد الشهداء": the noun after the figure
                named = named or any(_has(lab, x, "killed_after") is not None or _has(lab, x, "injured_after")
                                     is not None for x in range(nb[4], min(n, nb[4] + 12)))
                if not named:
                    break
                inj = inj or any(_has(lab, x, "injured_after") is not None or _has(lab, x, "toll_injured") is not None
                                 for x in range(nb[4], min(n, nb[4] + 3)))
                if any(m.start <= toks[kk].start < m.end for m in out):
                    out[:] = [m for m in out if not (m.start <= toks[kk].start < m.end)]
                add("injured" if inj else "killed", i, nb, i, toll=True)
                if out:
                    out[-1].toll = True
                break
    out.sort(key=lambda m: m.start)
    return out, toks, lab


def _list_total(m: Mention, ms: list[Mention]) -> tuple[int, int, int] | None:
    """'مقتل 5 أطفال و3 نساء': counted groups joined by 'و' after one casualty word add up.
    Returns (total, civilians, end)."""
    group = [m]
    for x in ms:
        if x is m or x.kind != "killed" or x.subset or x.toll or x.low is None:
            continue
        if x.start >= group[-1].end and x.start - group[-1].end <= 3:
            group.append(x)
    if len(group) < 2 or any(g.low is None for g in group):
        return None
    total = sum(g.low or 0 for g in group)
    civ = sum(g.low or 0 for g in group if g.victim != "combatant")
    return total, civ, group[-1].end


# ---------------------------------------------------------------------------------------------- dates
_DATE_PREP = ("في", "يوم", "بتاريخ", "ليل", "ليله", "فجر", "صباح", "مساء", "منذ", "وفي")
@dataclass(slots=True)
class ArDate:
    start: dt.date
    end: dt.date
    span_start: int
    span_end: int
    kind: str
    speech: bool = False


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _find_dates(s: str, off: int, pub: dt.date | None, p: ArPatterns, scan: _Scan | None = None) -> list[ArDate]:
    """Date phrases of s (at offset off), resolved against the publication date; scan (of the same text) lets
    the patterns whose words do not occur be skipped."""

    def gate(key: str) -> bool:
        return scan is None or bool(scan.spans.get(key))

    out: list[ArDate] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, st: dt.date | None, en: dt.date | None, kind: str) -> None:
        if st is None or en is None or any(not (b <= x or a >= y) for x, y in taken):
            return
        taken.append((a, b))
        if pub is not None:
            if st > pub:
                return
            en = min(en, pub)
        before = s[max(0, a - off - 40) : a - off]
        near = before[-25:]
        speech = bool(p.rx["speech_before"].search(near)) and not re.search(r"(?:قتل|مقتل|قصف|غار)", near)
        out.append(ArDate(st, en, a, b, kind, speech))

    def year_for(mon: int, day: int) -> int | None:
        if pub is None:
            return None
        y = pub.year
        c = _mk(y, mon, min(day, 28))
        return y - 1 if c is not None and c > pub else y

    def dateline(a: int, d: dt.date | None) -> bool:
        before = s[max(0, a - off - 20) : a - off]
        if p.rx["dateline"].search(before):
            return True
        if d is not None and pub is not None and d == pub:
            prev = before.split()[-1:] if before.strip() else []
            return not prev or prev[0] not in _DATE_PREP
        return False

    if any(c.isdigit() for c in s):
        for m in p.rx["date_num"].finditer(s):
            a_, b_, c_ = int(m["a"]), int(m["b"]), int(m["c"])
            if a_ > 1900:
                d = _mk(a_, b_, c_)
            elif c_ > 1900 or c_ < 100:
                y = c_ + 2000 if c_ < 100 else c_
                d = _mk(y, b_, a_) or _mk(y, a_, b_)
            else:
                continue
            if dateline(m.start() + off, d):
                taken.append((m.start() + off, m.end() + off))
                continue
            add(m.start() + off, m.end() + off, d, d, "explicit")
    for m in p.rx["date_dm"].finditer(s) if gate("gate.month") else ():
        mon = p.months[norm_ar(re.sub(r"\s+", " ", m["m"]))]
        if m["d"]:
            day = int(m["d"])
        else:
            day = p.ordinals.get("ال" + norm_ar(m["o"])) or p.ordinals.get(norm_ar(m["o"])) or 0
        yr = int(m["y"]) if m["y"] else year_for(mon, day)
        if yr is None:
            continue
        d = _mk(yr, mon, day)
        if dateline(m.start() + off, d):
            taken.append((m.start() + off, m.end() + off))
            continue
        add(m.start() + off, m.end() + off, d, d, "explicit")
    for m in p.rx["date_month"].finditer(s) if gate("gate.month") else ():
        mon = p.months[norm_ar(re.sub(r"\s+", " ", m["m"]))]
        yr = int(m["y"]) if m["y"] else (None if pub is None else pub.year if mon <= pub.month else pub.year - 1)
        if yr is None:
            continue
        last_day = _cal.monthrange(yr, mon)[1]
        add(m.start("m") + off, m.end() + off, dt.date(yr, mon, 1), dt.date(yr, mon, last_day), "month")
    if pub is None:
        return sorted(out, key=lambda x: x.span_start)
    for m in p.rx["relative"].finditer(s) if gate("gate.relative") else ():
        w = norm_ar(m["w"])
        lo_hi = p.relative.get(w) or p.relative.get("ال" + w)
        if lo_hi is None:
            continue
        add(m.start() + off, m.end() + off, pub + dt.timedelta(days=lo_hi[0]), pub + dt.timedelta(days=lo_hi[1]),
            "relative")
    for m in p.rx["calendar"].finditer(s) if gate("gate.calendar") else ():
        w = norm_ar(m["w"])
        rule = p.calendar.get(w) or p.calendar.get("ال" + w)
        win = _calendar(rule, pub) if rule else None
        if win:
            add(m.start() + off, m.end() + off, win[0], win[1], "calendar")
    for m in p.rx["ago"].finditer(s) if gate("gate.ago") else ():
        t = m["n"]
        nv = int(t) if t.isdigit() else p.units.get(t)
        if nv is None or nv > 31:
            continue
        d = pub - dt.timedelta(days=nv)
        add(m.start() + off, m.end() + off, d, d, "ago")
    for m in p.rx["weekday"].finditer(s) if gate("gate.weekday") else ():
        wd = p.weekdays.get(norm_ar(m["w"])) if m["w"] else None
        if wd is None:
            wd = p.weekdays.get("ال" + norm_ar(m["w"]))
        if wd is None:
            continue
        d = resolve_weekday(wd, pub, last=bool(m["last"]))
        add(m.start() + off, m.end() + off, d, d, "weekday")
    return sorted(out, key=lambda x: x.span_start)


# ---------------------------------------------------------------------------------------------- sentences
_SENT = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|\n+|$)")
_DOT_IN_NUM = re.compile(r"(?<=\d)\.(?=\d)")


@dataclass(slots=True)
class Sentence:
    start: int  # normalised offsets
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    trap: str | None = None
    attack: bool = False
    dates: list[ArDate] = field(default_factory=list)


@dataclass(slots=True)
class Incident:
    sents: list[Sentence]
    recalled: bool = False
    date: ArDate | None = None

    @property
    def mentions(self) -> list[Mention]:
        return [m for s in self.sents for m in s.mentions]


def _sentences(t: str) -> list[tuple[int, int]]:
    masked = _DOT_IN_NUM.sub("\x01", t)
    out = []
    for m in _SENT.finditer(masked):
        a, b = m.start(), m.end()
        while a < b and t[a].isspace():
            a += 1
        if b > a:
            out.append((a, b))
    return out


def _opens_with(s: Sentence, rx: re.Pattern[str], within: int = 14) -> bool:
    m = rx.search(s.text, 0, within + 12)
    return m is not None and m.start() <= within


# ---------------------------------------------------------------------------------------------- perpetrator
def _choose_actor(t: str, inc_spans: list[tuple[int, int]], lead: tuple[int, int], fig: int | None,
                  p: ArPatterns) -> tuple[ArActor, int, int] | None:
    best: tuple[float, int, ArActor, int, int] | None = None
    for order, (a, b) in enumerate(inc_spans):
        seg = t[a:b]
        hits: list[tuple[int, int, ArActor]] = []
        for m in p.rx["adjective"].finditer(seg):
            actor = p.adjectives.get(norm_ar(m["w"]))
            if actor is not None:
                hits.append((m.start() + a, m.end() + a, actor))
        for m in p.rx["actor"].finditer(seg):
            s0, e0 = m.start() + a, m.end() + a
            w = norm_ar(m["w"])
            actor = p.actors.get(w) or p.actors.get(_strip_article(w))
            if actor is None:
                continue
            over = [h for h in hits if not (e0 <= h[0] or s0 >= h[1])]
            if any(h[1] - h[0] >= e0 - s0 for h in over):
                continue  # the longer reading of the same words wins
            hits = [h for h in hits if h not in over] + [(s0, e0, actor)]
        for s0, e0, actor in hits:
            if not actor.perpetrator:
                continue
            before = t[max(a, s0 - 30) : s0]
            after = t[e0 : min(b, e0 + 20)]
            bwords = before.split()
            tail2 = " ".join(bwords[-2:])
            tail3 = " ".join(bwords[-3:])
            if p.rx["victim_before"].search(tail3) and not p.rx["doer_before"].search(" ".join(bwords[-1:])):
                continue
            if bwords and (bwords[-1][:1].isdigit() or bwords[-1] in ("و", "من")) and not before.endswith("من قبل "):
                if bwords[-1] == "من" and len(bwords) > 1 and p.rx["victim"].search(bwords[-2]):
                    continue
                if bwords[-1][:1].isdigit():
                    continue
            said_that = bool(bwords) and bwords[-1] in ("ان", "انه", "انها", "بان", "بانه")  # "أعلنت ... أن طائراتها"
            if not said_that and p.rx["speech_before"].search(tail2) and not p.rx["doer_before"].search(tail2):
                continue
            if p.rx["speech_after"].match(after.lstrip()):
                continue
            score = 1.0
            if p.rx["doer_before"].search(tail2) or s0 != e0 and t[s0:e0].split()[0] in ("طائرات", "طيران", "قصف"):
                score += 3
            if (a, b) == lead:
                score += 2
            if fig is not None and a <= fig < b and s0 > fig:
                score += 0.5
            if actor.label:
                score -= 1.5
            score -= 0.1 * order
            key = (score, -s0)
            if best is None or key > (best[0], -best[1]):
                best = (score, s0, actor, s0, e0)
    if best is None or best[0] < 0.5:
        return None
    return best[2], best[3], best[4]


# ---------------------------------------------------------------------------------------------- reader
def _orig(keep: list[int] | None, text: str) -> tuple[Any, Any]:
    """Offset maps from the normalised text back to the original (a span's end takes its word's tashkeel)."""
    n_orig = len(text)
    if keep is None:
        return (lambda i: i), (lambda j: j)

    def start(i: int) -> int:
        return keep[i] if i < len(keep) else n_orig

    def end(j: int) -> int:
        e = keep[j - 1] + 1 if 0 < j <= len(keep) else (0 if j <= 0 else n_orig)
        while e < n_orig and text[e] in _DELETE:
            e += 1
        return e

    return start, end


def _mask_places(text: str, keep: list[int] | None, scan: _Scan) -> str:
    """The original text with words that never name a place blanked (same length), for the geo resolver."""
    spans = scan.spans.get("not_place", [])
    text = text.replace("_", " ").replace("#", " ")
    if not spans:
        return text
    os_, oe = _orig(keep, text)
    chars = list(text)
    for a, b in spans:
        for k in range(os_(a), oe(b)):
            if not chars[k].isspace():
                chars[k] = "-"
    return "".join(chars)


def extract_claims_ar(doc: DocInput, resolver: PlaceResolver | None = None,
                      patterns: Patterns | ArPatterns | None = None) -> list[dict[str, Any]]:
    """Claims of one Arabic report: one per incident told, the principal new one marked main."""
    if isinstance(patterns, ArPatterns):
        p = patterns
    else:
        p = load_ar_patterns()
    # the English patterns give the event rules' types (already read into p), background days and precision
    eng = patterns if isinstance(patterns, Patterns) else p.english if p.english is not None else load_patterns()
    text = doc.text or ""
    pub = doc.published
    t, keep = _normalise(text)
    os_, oe = _orig(keep, text)

    def ev(a: int, b: int) -> dict[str, Any]:
        a0, b0 = os_(a), oe(b)
        return {"start": a0, "end": b0, "quote": text[a0:b0]}

    sents: list[Sentence] = []
    scan = _Scan(t, p.index)
    ev_keys = p.attack_keys
    all_dates = _find_dates(t, 0, pub, p, scan)
    for a, b in _sentences(t):
        s = Sentence(a, b, t[a:b])
        if scan.has("not_incident", a, b):
            continue
        for key in _TRAPS:
            if scan.has("trap." + key, a, b):
                s.trap = key
                break
        s.attack = any(scan.has(k, a, b) for k in ev_keys)
        if s.trap is None:
            for key in _PLIGHT:
                if scan.has("trap." + key, a, b) and not s.attack:
                    s.trap = key
                    break
        if s.trap is None:
            s.mentions = _find_mentions(s.text, a, p, scan)[0]
        s.dates = [d for d in all_dates if a <= d.span_start < b]
        sents.append(s)
    # incidents: a sentence with figures opens one; the sentences after it tell its details until another
    # sentence with figures opens a new one ("وفي ريف إدلب ...", "كما ...", its own date)
    incs: list[Incident] = []
    cur: Incident | None = None
    pre: list[Sentence] = []
    for s in sents:
        if s.trap is None and not s.mentions and any(scan.has("trap." + k, s.start, s.end) for k in _PLIGHT):
            continue  # "نزوح ... هربا من القصف": an attack named in passing, no incident of its own
        if s.trap is not None:
            cur = None if cur is not None and s.mentions else cur
            continue
        if not s.mentions:
            if cur is not None:
                cur.sents.append(s)
            elif s.attack:
                pre.append(s)
            continue
        new = cur is None
        if cur is not None and not _opens_with(s, p.rx["same_incident"]):
            if _opens_with(s, p.rx["new_incident"]):
                new = True
            else:
                own = [d for d in s.dates if not d.speech]
                prev = next((d for x in cur.sents for d in x.dates if not d.speech), None)
                if own and prev is not None:
                    gap = abs((own[0].start - prev.start).days)
                    # another day: a new incident ("2 أيار ...: قتل ... / 3 أيار ...: قتل ...")
                    if gap >= 2 or (gap >= 1 and own[0].kind == prev.kind == "explicit"):
                        new = True
        if new:
            cur = Incident([s])
            cur.recalled = bool(p.rx["recall"].search(s.text)) or _opens_with(s, p.rx["recall_open"], 4)
            incs.append(cur)
        else:
            assert cur is not None
            cur.sents.append(s)
    if not incs:
        lead = next((s for s in pre if not p.rx["talks"].search(s.text)), None)
        if lead is None:
            return []
        incs = [Incident([lead])]
        pre = []
    # "وهم: 1- ... 2- ...": a list of the victims' names counts them when no figure is given
    for inc in incs:
        if any(m.kind == "killed" for m in inc.mentions):
            continue
        lead_s = inc.sents[0]
        hm = _NAMES_HEAD.search(t, lead_s.start, min(len(t), lead_s.end + 40))
        if hm is None:
            continue
        items = list(_NAME_ITEM.finditer(t, hm.end()))
        run = []
        pos = hm.end()
        for it in items:
            if t[pos : it.start()].strip():
                break
            run.append(it)
            pos = it.end()
        if len(run) >= 1:
            lead_s.mentions.append(Mention("killed", len(run), len(run), hm.start(), run[-1].end()))
    # dates: the sentence with the figure first, then the others
    for inc in incs:
        for s in inc.sents:
            d = next((d for d in s.dates if not d.speech), None)
            if d is not None:
                inc.date = d
                break
        if inc.date is None:
            inc.date = next((d for s in inc.sents for d in s.dates), None)
    if pub is not None:
        horizon = pub - dt.timedelta(days=eng.background_after_days)
        incs = [i for i in incs if i.date is None or i.date.end >= horizon] or []
        if not incs:
            return []
    main_idx = next((k for k, i in enumerate(incs) if not i.recalled), 0)
    mask_text: str | None = None
    claims: list[dict[str, Any]] = []
    for k, inc in enumerate(incs):
        c = empty_claim()
        evd = c["evidence"]
        seg_a, seg_b = inc.sents[0].start, inc.sents[-1].end
        c["segment"] = [os_(seg_a), oe(seg_b)]
        c["extractor_version"] = EXTRACTOR_VERSION_AR
        if inc.date is not None:
            d = inc.date
            c["date_start"], c["date_end"] = d.start.isoformat(), d.end.isoformat()
            c["date_precision"] = precision_for(d.start, d.end, eng)
            evd["date"] = ev(d.span_start, d.span_end)
        elif pub is not None and not inc.recalled:
            s0 = pub - dt.timedelta(days=1)
            c["date_start"], c["date_end"] = s0.isoformat(), pub.isoformat()
            c["date_precision"] = precision_for(s0, pub, eng)
            c["date_basis"] = "publication"
        _fill_casualties(c, inc, ev)
        # perpetrator
        spans = [(s.start, s.end) for s in inc.sents]
        if k == 0:
            spans += [(s.start, s.end) for s in pre]
        ms = inc.mentions
        lead_m = next((m for m in ms if m.kind == "killed"), ms[0] if ms else None)
        lead_span = spans[0]
        fig = None
        if lead_m is not None:
            fig = lead_m.start
            lead_span = next(((s.start, s.end) for s in inc.sents if s.start <= lead_m.start < s.end), spans[0])
            spans = [lead_span] + [x for x in spans if x != lead_span]
        got = _choose_actor(t, spans, lead_span, fig, p)
        if got is not None:
            actor, ra, rb = got
            c["perpetrator"] = actor.name
            c["perpetrator_class"] = actor.cls
            c["perpetrator_type"] = actor.type
            e = ev(ra, rb)
            c["perpetrator_raw"] = e["quote"]
            evd["perpetrator"] = e
        # event type: the highest-priority trigger, ties to the first in the text
        best: tuple[EventRule, int, int] | None = None
        for a, b in spans:
            for rule, rx in p.events:
                if best is not None and rule.priority <= best[0].priority:
                    continue
                m = rx.search(t, a, b)
                if m:
                    best = (rule, m.start(), m.end())
        if best is not None:
            c["event_type"], c["sub_event_type"] = best[0].event_type, best[0].sub_event_type
            evd["event_type"] = ev(best[1], best[2])
        victims = {m.victim for m in ms if m.kind == "killed"}
        hit = best[0] if best is not None else None
        if hit is not None and hit.civilian_targeting:
            c["civilian_targeting"] = True
        elif "combatant" in victims or (hit is not None and hit.event_type == "Battles"):
            c["civilian_targeting"] = False if "civilian" not in victims else None
        elif "civilian" in victims or (c["civilians_killed_low"] or 0) > 0:
            c["civilian_targeting"] = True
        # place
        if resolver is not None:
            if mask_text is None:
                mask_text = _mask_places(text, keep, scan)
            pm = resolver.locate(mask_text, os_(seg_a), oe(seg_b), title=doc.title)
            if pm is not None:
                for f in ("country", "admin1", "admin2", "location", "lat", "lon", "geo_precision"):
                    c[f] = getattr(pm, f)
                c["place_id"] = pm.place_id
                if pm.span is not None:
                    evd["location"] = {"start": pm.span.start, "end": pm.span.end,
                                       "quote": text[pm.span.start : pm.span.end]}
        c["main"] = k == main_idx
        claims.append(c)
    return claims


def _pick_first(ms: list[Mention]) -> Mention | None:
    exact = [m for m in ms if not m.vague]
    return exact[0] if exact else (ms[0] if ms else None)


def _fill_casualties(c: dict[str, Any], inc: Incident, ev: Any) -> None:
    """Killed / civilians / injured / children / women of one incident, by core's rules."""
    ms = inc.mentions
    evd = c["evidence"]
    killed = [m for m in ms if m.kind == "killed"]
    main_k = [m for m in killed if not m.subset]
    tolls = [m for m in main_k if m.toll]
    chosen = _pick_first([m for m in main_k if not m.toll]) or _pick_first(tolls)
    if tolls and chosen is not None and not chosen.toll:
        tt = tolls[-1]
        if (tt.low or tt.high or 0) >= (chosen.low or chosen.high or 0):
            chosen = tt
    listed = None
    if chosen is not None:
        kl, kh = chosen.low, chosen.high
        ev_k = (chosen.start, chosen.end)
        if not chosen.toll and chosen.low is not None and chosen.low == chosen.high:
            listed = _list_total(chosen, main_k)
            if listed is not None:
                kl = kh = listed[0]
                ev_k = (chosen.start, listed[2])
        if kl is not None or kh is not None:
            c["killed_low"], c["killed_high"] = kl, kh
            evd["killed"] = ev(*ev_k)
    civ_ms = [m for m in main_k if m.victim == "civilian"]
    cv = chosen.victim if chosen is not None else None
    if chosen is not None and cv is None:
        same = [m for m in main_k if m is not chosen and m.victim and m.low is not None and m.low == chosen.low]
        if same:
            cv = same[0].victim
        elif chosen.toll:
            first = _pick_first([m for m in main_k if not m.toll])
            cv = first.victim if first is not None else None
        if cv == "civilian":
            civ_ms.append(chosen)
    if chosen is not None and cv is None and not any(m.victim == "combatant" for m in killed):
        civ_ms.append(chosen)  # "سقوط 10 قتلى" with no fighter named: the dead are civilians
    civ = chosen if chosen is not None and chosen in civ_ms else _pick_first(civ_ms)
    kh_ = c["killed_high"]
    if civ is not None and civ is not chosen and kh_ is not None and civ.low is not None and civ.low > kh_:
        civ = None
    if listed is not None and (civ is chosen or civ is None):
        c["civilians_killed_low"] = c["civilians_killed_high"] = listed[1]
        evd["civilians_killed"] = dict(evd["killed"])
    elif civ is not None:
        c["civilians_killed_low"], c["civilians_killed_high"] = civ.low, civ.high
        evd["civilians_killed"] = ev(civ.start, civ.end)
    elif chosen is not None and cv == "combatant" and not any(m.victim == "civilian" for m in killed):
        c["civilians_killed_low"] = c["civilians_killed_high"] = 0
        evd["civilians_killed"] = ev(chosen.start, chosen.end)
    inj = _pick_first([m for m in ms if m.kind == "injured" and not m.subset and not m.toll]) or _pick_first(
        [m for m in ms if m.kind == "injured"])
    inj_t = [m for m in ms if m.kind == "injured" and m.toll]
    if inj is not None and inj_t and (inj_t[-1].low or 0) >= (inj.low or 0):
        inj = inj_t[-1]
    if inj is not None:
        c["injured_low"], c["injured_high"] = inj.low, inj.high
        evd["injured"] = ev(inj.start, inj.end)
    chs = [m for m in killed if m.children and m.victim != "combatant" and m.low is not None]
    ch = max(chs, key=lambda m: m.low or 0) if chs else None
    if ch is not None and (ch.subset or ch is chosen or listed is not None or not main_k):
        c["children_killed"] = ch.low
        evd["children_killed"] = ev(ch.start, ch.end)
    wos = [m for m in killed if m.women and m.victim != "combatant" and m.low is not None]
    wo = max(wos, key=lambda m: m.low or 0) if wos else None
    if wo is not None and (wo.subset or wo is chosen or listed is not None or not main_k):
        c["women_killed"] = wo.low
        evd["women_killed"] = ev(wo.start, wo.end)
