"""[[flag]] entries: a modder gives a flag its words, and every screen and the debrief use them."""

from __future__ import annotations

from game.cli import main
from game.content import loader
from game.engine.session import Session
from game.ui.widgets import render_actors
from tests.conftest import MINI
from tests.engine.helpers import answer_all

WORDS = '''[[flag]]
id = "services_funded"
label = "the state pays for clinics and schools"

[[flag]]
id = "militia.ceasefire"
label = "the militia keeps its ceasefire"
short = "truce"
'''


def _mod(tmp_path, text: str):
    mod = tmp_path / "words"
    mod.mkdir()
    (mod / "flags.toml").write_text(text)
    return mod


def test_a_flags_words_are_what_previews_reports_and_the_actors_panel_say(tmp_path):
    sc = loader.load(MINI, [_mod(tmp_path, WORDS)])
    assert sc.flag_label("services_funded") == "the state pays for clinics and schools"
    s = Session.new(sc, seed=1)
    answer_all(s)
    preview = s.preview_order("services")
    assert [i.label for i in preview.items if i.target == "flag:services_funded"] == ["sets services_funded"]  # engine's raw label
    report = s.end_turn([("services", None)])
    change = next(c for c in report.changes if c.target == "flag:services_funded")
    assert change.sentence().startswith("Now: the state pays for clinics and schools")
    panel = render_actors(s, 38).plain
    assert "truce" in panel and "ceasefire" not in panel  # the short tag, not the words of the id


def test_words_for_a_flag_nothing_sets_are_a_located_warning_with_a_hint(tmp_path, capsys):
    mod = _mod(tmp_path, WORDS.replace('id = "services_funded"', 'id = "services_fundd"'))
    code = main(["validate", str(MINI), "--mod", str(mod)])
    out = capsys.readouterr().out
    assert code == 0  # a warning: the game still plays
    assert ("flags.toml:2:1: warning: flag[0].id: words for flag 'services_fundd', which no effect sets and no rule "
            "reads (fix: did you mean 'services_funded'?)") in out, out


def test_a_colon_in_a_flags_words_is_an_error_at_its_line(tmp_path, capsys):
    mod = _mod(tmp_path, WORDS.replace("the state pays for clinics and schools", "services: funded"))
    code = main(["validate", str(MINI), "--mod", str(mod)])
    out = capsys.readouterr().out
    assert code == 1
    assert "flags.toml:3:1: error: flag[0].label: a flag's label cannot hold ': '" in out, out
