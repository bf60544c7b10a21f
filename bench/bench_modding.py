"""Modding benchmarks, measured in one run (issue 6).

    python bench/bench_modding.py [--games 10000] [--events 5000] [--repeat 5] [--sweeps 3]

1. A 10,000-game simulate sweep with --jobs 2 (target <= 20 s on a 2-core machine), best of 3 runs.
2. validate of a generated 5,000-event mod over the campaign (loader.validate, the call `ceasefire
   validate` makes), against a plain tomli parse of the same files (target <= 2x).
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content import loader  # noqa: E402

EVENT = '''[[event]]
id = "gen.e{i}"
title = "Generated event {i}"
text = "A generated event to measure how validation scales. It has a little text, like a real card."
when = "turn >= {t} and cohesion > {c} and not flag('gen.flag{j}')"
weight = "5 + max(0, 50 - confidence) / 10"
weight_mods = [{{ factor = 1.5, when = "region.basra.violence > {v}" }}]
debrief = "Generated for the benchmark (invented)."
prompt = "Does this scale?"

[[event.option]]
id = "a"
text = "Spend money"
requires = "treasury >= {m}"
requires_text = "Not enough money."
effects = [{{ add = {{ treasury = -{m}, cohesion = 2 }} }}, {{ set_flag = "gen.flag{j}" }}]
reactions = [{{ actor = "sadrists", add = {{ stance = -1 }}, why = "A generated reaction." }}]

[[event.option]]
id = "b"
text = "Do nothing"
effects = [{{ add = {{ confidence = -1 }} }}]
'''


def make_mod(folder: Path, events: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    per_file = 250
    for f in range(0, events, per_file):
        p = folder / f"gen_{f // per_file:03d}.toml"
        p.write_text("".join(EVENT.format(i=i, t=1 + i % 20, c=i % 50, j=i % 40, v=i % 90, m=1 + i % 9)
                             for i in range(f, min(events, f + per_file))))
        files.append(p)
    return files


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=5, help="validate runs (best of N)")
    ap.add_argument("--sweeps", type=int, default=3, help="sweep runs (best of N)")
    a = ap.parse_args()

    if a.games > 0:  # --games 0: the validate figure only
        # The whole command as a user runs it (start-up, load, games, summary), best of N: a shared
        # 2-core machine has busy spells, which every run's wall time and CPU time are printed to show.
        walls, cpus = [], []
        for _ in range(max(1, a.sweeps)):
            t = time.perf_counter()
            before = os.times()
            subprocess.run([sys.executable, "-m", "game", "simulate", "--scenario", "basra_2008", "--games", str(a.games),
                            "--seed", "1", "--jobs", "2", "--json"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - t)
            after = os.times()
            cpus.append(after.children_user + after.children_system - before.children_user - before.children_system)
        runs = ", ".join(f"{w:.1f} s ({c:.0f} s CPU)" for w, c in zip(walls, cpus))
        print(f"simulate sweep: {a.games} games with --jobs 2 in {min(walls):.1f} s, best of {len(walls)} "
              f"(target <= 20 s); runs: {runs}; load {os.getloadavg()[0]:.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        mod_files = make_mod(Path(tmp) / "gen_mod", a.events)
        base = loader.resolve_scenario("basra_2008")
        all_files = sorted(base.rglob("*.toml")) + mod_files
        parse = check = float("inf")
        for _ in range(a.repeat):  # alternated, best of N each: fair on a busy machine
            t = time.perf_counter()
            for p in all_files:
                tomli.loads(p.read_text("utf-8"))
            parse = min(parse, time.perf_counter() - t)
            scenario = problems = None
            t = time.perf_counter()
            scenario, problems = loader.validate(base, [Path(tmp) / "gen_mod"])  # the call `ceasefire validate` makes
            gc.collect(0)  # and the young-generation collection a load could leave to the next allocation
            check = min(check, time.perf_counter() - t)
        errors = [p for p in problems if p.severity == "error"]
        print(f"validate with a {a.events}-event mod: {check:.2f} s; plain tomli parse of the same "
              f"{len(all_files)} files: {parse:.2f} s; ratio {check / parse:.2f}x (target <= 2x); "
              f"{len(errors)} errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
