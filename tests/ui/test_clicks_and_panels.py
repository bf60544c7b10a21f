"""Clicks on cards, toasts, help and the national picture: rough edges found playing the short scenario by
keyboard and mouse at 80x24, 100x30 and 120x40."""

from __future__ import annotations

from textual._time import get_time

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen

from .helpers import drawn_card, first_card, past_briefing, settle, sync


# ---------------------------------------------------------------- a click waits as a key waits

DELAY = 1.0  # longer than the game's own (0.35 s), so that a slow machine still clicks within it


@sync
async def test_a_click_on_an_option_in_the_cards_first_instant_does_not_answer_it(mini_path, monkeypatch):
    """Keys typed in a card's first instant were held back (EventCardScreen.ANSWER_DELAY), but a click on an
    option answered the card at once, before it could be read."""
    monkeypatch.setattr(EventCardScreen, "ANSWER_DELAY", DELAY)
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        card = await first_card(pilot)
        first = app.session.card.id
        await pilot.click("#card-options", offset=(6, 1))  # option 1, in the card's first instant
        assert get_time() < card.drawn_at + DELAY, "the click came after the delay: the test proves nothing"
        await settle(pilot)
        assert app.screen is card and app.session.card.id == first
        assert not app.session.st.current.events  # not answered
        await pilot.pause(card.drawn_at + DELAY + 0.05 - get_time())
        await pilot.click("#card-options", offset=(6, 1))  # the same click, the card seen: it answers
        await settle(pilot)
        assert app.session.st.current.events[0][0] == first


@sync
async def test_a_double_click_answers_one_card_not_the_next(mini_path, monkeypatch):
    """The next card of a turn is drawn in the same list of options: the second click of a double click on
    the first card's option answered the next card, unseen."""
    monkeypatch.setattr(EventCardScreen, "ANSWER_DELAY", DELAY)
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        card = await first_card(pilot)
        assert len(app.session.st.queue + app.session.st.coming) >= 2, "the test needs a turn of two cards or more"
        await pilot.pause(card.drawn_at + DELAY + 0.05 - get_time())
        first = app.session.card.id
        await pilot.click("#card-options", offset=(6, 1), times=2)
        await settle(pilot)
        assert [e for e, _ in app.session.st.current.events] == [first]  # one card answered
        assert app.screen is card and app.session.card is not None and app.session.card.id != first


# ---------------------------------------------------------------- a toast's lines fit the toast

@sync
async def test_a_file_name_that_fills_a_toasts_line_is_not_cut(mini_path, tmp_path):
    """At 80x24 'd' on the end screen of basra_short, seed 5, showed 'basra_short-5-80eeac-t11.debrief.htm' and
    'l' on the next line: the toast's lines were reckoned one cell wider than they are (half the screen, not
    half the toast rack, which leaves out its scrollbar). Each line of a save's or a debrief's toast now fits
    the toast as Textual draws it, at every width."""
    from textual.widgets._toast import Toast

    from game.ui.app import toast_room

    written = tmp_path / "basra_short-5-80eeac-t11.debrief.html"  # 37 cells
    for width, height in ((80, 24), (81, 24), (100, 30), (101, 30), (120, 40), (140, 40)):
        app = CeasefireApp(scenario=mini_path, seed=1, direct=True, saves_dir=str(tmp_path))
        async with app.run_test(size=(width, height), notifications=True) as pilot:
            await settle(pilot)
            message = app.saved_toast("Debrief written", written, turn=False, name_lines=2)
            app.notify(message, markup=False, timeout=30)
            await settle(pilot)
            toast = app.screen.query(Toast).last()
            lines = message.split("\n")
            assert toast.content_size.width == toast_room(width), width
            assert all(len(line) <= toast.content_size.width for line in lines), (width, lines)
            assert toast.content_size.height == len(lines), (width, lines)  # no line wrapped
            assert written.name in lines or "".join(lines[1:3]) == written.name, (width, lines)


