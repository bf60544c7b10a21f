"""A teacher's slips at the command line, through the real CLI: each is exit 1 with one line that says
what is wrong and what to do, never a traceback."""

from __future__ import annotations

import shutil

from game.cli import main


def _one_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_mistyped_saves_folder_is_named_as_missing(tmp_path, capsys):
    """It read 'none of the files is a readable save: class-save: no such save file' (a folder is what was
    meant)."""
    assert main(["class-report", str(tmp_path / "class-save")]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "class-save: no such folder or file" in line and "--saves-dir" in line


def test_one_mistyped_file_among_good_ones_stops_the_report(basra_class, tmp_path, capsys):
    good = sorted(basra_class.glob("*.json"))[:2]
    assert main(["class-report", *map(str, good), str(tmp_path / "pair-7.json")]) == 1
    assert "pair-7.json: no such folder or file" in _one_line(capsys.readouterr().err)


def test_an_empty_folder_says_what_a_save_is(tmp_path, capsys):
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "pair1.debrief.html").write_text("<html></html>")
    assert main(["class-report", str(tmp_path / "class")]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "no save files (.json) in" in line and "--saves-dir" in line


def test_a_debrief_of_a_folder_names_a_save_in_it_and_the_class_report(basra_class, tmp_path, capsys):
    """`ceasefire debrief class-saves` said only 'a folder, not a save file'."""
    assert main(["debrief", str(basra_class)]) == 1
    first = sorted(basra_class.glob("*.json"))[0]
    assert _one_line(capsys.readouterr().err) == (
        f"ceasefire: {basra_class}: a folder, not a save file; a debrief is of one game: give one of its saves "
        f"(e.g. {first}); `ceasefire class-report {basra_class}` reports on all of its games")
    (tmp_path / "none").mkdir()
    assert main(["debrief", str(tmp_path / "none")]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "a folder, not a save file, and it holds no saves (.json files)" in line and "class-report" not in line


def test_a_report_written_onto_a_folder_names_a_file_in_it(basra_class, tmp_path, capsys):
    """--out class-saves (the folder the server serves) said 'a folder is there, not a file (fix: give a file's
    path)': now the fix is a file in that folder, of the format asked for."""
    out = tmp_path / "class-saves"
    out.mkdir()
    for given, example in ((str(out), "class.md"), (f"{out}/", "class.md")):
        assert main(["class-report", str(basra_class), "--out", given]) == 1
        assert _one_line(capsys.readouterr().err) == (f"ceasefire: {given}: cannot write: it is a folder, not a file "
                                                      f"(fix: give a file's path, e.g. {out / example})")
    assert main(["class-report", str(basra_class), "--format", "html", "--out", str(out)]) == 1
    assert f"e.g. {out / 'class.html'})" in _one_line(capsys.readouterr().err)
    assert list(out.iterdir()) == []


def test_a_debrief_of_a_name_not_found_says_where_it_looked(basra_class, tmp_path, monkeypatch, capsys):
    """`ceasefire debrief amal-and-ben` looks for a file, then for that name in the saves folder; when
    neither is there it says which folder it looked in and what lists it (it said only 'no such save
    file'). A name that is there works, and so does --compare with one."""
    saves = tmp_path / "saves"
    shutil.copytree(basra_class, saves)
    monkeypatch.setenv("CEASEFIRE_SAVES", str(saves))
    monkeypatch.chdir(tmp_path)
    assert main(["debrief", "amal-and-ben"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "amal-and-ben: no such save file" in line and str(saves) in line and "`ceasefire saves`" in line
    assert main(["debrief", "pair 3 final", "--compare", "pair-3-final"]) == 1
    assert "pair-3-final: no such save file" in _one_line(capsys.readouterr().err)
    assert main(["debrief", "pair 3 final", "--out", str(tmp_path / "d.html")]) == 0


def test_a_save_is_found_by_the_name_its_students_typed(basra_short, tmp_path, monkeypatch, capsys):
    """Students typed 'chloe & dev' in the save dialog and the game wrote 'chloe _ dev.json' (a file name
    keeps letters and digits); the teacher asking for the debrief of 'chloe & dev' got 'no such save
    file'. The name as typed now finds the save the game made of it."""
    from game.engine.session import Session
    from game.saves.store import save_named

    saves = tmp_path / "saves"
    monkeypatch.setenv("CEASEFIRE_SAVES", str(saves))
    monkeypatch.chdir(tmp_path)
    written = save_named(Session.new(basra_short, seed=2008, difficulty="easy"), "chloe & dev", saves)
    assert written.name != "chloe & dev.json"
    out = tmp_path / "chloe.md"
    assert main(["debrief", "chloe & dev", "--out", str(out)]) == 0
    assert written.stem in out.read_text().splitlines()[0]
    save_named(Session.new(basra_short, seed=2008, difficulty="easy"), "eli & fay", saves)
    assert main(["debrief", "chloe & dev", "--compare", "eli & fay", "--out", str(tmp_path / "c.md")]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_game_compared_with_itself_is_a_mistake_said_as_such(basra_class, monkeypatch, capsys):
    """`debrief pair1 --compare pair1.json` wrote a page of one game beside itself ('the same choices for as
    long as both ran')."""
    monkeypatch.setenv("CEASEFIRE_SAVES", str(basra_class))
    named = next(p for p in sorted(basra_class.glob("*.json")) if not p.name.startswith("autosave-"))
    assert main(["debrief", named.stem, "--compare", str(named)]) == 1
    assert _one_line(capsys.readouterr().err) == (
        f"ceasefire: --compare {named}: that is the same save as {named.stem}; give another game to set beside it "
        "(its 'what if' branch, or another pair's save)")
