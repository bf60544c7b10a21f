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
