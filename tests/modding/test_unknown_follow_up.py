"""A chain to an event not written yet ('power.riot') was answered "did you mean 'power.blackout'?",
the only other event of the namespace, however far from it. Nothing close now gets the likelier fix:
add the [[event]] (a follow-up is usually triggered_only), with the nearest id named after it; a
real slip of the keyboard keeps the plain 'did you mean'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

CARD = ('[[event]]\nid = "power.blackout"\ntitle = "Power cuts"\ntext = "The lights go out."\n'
        'debrief = "For the test."\n[[event.option]]\nid = "ok"\ntext = "Wait"\n'
        'chain = {{ event = "{target}", delay = 2 }}\n')


def _validate(tmp_path: Path, target: str) -> str:
    mod = tmp_path / target.replace(".", "_")
    mod.mkdir()
    (mod / "card.toml").write_text(CARD.format(target=target), "utf-8")
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(MINI), "--no-mods", "--mod", str(mod)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    return run.stdout


def test_a_follow_up_not_written_yet_is_told_to_be_added(tmp_path):
    out = _validate(tmp_path, "power.riot")
    assert ("card.toml:9:19: error: event[0].option[0].chain.event: unknown event 'power.riot' (fix: if it is an event "
            "still to write, add an [[event]] with id = \"power.riot\" (a follow-up is usually triggered_only = true); "
            "the nearest existing id is 'power.blackout')") in out, out


def test_a_slip_of_the_keyboard_keeps_did_you_mean(tmp_path):
    out = _validate(tmp_path, "power.blackuot")
    assert "unknown event 'power.blackuot' (fix: did you mean 'power.blackout'?)" in out, out
