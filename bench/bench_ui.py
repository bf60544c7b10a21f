"""Interface benchmark, measured in one run (python bench/bench_ui.py [--runs N] [--scenario ID]).

Prints:
- launch -> first interactive frame of `ceasefire` (the title screen) against a bare Textual app
  with a Header and a Footer, each in fresh processes (median of N) — target <= 1.5x;
- end-turn keypress -> turn report painted, on the campaign (or the test scenario) — target <= 100 ms;
- peak memory (max RSS) of a game played a few turns against the bare app — target <= 2x; below it, a line
  on where the game's memory goes, stage by stage (Textual, pydantic and our code, the scenario, the screens).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINI = str(ROOT / "tests" / "data" / "mini")


# ---------------------------------------------------------------- children (one app per process)

def frame_then_exit(app) -> None:
    """Print the time from the parent's launch to this first frame, then exit."""
    t0 = float(os.environ.get("BENCH_T0", "nan"))
    print(f"FRAME {time.perf_counter() - t0:.6f}", flush=True)  # CLOCK_MONOTONIC: comparable across processes
    app.exit()


def child_bare() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(frame_then_exit, self)

    Bare().run(headless=True, size=(80, 24))


def child_title() -> None:
    from game.ui.app import CeasefireApp
    from game.ui.screens.title import TitleScreen

    class Timed(CeasefireApp):
        def on_mount(self):
            super().on_mount()
            assert isinstance(self.screen, TitleScreen)
            self.call_after_refresh(frame_then_exit, self)  # as the bare app

    app = Timed()
    app.run(headless=True, size=(80, 24))
    if app.return_code not in (0, None):
        raise SystemExit(f"the app failed (return code {app.return_code})")


def rss_kb() -> int:
    """This process's resident memory now, in kB (0 where /proc is not there)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def stage(name: str) -> None:
    """Say the resident memory at a stage of the play child, for the breakdown line."""
    print(f"STAGE {name} {rss_kb()} {peak_kb()}", flush=True)


def child_play(scenario: str, turns: int) -> None:
    """Play `turns` turns of a game (for peak memory), saying the resident memory at each stage."""
    import importlib

    for name in ("textual.app", "textual.widgets"):  # first, so that Textual's share is counted as in the bare app
        importlib.import_module(name)
    stage("textual")
    import game.content.loader as loader

    importlib.import_module("game.engine.session")
    stage("content")
    from game.ui.app import CeasefireApp
    from game.ui.screens.card import EventCardScreen
    from game.ui.screens.game import GameScreen
    from game.ui.screens.report import ReportScreen

    stage("interface")
    load = loader.load

    def load_and_say(*args, **kwargs):
        sc = load(*args, **kwargs)
        stage("scenario")
        return sc

    loader.load = load_and_say

    async def run():
        app = CeasefireApp(scenario=scenario, seed=1, direct=True, saves_dir=tempfile.mkdtemp(), quiet_gc=True)  # (as run_app runs it)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(6):
                await pilot.pause()
            stage("started")
            done = 0
            for _ in range(turns * 10):
                s = app.screen
                if app.session is not None and app.session.ended:
                    break
                if isinstance(s, EventCardScreen):
                    card = app.session.card
                    i = next(i for i, o in enumerate(card.options) if app.session.option_availability(o).ok)
                    await pilot.press(str(i + 1))
                elif isinstance(s, ReportScreen):
                    await pilot.press("enter")
                    done += 1
                    if done >= turns:
                        break
                elif isinstance(s, GameScreen):
                    await pilot.press("space", "e")
                else:
                    await pilot.press("escape")
                await pilot.pause()
            stage("played")

    asyncio.run(run())


def child_bare_peak() -> None:
    async def run():
        from textual.app import App
        from textual.widgets import Footer, Header

        class Bare(App):
            def compose(self):
                yield Header()
                yield Footer()

        async with Bare().run_test(size=(120, 40)) as pilot:
            for _ in range(6):
                await pilot.pause()

    asyncio.run(run())


def peak_kb() -> int:
    """This process's peak resident memory in kB. On Linux, VmHWM: the peak of this program's own memory.
    ru_maxrss is not that: it carries over through fork and exec, so a child started by a parent that had
    grown (this benchmark, once it had played its latency turns in-process) reported the parent's peak:
    both children read 72.5 MB and the ratio 1.00x, when they peak at about 35 and 69 MB."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ---------------------------------------------------------------- parent

