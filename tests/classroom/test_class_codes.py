"""Class codes: round trips, typing mistakes caught, clear errors."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.classroom.codes import ALPHABET, MAX_SEED, CodeError, decode, encode, normalize, parse

DATA = Path(__file__).resolve().parents[1] / "data"


def test_round_trip_with_the_test_scenario():
    code = encode("mini", 12345, "hard")
    assert len(code) == 11 and code[5] == "-"
    scenario, seed, difficulty = decode(code, [DATA])
    assert Path(scenario).name == "mini" and seed == 12345 and difficulty == "hard"
    assert decode(encode("mini", 7), [DATA])[1:] == (7, None)


def test_forgiving_reading():
    code = encode("mini", 4242, "normal")
    assert decode(code.lower().replace("-", " "), [DATA]) == decode(code, [DATA])
    assert parse(code.replace("0", "O")) == parse(code)


def test_every_single_typo_and_neighbour_swap_is_caught():
    rng = random.Random(3)
    for _ in range(40):
        s = normalize(encode(rng.choice(["mini", "basra_2008"]), rng.randrange(MAX_SEED), rng.choice([None, "hard"])))
        for i in range(10):
            for ch in ALPHABET:
                if ch != s[i]:
                    with pytest.raises(CodeError):
                        parse(s[:i] + ch + s[i + 1:])
        for i in range(9):
            t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
            if t != s:
                with pytest.raises(CodeError):
                    parse(t)


@pytest.mark.parametrize("bad, words", [
    ("ABC", "10 letters"), ("UUUUU-UUUUU", "not used"), ("", "10 letters"),
])
def test_malformed_codes(bad, words):
    with pytest.raises(CodeError, match=words):
        parse(bad)


def test_seed_out_of_range():
    with pytest.raises(CodeError, match="seeds from 0"):
        encode("mini", MAX_SEED + 1)
    with pytest.raises(CodeError):
        encode("mini", -1)


def test_unknown_scenario_and_difficulty():
    with pytest.raises(CodeError, match="does not have"):
        decode(encode("no_such_scenario_here", 1), [DATA])
    with pytest.raises(CodeError, match="difficulty"):
        decode(encode("mini", 1, "no_such_level"), [DATA])


def test_shipped_scenario_decodes_to_its_id():
    from game.content.loader import available_scenarios

    for sid in available_scenarios():
        assert decode(encode(sid, 99), [])[0] in (sid,) or Path(decode(encode(sid, 99), [])[0]).name == sid


def test_codes_command_line(capsys):
    from game.classroom.codes import main

    assert main(["basra_2008", "2008", "hard"]) == 0
    code = capsys.readouterr().out.strip()
    assert main([code]) == 0
    assert "seed 2008, difficulty hard" in capsys.readouterr().out
    assert main(["NOPE"]) == 1 and main([]) == 1


def test_ceasefire_class_code_makes_and_reads_codes(capsys):
    """The teacher's command (a teacher found only `python -m game.classroom.codes`, which --help never named)."""
    from game.cli import main

    assert main(["class-code", "basra_short", "2008", "easy"]) == 0
    code = capsys.readouterr().out.strip()
    assert code == encode("basra_short", 2008, "easy")
    assert main(["class-code", code]) == 0
    assert "scenario basra_short, seed 2008, difficulty easy" in capsys.readouterr().out
    assert main(["class-code", "basra_shrt", "2008"]) == 1
    err = capsys.readouterr().err
    assert "did you mean 'basra_short'?" in err and "Traceback" not in err


@pytest.mark.parametrize("args, words", [
    (["basra_short", "2008", "extreme"], ["no difficulty 'extreme'", "easy, normal, hard"]),
    (["basra_short", "2008", "hrad"], ["did you mean 'hard'?"]),
    (["nonexist", "5", "easy"], ["no scenario 'nonexist'", "basra_2008, basra_short"]),
    (["basra_shrot", "5", "easy"], ["did you mean 'basra_short'?"]),
    (["basra_short", "twenty", "easy"], ["seed must be a whole number", "'twenty'"]),
    (["basra_short", "-1", "easy"], ["from 0 to", "choose a seed from 0"]),
])
def test_the_code_maker_refuses_worlds_the_game_cannot_play(args, words, capsys):
    from game.classroom.codes import main

    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    for w in words:
        assert w in err, (w, err)


def test_the_code_maker_accepts_every_preset_and_the_game_reads_its_codes(capsys):
    from game.classroom.codes import main
    from game.content import loader

    sc = loader.load("basra_short")
    for difficulty in sc.meta.difficulty:
        assert main(["basra_short", "2008", difficulty]) == 0
        code = capsys.readouterr().out.strip()
        assert decode(code) == ("basra_short", 2008, difficulty)
    assert main(["basra_short", "2008", "extreme"]) == 1


def test_the_code_maker_module_exits_1_without_a_traceback():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "game.classroom.codes", "basra_short", "2008", "extreme"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert "no difficulty 'extreme'" in r.stderr and "Traceback" not in r.stderr


def test_a_code_made_without_a_difficulty_is_the_one_the_game_shows(capsys):
    """A teacher who leaves the difficulty out got a code no student ever saw: the game played the
    default preset and showed that preset's code. Now both are the default preset's code."""
    from game.cli import main
    from game.content import loader
    from game.engine.session import Session

    assert main(["class-code", "basra_short", "2008"]) == 0
    code = capsys.readouterr().out.strip()
    sc = loader.load("basra_short")
    sid, seed, difficulty = decode(code)
    assert difficulty == sc.meta.default_difficulty and difficulty
    s = Session.new(sc, seed, difficulty)
    assert code == encode(sc.id, s.st.seed, s.st.difficulty)  # the code in the game's header
    assert main(["class-code", "basra_short", "2008", difficulty]) == 0
    assert capsys.readouterr().out.strip() == code


def test_reading_a_code_typed_with_look_alike_letters_echoes_it_as_the_game_writes_it(capsys):
    """'hvr0o-o1yr4' (O for 0) is read, and echoed as HVR00-01YR4, the form on the board and on screen."""
    from game.cli import main

    assert main(["class-code", "hvr0o-o1yr4"]) == 0
    assert capsys.readouterr().out.startswith("HVR00-01YR4: scenario basra_short")
