"""The actors' own moves, as the turn report and the debrief's timeline list them: a move whose label
already names its actor ('The Kurds back the state's authority') is not put after the actor's name
again ('Kurds: The Kurds back ...'); one that does not ('A car bomb in Baghdad') keeps it. Checked
on real games of the shipped campaign."""

from __future__ import annotations

import random

import pytest

from game.content import loader
from game.debrief.model import _timeline
from game.engine.session import Session
from game.sim.policies import make_policy, play
from game.ui.screens.report import render_report
from game.ui.widgets import actor_name
from game.words import move_line, names_actor


@pytest.fixture(scope="module")
def played():
    sc = loader.load(loader.resolve_scenario("basra_2008"))
    out = []
    for seed in range(1, 9):
        s = Session.new(sc, seed=seed)
        play(s, make_policy("random", sc), random.Random(seed))
        out.append(s)
    return out


def test_names_actor_reads_the_label_s_first_words():
    assert names_actor("Kurds", "The Kurds back the state's authority")
    assert names_actor("Iran", "Iran offers to mediate")
    assert names_actor("Supreme Council", "The Supreme Council names its price")
    assert not names_actor("Iran", "Iranian rockets reach Basra")  # another word that begins alike
    assert not names_actor("Insurgents", "A car bomb in Baghdad")
    assert move_line("Insurgents", "A car bomb in Baghdad") == "Insurgents: A car bomb in Baghdad"
    assert move_line("Kurds", "The Kurds bargain over the budget") == "The Kurds bargain over the budget"


def test_the_report_names_each_actor_once_per_move(played):
    named = unnamed = 0
    for s in played:
        for report in s.st.reports:
            text = render_report(s, report, 80).plain
            for aid, _mid, label in report.moves:
                who = actor_name(s.sc, aid)
                if names_actor(who, label):
                    assert f"  {label}\n" in text, (report.turn, label)
                    assert f"{who}: {label}" not in text, (report.turn, label)
                    named += 1
                else:
                    assert f"  {who}: {label}\n" in text, (report.turn, label)
                    unnamed += 1
    assert named and unnamed  # the games had both kinds of move


def test_the_debrief_timeline_names_each_actor_once_per_move(played):
    seen = 0
    for s in played:
        for entry in _timeline(s.sc, s.st):
            for line in entry.moves:
                head, sep, rest = line.partition(": ")
                assert not (sep and names_actor(head, rest)), line  # 'Kurds: The Kurds ...'
                seen += 1
    assert seen