# ---------------------------------------------------------------- help from the briefing

@sync
async def test_help_opens_from_the_opening_briefing(mini_path):
    """'?' on the briefing that opens a new game did nothing (its key bar offered only Begin and the codex),
    though it is the first screen of every game and the card after it answers '?'."""
    from game.ui.screens.dialogs import BriefingScreen
    from game.ui.screens.help import HelpScreen
    from game.ui.widgets import KeyBar

    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen)
        bar = " ".join(str(briefing.query_one(KeyBar).render()).split())
        assert "? Help" in bar, bar
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen), key
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is briefing  # back on the briefing, the game not begun
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)


# ---------------------------------------------------------------- ±0 only for a number that moved

@sync
async def test_the_national_picture_tells_a_number_that_came_back_from_one_that_did_not_move(tmp_path):
    """basra_short, seed 5, turn 1 at 80x24: 'Fly to Basra' raised public confidence by 3 and 'Ask the Americans
    and British for air strikes' lowered it by 3. The panel read 'Public confidence 40 ±0', as it read
    'US commitment 65 ±0' for a number nothing had touched. Now '±0' is for a number that moved and came
    back, and a number that did not move has no change beside it."""
    from game.numbers import whole_step
    from game.ui.widgets import moved_since_turn_start, visible_metrics

    from .helpers import answer_card
    from .test_teacher_review import lines_of

    app = CeasefireApp(scenario="basra_short", seed=5, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        for key in ("2", "4", "2", "1"):  # as played: Fly to Basra, ask for air strikes, stay, close the offices
            await drawn_card(pilot)
            await pilot.press(key)
            await settle(pilot)
        while isinstance(app.screen, EventCardScreen):
            await answer_card(pilot)
        st, sc = app.session.st, app.session.sc
        confidence = [(c.before, c.after) for c in st.current.changes if c.target == "confidence"]
        assert len(confidence) >= 2 and confidence[0][0] == confidence[-1][1], confidence  # up, then back
        rows = {line.split("  ")[0].strip("│ "): line for line in lines_of(app.screen.query_one("#metrics"))}
        assert "Public confidence" in rows, rows
        assert " ±0 " in rows["Public confidence"], rows["Public confidence"]
        moved = moved_since_turn_start(sc, st)
        still = 0
        for m in visible_metrics(sc):
            i = sc.index[m.id]
            row = rows[m.label]
            if whole_step(st.history[-1][i], st.values[i]) != "±0":
                continue
            if m.id in moved:
                assert " ±0 " in row, row
            else:
                still += 1
                assert "±0" not in row and row.split()[len(m.label.split()) + 1][0] in "▁▂▃▄▅▆▇█", row
        assert still, "no number was left alone on turn 1"
        await pilot.press("question_mark")
        await settle(pilot)
        text = " ".join(" ".join(lines_of(app.screen.query_one("#help"))).split())
        assert '"±0" when it moved and came back, nothing when nothing moved it' in text, text


@sync
async def test_a_click_on_a_greyed_option_says_it_is_not_available(mini_path):
    """The number of a greyed option says 'Option 2 is not available now.'; a click on it did nothing at all."""
    app = CeasefireApp(scenario=mini_path, seed=1, direct=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        card = await first_card(pilot)
        ol = card.query_one("#card-options")
        assert ol.option_count >= 2
        ol.disable_option_at_index(1)  # as a card greys an option whose condition does not hold
        await settle(pilot)
        first = app.session.card.id
        lines = ["".join(s.text for s in ol.render_line(y)) for y in range(ol.size.height)]  # (inside the border)
        row = 1 + next(y for y, line in enumerate(lines) if line.startswith("2. "))
        app.clear_notifications()
        await pilot.click("#card-options", offset=(6, row))
        await settle(pilot)
        assert app.session.card.id == first and not app.session.st.current.events  # not answered
        assert [n.message for n in app._notifications] == ["Option 2 is not available now."]
