"""simulate's report options: two reports for one stdout are refused, not settled silently."""

from __future__ import annotations

from game.cli import main
from tests.conftest import MINI


def test_json_and_markdown_together_are_refused_in_one_line(capsys):
    code = main(["simulate", "--scenario", str(MINI), "--no-mods", "--games", "1", "--json", "--markdown"])
    out = capsys.readouterr()
    assert code == 1  # as every other mistake on the command line
    assert out.out == ""  # no JSON printed as if --markdown were not given
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and "--json" in lines[0] and "--markdown" in lines[0], out.err
    assert lines[0] == "ceasefire: simulate: --json and --markdown each print the whole report: give one of them"


def test_markdown_alone_still_prints_its_report(capsys):
    assert main(["simulate", "--scenario", str(MINI), "--no-mods", "--games", "2", "--markdown"]) == 0
    assert capsys.readouterr().out.lstrip().startswith("#")


def test_an_unknown_policy_lists_each_choice_once(capsys):
    assert main(["simulate", "--no-mods", "--games", "1", "--policy", "nope"]) == 1
    err = capsys.readouterr().err
    listed = err.split("(choose from: ", 1)[1].rstrip().rstrip(")").split(", ")
    assert "historical" in listed and "hawk" in listed  # built-in and the campaign's own policies
    assert len(listed) == len(set(listed)), listed
