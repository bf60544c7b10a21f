"""The class report's --out (folders, links, devices, bad paths) and its reading of 'what if' branches, found
in a teacher's review of the classroom commands, through the real CLI and real saves of the
classroom scenario played by the engine (tests/classroom/data/basra_class.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _one_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def _finished(folder: Path) -> Path:
    return max(folder.glob("autosave-*-t11.json"))


# ---------------------------------------------------------------- --out PATH


def test_out_into_folders_not_made_yet_makes_them_and_says_so(basra_class, tmp_path, capsys):
    """The file goes where --out says, in folders made for it, and the message says a folder was made, so
    a teacher who mistyped a folder's name sees where the report went."""
    debrief = tmp_path / "reports" / "2008" / "pair1.html"
    assert main(["debrief", str(_finished(basra_class)), "--out", str(debrief)]) == 0
    assert debrief.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert _one_line(capsys.readouterr().err) == f"wrote {debrief} (made the folder {debrief.parent})"

    report = tmp_path / "class-3b" / "class.md"
    assert main(["class-report", str(basra_class), "--out", str(report)]) == 0
    assert report.read_text(encoding="utf-8").startswith("# Class report")
    assert f"wrote {report} (made the folder {report.parent})" in capsys.readouterr().err.splitlines()

    assert main(["class-report", str(basra_class), "--out", str(report)]) == 0  # the folder is there now
    assert capsys.readouterr().err.splitlines()[-1] == f"wrote {report}"


