"""Incident dates: find date phrases with our own patterns and resolve them against the publication date."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass

from .numbers import parse_core
from .patterns import Patterns, dispatch_alt

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_FULLMON = "january|february|march|april|may|june|july|august|september|october|november|december"
_WD = "|".join(WEEKDAYS)

_RX_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MON})\.?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I
)
_RX_MDY = re.compile(
    rf"\b(?P<m>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I
)
_RX_NUM = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)?\d\d)(?![\d/.])")
_RX_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_RX_MY = re.compile(
    rf"\b(?:in|during|since|of|late|early|mid-?|end of|beginning of|until)\s+(?:late\s+|early\s+|mid-?)?"
    rf"(?P<m>{_FULLMON})(?:,?\s+(?P<y>(?:19|20)\d\d))?\b",
    re.I,
)
_RX_Y = re.compile(r"\b(?:in|during|of)\s+(?:late\s+|early\s+|mid-?)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-/])", re.I)
_RX_WD = re.compile(
    rf"\b(?:(?P<mod>last|this|past|early|late|on|since)\s+)?(?P<wd>{_WD})(?:'s)?"
    rf"(?:\s+(?P<part>morning|night|evening|afternoon|dawn))?\b",
    re.I,
)
_RX_AGO = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|a couple of)"
    r"\s+(?P<unit>days?|weeks?|months?)\s+(?:ago|earlier|before)\b",
    re.I,
)
_RX_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|added|issued|published|released|"
    r"statement|press release|according to|posted|tweeted|declared|quoted)\b[^.;]{0,25}$",
    re.I,
)
_RX_SPEECH_AFTER = re.compile(r"^[^.;]{0,3}\s*(?:,\s*)?(?:said|told|reported|announced|stated|according)\b", re.I)
_RX_PUBLINE = re.compile(r"(?:published|updated|posted|last modified|released)\s*:?\s*(?:on\s+)?[^.]{0,20}$", re.I)
_RX_PREP = re.compile(
    r"\b(?:on|in|since|until|till|of|from|between|by|and|to|before|after|last|this|early|late|"
    r"mid|dated|during|at|around|that|the)\s*$",
    re.I,
)
_WORDNUM = {"a": 1, "an": 1}
_RX_DIGIT = re.compile(r"\d")
_FULLMONTHS = tuple(_FULLMON.split("|"))


@dataclass(frozen=True, slots=True)
class DateCand:
    """A date phrase resolved to a window [start, end] (inclusive days)."""

    start: dt.date
    end: dt.date
    precision: str
    span_start: int
    span_end: int
    kind: str  # explicit / weekday / relative / calendar / ago / month / year
    speech: bool = False


def precision_for(start: dt.date, end: dt.date, p: Patterns) -> str:
    """date_precision from the window's length (table precision_by_length)."""
    n = (end - start).days + 1
    for name, limit in p.precision_by_length:
        if n <= limit:
            return name
    return p.precision_by_length[-1][0] if p.precision_by_length else "year"


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(m: int, d: int, pub: dt.date) -> int:
    """Year of a day-month without a year: the last such day not after publication."""
    y = pub.year
    cand = _mk(y, m, min(d, 28 if m == 2 else d))
    if cand is not None and cand > pub:
        y -= 1
    return y


def _month_window(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, _cal.monthrange(y, m)[1])


def _regex_for(p: Patterns, key: str, words: list[str]) -> re.Pattern[str]:
    rx = p._rx.get(key)
    if rx is None:
        alts = dispatch_alt([re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)])
        rx = re.compile(rf"\b(?:{alts})\b", re.I) if alts else re.compile(r"(?!x)x")
        p._rx[key] = rx
    return rx


