"""The end screen writes the game's debrief on a key (players in a browser have no shell)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from html.parser import HTMLParser
from pathlib import Path

from game.ui.app import CeasefireApp
from game.ui.screens.end import EndScreen

from .helpers import play_to_end, settle, sync


@asynccontextmanager
async def at_the_end(mini_path, tmp_path, seed: int = 2):
    """(app, pilot, end screen) of the test scenario played to its end by keys (seed 2: the best
    ending, 'The state holds'; seed 1: 'Muddling through')."""
    app = CeasefireApp(scenario=mini_path, seed=seed, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        end = await play_to_end(pilot)
        assert isinstance(end, EndScreen)
        yield app, pilot, end


@sync
async def test_d_on_the_end_screen_writes_the_debrief(mini_path, tmp_path):
    async with at_the_end(mini_path, tmp_path) as (app, pilot, end):
        await pilot.press("d")
        await settle(pilot)
        written = Path(end.debrief_path)
        assert written.parent == tmp_path and written.name.endswith(".debrief.html")
        html = written.read_text()
        HTMLParser().feed(html)
        assert "<svg" in html and app.session.sc.events["mini.opening"].model.title in html
        from game.saves.savefile import game_id

        gid = game_id(app.session)
        assert f"game {gid}" in html and "<title>Debrief: " in html  # the game's name, as the class report gives it
        assert "t0" not in html.split("<title>")[1].split("</title>")[0]  # not the file's name
        # where it is stays on the screen after its toast has gone
        app.clear_notifications()
        await settle(pilot)
        assert f"Written: {written}" in str(end.query_one("#end").render())


@sync
async def test_e_on_the_end_screen_shows_every_ending_and_how_it_scores(mini_path, tmp_path):
    from game.ui.screens.codex import ENDINGS_ID, CodexScreen

    async with at_the_end(mini_path, tmp_path) as (app, pilot, end):
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CodexScreen) and app.screen.current == ENDINGS_ID
        body = str(app.screen.query_one("#codex-body").render())
        assert all(e.model.title in body for e in app.session.sc.endings) and "Score:" in body
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is end


@sync
async def test_a_game_saved_under_the_pairs_name_gets_its_debrief_and_the_next_save_under_that_name(mini_path, tmp_path):
    """The end screen's debrief was named after the autosave id ('mini-...-t08.debrief.html') even when
    the pair had saved as 'amal-and-ben', and the save dialog offered 'mini-turn8' again."""
    from textual.widgets import Input

    async with at_the_end(mini_path, tmp_path) as (app, pilot, end):
        await pilot.press("s")
        await settle(pilot)
        box = app.screen.query_one(Input)
        box.value = "amal-and-ben"
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "amal-and-ben.json").exists()
        text = str(end.query_one("#end").render())
        assert "amal-and-ben.json" in text and "autosave" not in text  # the screen names the save just made
        await pilot.press("d")
        await settle(pilot)
        written = Path(end.debrief_path)
        assert written.name == "amal-and-ben.debrief.html"
        assert "— amal-and-ben</title>" in written.read_text()  # the game called by the pair's name
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "amal-and-ben"  # the name it was saved under


@sync
async def test_the_end_screen_says_what_a_better_ending_needed(mini_path, tmp_path):
    """A game that ran its course and missed the better ending is told which of its conditions failed,
    with the game's own values (the 'why' under the ending only recited the rule)."""
    from game.debrief.missed import missed_endings

    for seed, reached in ((1, "muddle"), (2, "success")):
        async with at_the_end(mini_path, tmp_path, seed) as (app, pilot, end):
            s = app.session
            assert s.st.ending == reached
            missed = missed_endings(s.sc, s.st)
            shown = str(end.query_one("#end").render())
            if reached == "success":  # the best there is: nothing was missed, and nothing is said
                assert missed == [] and "What a better ending needed" not in shown
                continue
            assert [m.id for m in missed] == ["success"]
            after = shown.split("What a better ending needed")[1]
            assert "The state holds" in after
            for c in missed[0].clauses:
                assert ("✓ " if c.held else "✗ ") + c.words in after
            assert any(not c.held for c in missed[0].clauses)


@sync
async def test_in_a_served_game_d_opens_the_debrief_in_the_players_browser(mini_path, tmp_path, monkeypatch):
    """Played in a browser (ceasefire serve), the written page's path is on the teacher's computer: the end
    screen names the server's list of debriefs instead, and d opens the page the server lists there."""
    monkeypatch.setenv("CEASEFIRE_DEBRIEFS_URL", "http://127.0.0.1:8742/debriefs/")
    async with at_the_end(mini_path, tmp_path) as (app, pilot, end):
        shown = str(end.query_one("#end").render())
        assert "http://127.0.0.1:8742/debriefs/" in shown and "ceasefire debrief" not in shown
        opened = []
        monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
        await pilot.press("d")
        await settle(pilot)
        name = Path(end.debrief_path).name
        assert opened == [f"http://127.0.0.1:8742/debriefs/{name}"]
        assert (tmp_path / name).is_file()
        assert any(f"/debriefs/{name}" in str(n.message) for n in app._notifications)
        shown = str(end.query_one("#end").render())  # the page's address stays said, not the teacher's path
        assert f"Written: http://127.0.0.1:8742/debriefs/{name}" in shown and str(tmp_path) not in shown
        assert not any(str(tmp_path) in str(n.message) for n in app._notifications)


@sync
async def test_the_end_screen_names_the_year_the_scenario_is_set_in(mini_path, tmp_path):
    """The end screen promised 'what really happened in 2008' whatever the scenario's year: a copy of the
    test scenario set in 2011 names 2011 (and its debrief does too)."""
    import shutil

    copy = tmp_path / "mini_2011"
    shutil.copytree(mini_path, copy)
    for p in copy.rglob("*.toml"):
        p.write_text(p.read_text(encoding="utf-8").replace("2008", "2011"), encoding="utf-8")
    async with at_the_end(str(copy), tmp_path) as (app, pilot, end):
        text = str(end.query_one("#end").render())
        assert "what really happened in 2011" in text and "2008" not in text
        await pilot.press("d")
        await settle(pilot)
        html = Path(end.debrief_path).read_text()
        assert "What really happened in 2011" in html and "2008" not in html


@sync
async def test_the_end_screen_of_a_game_set_in_2008_names_2008(mini_path, tmp_path):
    async with at_the_end(mini_path, tmp_path) as (app, pilot, end):
        assert "prompts, what really happened in 2008) as one HTML page" in str(end.query_one("#end").render())
