"""Summaries of simulated games: endings with confidence intervals, coverage, pick rates."""

from __future__ import annotations

import math
import statistics
import textwrap
from array import array
from collections import Counter, defaultdict
from itertools import chain

from game.content.runtime import Scenario
from game.sim.runner import GameResult
from game.words import fill, listed, plural, terminal_width


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for a share k/n."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def summarize(scenario: Scenario, policy: str, seed: int, results: list[GameResult], code: str | None = None) -> dict:
    """One JSON-ready object; keys follow the command-line contract in GAME.md. With a class code,
    every game played that one world (seed) and `code` names it."""
    n = len(results)
    endings = Counter(r.ending for r in results)
    events = Counter(chain.from_iterable(r.events for r in results))
    actions = Counter(chain.from_iterable(r.actions for r in results))
    options = Counter(chain.from_iterable(r.options for r in results))
    turns = [r.turns for r in results]
    tones = Counter(r.tone for r in results)
    scores: defaultdict[str, list[float]] = defaultdict(list)  # option -> scores of the games that picked it
    for r in results:
        score = r.score
        for key in r.options:  # each option once per game (the keys of the game's chosen options)
            scores[key].append(score)
    option_outcome = {}
    for key, count in options.items():
        picked = scores.get(key)
        option_outcome[key] = {"games": count, "mean_score": round(statistics.fmean(picked), 2) if picked else None}
    trajectories = {}
    metrics = list(scenario.metrics)
    width = len(metrics)
    if results and width and len(results[0].trajectory):
        # the games' trajectories end to end, one buffer per game length (rows: the start and each turn)
        by_rows: dict[int, array] = {}
        for r in results:
            rows = len(r.trajectory) // width
            buf = by_rows.get(rows)
            if buf is None:
                buf = by_rows[rows] = array("d")
            buf.extend(r.trajectory)
        means: list[list[float]] = []  # per turn, each metric's mean over the games still going
        for t in range(max(by_rows)):
            going = [(buf, rows * width) for rows, buf in by_rows.items() if rows > t]
            count = sum(len(buf) // stride for buf, stride in going)
            # metric j at row t of every game still going: a strided slice of each buffer; fsum is exact,
            # so this is statistics.fmean of the column, whatever the order of the games
            means.append([round(math.fsum(chain.from_iterable(buf[t * width + j::stride] for buf, stride in going)) / count, 2)
                          for j in range(width)])
        for j, mid in enumerate(metrics):
            trajectories[mid] = [row[j] for row in means]
    return {
        "scenario": scenario.id,
        "policy": policy,
        "seed": seed,
        **({"code": code} if code else {}),
        "mods": [_mod_shown(x) for x in getattr(scenario, "mods", ())],  # in load order
        "games": n,
        "mean_turns": round(statistics.fmean(turns), 3) if turns else 0,
        "median_turns": statistics.median(turns) if turns else 0,
        "turns": scenario.meta.turns,
        "lengths": {str(t): k for t, k in sorted(Counter(turns).items())},
        "mean_score": round(statistics.fmean(r.score for r in results), 3) if results else 0,
        "endings": {e.id: endings.get(e.id, 0) for e in scenario.endings},
        "endings_ci": {e.id: [round(x, 4) for x in wilson(endings.get(e.id, 0), n)] for e in scenario.endings},
        "ending_titles": {e.id: e.model.title for e in scenario.endings},
        "tones": {t: tones.get(t, 0) for t in ("best", "good", "mixed", "bad", "worst")},
        "events": {eid: events.get(eid, 0) for eid in scenario.events},
        "never_fired": [eid for eid in scenario.events if not events.get(eid)],
        "actions": {aid: actions.get(aid, 0) for aid in scenario.actions},
        "options": option_outcome,
        "trajectories": trajectories,
    }


def _mod_shown(path: str) -> str:
    """A mod folder as loaded: relative to the working folder when inside it."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _seed_words(s: dict) -> str:
    """How the games were seeded: each its own world, or all the one world of a class code."""
    if s.get("code"):
        return f"class code {s['code']}: every game plays the class's world (seed {s['seed']}); only the choices differ"
    return f"seed {s['seed']}"


def _mods_line(s: dict) -> str:
    mods = s.get("mods") or []
    return "mods, in load order: " + ", ".join(mods) if mods else "mods: none (the scenario as shipped)"


def to_text(s: dict, width: int | None = None) -> str:
    """The report as text, laid out for `width` columns (default: the terminal's, see words.terminal_width)."""
    width = width or terminal_width()
    n = s["games"] or 1
    lines = [
        fill(f"{plural(s['games'], 'game')} of '{s['scenario']}' with policy '{s['policy']}' ({_seed_words(s)})", width),
        listed("mods, in load order: ", s["mods"], width) if s.get("mods") else _mods_line(s),
        f"turns: mean {s['mean_turns']:.1f}, median {s['median_turns']:g} of {s['turns']}; mean score {s['mean_score']:.1f}",
        "",
        "endings (share, 95% interval):",
    ]
    endings = sorted(s["endings"].items(), key=lambda kv: -kv[1])
    intervals = {eid: "[{:.1%} – {:.1%}]".format(*s["endings_ci"][eid]) for eid, _ in endings}
    w_id = max((len(e) for e, _ in endings), default=0)
    w_count = max((len(str(k)) for _, k in endings), default=0)
    w_interval = max((len(i) for i in intervals.values()), default=0)
    for eid, k in endings:
        title = s.get("ending_titles", {}).get(eid, "")
        row = f"  {eid:<{w_id}}  {k:>{w_count}}  {k / n:6.1%}  {intervals[eid]:<{w_interval}}  "
        # a title too long for the line goes on below, under itself
        lines.append(textwrap.fill(title, max(width, len(row) + 20), initial_indent=row,
                                   subsequent_indent=" " * len(row)) if title else row.rstrip())
    fired = sum(1 for v in s["events"].values() if v)
    lines += ["", f"event coverage: {fired}/{len(s['events'])} events fired at least once"]
    rare = sorted((v, k) for k, v in s["events"].items())[:10]
    if s["games"] == 1:  # (--games 1 --save, the classroom guide's example: a list of 70 ids said nothing)
        if s["never_fired"]:
            lines.append(fill(f"  {plural(len(s['never_fired']), 'event')} did not come up in this one game "
                               "(a game draws only some of the cards; run --games 200 to list those that never fire)",
                               width, "    "))
    else:
        if rare:
            lines.append(listed("  rarest: ", [f"{k} ({v / n:.1%})" for v, k in rare], width, "    "))
        if s["never_fired"]:
            lines.append(listed("  never fired: ", s["never_fired"], width, "    "))
    top = sorted(s["actions"].items(), key=lambda kv: -kv[1])
    lines += ["", listed("orders given: ", [f"{a} {v}" for a, v in top], width)]
    lines += ["", listed("game length: ", _length_shares(s), width)]
    links = _score_links(s)
    if links:
        lines += ["", "options most linked to the score, picked in 5–95% of games",
                  "(share of games that picked it; mean score when picked vs when not):"]
        up = [row for row in links if row[4] > 0][:6]
        down = [row for row in links if row[4] < 0][::-1][:6]
        for sign, rows in (("+", up), ("-", down)):
            for key, games, score, other, _ in rows:
                lines.append(f"  {sign} {key:<44} {games / n:6.1%}  {score:6.1f} vs {other:5.1f}")
        if not up and not down:
            lines.append("  none: every such option's games scored alike")
    if s.get("trajectories"):
        lines += ["", "mean metrics, start → middle → end:"]
        for mid, row in s["trajectories"].items():
            lines.append(f"  {mid:<18} {row[0]:6.1f} → {row[len(row) // 2]:6.1f} → {row[-1]:6.1f}  {_spark(row)}")
    return "\n".join(lines)


def _spark(row: list[float]) -> str:
    bars = " ▁▂▃▄▅▆▇█"
    lo, hi = min(row), max(row)
    span = (hi - lo) or 1.0
    return "".join(bars[int((v - lo) / span * (len(bars) - 1))] for v in row)


def _length_shares(s: dict) -> list[str]:
    """'24: 89%' for each game length, shortest first."""
    lengths = s.get("lengths") or {}
    total = sum(lengths.values()) or 1
    return [f"{t}: {k / total:.0%}" for t, k in sorted(lengths.items(), key=lambda kv: int(kv[0]))]


def _option_rows(s: dict) -> list[tuple[str, int, float]]:
    n = s["games"] or 1
    rows = [(k, v["games"], v["mean_score"]) for k, v in s["options"].items()
            if v["mean_score"] is not None and v["games"] / n >= 0.05]
    return sorted(rows, key=lambda r: -r[2])


def _score_links(s: dict) -> list[tuple[str, int, float, float, float]]:
    """(option, games that picked it, mean score when picked, mean score when not, the difference)
    for options picked in 5% to 95% of the games (else one side is too small to compare), the
    largest difference first."""
    n = s["games"]
    total = s["mean_score"] * n
    rows = []
    for key, games, score in _option_rows(s):
        if games >= n or games / n > 0.95:
            continue
        other = (total - score * games) / (n - games)
        rows.append((key, games, score, other, round(score - other, 6)))
    return sorted(rows, key=lambda r: -r[4])


def to_markdown(s: dict) -> str:
    n = s["games"] or 1
    out = [
        f"# Simulation: {s['scenario']} / {s['policy']}",
        "",
        f"{plural(s['games'], 'game')}, {_seed_words(s)}; " + _mods_line(s) + f". Mean length {s['mean_turns']:.1f} turns (median {s['median_turns']} of {s['turns']}); mean score {s['mean_score']:.1f}.",
        "",
        "| ending | title | games | share | 95% interval |",
        "|---|---|---:|---:|---|",
    ]
    for eid, k in sorted(s["endings"].items(), key=lambda kv: -kv[1]):
        lo, hi = s["endings_ci"][eid]
        out.append(f"| {eid} | {s.get('ending_titles', {}).get(eid, '')} | {k} | {k / n:.1%} | {lo:.1%} – {hi:.1%} |")
    out += ["", "| event | fired in |", "|---|---:|"]
    for eid, v in sorted(s["events"].items(), key=lambda kv: kv[1]):
        out.append(f"| {eid} | {v / n:.1%} |")
    out += ["", "| action | times |", "|---|---:|"]
    for aid, v in sorted(s["actions"].items(), key=lambda kv: -kv[1]):
        out.append(f"| {aid} | {v} |")
    out += ["", "| option | picked in | mean score when picked |", "|---|---:|---:|"]
    for key, games, score in _option_rows(s):
        out.append(f"| {key} | {games / n:.1%} | {score:.1f} |")
    out += ["", f"Game length: {', '.join(_length_shares(s))}"]
    if s.get("trajectories"):
        out += ["", "| metric | start | middle | end | trend |", "|---|---:|---:|---:|---|"]
        for mid, row in s["trajectories"].items():
            out.append(f"| {mid} | {row[0]:.1f} | {row[len(row) // 2]:.1f} | {row[-1]:.1f} | {_spark(row)} |")
    return "\n".join(out) + "\n"
