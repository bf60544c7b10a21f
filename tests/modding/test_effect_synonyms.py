"""An effect written with another game's word for a change ({ increase = { confidence = 3 } }) was told
'an effect needs exactly one of: ...' with the fix 'write e.g. { add = { treasury = -5 } }', an example
about another number. The fix now says what to write in its place, with the modder's own amounts (a
decrease as an add of minus them), and followed literally the mod validates."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

CARD = ('[[event]]\nid = "odd.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
        '[[event.option]]\nid = "ok"\ntext = "Read it"\n'
        'effects = [{ EFFECT, why = "People read the notice." }]\n')


def _errors(tmp_path: Path, effect: str) -> list:
    mod = tmp_path / "odd_mod"
    mod.mkdir(exist_ok=True)
    (mod / "notice.toml").write_text(CARD.replace("EFFECT", effect), "utf-8")
    _, problems = check(MINI, [str(mod)], codegen=False)
    return [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize("written, instead", [
    ("increase = { confidence = 3 }", "add = { confidence = 3 }"),
    ("decrease = { confidence = 3, treasury = 2.5 }", "add = { confidence = -3, treasury = -2.5 }"),
    ("times = { treasury = 0.5 }", "multiply = { treasury = 0.5 }"),
])
def test_the_fix_is_the_effect_to_write_in_its_place(tmp_path, written, instead):
    [p] = _errors(tmp_path, written)
    assert p.line == 9 and p.key == "event[0].option[0].effects[0]" and p.code == "effect-kind"
    word = written.split(" ")[0]
    assert p.fix.startswith(f"'{word}' is not a kind of effect: write {instead} in its place"), p.fix
    assert _errors(tmp_path, instead) == []


def test_an_unknown_word_is_named_too(tmp_path):
    [p] = _errors(tmp_path, "boost = { confidence = 3 }")
    assert p.fix.startswith("'boost' is not a kind of effect: use one of the kinds listed")
