"""Command-line contract details."""

from game.cli import build_parser


def test_global_saves_dir_works_without_a_subcommand():
    parser = build_parser()
    argv = ["--saves-dir", "/tmp/x"]
    args = parser.parse_args(argv + ["play"])
    assert args.command == "play" and args.saves_dir == "/tmp/x"


def test_bad_arguments_exit_1(capsys):
    import pytest

    from game.cli import main

    with pytest.raises(SystemExit) as info:
        main(["simulate", "--games", "many"])
    assert info.value.code == 1


def test_play_names_a_scenario_and_an_unknown_one_fails_before_the_screen_opens(capsys, monkeypatch):
    """`ceasefire play basra_short` starts that scenario at once; a misspelt name stops on the command
    line with a suggestion (the screen never opens)."""
    from game.cli import main
    from game.ui import app as app_module

    started = []
    monkeypatch.setattr(app_module.CeasefireApp, "run", lambda self: started.append(self))
    assert main(["play", "basra_shrt"]) == 1
    err = capsys.readouterr().err
    assert "no scenario has this name" in err and "basra_short" in err and not started
    assert main(["play", "basra_short"]) == 0
    app = started[-1]
    assert app.scenario_ref == "basra_short" and app.direct
    assert main(["play", "basra_short", "--scenario", "basra_2008"]) == 1
    assert "two scenarios given" in capsys.readouterr().err


def test_a_save_is_found_by_its_name_in_the_saves_folder_by_play_debrief_and_replay(capsys, monkeypatch, tmp_path):
    """`play --load NAME`, `debrief NAME` and `replay NAME` take a save by the name `ceasefire saves`
    lists, in --saves-dir given before or after the command; an unknown name stops on the command line."""
    from game.cli import main
    from game.content import loader
    from game.engine.session import Session
    from game.saves.savefile import save
    from game.ui import app as app_module

    s = Session.new(loader.load(loader.resolve_scenario("basra_short")), seed=5)
    while s.card is not None:
        s.choose(s.open_options(s.card)[0].id)
    s.end_turn([])
    path = save(s, tmp_path / "pair3.json")
    started = []
    monkeypatch.setattr(app_module.CeasefireApp, "run", lambda self: started.append(self))
    assert main(["play", "--load", "pair3", "--saves-dir", str(tmp_path)]) == 0
    assert started[-1].load_path == str(path)
    assert main(["--saves-dir", str(tmp_path), "play", "--load", "pair3.json"]) == 0
    assert started[-1].load_path == str(path)
    capsys.readouterr()
    assert main(["play", "--load", "pair4", "--saves-dir", str(tmp_path)]) == 1
    assert "no save 'pair4'" in capsys.readouterr().err and len(started) == 2
    assert main(["debrief", "pair3", "--saves-dir", str(tmp_path)]) == 0
    assert "Debrief" in capsys.readouterr().out
    assert main(["replay", "pair3", "--saves-dir", str(tmp_path)]) == 0
    assert "pair3" in capsys.readouterr().out


def test_saves_dir_after_the_command_does_not_hide_one_before_it():
    parser = build_parser()
    assert parser.parse_args(["serve", "--saves-dir", "class"]).saves_dir == "class"
    assert parser.parse_args(["--saves-dir", "class", "serve"]).saves_dir == "class"
    assert parser.parse_args(["serve"]).saves_dir is None


def test_a_place_that_cannot_be_written_is_said_not_a_traceback(tmp_path, capsys):
    """`schema --out` and `new --dir` under a file (or anywhere the system refuses) ended in an OSError's
    traceback; now one line names the path, what is wrong and what to do."""
    import pytest

    from game.cli import main

    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where a folder is meant")
    for argv in (["schema", "--out", str(blocker / "schema")], ["new", "event", "mymod.x", "--dir", str(blocker / "mod")],
                 ["simulate", "--scenario", "basra_short", "--games", "1", "--save", str(blocker / "game.json")]):
        try:
            code = main(argv)
        except OSError as exc:  # (what happened before)
            pytest.fail(f"{argv[0]}: {exc!r} escaped")
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err, (argv, err)
        assert f"ceasefire: {blocker}" in err and "a part of the path is a file, not a folder" in err and "(fix: check the path)" in err, err
    assert blocker.read_text() == "a file where a folder is meant"  # nothing lost