def _calendar(rule: str, pub: dt.date) -> tuple[dt.date, dt.date] | None:
    if rule == "previous_week":
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        return monday, monday + dt.timedelta(days=6)
    if rule in ("this_month", "this_month_until_yesterday"):
        s = pub.replace(day=1)
        e = pub - dt.timedelta(days=1) if rule.endswith("yesterday") else pub
        return (s, e) if e >= s else None
    if rule == "previous_month":
        last = pub.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if rule in ("this_year", "this_year_until_yesterday"):
        s = dt.date(pub.year, 1, 1)
        e = pub - dt.timedelta(days=1) if rule.endswith("yesterday") else pub
        return (s, e) if e >= s else None
    if rule == "previous_year":
        return dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31)
    return None


def resolve_weekday(weekday: int, pub: dt.date, last: bool = False) -> dt.date:
    """The weekday on or before publication ('last Monday' on a Monday: a week before)."""
    back = (pub.weekday() - weekday) % 7
    if back == 0 and last:
        back = 7
    return pub - dt.timedelta(days=back)


def span_days(phrase: str, p: Patterns) -> tuple[int, int] | None:
    """Length in days of 'a few days', 'two weeks', '3 days' (exact numbers give one length)."""
    key = re.sub(r"\s+", " ", phrase.lower().strip())
    if key in p.spans:
        return p.spans[key]
    m = re.match(r"(\S+)\s+(day|week|month|hour)s?$", key)
    if not m:
        return None
    n = _WORDNUM.get(m.group(1)) or parse_core(m.group(1), p)
    if n is None:
        return None
    mult = {"day": 1, "week": 7, "month": 30, "hour": 0}[m.group(2)]
    return n * mult, n * mult


