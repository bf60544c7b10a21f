"""A teacher who served the class with `ceasefire --saves-dir class-saves serve ...` asks for the class
report the same way: `ceasefire --saves-dir class-saves class-report --out class.html`. It stopped with
'the following arguments are required: FILE'; with no FILE it now reports on the saves folder, and says so."""

from __future__ import annotations

import shutil

from game.cli import main


def test_class_report_without_files_reads_the_saves_folder(basra_class, tmp_path, capsys):
    folder = tmp_path / "class-saves"
    shutil.copytree(basra_class, folder)
    out = tmp_path / "class.html"
    assert main(["--saves-dir", str(folder), "class-report", "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"ceasefire: no files given: reporting on the saves folder, {folder}" and err[-1] == f"wrote {out}"
    assert main(["class-report", str(folder), "--out", str(tmp_path / "given.html")]) == 0  # the same as naming it
    capsys.readouterr()
    same = (tmp_path / "given.html").read_text("utf-8")
    assert out.read_text("utf-8").split("<footer", 1)[0] == same.split("<footer", 1)[0]
    assert main(["class-report", "--saves-dir", str(folder)]) == 0  # after the command too, and printed
    assert "# Class report:" in capsys.readouterr().out


def test_class_report_without_files_and_no_saves_folder_says_what_to_give(tmp_path, capsys):
    assert main(["--saves-dir", str(tmp_path / "nothere"), "class-report"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"ceasefire: no save files given, and the saves folder {tmp_path / 'nothere'} (given to --saves-dir) "
                   "is not there (fix: give the folder the saves are in with --saves-dir DIR or $CEASEFIRE_SAVES, or "
                   "play a game first: its first save makes the folder)")
    (tmp_path / "empty").mkdir()
    assert main(["--saves-dir", str(tmp_path / "empty"), "class-report"]) == 1
    assert "no save files (.json) in" in capsys.readouterr().err


def test_a_debrief_name_a_letter_off_gets_the_nearest_save(basra_class, tmp_path, capsys):
    """`ceasefire --saves-dir class-saves debrief pair 3 fnal` listed no near name; a saves folder that is not
    there was spoken of as if it held no such save."""
    folder = tmp_path / "class-saves"
    shutil.copytree(basra_class, folder)
    assert main(["--saves-dir", str(folder), "debrief", "pair 3 fnal"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"ceasefire: pair 3 fnal: no such save file, nor a save of that name in the saves folder ({folder}); "
                   "did you mean 'pair 3 final'?; `ceasefire saves` lists that folder's saves, and `--saves-dir DIR` "
                   "reads another"), err
    assert main(["--saves-dir", str(tmp_path / "class-save"), "debrief", "pair 3 final"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"ceasefire: pair 3 final: no such save file, and the saves folder {tmp_path / 'class-save'} (given to "
        "--saves-dir) is not there (fix: give the folder the saves are in with --saves-dir DIR or $CEASEFIRE_SAVES, "
        "or play a game first: its first save makes the folder)")
