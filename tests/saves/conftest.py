"""Fixtures for the save tests."""

from __future__ import annotations

import random

import pytest

from game.engine.session import Session
from savehelp import play_turns


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "saves"


@pytest.fixture
def midgame(mini):
    """A mini game three turns in."""
    return play_turns(Session.new(mini, seed=11), random.Random(5), 3)
