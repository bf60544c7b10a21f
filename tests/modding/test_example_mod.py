"""The example mod in examples/: it validates, lints clean and plays over the campaign."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content.lint import lint
from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
MOD = ROOT / "examples" / "water_crisis"


@pytest.fixture(scope="module")
def loaded():
    sc, problems = check("basra_2008", [MOD])
    return sc, problems


def test_validates_with_no_problem_in_the_mod(loaded):
    sc, problems = loaded
    assert sc is not None, [p.format() for p in problems if p.severity == "error"]
    assert [p.format() for p in problems if "examples" in p.file] == []


def test_adds_an_event_and_changes_a_reaction(loaded):
    sc, _ = loaded
    assert {"water.salt_in_the_taps", "water.tanker_contracts"} <= set(sc.events)
    changed = [r for r in sc.on_action["services"] if r.id == "basra_locals.services_buy_peace"]
    assert changed and any(op.when is not None for op in changed[0].ops)  # the mod's version, with its extra effect
    where = sc.sources[("reaction", "basra_locals.services_buy_peace")][0].replace("\\", "/").split("/")
    assert where[-3] == "examples"
    assert any(r.id == "water.iran_offers_help" for r in sc.on_option["water.salt_in_the_taps/upstream"])


def test_lints_without_warnings_in_the_mod():
    result = lint("basra_2008", [MOD])
    assert result.errors == []
    assert [p.format() for p in result.warnings if "examples" in p.file] == []


def test_simulates_and_the_new_event_fires(capsys):
    assert main(["simulate", "--scenario", "basra_2008", "--mod", str(MOD), "--games", "20", "--seed", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["events"].get("water.salt_in_the_taps", 0) > 0


def test_in_a_game_the_new_event_comes_and_the_changed_reaction_answers(loaded):
    """Play as a player would: take the relief option when the card comes, then fund services in Basra."""
    import random

    from game.engine.session import Session

    sc, _ = loaded
    for seed in range(1, 80):
        s = Session.new(sc, seed=seed)
        rng = random.Random(seed)
        while not s.ended and s.turn <= 14:
            while s.card is not None and not s.ended:
                opts = [o for o in s.card.options if s.option_availability(o).ok]
                pick = next((o for o in opts if s.card.id == "water.salt_in_the_taps" and o.id == "relief"), rng.choice(opts))
                s.choose(pick.id)
            if s.ended:
                break
            orders = [("services", "basra")] if "water.relief_funded" in s.st.flags and \
                s.order_availability("services", "basra").ok else []
            report = s.end_turn(orders)
            if orders and any(c.source == "basra_locals.services_buy_peace" and c.why.startswith("After the water crisis")
                              for c in report.changes):
                return  # the mod's event fired, its option set the flag, and the changed reaction used it
    pytest.fail("in 80 games the changed reaction never answered a services order after the relief option")
