"""A save brought from another copy of the game (a student's, collected by the teacher): the folder its
scenario was played from is not on this machine. Every command that reads the save loads the scenario of
the same id instead; where no scenario of that id is here either, each says which folder to put back."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.content import loader
from game.engine.session import Session
from game.saves import store
from game.ui import saving
from savehelp import play_turns

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = [["replay", "{save}"], ["debrief", "{save}", "--out", "{tmp}/d.md"],
            ["explain", "{event}", "--turn", "2", "--save", "{save}"]]


def _played_elsewhere(tmp_path, source: Path, name: str) -> tuple[Path, Path, str]:
    """A game played three turns with a copy of `source` in another folder, saved; then that folder removed."""
    elsewhere = tmp_path / "student" / "scenarios" / source.name
    shutil.copytree(source, elsewhere)
    sc = loader.load(elsewhere)
    session = play_turns(Session.new(sc, 3), random.Random(3), 3)
    path = store.save_named(session, name, tmp_path / "saves")
    shutil.rmtree(tmp_path / "student")
    return path, elsewhere, next(iter(sc.events))


@pytest.fixture
def student_save(tmp_path):
    return _played_elsewhere(tmp_path, ROOT / "content" / "scenarios" / "basra_2008", "student-pair")


@pytest.mark.parametrize("argv", COMMANDS)
def test_a_save_from_another_copy_of_the_game_opens_with_the_scenario_of_its_id(student_save, tmp_path, capsys, argv):
    path, elsewhere, event = student_save
    code = main([a.format(save=path, tmp=tmp_path, event=event) for a in argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err and str(elsewhere) not in out + err


def test_the_game_loads_and_branches_it(student_save):
    path, _, _ = student_save
    session, _ = saving.load(path)
    assert session.turn == 4 and session.sc.id == "basra_2008"
    branch, notes = saving.branch(path, 2)
    assert branch.turn == 2 and branch.st.choices[:1] == session.st.choices[:1]
    assert "branched from student-pair.json at turn 2" in notes


@pytest.fixture
def lost_scenario(tmp_path):
    """A game of a scenario that is not shipped (the test scenario 'mini'), played from a folder now gone."""
    return _played_elsewhere(tmp_path, ROOT / "tests" / "data" / "mini", "mini-pair")


@pytest.mark.parametrize("argv", COMMANDS)
def test_a_save_whose_scenario_is_nowhere_names_the_folder_to_put_back(lost_scenario, tmp_path, capsys, argv):
    path, elsewhere, event = lost_scenario
    code = main([a.format(save=path, tmp=tmp_path, event=event) for a in argv])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"{path}: this game was played with the scenario in {elsewhere}, which is no longer there" in err
    assert "put the scenario's folder back at that path" in err


def test_the_game_says_so_too_and_offers_no_other_game(lost_scenario):
    path, elsewhere, _ = lost_scenario
    for open_it in (lambda: saving.load(path), lambda: saving.branch(path, 2)):
        with pytest.raises(store.SaveError) as ei:
            open_it()
        assert str(elsewhere) in str(ei.value) and "no longer there" in str(ei.value)
        assert getattr(ei.value, "fallback", None) is None
