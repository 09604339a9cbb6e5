"""Near-duplicate report texts (MinHash over word shingles): two copies of one wire story are one source."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 64


def shingles(text: str, k: int = 4) -> set[str]:
    """Word k-grams of the text, lower-cased; a short text is its own single shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> MinHash:
    """The MinHash of a text's shingles."""
    m = MinHash(num_perm=NUM_PERM, seed=1)
    for s in shingles(text):
        m.update(s.encode("utf-8"))
    return m


def copy_groups(texts: dict[str, str], threshold: float = 0.7) -> dict[str, str]:
    """Report id → the id of the first report it is a near-copy of (itself when it is the first)."""
    ids = sorted(texts)
    if len(ids) < 2:
        return {i: i for i in ids}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs = {i: signature(texts[i]) for i in ids}
    out: dict[str, str] = {}
    for i in ids:
        near = [j for j in lsh.query(sigs[i]) if sigs[i].jaccard(sigs[j]) >= threshold]
        out[i] = out[min(near)] if near else i
        lsh.insert(i, sigs[i])
    return out
