"""Found playing basra_short and basra_2008 by keyboard at 80x24 as a student, and running a class as a
teacher: numbers with no word of what they mean, history charts with no turns under them, and a "what if"
branch that offered no name of its own."""

from __future__ import annotations

import random

from game.content import loader
from game.engine.session import Session
from game.sim.policies import make_policy, play
from game.ui import saving
from game.ui.app import CeasefireApp
from game.ui.screens.game import GameScreen

from .helpers import answer_cards, settle, sync
from .test_teacher_review import lines_of


@sync
async def test_the_codex_says_what_every_number_means_and_search_finds_it(tmp_path):
    """'Coalition cohesion 13' on the main screen, 'Sadrists cohesion ▼ −3' on a card: the scenario describes
    every number (cohesion: 'below 18 a vote may pass at the end of any turn'), but no screen showed those
    descriptions, and the codex had no entry a search for 'stance' or 'cohesion' explained them in. The codex
    has one now, made from the scenario's own descriptions; the help points to it."""
    from game.ui.screens.codex import NUMBERS_ID, CodexScreen
    from game.ui.screens.help import HelpScreen

    sc = loader.load(loader.resolve_scenario("basra_short"))
    app = CeasefireApp(scenario="basra_short", seed=3, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("c")
        await settle(pilot)
        codex = app.screen
        assert isinstance(codex, CodexScreen)
        await pilot.press("slash")
        await pilot.press(*"numbers")
        await pilot.press("enter")
        await settle(pilot, 5)
        assert codex.current == NUMBERS_ID
        body = codex.query_one("#codex-body").render().plain
        cohesion = sc.metrics["cohesion"]
        assert f"{cohesion.label} (0 to 100; high is good)" in body
        # the scenario's own words, thresholds and all (joined again where the text wrapped)
        flat = " ".join(body.split())
        assert " ".join(cohesion.description.split()) in flat
        assert "no-confidence" in flat
        assert "Iranian influence (0 to 100; low is good)" in flat
        sadrists = sc.actors["sadrists"]
        assert f"{sadrists.short} ({sadrists.name}). Stance (−100 to 100): Toward the government" in flat
        assert "Services (0 to 100): Electricity, water" in flat
        # a search for a word the cards use finds it among its entries
        search = codex.query_one("#codex-search")
        search.value = "stance"
        await settle(pilot, 5)
        assert NUMBERS_ID in codex.fill("stance")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert '"Reading the numbers"' in " ".join(" ".join(lines_of(app.screen.query_one("#help"))).split())


@sync
async def test_the_history_numbers_its_turns_under_the_charts(tmp_path):
    """The history drew each number as a row of bars, five or six a turn, with no turn under them: which bars
    were turn 7? A ruler under the title numbers the turns, each number over the first bar of its turn."""
    from game.ui.screens.history import RangeChart, TurnRuler, ruler

    sc = loader.load(loader.resolve_scenario("basra_short"))
    session = Session.new(sc, 4)
    play(session, make_policy("random", sc), random.Random(4), until=lambda s: s.turn == 9)
    path = saving.save_named(session, "ruler", str(tmp_path))
    for size in ((80, 24), (120, 40)):
        app = CeasefireApp(load=str(path), saves_dir=str(tmp_path))
        async with app.run_test(size=size) as pilot:
            await settle(pilot, 5)
            assert isinstance(app.screen, GameScreen)
            await pilot.press("h")
            await settle(pilot, 5)
            turns = len(app.session.st.history)
            rule = app.screen.query_one(TurnRuler)
            chart = app.screen.query(RangeChart).first()
            assert rule.region.x == chart.region.x and rule.region.width == chart.region.width
            drawn = rule.render().plain
            assert drawn == ruler(turns, rule.region.width)
            per = chart.region.width // turns
            labelled = [int(tok) for tok in drawn.split()]
            assert labelled[0] == 0 and len(labelled) >= 4, (size, drawn)
            for t in labelled:  # each number starts where its turn's bars start
                assert drawn.index(str(t), t * per) == t * per, (size, t, drawn)
    # the numbers never run into each other, however many turns share the width
    for turns in range(1, 60):
        for width in (20, 38, 46, 64, 90):
            text = ruler(turns, width)
            assert len(text) == width
            tokens = text.split()
            assert all(tok.isdigit() for tok in tokens) and tokens == sorted(tokens, key=int)


@sync
async def test_a_what_if_branch_of_a_named_save_offers_a_name_of_its_own(tmp_path):
    """`play --load amal-and-ben --turn 2`: the guide says to name the branch at once ('amal-and-ben-whatif'),
    but its save dialog offered 'basra_short-turn2' and its toast said only 'branched from amal-and-ben.json at
    turn 2'. The toast now says to press s, and the dialog offers amal-and-ben-whatif (then -whatif-2 once
    that is taken); saved so, the first game's save stays as it was."""
    from game.ui.screens.dialogs import SaveNameDialog
    from textual.widgets import Input

    sc = loader.load(loader.resolve_scenario("basra_short"))
    session = Session.new(sc, 5)
    play(session, make_policy("historical", sc), random.Random(5), until=lambda s: s.turn == 4)
    named = saving.save_named(session, "amal-and-ben", str(tmp_path))
    first = named.read_bytes()
    for expected in ("amal-and-ben-whatif", "amal-and-ben-whatif-2"):
        app = CeasefireApp(load=str(named), branch_turn=2, saves_dir=str(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, 5)
            assert app.session.turn == 2
            said = " ".join(n.message for n in app._notifications)
            assert f"Press s to save it as '{expected}'" in said, said
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, SaveNameDialog)
            assert app.screen.query_one(Input).value == expected
            await pilot.press("enter")
            await settle(pilot, 5)
        assert (tmp_path / f"{expected}.json").exists()
    assert named.read_bytes() == first
    # a branch of an autosave, or a game started afresh, keeps the old suggestion
    app = CeasefireApp(scenario="basra_short", seed=5, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "basra_short-turn1"


@sync
async def test_the_reports_rule_ids_are_dim_after_the_sentence_a_student_reads(tmp_path):
    """Every line of the turn report's ledger ends with the rule that caused it, for a teacher to look up:
    '▲ Political capital +3 (now 17): The prime minister is seen to share the risk. (option
    basra.charge_of_knights/lead_from_basra)'. In the same type as the sentence, the id read as part of it. The
    id is dim now; the sentence is not."""
    from game.ui.screens.report import ReportScreen
    from game.ui.widgets import TextView

    from .helpers import end_turn

    app = CeasefireApp(scenario="basra_short", seed=7, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_cards(pilot)
        await pilot.press("space")
        await end_turn(pilot)
        await settle(pilot, 5)
        assert isinstance(app.screen, ReportScreen)
        text = app.screen.query_one("#report", TextView).text
        plain = text.plain
        ledger = plain[plain.index("Every change, each number in one place"):]
        start = len(plain) - len(ledger)
        dim = [(a, b) for a, b, style in ((s.start, s.end, str(s.style)) for s in text.spans) if style == "dim"]

        def is_dim(i: int) -> bool:
            return any(a <= i < b for a, b in dim)

        checked = 0
        offset = start
        for line in ledger.split("\n"):
            here = offset
            offset += len(line) + 1
            if not line.startswith(("  ▲ ", "  ▼ ", "  • ")) or not line.endswith(")") or "(" not in line:
                continue
            rule_at = line.rindex(" (") + 1
            rule = line[rule_at:]
            if not rule.startswith(("(option ", "(order ", "(dynamic ")) and "'s " not in rule:
                continue
            assert all(is_dim(here + i) for i in range(rule_at, len(line))), line
            assert not any(is_dim(here + i) for i in range(4, rule_at - 1)), line  # the sentence itself
            checked += 1
        assert checked >= 10
