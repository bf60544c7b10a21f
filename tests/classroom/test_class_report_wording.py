"""Readability of the class report over a real class of the classroom scenario (QA): no double negative
in what stood between the class and a better ending; an event met on different turns says which game met
it when; an unfinished game's progress is said the same way by the class report, its debrief and a
comparison."""

from __future__ import annotations

import re

import pytest

from game.classroom.report import DETAILED, fmt_score, from_saves, render
from game.debrief import compare, from_save
from game.words import joined

@pytest.fixture(scope="module")
def report(basra_class):
    return from_saves([str(p) for p in sorted(basra_class.glob("*.json"))])


@pytest.fixture(scope="module")
def outputs(report):
    return {"md": render(report, "md"), "html": render(report, "html")}


def test_no_double_negative_in_what_a_better_ending_needed(report, outputs):
    """'not ‘the Mehdi Army's ceasefire holds’: not met in 1' read as a riddle: a status that had to be
    over says so, and how many games it still held in."""
    negated = [(m.title, w, n) for m in report.missed for w, n in m.unmet if w.startswith("not \u2018")]
    assert negated, "no better ending of this class failed on a status that had to be over"
    for fmt, text in outputs.items():
        assert not re.search(r"not \u2018[^\u2019]+\u2019: not met", text), fmt
        for _title, words, n in negated:
            flag = words[len("not "):]
            said = f"{flag} had to be over: it still held in {n} game{'s' if n != 1 else ''}"
            assert said.replace("'", "&#x27;") in text or said in text, (fmt, said)
        assert re.search(r": not met in \d+ games?\b", text), fmt  # the other conditions count games too


def test_an_event_met_on_different_turns_names_each_games_turn(report, outputs):
    """'Talks in Qom (turn 1, 2, 3)' put answers from different turns in one table with nothing to say
    which game answered when: each game now carries the turn it chose on, as its save records it."""
    several = [d for d in report.divergences if len(d.turns) > 1]
    assert several, "no event of this class came on different turns"
    by_label = {g.label: g for g in report.games}
    for d in several:
        for o in d.options:
            for label, words in zip(o.games, o.game_words(True)):
                turns = [r.turn for r in by_label[label].state.reports for eid, oid in r.events
                         if eid == d.event and oid == o.option]
                assert turns, (d.title, label)
                ts = sorted(set(turns))
                assert words == f"{label} (turn{'s' if len(ts) > 1 else ''} {joined([str(t) for t in ts])})", words
    detailed = [d for d in report.divergences[:DETAILED] if len(d.turns) > 1]  # the events with a table of their own
    assert detailed
    for d in detailed:
        block = outputs["md"].split(f"### {d.title} (", 1)[1].split("\n### ", 1)[0]
        assert block.split("\n", 1)[0] == f"turns {joined([str(t) for t in d.turns])} \u2014 each game's turn beside its name)"
        for o in d.options:
            assert ", ".join(o.game_words(True)) in block


def test_an_unfinished_game_is_said_the_same_way_everywhere(report, outputs, basra_class, basra_short):
    """The class report said '3 turns played', the comparison 'turn 4 of 11; 3 turns resolved': both now
    say what the game's own debrief says."""
    unfinished = [g for g in report.games if not g.finished]
    assert unfinished
    g = unfinished[0]
    phrase = g.debrief.progress
    assert phrase == "3 of 11 turns played; turn 4 not resolved"
    for fmt, text in outputs.items():
        assert f"{g.label} ({phrase})" in text, fmt
        assert "turns played)" not in text.replace(f"({phrase})", "")
    assert f"| {g.label} | Not finished | — | 3 of 11 |" in outputs["md"]
    other = next(x for x in report.games if x.finished)
    both = compare.render(from_save(g.path, basra_short), from_save(other.path, basra_short), "md")
    assert f"Not finished: {phrase}." in both


