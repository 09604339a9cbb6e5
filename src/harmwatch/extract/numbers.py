"""Numbers as reports write them: digits, words, ranges, vague quantifiers and their qualifiers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .patterns import Patterns

_SPLIT = re.compile(r"[\s\-]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count read from text: low..high (None = open/unknown), and where it was read."""

    low: int | None
    high: int | None
    start: int
    end: int
    vague: bool = False  # a quantifier ("dozens"), not a stated number


def words_to_int(phrase: str, p: Patterns) -> int | None:
    """Value of a spelled number ('twenty-five', 'one hundred and five'); None if it is not one."""
    total, current, seen = 0, 0, False
    for tok in _SPLIT.split(phrase.lower().strip()):
        if not tok or tok == "and":
            continue
        if tok in p.units:
            current += p.units[tok]
        elif tok in p.tens:
            current += p.tens[tok]
        elif tok in p.scales:
            scale = p.scales[tok]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
        else:
            return None
        seen = True
    return total + current if seen else None


def int_to_words(n: int) -> str:
    """English words for 0..999999 (used by tests to check round-trips)."""
    units = (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen"
    ).split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

    def below_1000(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(f"{units[k // 100]} hundred")
            k %= 100
            if k:
                parts.append("and")
        if k >= 20:
            parts.append(tens[k // 10] + (f"-{units[k % 10]}" if k % 10 else ""))
        elif k or not parts:
            parts.append(units[k])
        return " ".join(parts)

    if n >= 1000:
        rest = n % 1000
        return f"{below_1000(n // 1000)} thousand" + (f" {below_1000(rest)}" if rest else "")
    return below_1000(n)


def parse_core(s: str, p: Patterns) -> int | None:
    """Value of one number token: digits (with thousands commas) or words."""
    s = s.strip()
    if not s:
        return None
    if s[0].isdigit():
        try:
            v = float(s.replace(",", ""))
        except ValueError:
            return None
        return int(v) if v.is_integer() else None
    return words_to_int(s, p)


def find_quantities(text: str, p: Patterns, start: int = 0, end: int | None = None) -> Iterator[Quantity]:
    """Every count in text[start:end], with its qualifier applied ('at least 50' -> 50..None)."""
    rx = p.rx("number")
    for m in rx.finditer(text, start, len(text) if end is None else end):
        q = quantity_from_match(m, p)
        if q is not None:
            yield q


def quantity_from_match(m: re.Match[str], p: Patterns) -> Quantity | None:
    """Turn one match of the number regex into a Quantity."""
    vague = False
    low: int | None
    high: int | None
    if m.group("a1") or m.group("a2") or m.group("a3"):
        a = parse_core(m.group("a1") or m.group("a2") or m.group("a3"), p)
        b = parse_core(m.group("b1") or m.group("b2") or m.group("b3"), p)
        if a is None or b is None:
            return None
        if a > b:  # "12-5" is not a range of people (scores, dates): ignore
            return None
        low, high = a, b
    elif m.group("quant"):
        key = re.sub(r"[\s\-]+", " ", m.group("quant").lower())
        if key not in p.quantifiers:
            return None
        low, high = p.quantifiers[key]
        vague = True
    else:
        v = parse_core(m.group("single"), p)
        if v is None:
            return None
        low, high = v, v
    qual = m.group("qual")
    if qual:
        kind = p.qualifiers.get(re.sub(r"[\s\-]+", " ", qual.lower()))
        if kind == "low_only":
            high = None
        elif kind == "high_only":
            low, high = None, high
    return Quantity(low=low, high=high, start=m.start(), end=m.end(), vague=vague)
