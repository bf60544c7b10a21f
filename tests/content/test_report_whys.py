"""Every number a card choice moves is explained in the turn report. An option's change without a `why`
is reported with the option's own words ('Protest quietly through the embassy') as its reason, which
say what was chosen, not why the number moved; the shipped campaign gives each one a why, and lint's
why-missing note finds any that lacks one."""

from __future__ import annotations

import random

import pytest

from game.content import loader
from game.content.lint import lint
from game.engine.session import Session
from game.sim.policies import make_policy, play


@pytest.fixture(scope="module")
def campaign():
    return loader.load(loader.resolve_scenario("basra_2008"))


def test_lint_finds_no_change_without_a_why_in_the_campaign():
    found = [p.format() for p in lint(loader.resolve_scenario("basra_2008")).findings if p.code == "why-missing"]
    assert found == []


def test_no_report_line_of_real_games_gives_an_option_s_text_as_its_reason(campaign):
    texts = {f"{e.id}/{o.id}": o.model.text for e in campaign.events.values() for o in e.options}
    checked = 0
    for seed in range(1, 13):
        for policy in ("random", "historical"):
            s = Session.new(campaign, seed=seed)
            play(s, make_policy(policy, campaign), random.Random(seed))
            for report in s.st.reports:
                for c in report.changes:
                    if c.cause != "option" or c.target.startswith(("event:", "flag:", "roll:")):
                        continue
                    assert c.why != texts[c.source], (report.turn, c.source, c.label, c.why)
                    checked += 1
    assert checked > 500  # (the games chose many options)
