"""Plain-text handling: strict decoding, junk detection, boilerplate lines and the dateline."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources

import yaml

from harmwatch.ingest.errors import InputError

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATELINE_PATTERNS = [
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + _MON + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
]


def decode_text(raw: bytes, origin: str) -> str:
    """UTF-8 (a BOM allowed) or UTF-16 with a BOM; anything else is refused, never guessed."""
    if not raw.strip():
        raise InputError(origin, "empty: no text in it")
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(origin, "binary data (NUL bytes), not text")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(origin, f"not valid UTF-16: {exc.reason} at byte {exc.start}") from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(origin, f"not valid UTF-8 (byte {exc.start}: {exc.reason}); "
                                     "convert it to UTF-8 first") from None
    check_not_binary(text, origin)
    return text


def check_not_binary(text: str, origin: str) -> None:
    """Text with NULs or mostly control characters is binary junk, not a report."""
    if "\x00" in text:
        raise InputError(origin, "binary data (NUL bytes), not text")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(sample) // 50):
        raise InputError(origin, "binary data (control characters), not text")
    if not any(ch.isalpha() for ch in sample):
        raise InputError(origin, "no words in it")


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    data = yaml.safe_load(resources.files("harmwatch.data").joinpath("boilerplate.yaml").read_text("utf-8"))
    return tuple(re.compile(p, re.I) for p in data["line_patterns"])


def strip_boilerplate(text: str) -> tuple[str, list[str]]:
    """Drop navigation and footer lines at the edges of a page copy; return the text and what went."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    removed: list[str] = []
    patterns = _boilerplate()

    def is_boiler(line: str) -> bool:
        s = line.strip()
        return bool(s) and len(s) < 300 and any(p.search(s) for p in patterns)

    while lines and (not lines[-1].strip() or is_boiler(lines[-1])):
        line = lines.pop()
        if line.strip():
            removed.insert(0, line.strip())
    while lines and (not lines[0].strip() or is_boiler(lines[0])):
        line = lines.pop(0)
        if line.strip():
            removed.append(line.strip())
    return "\n".join(lines).strip(), removed


def find_dateline(*texts: str, head: int = 400) -> dt.date | None:
    """The publication date a page states near its top (or in a removed footer line)."""
    for text in texts:
        window = text[:head]
        best: tuple[int, dt.date] | None = None
        for rx in _DATELINE_PATTERNS:
            for m in rx.finditer(window):
                try:
                    month = int(m.group("month")) if "month" in rx.groupindex else _MONTHS[m.group("mon").lower()
                                                                                          .rstrip(".")]
                    day = dt.date(int(m.group("year")), month, int(m.group("day")))
                except (ValueError, KeyError):
                    continue
                if best is None or m.start() < best[0]:
                    best = (m.start(), day)
        if best:
            return best[1]
    return None
