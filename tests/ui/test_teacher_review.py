"""Fixes from a teacher's review of a classroom run, each checked on the real app as a player meets it."""

from __future__ import annotations

from game.saves.savefile import game_id
from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen

from .helpers import past_briefing, settle, sync


def lines_of(widget) -> list[str]:
    """What `widget` shows, line by line."""
    return ["".join(s.text for s in widget.render_line(y)).rstrip() for y in range(widget.size.height)]


@sync
async def test_an_invented_event_says_so_on_its_card_and_a_historical_one_does_not():
    """The debrief alone said an event was invented: the card says it too, on its quiet first line (so no
    option is pushed down at 80x24); a historical card shows nothing extra."""
    app = CeasefireApp(scenario="basra_2008", seed=2, direct=True)  # turn 1: the Basra offensive, then police cells
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        seen = {True: 0, False: 0}
        while isinstance(app.screen, EventCardScreen) and not all(seen.values()):
            card = app.screen
            ev = app.session.card.model
            title = card.query_one("#card-title")
            shown = lines_of(title)
            assert len(shown) == 2, shown  # the turn line and the title: the marker takes no line of its own
            assert ("invented for the game" in shown[0]) == ev.invented, (ev.title, shown)
            assert "invented" not in shown[1].lower() or "invented" in ev.title.lower()
            ol = card.query_one("#card-options")
            assert ol.region.bottom <= card.query_one("#card").region.bottom  # the options are on the screen
            seen[ev.invented] += 1
            await pilot.press("1")
            await settle(pilot)
        assert seen[True] and seen[False], seen


@sync
async def test_the_new_game_seed_field_says_it_takes_a_class_code():
    """The Seed field took a class code, but said so only in a placeholder hidden under the seed it always
    holds: a hint beside it says so, on one line at 80x24, and the dialog still fits (Start on screen).
    Emptied, the field's own placeholder says it too; a class code typed there starts that world."""
    from textual.widgets import Button, Input

    from game.classroom.codes import encode
    from game.ui.screens.title import NewGameScreen

    app = CeasefireApp(scenario="basra_2008", seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewGameScreen)
        hint = [ln.strip() for ln in lines_of(dialog.query_one("#seed-hint")) if ln.strip()]
        assert hint == ["a number, or your teacher's class code"]
        seed = dialog.query_one("#seed", Input)
        assert dialog.query_one("#seed-hint").region.y == seed.region.y  # beside the field, not a line below it
        assert dialog.query_one("#start", Button).region.bottom <= 23  # the dialog still fits above the key bar
        seed.value = ""
        await settle(pilot)
        assert "code" in "".join(lines_of(seed))  # the placeholder, now that the field is empty
        code = encode("basra_short", 4242, None)
        seed.value = code
        seed.focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None and app.session.sc.id == "basra_short" and app.session.st.seed == 4242


@sync
async def test_ctrl_s_saves_at_once_under_the_games_quick_save_name(tmp_path):
    """There was no key to save during play without a dialog: ctrl+s saves at once, on the card and on the
    main screen, under this game's and turn's quick-save name, and one toast names the file. The key is in
    the footer at 80x24 with every other key, even while a card waits ("b Event")."""
    from game.saves.store import load_session
    from game.ui.screens.game import GameScreen
    from game.ui.widgets import KeyBar

    saves = tmp_path / "saves"
    app = CeasefireApp(scenario="basra_2008", seed=7, direct=True, saves_dir=str(saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)
        assert "w Save now" in app.screen.query_one(KeyBar).render().plain
        await pilot.press("1")  # one card answered, the rest waiting
        await settle(pilot)
        waiting = (list(app.session.st.queue), list(app.session.st.coming))
        assert waiting[0]
        app.clear_notifications()
        await pilot.press("ctrl+s")  # on the card
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)  # no dialog: saved at once
        files = list(saves.glob("*.json"))
        assert [f.name for f in files] == [f"quicksave-basra_2008-7-{game_id(app.session)}-t01.json"]
        toasts = list(app._notifications)
        assert len(toasts) == 1 and toasts[0].message == app.saved_toast("Quick save", files[0])
        assert toasts[0].message.startswith("Quick save of turn 1\n")  # the name only where it fits whole
        session, _ = load_session(files[0])
        assert session.turn == 1 and (session.st.queue, session.st.coming) == waiting  # the game as it stood, cards and all
        assert session.st.current.events == app.session.st.current.events

        await pilot.press("escape")  # a look at the map: the card waits
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        bar = app.screen.query_one(KeyBar).render().plain
        for key in ("e End turn", "b Event", "s Save", "w Save now", "esc Menu", "? Help", "c Codex"):
            assert key in bar, bar
        await pilot.press("ctrl+s")  # on the main screen, the same turn: its own quick save again, no other file
        await settle(pilot)
        assert isinstance(app.screen, GameScreen) and list(saves.glob("*.json")) == files