def test_saves_given_a_file_for_its_folder_says_so(tmp_path, capsys):
    """`ceasefire saves --saves-dir game.json` said 'no saves in game.json'."""
    from game.cli import main

    save = tmp_path / "game.json"
    save.write_text("{}")
    assert main(["saves", "--saves-dir", str(save)]) == 1
    assert f"ceasefire: {save} is a file, not a saves folder" in capsys.readouterr().err


def test_saves_of_a_folder_that_is_not_there_says_so(tmp_path, monkeypatch, capsys):
    """`ceasefire --saves-dir class-save saves` (a letter short) said 'no saves in class-save', as of an empty
    folder: the teacher could not tell the name was wrong."""
    from game.cli import main

    assert main(["--saves-dir", str(tmp_path / "class-save"), "saves"]) == 0
    assert capsys.readouterr().out.strip() == (f"no saves: the saves folder {tmp_path / 'class-save'} (given to "
                                               "--saves-dir) is not there (fix: give the folder the saves are in with "
                                               "--saves-dir DIR or $CEASEFIRE_SAVES, or play a game first: its first "
                                               "save makes the folder)")
    monkeypatch.setenv("CEASEFIRE_SAVES", str(tmp_path / "fresh"))  # a fresh install: no --saves-dir to check
    assert main(["saves"]) == 0
    assert capsys.readouterr().out.strip().endswith("(set by $CEASEFIRE_SAVES) is not there (fix: give the folder the "
                                                    "saves are in with --saves-dir DIR or $CEASEFIRE_SAVES, or play a "
                                                    "game first: its first save makes the folder)")
    (tmp_path / "empty").mkdir()
    assert main(["saves", "--saves-dir", str(tmp_path / "empty")]) == 0
    assert capsys.readouterr().out.strip() == f"no saves in {tmp_path / 'empty'}"


def test_an_install_without_the_content_folder_says_how_to_install(tmp_path, monkeypatch, capsys):
    """Installed with `pip install .` (not -e, as the README says), the game has no content/ beside it:
    it said 'available: ' and nothing more."""
    from game.cli import main
    from game.content import loader

    monkeypatch.setattr(loader, "CONTENT_ROOT", tmp_path / "site-packages-has-no-content")
    assert main(["validate", "basra_2008"]) == 1
    out = capsys.readouterr().out
    assert "basra_2008: error: no scenario has this name" in out
    assert "install it from its folder with `pip install -e .` as the README says" in out
    assert "CEASEFIRE_CONTENT" in out
    (tmp_path / "empty" / "scenarios").mkdir(parents=True)
    monkeypatch.setattr(loader, "CONTENT_ROOT", tmp_path / "empty")
    assert main(["validate", "basra_2008"]) == 1
    assert f"no scenario is installed in {tmp_path / 'empty' / 'scenarios'}" in capsys.readouterr().out


def test_a_debrief_written_onto_a_folder_says_to_give_a_file(tmp_path, capsys):
    """`debrief SAVE --out FOLDER` said 'cannot write (Is a directory)'."""
    from game.cli import main

    save = tmp_path / "game.json"
    assert main(["simulate", "--scenario", "basra_short", "--games", "1", "--save", str(save)]) == 0
    capsys.readouterr()
    assert main(["debrief", str(save), "--out", str(tmp_path)]) == 1
    assert (f"ceasefire: {tmp_path}: cannot write: it is a folder, not a file (fix: give a file's path, "
            f"e.g. {tmp_path / 'debrief.md'})") in capsys.readouterr().err


def test_version_names_the_game_and_what_it_runs_on(capsys):
    """`ceasefire --version`, for a bug report: the version pyproject.toml gives, and Python's, Textual's and
    pydantic's; nothing else runs (no game, no scenario loaded)."""
    import platform
    import tomllib
    from pathlib import Path

    import pytest

    from game.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    out = capsys.readouterr().out.strip()
    wanted = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]["version"]
    assert out.startswith(f"ceasefire {wanted} (Python {platform.python_version()}, textual 8."), out
    assert "pydantic 2." in out

