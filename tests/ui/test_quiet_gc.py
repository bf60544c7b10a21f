"""The game runs Python's full garbage collection while the player reads, not inside a keypress.

Left to its own counters, the collector's full pass over the game's objects (120-170 ms by the sixth turn,
bench/bench_ui.py) fell inside an end turn in two runs of four, and the report came late. With quiet_gc (as
`ceasefire` runs the app) what lives through the game is frozen once it starts, and a full collection of the
rest runs once each report is on the screen.
"""

from __future__ import annotations

import gc
import time

from game.ui.app import CeasefireApp

from .helpers import answer_cards, end_turn, first_card, settle, sync


def _frozen(obj) -> bool:
    """Whether `obj` is in the collector's permanent generation (gc.freeze): gc.get_objects() leaves those out."""
    return not any(o is obj for o in gc.get_objects())


@sync
async def test_the_game_is_frozen_once_shown_collected_after_each_report_and_thawed_at_exit(mini_path, tmp_path, monkeypatch):
    full = []  # when the app asked for a full collection
    real_collect = gc.collect

    def collect(generation: int = 2) -> int:
        if generation == 2:
            full.append(time.perf_counter())
        return real_collect(generation)

    monkeypatch.setattr(gc, "collect", collect)
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path), quiet_gc=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_card(pilot)
        await settle(pilot)
        assert gc.get_freeze_count() > 0, "nothing was frozen when the game was shown"
        assert _frozen(app.session.sc), "the scenario, which lives through the game, is still walked by each collection"
        await answer_cards(pilot)
        full.clear()
        await end_turn(pilot)
        for _ in range(50):
            if app.report_painted_at is not None and full:
                break
            await pilot.pause()
        assert app.report_painted_at is not None, "no report was painted"
        assert full and full[0] > app.report_painted_at, "no full collection once the report was on the screen"
        assert app.last_save is not None, "the autosave, which also waits for the report, did not run"
    assert gc.get_freeze_count() == 0, "the app left its objects frozen when it closed"


@sync
async def test_an_app_made_without_quiet_gc_leaves_the_collector_alone(mini_path, tmp_path):
    """(A program that runs the app itself, such as the tests, keeps Python's collector as it was.)"""
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await first_card(pilot)
        await settle(pilot)
        assert gc.get_freeze_count() == 0
        assert not _frozen(app.session.sc)
