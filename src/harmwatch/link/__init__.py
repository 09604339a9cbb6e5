"""Linking: claims of one incident across reports become one incident record."""

from harmwatch.link.engine import LinkStats, relink
from harmwatch.link.reconcile import casualty_range, consolidate

__all__ = ["LinkStats", "casualty_range", "consolidate", "relink"]
