"""One way of writing numbers across the interface (game.numbers), and trends that show their shape.

QA: political capital read '24.2' in the status line and the budget but '24' in the history; changes
read '+0.4', '+0' and '±0' side by side; the report's net changes had a decimal ('−8.0') the panels did
not; and a 4-column trend drew a move of 12 points on a 0..100 metric as an almost flat line."""

from __future__ import annotations

import re

from rich.console import Console

from game.ui.app import CeasefireApp
from game.numbers import capital, capital_change, change, whole, whole_signed
from game.ui.screens.history import HistoryScreen
from game.ui.screens.report import ReportScreen
from game.ui.text import trend

from .helpers import answer_cards, end_turn, open_by_key, settle, sync

BLOCKS = "▁▂▃▄▅▆▇█"


def test_the_rule_on_the_numbers_a_game_produces():
    # values whole, half away from zero (content moves numbers by halves), a true minus, never −0
    assert [whole(x) for x in (49.6, 58.5, -12.4, -0.3, 0.0)] == ["50", "59", "−12", "0", "0"]
    assert [whole_signed(x) for x in (30.2, -20.0, 0.2)] == ["+30", "−20", "0"]
    # changes: always signed the same way; ±0 for exactly nothing after rounding, never +0, −0 or +0.4
    assert [change(x) for x in (3.2, -2.4, 0.4, -0.4, 0.5, -0.5, 1.5, 2.5, 0.0)] == [
        "+3", "−2", "±0", "±0", "+1", "−1", "+2", "+3", "±0"]
    # capital (the budget orders are planned with): to a tenth, rounded down, so 6.96 never reads as 7
    assert [capital(x) for x in (24.2, 6.96, 19.0, 7.57)] == ["24.2", "6.9", "19", "7.5"]
    assert [capital_change(x) for x in (7.57, -6.0, 0.04, -0.06, 2.96)] == ["+7.6", "−6", "±0", "−0.1", "+3"]


def test_a_trend_shows_the_shape_of_recent_moves_and_stays_flat_when_nothing_moves():
    # a rise of 12 points on a 0..100 metric: bottom to top (on the whole range it drew '▃▄▄▄')
    rise = trend([43, 47, 51, 55], 4)
    assert rise[0] == "▁" and rise[-1] == "█" and list(rise) == sorted(rise, key=BLOCKS.index), rise
    fall = trend([60, 58, 52, 48], 4)
    assert fall[0] == "█" and fall[-1] == "▁", fall
    # no change: a flat line; noise of a fraction of a point: flat too (the span is at least a tenth of the range)
    assert trend([50, 50, 50, 50], 4) == "▄▄▄▄"
    assert len(set(trend([50, 50.4, 49.8, 50.2], 4))) == 1
    # a drift of two points is a small step, not floor to ceiling
    drift = trend([50, 50, 51, 52], 4)
    assert drift[0] != "▁" and drift[-1] != "█" and drift[0] != drift[-1], drift
    # a point is a step of one block on any range (a stance's −100..100 too: it once took 20 points)
    assert trend([0, -1, -2, -3], 4) == "▆▅▄▃"
    # only the last `width` values count: an old fall does not flatten a recent rise
    assert trend([90, 10, 40, 45, 50, 55], 4) == trend([40, 45, 50, 55], 4)


