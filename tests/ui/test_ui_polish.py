"""Small interface fixes, each checked on the real app the way a player meets it."""

from __future__ import annotations

from textual.widgets import Input

from game.ui.app import CeasefireApp
from game.ui.screens.codex import CodexScreen

from .helpers import open_by_key, settle, sync


@sync
async def test_slash_in_the_codex_focuses_the_search_and_never_types_into_it(mini_path):
    """'/' goes to the search box; pressed again there it typed a '/' into the query (and the search
    then found nothing)."""
    app = CeasefireApp(scenario=mini_path, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        search = codex.query_one("#codex-search", Input)
        assert not search.has_focus
        await pilot.press("slash")
        await settle(pilot)
        assert search.has_focus and search.value == ""
        await pilot.press("r", "a", "i", "d")
        await settle(pilot)
        assert search.value == "raid"
        found = codex.current
        await pilot.press("slash")
        await settle(pilot)
        assert search.has_focus
        assert search.value == "raid"
        assert codex.current == found
        assert "/" not in str(codex.query_one("#codex-title").render())
