"""Characters that look like a space or a quote, or show as nothing, stop TOML without a visible
cause: a byte-order mark left inside a file by pasting another one in, a non-breaking space, smart
quotes from a word processor. validate now names the character and its column. Before: 'Invalid
statement', 'the value of 'title' is not TOML', and for a non-breaking space after a key, the
wrong fix 'write weight =  = 50'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

EVENT = ('[[event]]\nid = "odd.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
         'weight = 5\n[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def _validate(tmp_path: Path, text: str) -> str:
    mod = tmp_path / "odd_mod"
    mod.mkdir()
    (mod / "notice.toml").write_text(text, "utf-8")
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    return run.stdout


@pytest.mark.parametrize("old, new, where, said", [
    ('[[event.option]]', '\ufeff[[event.option]]', "7:1", "column 1 holds an invisible byte-order mark (U+FEFF)"),
    ('weight = 5', 'weight\u00a0= 5', "6:7", "column 7 holds a non-breaking space (U+00A0)"),
    ('weight = 5', 'weight =\u00a05', "6:9", "column 9 holds a non-breaking space (U+00A0)"),
    ('title = "A notice"', 'title = \u201cA notice\u201d', "3:9", "column 9 holds a typographic quote \u201c"),
    ('id = "ok"', 'id = \u2018ok\u2019', "8:6", "column 6 holds a typographic quote \u2018"),
])
def test_the_character_is_named_at_its_column(tmp_path, old, new, where, said):
    out = _validate(tmp_path, EVENT.replace(old, new))
    assert f"notice.toml:{where}: error: invalid TOML: {said}" in out, out
    assert "= =" not in out


def test_a_text_closed_with_a_smart_quote_is_told_so(tmp_path):
    out = _validate(tmp_path, EVENT.replace('title = "A notice"', 'title = "A notice\u201d'))
    assert ("notice.toml:3:9: error: invalid TOML: unclosed string: the \" at line 3, column 9 is never closed (fix: end "
            "the text with a straight \" (the \u201d at column 18 is a typographic quote, which does not close it") in out, out


def test_smart_quotes_inside_text_or_a_comment_are_fine(tmp_path):
    text = EVENT.replace('text = "A notice."', 'text = "A \u201cnotice\u201d."').replace("weight = 5", "weight = 5  # \u201cfive\u201d")
    mod = tmp_path / "fine_mod"
    mod.mkdir()
    (mod / "notice.toml").write_text(text, "utf-8")
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr


def _validate_bytes(tmp_path: Path, text: str) -> str:
    mod = tmp_path / "ctl_mod"
    mod.mkdir()
    (mod / "notice.toml").write_bytes(text.encode("utf-8"))
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert "Traceback" not in run.stderr, run.stderr
    return run.stdout


def test_old_mac_line_endings_are_named(tmp_path):
    out = _validate_bytes(tmp_path, EVENT.replace("\n", "\r"))
    assert ("error: invalid TOML: the lines of this file end with a lone carriage return (CR, old Mac line endings), "
            "which TOML does not accept (fix: save the file with LF line endings") in out, out


@pytest.mark.parametrize("junk, said", [("\r", "a lone carriage return (CR)"), ("\x0c", "the control character U+000C")])
def test_a_control_character_after_a_value_is_named(tmp_path, junk, said):
    out = _validate_bytes(tmp_path, EVENT.replace("weight = 5", f"weight = 5{junk}  "))
    assert f"notice.toml:6:11: error: invalid TOML: column 11 holds {said}, which does not show (fix: delete it)" in out, out


def test_windows_line_endings_stay_fine_and_their_errors_unchanged(tmp_path):
    out = _validate_bytes(tmp_path, EVENT.replace("\n", "\r\n"))
    assert ": error:" not in out, out
    out = _validate_bytes(tmp_path / "b", EVENT.replace('title = "A notice"', 'title = [1, 2').replace("\n", "\r\n")) \
        if (tmp_path / "b").mkdir() is None else ""
    assert "unclosed list: the [ at line 3, column 9 is never closed" in out, out


def test_a_control_character_inside_a_text_is_named(tmp_path):
    out = _validate_bytes(tmp_path, EVENT.replace('title = "A notice"', 'title = "A\x0bnotice"'))
    assert "notice.toml:3:11: error: invalid TOML: column 11 holds the control character U+000B, which does not show" in out, out
