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


@pytest.fixture(autouse=True)
def cards_answer_at_once(monkeypatch):
    """A card's answering keys wait EventCardScreen.ANSWER_DELAY after it is drawn (type-ahead safety); the
    interface tests press them as soon as it is drawn, with no delay. Returns the game's own delay, for a test
    of it to set it back."""
    from game.ui.screens.card import EventCardScreen

    shipped = EventCardScreen.ANSWER_DELAY
    monkeypatch.setattr(EventCardScreen, "ANSWER_DELAY", 0.0)
    return shipped
