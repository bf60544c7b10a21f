"""Balance figures for docs/balance.md, measured in one run (issue 3's targets).

    python bench/balance.py [--scenario basra_2008] [--games 1000] [--each N] [--jobs 2]

Prints Markdown: each policy's endings, survival, mean score and length; spam policies; coverage.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import loader  # noqa: E402
from game.sim.policies import policy_names  # noqa: E402
from game.sim.runner import simulate  # noqa: E402

SURVIVE = {"strong_state", "survivor", "militia_broken", "fragile_peace"}


def row(name, games, endings):
    n = len(games)
    c = Counter(r.ending for r in games)
    best = sum(r.tone == "best" for r in games) / n
    surv = sum(r.ending in SURVIVE for r in games) / n
    cells = " | ".join(f"{c.get(e, 0) / n:.1%}" for e in endings)
    return (f"| {name} | {n} | {statistics.fmean(r.score for r in games):.1f} | {best:.1%} | {surv:.1%} | "
            f"{statistics.median(r.turns for r in games):g} | {cells} |")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default="basra_2008")
    ap.add_argument("--games", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--each", type=int, default=0, help="this many games for every policy (docs/balance.md's tables: 2000)")
    a = ap.parse_args()
    sc = loader.load(a.scenario)
    endings = [e.id for e in sc.endings]
    head = "| policy | games | mean score | best ending | survives | median turns | " + " | ".join(endings) + " |"
    print(head)
    print("|" + "---|" * (6 + len(endings)))
    names = [p for p in policy_names(sc) if not p.startswith(("spam:", "greedy:"))]
    results = {}
    for p in names:
        n = a.each or (a.games if p == "random" else a.games // 2)
        results[p] = simulate(sc, p, n, a.seed, a.jobs, progress=False)
        print(row(p, results[p], endings), flush=True)
    for p in [q for q in policy_names(sc) if q.startswith("spam:")]:
        results[p] = simulate(sc, p, a.each or max(50, a.games // 10), a.seed, a.jobs, progress=False)
        print(row(p, results[p], endings), flush=True)
    rnd = results["random"]
    fired = Counter(e for r in rnd for e in r.events)
    rare = sorted((fired.get(e, 0) / len(rnd), e) for e in sc.events)[:8]
    print()
    print(f"Event coverage (random, {len(rnd)} games): {sum(1 for e in sc.events if fired.get(e))}/{len(sc.events)} "
          f"events fired; rarest: " + ", ".join(f"{e} {v:.1%}" for v, e in rare))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
