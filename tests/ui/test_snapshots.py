"""Snapshots of each screen at 80x24 and 120x40, on the test scenario with a fixed seed.

Update them with `python -m pytest tests/ui --snapshot-update` after checking the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen

from .helpers import answer_card, end_turn, past_briefing, play_to_end, settle

MINI = str(Path(__file__).resolve().parents[1] / "data" / "mini")
SIZES = [(80, 24), (120, 40)]


def app(direct: bool = True) -> CeasefireApp:
    return CeasefireApp(scenario=MINI, seed=1, direct=direct)


async def title_ready(pilot):
    await settle(pilot)
    await pilot.pause(0.3)  # the title reads the saves folder just after its first frame
    await settle(pilot)


async def to_card(pilot):
    await title_ready(pilot)
    await past_briefing(pilot)


async def to_orders(pilot):
    await settle(pilot)
    await past_briefing(pilot)
    while isinstance(pilot.app.screen, EventCardScreen):
        await answer_card(pilot)
    await settle(pilot)


async def to_report(pilot):
    await to_orders(pilot)
    await pilot.press("space", "e")
    await settle(pilot)


async def to_end(pilot):
    await settle(pilot)
    end = await play_to_end(pilot)
    pilot.app.last_save = "saves/autosave-mini-1.json"  # the real path is a temporary folder
    end.on_mount()
    await settle(pilot)


async def to_history(pilot):
    await to_report(pilot)
    await pilot.press("enter")
    await to_orders(pilot)
    await end_turn(pilot)
    await pilot.press("h")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title(snap_compare, size):
    assert snap_compare(app(direct=False), terminal_size=size, run_before=title_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_game(snap_compare, size):
    assert snap_compare(app(direct=False), terminal_size=size, press=["n"], run_before=title_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_briefing(snap_compare, size):
    assert snap_compare(app(), terminal_size=size, run_before=title_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_event_card(snap_compare, size):
    assert snap_compare(app(), terminal_size=size, run_before=to_card)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_orders(snap_compare, size):
    async def before(pilot):
        await to_orders(pilot)
        await pilot.press("space")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_actors(snap_compare, size):
    async def before(pilot):
        await to_orders(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_report(snap_compare, size):
    assert snap_compare(app(), terminal_size=size, run_before=to_report)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history(snap_compare, size):
    assert snap_compare(app(), terminal_size=size, run_before=to_history)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_codex(snap_compare, size):
    assert snap_compare(app(direct=False), terminal_size=size, press=["c", "down"], run_before=title_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, size):
    assert snap_compare(app(direct=False), terminal_size=size, press=["question_mark"], run_before=title_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end(snap_compare, size):
    assert snap_compare(app(), terminal_size=size, run_before=to_end)