STAGES = (  # the play child's stages, in order, and how the breakdown line names what each one added
    ("textual", "Python and Textual"), ("content", "pydantic and the content code"), ("interface", "the interface code"),
    ("scenario", "the scenario loaded"), ("started", "the screens started"), ("played", "the turns played"),
)


def memory_breakdown(stages: dict[str, tuple[int, int]], turns: int) -> str:
    """One line on where the game's memory goes: the resident size after the first stage, then what each
    stage added, and the peak while the scenario loaded (transient: the parsed files, before they are freed)."""
    if any(name not in stages for name, _ in STAGES):
        return ""
    parts, before = [], 0
    for name, words in STAGES:
        now = stages[name][0]
        words = f"{turns} turns played" if name == "played" else words
        parts.append(f"{words} {now / 1024:.1f} MB" if not before else f"{words} {(now - before) / 1024:+.1f}")
        before = now
    at_load = stages["scenario"][1] - stages["scenario"][0]
    return ("where the game's memory goes (resident, MB): " + ", ".join(parts)
            + (f"; while the scenario loaded, the peak stood {at_load / 1024:.1f} MB above the resident size after it"
               if at_load > 0 else ""))

def spawn(*args: str) -> tuple[float, int, dict[str, tuple[int, int]]]:
    """Seconds from launch to the child's first frame (or its whole run), its peak RSS (kB), and the resident
    and peak memory (kB) at each stage it named."""
    env = dict(os.environ, CEASEFIRE_SAVES=tempfile.mkdtemp())
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # any value, even "0", stops .pyc writes: every launch would compile
    t0 = time.perf_counter()
    env["BENCH_T0"] = repr(t0)
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=300)
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{out.stderr[-2000:]}")
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("PEAK ")]
    frames = [ln for ln in out.stdout.splitlines() if ln.startswith("FRAME ")]
    if frames:
        wall = float(frames[-1].split()[1])  # launch -> first frame, not counting the exit
    stages = {w[1]: (int(w[2]), int(w[3])) for w in (ln.split() for ln in out.stdout.splitlines() if ln.startswith("STAGE "))}
    return wall, int(lines[-1].split()[1]) if lines else 0, stages


