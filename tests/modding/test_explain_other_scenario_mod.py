"""explain asked about a mod's event with --scenario naming another scenario: installed mods load
with their own scenario only, so the event is not there. explain now says whose installed mods it
belongs to and what to do (before: only "no event '...' in scenario 'basra_short'")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EVENT = ('[[event]]\nid = "elsewhere.notice"\ntitle = "A notice"\ntext = "A notice."\ndebrief = "For the test."\n'
         '[[event.option]]\nid = "ok"\ntext = "Read it"\n')


def test_an_event_of_another_scenarios_installed_mod_is_traced(tmp_path):
    mod = tmp_path / "mods" / "basra_2008" / "my_mod"
    mod.mkdir(parents=True)
    (mod / "notice.toml").write_text(EVENT, "utf-8")
    env = dict(os.environ, CEASEFIRE_MODS=str(tmp_path / "mods"))
    run = subprocess.run([sys.executable, "-m", "game", "explain", "elsewhere.notice", "--seed", "1", "--turn", "2",
                          "--scenario", "basra_short"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert ("no event 'elsewhere.notice' in scenario 'basra_short'; it is an event of the mods installed for "
            f"'basra_2008' ({Path('mods') / 'basra_2008'}), which load with 'basra_2008' only: add --scenario basra_2008, "
            f"or put a copy of the mod in {Path('mods') / 'basra_short'}") in run.stderr, run.stderr
