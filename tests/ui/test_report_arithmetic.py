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
    """The case QA met (basra_2008, random player, turn 1): spent down to 6, an income of 7.08 read
    '+7.1 (now 13)'. Found afresh in real games (the seed QA used no longer plays the same turn): every
    capital line whose change, rounded alone, differs from the difference of the balances as written."""
    from game.numbers import capital_change, capital_step

    met = 0
    for s in games(campaign, range(1, 11)):
        for report in s.st.reports:
            text = render_report(s, report, 80).plain
            for c in report.changes:
                if c.target != s.sc.meta.capital:
                    continue
                alone, written_ = capital_change(c.after - c.before), capital_step(c.before, c.after)
                if alone != written_:
                    assert f"Political capital {written_} (now {capital(c.after)})" in text
                    assert f"Political capital {alone} (now {capital(c.after)})" not in text
                    met += 1
    assert met >= 5, met


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


# ---------------------------------------------------------------- every number, not capital alone (QA)
# The whole values' 'now' was rounded apart from their change, so lines did not add up: 'Security forces
# capability +2 (now 50)' then '+1 (now 50)'; 'Iran leverage +1 (now 59)' then '±0 (now 58)'; and a '±0'
# stood beside a reason that said something changed ('United States patience ±0 (now 53): … costs
# Washington patience'). About 12% of ledger lines and 18% of net lines failed over random games.

ANY_LINE = re.compile(r"^  ([▲▼•]) (.+?) ([+−±][\d.]+) \(now (−?[\d.]+)\)")
NET_ANY = re.compile(r"(\S(?:.*?\S)?) +([+−±][\d.]+)(?:   |$)")


def written(sc, name: str, x: float) -> Decimal:
    """A state number as the panels write it, back as the exact decimal it says."""
    from game.numbers import formats

    return amount(formats(sc, name)[0](x))


def check_every_number(s, report) -> tuple[int, int]:
    """Each ledger line of a number: its change takes the value as written before that change to the
    'now' beside it; no '±0' line; each net change takes the value written at the start of the turn to
    the one at its end. Returns (ledger lines, net cells) checked."""
    from game.ui.widgets import slot_label

    sc = s.sc
    text = render_report(s, report, 80).plain
    # each number's steps as they happened, as written: (change, now) pairs, one per change that shows
    steps: dict[str, list[tuple[Decimal, Decimal]]] = {}
    last: dict[str, float] = {}
    for c in report.changes:
        if c.target not in sc.index or c.target.startswith(("flag:", "event:", "ending:", "roll:")):
            continue
        if c.target in last:  # a number's changes follow each other: each starts where the last left it
            assert abs(c.before - last[c.target]) < 1e-6, (report.turn, c.target, c.before, last[c.target])
        last[c.target] = c.after
        before, after = written(sc, c.target, c.before), written(sc, c.target, c.after)
        if before != after:
            steps.setdefault(c.label, []).append((after - before, after))
    ledger = text.split("(cause and why)\n", 1)[1] if "(cause and why)\n" in text else ""
    lines = 0
    for line in ledger.splitlines():
        m = ANY_LINE.match(line)
        if m is None:
            continue
        mark, label, delta, now = m.groups()
        assert delta != "±0", (report.turn, line)  # a change that shows as nothing has no line (nor reason)
        if label not in steps and label.startswith("Now:"):
            continue
        pair = (amount(delta), amount(now))
        assert pair in steps.get(label, []), (report.turn, line, steps.get(label))
        steps[label].remove(pair)  # each written step once
        assert (mark == "▲") == (pair[0] > 0), line
        lines += 1
    assert not any(steps.values()), (report.turn, {k: v for k, v in steps.items() if v})  # none left out
    labels = {slot_label(s, name): name for name in sc.index}
    nets = 0
    if "Net change this turn" in text:
        net = text.split("Net change this turn", 1)[1].split("\n", 1)[1].split("\n\n", 1)[0]
        for row in net.splitlines():
            for label, delta in NET_ANY.findall(row.strip()):
                name = labels[label]
                i = sc.index[name]
                start = written(sc, name, s.st.history[report.turn - 1][i])
                end = written(sc, name, s.st.history[report.turn][i])
                assert start + amount(delta) == end, (report.turn, label, start, delta, end)
                assert delta != "±0", row
                nets += 1
    return lines, nets


def test_every_number_in_the_report_adds_up_as_written_over_real_games(campaign):
    lines = nets = turns = 0
    for s in games(campaign, range(1, 21), ("random", "historical")):
        for report in s.st.reports:
            a, b = check_every_number(s, report)
            lines, nets, turns = lines + a, nets + b, turns + 1
    assert turns > 700 and lines > 10000 and nets > 5000, (turns, lines, nets)


def test_the_lines_qa_met_add_up():
    """The sequence QA met on turn 2 ('+2 (now 50)' then '+1 (now 50)'): each change is the difference of
    the values as written, and a change that leaves a number as written has no line of its own."""
    from game.numbers import whole_step

    assert [whole_step(48.4, 49.6), whole_step(49.6, 50.3)] == ["+2", "±0"]  # 48 → 50 → 50: was '+1 (now 50)'
    assert whole_step(58.4, 58.6) == "+1"  # 58 → 59, though 0.2 came in (its own rounding said '±0 (now 59)')


def test_the_net_change_says_it_counts_the_turn_s_cards_and_does(campaign):
    """A play-tester saw confidence at 71 on the main screen after a card, then 'Public confidence +2' in the
    report and 67 after it: the net runs from the turn's start (65), cards included. The heading says so."""
    from game.ui.screens.report import change_of

    for s in games(campaign, range(1, 6), ("historical",)):
        report = s.st.reports[0]
        text = render_report(s, report, 80).plain
        assert "Net change this turn, card choices included" in text
        i = s.sc.index["confidence"]
        start, end = s.st.history[0][i], s.st.history[1][i]
        assert any(c.cause == "option" and c.target == "confidence" for c in report.changes)
        shown = change_of(s.sc, "confidence")(start, end)
        net = text.split("Net change this turn", 1)[1].split("\n\n", 1)[0]
        assert "Public confidence" in net and shown in net.split("Public confidence", 1)[1].split("\n")[0], (shown, net)
