"""`ceasefire debrief SAVE --compare WHATIF`: when one game is a 'what if' branch of the other (play --load
SAVE --turn N), the comparison says so, as the class report does. It said only 'Same world; the choices
first differ on turn 5', as if two pairs had happened to agree on four turns. Real games of basra_short
(class code HVR00-01YR4) branched the way the game branches them, through the real CLI."""

from __future__ import annotations

import html
import random

import pytest

from game.cli import main
from game.saves import store
from game.ui import saving
from tests.classroom.data import basra_class as basra_games


@pytest.fixture(scope="module")
def pair_and_branch(basra_short, tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    first = basra_games.play_pair(basra_short, "random", 2, None, folder / "auto")
    original = store.save_named(first, "amal-and-ben", folder)
    branch, _ = saving.branch(original, 5)
    random_choice = random.Random(9)
    basra_games.play_through(branch, lambda ev, opts: random_choice.choice(opts).id)  # no orders
    whatif = store.save_named(branch, "amal-and-ben-whatif", folder)
    other = basra_games.play_pair(basra_short, "random", 3, None, folder / "auto2")
    return original, whatif, store.save_named(other, "chloe-and-dan", folder)


SAID = "amal-and-ben-whatif is a 'what if' branch of amal-and-ben: it was played again from turn 5"


@pytest.mark.parametrize("order", ["original first", "branch first"])
def test_the_comparison_says_which_game_is_a_branch_of_which(pair_and_branch, tmp_path, capsys, order):
    original, whatif, _ = pair_and_branch
    a, b = (original, whatif) if order == "original first" else (whatif, original)
    assert main(["debrief", str(a), "--compare", str(b)]) == 0
    md = capsys.readouterr().out
    parted = md.split("## Where they parted", 1)[1].split("\n## ", 1)[0]
    assert SAID in parted
    out = tmp_path / "whatif.html"
    assert main(["debrief", str(a), "--compare", str(b), "--out", str(out)]) == 0
    assert f"<p>{SAID}" in html.unescape(out.read_text(encoding="utf-8"))


def test_two_pairs_games_are_not_called_branches(pair_and_branch, capsys):
    original, _, other = pair_and_branch
    assert main(["debrief", str(original), "--compare", str(other)]) == 0
    assert "branch" not in capsys.readouterr().out
