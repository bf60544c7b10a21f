"""A "what if" branch (play --load SAVE --turn N) says in its saves which game it came from, and the class
report tells the teacher which of the games is a branch of which, from what turn."""

from __future__ import annotations

import html
import random

from game.classroom.report import from_saves, render
from game.engine.session import Session
from game.saves import savefile, store
from game.ui import saving
from tests.saves.savehelp import play_turns


def test_a_branch_is_named_as_such_in_the_class_report(mini, tmp_path):
    first = play_turns(Session.new(mini, 5), random.Random(1))
    original = store.save_named(first, "amal-and-ben", tmp_path)
    branch, _ = saving.branch(original, 2)
    play_turns(branch, random.Random(2))
    whatif = store.save_named(branch, "amal-and-ben-whatif", tmp_path)
    assert savefile.read(whatif).branch_of == [savefile.read(original).game_id, 2]
    assert "branch_of" not in original.read_text("utf-8")  # only a branch writes it

    again, _ = store.load_session(whatif)  # loaded and saved again, it is still a branch
    assert savefile.read(store.save_named(again, "amal-and-ben-whatif-2", tmp_path)).branch_of == [
        savefile.read(original).game_id, 2]

    rep = from_saves([str(original), str(whatif)])
    said = "'amal-and-ben-whatif' is a branch of 'amal-and-ben', played again from turn 2"
    assert any(said in n for n in rep.notes), rep.notes
    assert said in render(rep, "md") and said in html.unescape(render(rep, "html"))

    alone = from_saves([str(whatif)])  # the game it came from not handed in
    assert any("a branch of a game that is not among these saves" in n for n in alone.notes), alone.notes


def test_the_html_divergences_section_reads_in_order_branches_first_split_then_the_tables(mini, tmp_path):
    """Above the tables of who chose what: the note on branches, the turn the class first split on, then what
    the tables hold; the tables after them."""
    first = play_turns(Session.new(mini, 5), random.Random(1))
    original = store.save_named(first, "amal-and-ben", tmp_path)
    branch, _ = saving.branch(original, 2)
    play_turns(branch, random.Random(2))
    whatif = store.save_named(branch, "amal-and-ben-whatif", tmp_path)
    rep = from_saves([str(original), str(whatif)])
    assert rep.branch_note and rep.first_split and rep.divergences
    page = html.unescape(render(rep, "html"))
    marks = [rep.branch_note, f"the class first split on <strong>turn {rep.first_split[0]}</strong>",
             "For each event the class answered in more than one way", "<table"]
    at = [page.index(m, page.index(rep.branch_note)) for m in marks]
    assert at == sorted(at), list(zip(marks, at))
