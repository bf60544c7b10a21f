"""Notable games: 'closest to' and 'furthest from the choices of 2008' are picked among the games that ran
their course. In a class where one pair's game stopped after turn 1 (its two cards answered otherwise than
in 2008), the report named that stub 'Furthest from the choices of 2008 — 0%', over every finished game.
Real games of basra_short (class code HVR00-01YR4), saved as the game saves them, through the real CLI."""

from __future__ import annotations

import pytest

from game.cli import main
from tests.classroom.data import basra_class as basra_games


def _play(sc, historical_every, folder, name, stop=None):
    """A pair that makes the 2008 choice on every `historical_every`-th card and another choice otherwise;
    `stop`: leave the game at this turn's orders, unfinished."""
    from game.engine.session import Session
    from game.saves import store

    cards = 0

    def choose(ev, opts):
        nonlocal cards
        cards += 1
        want = bool(historical_every) and cards % historical_every == 0
        return ([o for o in opts if o.model.historical == want] or opts)[0].id

    s = basra_games.play_through(Session.new(sc, seed=2008, difficulty="easy"), choose, stop=stop)
    store.save_named(s, name, folder)


@pytest.fixture(scope="module")
def class_with_a_stub(basra_short, tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    _play(basra_short, 1, folder, "amal-and-ben")  # 2008 on every card it can
    _play(basra_short, 3, folder, "chloe-and-dan")  # on one card in three
    _play(basra_short, 0, folder, "eli-and-fay", stop=2)  # never, and stopped at turn 2
    return folder


def test_closest_and_furthest_are_finished_games(class_with_a_stub, tmp_path, capsys):
    assert main(["class-report", str(class_with_a_stub)]) == 0
    md = capsys.readouterr().out
    notable = md.split("## Notable games", 1)[1].split("\n## ", 1)[0]
    closest = next(x for x in notable.splitlines() if x.startswith("- **Closest to the choices of 2008:**"))
    furthest = next(x for x in notable.splitlines() if x.startswith("- **Furthest from the choices of 2008:**"))
    assert "amal-and-ben" in closest
    assert "chloe-and-dan" in furthest and "eli-and-fay" not in furthest
    # the stub is still there, as not finished, and in the table of games with its 0%
    assert "- **Not finished:** eli-and-fay" in notable
    row = next(x for x in md.splitlines() if x.startswith("| eli-and-fay |"))
    assert "| 0% |" in row


def test_with_no_finished_game_the_unfinished_ones_are_compared(basra_short, tmp_path, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    _play(basra_short, 1, folder, "amal-and-ben", stop=3)
    _play(basra_short, 0, folder, "eli-and-fay", stop=3)
    assert main(["class-report", str(folder)]) == 0
    md = capsys.readouterr().out
    assert "- **Closest to the choices of 2008:** amal-and-ben" in md
    assert "- **Furthest from the choices of 2008:** eli-and-fay" in md
