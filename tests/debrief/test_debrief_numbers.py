"""The debrief writes numbers as the game does (game/numbers.py), QA: chart axes
read '-50' with a hyphen where every other number has a true minus; political capital was whole ('Net
change: Political capital −5', '12 → 19') where the game keeps it to a tenth rounded down ('−4.7',
'12 → 19.3'); a start, an end and a change side by side did not always add up; a value beside a
threshold kept a tenth it did not need, and had its own formula for it.

On real games of the shipped campaign (basra_2008), played by the engine as `ceasefire simulate` does."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

from game.content import loader
from game.debrief import build, render
from game.debrief.charts import line_chart
from game.numbers import MINUS, beside, capital, capital_step


def amount(text: str) -> Decimal:
    return Decimal(text.replace("±", "").replace("+", "").replace(MINUS, "-"))


class Text(HTMLParser):
    """The text a reader sees (and a <title> tooltip), without tags or attributes."""

    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data):
        self.chunks.append(data)


def shown_text(html: str) -> str:
    p = Text()
    p.feed(html)
    p.close()
    return "\n".join(p.chunks)


HYPHEN_NUMBER = re.compile(r"(?<![\w.])-\d")  # '-50', not 'al-Sadr' or '2007-08'


def test_chart_axes_have_a_true_minus():
    svg = line_chart("Stance", [("Iran", [0.0, -20.0, -63.0])], -100, 100)
    ticks = re.findall(r'class="tick" text-anchor="end">([^<]*)<', svg)
    assert ticks == ["−100", "−50", "0", "50", "100"]  # was '-100', '-50'
    assert f"Iran: 0 → {MINUS}20 → {MINUS}63" in svg  # the tooltip: whole, a true minus


def test_no_number_in_a_debrief_or_its_charts_has_a_hyphen_for_a_minus(campaign, campaign_games):
    for s in campaign_games:
        d = build(campaign, s.st)
        html, md = render(d, "html"), render(d, "md")
        assert not HYPHEN_NUMBER.search(shown_text(html)), HYPHEN_NUMBER.search(shown_text(html))
        assert not HYPHEN_NUMBER.search(md.split("## The model's assumptions")[0])


def test_political_capital_reads_as_the_game_writes_it_and_adds_up(campaign, campaign_games):
    """Each turn's net change of capital is the one the turn report gave (the difference of the balances the
    status line showed), so the start's balance plus the changes down the timeline makes each turn's balance;
    the chart's first and last values are the balances as the game wrote them."""
    label = campaign.metrics[campaign.meta.capital].label
    i = campaign.capital_slot
    fractional = 0
    for s in campaign_games:
        d = build(campaign, s.st)
        md = render(d, "md")
        hist = [row[i] for row in s.st.history]
        balance = amount(capital(hist[0]))
        for t in d.timeline:
            shown = next((x.split(" ", 2)[2] for x in t.shifts if x.startswith(label + " ")), "±0")
            assert shown == capital_step(hist[t.turn - 1], hist[t.turn]), (t.turn, t.shifts)
            balance += amount(shown)
            assert balance == amount(capital(hist[t.turn])), t.turn
            fractional += "." in shown
        assert re.search(rf"  {label} +\S+  {capital(hist[0])} → {capital(hist[-1])}\n", md)
        chart = next(c for c in d.charts if c.id == f"metric-{campaign.meta.capital}")
        html = render(d, "html")
        tooltip = f"<title>{label}: " + " → ".join(capital(v) for v in hist) + "</title>"
        assert tooltip in html and chart.value(hist[-1]) == capital(hist[-1])
    assert fractional > 20  # capital moves in tenths in most turns: the case at stake ('−5' for −4.7)


def test_a_start_an_end_and_the_change_between_them_add_up(campaign, campaign_games):
    """'Strength 60 → 63 (+3)': the change is the difference of the two numbers written beside it."""
    seen = 0
    for s in campaign_games:
        md = render(build(campaign, s.st), "md")
        for line in md.splitlines():
            if not line.startswith("Start → end: "):
                continue
            for start, end, change in re.findall(r"([−\d]+) → ([−\d]+) \(([+−±]\d+)\)", line):
                assert amount(start) + amount(change) == amount(end), line
                seen += 1
    assert seen > 100


def test_the_change_in_a_table_is_the_difference_of_the_numbers_written():
    """A stance from −0.5 (written '−1') to 2.4 (written '2'): its change rounds to '+3', written beside
    them it is '+3'; from 60.4 ('60') to 62.6 ('63'): a change of 2.2, '+3' beside them (it read '+2')."""
    from game.debrief.model import Standing

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    row = Standing.of(sc, "sadrists.strength", "Strength", 60.4, 62.6)
    assert (row.start, row.end, row.change) == ("60", "63", "+3")
    row = Standing.of(sc, sc.meta.capital, "Political capital", 12.0, 13.08)
    assert (row.start, row.end, row.change) == ("12", "13", "+1")  # capital: a tenth rounded down


def test_a_value_beside_a_threshold_keeps_only_the_digits_that_tell_its_side():
    # whole, as the game writes values, when whole it is on its own side of the threshold
    assert [beside(x, t) for x, t in [(9.1, 60), (68.7, 40), (-29.4, 0), (40.0, 40)]] == ["9", "69", "−29", "40"]
    # a tenth when whole would land on the threshold or across it: '(it was 64)' beside a ✗ read as met
    assert [beside(x, t) for x, t in [(63.8, 64), (59.5, 60), (40.2, 40), (-0.3, 0)]] == ["63.8", "59.5", "40.2", "−0.3"]
    # a hundredth when a tenth would still round onto it (63.96 to a tenth is '64.0')
    assert beside(63.96, 64) == "63.96" and beside(39.999, 40) == "39.99"
