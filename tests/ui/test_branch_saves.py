"""A branch ('what if we had...') loaded from a pair's named save is a game of its own."""

from __future__ import annotations

from game.ui.app import CeasefireApp

from .helpers import answer_cards, play_to_end, save_as, settle, sync


@sync
async def test_a_branch_played_to_its_end_leaves_the_save_it_came_from_as_it_was(mini_path, tmp_path):
    """`play --load amal-and-ben --turn 2`, played to the end, wrote the finished branch over
    amal-and-ben.json: the pair's first game was left only in its autosaves. The branch's end goes to
    its own autosave; the named save keeps the first game."""
    app = CeasefireApp(scenario=mini_path, seed=2, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await save_as(pilot, "amal-and-ben")
        await play_to_end(pilot)
    named = tmp_path / "amal-and-ben.json"
    first = named.read_bytes()

    branch = CeasefireApp(load=str(named), branch_turn=2, saves_dir=str(tmp_path))
    async with branch.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert branch.session is not None and branch.session.turn == 2 and not branch.session.ended
        await play_to_end(pilot)
        assert branch.session.ended
        assert branch.last_save and branch.last_save != str(named)  # the branch's end is saved, elsewhere
    assert named.read_bytes() == first

