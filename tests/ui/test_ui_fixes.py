"""A QA pass's findings on the card, the history, the save toasts and small windows: each checked on the real
app, with real content (or the test scenario and a small mod of it), the way a player meets it."""

from __future__ import annotations

from pathlib import Path

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen
from game.ui.screens.report import render_report

from .helpers import past_briefing, settle, sync

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


def words_of(widget) -> str:
    """What a Static shows, as plain text (its lines joined with spaces)."""
    r = widget.render()
    return " ".join(getattr(r, "plain", str(r)).split())


def card_head(app) -> str:
    return words_of(app.screen.query_one("#card-title"))


async def choose(pilot, option_id: str) -> None:
    """Press the number of the current card's option `option_id`."""
    s = pilot.app.session
    ids = [o.id for o in s.shown_options(s.card)]
    await pilot.press(str(ids.index(option_id) + 1))
    await settle(pilot)


# ---------------------------------------------------------------- 1. two cards brought by one choice

def two_follow_ups_mod(folder: Path) -> Path:
    """A mod of the test scenario: waiting on the opening card brings two cards this turn (the envoy, then the
    first week, in that order), and the purge is not drawn on turn 1 (so the turn begins with one card)."""
    crisis = (MINI / "events" / "crisis.toml").read_text(encoding="utf-8")
    opening = crisis[:crisis.index("[[event]]", 10)]
    chain = 'chain = [{ event = "mini.envoy", delay = 0 }]'
    assert opening.count(chain) == 1
    opening = opening.replace(chain, 'chain = [{ event = "mini.envoy", delay = 0 }, { event = "mini.first_week", delay = 0 }]')
    drawn = (MINI / "events" / "random.toml").read_text(encoding="utf-8")
    purge = drawn[:drawn.index("[[event]]", 10)]
    assert 'id = "mini.purge"' in purge and "min_turn" not in purge
    purge = purge.replace("cooldown_turns = 2", "cooldown_turns = 2\nmin_turn = 2")
    mod = folder / "two_follow_ups"
    (mod / "events").mkdir(parents=True)
    (mod / "events" / "follow_ups.toml").write_text(opening + "\n" + purge, encoding="utf-8")
    return mod


@sync
async def test_two_cards_one_choice_brings_come_in_written_order_and_the_count_says_the_choice_added_them(tmp_path):
    """The opening card is the turn's only one; waiting brings the envoy and the first week, written in that
    order. They came in reverse order (each went first), and the count read 'card 2 of 3' with no word of
    where the two came from (a turn of one card had no count to compare with)."""
    mod = two_follow_ups_mod(tmp_path)
    app = CeasefireApp(scenario=str(MINI), seed=1, mods=[str(mod)], direct=True, saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)
        assert app.session.st.queue + app.session.st.coming == ["mini.opening"]
        assert "card 1 of" not in card_head(app)  # one card: no count
        await choose(pilot, "wait")
        assert app.session.st.queue + app.session.st.coming == ["mini.envoy", "mini.first_week"]
        head = card_head(app)
        assert "card 2 of 3 (your choice added 2)" in head and "An envoy arrives" in head, head
        await choose(pilot, "accept")
        head = card_head(app)
        assert "card 3 of 3 (2 added this turn)" in head and "The first week" in head, head


