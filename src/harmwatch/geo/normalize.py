"""Name normalisation: one key per place name across transliterations and scripts."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Latin articles written as a separate token ("al-Bab", "Deir ez-Zor"); dropped from keys.
ARTICLES = frozenset(
    "al el il ul ar er as es ad ed an en az ez at et ash ath ad dh".split()
)

_APOSTROPHES = re.compile(r"['`´‘’ʿʾʻʼ′]")
_AR_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_AR_RANGE = re.compile(r"[\u0600-\u06FF]")
_NON_WORD = re.compile(r"[^a-z\u0621-\u064A]+")

# Latin digraphs first, then single letters, onto one consonant alphabet shared with Arabic.
_LAT_DIGRAPHS = (("sh", "S"), ("ch", "S"), ("kh", "K"), ("th", "t"), ("dh", "d"), ("gh", "G"),
                 ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"), ("v", "f"),
                 ("p", "b"), ("g", "j"), ("e", "a"), ("i", "a"), ("o", "a"), ("u", "a"), ("y", "a"),
                 ("w", "a"))
_AR_SKEL = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "K", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "G", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "h", "ع": "a", "ء": "a",
    "ا": "a", "أ": "a", "إ": "a", "آ": "a", "ؤ": "a", "ئ": "a", "و": "a", "ي": "a", "ى": "a",
})
_VOWELS = re.compile(r"a+")
_GLIDE = re.compile(r"[yw](?=[aeiou])")
_DOUBLE = re.compile(r"(.)\1+")


def is_arabic(s: str) -> bool:
    """True when the string holds Arabic script, which has no short vowels to compare."""
    return bool(_AR_RANGE.search(s))


def ar_norm(s: str, keep_ta: bool = False) -> str:
    """Arabic spelling variants (hamza seats, ta marbuta, alif maqsura, tashkeel) folded to one."""
    s = _AR_DIACRITICS.sub("", s)
    s = re.sub("[إأآٱ]", "ا", s).replace("ى", "ي")
    return s if keep_ta else s.replace("ة", "ه")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower-case words with Latin diacritics and ayn/hamza marks removed, Arabic normalised."""
    s = unicodedata.normalize("NFKC", s)
    s = _APOSTROPHES.sub("", s)
    if is_arabic(s):
        s = ar_norm(s, keep_ta=True)
    out = []
    for ch in s.lower():
        if ch < "\u0080" or "\u0600" <= ch <= "\u06FF":
            out.append(ch)
        else:
            out.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or " ")
    return _NON_WORD.sub(" ", "".join(out)).strip()


_AR_HAMZA_SEATS = str.maketrans({"ئ": "ي", "ؤ": "و"})


@lru_cache(maxsize=65536)
def ar_key(s: str) -> str:
    """An Arabic spelling folded for exact matching: tashkeel and tatweel dropped, hamza seats, ta marbuta
    and alif maqsura folded (إدلب = ادلب, حماة = حماه, السويداء = السويدا), words kept as written (article
    and all) and separated by one space. Arabic text is matched on this form, not on the consonant skeleton:
    Arabic writes every consonant and long vowel, so a skeleton match of an Arabic word is another word."""
    s = ar_norm(unicodedata.normalize("NFKC", s)).translate(_AR_HAMZA_SEATS)
    words = [w[:-1] if w.endswith("ء") and len(w) > 3 else w for w in re.findall(r"[\u0621-\u064A]+", s)]
    return " ".join(words)


def ar_bare(key: str) -> str:
    """An ar_key without spaces and articles (دير الزور = ديرالزور = دير زور -> ديرزور)."""
    return "".join(_strip_ar_article(w) for w in key.split())


def _strip_ar_article(word: str) -> str:
    """Drop the Arabic article (al-), which Latin spellings write, assimilate or omit."""
    if word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word


def tokens(s: str) -> list[str]:
    """Folded name tokens without articles (kept when the name is nothing but an article)."""
    toks = fold(s).split()
    out = [t for t in toks if t not in ARTICLES]
    out = [_strip_ar_article(t) if is_arabic(t) else t for t in out]
    return out or toks


def _skel_token(tok: str, last: bool) -> str:
    """A token's consonant-and-vowel-slot form: shared consonant letters, vowel runs as 'a'."""
    if is_arabic(tok):
        if tok.endswith("ة") and not last:  # construct state: معرة النعمان = Maarat an-Numan
            tok = tok[:-1] + "ت"
        s = tok.translate(_AR_SKEL)
        if s.endswith("h") and len(s) > 2:  # ta marbuta / final ha: 'Hamah' = 'Hama' = حماة
            s = s[:-1]
    else:
        s = tok
        if s.endswith("h") and len(s) > 2 and s[-2] in "aeiouy":
            s = s[:-1]
        s = _GLIDE.sub(lambda m: m.group().upper(), s)  # y/w before a vowel is a consonant: Darayya
        for a, b in _LAT_DIGRAPHS:
            s = s.replace(a, b)
    s = _DOUBLE.sub(r"\1", s)
    return _VOWELS.sub("a", s)


@lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """The consonant skeleton of a name, equal across spellings and scripts ('Deir Ezzor' = دير الزور)."""
    toks = tokens(s)
    skel = "".join(_skel_token(t, i == len(toks) - 1) for i, t in enumerate(toks))
    return _DOUBLE.sub(r"\1", skel.replace("a", "").replace("Y", "").replace("W", ""))


@lru_cache(maxsize=65536)
def vowel_key(s: str) -> str:
    """Skeleton with vowel slots kept, to tell apart Latin names that share consonants."""
    toks = tokens(s)
    return _DOUBLE.sub(r"\1", "".join(_skel_token(t, i == len(toks) - 1) for i, t in enumerate(toks)))


@lru_cache(maxsize=65536)
def skel_piece(token: str) -> str:
    """One Latin-script word's share of a name key's skeleton (articles contribute nothing).

    ``key_of([skel_piece(w) for w in words])`` equals ``name_key(" ".join(words))`` for Latin words
    that are not all articles, so a run of words can be keyed word by word, cached per word.
    """
    return "".join(_skel_token(w, False) for w in fold(token).split() if w not in ARTICLES)


@lru_cache(maxsize=65536)
def key_piece(piece: str) -> str:
    """A skeleton piece's share of a name key: vowel slots and glides dropped, doubles collapsed."""
    return _DOUBLE.sub(r"\1", piece.replace("a", "").replace("Y", "").replace("W", ""))


def extend_key(key: str, kp: str) -> str:
    """The name key of a run grown by one word (its key_piece): ``key_of`` computed incrementally."""
    if key and kp and key[-1] == kp[0]:
        return key + kp[1:]
    return key + kp


def key_of(pieces: list[str]) -> str:
    """The name key of a run of words from their skeleton pieces."""
    return _DOUBLE.sub(r"\1", "".join(pieces).replace("a", "").replace("Y", "").replace("W", ""))


def prefixes(keys: list[str]) -> set[str]:
    """Every prefix of every key: a span whose key is not among them can never match, nor grow into one."""
    out = {""}
    for k in keys:
        out.update(k[:n] for n in range(1, len(k) + 1))
    return out
