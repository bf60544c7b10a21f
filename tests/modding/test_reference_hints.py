"""Hints for references that have no close match by spelling: an option reference whose event is
wrong, a misspelt --policy, and 'self.' where it names no actor.

Each test writes real TOML files to tmp_path and runs the real command line on the test scenario."""

from __future__ import annotations

from game.cli import main
from tests.conftest import MINI
from tests.modding.test_mod_messages import _event, _mod, _validate


def _reaction(extra: str, actor: str = "militia") -> str:
    return (f'[[reaction]]\nid = "mymod.cheer"\nactor = "{actor}"\n{extra}'
            'why = "The answer is resented."\nadd = { stance = -4 }\n')


def test_an_option_reference_to_no_event_suggests_the_nearest_event_with_that_option(tmp_path, capsys):
    mod = _mod(tmp_path, {"reactions.toml": _reaction('on_option = ["mymod.envoi_talks/refuse"]\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "unknown event 'mymod.envoi_talks' (fix: did you mean 'mini.envoy/refuse'?)" in out, out


def test_a_close_event_id_in_an_option_reference_also_gets_its_option(tmp_path, capsys):
    mod = _mod(tmp_path, {"reactions.toml": _reaction('on_option = ["mini.openin/atack"]\n')})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "unknown event 'mini.openin' (fix: did you mean 'mini.opening/attack'?)" in out, out


def test_an_unknown_actor_without_a_close_match_lists_the_actors(tmp_path, capsys):
    mod = _mod(tmp_path, {"reactions.toml": _reaction('on_action = "raid"\n', actor="mahdi_army")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "unknown actor 'mahdi_army' (fix: use an actor id: government, militia, hardliners, patron_state)" in out, out


def test_a_misspelt_policy_suggests_the_nearest(capsys):
    code = main(["simulate", "--scenario", str(MINI), "--no-mods", "--games", "1", "--policy", "spam:raids"])
    err = capsys.readouterr().err
    assert code == 1
    assert "ceasefire: unknown action 'raids' in policy 'spam:raids'; did you mean 'spam:raid'? actions: raid, " in err, err
    code = main(["simulate", "--scenario", str(MINI), "--no-mods", "--games", "1", "--policy", "greedy:cohesin"])
    assert "did you mean 'greedy:cohesion'?" in capsys.readouterr().err


def test_self_outside_an_actors_rules_says_where_it_works_and_gives_the_full_form(tmp_path, capsys):
    card = _event(extra='when = "self.stance > 10"\n') + 'effects = [{ add = { "self.stance" = 1 } }]\n'
    dynamic = ('[[dynamic]]\nid = "mymod.drift"\nname = "Drift"\nwhy = "A test drift."\n'
               'when = "self.strength > 1"\neffects = [{ add = { cohesion = 1 } }]\n')
    mod = _mod(tmp_path, {"events.toml": card, "dynamics.toml": dynamic})
    code, out = _validate(capsys, mod)
    assert code == 1
    where = "'self.' only works in an actor's rules (moves, and reactions with an actor), and this rule belongs to no actor"
    assert (f"events.toml:6:9: error: event[0].when: in expression 'self.stance > 10': unknown name 'self.stance': {where} "
            "(fix: write the actor's id instead of self: '<actor>.stance', e.g. 'government.stance' or 'militia.stance')") in out, out
    assert f"event[0].option[0].effects[0].add.\"self.stance\": unknown state name 'self.stance': {where}" in out
    assert "in expression 'self.strength > 1': unknown name 'self.strength'" in out
    assert "e.g. 'militia.strength' or 'hardliners.strength'" in out
    assert "did you mean" not in out
