"""Helpers for the interface tests: an app on the test scenario, and a keys-only game."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini")


@pytest.fixture
def mini_path():
    return MINI
