"""Soak: many random-policy games across cores, every invariant checked on each.

    python bench/soak.py [--scenario basra_2008] [--games 100000] [--jobs 2]

Invariants (game/sim/invariants.py): every value in range, no NaN, reports consistent with the state's
changes, the state round-trips through JSON (as a save does). Prints games, failures and rate.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import loader  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.sim.invariants import violations  # noqa: E402
from game.sim.policies import RandomPolicy, play  # noqa: E402
from game.sim.runner import Progress  # noqa: E402

_SC = {}


def one(seed: int) -> tuple[int, list[str]]:
    sc = _SC["sc"]
    s = Session.new(sc, seed=seed, difficulty=random.Random(seed).choice([None] + list(sc.meta.difficulty)))
    play(s, RandomPolicy(), random.Random(seed ^ 0xABC))
    return seed, violations(s)


def soak(scenario: str, games: int, jobs: int, seed: int = 0, progress: bool = True,
         log_every: int = 0) -> tuple[int, list]:
    _SC["sc"] = loader.load(scenario)
    seeds = range(seed, seed + games)
    failures = []
    bar = Progress(games, "soak") if progress else None
    if jobs <= 1:
        results = map(one, seeds)
        for i, (s, v) in enumerate(results):
            if v:
                failures.append((s, v))
            if bar:
                bar.update(i + 1)
    else:
        with get_context("fork").Pool(jobs) as pool:
            t0 = time.perf_counter()
            for i, (s, v) in enumerate(pool.imap_unordered(one, seeds, chunksize=50)):
                if v:
                    failures.append((s, v))
                if bar:
                    bar.update(i + 1)
                if log_every and (i + 1) % log_every == 0:
                    print(f"  {i + 1} games, {len(failures)} failures, {time.perf_counter() - t0:.0f} s", flush=True)
    if bar:
        bar.close()
    return games, sorted(failures)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default="basra_2008")
    ap.add_argument("--games", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--log-every", type=int, default=0, help="print a line every N games (for long runs)")
    args = ap.parse_args()
    t = time.perf_counter()
    games, failures = soak(args.scenario, args.games, args.jobs, args.seed, log_every=args.log_every)
    dt = time.perf_counter() - t
    print(f"soak: {games} games of {args.scenario} on {args.jobs} jobs in {dt:.1f} s ({games / dt:.0f} games/s); "
          f"{len(failures)} with broken invariants")
    for s, v in failures[:20]:
        print(f"  seed {s}: {v[0]}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