def end_turn_latency(scenario: str, turns: int) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds from the end-turn keypress to the report painted, one per turn: (wall, CPU, settled).

    The key goes in as the terminal driver delivers it (what Pilot.press does, without Pilot's waits); the
    app stamps the moment the report screen has been painted (`report_painted_at`, set in the first
    callback after the refresh that drew it), and the wall figure is that stamp minus the key's. CPU is this
    process's time over the same span: what the game itself costs; on a busy machine the wall figure also
    counts waiting for a core. `settled` runs on until the app is idle again as Pilot sees it (Pilot's idle
    checks sleep in 20 ms steps, so it overstates): background work after the paint (the autosave, the
    hidden main screen's refresh) shows there."""
    from textual import events
    from textual._wait import wait_for_idle

    from game.ui.app import CeasefireApp
    from game.ui.screens.card import EventCardScreen
    from game.ui.screens.game import GameScreen
    from game.ui.screens.report import ReportScreen

    times: list[float] = []
    cpu: list[float] = []
    settled: list[float] = []

    async def run():
        app = CeasefireApp(scenario=scenario, seed=2, direct=True, saves_dir=tempfile.mkdtemp(), quiet_gc=True)  # (as run_app runs it)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(6):
                await pilot.pause()
            for _ in range(turns * 12):
                s = app.screen
                if app.session.ended or len(times) >= turns:
                    break
                if isinstance(s, EventCardScreen):
                    card = app.session.card
                    i = next(i for i, o in enumerate(card.options) if app.session.option_availability(o).ok)
                    await pilot.press(str(i + 1))
                elif isinstance(s, ReportScreen):
                    await pilot.press("enter")
                elif isinstance(s, GameScreen):
                    await pilot.press("space")
                    await pilot.pause()
                    app.last_report_ms = app.report_painted_at = None
                    key = events.Key("e", "e")
                    key.set_sender(app)
                    c0 = time.process_time()
                    t0 = time.perf_counter()
                    app._driver.send_message(key)
                    while app.report_painted_at is None and time.perf_counter() - t0 < 5:
                        await asyncio.sleep(0.0005)
                    if app.report_painted_at is not None:
                        times.append((app.report_painted_at - t0) * 1000.0)
                        cpu.append((app.report_painted_cpu - c0) * 1000.0)
                    await wait_for_idle(0)
                    await pilot._wait_for_screen()
                    if app.report_painted_at is not None:
                        settled.append((time.perf_counter() - t0) * 1000.0)
                else:
                    await pilot.press("escape")
                await pilot.pause()

    asyncio.run(run())
    return times, cpu, settled


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--turns", type=int, default=6)
    ap.add_argument("--scenario", default=None, help="default: basra_2008 if it loads, else tests/data/mini")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", nargs="*")
    a = ap.parse_args()
    if a.child is not None:
        kind = a.child[0]
        if kind == "bare":
            child_bare()
        elif kind == "title":
            child_title()
        elif kind == "play":
            child_play(a.child[1], int(a.child[2]))
        elif kind == "bare_peak":
            child_bare_peak()
        print(f"PEAK {peak_kb()}")
        return 0

    scenario = a.scenario
    if scenario is None:
        from game.content import loader
        from game.errors import ContentError

        try:
            loader.load("basra_2008")
            scenario = "basra_2008"
        except ContentError:
            scenario = MINI

    spawn("bare")  # warm-up, untimed: an installed game runs from compiled bytecode and warm file caches
    spawn("title")
    bare, title = [], []
    for _ in range(a.runs):  # interleaved, so machine noise hits both alike
        bare.append(spawn("bare")[0])
        title.append(spawn("title")[0])
    b, t = statistics.median(bare), statistics.median(title)

    lat, cpu, settled = end_turn_latency(scenario, a.turns)
    cpu_med = statistics.median(cpu) if cpu else float("nan")
    settled_med = statistics.median(settled) if settled else float("nan")
    lat_med = statistics.median(lat) if lat else float("nan")
    lat_max = max(lat) if lat else float("nan")

    _, bare_peak, _ = spawn("bare_peak")
    _, game_peak, stages = spawn("play", scenario, str(a.turns))

    result = {
        "scenario": scenario,
        "launch_bare_s": round(b, 3), "launch_ceasefire_s": round(t, 3), "launch_ratio": round(t / b, 2),
        "end_turn_to_report_ms_median": round(lat_med, 1), "end_turn_to_report_ms_max": round(lat_max, 1),
        "end_turn_to_report_cpu_ms_median": round(cpu_med, 1),
        "end_turn_to_settled_ms_median": round(settled_med, 1),
        "turns_measured": len(lat),
        "peak_rss_bare_mb": round(bare_peak / 1024, 1), "peak_rss_game_mb": round(game_peak / 1024, 1),
        "memory_ratio": round(game_peak / bare_peak, 2) if bare_peak else None,
        "memory_stages_mb": {name: round(stages[name][0] / 1024, 1) for name, _ in STAGES if name in stages},
    }
    if a.json:
        print(json.dumps(result))
        return 0
    ok = lambda c: "ok" if c else "OVER TARGET"  # noqa: E731
    print(f"scenario: {scenario}")
    print(f"launch -> first interactive frame: bare Header+Footer {b * 1000:.0f} ms, ceasefire title {t * 1000:.0f} ms "
          f"(median of {a.runs}) -> {t / b:.2f}x (target <= 1.5x: {ok(t / b <= 1.5)})")
    print(f"end-turn keypress -> report painted: median {lat_med:.1f} ms, max {lat_max:.1f} ms over {len(lat)} turns "
          f"(target <= 100 ms: median {ok(lat_med <= 100)}, max {ok(lat_max <= 100)}); "
          f"CPU of the game process median {cpu_med:.1f} ms; until idle again (Pilot's view) median {settled_med:.0f} ms")
    try:
        load1 = os.getloadavg()[0]
        print(f"machine load average during the run: {load1:.1f} on {os.cpu_count()} cores")
    except OSError:
        pass
    print(f"peak memory: bare {bare_peak / 1024:.1f} MB, game after {a.turns} turns {game_peak / 1024:.1f} MB -> "
          f"{game_peak / bare_peak:.2f}x (target <= 2x: {ok(game_peak / bare_peak <= 2)})")
    said = memory_breakdown(stages, a.turns)
    if said:
        print("  " + said)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
