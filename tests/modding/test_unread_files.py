"""A mod's file that is not named *.toml is not read: validate says so instead of ignoring it.

A new modder on Windows saves `reactions.toml` from Notepad and gets `reactions.toml.txt` (the .txt
hidden by Explorer); another writes `Events.TOML`. Before, the mod loaded without that file and
validate said nothing, so the changed reaction silently did not apply."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

EVENT = ('[[event]]\nid = "unread.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
         '[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def _validate(mods_root: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CEASEFIRE_MODS=str(mods_root))
    return subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), *extra], capture_output=True,
                          text=True, env=env, cwd=ROOT)


def test_files_with_a_wrong_ending_are_named_in_an_installed_mod(tmp_path):
    mod = tmp_path / "mods" / "mini" / "my_mod"
    (mod / "events").mkdir(parents=True)
    (mod / "events" / "notice.toml").write_text(EVENT, "utf-8")
    (mod / "reactions.toml.txt").write_text("", "utf-8")
    (mod / "events" / "Other.TOML").write_text(EVENT, "utf-8")
    (mod / "codex.tml").write_text("", "utf-8")
    (mod / "notice.toml.bak").write_text("", "utf-8")  # a backup: left alone
    (mod / "README.md").write_text("notes", "utf-8")  # not content: left alone
    run = _validate(tmp_path / "mods")
    out = run.stdout
    assert run.returncode == 0 and "Traceback" not in run.stderr, out + run.stderr
    assert (f"{Path('my_mod') / 'reactions.toml.txt'}: warning: 'reactions.toml.txt' is not read: its name ends in "
            ".txt, not .toml") in out and "(fix: rename it reactions.toml" in out
    assert f"{Path('events') / 'Other.TOML'}: warning: 'Other.TOML' is not read: the ending .toml must be in lower case" \
        in out and "(fix: rename it Other.toml)" in out
    assert "'codex.tml' is not read" in out and "(fix: rename it codex.toml)" in out
    assert "notice.toml.bak" not in out and "README" not in out
    assert "3 warnings" in out


def test_a_command_line_mod_is_checked_too_and_an_empty_one_is_reported(tmp_path):
    mod = tmp_path / "elsewhere" / "my_mod"
    mod.mkdir(parents=True)
    (mod / "events.toml.txt").write_text(EVENT, "utf-8")
    run = _validate(tmp_path / "no_mods_here", "--no-mods", "--mod", str(mod))
    out = run.stdout
    assert run.returncode == 0 and "Traceback" not in run.stderr, out + run.stderr
    assert "'events.toml.txt' is not read" in out and "rename it events.toml" in out
    assert "mod folder 'my_mod' has no .toml files: it adds nothing" in out


def test_a_mod_both_installed_and_given_with_mod_is_reported_once(tmp_path):
    mod = tmp_path / "mods" / "mini" / "my_mod"
    mod.mkdir(parents=True)
    (mod / "notice.toml").write_text(EVENT, "utf-8")
    (mod / "more.TOML").write_text("", "utf-8")
    out = _validate(tmp_path / "mods", "--mod", str(mod)).stdout
    assert out.count("'more.TOML' is not read") == 1, out
