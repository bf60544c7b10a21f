"""Numbers as they are shown, and screens that say they scroll: rough edges found playing basra_short and
basra_2008 by keyboard at 80x24 and 120x40."""

from __future__ import annotations

import random
import re

from game.content import loader
from game.engine.session import Session
from game.numbers import is_zero, whole_step
from game.sim.policies import make_policy, play
from game.ui import saving
from game.ui.app import CeasefireApp
from game.ui.screens.game import GameScreen
from game.ui.screens.report import ReportScreen
from game.ui.widgets import visible_metrics

from .helpers import open_by_key, settle, sync
from .test_teacher_review import lines_of


# ---------------------------------------------------------------- one rule for '±0'

def _net_lines(report_screen) -> list[str]:
    lines = [line.strip() for line in report_screen.query_one("#report").lines]
    start = next(i for i, line in enumerate(lines) if line.startswith("Net change this turn"))
    end = lines.index("What the others did")
    return lines[start + 1:end]


@sync
async def test_the_panel_and_the_report_agree_on_a_number_that_drifted_less_than_a_point(tmp_path):
    """basra_short, seed 1, a random game to turn 4: US commitment drifted from 68.6 to 68.7 in turn 3 (written
    69 both times), by one change the report's ledger does not show. The national picture read 'US commitment
    69 ±0' (it counted the raw change), while the report's net changes named it nowhere: '±0' in one place,
    nothing in the other, for the same number. One rule now (widgets.net_change_shown, as written): no change
    beside it, and '±0' only for a number the report names under 'No net change'."""
    sc = loader.load(loader.resolve_scenario("basra_short"))
    session = Session.new(sc, 1)
    play(session, make_policy("random", sc), random.Random(1), until=lambda s: s.turn == 4)
    st = session.st
    i = sc.index["us_commitment"]
    before, after = st.history[-2][i], st.history[-1][i]
    assert abs(after - before) > 1e-9 and is_zero(whole_step(before, after)), (before, after)  # drifted, unseen
    assert not any(c.target == "us_commitment" for c in st.current.changes)  # this turn left it alone
    path = saving.save_named(session, "drift", str(tmp_path))
    app = CeasefireApp(load=str(path), saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 5)
        assert isinstance(app.screen, GameScreen)
        rows = {line.split("  ")[0].strip("│ "): line for line in lines_of(app.screen.query_one("#metrics"))}
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        net = " ".join(_net_lines(app.screen))
        washed = net.split("No net change:", 1)[1] if "No net change:" in net else ""
        assert "US commitment" not in net, net
        assert "±0" not in rows["US commitment"], rows["US commitment"]
        # and every metric this turn's cards left alone: '±0' beside it exactly when the report says 'no net change'
        touched = {c.target for c in st.current.changes}
        checked = 0
        for m in visible_metrics(sc):
            if m.id in touched:
                continue
            checked += 1
            assert ("±0" in rows[m.label]) == (m.label in washed), (rows[m.label], net)
        assert checked >= 2


# ---------------------------------------------------------------- one form for a score

@sync
async def test_the_load_screen_writes_every_finished_games_score_to_a_tenth(tmp_path, capsys):
    """Two finished games of basra_short (simulate seeds 4 and 5) listed on the load screen at 80x24 read
    'The survivor (score 58)' over 'The survivor (score 57.9)': one column, two forms. A score is now always
    written to a tenth, as the engine keeps it: '58.0' beside '57.9', on the end screen and in the saves."""
    from game.cli import main
    from game.ui.screens.dialogs import LoadScreen
    from game.ui.screens.title import TitleScreen

    for seed in (4, 5):
        assert main(["simulate", "--scenario", "basra_short", "--games", "1", "--seed", str(seed),
                     "--save", str(tmp_path / f"seed{seed}.json")]) == 0
    capsys.readouterr()
    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        load = await open_by_key(pilot, "l", LoadScreen)
        text = " ".join(" ".join(lines_of(load.query_one("#saves"))).split())
    scores = re.findall(r"\(score ([^)]*)\)", text)
    assert len(scores) == 2, text
    assert "58.0" in scores, scores  # seed 4's score: a whole number, written with its tenth
    assert all(re.fullmatch(r"−?\d+\.\d", s) for s in scores), scores


def test_a_score_is_written_to_a_tenth_whatever_its_value():
    from game.numbers import score

    assert [score(x) for x in (58, 57.9, 0, -2.45, 83.94999)] == ["58.0", "57.9", "0.0", "−2.5", "83.9"]


def test_the_load_screens_summary_rounds_a_half_as_the_national_picture_does():
    """Content moves numbers by halves. A save's summary line wrote 'Coalition cohesion 44' for 44.5 (Python's
    half to even) where the national picture of the same game shows 45 (half away from zero, the game's rule)."""
    from game.saves.savefile import summary_line
    from game.ui.widgets import render_metrics

    sc = loader.load(loader.resolve_scenario("basra_short"))
    session = Session.new(sc, 1)
    session.st.values[sc.index["cohesion"]] = 44.5
    label = sc.metrics["cohesion"].label
    assert f"{label} 45" in summary_line(session), summary_line(session)
    panel = next(line for line in render_metrics(session, 36).plain.split("\n") if line.startswith(label))
    assert panel.split()[len(label.split())] == "45", panel


# ---------------------------------------------------------------- the long screens say they scroll

