"""Pattern data (actors, events, quantifiers, date windows, cues) loaded from YAML, compiled once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants as _C  # type: ignore[attr-defined]  # the parser's opcodes: read first letters
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Shipped files, in load order; user files given to load_patterns() are read after them.
SHIPPED_FILES: tuple[str, ...] = (
    "quantifiers.yaml",
    "date_windows.yaml",
    "events.yaml",
    "casualties.yaml",
    "cues.yaml",
    "actors/syria.yaml",
    "actors/iraq.yaml",
    "actors/yemen.yaml",
)

PERPETRATOR_CLASSES = (
    "syrian_government",
    "russia",
    "isis",
    "us_coalition",
    "turkey",
    "opposition",
    "sdf_kurdish",
    "hts_nusra",
    "iran_hezbollah",
    "israel",
    "unknown",
    "other",
)

#: Flat word lists of the data files (cues.yaml and friends), each compiled under its own name.
_WORD_LISTS = (
    "statement",
    "not_incident",
    "generic",
    "new_incident",
    "anchor",
    "speaker",
    "agent_after",
    "unknown_perpetrator",
    "plight",
    "agent_before",
    "target_before",
    "not_agent_before",
    "self_claim",
    "target_after",
    "bulletin",
    "clause_break",
)
#: Grouped word lists: section -> {name: words}, compiled as "section.name".
_WORD_SECTIONS = ("victims", "verbs", "traps")
_KNOWN_KEYS = {
    "number_words",
    "quantifiers",
    "acled_convention",
    "qualifiers",
    "relative",
    "spans",
    "calendar",
    "precision_by_length",
    "background_after_days",
    "war_total_min",
    "events",
    *_WORD_SECTIONS,
    *_WORD_LISTS,
    "country",
    "country_names",
    "actors",
}
_CALENDAR_RULES = {
    "previous_week",
    "this_month_until_yesterday",
    "this_month",
    "previous_month",
    "this_year_until_yesterday",
    "this_year",
    "previous_year",
}


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: neutral name, perpetrator class, ACLED actor type, country."""

    name: str
    cls: str
    type: str | None
    country: str | None
    perpetrator: bool = True
    label: bool = False  # a label that names no one ("terrorists"): a weak perpetrator, often the victim


@dataclass(frozen=True, slots=True)
class EventRule:
    """A family of trigger words and the ACLED types they stand for."""

    name: str
    event_type: str | None
    sub_event_type: str | None
    priority: int
    civilian_targeting: bool | None
    attack: bool
    rx: re.Pattern[str]
    triggers: tuple[str, ...] = ()


@dataclass(slots=True)
class Patterns:
    """Everything extraction reads from data files, plus the regexes compiled from it."""

    units: dict[str, int] = field(default_factory=dict)
    # the source registry (link.sources.load_registry with the user's files) whose usage notes tell a
    # publisher's wording; None = the shipped registry
    registry: dict[str, dict[str, Any]] | None = None
    tens: dict[str, int] = field(default_factory=dict)
    scales: dict[str, int] = field(default_factory=dict)
    quantifiers: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    acled_convention: dict[str, int] = field(default_factory=dict)
    qualifiers: dict[str, str] = field(default_factory=dict)  # phrase -> low_only / high_only / approx
    relative: dict[str, tuple[int, int]] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    calendar: dict[str, str] = field(default_factory=dict)
    precision_by_length: list[tuple[str, int]] = field(default_factory=list)
    background_after_days: int = 90
    war_total_min: int = 10000
    events: list[EventRule] = field(default_factory=list)
    lexicon: dict[str, list[str]] = field(default_factory=dict)  # victims.*, verbs.*, traps.*, cues
    actors: dict[str, Actor] = field(default_factory=dict)  # by canonical name
    aliases: dict[str, str] = field(default_factory=dict)  # normalised alias -> actor name
    cs_aliases: dict[str, str] = field(default_factory=dict)  # case-sensitive alias -> actor name
    bare: dict[str, str] = field(default_factory=dict)  # bare word -> default actor name
    sources: list[str] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)  # normalised country name -> ISO code
    _rx: dict[str, re.Pattern[str]] = field(default_factory=dict)
    gates: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # regex name -> required_words()

    def rx(self, key: str) -> re.Pattern[str]:
        """A compiled regex by name (built by compile())."""
        return self._rx[key]

    def alt(self, key: str) -> str:
        """The lexicon list `key` as one regex alternation, longest first (dispatched on the first letter)."""
        items = sorted(set(self.lexicon.get(key, [])), key=len, reverse=True)
        return dispatch_alt(items) if items else r"(?!x)x"


