"""An entry reached by a link (or opened from a card) has its title in sight in the list, a third of the way
down with the titles above it, not on the list's last line as if nothing came after it."""

from __future__ import annotations

from textual.widgets import OptionList

from game.ui.app import CeasefireApp
from game.ui.screens.codex import CodexScreen

from .helpers import open_by_key, settle, sync


def _row(screen: CodexScreen) -> tuple[int, int]:
    """(the highlighted title's row in the list's window, the window's height); every title is one line."""
    ol = screen.query_one("#codex-list", OptionList)
    return ol.highlighted - round(ol.scroll_offset.y), ol.scrollable_content_region.height


@sync
async def test_a_followed_link_shows_its_title_with_titles_above_and_below(tmp_path):
    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        codex = await open_by_key(pilot, "c", CodexScreen)
        far = codex.sorted_ids()[-3]  # near the end of the list: scrolled to only as far as needed, it sat last
        app.action_codex(far)
        await settle(pilot)
        assert codex.current == far
        row, height = _row(codex)
        assert 0 < row < height - 2, (row, height)
        middle = codex.sorted_ids()[len(codex.sorted_ids()) // 2]
        app.action_codex(middle)
        await settle(pilot)
        assert _row(codex) == (height // 3, height)  # a third of the way down: the titles around it in sight
        ol = codex.query_one("#codex-list", OptionList)
        # a title in the list's last window, below its first line (scrolled to the end, it sat near the top)
        in_last_window = next(o.id for o in (ol.get_option_at_index(i) for i in range(round(ol.max_scroll_y) + 1,
                                                                                       ol.option_count)) if o.id)
        assert in_last_window is not None and in_last_window != codex.current
        app.action_codex(in_last_window)
        await settle(pilot)
        assert _row(codex) == (height // 3, height)


@sync
async def test_the_codex_opened_on_an_entry_shows_its_title_in_the_list(tmp_path):
    app = CeasefireApp(saves_dir=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sc = app.get_scenario(app.default_scenario_ref())
        probe = CodexScreen(sc)
        far = probe.sorted_ids()[-3]
        app.push_screen(CodexScreen(sc, far))
        await settle(pilot, 5)
        row, height = _row(app.screen)
        assert 0 < row < height - 2, (row, height)
