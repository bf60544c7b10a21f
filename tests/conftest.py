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
