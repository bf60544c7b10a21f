"""Changes that cancel out: the report names the numbers that moved and ended the turn where they began, and
a preview's sum of +3 and −3 on one number says 'no net change'."""

from __future__ import annotations

import io
import random

from rich.console import Console

from game.content import loader
from game.engine.report import Preview, PreviewItem
from game.engine.session import Session
from game.sim.policies import make_policy, play
from game.ui import saving
from game.ui.app import CeasefireApp
from game.ui.screens.game import GameScreen
from game.ui.screens.report import ReportScreen
from game.ui.widgets import preview_text

from .helpers import settle, sync


@sync
async def test_the_report_names_the_numbers_that_moved_and_came_back(mini_path, tmp_path):
    """Turn 4 of a random game of the test scenario (seed 2): the raids cut violence in the South and the
    capital by 10, and the militia's broken ceasefire put it back. The ledger shows both changes of each; the
    net changes left them out without a word, as if a line were missing."""
    sc = loader.load(mini_path)
    session = Session.new(sc, 2)
    play(session, make_policy("random", sc), random.Random(2), until=lambda s: s.turn == 5)
    report = session.st.reports[-1]
    assert report.turn == 4
    south = [(c.before, c.after) for c in report.changes if c.target == "region.south.violence"]
    assert len(south) == 2 and south[0][0] == south[-1][1]  # down, then back up
    path = saving.save_named(session, "washes", str(tmp_path))
    app = CeasefireApp(load=str(path), saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        lines = [line.strip() for line in app.screen.query_one("#report").lines]
        start = lines.index("Net change this turn, card choices included (national numbers first)")
        end = lines.index("What the others did")
        net = lines[start + 1:end]
        assert "No net change: South violence, Capital violence" in net, net
        assert not any("±0" in line or "+0" in line for line in net)


def shown(session, items) -> str:
    """A preview of these items as it reads at 80 columns."""
    console = Console(width=76, record=True, color_system=None, file=io.StringIO())
    console.print(preview_text(session, Preview(items=items)))
    return " ".join(console.export_text().split())


def test_a_preview_of_changes_that_cancel_out_says_no_net_change(mini):
    """+3 and −3 to public confidence from two of an option's effects: one line, 'no net change' (it read 'no
    change now', or with confidence at its top 'already at its maximum', as if the option did nothing to it)."""
    session = Session.new(mini, 1)
    confidence = mini.index["confidence"]
    items = [PreviewItem("Public confidence", "confidence", 3.0, 1.0, "the card", ""),
             PreviewItem("Public confidence", "confidence", -3.0, 1.0, "a reaction", "")]
    for value in (50.0, mini.slots[confidence].hi):
        session.st.values[confidence] = value
        text = shown(session, items)
        assert text == "• Public confidence no net change", text
    one = [PreviewItem("Public confidence", "confidence", 0.0, 1.0, "the card", "")]  # one change, at its top
    assert shown(session, one) == "• Public confidence already at its maximum"
