"""explain: replays simulate's game for a seed and says why an event did or did not fire."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import load
from game.engine.session import Session
from game.errors import CeasefireError
from game.sim.explain import explain
from game.sim.runner import game_seed, run_one

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


@pytest.fixture(scope="module")
def sc():
    return load(MINI)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """These tests read what explain says, each line whole: a terminal wide enough not to wrap it (the
    80-column layout has its own test, below)."""
    monkeypatch.setenv("COLUMNS", "120")


def test_a_long_gate_goes_on_under_itself_at_80_columns(monkeypatch, capsys):
    """A gate's detail ran to 125 characters, which an 80-column terminal broke mid-word under the FAIL/ok
    column. It wraps at the terminal's width, its next lines under the detail."""
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["explain", "sadr.truce_restored", "--seed", "3", "--turn", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80, lines
    at = next(i for i, line in enumerate(lines) if line.startswith("  FAIL  scheduled: "))
    assert lines[at + 1].startswith(" " * 8) and lines[at + 1][8] != " ", lines
    said = " ".join(" ".join(lines[at:at + 2]).split())
    assert said == ("FAIL scheduled: nothing had scheduled it by the start of this turn (a delay-0 chain during the "
                    "briefing can still fire it)"), said


def test_the_weight_and_draws_lines_use_the_terminals_width_after_the_value_columns(monkeypatch, capsys):
    """The clause and value columns are as wide as their longest name; that width was then taken for the
    terminal's, so the weight and draws lines after them wrapped at about 20 columns in an 80-column terminal."""
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["explain", "basra.quiet_streets", "--turn", "6", "--seed", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80, lines
    assert any(line.startswith("values it reads:") for line in lines)
    at = next(i for i, line in enumerate(lines) if line.startswith("draws this turn: "))
    said = " ".join(" ".join(lines[at:]).split())
    assert len(said) <= 80 and lines[at] == said, lines[at:]  # one line: it fits in 80 columns


@pytest.mark.parametrize("seed", [3, 7, 11])
def test_agrees_with_the_simulated_game(sc, seed):
    _, session = run_one(sc, "random", seed, keep=True)
    for eid, last in session.st.last_fired.items():
        ex = explain(sc, eid, seed, last)
        assert ex.reached and ex.fired, ex.text()
        assert ex.verdict == "it fired this turn"


def test_names_the_failing_gate_and_the_values(sc):
    ex = explain(sc, "mini.collapse_vote", 7, 5)
    assert not ex.fired
    assert [c.name for c in ex.checks if not c.ok] == ["when"]
    clauses = {t.source: t.value for t in ex.clauses}
    assert clauses["cohesion < 30"] is False
    values = {t.source: t.value for t in ex.variables}
    assert set(values) == {"cohesion", "turns_since('mini.budget')", "fired('mini.opening')"}
    assert values["cohesion"] >= 30
    text = ex.text()
    assert "FAIL  when" in text and "cohesion" in text


def test_cooldown_and_max_fires_are_explained(sc):
    ex = explain(sc, "mini.envoy", 7, 2)
    assert not ex.fired
    assert any(c.name == "times fired" and not c.ok for c in ex.checks)


def test_turn_after_the_end_and_unknown_event(sc):
    ex = explain(sc, "mini.budget", 7, 40)
    assert not ex.reached and "ended on turn" in ex.text()
    with pytest.raises(CeasefireError, match="did you mean 'mini.budget'"):
        explain(sc, "mini.budgte", 7, 3)


def test_cli(capsys):
    assert main(["explain", "mini.collapse_vote", "--scenario", str(MINI), "--seed", "7", "--turn", "5"]) == 0
    assert "clause by clause" in capsys.readouterr().out
    assert main(["explain", "mini.budget", "--scenario", str(MINI), "--seed", "1", "--game", "0", "--turn", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["seed"] == game_seed(1, 0) and data["event"] == "mini.budget"


def test_explains_a_saved_game(sc, tmp_path, capsys):
    from game.saves.savefile import save

    _, session = run_one(sc, "random", 7, keep=True)
    path = save(session, tmp_path / "class-game.json")
    eid, last = next(iter(session.st.last_fired.items()))
    assert main(["explain", eid, "--save", str(path), "--turn", str(last)]) == 0
    out = capsys.readouterr().out
    assert "verdict: it fired this turn" in out and "choices recorded in" in out
    assert main(["explain", eid, "--turn", "2", "--scenario", str(MINI)]) == 1  # neither --seed nor --save
    capsys.readouterr()
    # by its name, as `ceasefire saves` lists it (as debrief and replay take it)
    assert main(["--saves-dir", str(tmp_path), "explain", eid, "--save", "class-game", "--turn", str(last)]) == 0
    assert "verdict: it fired this turn" in capsys.readouterr().out


def test_a_save_changed_in_developer_mode_is_explained_only_up_to_the_change(sc, tmp_path, capsys):
    from game.dev import run_command
    from game.saves.savefile import save
    from game.sim.policies import make_policy, play

    session = Session.new(sc, seed=7)
    play(session, make_policy("random", sc), random.Random(7), max_turns=2)  # now in turn 3
    eid = next(iter(sc.events))
    run_command(session, f"fire {eid}")  # the console, on turn 3
    path = save(session, tmp_path / "dev.json")
    assert main(["explain", eid, "--save", str(path), "--turn", "4"]) == 1
    err = capsys.readouterr().err
    assert f"developer mode changed this game on turn 3 (fire {eid})" in err and "turns 1 to 3" in err
    assert "Traceback" not in err
    assert main(["explain", eid, "--save", str(path), "--turn", "3"]) == 0  # before the change: still exact


@pytest.mark.parametrize("rid, kind", [
    ("militia.recruit", "an actor move (of 'militia')"),
    ("raid", "an action (an order the player gives)"),
    ("militia.protests_raid", "a reaction"),
    ("balloon.capital", "a dynamic"),
    ("fallen", "an ending"),
    ("mini.opening/attack", "an option of event 'mini.opening' (explain 'mini.opening')"),
])
def test_an_id_of_another_kind_is_named_as_such(rid, kind, capsys):
    assert main(["explain", rid, "--scenario", str(MINI), "--no-mods", "--seed", "7", "--turn", "2"]) == 1
    err = capsys.readouterr().err
    said = f"ceasefire: explain covers events; '{rid}' is {kind}"
    assert err.strip().startswith(said), err
    if "option of event" not in kind:  # and where its workings show instead
        assert err.strip()[len(said):].startswith(" (") and ("debrief" in err or "simulate" in err), err


def test_an_id_in_no_scenario_without_scenario_option_mentions_it(capsys):
    assert main(["explain", "mini.opening", "--no-mods", "--seed", "7", "--turn", "2"]) == 1
    err = capsys.readouterr().err
    assert "no event 'mini.opening' in scenario 'basra_2008'" in err
    assert "explain looked in the default scenario, 'basra_2008': for another, add --scenario" in err, err
    assert main(["explain", "mini.openin", "--scenario", str(MINI), "--no-mods", "--seed", "7", "--turn", "2"]) == 1
    assert "--scenario" not in capsys.readouterr().err  # given: nothing to add to the "did you mean"


def test_an_event_of_a_mod_left_out_says_to_add_the_mod(tmp_path, capsys):
    """docs/modding.md's modder keeps the mod outside mods/ and passes --mod to validate and simulate; explain
    without it said only 'no event ... (for another scenario, add --scenario)', which points the wrong way."""
    from tests.modding.test_mod_messages import _event, _mod

    mod = _mod(tmp_path, {"events/card.toml": _event()})
    base = ["explain", "mymod.card", "--scenario", str(MINI), "--no-mods", "--seed", "7", "--turn", "2"]
    assert main(base) == 1
    err = capsys.readouterr().err
    assert err.strip() == ("ceasefire: no event 'mymod.card' in scenario 'mini'; no event of 'mini' starts with "
                           "'mymod.': for the events of a mod kept outside the mods/ folder, add --mod DIR, as to simulate"), err
    assert main([*base, "--mod", str(mod)]) == 0  # with it, the card is explained
    assert "mymod.card" in capsys.readouterr().out
    assert main([*base[:1], "mini.openin", *base[2:]]) == 1  # a namespace of the scenario: a typo, not a mod left out
    assert "--mod" not in capsys.readouterr().err


def test_an_event_of_a_mod_asked_of_a_save_played_without_it_says_so(tmp_path, capsys):
    """explain --save: the save says which mods load, so a mod's event asked of a game played without the mod
    said only 'no event ... in scenario'."""
    from tests.modding.test_mod_messages import _event, _mod

    mod = _mod(tmp_path, {"events/card.toml": _event()})
    plain, modded = tmp_path / "plain.json", tmp_path / "modded.json"
    for save, extra in ((plain, []), (modded, ["--mod", str(mod)])):
        assert main(["simulate", "--scenario", str(MINI), "--no-mods", "--games", "1", "--seed", "7",
                     "--save", str(save), *extra]) == 0
    capsys.readouterr()
    assert main(["explain", "mymod.card", "--save", str(plain), "--turn", "2"]) == 1
    assert capsys.readouterr().err.strip() == (
        "ceasefire: no event 'mymod.card' in scenario 'mini'; that game was played without mods: explain a game "
        "played with the mod (a save of it, or --seed with --mod DIR)")
    assert main(["explain", "mymod.card", "--save", str(modded), "--turn", "2"]) == 0
    assert "mymod.card" in capsys.readouterr().out
    assert main(["explain", "mymod.carb", "--save", str(modded), "--turn", "2"]) == 1
    assert capsys.readouterr().err.strip() == "ceasefire: no event 'mymod.carb' in scenario 'mini'; did you mean 'mymod.card'?"


def test_a_chained_event_fired_outside_its_window_says_the_window_is_not_checked(capsys):
    """cw.late (triggered_only, min_turn 6) is chained from cw.start with delay 2: in seed 3's game it
    fires on turn 3. explain shows its window as a gate the engine does not apply to a chained event."""
    mod = Path(__file__).resolve().parent / "data" / "chain_window_mod"
    assert main(["explain", "cw.late", "--scenario", str(MINI), "--mod", str(mod), "--seed", "3", "--turn", "3"]) == 0
    out = capsys.readouterr().out
    assert "verdict: it fired this turn" in out
    assert ("-- turn window: not checked: 6..999 limits only the draw, and this event is brought by a chain "
            "or schedule effect (turn 3 is outside it)") in " ".join(out.split())  # (a line of two)
    # the turn before, it was already scheduled, for turn 3: the verdict says so, as its gate does
    # (it read 'nothing scheduled it' beside 'FAIL  scheduled: scheduled for later: turn 3')
    main(["explain", "cw.late", "--scenario", str(MINI), "--mod", str(mod), "--seed", "3", "--turn", "2"])
    out = capsys.readouterr().out
    assert "verdict: it could not fire: scheduled for later: turn 3" in out
    assert "FAIL  scheduled: scheduled for later: turn 3" in out
    # before its chain was set off (on turn 1, by cw.start), nothing had scheduled it
    main(["explain", "cw.late", "--scenario", str(MINI), "--mod", str(mod), "--seed", "3", "--turn", "1"])
    out = capsys.readouterr().out
    assert "verdict: it could not fire: nothing scheduled it" in out, out


def test_the_verdict_says_how_a_gate_failed_in_words(tmp_path, capsys):
    """'it could not fire: times fired failed, cooldown failed' named the gates, not what held the card
    back: a scenario of one drawn card, asked about the turn after it fired."""
    from game.cli import main

    assert main(["new", "scenario", "river_town", "--dir", str(tmp_path)]) == 0
    root = tmp_path / "river_town"
    assert main(["new", "event", "river_town.curfew", "--dir", str(root)]) == 0
    capsys.readouterr()
    fired_on = None
    for turn in range(2, 6):
        assert main(["explain", "river_town.curfew", "--scenario", str(root), "--seed", "1", "--game", "0",
                     "--turn", str(turn)]) == 0
        out = capsys.readouterr().out
        if fired_on is not None:
            assert f"verdict: it could not fire: it had already fired 1 time (max_fires 1), cooldown until turn " \
                   f"{fired_on + 4}" in out, out
            break
        if "verdict: it fired" in out:
            fired_on = turn
    assert fired_on is not None


def test_a_card_set_aside_by_an_answer_before_it_is_said_to_be():
    """Each card is dealt as it comes up (rule 3), and one that an answer before it made moot is set aside
    unseen: explain says so, not that another event won the draw."""
    campaign = load("basra_2008")
    found: list[tuple[int, int, str]] = []
    for seed in range(100):
        _, session = run_one(campaign, "random", seed, keep=True)
        found = [(seed, r.turn, eid) for r in session.st.reports for eid in r.set_aside]  # (each report names them)
        if found:
            break
    seed, turn, eid = found[0]
    ex = explain(campaign, eid, seed, turn)
    assert not ex.fired and all(c.ok for c in ex.checks), ex.text(120)  # it was drawn (or due) as the turn began
    assert ex.verdict.startswith("it came up this turn but was set aside unseen"), ex.verdict
