"""Shared fixtures: the test scenario and the shipped content, loaded once; classes of saved games for
the debrief and classroom tests."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from game.content import loader

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini"

# Tests that run `python -m game` in a subprocess run this checkout's game, as the tests themselves do, not
# the one the environment installed (a second worktree sharing a virtual environment tested the first's).
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)


@pytest.fixture(scope="session")
def mini():
    return loader.load(MINI)


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CLASS_DATA = ROOT / "tests" / "classroom" / "data"
fixtures = _module("classroom_fixtures", _CLASS_DATA / "make_fixtures.py")
basra_games = _module("basra_class", _CLASS_DATA / "basra_class.py")


@pytest.fixture(scope="session")
def class_saves(mini, tmp_path_factory) -> list[Path]:
    """A class of saves of one world (tests/data/mini, seed 4242)."""
    return fixtures.fixture_saves(mini, tmp_path_factory.mktemp("class"))


@pytest.fixture(scope="session")
def campaign():
    """The shipped campaign, loaded once."""
    return loader.load("basra_2008")


@pytest.fixture(scope="session")
def campaign_games(campaign):
    """Six finished campaign games of the random player (seeds 3 to 8), played once for the tests that read them."""
    import random

    from game.engine.session import Session
    from game.sim.policies import make_policy, play

    out = []
    for seed in (3, 4, 5, 6, 7, 8):
        s = Session.new(campaign, seed=seed)
        play(s, make_policy("random", campaign), random.Random(seed))
        out.append(s)
    return out


@pytest.fixture(scope="session")
def basra_short():
    return loader.load("basra_short")


@pytest.fixture(scope="session")
def basra_class(basra_short, tmp_path_factory) -> Path:
    """A saves folder of seven basra_short games played by the engine (autosaves, a named save, one unfinished)."""
    folder = tmp_path_factory.mktemp("basra_class")
    basra_games.play_class(basra_short, folder)
    return folder


@pytest.fixture(autouse=True)
def _saves_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("CEASEFIRE_SAVES", str(tmp_path / "saves"))
    (tmp_path / "mods").mkdir(exist_ok=True)  # an empty mods folder (one that does not exist is warned about)
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "mods"))  # a developer's installed mods stay out of tests
    # set by `ceasefire serve` for the games it starts (a test that runs serve in-process sets it here too):
    # every test starts as a game in a terminal, and what a test set is gone after it
    monkeypatch.delenv("CEASEFIRE_DEBRIEFS_URL", raising=False)


class ScenarioSymbols:
    """A loaded scenario's names as the expression compiler sees them (for compiler tests)."""

    def __init__(self, sc):
        self.sc = sc

    def slot(self, name):
        return self.sc.index.get(name)

    def names(self):
        return self.sc.index

    def check_ref(self, kind, value):
        pool = {"event": self.sc.events, "action": self.sc.actions}.get(kind)
        if pool is not None and value not in pool:
            return f"unknown {kind} '{value}'"
        if kind == "flag" and len(value) > 100:
            return "flag name too long"
        return None
