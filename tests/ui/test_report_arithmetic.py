"""The turn report's political capital adds up as written (QA): the balance is written to a tenth rounded
down, and the changes beside it were rounded to the nearest tenth, so a balance of 6 and an income of
7.08 read '+7.1 (now 13)', and a turn from 12 to 13.08 read 'Political capital +1.1' beside 'now 13'.

The property is checked on what the screen shows, over real games of the shipped campaign: reading the
ledger down the page from the balance the player saw when the turn began, each capital line's change
takes the balance written on the line before to the one written on its own; the net change takes the
balance at the start of the turn to the one at its end (both as the status line writes them)."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from game.content import loader
from game.engine.session import Session
from game.numbers import MINUS, capital
from game.sim.policies import make_policy, play
from game.ui.screens.report import render_report

LEDGER_LINE = re.compile(r"^  [▲▼•] Political capital ([+−±][\d.]+) \(now (−?[\d.]+)\)")
NET_CELL = re.compile(r"Political capital +([+−±][\d.]+)")


def amount(text: str) -> Decimal:
    """A written number ('+7.1', '−6', '±0', '13') as the exact decimal it says."""
    return Decimal(text.replace("±", "").replace("+", "").replace(MINUS, "-"))


@pytest.fixture(scope="module")
def campaign():
    return loader.load(loader.resolve_scenario("basra_2008"))


def games(sc, seeds, policies=("random",)):
    for seed in seeds:
        for name in policies:
            s = Session.new(sc, seed=seed)
            play(s, make_policy(name, sc), random.Random(seed))
            yield s


def check_report(s, report) -> tuple[int, int]:
    """Assert the written capital adds up in one turn's report; return (ledger lines, net lines) checked."""
    sc = s.sc
    i = sc.capital_slot
    start = amount(capital(s.st.history[report.turn - 1][i]))  # the status line as the turn began
    end = amount(capital(s.st.history[report.turn][i]))  # and once it was resolved
    text = render_report(s, report, 80).plain
    lines = nets = 0
    ledger = text.split("(cause and why)\n", 1)[1] if "(cause and why)\n" in text else ""
    balance = start
    for line in ledger.splitlines():
        m = LEDGER_LINE.match(line)
        if m is None:
            continue
        delta, now = map(amount, m.groups())
        assert balance + delta == now, (report.turn, balance, line)
        balance = now
        lines += 1
    assert balance == end, (report.turn, start, balance, end)  # the last line's 'now' is the new balance
    net = text.split("Net change this turn", 1)[1].split("\n\n", 1)[0] if "Net change this turn" in text else ""
    found = NET_CELL.findall(net)
    if found:
        assert start + amount(found[0]) == end, (report.turn, start, found[0], end)
        nets += 1
    else:  # left out only when the balance as written did not move
        assert start == end, (report.turn, start, end, net)
    return lines, nets


def test_the_report_s_capital_adds_up_as_written_over_real_games(campaign):
    lines = nets = turns = 0
    for s in games(campaign, range(1, 31), ("random", "historical")):
        for report in s.st.reports:
            a, b = check_report(s, report)
            lines, nets, turns = lines + a, nets + b, turns + 1
    # the games are long enough, and capital moves in fractions often enough, for the property to bite
    assert turns > 1000 and lines > 3000 and nets > 800, (turns, lines, nets)


def test_an_income_of_a_fraction_reads_as_the_balance_it_leaves(campaign):
    """The case QA met (a balance spent down to a whole number, then an income of 7.08): here basra_2008,
    seed 33, random player, turn 1: spent from 12 down to 1, an income of 7.08."""
    s = next(games(campaign, [33]))
    text = render_report(s, s.st.reports[0], 80).plain
    assert "Political capital +7 (now 8)" in text  # was '+7.1 (now 8)'
    net = text.split("Net change this turn", 1)[1].split("\n\n", 1)[0]
    assert NET_CELL.findall(net) == [MINUS + "4"]  # 12 → 8 (8.08); was '−3.9'


def test_capital_step_is_the_difference_of_the_balances_as_written():
    from game.numbers import capital_step, capital_tenths

    rng = random.Random(7)
    for _ in range(20000):
        before = rng.choice([round(rng.uniform(-5, 45), rng.choice([0, 1, 2, 6])), rng.uniform(-5, 45)])
        after = before + rng.choice([-7, -3, 2, 0.5, rng.uniform(-10, 10)])
        assert capital_tenths(before) == int(amount(capital(before)) * 10)  # as `capital` writes it, in tenths
        assert amount(capital(before)) + amount(capital_step(before, after)) == amount(capital(after))
    # an order's cost is itself, whatever the fraction of the balance it is taken from
    assert [capital_step(x, x - 7) for x in (13.08, 6.96, 7.0, 18.9999999)] == ["−7"] * 4
    assert capital_step(6.0, 13.081) == "+7" and capital_step(2.08, 9.27) == "+7.2" and capital_step(9.2, 9.27) == "±0"
