"""A missing required key's fix is a line that can be typed in as written: 'add why = ...' was not
TOML (an unquoted ...), and 'add category = ...' did not say which words a category takes."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

ORDER = '[[action]]\nid = "mymod_inspect"\nlabel = "Inspect the port"\ncategory = "economic"\ncost = 1\n'
RULE = '[[reaction]]\nid = "mymod.glad"\nactor = "militia"\non_action = ["mymod_inspect"]\nwhy = "They like it."\nadd = { stance = 1 }\n'


def _errors(tmp_path: Path, text: str) -> list:
    mod = tmp_path / "mod"
    mod.mkdir(exist_ok=True)
    (mod / "m.toml").write_text(text, "utf-8")
    _, problems = check(MINI, [str(mod)], codegen=False)
    return [p for p in problems if p.severity == "error"]


def _follow(text: str, fix: str, after: str) -> str:
    """The fix's 'add KEY = VALUE' line, written as it says, below `after`."""
    line = fix.removeprefix("add ").split(" (")[0].split(" or another of")[0]
    return text.replace(after, after + line + "\n", 1)


def test_a_missing_text_is_added_in_quotes_and_then_loads(tmp_path):
    text = ORDER + RULE.replace('why = "They like it."\n', "")
    [p] = _errors(tmp_path, text)
    assert p.message == "missing required key 'why'" and p.fix.startswith('add why = "..." (a sentence saying why')
    assert _errors(tmp_path, _follow(text, p.fix, 'actor = "militia"\n')) == []


def test_a_missing_choice_names_the_words_it_takes_and_then_loads(tmp_path):
    text = ORDER.replace('category = "economic"\n', "") + RULE
    [p] = _errors(tmp_path, text)
    assert p.message == "missing required key 'category'"
    assert p.fix.startswith('add category = "military" or another of: political, diplomatic, economic, public'), p.fix
    assert _errors(tmp_path, _follow(text, p.fix, 'label = "Inspect the port"\n')) == []
