"""A command a message suggests is pasted into a terminal as it is. A save named by its players
'ivan & jo' (or 'pair 3 final') was written into it bare: pasted, the & ran the command in the
background and the space split the path. Such a path is now in double quotes, which read the same
in a Unix shell, PowerShell and cmd."""

from __future__ import annotations

import shlex
import shutil
import subprocess

import pytest

from game.words import shell_arg
from game.cli import main
from tests.conftest import MINI


@pytest.mark.parametrize("path, shown", [
    ("class-saves/amal-and-ben.json", "class-saves/amal-and-ben.json"),
    ("class-saves/ivan & jo.json", '"class-saves/ivan & jo.json"'),
    ("pair 3 final.json", '"pair 3 final.json"'),
    ("it's $HOME.json", "'it'\"'\"'s $HOME.json'"),  # what double quotes would expand: the shell's own quoting
])
def test_shell_arg(path, shown):
    assert shell_arg(path) == shown
    assert shlex.split(shown) == [path]  # a shell reads it back as the one path


def test_simulate_save_names_a_debrief_command_that_pastes(tmp_path, capsys):
    out = tmp_path / "ivan & jo.json"
    assert main(["simulate", "--scenario", str(MINI), "--games", "1", "--save", str(out)]) == 0
    err = capsys.readouterr().err.strip()
    command = err.split("its debrief: ", 1)[1]
    assert command == f'ceasefire debrief "{out}"', err
    assert shlex.split(command)[2] == str(out)


def test_the_pasted_command_runs(tmp_path, capsys):
    """The command as printed, run by a real shell, writes the debrief."""
    out = tmp_path / "pair 3 & co.json"
    assert main(["simulate", "--scenario", str(MINI), "--games", "1", "--save", str(out)]) == 0
    command = capsys.readouterr().err.strip().split("its debrief: ", 1)[1]
    import sys

    run = subprocess.run(command.replace("ceasefire", f"{shlex.quote(sys.executable)} -m game", 1) + " --format md",
                         shell=True, capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("# Debrief"), run.stdout[:200]


def test_a_folder_given_to_debrief_names_quoted_paths(basra_class, tmp_path, capsys):
    folder = tmp_path / "pair folder"
    shutil.copytree(basra_class, folder)
    assert main(["debrief", str(folder)]) == 1
    err = capsys.readouterr().err
    first = sorted(folder.glob("*.json"))[0]
    assert f'(e.g. "{first}"); `ceasefire class-report "{folder}"` reports on all of its games' in err, err


def test_a_game_of_another_scenario_left_out_names_a_quoted_command(basra_class, tmp_path, capsys):
    from game.content import loader
    from game.engine.session import Session
    from game.saves.savefile import save

    folder = tmp_path / "mixed"
    shutil.copytree(basra_class, folder)
    stray = save(Session.new(loader.load("basra_2008"), seed=3), folder / "the campaign.json")
    assert main(["class-report", str(folder), "--out", str(tmp_path / "class.html")]) == 0
    err = capsys.readouterr().err
    assert f'left out (a report of its own: ceasefire class-report "{stray}")' in err, err


def test_the_class_report_writes_out_the_debrief_command_for_a_game(basra_class, tmp_path, capsys):
    """It said only `ceasefire debrief SAVE --out debrief.html`: at the projector, which SAVE? The command
    for the first game saved under its players' names is written out (quoted when its path needs it), and
    the debrief a pair made with d is named."""
    folder = tmp_path / "class saves"
    shutil.copytree(basra_class, folder)
    assert main(["class-report", str(folder)]) == 0
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    first = folder / "pair 3 final.json"  # the class's one save with its players' name; the others are autosaves
    assert last == (f'Each game\'s own debrief: `ceasefire debrief SAVE --out debrief.html`, e.g. `ceasefire debrief '
                    f'"{first}" --out "{first.stem}.html"`. A pair that pressed d on the end screen has it already, '
                    "NAME.debrief.html beside its save."), last
    assert main(["class-report", str(folder), "--out", str(tmp_path / "class.html")]) == 0
    html = (tmp_path / "class.html").read_text("utf-8")
    assert f"<code>ceasefire debrief &quot;{first}&quot; --out &quot;{first.stem}.html&quot;</code>" in html
