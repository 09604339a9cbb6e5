"""Linking: claims of one incident across reports become one incident record."""

from harmwatch.link.engine import LinkOptions, LinkStats, relink
from harmwatch.link.reconcile import casualty_range, consolidate

__all__ = ["LinkOptions", "LinkStats", "casualty_range", "consolidate", "relink"]