def find_dates(text: str, start: int, end: int, pub: dt.date | None, p: Patterns) -> list[DateCand]:
    """Date phrases in text[start:end], resolved; windows after publication are dropped."""
    out: list[DateCand] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, s: dt.date | None, e: dt.date | None, kind: str) -> None:
        if s is None or e is None or not free(a, b):
            return
        taken.append((a, b))
        if e < s:
            s, e = e, s
        if pub is not None:
            if s > pub:
                return  # an incident after its report is an error
            e = min(e, pub)
        before = text[max(0, a - 60) : a]
        speech = bool(_RX_SPEECH_BEFORE.search(before) or _RX_SPEECH_AFTER.match(text[b : b + 20]))
        out.append(DateCand(s, e, precision_for(s, e, p), a, b, kind, speech))

    seg = text[start:end]
    off = start
    # cheap gates: each pattern below needs a digit, a weekday ("…day"), a month name or "ago/earlier/before"
    # (word gates only for ASCII text: elsewhere case-insensitive matching has more letter equivalents)
    digit = _RX_DIGIT.search(seg) is not None
    low = seg.lower() if seg.isascii() else "day ago " + _FULLMON
    for m in _RX_ISO.finditer(seg) if digit else ():
        d = _mk(int(m["y"]), int(m["m"]), int(m["d"]))
        if _is_dateline(text, off + m.start(), d, pub):
            taken.append((off + m.start(), off + m.end()))
            continue
        add(off + m.start(), off + m.end(), d, d, "explicit")
    for m in _RX_NUM.finditer(seg) if digit else ():
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        y = y + 2000 if y < 100 else y
        opts = [x for x in (_mk(y, b, a), _mk(y, a, b)) if x is not None]  # d/m first, then m/d
        if pub is not None:
            ok = [x for x in opts if x <= pub]
            opts = ok or opts
        d = opts[0] if opts else None
        if _is_dateline(text, off + m.start(), d, pub):
            taken.append((off + m.start(), off + m.end()))
            continue
        add(off + m.start(), off + m.end(), d, d, "explicit")
    for rx in (_RX_DMY, _RX_MDY) if digit else ():
        for m in rx.finditer(seg):
            a0, b0 = off + m.start(), off + m.end()
            if not free(a0, b0):
                continue
            mon = MONTHS[m["m"].lower()]
            day = int(m["d"])
            if m["m"].lower() in ("may", "mar") and not m["m"][0].isupper():
                continue
            if m["y"]:
                yr = int(m["y"])
            elif pub is not None:
                yr = _year_for(mon, day, pub)
            else:
                continue
            d = _mk(yr, mon, day)
            if _is_dateline(text, a0, d, pub):
                taken.append((a0, b0))
                continue
            add(a0, b0, d, d, "explicit")
    for m in _RX_MY.finditer(seg) if any(x in low for x in _FULLMONTHS) else ():
        a0, b0 = off + m.start("m"), off + m.end()
        mon = MONTHS[m["m"].lower()]
        if m["m"].lower() == "may" and not m["m"][0].isupper():
            continue
        if m["y"]:
            yr = int(m["y"])
        elif pub is not None:
            yr = pub.year if mon <= pub.month else pub.year - 1
        else:
            continue
        s, e = _month_window(yr, mon)
        add(a0, b0, s, e, "month")
    for m in _RX_Y.finditer(seg) if digit else ():
        yr = int(m["y"])
        add(off + m.start("y"), off + m.end(), dt.date(yr, 1, 1), dt.date(yr, 12, 31), "year")
    if pub is None:
        return sorted(out, key=lambda c: c.span_start)
    rel = _regex_for(p, "date_relative", list(p.relative))
    for m in rel.finditer(seg):
        lo, hi = p.relative[re.sub(r"\s+", " ", m.group().lower())]
        add(off + m.start(), off + m.end(), pub + dt.timedelta(days=lo), pub + dt.timedelta(days=hi), "relative")
    calx = _regex_for(p, "date_calendar", list(p.calendar))
    for m in calx.finditer(seg):
        w = _calendar(p.calendar[re.sub(r"\s+", " ", m.group().lower())], pub)
        if w:
            add(off + m.start(), off + m.end(), w[0], w[1], "calendar")
    for m in _RX_AGO.finditer(seg) if ("ago" in low or "earlier" in low or "before" in low) else ():
        sp = span_days(f"{m['n']} {m['unit']}", p)
        if sp is None:
            continue
        add(off + m.start(), off + m.end(), pub - dt.timedelta(days=sp[1]), pub - dt.timedelta(days=sp[0]), "ago")
    for m in _RX_WD.finditer(seg) if "day" in low else ():
        mod = (m["mod"] or "").lower()
        if mod == "since":
            continue
        d = resolve_weekday(WEEKDAYS[m["wd"].lower()], pub, last=mod in ("last", "past"))
        a0 = off + (m.start("wd") if mod not in ("last", "past", "this") else m.start())
        add(a0, off + m.end(), d, d, "weekday")
    return sorted(out, key=lambda c: c.span_start)


def _is_dateline(text: str, pos: int, d: dt.date | None, pub: dt.date | None) -> bool:
    """A date that labels the report (dateline, 'Published ...'), not an event."""
    before = text[max(0, pos - 40) : pos]
    if _RX_PUBLINE.search(before):
        return True
    if d is not None and pub is not None and d == pub and not _RX_PREP.search(before):
        return True
    return False


def anchored_window(
    anchor: tuple[dt.date, dt.date], span: tuple[int, int], direction: str, pub: dt.date | None, p: Patterns
) -> tuple[dt.date, dt.date, str] | None:
    """'a few days after X' seen from the later incident: X = anchor - span (or + span for 'before')."""
    a_start, a_end = anchor
    lo, hi = span
    if direction == "after":  # the recalled incident happened BEFORE the anchor
        s, e = a_start - dt.timedelta(days=hi), a_end - dt.timedelta(days=lo)
    else:
        s, e = a_start + dt.timedelta(days=lo), a_end + dt.timedelta(days=hi)
    if pub is not None:
        if s > pub:
            return None
        e = min(e, pub)
    if e < s:
        s, e = e, s
    return s, e, precision_for(s, e, p)
