"""Fixtures for the evaluation tests."""

from __future__ import annotations

from types import ModuleType

import pytest

from .reference import load_reference


@pytest.fixture(scope="session")
def ref() -> ModuleType:
    """The reference scorer as a module, for differential tests of single functions."""
    return load_reference()