@sync
async def test_w_saves_at_once_too_for_a_browser_that_keeps_ctrl_s(tmp_path):
    """Under `ceasefire serve` a browser may take ctrl+s for itself ("Save page"): w does the same quick
    save, on the card and on the main screen, and the help says so."""
    from game.ui.screens.game import GameScreen
    from game.ui.screens.help import KEYS

    saves = tmp_path / "saves"
    app = CeasefireApp(scenario="basra_2008", seed=7, direct=True, saves_dir=str(saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)
        await pilot.press("w")  # on the card
        await settle(pilot)
        assert isinstance(app.screen, EventCardScreen)
        files = list(saves.glob("*.json"))
        assert [f.name for f in files] == [f"quicksave-basra_2008-7-{game_id(app.session)}-t01.json"]
        files[0].unlink()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("w")  # on the main screen
        await settle(pilot)
        assert [f.name for f in saves.glob("*.json")] == [files[0].name]
    assert any(key == "ctrl+s or w" for _, rows in KEYS for key, _ in rows)


@sync
async def test_s_on_a_card_saves_under_a_name_and_the_card_waits(tmp_path):
    """`s` did nothing on a card (QA): it asks a name there too, as on the main screen, and the card stays."""
    from textual.widgets import Input

    saves = tmp_path / "saves"
    app = CeasefireApp(scenario="basra_2008", seed=7, direct=True, saves_dir=str(saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#save-name", Input).value = "amal-and-ben"
        await pilot.press("enter")
        await settle(pilot)
        assert (saves / "amal-and-ben.json").is_file()
        assert app.screen is card and app.session.card is not None


@sync
async def test_a_quick_save_never_replaces_the_players_named_save_or_another_games(tmp_path):
    """A pair's named save stays as they saved it, and stays the name the game offers them; two games of one
    class code on one computer each get a quick save of their own. A quick save is known as the game's own
    (like an autosave): the debrief calls it 'game <id>', the load screen 'quick save'."""
    from textual.widgets import Input

    from game.debrief.model import game_name
    from game.ui.screens.dialogs import save_line
    from game.saves.store import entries

    saves = tmp_path / "saves"
    found = []
    for _ in range(2):  # two games of the same world
        app = CeasefireApp(scenario="basra_2008", seed=3, direct=True, saves_dir=str(saves))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await past_briefing(pilot)
            await pilot.press("escape")  # to the main screen, the card waiting
            await settle(pilot)
            if not found:
                await pilot.press("s")
                await settle(pilot)
                app.screen.query_one("#save-name", Input).value = "amal-and-ben"
                await pilot.press("enter")
                await settle(pilot)
                named = saves / "amal-and-ben.json"
                before = named.read_bytes()
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert named.read_bytes() == before  # the named save is not touched
            assert app.named_save == str(named) if not found else app.named_save is None
            quick = saves / f"quicksave-basra_2008-3-{game_id(app.session)}-t01.json"
            assert quick.is_file() and app.last_save == str(quick)
            found.append(quick)
            if len(found) == 1:
                await pilot.press("s")  # the save dialog still offers the pair's name, not the quick save's
                await settle(pilot)
                assert app.screen.query_one("#save-name", Input).value == "amal-and-ben"
                await pilot.press("escape")
                await settle(pilot)
    assert found[0] != found[1] and all(p.is_file() for p in found)
    assert len(list(saves.glob("*.json"))) == 3
    gid = found[0].stem.split("-")[-2]
    assert game_name(found[0]) == f"game {gid}"
    entry = next(e for e in entries(saves) if e.path == found[0])
    head = save_line(entry.path, entry).renderables[0].plain
    assert head.endswith("  quick save") and "quicksave-" not in head


@sync
async def test_flags_read_as_a_status_that_begins_or_ends_in_previews_and_reports():
    """Flags showed as "sets 'offensive begun'" in a card's preview and "'offensive begun' set: ..." in the
    report: they read as the status they are, 'now: <the flag's words>' ([[flag]] labels in flags.toml), as
    the actors panel lists them."""
    from game.ui.screens.report import ReportScreen
    from game.ui.widgets import TextView

    from .helpers import answer_card, end_turn

    app = CeasefireApp(scenario="basra_2008", seed=1, direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await past_briefing(pilot)
        card = app.screen
        assert isinstance(card, EventCardScreen) and app.session.card.id == "basra.charge_of_knights"
        from textual.widgets import OptionList

        ev = app.session.card  # highlight the written first option (it begins the offensive), wherever it is shown
        card.query_one("#card-options", OptionList).highlighted = app.session.shown_options(ev).index(ev.options[0])
        await settle(pilot)
        preview = "\n".join(lines_of(card.query_one("#card-preview")))
        assert "• now: the Basra offensive is under way" in preview, preview
        assert "sets" not in preview and "‘" not in preview
        await pilot.press("enter")  # choose it
        await settle(pilot)
        while isinstance(app.screen, EventCardScreen):
            await answer_card(pilot)
        await end_turn(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        lines = report.query_one("#report", TextView).lines  # the report's lines as it lays them out at 80
        assert any(ln.startswith("  • Now: the Basra offensive is under way — ") for ln in lines), lines
        text = "\n".join(lines)
        assert "’ set" not in text and "’ cleared" not in text


@sync
async def test_a_card_lists_its_options_in_the_worlds_order_and_a_number_picks_what_it_shows():
    """With shuffle_options the card shows the options in the order Session.shown_options makes from
    the seed; '1' picks the first one shown, not the first one written."""
    from textual.widgets import OptionList

    for seed in range(1, 30):  # a world whose first card does not show its options as written
        app = CeasefireApp(scenario="basra_2008", seed=seed, direct=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await past_briefing(pilot)
            s, card = app.session, app.screen
            ev = s.card
            shown = s.shown_options(ev)
            if shown == list(ev.options):
                continue
            listed = [o.id for o in card.query_one("#card-options", OptionList).options]
            assert listed == [o.id for o in shown]
            first = next(o for o in shown if s.option_availability(o).ok)
            await pilot.press(str(shown.index(first) + 1))
            await settle(pilot)
            assert s.st.chosen.get(f"{ev.id}/{first.id}") == 1
            return
    raise AssertionError("every world showed the first card's options as written")
