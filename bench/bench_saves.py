"""Save benchmarks: save and load times of a full game of the campaign, and the file's size.

    python bench/bench_saves.py [SCENARIO] [--seeds N] [--repeat N]

Plays random-policy games (seeds 1..N) of the campaign (or the mini test scenario if the campaign
does not validate), keeps the longest, and times, best of --repeat:
- save: the whole `store.save_named` (build the SaveFile, checksum, JSON, write, fsync, rename);
- load: `store.load_session` with the scenario already loaded (read, migrate, validate, restore),
  as the interface does; and the same with the scenario loaded from disk, as `ceasefire play --load` does.
Targets (issue 5): save <= 20 ms, load <= 20 ms, file <= 256 KB. Also prints what the file's bytes are.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import loader  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.errors import ContentError  # noqa: E402
from game.saves import store  # noqa: E402
from game.sim.policies import RandomPolicy, play  # noqa: E402

MINI = Path(__file__).resolve().parents[1] / "tests" / "data" / "mini"


def best_of(fn, repeat: int) -> tuple[float, float]:
    """(best wall time, best CPU time) in seconds. CPU time leaves out fsync waits and other processes."""
    wall, cpu = [], []
    for _ in range(repeat):
        c, t = time.process_time(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?", default="basra_2008")
    ap.add_argument("--seeds", type=int, default=20, help="games to play to find the longest")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    try:
        sc = loader.load(args.scenario)
    except ContentError as exc:
        print(f"{args.scenario} does not validate ({exc}); using the mini test scenario")
        sc = loader.load(MINI)
    longest = None
    for seed in range(1, args.seeds + 1):
        s = Session.new(sc, seed=seed)
        play(s, RandomPolicy(), random.Random(seed))
        if longest is None or s.turn > longest.turn:
            longest = s
        if s.turn >= sc.meta.turns:
            break
    s = longest
    print(f"scenario {sc.id}: {sc.meta.turns} turns; game of seed {s.st.seed} lasted {s.turn} turns "
          f"(ending {s.st.ending}); {len(sc.slots)} values")
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        path = store.save_named(s, "bench", folder)
        t_save = best_of(lambda: store.save_named(s, "bench", folder), args.repeat)
        t_load = best_of(lambda: store.load_session(path, sc), args.repeat)
        t_cold = best_of(lambda: store.load_session(path), max(1, args.repeat // 5))
        raw = path.read_bytes()
        size = len(raw)
        data = json.loads(raw)
    def ok(t):
        if t[0] <= 0.020:
            return "ok"
        return "ok in CPU time; wall clock over (machine load, fsync)" if t[1] <= 0.020 else "OVER TARGET"

    try:
        load = "load average %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = ""
    print(f"times are best of {args.repeat}; wall clock (CPU time); {load}")
    print(f"save:               {t_save[0] * 1000:7.2f} ms ({t_save[1] * 1000:6.2f} CPU)  target <= 20 ms: {ok(t_save)}"
          "  (includes two fsyncs)")
    print(f"load:               {t_load[0] * 1000:7.2f} ms ({t_load[1] * 1000:6.2f} CPU)  target <= 20 ms: {ok(t_load)}")
    print(f"load with content:  {t_cold[0] * 1000:7.2f} ms ({t_cold[1] * 1000:6.2f} CPU)  (reading the scenario too)")
    print(f"file size:          {size / 1024:7.1f} KB   (target <= 256 KB: {'ok' if size <= 256 * 1024 else 'OVER TARGET'}); "
          f"{size / max(1, s.turn) / 1024:.1f} KB a turn")
    parts = {f"state.{k}": len(json.dumps(v, separators=(',', ':'))) for k, v in data["state"].items()}
    parts["choices (header)"] = len(json.dumps(data["choices"], separators=(",", ":")))
    parts["strings (report texts)"] = len(json.dumps(data["strings"], separators=(",", ":"), ensure_ascii=False))
    parts["rest of header"] = size - sum(parts.values())
    print("what the bytes are (reports and news are written against the string table):")
    for k, n in sorted(parts.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {k:22} {n / 1024:7.1f} KB  {100 * n / size:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