_ASCII_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _first_chars(frag: str) -> frozenset[str] | None:
    """The lower-case ASCII letters/digits a case-insensitive match of `frag` can start with;
    None when that is not known (a class like \\w, a lookaround, a possibly empty match, non-ASCII)."""
    try:
        tree = _P.parse(frag, re.I)
    except re.error:
        return None

    def seq(items: Any) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            s, nullable = one(op, av)
            if s is None:
                return None, False
            out |= s
            if not nullable:
                return out, False
        return out, True

    def one(op: Any, av: Any) -> tuple[set[str] | None, bool]:
        if op is _C.LITERAL:
            ch = chr(av).lower()
            return ({ch}, False) if ch in _ASCII_FIRST else (None, False)
        if op is _C.SUBPATTERN:
            return seq(av[3])
        if op is _C.BRANCH:
            out: set[str] = set()
            nul = False
            for b in av[1]:
                s, n = seq(b)
                if s is None:
                    return None, False
                out |= s
                nul = nul or n
            return out, nul
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            s, n = seq(av[2])
            return (None, False) if s is None else (s, n or av[0] == 0)
        if op is _C.AT:
            return set(), True
        if op is _C.IN:
            out = set()
            for o, a in av:
                if o is _C.LITERAL and chr(a).lower() in _ASCII_FIRST:
                    out.add(chr(a).lower())
                elif o is _C.RANGE and all(chr(x).lower() in _ASCII_FIRST for x in range(a[0], a[1] + 1)):
                    out |= {chr(x).lower() for x in range(a[0], a[1] + 1)}
                else:
                    return None, False
            return out, False
        return None, False

    s, nullable = seq(tree)
    return None if s is None or nullable or not s else frozenset(s)


