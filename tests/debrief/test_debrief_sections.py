"""Debriefs of fixture saves: every section, in Markdown and in one self-contained HTML file."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from game.cli import main
from game.debrief import SECTIONS, build, from_save, render
from game.debrief.charts import sparkline
from game.engine.session import Session


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    c.close()
    return c


@pytest.fixture(scope="module")
def debriefs(class_saves, mini):
    return {p.stem: from_save(str(p), mini) for p in class_saves}


def test_markdown_has_every_section(debriefs):
    for name, d in debriefs.items():
        md = render(d, "md")
        for _sid, title in d.sections:
            assert f"## {title}" in md, (name, title)
        assert [sid for sid, _ in d.sections] == [sid for sid, _ in SECTIONS]


def test_html_has_every_section_and_parses(debriefs):
    for name, d in debriefs.items():
        doc = parse(render(d, "html"))
        ids = {a.get("id") for t, a in doc.tags if t == "section"}
        assert ids == {sid for sid, _ in SECTIONS}, name


def test_html_is_self_contained_and_has_its_charts(debriefs):
    d = debriefs["student_b"]
    html = render(d, "html")
    doc = parse(html)
    svgs = [a for t, a in doc.tags if t == "svg"]
    assert len(svgs) == len(d.charts) >= 5
    assert sum(1 for t, _ in doc.tags if t == "polyline") >= len(d.charts)
    assert any(t == "style" for t, _ in doc.tags)
    assert "@media print" in html
    # nothing fetched from anywhere: no scripts, links, images, or remote URLs
    assert not [t for t, _ in doc.tags if t in ("script", "link", "img", "iframe", "object")]
    for _t, attrs in doc.tags:
        for k, v in attrs.items():
            if k in ("src", "href") and v:
                assert v.startswith("#"), (k, v)
    assert "url(" not in html


def test_ending_names_its_conditions(debriefs):
    fallen = debriefs["student_g"]
    assert fallen.ending.id == "fallen"
    md = render(fallen, "md")
    assert "Coalition cohesion fell to 5 or below." in md
    assert "cohesion <= 5" not in md  # explained in words; the values it tested stay in the table
    assert any(line.startswith("| Coalition cohesion | ") for line in md.splitlines()), md
    assert "Ended by" in md and "Resign" in md
    best = debriefs["student_b"]
    assert best.ending.id == "success"
    assert [c.name for c in best.ending.conditions] == ["confidence", "cohesion"]


def test_timeline_actors_notes_history_assumptions(debriefs):
    d = debriefs["student_a"]
    md = render(d, "md")
    assert "### Turn 1" in md and "The crisis begins" in md
    # the historical choice is marked, and differing choices show what was done in 2008
    assert "(as in 2008)" in md or "(in 2008:" in md
    militia = next(a for a in d.actors if a.id == "militia")
    assert militia.reactions and all(r.why for r in militia.reactions)
    assert "Strong movements draw recruits." in md
    assert "> **Discuss:** Was attacking first wise?" in md
    assert "Loosely modelled on an offensive in spring 2008." in md
    assert "Numbers stand in for judgements." in md
    assert "Invented for the test scenario." in md


def test_unfinished_game(debriefs):
    d = debriefs["student_f_unfinished"]
    assert not d.finished and d.ending is None
    md = render(d, "md")
    assert "The game is not over" in md
    assert d.timeline and d.timeline[-1].turn == 3


def test_debrief_of_a_game_in_memory_mid_briefing(mini):
    s = Session.new(mini, seed=4242)
    assert s.card is not None  # an event card is waiting
    d = build(mini, s.st)
    assert d.timeline[0].decisions and d.timeline[0].decisions[0].option == ""
    for _sid, title in d.sections:
        assert title in render(d, "md")


def test_class_code_in_header(debriefs):
    from game.classroom.codes import decode

    d = debriefs["student_a"]
    assert d.code
    assert decode(d.code, ["tests/data"])[1:] == (4242, "normal")


def test_sparkline():
    assert sparkline([0, 50, 100], 0, 100) == "\u2581\u2585\u2588"
    assert sparkline([5, 5]) == "\u2585\u2585"
    assert sparkline([]) == ""


def test_cli_writes_html_and_md(class_saves, tmp_path, capsys):
    save = next(p for p in class_saves if p.stem == "student_b")
    out = tmp_path / "b.html"
    assert main(["debrief", str(save), "--out", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert main(["debrief", str(save), "--format", "md"]) == 0
    assert "## The game at a glance" in capsys.readouterr().out


def test_cli_bad_save_is_a_clean_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["debrief", str(bad)]) == 1
    assert main(["debrief", str(tmp_path / "missing.json")]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "missing.json" in err and "Traceback" not in err


def test_write_for_a_live_game(mini, tmp_path):
    from game.debrief import write_for
    from game.sim.policies import make_policy, play
    import random

    s = play(Session.new(mini, seed=5), make_policy("random", mini), random.Random(5))
    p = write_for(mini, s.st, tmp_path / "sub" / "game.debrief.html")
    html = p.read_text()
    assert html.startswith("<!DOCTYPE html>") and "game" in html
    md = write_for(mini, s.st, tmp_path / "game.md").read_text()
    assert md.startswith("# Debrief")


def test_codex_links_read_as_words(mini):
    from game.debrief.model import plain
    from game.ui.text import link_words

    # a bare link reads as the game's screens show it (the entry's name), a link with words as its words
    assert plain("See the [[coalition]]; [[coalition]]; [[south|the South]]", mini) == \
        f"See the {link_words('coalition', None, mini.codex)}; coalition; the South"
    assert plain("Line one\n1. [[coalition]]", mini) == "Line one\n1. coalition"


def test_a_debrief_says_when_developer_mode_changed_the_game(mini, tmp_path, capsys):
    """A teacher reading the debrief of a game set by hand in the console used to see no sign of it."""
    from game.dev import run_command
    from game.saves.savefile import save
    from tests.engine.helpers import answer_all

    s = Session.new(mini, seed=2)
    answer_all(s)
    s.end_turn([])
    answer_all(s)
    run_command(s, "set treasury 5")
    path = tmp_path / "edited.json"
    save(s, path)
    assert main(["debrief", str(path), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "developer mode changed this game 1 time (turn 2: set treasury 5)" in out
    assert "from turn 2 on its numbers are not what its choices alone would give" in out
