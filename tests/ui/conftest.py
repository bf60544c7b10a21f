"""Helpers for the interface tests: an app on the test scenario, and a keys-only game."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini")


@pytest.fixture
def mini_path():
    return MINI


@pytest.fixture
def short_dir():
    """A folder with a short path, for tests that read a folder's name on screen: pytest's own tmp_path is
    longer under pytest-xdist (one more level per worker) and would not fit a toast's two lines at 80 columns."""
    path = Path(tempfile.mkdtemp(prefix="cf-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
