"""A condition pasted from a word processor holds curly quotes. The fix said to type ' in their place;
in a value written in single quotes (when = 'flag(“x”)', TOML's literal string) that ' ends the value
and the file no longer parses. The fix now names the quote that works where the value is written,
and each fix, followed literally, validates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

EVENT = ('[[event]]\nid = "odd.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
         'when = WHEN\n[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def _problems(tmp_path: Path, when: str) -> list:
    mod = tmp_path / "odd_mod"
    mod.mkdir(exist_ok=True)
    (mod / "notice.toml").write_text(EVENT.replace("WHEN", when), "utf-8")
    _, problems = check(MINI, [str(mod)], codegen=False)
    return [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize("when, straight", [
    ("\"flag(\u2018militia.ceasefire\u2019)\"", "'"),   # in "...": a ' inside is right
    ("\"flag(\u201cmilitia.ceasefire\u201d)\"", "'"),
    ("'flag(\u201cmilitia.ceasefire\u201d)'", '"'),     # in '...': a ' would end the value
    ("'flag(\u2018militia.ceasefire\u2019)'", '"'),
    ("'''flag(\u2018militia.ceasefire\u2019)'''", "'"),  # in '''...''': a ' is fine
])
def test_the_fix_names_a_quote_that_works_and_it_does(tmp_path, when, straight):
    [p] = _problems(tmp_path, when)
    assert p.line == 6 and p.key == "event[0].when" and "curly quote" in p.message
    said = re.match(r"write a straight (?:double )?quote (.) in place of each curly one", p.fix)
    assert said is not None and said.group(1) == straight, p.fix
    fixed = re.sub("[\u2018\u2019\u201c\u201d]", straight, when)
    assert _problems(tmp_path, fixed) == []
