"""The dice are fair: a chance the report states ("it had a 60% chance") comes up as often as it says.

A player who saw five operations fail in a row at odds near one half asked whether the rolls are
independent. Over real games of the shipped campaign, every roll's stated chance is compared with
how often it came up, band by band and in all."""

import math

from game.content import loader
from game.sim.runner import run_one


def _rolls(games: int) -> list[tuple[float, float]]:
    scenario = loader.load(loader.resolve_scenario("basra_2008"))
    out = []
    for seed in range(games):
        _, session = run_one(scenario, "random", seed, keep=True)
        out += [(c.before, c.after) for r in session.st.reports for c in r.changes if c.target.startswith("roll:")]
        session.close()
    return out


def _z(rolls) -> float:
    expected = sum(p for p, _ in rolls)
    spread = math.sqrt(sum(p * (1 - p) for p, _ in rolls)) or 1.0
    return (sum(ok for _, ok in rolls) - expected) / spread


def test_rolls_come_up_as_often_as_their_stated_chance():
    rolls = _rolls(120)
    assert len(rolls) > 1500  # the campaign rolls often: enough to see a bias of a few points
    assert all(0.0 <= p <= 1.0 and ok in (0.0, 1.0) for p, ok in rolls)
    bands: dict[int, list] = {}
    for p, ok in rolls:
        bands.setdefault(min(9, int(p * 10)), []).append((p, ok))
    for band, inside in bands.items():
        if len(inside) >= 50:  # 4 standard deviations: a fair die passes all but once in ~15,000 runs
            assert abs(_z(inside)) < 4, (band / 10, len(inside), _z(inside))
    assert abs(_z(rolls)) < 4
    # and a roll at one half is no coin that always lands the same way
    near_half = [ok for p, ok in rolls if 0.4 <= p <= 0.6]
    assert 0.3 < sum(near_half) / len(near_half) < 0.7
