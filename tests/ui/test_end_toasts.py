"""The end screen's text keeps above the toasts (the debrief's, the finished save's) while they show."""

from __future__ import annotations

import random

from game.content import loader
from game.engine.session import Session
from game.sim.policies import make_policy, play
from game.ui import saving
from game.ui.app import CeasefireApp
from game.ui.screens.end import EndScreen

from .helpers import settle, sync


@sync
async def test_a_toast_on_the_end_screen_does_not_cover_its_text(mini_path, tmp_path):
    sc = loader.load(mini_path)
    session = Session.new(sc, 2)
    play(session, make_policy("random", sc), random.Random(2))
    assert session.ended
    path = saving.save_named(session, "finished", str(tmp_path))
    app = CeasefireApp(load=str(path), saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # (run_test shows no toasts by default)
        await settle(pilot, 5)
        end = app.screen
        assert isinstance(end, EndScreen)
        box = end.query_one("#end-box")
        full = box.region
        assert full.bottom == 23  # down to the key bar
        await pilot.press("d")  # the debrief is written: a toast of five lines says where
        await pilot.pause(0.6)
        toasts = [t.region for t in end.query("#textual-toastrack Toast") if t.region.height]
        assert toasts and min(t.y for t in toasts) < full.bottom  # it stands where the text's last lines were
        assert box.region.bottom <= min(t.y for t in toasts)  # the text now ends above it
        assert box.region.height >= EndScreen.TEXT_ROWS_KEPT
        assert end.query_one("#end").render_line(0).text.strip().startswith("The game ended on turn")
        app.clear_notifications()
        await pilot.pause(0.6)
        assert box.region == full  # the toasts gone: the text down to the key bar again
