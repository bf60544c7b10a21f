"""'self.' in an actor's rules means that actor, in conditions as in effects: self.stance reads its
attribute, set_flag = 'self.x' sets its flag, and flag('self.x') reads that same flag."""

from game.content import loader
from game.engine.effects import holds
from game.engine.session import Session
from tests.conftest import MINI

MOD = '''
[[reaction]]
id = "test.self_flag"
actor = "militia"
when = "flag('self.in_coalition') and self.stance > -100"
why = "A rule written with the actor's own names."
set_flag = ["self.marker"]

[[reaction]]
id = "test.reads_marker"
actor = "militia"
when = "flag('self.marker')"
why = "Reads the flag the other rule sets."
add = { stance = 1 }
'''


def _load(tmp_path):
    mod = tmp_path / "selfmod"
    mod.mkdir()
    (mod / "rules.toml").write_text(MOD)
    return loader.check(MINI, [mod])


def test_flag_with_self_names_the_actors_flag(tmp_path):
    sc, problems = _load(tmp_path)
    assert sc is not None, problems
    rule = next(r for r in sc.state_reactions if r.id == "test.self_flag")
    assert ("flag", "militia.in_coalition") in rule.when.refs
    # the flag set through 'self.marker' is the one read through flag('self.marker'): no warning
    assert not [p for p in problems if "marker" in p.message or "in_coalition" in p.message]


def test_the_condition_reads_the_actors_flag_in_a_game(tmp_path):
    sc, _ = _load(tmp_path)
    session = Session.new(sc, seed=1)
    rule = next(r for r in sc.state_reactions if r.id == "test.self_flag")
    st = session.st
    assert "militia.in_coalition" in st.flags  # the actor starts in the coalition
    assert holds(rule.when, st.values, session.view)
    del st.flags["militia.in_coalition"]
    assert not holds(rule.when, st.values, session.view)