@sync
async def test_a_card_an_answer_made_moot_is_set_aside_and_the_count_says_so(tmp_path):
    """Each card is dealt when it comes up (rule 3): the first week, brought by waiting on the opening card,
    no longer applies once the envoy's mediation is accepted (a mod gives it that condition), so it is set
    aside unseen, and the purge drawn for the turn comes next. When all of a turn's cards were dealt as it
    began, such a card came all the same (a card of the Basra offensive after the player halted it)."""
    crisis = (MINI / "events" / "crisis.toml").read_text(encoding="utf-8")
    opening = crisis[:crisis.index("[[event]]", 10)]
    chain = 'chain = [{ event = "mini.envoy", delay = 0 }]'
    opening = opening.replace(chain, 'chain = [{ event = "mini.envoy", delay = 0 }, { event = "mini.first_week", delay = 0 }]')
    start = crisis.index('[[event]]\nid = "mini.first_week"')
    end = crisis.find("[[event]]", start + 10)
    first_week = crisis[start:end if end > 0 else None]
    first_week = first_week.replace("triggered_only = true", "triggered_only = true\nwhen = \"not flag('mediated')\"")
    assert "when =" in first_week and "set_flag = \"mediated\"" in crisis
    mod = tmp_path / "moot"
    (mod / "events").mkdir(parents=True)
    (mod / "events" / "moot.toml").write_text(opening + "\n" + first_week, encoding="utf-8")
    app = CeasefireApp(scenario=str(MINI), seed=1, mods=[str(mod)], direct=True, saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        st = app.session.st
        assert st.queue + st.coming == ["mini.opening", "mini.purge"]
        await choose(pilot, "wait")
        assert st.queue + st.coming == ["mini.envoy", "mini.first_week", "mini.purge"]
        assert "card 2 of 4 (your choice added 2)" in card_head(app)
        await choose(pilot, "accept")
        head = card_head(app)
        assert app.session.card.id == "mini.purge" and "mini.first_week" not in st.fired
        assert "card 3 of 3 (your choice set aside 1)" in head, head
        assert st.current.set_aside == ["mini.first_week"]  # and the turn's report names it
        said = render_report(app.session, st.current).plain
        assert "Set aside unseen: The first week (your answers this turn made it moot)" in said, said


@sync
async def test_leading_from_basra_brings_the_first_week_then_the_palace_as_written(tmp_path):
    """The campaign's first card: leading from Basra chains the first week, then the mortars on the palace
    (basra.toml writes them so); the palace came first."""
    app = CeasefireApp(scenario="basra_2008", seed=2, direct=True, saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert app.session.card.id == "basra.charge_of_knights"
        assert "card 1 of 2" in card_head(app)
        await choose(pilot, "lead_from_basra")
        assert (app.session.st.queue + app.session.st.coming)[:2] == ["basra.first_week", "basra.pm_palace"]
        head = card_head(app)
        assert "card 2 of 4 (your choice added 2)" in head and "The offensive stalls" in head, head
        await pilot.press("1")
        await settle(pilot)
        head = card_head(app)
        assert "card 3 of 4 (2 added this turn)" in head and "Mortars on the palace" in head, head


# ---------------------------------------------------------------- 2. the history's small steps

@sync
async def test_the_history_draws_a_point_as_a_step_and_no_change_flat_as_its_legend_says(tmp_path):
    """The legend said a small change draws a small step, but a move of one to three points on a 0..100
    number drew flat (the span was at least a tenth of the range: a point was 0.8 of a block, rounded
    away). Every row of a real game's history now draws as the legend says: values within 7 points, a
    block a point; none changing, flat; further apart, lowest to highest."""
    from game.ui.screens.history import HistoryScreen, RangeChart
    from game.ui.text import BLOCKS, as_written

    from .helpers import answer_cards, end_turn, open_by_key

    app = CeasefireApp(scenario="basra_2008", seed=5, direct=True, saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await answer_cards(pilot)
            await end_turn(pilot)
            await pilot.press("enter")
            await settle(pilot)
        await answer_cards(pilot)
        history = await open_by_key(pilot, "h", HistoryScreen)
        legend = words_of(history.query_one("#history-title"))
        # (said plainly since: 'rises a step a point' read as a riddle; the blocks named are the ones drawn)
        assert ("Within 7 points each step is one point (flat: no change); a wider move runs from its lowest (▁) "
                "to its highest (▇), in brackets") in legend, legend
        kinds = {"flat": 0, "small": 0, "wide": 0}
        for graph in history.query(RangeChart):
            drawn = str(graph.render()).rstrip()  # (the width's last columns, fewer than a turn's, stay blank)
            n, w = len(graph.values), len(drawn)
            assert w > 20 and w % n == 0  # every turn as wide as the others
            written = [as_written(graph.values[c // (w // n)], graph.num) for c in range(w)]  # each column's turn
            moved = max(written) - min(written)
            if moved == 0:
                kinds["flat"] += 1
                assert set(drawn) == {"▄"}, drawn
            elif moved <= 7:
                kinds["small"] += 1
                for block, value in zip(drawn, written):  # a block a point, from the first column's height
                    assert BLOCKS.index(block) - BLOCKS.index(drawn[0]) == round(value - written[0]), (written, drawn)
            else:
                kinds["wide"] += 1
                assert {drawn[written.index(min(written))], drawn[written.index(max(written))]} == {"▁", "▇"}, drawn
        assert kinds["flat"] and kinds["wide"] and kinds["small"] >= 3, kinds
        # a move of one point, as the panels write it, is a step, on a 0..100 number and on a −100..100 stance
        one = [(g, str(g.render())) for g in history.query(RangeChart)
               if {as_written(v, g.num) for v in g.values} and
               max(as_written(v, g.num) for v in g.values) - min(as_written(v, g.num) for v in g.values) == 1]
        assert one and all(len(set(drawn.rstrip())) == 2 for _, drawn in one), one


# ---------------------------------------------------------------- 3. the preview's "more" sign

@sync
async def test_the_card_preview_sign_shows_exactly_when_lines_are_hidden_and_says_which_way(tmp_path):
    """The sign was marked once after a new preview, before its height was known: on some options (the
    rockets on the Green Zone, the testimony in Washington, at 80x24) the preview ran past its box with no
    sign, on others a sign stood under a preview that fitted; and it said '↓ more below: Tab, then ↓'
    wherever the preview was scrolled to. Now, on every option of four turns' cards: a sign exactly when
    lines are out of sight, naming the way they lie, following the scroll."""
    from game.ui.screens.game import GameScreen

    from .helpers import end_turn

    app = CeasefireApp(scenario="basra_2008", seed=1, direct=True, saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        seen, scrolled = 0, 0
        for _ in range(4):
            while isinstance(app.screen, EventCardScreen):
                card = app.screen
                ol, box, sign = card.query_one("#card-options"), card.query_one("#card-preview-box"), card.query_one("#card-more")
                for i in range(ol.option_count):
                    ol.highlighted = i
                    await settle(pilot, 4)
                    seen += 1
                    where = (app.session.card.id, i, box.max_scroll_y)
                    if box.max_scroll_y == 0:
                        assert not sign.display, where
                        continue
                    assert sign.display and words_of(sign) == "↓ more below: Tab, then ↓ to read it", where
                    if box.max_scroll_y >= 2 and not scrolled:  # read it partway, to the end, and back
                        scrolled += 1
                        await pilot.press("tab")
                        await settle(pilot)
                        assert box.has_focus and words_of(sign) == "↓ more below · shift+Tab: back"  # the keys are the box's now
                        await pilot.press("down")
                        await settle(pilot)
                        assert 0 < box.scroll_y < box.max_scroll_y and words_of(sign) == "↑↓ more · shift+Tab: back"
                        await pilot.press("end")
                        await settle(pilot)
                        assert sign.display and words_of(sign) == "↑ more above · shift+Tab: back"
                        await pilot.press("home", "shift+tab")
                        await settle(pilot)
                        assert ol.has_focus and words_of(sign) == "↓ more below: Tab, then ↓ to read it"
                await pilot.press("1")
                await settle(pilot)
            assert isinstance(app.screen, GameScreen)
            await end_turn(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert seen > 20 and scrolled


# ---------------------------------------------------------------- 4. quick-save toasts

@sync
async def test_quick_saves_pressed_again_and_again_show_one_toast_clear_of_the_card_options(tmp_path):
    """ctrl+s (or w) pressed four times on a card stacked four toasts of five lines each, over the right half
    of the card's options. Each quick save now takes the place of the one before: one toast, the newest,
    below the options at 80x24."""
    from textual.widgets._toast import Toast  # (Textual 8 exports it from no public module)

    saves = tmp_path / "saves"
    app = CeasefireApp(scenario="basra_2008", seed=7, direct=True, saves_dir=str(saves))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # (the toasts drawn, as in play)
        await settle(pilot)
        await past_briefing(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen)
        app.clear_notifications()
        for key in ("ctrl+s", "w", "ctrl+s", "w"):
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot, 3)
        assert app.screen is card
        [path] = saves.glob("quicksave-*.json")
        said = app.saved_toast("Quick save", path)
        assert said.startswith("Quick save of turn 1\n")
        assert [n.message for n in app._notifications] == [said]
        toasts = list(card.query(Toast))
        assert len(toasts) == 1, toasts
        options = card.query_one("#card-options").region
        assert options.height and not toasts[0].region.overlaps(options), (toasts[0].region, options)
        # another kind of toast still shows beside it; the next quick save replaces only its own
        app.notify("Another message", markup=False)
        await pilot.press("ctrl+s")
        await settle(pilot, 4)
        assert sorted(n.message for n in app._notifications) == ["Another message", said]
        assert len(card.query(Toast)) == 2


# ---------------------------------------------------------------- 5. a window below 80x24

def too_small(screen) -> bool:
    """Whether the screen shows the size message and hides what it lays out for 80x24."""
    from game.ui.widgets import TooSmall

    message = screen.query_one(TooSmall)
    hidden = all(not w.display for w in screen.query(".needs-room"))
    assert message.display == hidden == screen.has_class("-too-small"), (screen, message.display, hidden)
    return message.display


@sync
async def test_the_save_dialog_below_80x24_shows_the_size_message_and_keeps_the_name_typed(tmp_path):
    """At 60x20 the main screen asked for a larger window, but the save dialog opened over it drew itself
    cut (and at 70x8 over the key bar). It now shows the size message too; what is typed meanwhile goes
    nowhere and Escape does not throw the name away unseen; at 80x24 it is back with the name and the
    cursor in its field, and Enter saves under it."""
    from game.ui.screens.dialogs import SaveNameDialog

    from .helpers import answer_cards

    saves = tmp_path / "saves"
    app = CeasefireApp(scenario="basra_2008", seed=3, direct=True, saves_dir=str(saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        game = await answer_cards(pilot)
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveNameDialog) and not too_small(dialog)
        field = dialog.query_one("#save-name")
        await pilot.press("ctrl+u", *"amal")
        await settle(pilot)
        assert field.value == "amal" and field.has_focus
        for size in ((60, 20), (79, 24), (80, 23)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert app.screen is dialog and too_small(dialog), size
            said = words_of(dialog.query_one("TooSmall"))
            assert f"this one is {size[0]}×{size[1]}" in said, said
        await pilot.press("x", "escape", "enter")  # nothing typed, cancelled or saved unseen
        await settle(pilot)
        assert app.screen is dialog and field.value == "amal" and not list(saves.glob("*.json"))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not too_small(dialog) and field.has_focus and field.value == "amal"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is game and [p.name for p in saves.glob("*.json")] == ["amal.json"]
        # the same name again: 'Replace the save?' waits for room too, its safe button still the one focused
        from game.ui.screens.dialogs import ConfirmDialog

        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")  # the name offered is the one this game was saved under
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog) and confirm.query_one("#no").has_focus
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert too_small(confirm)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is confirm
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not too_small(confirm) and confirm.query_one("#no").has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is game
        # the main screen, under a full screen while the window shrank, asks for room when it comes back
        await pilot.press("h")
        await settle(pilot)
        await pilot.resize_terminal(70, 22)
        await settle(pilot)
        assert too_small(app.screen)  # the history: its charts were a few columns wide
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is game and too_small(game)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not too_small(game)


@sync
async def test_the_end_screen_below_80x24_shows_the_size_message_and_comes_back(tmp_path):
    """The end screen drew its text cut and rewrapped below 80x24 (its key bar lost its last keys). It now
    shows the size message until the window is large enough, then the ending as it was."""
    from game.saves.store import save_named
    from game.ui.screens.end import EndScreen

    from .test_qa_findings import finish

    from game.content import loader
    from game.engine.session import Session

    game = Session.new(loader.load("basra_2008"), 3)
    finish(game)  # the campaign played to its end through the engine
    path = save_named(game, "finished", tmp_path / "saves")
    app = CeasefireApp(load=str(path), saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot, 5)
        end = app.screen
        assert isinstance(end, EndScreen) and too_small(end)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not too_small(end) and end.query_one("#end-box").has_focus
        assert "The game ended on turn" in words_of(end.query_one("#end"))
        await pilot.resize_terminal(100, 23)
        await settle(pilot)
        assert too_small(end)


@sync
async def test_the_new_game_dialog_waits_for_room_with_what_was_typed(tmp_path):
    """At 60x20 the new-game dialog lost its Start button and its line of keys below the edge. It shows
    the size message instead; the seed typed is kept, and Escape and ctrl+r do nothing unseen."""
    from game.ui.screens.dialogs import BriefingScreen
    from game.ui.screens.title import NewGameScreen

    app = CeasefireApp(saves_dir=str(tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewGameScreen) and not too_small(dialog)
        seed = dialog.query_one("#seed")
        seed.focus()
        await pilot.press("ctrl+u", *"4242")
        await settle(pilot)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert too_small(dialog)
        await pilot.press("ctrl+r", "escape", "enter")
        await settle(pilot)
        assert app.screen is dialog and seed.value == "4242"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not too_small(dialog) and seed.has_focus
        await pilot.press("enter")  # starts the game: its briefing first
        await settle(pilot, 5)
        assert isinstance(app.screen, BriefingScreen) and app.session.st.seed == 4242
