"""A teacher's review of the classroom commands (session 29), through the real CLI and real saves of the
classroom scenario played by the engine (tests/classroom/data/basra_class.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _one_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def _finished(folder: Path) -> Path:
    return max(folder.glob("autosave-*-t11.json"))


# ---------------------------------------------------------------- --out PATH


def test_out_into_folders_not_made_yet_makes_them_and_says_so(basra_class, tmp_path, capsys):
    """The file goes where --out says, in folders made for it, and the message says a folder was made, so
    a teacher who mistyped a folder's name sees where the report went."""
    debrief = tmp_path / "reports" / "2008" / "pair1.html"
    assert main(["debrief", str(_finished(basra_class)), "--out", str(debrief)]) == 0
    assert debrief.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert _one_line(capsys.readouterr().err) == f"wrote {debrief} (made the folder {debrief.parent})"

    report = tmp_path / "class-3b" / "class.md"
    assert main(["class-report", str(basra_class), "--out", str(report)]) == 0
    assert report.read_text(encoding="utf-8").startswith("# Class report")
    assert f"wrote {report} (made the folder {report.parent})" in capsys.readouterr().err.splitlines()

    assert main(["class-report", str(basra_class), "--out", str(report)]) == 0  # the folder is there now
    assert capsys.readouterr().err.splitlines()[-1] == f"wrote {report}"


def test_out_ending_in_a_slash_is_a_folder_and_says_to_name_the_file(basra_class, tmp_path, capsys):
    """`--out reports/` (a folder not made yet) wrote the debrief into a file called 'reports' and said
    'wrote reports/'."""
    folder = tmp_path / "reports"
    assert main(["debrief", str(_finished(basra_class)), "--out", f"{folder}/"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line == (f"ceasefire: {folder}/: cannot write: the path ends in '/', so it names a folder, not a file "
                    f"(fix: give a file's path, e.g. {folder}/debrief.md)")
    assert not folder.exists()
    assert main(["class-report", str(basra_class), "--out", f"{folder}/", "--format", "html"]) == 1
    assert f"e.g. {folder}/class.html" in _one_line(capsys.readouterr().err)
    assert not folder.exists()


def test_an_empty_out_is_an_error_not_a_silent_print(basra_class, capsys):
    """`--out ""` (a script's variable left empty) printed the debrief and said nothing of the file."""
    assert main(["debrief", str(_finished(basra_class)), "--out", ""]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--out needs a file's path" in _one_line(captured.err)


def test_out_that_cannot_be_written_is_one_line_from_the_real_command(basra_class, tmp_path):
    """The command as a teacher runs it: exit 1 and one line, no traceback, for a path under a file and for
    a folder's path."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    for out, words in ((blocker / "class.html", "a part of the path is a file, not a folder"),
                       (f"{tmp_path / 'new'}/", "names a folder, not a file")):
        run = subprocess.run([sys.executable, "-m", "game", "class-report", str(basra_class), "--out", str(out)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run.stderr
        assert words in _one_line(run.stderr)
    assert blocker.read_text() == "not a folder"


def test_out_through_a_link_or_onto_a_device_keeps_the_link_and_the_device(basra_class, tmp_path, capsys):
    """--out wrote a new file and renamed it over the path: a link to the class's shared report became a
    file of its own (the shared one kept the old report), and a device or a pipe was replaced by a file
    (run as root, `--out /dev/null` made /dev/null a plain file)."""
    save = str(_finished(basra_class))
    shared = tmp_path / "shared" / "class.md"
    shared.parent.mkdir()
    shared.write_text("last week's report")
    link = tmp_path / "latest.md"
    link.symlink_to(shared)
    assert main(["class-report", str(basra_class), "--out", str(link)]) == 0
    assert link.is_symlink() and shared.read_text(encoding="utf-8").startswith("# Class report")

    null = tmp_path / "discard.md"
    null.symlink_to("/dev/null")
    assert main(["debrief", save, "--out", str(null)]) == 0
    assert null.is_symlink() and Path("/dev/null").is_char_device()
    capsys.readouterr()

    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    assert main(["debrief", save, "--out", str(pipe)]) == 0
    reader.join(30)
    assert pipe.is_fifo() and got and got[0].startswith("# Debrief")