def test_the_mark_beside_a_historical_choice_and_the_share_of_them_are_explained(basra_class):
    """The tables of who chose what marked a choice '2008' and the table of games had a column '2008
    choices' of percentages, and neither said what it meant: the page now says it, in words a teacher
    can read out."""
    rep = from_saves([str(p) for p in sorted(basra_class.glob("*.json"))])
    assert any(o.historical for d in rep.divergences for o in d.options)
    md, page = render(rep, "md"), render(rep, "html")
    for text in (md, page):
        assert "A choice marked 2008 is the one made in 2008." in text
        assert ("2008 choices: how often a game made the choice made in 2008, on the cards it answered that "
                "have one (— if it answered none).") in text
    divergences = page.split('<section id="divergences">', 1)[1].split("</section>", 1)[0]
    assert '<span class="tag inv">2008</span>' in divergences and "A choice marked 2008" in divergences
    games = page.split('<section id="games">', 1)[1].split("</section>", 1)[0]
    assert "2008 choices</th>" in games and "how often a game made the choice made in 2008" in games


def test_the_footer_points_to_assumptions_the_page_has(class_saves):
    """Every page's footer said 'see the model's assumptions', a section only a game's debrief has: on the
    class report and a comparison of two games a teacher looked for it in vain. The debrief's footer links
    to its section; the others say where the assumptions are."""
    from game.debrief import render as render_debrief

    d = from_save(str(class_saves[0]))
    debrief = render_debrief(d, "html")
    assert '<section id="assumptions">' in debrief
    assert 'see <a href="#assumptions">the model\'s assumptions</a>.</footer>' in debrief
    others = [render(from_saves([str(p) for p in class_saves]), "html"),
              compare.render(d, from_save(str(class_saves[1])), "html")]
    for page in others:
        assert '<section id="assumptions">' not in page
        assert "see the model's assumptions in any game's debrief.</footer>" in page


def test_the_endings_table_gives_each_endings_mean_score_and_says_where_scores_come_from(basra_class):
    """The report gave a class's mean score and each game's, but not what a score is made of: the table of
    endings now gives the mean score of the games that reached each ending, and says that each ending scores
    by its own rule (the game's codex lists them), so a teacher reads scores within an ending."""
    from game.classroom.report import SCORES_NOTE

    rep = from_saves([str(p) for p in sorted(basra_class.glob("*.json"))])
    reached = [(eid, title) for eid, title, _tone, n in rep.endings if n and eid]
    assert len(reached) >= 2
    md, page = render(rep, "md"), render(rep, "html")
    for eid, title in reached:
        scores = [g.score for g in rep.games if g.ending == eid]
        mean = sum(scores) / len(scores)
        assert rep.ending_score(eid) == pytest.approx(mean)
        shown = fmt_score(mean)
        assert re.search(rf"\| {re.escape(title)} \| [^|]+ \| [^|]+ \| [^|]+ \| {re.escape(shown)} \|", md), (title, shown)
        assert re.search(rf"<td>{re.escape(title)}</td>(?:<td[^>]*>[^<]*</td>){{3}}<td class=\"n\">{re.escape(shown)}</td>",
                         page), (title, shown)
    assert "| mean score |" in md.split("## How the games ended", 1)[1].split("\n\n", 2)[1]
    assert SCORES_NOTE in md and SCORES_NOTE.replace("'", "&#x27;") in page
    assert "under 'How a game ends'" in SCORES_NOTE


def test_a_report_of_one_game_says_one_game_under_its_title(tmp_path, capsys):
    """The HTML report's line under the title read '1 games'."""
    from game.cli import main

    save = tmp_path / "pair1.json"
    assert main(["simulate", "--scenario", "basra_short", "--games", "1", "--seed", "3", "--save", str(save)]) == 0
    assert main(["class-report", str(save), "--out", str(tmp_path / "one.html")]) == 0
    html = (tmp_path / "one.html").read_text("utf-8")
    assert '<p class="sub">1 game</p>' in html and "1 games" not in html
    assert main(["class-report", str(save), str(save), "--out", str(tmp_path / "two.html")]) == 0
    assert '<p class="sub">1 game</p>' in (tmp_path / "two.html").read_text("utf-8")  # one game, given twice
