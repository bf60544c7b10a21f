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
    assert "no such scenario folder" in err and "basra_short" in err and not started
    assert main(["play", "basra_short"]) == 0
    app = started[-1]
    assert app.scenario_ref == "basra_short" and app.direct
    assert main(["play", "basra_short", "--scenario", "basra_2008"]) == 1
    assert "two scenarios given" in capsys.readouterr().err
