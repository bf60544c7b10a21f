"""The long-text view (wrapping with hanging indents, drawn a screenful at a time) and the one-line key bar."""

from __future__ import annotations

from decimal import Decimal

import re
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.binding import Binding

from game.ui.widgets import KeyBar, TextView, break_offsets, wrap_rows

from .helpers import settle, sync

LONG = "  ▼ Baghdad violence −1.5 (now 47.5): the truce keeps the fighters off the streets. (dynamic ceasefire.calm)"


def rows(plain: str, width: int) -> list[str]:
    return [" " * pad + plain[a:b] for a, b, pad in wrap_rows(plain, width)]


def test_wrap_keeps_width_and_hangs_continuations_under_the_words():
    out = rows(f"Heading\n\n{LONG}", 40)
    assert out[:2] == ["Heading", ""]
    assert out[2].startswith("  ▼ Baghdad")
    assert all(line.startswith("    ") and not line.startswith("     ") for line in out[3:])
    assert all(cell_len(line) <= 40 for line in out)
    assert " ".join(line.strip() for line in out[2:]) == LONG.strip()  # no word lost or split


def test_wrap_cuts_words_longer_than_a_line_and_counts_wide_characters():
    assert rows("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    wide = "中文中文中文 ab"
    out = rows(wide, 5)
    assert all(cell_len(line) <= 5 for line in out)
    assert "".join(out) == wide.replace(" ", "")
    assert break_offsets("short line", 40) == []


class ViewApp(App):
    BINDINGS = [Binding("x", "mark", "Mark"), Binding("y", "other", "Other")]

    def __init__(self, text: Text):
        super().__init__()
        self.text = text
        self.marked = 0

    def compose(self):
        yield TextView(self.text, id="view")
        yield KeyBar()

    def action_mark(self) -> None:
        self.marked += 1

    def check_action(self, action, parameters):
        return False if action == "other" else True


@sync
async def test_text_view_draws_only_the_rows_in_view_and_scrolls_through_all():
    lines = [f"line {i} " + "word " * (i % 30) for i in range(400)]
    text = Text("\n".join(lines))
    text.stylize("bold", 0, 4)
    app = ViewApp(text)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        view = app.query_one(TextView)
        assert len(view.lines) >= 400 and all(cell_len(line) <= view.scrollable_content_region.width for line in view.lines)
        assert 0 < len(view._strips) <= view.size.height  # a screenful turned into cells, not 400 lines
        assert view.virtual_size.height == len(view.lines)
        view.focus()
        await pilot.press("end")
        await settle(pilot)
        assert view.scroll_offset.y == view.max_scroll_y > 0
        view.update(Text("short"))
        await settle(pilot)
        assert view.scroll_offset.y == 0 and view.lines == ["short"]


@sync
async def test_key_bar_shows_the_keys_that_work_and_clicks_them():
    app = ViewApp(Text("hello"))
    async with app.run_test(size=(60, 10)) as pilot:
        await settle(pilot)
        bar = app.query_one(KeyBar)
        shown = bar.render().plain
        assert "x Mark" in shown and "Other" not in shown  # check_action False hides a key, as in the Footer
        x0 = shown.index("x Mark")
        await pilot.click(KeyBar, offset=(x0 + 2, 0))
        await settle(pilot)
        assert app.marked == 1


def test_report_net_changes_show_whole_labels_at_80_columns():
    """The net-change table gives labels the width the line has: the campaign's longest
    ('Security forces infiltration') shows whole at 80 columns, and a cut label ends in '…'."""
    import random

    from game.content import loader
    from game.engine.session import Session
    from game.sim.policies import make_policy, play
    from game.ui.screens.report import render_report
    from game.numbers import step
    from game.ui.widgets import slot_label

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    s = Session.new(sc, seed=3)
    play(s, make_policy("random", sc), random.Random(3), max_turns=6)
    seen = 0
    for report in s.st.reports:
        text = render_report(s, report, width=80).plain
        block = text.split("Net change this turn")[1].split("\n\n")[0]
        for name, d in report.net().items():
            # (a net change is the difference of the values as written: left out when they are the same)
            first = next(c.before for c in report.changes if c.target == name)
            shown = step(sc, name)(first, first + d)
            if name in sc.index and shown != "±0" and sc.slots[sc.index[name]].kind != "builtin":
                label = slot_label(s, name)
                assert label in block if len(label) <= 30 else label[:29] + "…" in block
                seen += 1
        assert all(len(line) <= 78 for line in block.splitlines())
        amounts = re.findall(r"(\S[^+−±\n]*?) +([+−±][\d.]+)", block)
        # as the panels write them (game.numbers): whole, political capital to a tenth; never ±0 (left out)
        assert amounts and all(re.fullmatch(r"[+−]\d+" + (r"(\.\d)?" if lab.startswith("Political capital") else ""), a)
                               for lab, a in amounts), amounts
    assert seen > 20
    assert any(len(slot_label(s, n)) > 27 for n in sc.index)  # the case that used to be cut


def test_national_picture_shows_whole_numbers_in_still_columns():
    from game.content import loader
    from game.engine.session import Session
    from game.ui.widgets import render_metrics, visible_metrics

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    s = Session.new(sc, seed=1)
    before = list(s.st.values)
    i, j = sc.index["treasury"], sc.index["confidence"]
    s.st.values[i] -= 0.6  # a value between whole numbers is shown rounded
    before[i] = s.st.values[i] + 11.3  # the treasury fell 11.3 since the last turn, 71 → 59 as written: "−12"
    # confidence rose 0.4, too little to change its written value: no change beside it, as the turn report
    # names it nowhere (one rule, widgets.net_change_shown; it read "±0" here and nothing in the report)
    before[j] = s.st.values[j] - 0.4
    s.st.history.append(before)
    s.st.history.append(list(s.st.values))
    lines = render_metrics(s, 36).plain.split("\n")
    assert len(lines) == len(visible_metrics(sc))
    treasury = next(line for line in lines if line.startswith("Treasury"))
    assert f" {round(s.st.values[i])} " in treasury and "−12 " in treasury and "." not in treasury, treasury
    confidence = next(line for line in lines if line.startswith("Public confidence"))
    assert "±0" not in confidence and f" {round(s.st.values[j])}       ▄" in confidence, confidence
    assert all(cell_len(line) <= 36 for line in lines)
    starts = {next(k for k, ch in enumerate(line) if ch in "▁▂▃▄▅▆▇█") for line in lines}
    assert len(starts) == 1, lines  # every chart starts in the same column


def test_panel_numbers_use_one_minus_sign_and_never_minus_zero():
    from game.numbers import change, whole

    assert [whole(x) for x in (-12.4, -0.3, 0.0, 49.6)] == ["−12", "0", "0", "50"]
    assert [change(x) for x in (-5.6, 0.4, -0.01, 7.2)] == ["−6", "±0", "±0", "+7"]


def test_actor_panel_breaks_lines_between_items_never_inside_one():
    import re

    from game.content import loader
    from game.engine.session import Session
    from game.ui.widgets import render_actors

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    s = Session.new(sc, seed=1)
    for width in (30, 38, 60):
        lines = render_actors(s, width).plain.split("\n")
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        # a line never starts with a number (a value cut from its label: "Cohesion" / "67")
        assert not any(re.match(r"\s*[-+]?\d", line) for line in lines), (width, lines)
        assert not any(line.rstrip().endswith(("Cohesion", "Strength", "Stance", ":")) for line in lines), (width, lines)
    text = render_actors(s, 60).plain
    assert "Basra and the s" not in text  # regions by their short names, whole
    col = max(len(r.short_name) for r in sc.regions.values()) + 1
    assert "\n" + "Basra".ljust(col) + "Violence" in text  # the numbers in a column after the longest name


def test_history_charts_share_the_numbers_whole_range():
    from game.ui.screens.history import chart

    # a drift of 58 -> 60 on a 0..100 scale is a small step, not floor to ceiling (as Textual's Sparkline drew it)
    drift = chart([58, 59, 60], 12)
    assert drift[0] < drift[-1] and drift[0] != "▁" and drift[-1] != "█"
    full = chart([0, 100], 4)  # the turns spread over the width, lo and hi near the ends
    assert full[:2] == "▁▁" and full[2:] in ("▇▇", "██")
    stance = chart([-100, 0, 100], 3)  # stances run from -100 to 100: 0 is half height
    assert stance[0] == "▁" and stance[1] in "▄▅" and stance[2] in "▇█"
    for rise in (chart([45, 50, 55], 3), chart([5, 95], 2)):  # own span: bottom to near the top
        assert rise[0] == "▁" and rise[-1] in "▇█"


def test_every_turn_of_a_history_chart_is_as_wide_as_the_others():
    """Spread over the whole width, 3 turns on 67 columns took 23, 22 and 22: the time axis ran unevenly."""
    import itertools

    from game.ui.screens.history import chart

    drawn = chart([10, 50, 90], 67)
    assert len(drawn) == 67 and drawn.endswith(" ") and drawn.rstrip() == drawn[:66]
    runs = [len(list(group)) for _, group in itertools.groupby(drawn.rstrip())]
    assert runs == [22, 22, 22], runs
    assert len(chart(list(range(30)), 20)) == 20  # more turns than columns: sampled, the whole width


def test_the_codex_explains_every_ending_and_its_score_from_the_endings_themselves():
    from game.content import loader
    from game.ui.screens.codex import endings_entry

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    body = endings_entry(sc).body
    assert body.count("\n- ") == len(sc.endings)
    for e in sc.endings:
        assert f"- {e.model.title} ({e.model.tone})." in body and e.model.explain in body
    assert body.count("Score: ") == len(sc.endings) and "At the end" in body
    assert "At the end. At the end" not in body  # said once when the ending's own words say it
    scores = [ln.split("Score: ", 1)[1] for ln in body.splitlines() if "Score: " in ln]
    assert not any(re.search(r"[a-z_]+\.[a-z_]+|max\(", sc_) for sc_ in scores)  # in words: labels, not rule names
    assert any("Security forces capability ÷ 10" in sc_ for sc_ in scores) and any("never below 0" in sc_ for sc_ in scores)
    titles = [ln for ln in body.splitlines() if ln.startswith("- ")]
    assert titles[0].startswith(f"- {sc.endings[0].model.title}")  # in the order they are checked


def test_a_preview_sums_certain_changes_to_one_number_and_keeps_the_uncertain_apart():
    from game.engine.report import PreviewItem
    from game.ui.widgets import merged

    items = [PreviewItem("Public confidence", "confidence", 2.0, 1.0, "the card", ""),
             PreviewItem("Iran stance", "iran.stance", 3.0, 1.0, "a reaction", "iran"),
             PreviewItem("Public confidence", "confidence", 2.0, 1.0, "a reaction", ""),
             PreviewItem("Public confidence", "confidence", -5.0, 0.4, "a gamble", "", "if the troops hold"),
             PreviewItem("Iran stance", "iran.stance", -3.0, 1.0, "another", "iran")]
    out = merged(items)
    assert [(i.target, i.delta, i.chance) for i in out] == [
        ("confidence", 4.0, 1.0), ("iran.stance", 0.0, 1.0), ("confidence", -5.0, 0.4)]


def test_a_region_drawn_with_the_band_of_the_number_it_shows():
    """'Baghdad 60' was drawn ▒ (59.6 is under 60) while the legend says ▓60."""
    from game.numbers import whole
    from game.ui.text import violence_band

    for v, shown, sym in ((59.6, "60", "▓"), (39.5, "40", "▒"), (59.4, "59", "▒"), (19.5, "20", "░")):
        assert whole(v) == shown and violence_band(v)[0] == sym


def test_an_effect_that_changes_nothing_now_says_so_and_a_sliver_is_not_minus_zero(tmp_path):
    """A preview showed 'Coalition cohesion = ±0' for an effect held at the end of its range, and the
    report 'Basra control −0 (now 29)' for a change of a few hundredths."""
    from rich.console import Console

    from game.content import loader
    from game.engine.report import Change
    from game.engine.session import Session
    from game.ui.widgets import preview_text

    sc = loader.load(loader.resolve_scenario(str(Path(__file__).resolve().parents[1] / "data" / "mini")))
    s = Session.new(sc, seed=5)
    s.st.values[sc.index["region.south.violence"]] = 0.0  # the card's −5 cannot go lower
    console = Console(width=80, record=True, color_system=None)
    console.print(preview_text(s, s.preview_option("mini.opening", "attack")))
    text = console.export_text()
    assert "South violence already at its minimum" in text and "±0" not in text  # (was 'no change now')
    assert Change(1, "x", "Basra control", 29.04, 29.0, "dynamic", "d", "why", "").sentence().startswith(
        "Basra control −0.04 (now 29)")


def test_your_decisions_say_how_their_chances_fell():
    """A first-time player had to page through the ledger to learn whether his operation worked."""
    from game.content import loader
    from game.engine.session import Session
    from game.ui.screens.report import render_report

    sc = loader.load(Path(__file__).resolve().parents[1] / "data" / "mini")
    s = Session.new(sc, seed=5)
    while s.card is not None:
        s.choose(s.card.options[0].id)
    report = s.end_turn([("raid", "south"), ("raid", "capital_city")])
    rolls = [c for c in report.changes if c.target.startswith("roll:") and c.cause == "order"]
    assert len(rolls) == 2
    text = render_report(s, report, 80).plain
    decisions = text.split("Your decisions\n")[1].split("\n\n")[0]
    assert (f"Order: Raid militia strongholds (South)\n    → {rolls[0].roll_outcome()}\n"
            f"  Order: Raid militia strongholds (Capital)\n    → {rolls[1].roll_outcome()}") in decisions


def test_the_ledger_gives_each_number_one_place_the_same_every_turn_and_its_now_reads_on():
    """Grouped by who caused them, the same number came under two or three actors in one report (Treasury
    under the government, the Basra locals, the Kurds and the country), its 'now' jumping between groups
    ('Security forces morale +5 (now 53)' then '−5 (now 53)' in the government's group, the +5 between them
    under the security forces'), and moved between groups from turn to turn. Now each number has one group,
    in one fixed order, and its lines follow each other, each 'now' the next line's start."""
    import random
    import re

    from game.content import loader
    from game.engine.session import Session
    from game.numbers import MINUS, formats
    from game.sim.policies import make_policy, play
    from game.ui.screens.report import render_report
    from game.ui.widgets import slot_label

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    s = Session.new(sc, seed=3)
    play(s, make_policy("random", sc), random.Random(3), max_turns=5)
    labels = {slot_label(s, name): name for name in sc.index}
    line_re = re.compile(r"^  [▲▼] (.+?) ([+−][\d.]+) \(now (−?[\d.]+)\)")
    home: dict[str, str] = {}  # each number's heading, the same in every report
    checked = 0
    for report in s.st.reports:
        ledger = render_report(s, report, 80).plain.split("(cause and why)\n")[1]
        head, heads, seen_last = None, [], None
        nows: dict[str, str] = {}
        first_slot: dict[str, int] = {}
        for line in ledger.splitlines()[1:]:
            if line and not line.startswith(" "):
                head = line
                assert head not in heads, (report.turn, head)  # one group of each
                heads.append(head)
                continue
            m = line_re.match(line)
            if m is None:
                continue
            label, delta, now = m.groups()
            name = labels[label]
            assert home.setdefault(name, head) == head, (report.turn, label, home[name], head)  # one place
            first_slot.setdefault(head, sc.index[name])
            if name in nows:
                assert seen_last == name, (report.turn, line)  # a number's lines follow each other
                before = Decimal(nows[name].replace(MINUS, "-"))
                assert before + Decimal(delta.replace(MINUS, "-")) == Decimal(now.replace(MINUS, "-")), line
            nows[name], seen_last = now, name
            checked += 1
        # the groups in the scenario's order of its numbers (the national picture, the actors, the regions)
        numbered = [h for h in heads if h in first_slot]
        assert numbered == sorted(numbered, key=first_slot.get), (report.turn, heads)
        assert heads[0] == "The national picture" and heads[-1] == "Cards, chances and conditions", heads
        # and every number's last 'now' is its value at the end of the turn, as the panels write it
        for name, now in nows.items():
            assert now == formats(sc, name)[0](s.st.history[report.turn][sc.index[name]]), (report.turn, name)
    assert checked > 100 and len(set(home.values())) > 8