def test_out_ending_in_a_slash_is_a_folder_and_says_to_name_the_file(basra_class, tmp_path, capsys):
    """`--out reports/` (a folder not made yet) wrote the debrief into a file called 'reports' and said
    'wrote reports/'."""
    folder = tmp_path / "reports"
    assert main(["debrief", str(_finished(basra_class)), "--out", f"{folder}/"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line == (f"ceasefire: {folder}/: cannot write: the path ends in '/', so it names a folder, not a file "
                    f"(fix: give a file's path, e.g. {folder}/debrief.md)")
    assert not folder.exists()
    assert main(["class-report", str(basra_class), "--out", f"{folder}/", "--format", "html"]) == 1
    assert f"e.g. {folder}/class.html" in _one_line(capsys.readouterr().err)
    assert not folder.exists()


def test_an_empty_out_is_an_error_not_a_silent_print(basra_class, capsys):
    """`--out ""` (a script's variable left empty) printed the debrief and said nothing of the file."""
    assert main(["debrief", str(_finished(basra_class)), "--out", ""]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--out needs a file's path" in _one_line(captured.err)


def test_out_that_cannot_be_written_is_one_line_from_the_real_command(basra_class, tmp_path):
    """The command as a teacher runs it: exit 1 and one line, no traceback, for a path under a file and for
    a folder's path."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    for out, words in ((blocker / "class.html", "a part of the path is a file, not a folder"),
                       (f"{tmp_path / 'new'}/", "names a folder, not a file")):
        run = subprocess.run([sys.executable, "-m", "game", "class-report", str(basra_class), "--out", str(out)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run.stderr
        assert words in _one_line(run.stderr)
    assert blocker.read_text() == "not a folder"


def test_out_through_a_link_or_onto_a_device_keeps_the_link_and_the_device(basra_class, tmp_path, capsys):
    """--out wrote a new file and renamed it over the path: a link to the class's shared report became a
    file of its own (the shared one kept the old report), and a device or a pipe was replaced by a file
    (run as root, `--out /dev/null` made /dev/null a plain file)."""
    save = str(_finished(basra_class))
    shared = tmp_path / "shared" / "class.md"
    shared.parent.mkdir()
    shared.write_text("last week's report")
    link = tmp_path / "latest.md"
    link.symlink_to(shared)
    assert main(["class-report", str(basra_class), "--out", str(link)]) == 0
    assert link.is_symlink() and shared.read_text(encoding="utf-8").startswith("# Class report")

    null = tmp_path / "discard.md"
    null.symlink_to("/dev/null")
    assert main(["debrief", save, "--out", str(null)]) == 0
    assert null.is_symlink() and Path("/dev/null").is_char_device()
    capsys.readouterr()

    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    assert main(["debrief", save, "--out", str(pipe)]) == 0
    reader.join(30)
    assert pipe.is_fifo() and got and got[0].startswith("# Debrief")


# ---------------------------------------------------------------- 'what if' branches in the class report


@pytest.fixture(scope="module")
def class_with_a_branch(basra_short, tmp_path_factory):
    """Two pairs of the class code's world, and a 'what if' of the first played again from turn 6, saved as the
    game saves them (autosaves every turn, and each game under its pair's name)."""
    from game.engine.session import Session
    from game.saves import store
    from game.ui import saving
    from tests.classroom.data.basra_class import play_on

    folder = tmp_path_factory.mktemp("whatif_class")
    amal = play_on(basra_short, Session.new(basra_short, seed=2008, difficulty="easy"), "random", 2, folder)
    first = store.save_named(amal, "amal-and-ben", folder)
    chloe = play_on(basra_short, Session.new(basra_short, seed=2008, difficulty="easy"), "historical", 1, folder)
    store.save_named(chloe, "chloe-and-dan", folder)
    branch, _ = saving.branch(first, 6)
    whatif = play_on(basra_short, branch, "historical", 3, folder)
    store.save_named(whatif, "amal-and-ben-whatif", folder)
    return folder, {"amal-and-ben": amal, "chloe-and-dan": chloe, "amal-and-ben-whatif": whatif}


def test_a_branch_is_not_another_pairs_choice_on_the_turns_it_shares(class_with_a_branch, basra_short):
    """A 'what if' replays its first game's choices up to the turn it branched at; the class report counted
    those as a second game's choices ('2: amal-and-ben, amal-and-ben-whatif' on every card of turns 1 to 5,
    and twice their orders). A branch's choices now count from that turn on; its ending and numbers count as
    a game's."""
    import html

    from game.classroom.report import from_saves, render

    folder, games = class_with_a_branch
    rep = from_saves([str(p) for p in sorted(folder.glob("*.json"))])
    assert sorted(g.label for g in rep.games) == sorted(games)

    shared_cards = 0
    for d in rep.divergences:
        for o in d.options:
            for label, turns in zip(o.games, o.game_turns):
                if label == "amal-and-ben-whatif":
                    assert min(turns) >= 6, (d.title, turns)
                    assert o.endings.total() == len(o.games)
        if max(d.turns) < 6:
            shared_cards += 1
            assert d.games == 2, (d.title, [o.games for o in d.options])  # the two pairs, not three
    assert shared_cards  # the pairs split before turn 6: the tables of those cards were the inflated ones

    turn, items = rep.first_split
    assert turn < 6 and sum(n for _, n in items) == 2, items

    # each order counted once: the branch's own from turn 6, the first game's all
    expected: dict[str, int] = {}
    for label, s in games.items():
        for aid, turns in s.st.taken.items():
            expected[aid] = expected.get(aid, 0) + sum(1 for t in turns if label != "amal-and-ben-whatif" or t >= 6)
    labels = {a.id: a.model.label for a in basra_short.actions.values()}
    assert {label: n for label, n, _ in rep.orders} == {labels[a]: n for a, n in expected.items() if n}

    said = ("'amal-and-ben-whatif' is a branch of 'amal-and-ben', played again from turn 6; it counts as a game of its "
            "own (its ending, score and numbers), but its cards and orders count from turn 6 on: before that they are "
            "those of 'amal-and-ben', counted once, under it")
    rule = ("A 'what if' branch counts from the turn it was played again from: on the turns before, its choices are "
            "those of the game it came from, counted once, under that game.")
    md, page = render(rep, "md"), html.unescape(render(rep, "html"))
    for text in (md, page):
        assert said in text and rule in text
    assert "2: amal-and-ben, amal-and-ben-whatif" not in md
    assert [(g.label, g.own_from, g.branch_of) for g in rep.games if g.own_from] == [
        ("amal-and-ben-whatif", 6, "amal-and-ben")]


def test_a_branchs_shared_turns_count_once_in_the_average_trajectories(class_with_a_branch, basra_short):
    """The mean lines counted a branch's first turns, which are its first game's numbers replayed, a second
    time: on those turns the class's average leaned towards that pair. They count once now."""
    from game.classroom.report import from_saves

    folder, games = class_with_a_branch
    rep = from_saves([str(p) for p in sorted(folder.glob("*.json"))])
    pairs = [games["amal-and-ben"].st, games["chloe-and-dan"].st]
    whatif = games["amal-and-ben-whatif"].st
    for tr in rep.trajectories:
        i = basra_short.index[tr.id]
        for t in range(len(tr.mean)):
            vals = [st.history[t][i] for st in pairs if t < len(st.history)]
            vals += [whatif.history[t][i]] if 6 <= t < len(whatif.history) else []
            assert tr.mean[t] == pytest.approx(sum(vals) / len(vals)), (tr.id, t)
            assert tr.band[t] == (min(vals), max(vals))
    assert whatif.history[2] == pairs[0].history[2]  # (a shared turn: the same numbers, replayed)


def test_a_branch_whose_first_game_is_not_handed_in_counts_all_its_choices(class_with_a_branch):
    """Without the game it came from, the branch's early turns are the only record of that pair's choices:
    they count, and no rule about branches is printed."""
    from game.classroom.report import from_saves, render

    folder, _ = class_with_a_branch
    rep = from_saves([str(folder / "chloe-and-dan.json"), str(folder / "amal-and-ben-whatif.json")])
    assert rep.first_split[0] < 6 and sum(n for _, n in rep.first_split[1]) == 2
    assert any(min(t) < 6 for d in rep.divergences for o in d.options for g, t in zip(o.games, o.game_turns)
               if g == "amal-and-ben-whatif")
    assert "a branch of a game that is not among these saves, played again from turn 6; it counts as a game of its own" \
        in render(rep, "md")
    assert rep.branch_note == "" and not any(g.own_from for g in rep.games)


# ---------------------------------------------------------------- cards with no 2008 choice


@pytest.fixture(scope="module")
def split_on_a_card_without_history(basra_short, tmp_path_factory):
    """Three pairs of the class code's world whose games met 'A split encouraged' (iran.splits_movement, no
    choice of it marked as 2008's) and answered it in three ways (random choice streams 6, 11 and 17)."""
    from tests.classroom.data.basra_class import play_pair

    folder = tmp_path_factory.mktemp("no_history_class")
    for stream in (6, 11, 17):
        play_pair(basra_short, "random", stream, None, folder)
    return folder


def test_a_card_with_no_2008_choice_says_2008_offers_no_comparison(split_on_a_card_without_history, basra_short):
    """Under the table of who chose what, a card whose 2008 choice no game made says what was chosen in 2008;
    a card with no choice marked as 2008's ('A split encouraged') said nothing, and read as a gap. It now says
    plainly that 2008 offers no comparison for it, and every such card reads the same, in Markdown and HTML."""
    import html

    from game.classroom.report import DETAILED, from_saves, render

    rep = from_saves([str(p) for p in sorted(split_on_a_card_without_history.glob("*.json"))])
    split = next(d for d in rep.divergences if d.event == "iran.splits_movement")
    assert len(split.options) == 3 and not any(o.historical for o in split.options)
    full = "2008 offers no comparison for this card: none of its choices is marked as the one made in 2008."
    short = "2008 offers no comparison for this card."
    md, page = render(rep, "md"), html.unescape(render(rep, "html"))

    unmarked = [d for d in rep.divergences if not any(o.model.historical for o in basra_short.events[d.event].options)]
    assert split in unmarked
    for k, d in enumerate(rep.divergences):
        if k < DETAILED:  # a card's own table: the line under it
            section = md.split(f"### {d.title}", 1)[1].split("\n### ", 1)[0]
            box = page.split(f"<h3>{d.title}", 1)[1].split("<h3>", 1)[0]
            said = [full in section, full in box]
        else:  # a row of 'Other choices the class split on'
            row = next(line for line in md.splitlines() if line.startswith(f"| {d.title}"))
            cell = page.split(f"<tr><td>{d.title}", 1)[1].split("</tr>", 1)[0]
            said = [row.count(short) == 1, cell.count(short) == 1]
        assert said == ([True, True] if d in unmarked else [False, False]), (d.title, said)
