"""A play-tester's findings at 80x24: each checked on the real app, and each failed before its fix."""

from __future__ import annotations

from game.ui.app import CeasefireApp
from game.ui.screens.end import EndScreen

from .helpers import answer_cards, end_turn, past_briefing, play_to_end, settle, sync


def lines_of(widget) -> list[str]:
    """What `widget` shows, line by line."""
    return ["".join(s.text for s in widget.render_line(y)).rstrip() for y in range(widget.size.height)]


async def title_ready(pilot):
    await settle(pilot)
    await pilot.pause(0.3)  # the title reads the saves folder just after its first frame
    await settle(pilot)


async def help_lines(pilot) -> list[str]:
    """The help screen's lines, opened with ? from the title at the pilot's size."""
    from game.ui.screens.help import HelpScreen

    await title_ready(pilot)
    await pilot.press("question_mark")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    return lines_of(pilot.app.screen.query_one("#help"))


def continue_line(app) -> tuple[str, bool]:
    from textual.widgets import OptionList

    option = app.screen.query_one("#menu", OptionList).get_option("continue")
    return str(option.prompt), option.disabled


# ---------------------------------------------------------------- 1. Continue: the line and the key agree

@sync
async def test_continue_s_key_says_what_its_line_says_after_a_game_ended(mini_path, tmp_path):
    """'r Continue (your last game ended)', but r said 'No saved game to continue.' while Load listed the
    finished game's earlier, unfinished saves. Continue resumes a game still in progress; with none, the
    key says what the line says, and where those earlier saves are."""
    from game.saves.store import entries
    from game.ui.screens.title import TitleScreen

    first = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await play_to_end(pilot)
    listed = [e for e in entries(tmp_path) if e.ok]
    assert any(e.ended for e in listed) and any(not e.ended for e in listed)  # as the play-tester had them
    again = CeasefireApp(scenario=mini_path, saves_dir=str(tmp_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await title_ready(pilot)
        assert isinstance(again.screen, TitleScreen)
        line, disabled = continue_line(again)
        assert "your last game ended" in line and disabled, line
        again.clear_notifications()
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(again.screen, TitleScreen)
        said = [n.message for n in again._notifications]
        assert len(said) == 1 and "your last game ended" in said[0], said
        assert "no saved game" not in said[0].lower() and "l Load" in said[0], said
        assert continue_line(again)[0] == line  # the line still says the same


@sync
async def test_continue_s_key_resumes_the_game_its_line_names(mini_path, tmp_path):
    """With a game in progress saved, the line names it and r resumes exactly that game and turn."""
    first = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await end_turn(pilot)
        await settle(pilot)
    again = CeasefireApp(scenario=mini_path, saves_dir=str(tmp_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await title_ready(pilot)
        line, disabled = continue_line(again)
        assert not disabled and "turn 2" in line, line
        await pilot.press("r")
        await settle(pilot, 5)
        assert again.session is not None and again.session.turn == 2 and not again.session.ended


@sync
async def test_with_no_saves_continue_s_key_and_line_both_say_there_is_none(mini_path, tmp_path):
    app = CeasefireApp(scenario=mini_path, saves_dir=str(tmp_path / "none"))
    async with app.run_test(size=(80, 24)) as pilot:
        await title_ready(pilot)
        line, disabled = continue_line(app)
        assert "no saved game" in line and disabled, line
        app.clear_notifications()
        await pilot.press("r")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and "no saved game" in said[0], said


# ---------------------------------------------------------------- 2. the end screen's keys at 80 columns

@sync
async def test_every_key_of_the_end_screen_shows_in_its_bar_at_80_columns(mini_path, tmp_path):
    """At 80 columns the bar ran out after '? Help': 'c Codex' was cut (it shows at 120)."""
    from game.ui.widgets import KeyBar

    for size in ((80, 24), (120, 40)):
        app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path / f"{size[0]}"), direct=True)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            end = await play_to_end(pilot)
            assert isinstance(end, EndScreen)
            bar = end.query_one(KeyBar)
            shown = bar.render().plain
            items, _palette = bar._items()
            short = EndScreen.KEYBAR_SHORT if size[0] == 80 else {}  # (their shorter words, short of room)
            spare = EndScreen.KEYBAR_SPARE if size[0] == 80 else ()  # (keys that give way, short of room)
            for key, display, description, _on in items:
                said = short.get(key, description)
                if key in spare:
                    assert f"{display} {said}" not in shown, (size, display, shown)
                    continue
                assert f"{display} {said}" in shown, (size, display, said, shown)
            assert {"h", "r", "s", "d", "e", "n", "esc", "q", "?", "c"} <= {d for _, d, _, _ in items}
            assert len(shown.rstrip()) <= size[0]
            # every description a whole word of its own ('e Ends' read as a label cut off)
            assert "e Endings" in shown and " Ends " not in shown, shown
            if size[0] == 120:  # room enough: the descriptions whole, the palette too
                assert "n New game" in shown and "q Quit" in shown and "^p palette" in shown, shown
            else:  # and what gave way is still said: ctrl+q in the help, 'q quit' in the end text itself
                assert "q quit" in " ".join(" ".join(lines_of(end.query_one("#end"))).split())


# ---------------------------------------------------------------- 3. the help's key column at 80 columns

@sync
async def test_every_key_in_the_help_stays_whole_in_its_column_at_80_columns(mini_path):
    """'Enter / Escape /  continue' with 'Space' on the next line: every key now fits its column, on the
    line of its description."""
    from game.ui.screens.help import KEYS

    app = CeasefireApp(scenario=mini_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await help_lines(pilot)
        for _group, rows in KEYS:
            for key, text in rows:
                first = text.split()[0]
                assert any(line.strip().startswith(key) and f"{key}  " in line and first in line.split(key, 1)[1]
                           for line in lines), (key, [line for line in lines if key.split()[0] in line])
        assert any("Enter/Esc/Space" in line and "continue" in line for line in lines)


# ---------------------------------------------------------------- 4. the quick-save toast

@sync
async def test_the_quick_save_toast_never_cuts_the_file_name(short_dir):
    """'quicksave-basra_2008-2' / '1-eb3c34-t08.json': the toast broke the name across lines at 80
    columns. It says the turn and the folder, and the name on a line of its own where it fits whole."""
    from textual.widgets._toast import Toast

    for width, height in ((80, 24), (120, 40)):
        saves = short_dir / f"s{width}"
        app = CeasefireApp(scenario="basra_2008", seed=21, direct=True, saves_dir=str(saves))
        async with app.run_test(size=(width, height), notifications=True) as pilot:
            await settle(pilot)
            await past_briefing(pilot)
            app.clear_notifications()
            await pilot.press("ctrl+s")
            await settle(pilot, 4)
            [path] = saves.glob("quicksave-*.json")
            [toast] = app.screen.query(Toast)
            shown = [line.strip() for line in lines_of(toast) if line.strip()]
            assert shown[0] == "Quick save of turn 1", shown
            for line in shown:  # the name whole on one line, or not at all
                assert "quicksave" not in line and ".json" not in line or path.name in line, shown
            folder = shown[2:] if width == 120 else shown[1:]  # the name whole at 120 columns, too long at 80
            assert "".join(folder) == f"in {saves}/" and len(folder) <= 2, shown  # where it went
            if width == 120:
                assert shown[1] == path.name, shown
            assert len(shown) <= 4


# ---------------------------------------------------------------- 5. what the arrows measure

@sync
async def test_the_help_says_what_the_arrows_of_a_change_measure(mini_path):
    """'one to three arrows the rough size', yet −4 read ▼▼ on a patience and ▼ on a stance: the help says
    the arrows measure a change against its number's whole range, as they are computed."""
    from game.ui.text import size_arrows

    app = CeasefireApp(scenario=mini_path)
    async with app.run_test(size=(80, 24)) as pilot:
        text = " ".join(line.strip() for line in await help_lines(pilot))
        assert "rough size" not in text
        assert "against that number's whole range" in text, text[:600]
        assert "(▲ under 4% of it, ▲▲ under 10%, ▲▲▲ more)" in text
        assert "−4 is ▼▼ on a number from 0 to 100 but ▼ on a stance (−100 to +100)" in text
    # what it says is what they do
    assert size_arrows(-4, 100) == "▼▼" and size_arrows(-4, 200) == "▼"
    assert size_arrows(3, 100) == "▲" and size_arrows(9.9, 100) == "▲▲" and size_arrows(10, 100) == "▲▲▲"
