"""Developer mode: reload content into a running game; console commands."""

import shutil

import pytest

from game.content import loader
from game.dev import reload_content, run_command
from game.engine.session import Session
from game.errors import CeasefireError, ContentError
from tests.conftest import MINI
from tests.engine.helpers import answer_all


@pytest.fixture
def live(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    s = Session.new(loader.load(root), seed=3)
    answer_all(s)
    s.end_turn([("talks", None)])
    return root, s


def test_reload_keeps_the_game_and_uses_new_text(live):
    root, s = live
    path = root / "events" / "random.toml"
    path.write_text(path.read_text().replace('title = "Budget debate"', 'title = "Budget fight"'))
    new, warnings = reload_content(s)
    assert new.turn == s.turn and new.st.values == s.st.values
    assert new.sc.events["mini.budget"].model.title == "Budget fight"
    assert any("changed" in w.lower() for w in warnings)


def test_reload_with_broken_content_keeps_the_old_game(live):
    root, s = live
    (root / "zz.toml").write_text('[[event]]\nid = "bad"\n')
    with pytest.raises(ContentError):
        reload_content(s)
    assert not s.ended  # the running game is untouched


def test_console_fires_events_and_sets_values(live):
    _, s = live
    assert "its card comes first" in run_command(s, "fire mini.budget")
    assert s.card.id == "mini.budget"
    assert run_command(s, "set treasury 7") == "treasury: " + f"{s.st.history[-1][s.sc.index['treasury']]:g} -> 7"
    run_command(s, "add cohesion 500")
    assert s.value("cohesion") == 100
    run_command(s, "flag mediated")
    assert "mediated" in s.st.flags
    with pytest.raises(CeasefireError, match="did you mean 'treasury'"):
        run_command(s, "set tresury 1")
    with pytest.raises(CeasefireError, match="did you mean 'mini.budget'"):
        run_command(s, "fire mini.budgte")
    assert "commands:" in run_command(s, "help")
    assert run_command(s, "show mediated") == "flag mediated is set"
    assert run_command(s, "show treasury") == "treasury = 7"
    # a name that is neither (an actor's id, say) is not reported as an unset flag without a word more
    assert "no value 'militia', and no flag of that name is set; did you mean 'militia." in run_command(s, "show militia")


def test_a_value_set_past_its_range_says_it_was_held(live):
    """'set cohesion 200' answered 'cohesion: 50 -> 100' with no word of the range that held it."""
    _, s = live
    out = run_command(s, "set cohesion 200")
    assert out.endswith("-> 100 (held at 100: its range is 0 to 100)"), out
    assert "held" not in run_command(s, "set cohesion 40")


def test_a_known_command_with_the_wrong_words_says_how_it_is_written(live):
    """'flag Bad Name' and 'set cohesion' got 'cannot do ...' and the whole list of commands."""
    _, s = live
    with pytest.raises(CeasefireError, match=r"^'flag' is written flag NAME \(one flag name, without spaces\)$"):
        run_command(s, "flag Bad Name")
    with pytest.raises(CeasefireError, match=r"^'set' is written set NAME VALUE, e.g. set \w+ 50$"):
        run_command(s, "set cohesion")
