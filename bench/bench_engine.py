"""Engine benchmarks, measured in one run: content load vs a plain tomli parse, and games per second.

    python bench/bench_engine.py [SCENARIO] [--games N]

Targets (issue 2): load <= 2x a plain tomli parse of the same files; >= 250 random-policy games/s on
one core for a 24-turn scenario of the campaign's size. Below the load figure, a line says where a load's
time goes (reading and parsing, pydantic, linking and the expressions compiled within it, the rest), so that
the ratio can be read against its parts.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import loader  # noqa: E402
from game.engine.session import fast_path  # noqa: E402
from game.sim.runner import game_seed, run_one  # noqa: E402


def best_of(fn, repeat: int) -> float:
    """The least time `fn` took to make what it returns. What it made is freed after the clock stops: the
    parsed tables on the parse's side, the previous scenario on the load's, so that neither is timed freeing
    what it made before."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        made = fn()
        times.append(time.perf_counter() - t)
        del made
    return min(times)


_PHASES = ["read and parse", "pydantic", "link", "the rest"]  # (in the order they are printed)


def load_phases(root: Path, repeat: int) -> dict[str, float]:
    """Where a load's time goes, best of `repeat` loads each: reading and parsing the files (tomli), shaping
    them with pydantic, linking (expressions compiled, ids checked, rules built) and the rest. Measured in
    loads of their own, after the headline figure, with each step wrapped in a timer."""
    from game.content import link as link_pass

    best: dict[str, float] = {}
    # (the expressions are compiled within link: their time is part of link's, and said beside it)
    # (each file is shaped as soon as it is parsed, within _read_files: pydantic's time is taken out of that)
    steps = [("read and parse", loader, "_read_files"), ("pydantic", loader._Shaper, "file"), ("link", loader._Linker, "link"),
             ("expressions", link_pass, "compile_expr")]
    saved = [(obj, name, getattr(obj, name)) for _, obj, name in steps]

    def timed(label, fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                took[label] = took.get(label, 0.0) + time.perf_counter() - t
        return run

    try:
        for label, obj, name in steps:
            setattr(obj, name, timed(label, getattr(obj, name)))
        for _ in range(repeat):
            took: dict[str, float] = {}
            t = time.perf_counter()
            made = loader.load(root)
            gc.collect(0)
            took["all"] = time.perf_counter() - t
            took["read and parse"] -= took["pydantic"]
            del made  # (freed after the clock stops, as in best_of)
            took["the rest"] = took["all"] - sum(v for k, v in took.items() if k not in ("all", "expressions"))
            for k, v in took.items():
                best[k] = min(best.get(k, v), v)
    finally:
        for obj, name, fn in saved:
            setattr(obj, name, fn)
    return best


def functions_made(root: Path, repeat: int) -> tuple[int, float]:
    """(how many expressions a load compiles, the least time making all their functions takes), over fresh loads."""
    from game.expr.compiler import Compiled

    best = float("inf")
    for _ in range(repeat):
        sc = loader.load(root)
        exprs = [o for o in gc.get_objects() if o.__class__ is Compiled and o._fn is None]
        t = time.perf_counter()
        for c in exprs:
            c.fn
        best = min(best, time.perf_counter() - t)
        del sc
    return len(exprs), best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?", default="basra_2008")
    ap.add_argument("--games", type=int, default=1000, help="games in all, split into --repeat rounds of the same games")
    ap.add_argument("--repeat", type=int, default=5, help="rounds of games")
    ap.add_argument("--load-repeat", type=int, default=40,
                    help="pairs of a parse and a load, each pair timed back to back (the median of the pairs' ratios is "
                         "the figure)")
    args = ap.parse_args()
    root = loader.resolve_scenario(args.scenario)
    sc = loader.load(root)
    folders = [root] + ([root.parent / sc.meta.extends] if sc.meta.extends else [])
    files = [p for f in folders for p in sorted(f.rglob("*.toml"))]
    size = sum(p.stat().st_size for p in files)

    def parse_only():
        return [tomli.loads(p.read_text("utf-8")) for p in files]

    def load():
        made = loader.load(root)
        gc.collect(0)  # count the young-generation collection a load could leave to the next allocation
        return made

    # Pairs: a parse and a load timed back to back (which goes first alternates), so that both halves of a pair
    # run at the same machine speed; the figure is the median of the pairs' ratios. A shared machine's speed
    # drifts by a third within minutes: the ratio of the best of each can pair a parse from a fast moment with
    # loads that never met one (a slow spell once made it 2.8x while the pairs' median said 1.7x).
    parses, loads = [], []
    for i in range(max(1, args.load_repeat)):
        if i % 2:
            loads.append(best_of(load, 1))
            parses.append(best_of(parse_only, 1))
        else:
            parses.append(best_of(parse_only, 1))
            loads.append(best_of(load, 1))
    ratios = sorted(lo / pa for lo, pa in zip(loads, parses))
    quarter = len(ratios) // 4
    print(f"scenario {sc.id}: {len(files)} files, {size / 1024:.0f} KiB, {len(sc.events)} events, "
          f"{len(sc.actions)} actions, {sc.meta.turns} turns")
    print(f"load: {min(loads) * 1000:.1f} ms; plain tomli parse: {min(parses) * 1000:.1f} ms (best of {len(loads)} each); "
          f"ratio {statistics.median(ratios):.2f}x (target <= 2x; the median of {len(ratios)} pairs, each timed back to "
          f"back; their middle half {ratios[quarter]:.2f}-{ratios[-1 - quarter]:.2f}x; the bests' ratio "
          f"{min(loads) / min(parses):.2f}x)")
    phases = load_phases(root, args.load_repeat)
    inner = phases.pop("expressions", None)
    print("  where a load's time goes (best of each): " + ", ".join(
        f"{k} {phases[k] * 1000:.1f} ms" + (f" (compiling expressions {inner * 1000:.1f} of it)" if k == "link" and inner else "")
        for k in _PHASES) + f" (of {phases['all'] * 1000:.1f} ms)")
    count, made = functions_made(root, min(args.load_repeat, 10))
    print(f"  not in the load: an expression's function is made when first called; all {count} made at once take "
          f"{made * 1000:.1f} ms (a recorded game makes those it evaluates, a lean game those the fast path does not write out)")

    if args.games <= 0:  # --games 0: the load figure only
        return 0
    t = time.perf_counter()
    fast_path(sc, choices=True)  # lean games run generated functions, built once per process and scenario
    build_ms = (time.perf_counter() - t) * 1000
    for i in range(20):  # warm up
        run_one(sc, "random", game_seed(2, i))
    # Games as `ceasefire simulate --seed 1` plays them (run_one: the game, then its result gathered).
    # Every round plays the same games, so the rounds differ only by what else the machine was doing;
    # a round's rate is games per CPU-second of this process (what one core does: time spent waiting for the
    # core is left out, so rounds need no partner as the load's parses do), and the best round is the figure;
    # the median round is printed beside it.
    rounds = max(1, args.repeat)
    per = max(1, args.games // rounds)
    turns = [run_one(sc, "random", game_seed(1, i))[0].turns for i in range(per)]
    rates = []
    wall = cpu = 0.0
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        for i in range(per):
            run_one(sc, "random", game_seed(1, i))
        dc = time.process_time() - c
        wall += time.perf_counter() - t
        cpu += dc
        rates.append(per / dc)
    rate = max(rates)
    scale = 24 / sc.meta.turns
    print(f"random games: {per} games x {rounds} rounds in {wall:.2f} s wall, {cpu:.2f} s CPU; best round {rate:.0f} "
          f"games/s on one core, median round {statistics.median(rates):.0f} (mean {statistics.fmean(turns):.1f} turns; "
          f"{rate / scale:.0f} games/s scaled to 24 turns; target >= 250); fast path (options and orders too) built "
          f"once in {build_ms:.0f} ms; load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
