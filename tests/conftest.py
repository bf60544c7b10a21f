"""Shared fixtures: the test scenario and the shipped content, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import loader

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini"


@pytest.fixture(scope="session")
def mini():
    return loader.load(MINI)


@pytest.fixture(autouse=True)
def _saves_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("CEASEFIRE_SAVES", str(tmp_path / "saves"))
    (tmp_path / "mods").mkdir(exist_ok=True)  # an empty mods folder (one that does not exist is warned about)
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "mods"))  # a developer's installed mods stay out of tests


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
