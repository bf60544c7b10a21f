"""Found playing the classroom scenario (basra_short) by keys at 80x24, and fixed."""

from __future__ import annotations

from pathlib import Path

from game.ui.app import CeasefireApp, toast_room, wrap_name
from game.ui.screens.end import EndScreen

from .helpers import play_to_end, settle, sync


# ---------------------------------------------------------------- the debrief's toast

def test_a_long_file_name_breaks_after_its_hyphens_not_inside_a_word():
    """The toast of a debrief written at 80 columns read 'basra_short-11-6fd49' / 'a-t11.debrief.html'."""
    name = "basra_short-11-6fd49a-t11.debrief.html"
    assert wrap_name(name, 37) == ["basra_short-11-6fd49a-", "t11.debrief.html"]
    assert wrap_name(name, 40) == [name]
    assert wrap_name("quicksave-basra_short-11-6fd49a-t02.json", 12) == ["quicksave-", "basra_short-", "11-6fd49a-", "t02.json"]
    assert wrap_name("a" * 40, 37) is None


@sync
async def test_the_debrief_toast_shows_the_file_name_whole_at_80_columns(mini_path, tmp_path):
    """'d' on the end screen said 'Debrief written: /tmp/play-saves/basra_short-11-6fd49a-t11.debrief.html' in
    one line, which the toast (37 cells wide at 80 columns) cut anywhere, a file name broken mid-word. Now it
    says it in the lines a save's toast uses: the head, the name (broken after a '-' or '.' if it must), the
    folder; no line wider than the toast."""
    app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        end = await play_to_end(pilot)
        assert isinstance(end, EndScreen)
        app.clear_notifications()
        await pilot.press("d")
        await settle(pilot)
        written = Path(end.debrief_path)
        [note] = [n.message for n in app._notifications]
        lines = note.split("\n")
        room = toast_room(app.size.width)
        assert lines[0] == "Debrief written", lines
        assert all(len(line) <= room for line in lines), lines
        assert any(line == written.name for line in lines) or written.name in "".join(lines[1:3]), lines
        assert lines[-1].startswith("in ") or lines[-2].startswith("in "), lines


# ---------------------------------------------------------------- the end screen's numbers

@sync
async def test_the_end_screen_says_its_changes_are_the_last_turns(mini_path, tmp_path):
    """'Where things stood' gave 'Coalition cohesion 77 +9' after a game that took cohesion from 55 to 77:
    the '+9' (the last turn's change) read as the game's, a sum that did not add up. A line under the
    heading now says what the three columns are."""
    from game.numbers import whole_step
    from game.ui.widgets import moved_since_turn_start

    from .test_campaign_playtest import lines_of

    app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        end = await play_to_end(pilot)
        assert isinstance(end, EndScreen)
        text = " ".join(" ".join(lines_of(end.query_one("#end"))).split())
        assert "its change in the last turn" in text, text
        # and that is what the numbers are: the last turn's change
        st, sc = app.session.st, app.session.sc
        m = next(m for m in sc.metrics.values() if not m.hidden and m.id != sc.meta.capital)
        i = sc.index[m.id]
        assert len(st.history) >= 3
        last = whole_step(st.history[-2][i], st.values[i])
        row = next(line for line in lines_of(end.query_one("#end")) if line.strip().startswith(m.label[:12]))
        if last == "±0" and m.id not in moved_since_turn_start(sc, st):  # nothing moved it: no change beside it
            assert row.split()[len(m.label.split()) + 1][0] in "▁▂▃▄▅▆▇█", (row, last)
        else:
            assert last in row.split(), (row, last)


# ---------------------------------------------------------------- the turn report

@sync
async def test_a_report_group_of_only_tiny_changes_does_not_begin_with_and(mini_path, tmp_path):
    """Turn 2's report had 'The Iraqi security forces' then, alone under it, '· and 3 changes too small to
    show': an 'and' with nothing before it, as if a line were missing. Alone, the note drops the 'and'; under
    shown changes it keeps it."""
    from game.ui.screens.game import GameScreen
    from game.ui.screens.report import ReportScreen, ledger

    from .helpers import answer_cards, end_turn

    app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("space")
        await end_turn(pilot)
        assert isinstance(app.screen, ReportScreen)
        report = app.session.st.reports[-1]
        groups = [(head, cs) for head, cs in ledger(app.session, report) if head != "Cards, chances and conditions"]
        assert len(groups) >= 2, groups
        # the first group's changes made too small to show (each leaves its number as written)
        tiny_head, tiny = groups[0]
        for c in tiny:
            c.after = c.before
        await pilot.press("enter")
        await settle(pilot)
        while not isinstance(app.screen, GameScreen):
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        lines = [line.strip() for line in app.screen.query_one("#report").lines]
        at = lines.index(tiny_head)
        n = len(tiny)
        assert lines[at + 1] == f"· {n} change{'s' if n > 1 else ''} too small to show", lines[at:at + 3]
        assert not any(line.startswith("· and") and lines[i - 1] in {h for h, _ in groups} for i, line in enumerate(lines))


# ---------------------------------------------------------------- the national picture at 120x40

@sync
async def test_the_low_is_good_arrow_follows_its_chart_at_120x40(tmp_path):
    """On turn 1 at 120x40 the panel read 'Iranian influence    45    ±0 ▄▄               ↓': the '↓' sat
    after the chart's whole room, far from the two points it marks. It now follows the chart."""
    from .helpers import answer_cards
    from .test_teacher_review import lines_of

    app = CeasefireApp(scenario="basra_2008", seed=12, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        game = await answer_cards(pilot)
        [row] = [line for line in lines_of(game.query_one("#metrics")) if "Iranian influence" in line]
        body = row.rstrip(" │")
        assert body.endswith(" ↓"), row
        before = body[:-2]
        assert before and before[-1] not in " ", row  # a chart's point right before the arrow


# ---------------------------------------------------------------- the card's preview at 80x24

@sync
async def test_the_card_preview_gets_the_blank_lines_at_80x24(tmp_path):
    """At 80x24 the preview under a card's options showed four or five lines of an option's effects ('The
    offensive stalls', option 1: the treasury, the chance, one effect, then '↓ more below'): a student had
    to Tab and scroll for each option. The blank lines above the text and the options (the options' border
    sets them apart) now go to the preview: two lines more."""
    from .helpers import past_briefing

    app = CeasefireApp(scenario="basra_short", seed=11, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        card = app.screen
        title, text = card.query_one("#card-title").region, card.query_one("#card-text-box").region
        options, preview = card.query_one("#card-options").region, card.query_one("#card-preview-box").region
        assert text.y == title.bottom and options.y == text.bottom, (title, text, options)
        assert preview.height >= 8, preview
        assert preview.bottom <= app.size.height - 2  # inside the card, above its border and the footer
