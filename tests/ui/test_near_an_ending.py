"""A number near a level that ends the game is marked '!' in the national picture, and the turn report says
what the level does (the levels: tests/engine/test_dangers.py). A student saw 'Coalition cohesion 13' with no
word that the government could fall."""

from __future__ import annotations

from game.engine.session import Session
from game.ui.app import CeasefireApp
from game.ui.screens.report import render_report
from game.ui.widgets import render_metrics

from .helpers import answer_cards, settle, sync


def test_the_national_picture_marks_them_and_the_turn_report_says_why(basra_short):
    sc = basra_short
    s = Session.new(sc, 4)
    while s.card is not None:
        s.choose(s.open_options(s.card)[0].id)
    s.end_turn([])
    assert not s.ended
    rows = {line.split("  ")[0]: line for line in render_metrics(s, 40).plain.splitlines()}
    assert "!" not in "".join(rows.values())
    assert "Close to an ending" not in render_report(s, s.st.reports[-1]).plain
    s.st.values[sc.index["iran_influence"]] = 75
    rows = {line.split("  ")[0]: line for line in render_metrics(s, 40).plain.splitlines()}
    assert rows["Iranian influence"].split()[2] == "75!"
    assert "!" not in rows["Coalition cohesion"]
    said = render_report(s, s.st.reports[-1]).plain
    assert ("Close to an ending\n  ! Iranian influence 75: at 80 or above, the game ends in \"A client of Tehran\""
            in said), said


@sync
async def test_the_main_screen_shows_the_mark():
    app = CeasefireApp(scenario="basra_short", seed=11, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        game = await answer_cards(pilot)
        await settle(pilot)
        panel = game.query_one("#metrics")
        drawn = lambda: " ".join(panel.render_line(y).text for y in range(panel.size.height))  # noqa: E731
        assert "!" not in drawn()
        app.session.st.values[app.session.sc.index["iran_influence"]] = 75
        game.refresh_all()
        await settle(pilot)
        assert "Iranian influence    75!" in drawn(), drawn()
