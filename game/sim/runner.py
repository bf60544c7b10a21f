"""Run many headless games, across processes, and gather what happened in each."""

from __future__ import annotations

import random
import sys
from array import array
from dataclasses import dataclass, field
from itertools import chain
from multiprocessing import get_context
from operator import itemgetter

from game.content import loader
from game.content.runtime import Scenario
from game.engine.session import Session, fast_path
from game.sim.policies import make_policy, play


@dataclass
class GameResult:
    """The facts of one simulated game that reports need."""

    seed: int
    ending: str
    tone: str
    score: float
    turns: int
    events: list[str]
    options: list[str]
    actions: list[str]
    # the metrics (in scenario order) at the start and after each turn, row after row, as one flat
    # array of floats: compact to send back from a worker process and quick to sum
    trajectory: array = field(default_factory=lambda: array("d"))


def game_seed(base: int, i: int) -> int:
    return base * 100_003 + i


def run_one(scenario: Scenario, policy_name: str, seed: int, difficulty: str | None = None,
            keep: bool = False, policy_seed: int | None = None) -> tuple[GameResult, Session | None]:
    """One game of `seed`; the policy draws its choices from its own generator, seeded from
    `policy_seed` (default: the game's seed), so that games of one world can differ by choices alone."""
    policy = make_policy(policy_name, scenario)
    session = Session.new(scenario, seed=seed, difficulty=difficulty, record=keep)
    play(session, policy, random.Random((seed if policy_seed is None else policy_seed) ^ 0x5EED))
    st = session.st
    tone = next(e.model.tone for e in scenario.endings if e.id == st.ending)
    events = sorted(st.fired)
    options = sorted(st.chosen)
    actions = [a for a, turns in sorted(st.taken.items()) for _ in turns]
    row = _metric_getter(scenario)
    traj = array("d", chain.from_iterable(map(row, st.history)))
    result = GameResult(seed, st.ending, tone, st.score, len(st.history) - 1, events, options, actions, traj)
    if keep:
        return result, session
    session.close()
    return result, None


def _metric_getter(scenario: Scenario):
    """row of state values -> the metrics' values, in scenario order (a tuple)."""
    got = scenario.__dict__.get("_metric_getter")
    if got is None:
        slots = [scenario.index[m] for m in scenario.metrics]
        got = itemgetter(*slots) if len(slots) > 1 else (lambda row, _i=tuple(slots): tuple(row[i] for i in _i))
        scenario.__dict__["_metric_getter"] = got
    return got


_WORKER: dict = {}


def _init(path: str, mods: tuple, policy: str, difficulty: str | None):
    _WORKER["scenario"] = loader.load(path, list(mods))
    _WORKER["policy"] = policy
    _WORKER["difficulty"] = difficulty


def _work(seeds: tuple[int, int | None]) -> GameResult:
    return run_one(_WORKER["scenario"], _WORKER["policy"], seeds[0], _WORKER["difficulty"], policy_seed=seeds[1])[0]


class Progress:
    """A one-line progress bar on stderr, drawn only on a terminal."""

    def __init__(self, total: int, label: str = "simulating", stream=None):
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty() and total >= 20
        self.step = max(1, total // 100)

    def update(self, done: int):
        if self.on and (done % self.step == 0 or done == self.total):
            width = 30
            filled = int(width * done / self.total)
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}")
            self.stream.flush()

    def close(self):
        if self.on:
            self.stream.write("\n")


def simulate(scenario: Scenario, policy: str, games: int, seed: int, jobs: int = 1,
             difficulty: str | None = None, progress: bool = True, world: bool = False) -> list[GameResult]:
    """Play `games` games; results in game order whatever the number of jobs.

    Game i plays seed game_seed(seed, i); with world=True (a class code) every game plays `seed`
    itself, the world the class plays, and only the policy's choices differ from game to game."""
    make_policy(policy, scenario)  # fail early on a bad name
    seeds = [(seed, game_seed(seed, i)) if world else (game_seed(seed, i), None) for i in range(games)]
    bar = Progress(games) if progress else None
    results: list[GameResult] = []
    # Lean games run generated functions (game/engine/fast.py). Those of the options and orders are
    # built as each is first met, unless a long run builds them all at once, once (before forking;
    # spawned workers load the scenario and build their own).
    single = jobs <= 1 or games < 50
    if single or sys.platform != "win32":
        fast_path(scenario, choices=games >= 500)
    if single:
        for i, (s, ps) in enumerate(seeds):
            results.append(run_one(scenario, policy, s, difficulty, policy_seed=ps)[0])
            if bar:
                bar.update(i + 1)
    else:
        if sys.platform != "win32":  # fork: workers inherit the loaded scenario (and its fast path, built here once)
            ctx, init, args = get_context("fork"), None, ()
            _WORKER.update(scenario=scenario, policy=policy, difficulty=difficulty)
        else:
            ctx, init, args = get_context("spawn"), _init, (scenario.root, scenario.mods, policy, difficulty)
        with ctx.Pool(jobs, initializer=init, initargs=args) as pool:
            for i, r in enumerate(pool.imap(_work, seeds, chunksize=max(1, min(50, games // (jobs * 20))))):
                results.append(r)
                if bar:
                    bar.update(i + 1)
    if bar:
        bar.close()
    return results
