"""Extraction stage: report text -> claims (dates, casualties, actors, event types, incident segments)."""

from .core import EXTRACTOR_VERSION, extract_claims
from .patterns import Patterns, load_patterns

__all__ = ["EXTRACTOR_VERSION", "Patterns", "extract_claims", "load_patterns"]