def _text(renderable, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def _check_signs(text: str) -> None:
    """No '+0', '-0', hyphen-minus before a digit, or '+0.4'-style sliver anywhere."""
    assert not re.search(r"[+−]0(?![.\d])", text), re.search(r".{30}[+−]0(?![.\d]).{10}", text)
    assert not re.search(r"(?<![\w])-\d", text), re.search(r".{30}-\d.{10}", text)


@sync
async def test_capital_and_changes_read_the_same_on_every_screen():
    """A real game (basra_short, seed 3) after a turn: the capital, fractional by then, reads the same in
    the status line, the budget, the history and the report; every other number whole; no '+0'."""
    app = CeasefireApp(scenario="basra_short", seed=3, direct=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        await pilot.press("space")  # the first available order
        await settle(pilot)
        await end_turn(pilot)
        assert isinstance(app.screen, ReportScreen)
        s = app.session
        report = s.st.reports[-1]
        income = sum(c.delta for c in report.changes if c.target == s.sc.meta.capital and c.cause == "dynamic")
        assert abs(income - round(income)) > 0.05  # the case at stake: capital comes in fractions
        text = "\n".join(app.screen.query_one("#report").lines)
        _check_signs(text)
        net = text.split("Net change this turn")[1].split("\n\n")[0]
        for label, amount in re.findall(r"(\S[^+−±\n]*?) +([+−±][\d.]+)", net):
            if label.startswith("Political capital"):
                assert re.fullmatch(r"[+−]\d+(\.\d)?", amount)
            else:
                assert re.fullmatch(r"[+−]\d+", amount), (label, amount)  # '−8', not '−8.0'
        ledger = text.split("(cause and why)")[1]
        for line in ledger.splitlines():
            m = re.search(r"(\w[\w ]*?) ([+−±][\d.]+) \(now ([−\d.]+)\)", line)
            if m is None:
                continue
            label, delta, now = m.groups()
            if label == "Political capital":
                assert re.fullmatch(r"[+−]\d+(\.\d)?", delta) and re.fullmatch(r"\d+(\.\d)?", now), line
            else:
                assert "." not in delta + now, line  # 'Basra control −4 (now 29)', as the panels
        capital_lines = [ln for ln in ledger.splitlines() if "Political capital" in ln and "(now " in ln]
        assert capital_lines and f"(now {capital(s.capital)})" in capital_lines[-1]
        await pilot.press("enter")
        await settle(pilot)
        game = await answer_cards(pilot)
        shown = capital(s.capital)
        assert "." in shown or s.capital == int(s.capital)
        status = str(game.query_one("#status").render())
        budget = str(game.query_one("#budget").render())
        assert f"Capital {shown}" in status and f"/{shown} " in budget, (status, budget)
        metrics = str(game.query_one("#metrics").render())
        _check_signs(metrics + status + budget)
        assert not re.search(r"\d\.\d", metrics)  # the national picture: whole numbers
        history = await open_by_key(pilot, "h", HistoryScreen)
        rows = {str(r.query_one(".history-label").render()).strip(): str(r.query_one(".history-values").render())
                for r in history.query(".history-row")}
        label = s.sc.metrics[s.sc.meta.capital].label
        assert rows[label].split("→")[1].split("(")[0].strip() == shown, rows[label]  # was '24' beside 'Capital 24.2'
        assert not any(re.search(r"\d\.\d", v) for k, v in rows.items() if k != label)


@sync
async def test_the_main_screens_trends_show_the_moves_the_numbers_beside_them_tell():
    """Three turns of a real game: each trend in the national picture runs from its lowest block to its
    highest when its recent values move by a tenth of the range or more, and is one block when they do not."""
    app = CeasefireApp(scenario="basra_short", seed=3, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(3):
            game = await answer_cards(pilot)
            await pilot.press("space")
            await settle(pilot)
            await end_turn(pilot)
            await pilot.press("enter")
            await settle(pilot)
        game = await answer_cards(pilot)
        s = app.session
        from game.ui.widgets import visible_metrics

        lines = str(game.query_one("#metrics").render()).split("\n")
        moved = 0
        for m, line in zip(visible_metrics(s.sc), lines):
            i = s.sc.index[m.id]
            hist = [row[i] for row in s.st.history]
            v = s.st.values[i]
            points = hist + [v] if abs(v - hist[-1]) > 1e-9 else hist
            drawn = "".join(ch for ch in line if ch in BLOCKS)
            recent = points[-len(drawn):]
            assert len(drawn) == len(recent) >= 2, line
            if max(recent) - min(recent) >= (m.max - m.min) / 10:
                assert "█" in drawn and "▁" in drawn, line
                first, last = recent[0], recent[-1]
                assert (drawn[0] < drawn[-1]) == (first < last) or first == last, line
                moved += 1
            elif max(recent) == min(recent):
                assert len(set(drawn)) == 1, line
        assert moved, lines  # some metric moved enough over three turns to show its shape
