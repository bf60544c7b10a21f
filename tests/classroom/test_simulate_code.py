"""simulate --code: a teacher simulates the world a class code gives every student.

Every game plays the code's scenario, seed and difficulty (as each student does); the games differ
only by the policy's choices. A saved game is one of the class's games: same seed and difficulty,
and it replays.
"""

from __future__ import annotations

import json

from game.classroom.codes import encode
from game.cli import main
from game.content import loader
from game.saves.savefile import read
from game.sim.runner import simulate


def test_every_game_plays_the_class_world_and_only_choices_differ():
    sc = loader.load("basra_short")
    results = simulate(sc, "random", 12, 4242, difficulty="normal", progress=False, world=True)
    assert {r.seed for r in results} == {4242}
    assert len({tuple(r.options) for r in results}) > 1  # the students' choices differ...
    # ...and turn 1's cards, drawn before any choice, are the class's: those of a game started from the code
    from game.engine.session import Session

    st = Session.new(sc, seed=4242, difficulty="normal").st
    first = st.queue + st.coming
    assert first
    for r in results:
        assert set(first) <= set(r.events)


def test_simulate_code_reports_the_world_and_saves_a_class_game(tmp_path, capsys):
    code = encode("basra_short", 4242, "normal")
    out = tmp_path / "game.json"
    assert main(["simulate", "--code", code.lower(), "--no-mods", "--games", "6", "--json", "--save", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["scenario"] == "basra_short" and summary["seed"] == 4242 and summary["code"] == code
    assert summary["games"] == 6
    sf = read(out)
    assert (sf.seed, sf.difficulty, sf.scenario) == (4242, "normal", "basra_short")
    assert main(["replay", str(out)]) == 0


def test_the_text_report_says_the_games_share_one_world(capsys):
    code = encode("basra_short", 77)
    assert main(["simulate", "--code", code, "--no-mods", "--games", "3"]) == 0
    first = " ".join(capsys.readouterr().out.split("\nmods")[0].split())  # the report's first line, however wrapped
    assert f"class code {code}" in first and "seed 77" in first and "only the choices differ" in first


def test_a_code_that_clashes_with_other_options_is_refused_with_the_code_read_out(capsys):
    code = encode("basra_short", 4242, "normal")
    assert main(["simulate", "--code", code, "--seed", "5", "--games", "2"]) == 1
    err = capsys.readouterr().err
    assert "seed 4242" in err and "--seed 5" in err and "give the code alone" in err
    assert "Traceback" not in err


def test_a_mistyped_code_is_a_one_line_error(capsys):
    assert main(["simulate", "--code", "ZZZZZ-ZZZZZ", "--games", "2"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "typing mistake" in err
