"""Clustering quality against known incidents: pairwise precision/recall and B-cubed."""

from __future__ import annotations

from collections import Counter, defaultdict


def _pairs_same(assign: dict[str, str]) -> int:
    return sum(c * (c - 1) // 2 for c in Counter(assign.values()).values())


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Precision/recall/F1 over claim pairs put in one incident (pred) versus truly one (gold)."""
    both: Counter[tuple[str, str]] = Counter((pred[k], gold[k]) for k in gold)
    tp = sum(c * (c - 1) // 2 for c in both.values())
    p_all, g_all = _pairs_same({k: pred[k] for k in gold}), _pairs_same(gold)
    prec = tp / p_all if p_all else 1.0
    rec = tp / g_all if g_all else 1.0
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "true_pairs": g_all, "predicted_pairs": p_all}


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed: per claim, the share of its predicted cluster that is right and of its true cluster found."""
    pc: dict[str, list[str]] = defaultdict(list)
    gc: dict[str, list[str]] = defaultdict(list)
    for k in gold:
        pc[pred[k]].append(k)
        gc[gold[k]].append(k)
    both = Counter((pred[k], gold[k]) for k in gold)
    prec = sum(both[(pred[k], gold[k])] / len(pc[pred[k]]) for k in gold) / len(gold)
    rec = sum(both[(pred[k], gold[k])] / len(gc[gold[k]]) for k in gold) / len(gold)
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}
