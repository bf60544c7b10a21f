"""Fixtures for the debrief tests: a class of saves of one world (tests/data/mini, seed 4242)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("classroom_fixtures", Path(__file__).parents[1] / "classroom" / "data" / "make_fixtures.py")
fixtures = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fixtures)


@pytest.fixture(scope="session")
def class_saves(mini, tmp_path_factory) -> list[Path]:
    return fixtures.fixture_saves(mini, tmp_path_factory.mktemp("class"))
