"""Fixtures for the classroom tests: a class of saves of one world (tests/data/mini, seed 4242)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("classroom_fixtures", Path(__file__).parent / "data" / "make_fixtures.py")
fixtures = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fixtures)
_BASRA = importlib.util.spec_from_file_location("basra_class", Path(__file__).parent / "data" / "basra_class.py")
basra_games = importlib.util.module_from_spec(_BASRA)
_BASRA.loader.exec_module(basra_games)


@pytest.fixture(scope="session")
def class_saves(mini, tmp_path_factory) -> list[Path]:
    return fixtures.fixture_saves(mini, tmp_path_factory.mktemp("class"))


@pytest.fixture(scope="session")
def basra_short():
    from game.content import loader

    return loader.load("basra_short")


@pytest.fixture(scope="session")
def basra_class(basra_short, tmp_path_factory) -> Path:
    """A saves folder of seven basra_short games played by the engine (autosaves, a named save, one unfinished)."""
    folder = tmp_path_factory.mktemp("basra_class")
    basra_games.play_class(basra_short, folder)
    return folder