def required_words(frags: list[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings of which every case-insensitive match of one of `frags` contains at least one
    (a prefilter: when none occurs in a lower-cased ASCII text, the regex cannot match); None if unknown."""

    def seq(items: Any) -> set[str] | None:
        best: set[str] | None = None
        run = ""
        cands: list[set[str]] = []
        for op, av in list(items) + [(None, None)]:
            if op is _C.LITERAL and chr(av).lower() in _ASCII_FIRST | set(" ,'-"):
                run += chr(av).lower()
                continue
            if len(run) >= 3:
                cands.append({run})
            run = ""
            if op is _C.SUBPATTERN:
                sub = seq(av[3])
            elif op is _C.BRANCH:
                parts = [seq(b) for b in av[1]]
                sub = None if any(x is None for x in parts) else set().union(*parts)  # type: ignore[arg-type]
            elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
                sub = seq(av[2])
            else:
                sub = None
            if sub:
                cands.append(sub)
        for c in cands:  # the most selective: fewest, longest strings
            if best is None or (len(c), -min(map(len, c))) < (len(best), -min(map(len, best))):
                best = c
        return best

    out: set[str] = set()
    for f in frags:
        try:
            r = seq(_P.parse(f, re.I))
        except re.error:
            return None
        if not r:
            return None
        out |= r
    return tuple(sorted(out))


def dispatch_alt(frags: list[str]) -> str:
    """`(?:f1)|(?:f2)|...` (for case-insensitive patterns) rewritten so the engine picks the alternatives by
    the first letter: `(?=a)(?:fragments that can start with a)|(?=b)(...)|...`, original order kept in each
    branch. It matches exactly what the plain alternation matches (alternatives that cannot start with the
    letter would fail anyway), but tries a few alternatives per word instead of hundreds."""
    if len(frags) < 8 or any("(?P" in f or re.search(r"\\\d", f) for f in frags):
        return "|".join(f"(?:{f})" for f in frags)
    fcs = [_first_chars(f) for f in frags]
    keys = sorted(set().union(*(s for s in fcs if s)))
    if not keys:
        return "|".join(f"(?:{f})" for f in frags)
    branches = []
    for k in keys:
        mem = [f for f, s in zip(frags, fcs, strict=True) if s is None or k in s]
        branches.append(f"(?={k})(?:" + "|".join(f"(?:{f})" for f in mem) + ")")
    unknown = [f for f, s in zip(frags, fcs, strict=True) if s is None]
    if unknown:
        branches.append(f"(?![{''.join(keys)}])(?:" + "|".join(f"(?:{f})" for f in unknown) + ")")
    return "|".join(branches)


def _split_top(alt: str) -> list[str]:
    """The top-level alternatives of a regex alternation 'a|b(?:c|d)|e' -> ['a', 'b(?:c|d)', 'e']."""
    out: list[str] = []
    cur: list[str] = []
    depth, cls, esc = 0, False, False
    for ch in alt:
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif cls:
            cls = ch != "]"
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out


def _norm_alias(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.strip().lower().replace("’", "'"))


def _alias_rx(alias: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", alias.strip())]
    rx = r"[\s\-]+".join(parts).replace("'", "['’]?")
    return rx + "s?" if alias[-1:].isalpha() and not alias.endswith("s") else rx  # plural / apostrophe-less possessive


def _trie_rx(aliases: list[str]) -> str:
    """One regex for many aliases, as a trie so matching does not try every alias in turn."""
    trie: dict[str, Any] = {}
    for a in aliases:
        node = trie
        for tok in re.split(r"[\s\-]+", a.strip()):
            node = node.setdefault(tok, {})
        node[""] = {}

    def emit(node: dict[str, Any], top: bool = False) -> str:
        alts = []
        for tok in sorted((k for k in node if k), key=len, reverse=True):
            sub = node[tok]
            piece = re.escape(tok).replace("'", "['’]?")
            rest = emit(sub)
            if rest:
                piece += r"(?:[\s\-]+" + rest + ")" + ("?" if "" in sub else "")
            if tok[-1:].isalpha() and not tok.endswith("s") and "" in sub:
                piece = piece + "s?" if not rest else piece
            alts.append(piece)
        if not alts:
            return ""
        return "(?:" + (dispatch_alt(alts) if top else "|".join(alts)) + ")"

    return emit(trie, top=True)


def _pair(v: Any, where: str) -> tuple[int, int]:
    if not (isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) for x in v)):
        raise ValueError(f"{where}: expected [start, end] integers, got {v!r}")
    return int(v[0]), int(v[1])


def _merge_file(p: Patterns, data: dict[str, Any], path: str) -> None:
    """Merge one YAML mapping into the patterns (later files extend or override earlier ones)."""
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise ValueError(f"{path}: unknown top-level keys {sorted(unknown)}")
    nw = data.get("number_words") or {}
    for key, target in (("units", p.units), ("tens", p.tens), ("scales", p.scales)):
        for w, v in (nw.get(key) or {}).items():
            if not isinstance(v, int):
                raise ValueError(f"{path}: number_words.{key}.{w} must be an integer")
            target[str(w).lower()] = v
    for q, v in (data.get("quantifiers") or {}).items():
        if not isinstance(v, dict) or not isinstance(v.get("low"), int):
            raise ValueError(f"{path}: quantifiers.{q} needs an integer 'low'")
        high = v.get("high")
        if high is not None and (not isinstance(high, int) or high < v["low"]):
            raise ValueError(f"{path}: quantifiers.{q}: 'high' must be null or an integer >= low")
        p.quantifiers[_norm_alias(str(q))] = (v["low"], high)
    for q, v in (data.get("acled_convention") or {}).items():
        p.acled_convention[_norm_alias(str(q))] = int(v)
    for kind, words in (data.get("qualifiers") or {}).items():
        if kind not in ("low_only", "high_only", "approx"):
            raise ValueError(f"{path}: qualifiers.{kind} is not low_only/high_only/approx")
        for w in words or []:
            p.qualifiers[_norm_alias(str(w))] = kind
    for w, v in (data.get("relative") or {}).items():
        p.relative[_norm_alias(str(w))] = _pair(v, f"{path}: relative.{w}")
    for w, v in (data.get("spans") or {}).items():
        a, b = _pair(v, f"{path}: spans.{w}")
        if a > b or a < 0:
            raise ValueError(f"{path}: spans.{w}: need 0 <= min <= max")
        p.spans[_norm_alias(str(w))] = (a, b)
    for w, v in (data.get("calendar") or {}).items():
        if v not in _CALENDAR_RULES:
            raise ValueError(f"{path}: calendar.{w}: {v!r} is not one of {sorted(_CALENDAR_RULES)}")
        p.calendar[_norm_alias(str(w))] = v
    if data.get("precision_by_length"):
        pl = data["precision_by_length"]
        if not isinstance(pl, dict) or set(pl) - {"day", "week", "month", "year"}:
            raise ValueError(f"{path}: precision_by_length maps day/week/month/year to a length in days")
        p.precision_by_length = sorted(((k, int(v)) for k, v in pl.items()), key=lambda kv: kv[1])
    if "war_total_min" in data:
        p.war_total_min = int(data["war_total_min"])
    if "background_after_days" in data:
        p.background_after_days = int(data["background_after_days"])
    for ev in data.get("events") or []:
        _add_event(p, ev, path)
    for section in _WORD_SECTIONS:
        for k, v in (data.get(section) or {}).items():
            _add_words(p, f"{section}.{k}", v, path)
    for k in _WORD_LISTS:
        if k in data:
            _add_words(p, k, data[k], path)
    default_country = data.get("country")
    names = data.get("country_names") or []
    if names and not default_country:
        raise ValueError(f"{path}: country_names needs the file's country code")
    for n in names:
        p.country_names[_norm_alias(str(n))] = str(default_country)
    for a in data.get("actors") or []:
        _add_actor(p, a, default_country, path)


def _add_words(p: Patterns, key: str, v: Any, path: str) -> None:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ValueError(f"{path}: {key} must be a list of strings")
    for x in v:
        try:
            re.compile(x)
        except re.error as e:
            raise ValueError(f"{path}: {key}: bad regex {x!r}: {e}") from e
    lst = p.lexicon.setdefault(key, [])
    lst.extend(x for x in v if x not in lst)


def _add_event(p: Patterns, ev: Any, path: str) -> None:
    if not isinstance(ev, dict) or not ev.get("name") or not isinstance(ev.get("triggers"), list):
        raise ValueError(f"{path}: each event needs a name and a list of triggers")
    try:
        rx = re.compile(r"\b(?:" + dispatch_alt([str(t) for t in ev["triggers"]]) + r")\b", re.I)
    except re.error as e:
        raise ValueError(f"{path}: event {ev['name']}: bad trigger regex: {e}") from e
    rule = EventRule(
        name=str(ev["name"]),
        event_type=ev.get("event_type"),
        sub_event_type=ev.get("sub_event_type"),
        priority=int(ev.get("priority", 0)),
        civilian_targeting=ev.get("civilian_targeting"),
        attack=bool(ev.get("attack", True)),
        rx=rx,
        triggers=tuple(str(t) for t in ev["triggers"]),
    )
    p.events = [e for e in p.events if e.name != rule.name] + [rule]


def _add_actor(p: Patterns, a: Any, default_country: Any, path: str) -> None:
    if not isinstance(a, dict) or not a.get("name"):
        raise ValueError(f"{path}: each actor needs a name")
    name = str(a["name"])
    old = p.actors.get(name)
    cls = a.get("class", old.cls if old else None)
    if cls not in PERPETRATOR_CLASSES:
        raise ValueError(f"{path}: actor {name!r}: class {cls!r} is not one of {PERPETRATOR_CLASSES}")
    p.actors[name] = Actor(
        name=name,
        cls=cls,
        type=a.get("type", old.type if old else None),
        country=a.get("country", old.country if old else default_country),
        perpetrator=bool(a.get("perpetrator", old.perpetrator if old else True)),
        label=bool(a.get("label", old.label if old else False)),
    )
    for al in a.get("aliases") or []:
        p.aliases[_norm_alias(str(al))] = name
    for al in a.get("case_sensitive_aliases") or []:
        p.cs_aliases[str(al)] = name
    for al in a.get("bare") or []:
        p.bare[_norm_alias(str(al))] = name


def _compile(p: Patterns) -> None:
    """Build every regex once, so extraction itself only runs compiled patterns."""
    w = p.alt
    rx = p._rx
    # --- numbers
    words = sorted(list(p.units) + list(p.tens) + list(p.scales), key=len, reverse=True)
    word = "(?:" + "|".join(re.escape(x) for x in words) + ")"
    numword = rf"{word}(?:(?:[\s\-]+|\s+and\s+){word})*"
    digits = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
    quant = "|".join(_alias_rx(q) for q in sorted(p.quantifiers, key=len, reverse=True))
    core = rf"(?:{digits}|{numword})"
    qual = "|".join(_alias_rx(q) for q in sorted(p.qualifiers, key=len, reverse=True))
    rng = (
        rf"(?:between\s+(?P<a1>{core})\s+and\s+(?P<b1>{core})|(?P<a2>{digits})\s*(?:-|–|—|to|or)\s*(?P<b2>{digits})"
        rf"|(?P<a3>{numword})\s+(?:to|or)\s+(?P<b3>{numword}))"
    )
    # a cheap look-ahead first: only where a digit, a number word, a quantifier or a qualifier starts
    gate = dispatch_alt(
        [r"\d", "between"]
        + [re.escape(x) for x in words]
        + [_alias_rx(q) for q in sorted(p.quantifiers, key=len, reverse=True)]
        + [_alias_rx(q) for q in sorted(p.qualifiers, key=len, reverse=True)]
    )
    rx["number"] = re.compile(
        rf"(?<![\w.,:/])(?<!\d-)(?=(?:{gate}))(?:(?P<qual>{qual})\s+)?(?:{rng}|(?P<quant>{quant})(?![\w])|(?P<single>{core}))(?![\w/:])"
        rf"(?![\-.]\d)(?!\s*(?:-|\s)\s*year)",
        re.I,
    )
    rx["numword"] = re.compile(rf"\b{numword}\b", re.I)
    # --- casualty context
    civ, comb = w("victims.civilian"), w("victims.combatant")
    kv, iv = w("verbs.killed"), w("verbs.injured")
    rx["victim_civ"] = re.compile(rf"\b(?:{civ})\b", re.I)
    rx["victim_comb"] = re.compile(rf"\b(?:{comb})\b", re.I)
    rx["victim_child"] = re.compile(rf"\b(?:{w('victims.children')})\b", re.I)
    rx["victim_women"] = re.compile(rf"\b(?:{w('victims.women')})\b", re.I)
    rx["verb_killed"] = re.compile(rf"\b(?:{kv})\b", re.I)
    rx["verb_injured"] = re.compile(rf"\b(?:{iv})\b", re.I)
    rx["verb_any"] = re.compile(
        rf"(?P<verb>(?:{kv})(?:\s+(?:and|or|&)\s+(?:{iv}))?|(?:{iv})(?:\s+(?:and|or|&)\s+(?:{kv}))?)\b", re.I
    )
    left_verbs = (
        r"killing|killed|kills|kill|claim(?:ing|ed|s)? the lives of|"
        r"taking the lives of|took the lives of|"
        r"(?:the )?(?:deaths?|killing|killings|martyrdom|bodies|lives|murder|execution|beheading|massacre) of|"
        r"left|leaving|"
        r"injuring|wounding|injured|wounded|injures|wounds|injure|wound|killing and wounding|killing and injuring|"
        r"killed and wounded|killed and injured|dead|dead and|wounded,|(?:death|"
        r"casualty) toll(?: [a-zA-Z\s'’\-]{0,100}?)?"
        r"(?: has| had)?(?: risen| rose| rises| climbed| climbs| reached| reaches| jumped| hit|"
        r" hits| surpassed| exceeded| "
        r"increased| grew| stands| stood| now stands| was| is| of)?(?: to| at| of)?|toll (?:rose|climbed|reached) to|"
        # "the number of civilians killed by the strike has risen to 20": a toll too (rules-1.4)
        r"(?:number|tally|count) of (?:[a-zA-Z'’\-]+ ){0,3}?(?:killed|dead|deaths|victims|fatalities|martyrs)"
        r"(?: [a-zA-Z\s'’\-]{0,100}?)?(?: has| had)? (?:risen|rose|rises|climbed|climbs|reached|reaches|jumped|"
        r"increased|grew) to|"
        r"killed (?:at least )?another|murdering|murders|murdered|slaughtering|executing|executed|executes|execute|"
        r"eliminat(?:ed|es|ing|e)|"
        r"massacring|massacred|beheading|beheaded|shot dead|gunned down"
    )
    rx["left"] = re.compile(
        r"(?P<verb>\b(?:" + dispatch_alt(_split_top(left_verbs)) + "))"
        r"(?P<tail>(?:\s+(?:at least|more than|some|about|around|nearly|almost|over|an estimated|up to|as many as|"
        r"another|a further|an additional|the|a|of|also|all|reportedly))*)\s*$",
        re.I,
    )
    rx["subset_left"] = re.compile(
        r"(?:\binclud(?:ing|ed|es|e)|\bamong (?:them|whom|those|the (?:dead|victims|killed|"
        r"fatalities|casualties))(?: (?:were|are))?|"
        r"\bof (?:whom|them)|\bmostly|\bmainly|\bmost of them|\bsuch as|\bwhom|\bincluding at least|"
        r"\bamong the dead were)"
        r"(?:\s+(?:at least|more than|some|about|around|nearly|over|an estimated|another|the|a))*\s*$",
        re.I,
    )
    rx["subset_right"] = re.compile(r"^\s+of (?:them|the (?:dead|victims|killed))\b", re.I)
    rx["trap_status"] = re.compile(rf"\b(?:{w('traps.status')})(?!\w)", re.I)
    rx["trap_cumulative"] = re.compile(rf"\b(?:{w('traps.cumulative')})\b", re.I)
    rx["trap_hypo"] = re.compile(rf"\b(?:{w('traps.hypothetical')})", re.I)
    # --- cues
    for k in (
        "statement",
        "not_incident",
        "generic",
        "new_incident",
        "speaker",
        "unknown_perpetrator",
        "plight",
        "bulletin",
    ):
        rx[k] = re.compile(rf"\b(?:{w(k)})\b", re.I)
    # clause breaks are separators, not words: no \b around them
    rx["clause_break"] = re.compile("|".join(p.lexicon.get("clause_break", [])) or r"(?!x)x", re.I)
    cn = sorted(p.country_names, key=len, reverse=True)
    rx["country_name"] = re.compile(
        r"(?<![\w\-])(?:" + "|".join(_alias_rx(c) for c in cn) + r")(?![\w\-])" if cn else r"(?!x)x", re.I
    )
    rx["anchor"] = re.compile(rf"\b(?:{w('anchor')})\b", re.I)
    p.gates["anchor"] = required_words(p.lexicon.get("anchor", []))
    # "(SDF) have managed to advance": an acronym in brackets is one of the words skipped
    rx["agent_after"] = re.compile(rf"^[\s,'’]*(?:(?:\(?\w+\)?[\s,]+){{0,4}}?)(?:{w('agent_after')})\b", re.I)
    rx["speaker_after"] = re.compile(
        rf"^[\s,'’]*(?:(?:s|has|have|had|also|then|later|on \w+|\w+ly)\s+){{0,2}}"
        rf"(?:{w('speaker')})\b",
        re.I,
    )
    rx["agent_before"] = re.compile(rf"\b(?:{w('agent_before')})\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+)?$", re.I)
    rx["target_before"] = re.compile(rf"\b(?:{w('target_before')})\s+(?:the\s+|a\s+)?$", re.I)
    # "Daesh said that it killed 50", "ISIS said one of its fighters blew himself up": the speaker claims the act
    rx["self_claim"] = re.compile(
        rf"[\s,]*(?:{w('self_claim')})\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?(?:{w('agent_after')})\b"
        if p.lexicon.get("self_claim")
        else r"(?!x)x",
        re.I,
    )
    # "backed by X", "foiled an X attack", "no X strikes": X is named but is not the doer of the act
    rx["not_agent_before"] = re.compile(
        rf"\b(?:{w('not_agent_before')})\s+(?:the\s+|a\s+|an\s+)?$" if p.lexicon.get("not_agent_before") else r"(?!x)x",
        re.I,
    )
    rx["target_after"] = re.compile(rf"^(?:{w('target_after')})\b", re.I)
    # --- actors: one alternation, longest alias first
    rx["actor"] = re.compile(r"(?<![\w\-])" + _trie_rx(list(p.aliases)) + r"(?![\w])", re.I)
    attack = [r for r in p.events if r.attack]
    # one \b(...)\b around every trigger (not one per family): the engine tests a word start once
    trig = [t for r in attack for t in r.triggers]
    rx["attack_any"] = re.compile(r"\b(?:" + dispatch_alt(trig) + r")\b" if attack else r"(?!x)x", re.I)
    typed = [t for r in attack if r.event_type for t in r.triggers]
    rx["attack_typed"] = re.compile(r"\b(?:" + dispatch_alt(typed) + r")\b" if typed else r"(?!x)x", re.I)
    cs = sorted(p.cs_aliases, key=len, reverse=True)
    rx["actor_cs"] = re.compile(
        r"(?<![\w\-])(?:" + "|".join(re.escape(a) for a in cs) + r")(?![\w])" if cs else r"(?!x)x"
    )
    bare = sorted(p.bare, key=len, reverse=True)
    rx["actor_bare"] = re.compile(
        r"(?<![\w\-])(?:" + "|".join(_alias_rx(a) for a in bare) + r")(?![\w\-])" if bare else r"(?!x)x", re.I
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ValueError(f"{path}: cannot read pattern file: {e}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a pattern file must hold a mapping at the top level")
    return data


def _build(files: tuple[str, ...]) -> Patterns:
    p = Patterns()
    for f in files:
        path = Path(f)
        _merge_file(p, _read(path), str(path))
        p.sources.append(str(path))
    if not p.precision_by_length:
        p.precision_by_length = [("day", 1), ("week", 8), ("month", 31), ("year", 366)]
    try:
        _compile(p)
    except re.error as e:
        raise ValueError(f"pattern files {files}: a pattern does not compile: {e}") from e
    return p


@functools.lru_cache(maxsize=8)
def _cached(files: tuple[str, ...]) -> Patterns:
    return _build(files)


def load_patterns(extra_files: list[Path] | tuple[Path, ...] = ()) -> Patterns:
    """Shipped data files plus user files that extend/override them; cached per file list."""
    files = tuple(str(DATA_DIR / f) for f in SHIPPED_FILES) + tuple(str(Path(f)) for f in extra_files)
    return _cached(files)