@sync
async def test_the_report_and_the_history_say_they_scroll_while_there_is_more_to_read(tmp_path):
    """At 80x24 the turn report's bar read '⏎ Continue h History ...' and the history's 'esc Back ...': nothing
    said that two thirds of the report, or the history's violence charts, were below the window (the codex's
    bar says 'PgUp/PgDn Scroll'). Both say it now, PgDn pages them, and at 120x40 the history, which then
    fits, does not offer a key that would do nothing."""
    from game.ui.screens.history import HistoryScreen
    from game.ui.widgets import KeyBar

    sc = loader.load(loader.resolve_scenario("basra_short"))
    session = Session.new(sc, 2)
    play(session, make_policy("random", sc), random.Random(2), until=lambda s: s.turn == 3)
    path = saving.save_named(session, "scrolls", str(tmp_path))
    for size in ((80, 24), (120, 40)):
        app = CeasefireApp(load=str(path), saves_dir=str(tmp_path))
        async with app.run_test(size=size) as pilot:
            await settle(pilot, 5)
            assert isinstance(app.screen, GameScreen)
            for key, screen_type, box in (("r", ReportScreen, "#report"), ("h", HistoryScreen, "#history-box")):
                await pilot.press(key)
                await settle(pilot, 5)
                assert isinstance(app.screen, screen_type)
                view = app.screen.query_one(box)
                bar = app.screen.query_one(KeyBar).render().plain
                if view.max_scroll_y > 0:
                    assert "PgUp/PgDn Scroll" in bar, (size, bar)
                    await pilot.press("pagedown")
                    await settle(pilot)
                    assert view.scroll_y > 0, (size, key)
                else:
                    assert "Scroll" not in bar, (size, bar)
                if size == (80, 24):  # both are longer than the window there
                    assert view.max_scroll_y > 0, key
                if size == (120, 40) and key == "h":  # and the history fits at 120x40
                    assert view.max_scroll_y == 0
                await pilot.press("escape")
                await settle(pilot)
                assert isinstance(app.screen, GameScreen)


@sync
async def test_the_help_says_it_scrolls_and_pages_with_pgdn():
    """The help is several screenfuls at 80x24; its bar said only 'esc Back c Codex'."""
    from game.ui.screens.help import HelpScreen
    from game.ui.widgets import KeyBar

    app = CeasefireApp(scenario="basra_short", seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, 5)
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > 0
        assert "PgUp/PgDn Scroll" in app.screen.query_one(KeyBar).render().plain
        await pilot.press("pagedown")
        await settle(pilot)
        assert box.scroll_y > 0
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


# ---------------------------------------------------------------- the load screen's unreadable save

@sync
async def test_an_unreadable_saves_reason_wraps_under_itself_on_the_load_screen(tmp_path):
    """At 80x24 the reason a broken save cannot be read ran back to the list's left edge on its second and
    third lines ('(not JSON; it begins ...'), under the file's name; a readable save's lines wrap under
    themselves. Now the reason does too."""
    from game.ui.screens.dialogs import LoadScreen
    from game.ui.screens.title import TitleScreen

    (tmp_path / "broken.json").write_text('{"bad": 1', encoding="utf-8")
    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        load = await open_by_key(pilot, "l", LoadScreen)
        lines = lines_of(load.query_one("#saves"))
    name = next(i for i, line in enumerate(lines) if "broken.json" in line and "unreadable" not in line)
    margin = lines[name].index("broken.json")
    reason = [line for line in lines[name + 1:] if line.strip("▊▎▔▁ ")]
    assert reason[0][margin:].startswith("  unreadable:"), reason
    assert len(reason) >= 2, reason  # (it wraps at 80 columns: the test would prove nothing otherwise)
    for line in reason[1:]:
        assert line[margin:margin + 2] == "  " and line[margin + 2] != " ", (line, reason)


# ---------------------------------------------------------------- the net changes, largest first as written

@sync
async def test_the_reports_net_changes_run_largest_first_as_they_are_written(tmp_path):
    """basra_short, seed 4, a random game's turn 2: 'Security forces capability +2' came above 'North
    violence −3': the rows were sorted by the raw change (2.51 against 2.41) but show the change as written.
    Each group (the national numbers, then the rest) now runs from the largest change as written to the
    smallest."""
    from game.numbers import MINUS

    sc = loader.load(loader.resolve_scenario("basra_short"))
    session = Session.new(sc, 4)
    play(session, make_policy("random", sc), random.Random(4), until=lambda s: s.turn == 3)
    path = saving.save_named(session, "order", str(tmp_path))
    app = CeasefireApp(load=str(path), saves_dir=str(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:  # (two columns: read row by row, left then right)
        await settle(pilot, 5)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen) and app.screen.report.turn == 2
        cells = re.findall(r"(\S[^−+]*?)\s+([−+][\d.]+)(?=\s|$)", " ".join(
            line for line in _net_lines(app.screen) if not line.startswith("No net change")))
    labels = [label.strip() for label, _ in cells]
    assert "Security forces capability" in labels and "North violence" in labels, cells
    national = {m.label for m in sc.metrics.values()}
    for group in ([c for c in cells if c[0].strip() in national], [c for c in cells if c[0].strip() not in national]):
        sizes = [abs(float(d.replace(MINUS, "-"))) for _, d in group]
        assert sizes == sorted(sizes, reverse=True), group
