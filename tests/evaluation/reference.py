"""Where the reference scorer and the dev sets live (shared/ beside the repo), for tests only."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

# shared/ sits beside the repository (/work/shared next to /work/main); read by tests, never at run time.
REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = (REPO_ROOT / ".." / "shared").resolve()
EVAL_DIR = SHARED / "eval"


def shared_file(name: str) -> Path:
    """A file of shared/eval, or skip the test saying what is missing."""
    path = EVAL_DIR / name
    if not path.is_file():
        pytest.skip(f"reference file {path} not found: shared/ must sit beside the repo to check agreement")
    return path


def load_reference() -> ModuleType:
    """shared/eval/score.py imported as a module (once), or skip when it is not there."""
    path = shared_file("score.py")
    name = "harmwatch_reference_score"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod
