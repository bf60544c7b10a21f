"""lint: every check of the issue, its severity, its location, and silencing on purpose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content.lint import CODES, lint
from game.expr.intervals import Intervals

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MINI = ROOT / "tests" / "data" / "mini"
LINT_MOD = HERE / "data" / "lint_mod"
SECOND = HERE / "data" / "second_mod"


@pytest.fixture(scope="module")
def result():
    return lint(MINI, [LINT_MOD, SECOND])


def found(result, code, key_part=""):
    return [p for p in result.findings if p.code == code and key_part in (p.key + " " + p.message)]


def test_lint_runs_clean_on_the_test_scenario():
    r = lint(MINI)
    assert r.errors == [] and r.warnings == []


@pytest.mark.parametrize("code, part, where", [
    ("flag-never-set", "lint.never_set", "flawed.toml:6"),
    ("never-triggered", "lint.orphan", "flawed.toml:17"),
    ("never-eligible", "min_turn", "flawed.toml:28"),
    ("never-holds", "cohesion > 150", "flawed.toml:45"),
    ("never-holds", "treasury > 50 and treasury < 40", "world.toml:16"),
    ("always-clamps", "adding 250 to confidence", "flawed.toml:50"),
    ("always-clamps", "setting cohesion to -5", "flawed.toml:50"),
    ("ending-unreachable", "impossible_end", "world.toml:22"),
    ("metric-unused", "morale_unused", "world.toml:2"),
    ("actor-unused", "bystanders", "world.toml:7"),
    ("duplicate-text", "mini.purge", "flawed.toml:60"),
    ("mod-conflict", "militia.protests_raid", "override.toml:2"),
    ("flag-never-read", "services_funded", "actions.toml:25"),
    ("toml-1.1", "TOML 1.0 tools", "toml11.toml:6"),
    ("ending-unreachable", "'always_at_end' has a higher priority", "endings.toml:"),
    ("never-eligible", "never above 0", "flawed.toml:72"),
    ("requires-text-unused", "action 'lint_always_open'", "requires_text.toml:8"),
    ("requires-text-unused", "option 'open' of event 'lint.reasons'", "requires_text.toml:21"),
    ("why-missing", "order 'lint_unexplained' changes militia.stance", "whys.toml:11"),
    ("why-missing", "option 'silent' of event 'lint.whys' changes treasury", "whys.toml:24"),
    ("why-missing", "option 'gamble' of event 'lint.whys' changes cohesion", "whys.toml:29"),
])
def test_each_check_finds_its_case_with_a_location(result, code, part, where):
    hits = found(result, code, part)
    assert hits, f"no {code} finding about {part}: {[p.format() for p in result.findings]}"
    p = hits[0]
    assert p.severity == CODES[code][0]
    assert f"{Path(p.file).name}:{p.line}".startswith(where), p.format()


def test_why_missing_names_the_words_the_report_would_give_and_spares_changes_with_a_why(result):
    hits = found(result, "why-missing", "lint.whys")
    assert [h.key for h in hits] == ["event[0].option[0].effects[0]", "event[0].option[1].effects[0].roll.failure[0]"]
    assert "the turn report will give 'Move the numbers and say nothing' as the reason" in hits[0].message
    assert 'add why = "..."' in hits[0].fix
    assert not found(result, "why-missing", "lint_unexplained' changes treasury")  # its first change has a why


def test_ignore_comment_silences_one_finding(result):
    assert not found(result, "always-clamps", "adding 300")
    assert result.silenced >= 1


def test_single_mod_override_is_a_note_not_a_conflict():
    r = lint(MINI, [LINT_MOD])
    assert not found(r, "mod-conflict")
    assert found(r, "mod-override", "militia.protests_raid")


def test_errors_stop_lint(tmp_path):
    (tmp_path / "bad.toml").write_text('[[event]]\nid = "x.y"\n')
    r = lint(MINI, [tmp_path])
    assert r.errors and r.findings == []


def test_cli_exit_codes_and_json(capsys):
    assert main(["lint", str(MINI)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("lint: mini: 0 warnings, ")  # which scenario, named
    assert main(["lint", str(MINI), "--mod", str(LINT_MOD)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(f"; mods, in load order: {LINT_MOD.name}")
    assert main(["lint", str(MINI), "--mod", str(LINT_MOD), "--strict"]) == 1
    capsys.readouterr()
    assert main(["lint", str(MINI), "--mod", str(LINT_MOD), "--json", "--no-info"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["warnings"] >= 8 and all(p["severity"] == "warning" for p in data["problems"])


def test_interval_narrowing_on_conjunctions():
    import ast

    iv = Intervals({1: (0.0, 100.0)})
    v = lambda: ast.Subscript(ast.Name("V"), ast.Constant(1))  # noqa: E731
    both = ast.BoolOp(ast.And(), [ast.Compare(v(), [ast.Gt()], [ast.Constant(60)]),
                                  ast.Compare(v(), [ast.Lt()], [ast.Constant(50)])])
    assert iv.eval(both, {}) == (0.0, 0.0)
    maybe = ast.BoolOp(ast.And(), [ast.Compare(v(), [ast.Gt()], [ast.Constant(40)]),
                                   ast.Compare(v(), [ast.Lt()], [ast.Constant(50)])])
    assert iv.eval(maybe, {}) == (0.0, 1.0)
    wide = ast.BoolOp(ast.And(), [ast.Compare(v(), [ast.GtE()], [ast.Constant(45)]),
                                  ast.Compare(v(), [ast.LtE()], [ast.Constant(100)])])
    assert iv.eval(wide, {}) == (0.0, 1.0)  # not "always true": x >= 45 can fail


def test_header_line_and_whole_file_ignores(tmp_path):
    a = tmp_path / "a.toml"
    a.write_text('[[event]]  # lint: ignore[flag-never-set]\nid = "x.one"\ntitle = "One"\ntext = "First card text."\n'
                 'when = "flag(\'x.nothing\')"\ndebrief = "Invented, one."\n[[event.option]]\nid = "ok"\ntext = "OK"\n')
    b = tmp_path / "b.toml"
    b.write_text('# lint: ignore-file[never-triggered]\n[[event]]\nid = "x.two"\ntitle = "Two"\ntext = "Second card text."\n'
                 'triggered_only = true\ndebrief = "Invented, two."\n[[event.option]]\nid = "ok"\ntext = "OK"\n'
                 '# lint: ignore\n[[metric]]\nid = "spare"\nlabel = "Spare"\nstart = 1\n')
    r = lint(MINI, [tmp_path])
    codes = {(Path(p.file).name, p.code) for p in r.findings}
    assert ("a.toml", "flag-never-set") not in codes
    assert ("b.toml", "never-triggered") not in codes
    assert ("b.toml", "metric-unused") not in codes  # the comment line covers the line below it
    assert r.silenced == 3


def test_text_output_shows_each_code_and_says_note(tmp_path, capsys):
    mod = tmp_path / "mod"
    mod.mkdir()
    first = (MINI / "reactions.toml").read_text("utf-8").split("[[reaction]]")[1]
    (mod / "r.toml").write_text("[[reaction]]" + first, "utf-8")  # the same id: a mod-override note
    assert main(["lint", str(MINI), "--mod", str(mod)]) == 0
    out = capsys.readouterr().out
    assert ": note: [mod-override] " in out and ": info:" not in out
    assert main(["lint", str(MINI), "--mod", str(mod), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notes"] >= 1 and {p["severity"] for p in data["problems"]} <= {"warning", "note"}
    assert main(["lint", str(MINI), "--mod", str(mod), "--no-notes"]) == 0
    assert "[mod-override]" not in capsys.readouterr().out


def test_a_misspelt_code_in_an_ignore_comment_is_reported_with_the_nearest(tmp_path, capsys):
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "e.toml").write_text('[[event]]  # lint: ignore[never-eligble, duplicate-text]\nid = "lintx.quiet"\n'
                                'title = "Quiet"\ntext = "Nothing."\ndebrief = "Nothing."\n'
                                '[[event.option]]\nid = "ok"\ntext = "Fine"\n', "utf-8")
    assert main(["lint", str(MINI), "--mod", str(mod)]) == 0
    out = capsys.readouterr().out
    assert "e.toml:1:27: warning: [unknown-code] no lint code 'never-eligble'" in out
    assert "did you mean 'never-eligible'?" in out and "duplicate-text'" not in out


def test_a_new_id_a_letter_from_the_scenarios_is_flagged_as_a_near_miss(tmp_path):
    mod = tmp_path / "typo_mod"
    mod.mkdir()
    (mod / "reactions.toml").write_text('[[reaction]]\nid = "militia.protest_raid"\nactor = "militia"\n'
                                        'on_action = "raid"\nwhy = "Meant to replace the protest."\nadd = { stance = -1 }\n')
    r = lint(MINI, [mod])
    hits = found(r, "mod-near-id", "'militia.protests_raid' is: both now apply")
    assert hits and hits[0].severity == "warning" and hits[0].line == 2
    assert not found(r, "mod-override")  # it replaced nothing


def test_the_toml_1_1_warning_words_the_parsers_complaint_as_part_of_a_sentence(result):
    hit = found(result, "toml-1.1", "TOML 1.0 tools")[0]
    assert "cannot: their parser stops here (invalid initial character" in hit.message  # not its raw capitalised text


def test_requires_text_without_requires_is_flagged_where_it_is_with_the_fix(result, capsys):
    hits = found(result, "requires-text-unused")
    keys = sorted(h.key for h in hits)
    assert len(hits) == 2, [h.format() for h in hits]  # not the option with a requires; not the silenced one
    assert all(h.severity == "warning" and h.col == 1 and h.fix == "add a requires condition, or remove requires_text"
               for h in hits)
    assert keys[0].startswith("action[") and keys[0].endswith("].requires_text"), keys
    assert keys[1].endswith(".option[0].requires_text"), keys
    assert main(["lint", str(MINI), "--mod", str(LINT_MOD)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "option 'open'" in x)
    assert "lint_mod/requires_text.toml:21:1: warning: [requires-text-unused] event[" in line, line
    assert line.endswith("(fix: add a requires condition, or remove requires_text)")
    assert "option 'guarded'" not in out and "option 'meant'" not in out


def test_the_modding_guide_lists_every_lint_code():
    guide = (ROOT / "docs" / "modding.md").read_text("utf-8")
    section = guide.split("## 6. Lint", 1)[1].split("\n## ", 1)[0]
    assert [c for c in CODES if f"`{c}`" not in section] == []
