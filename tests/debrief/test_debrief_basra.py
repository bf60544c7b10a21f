"""Debriefs of real games of the shipped classroom scenario (basra_short), played by the engine and
autosaved as the game does: what a teacher reported reading wrong in them."""

from __future__ import annotations

import re

import pytest

from game.debrief import from_save, render
from tests.debrief.helpers import furthest_autosaves, sections


@pytest.fixture(scope="module")
def debriefs(basra_class, basra_short):
    return [from_save(str(p), basra_short) for p in furthest_autosaves(basra_class)]


@pytest.fixture(scope="module")
def finished(debriefs):
    return next(d for d in debriefs if d.finished)


@pytest.fixture(scope="module")
def unfinished(debriefs):
    return next(d for d in debriefs if not d.finished)


def md_section(md: str, title: str) -> str:
    return md.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_assumptions_keep_their_numbered_list_in_markdown(finished):
    md = md_section(render(finished, "md"), "The model's assumptions")
    lines = md.splitlines()
    assert "This game is an argument, not a record. Argue with it:" in lines
    numbered = [x for x in lines if re.match(r"^\d\. ", x)]
    assert [x.split(".")[0] for x in numbered] == [str(i) for i in range(1, 10)]
    assert numbered[0].startswith("1. Numbers are judgements, not data.")
    assert numbered[-1].startswith("9. The endings reduce a complex future")
    # a blank line before the list, so Markdown reads it as a list and not as one paragraph
    assert lines[lines.index(numbered[0]) - 1] == ""


def test_assumptions_keep_their_numbered_list_in_html(finished, basra_short):
    import re

    items = len(re.findall(r"^\d+\. ", basra_short.codex["assumptions"].body, re.M))  # as the codex numbers them
    assert items >= 9
    doc = sections(render(finished, "html"))
    tags = [t for t, _ in doc.tags["assumptions"]]
    assert tags.count("ol") == 1 and tags.count("li") == items
    assert "Argue with it:1." not in doc.text["assumptions"].replace(" ", "")


def test_a_codex_link_reads_as_the_words_the_game_shows(finished, basra_short):
    from game.ui.text import link_words

    for fmt in ("md", "html"):
        out = render(finished, fmt)
        assert "(the balloon)" in out
        assert "Dynamic: the balloon)" not in out
    # the same words as the game's own screens
    assert link_words("balloon", None, basra_short.codex) == "balloon"


def test_events_that_say_they_are_invented_are_marked_invented():
    from game.content import loader

    sc = loader.load("basra_2008")
    says = [e for e in sc.events.values()
            if "invented" in " ".join([e.model.text or "", e.model.debrief or "", e.model.history or ""]).lower()]
    assert {"coalition.badr_police", "coalition.sadrist_walkout"} <= {e.id for e in says}
    assert [e.id for e in says if not e.model.invented] == []


def test_the_timeline_marks_invented_events(debriefs, basra_short):
    rows = [(d, t, dec) for d in debriefs for t in d.timeline for dec in t.decisions]
    invented = [(d, t, dec) for d, t, dec in rows if basra_short.events[dec.event].model.invented]
    real = [(d, t, dec) for d, t, dec in rows if not basra_short.events[dec.event].model.invented]
    assert invented and real
    d, t, dec = invented[0]
    md = md_section(render(d, "md"), "Timeline of decisions and events")
    line = next(x for x in md.splitlines() if x.startswith(f"- **Event:** {dec.title}"))
    assert "(invented for the game)" in line
    d2, _t2, real_dec = real[0]
    md2 = md_section(render(d2, "md"), "Timeline of decisions and events")
    assert "invented" not in next(x for x in md2.splitlines() if x.startswith(f"- **Event:** {real_dec.title}"))
    # HTML: the row carries the 'invented' tag, as the debrief notes do
    html = render(d, "html")
    timeline = html.split('<section id="timeline">', 1)[1].split("</section>", 1)[0]
    from html import escape

    row = next(li for li in timeline.split("<li>") if f"<strong>{escape(dec.title)}</strong>" in li)
    assert '<span class="tag inv">invented</span>' in row


RAW_FLAG = re.compile(r"\b[a-z_]+\.[a-z_]+\b (set|cleared)")


def test_flags_read_as_words_in_the_actor_lists(debriefs):
    """A flag set or cleared reads as a status that begins or ends, in the words of the game's previews and
    reports, with the words the content gives a flag ([[flag]] in flags.toml): 'no longer: the Sadrist deputies
    still vote with the coalition', not "'Sadrists: in coalition' cleared"."""
    effects = [e for d in debriefs for a in d.actors for r in a.reactions for e in r.effects
               if re.search(r"\b(now|no longer): ", e)]
    assert effects, "no game set or cleared a flag"
    for e in effects:
        assert re.fullmatch(r"(?:[A-Z][\w ]* )?(now|no longer): [a-z][^\u2018\u2019._:]*", e), e
    assert ("no longer: the Sadrist deputies still vote with the coalition" in effects
            or "now: the Mehdi Army's freeze has been extended" in effects), effects
    for d in debriefs:
        for fmt in ("md", "html"):
            text = render(d, fmt)
            assert not RAW_FLAG.search(text), (d.label, fmt, RAW_FLAG.search(text))
            assert not re.search(r"\u2019 (set|cleared)\b", text), (d.label, fmt)


def test_ending_conditions_in_words_and_no_raw_rule_when_explained(debriefs, basra_short):
    import html as _html

    ended = [d for d in debriefs if d.ending]
    with_flags = [d for d in ended if any(c.name.startswith("flag(") for c in d.ending.conditions)]
    assert with_flags, "no ending of the class tested a flag"
    for d in with_flags:
        for c in d.ending.conditions:
            if c.name.startswith("flag("):
                assert c.label[0].isupper() and "_" not in c.label and "." not in c.label, c.label
                assert c.value in ("yes", "no")
    for d in ended:
        assert d.ending.explain  # every shipped ending explains itself in words
        md, page = render(d, "md"), render(d, "html")
        if d.ending.when:
            assert d.ending.when not in md and _html.escape(d.ending.when) not in page
        assert "flag('" not in md and "flag(&#x27;" not in page
        # the values the condition looked at are still there, in words
        assert bool(d.ending.conditions) == ("| at the end | value |" in md)
        for c in d.ending.conditions:
            assert f"| {c.label} | {c.value} |" in md


def test_the_glance_box_names_the_scenario(finished, basra_short):
    md = md_section(render(finished, "md"), "The game at a glance")
    line = next(x for x in md.splitlines() if x.startswith("- **Scenario:**"))
    assert line.startswith(f"- **Scenario:** {basra_short.meta.name} \u00b7 seed 2008") and "basra_short" not in line
    page = render(finished, "html")
    assert f"<dt>Scenario</dt><dd>{basra_short.meta.name} \u00b7 seed 2008" in page


def test_rule_ids_are_marked_as_references(finished):
    md = md_section(render(finished, "md"), "How each actor reacted, and why")
    assert "its id in the scenario's files" in md.split("###", 1)[0]


def test_an_unfinished_game_says_where_it_stands(unfinished, finished):
    assert "## How it ended, and why" in render(finished, "md")
    md = render(unfinished, "md")
    assert unfinished.turns_played == 3
    assert "## Where it stands, and why" in md and "How it ended" not in md
    assert "Not finished: 3 of 11 turns played; turn 4 not resolved." in md and "turn(s)" not in md
    assert "The game is not over: 3 of 11 turns played; turn 4 not resolved. The sections" in md  # said once
    part = md_section(md, "Where it stands, and why")
    assert "| Public confidence |" in part  # the national numbers now, beside the start
    page = render(unfinished, "html")
    assert ">Where it stands, and why</h2>" in page and ">Where it stands, and why</a>" in page
    assert "How it ended" not in page and "turn(s)" not in page


def test_one_turn_resolved_reads_in_the_singular(basra_short):
    import random

    from game.debrief import build
    from game.engine.session import Session
    from game.sim.policies import make_policy, play

    s = Session.new(basra_short, seed=2008, difficulty="easy")
    play(s, make_policy("historical", basra_short), random.Random(1), max_turns=1)
    d = build(basra_short, s.st)
    assert not d.finished and d.turns_played == 1
    assert "1 of 11 turns played; turn 2 not resolved" in d.summary and not re.search(r"\b1 turns", d.summary)


def test_history_says_how_much_of_an_invented_event_is_invented(debriefs):
    walkouts = [d for d in debriefs if any(n.id == "coalition.sadrist_walkout" for n in d.notes)]
    assert walkouts, "no game of the class saw the Sadrist walkout"
    for fmt in ("md", "html"):
        out = render(walkouts[0], fmt)
        history = out.split("What really happened in 2008", 2)[-1]
        row = history.split("The Sadrist bloc walks out", 1)[1][:1500]
        assert "Partly invented for the game: the walkout is staged here as one decisive moment." in row
        assert "This event is invented for the game" not in row.split("Sadr expels")[0]


def test_an_ending_rule_with_alternatives_says_which_one_held():
    """A teacher read 'public confidence at least 40' in the rule and 37.8 in the table: the rule's other
    branch had held. The debrief now says, in words, which branches held. (The survivor rule that
    confused that class is now two endings; the campaign's 'us_departure' still has two branches.)"""
    import random

    from game.content import loader
    from game.debrief.model import build
    from game.engine.session import Session
    from game.sim.policies import make_policy, play

    campaign = loader.load("basra_2008")
    seen = 0
    for seed in range(300):
        s = Session.new(campaign, seed=seed)
        play(s, make_policy("random", campaign), random.Random(seed))
        d = build(campaign, s.st)
        e = d.ending
        if e is None or s.st.forced_ending or " or " not in (e.when or ""):
            continue
        assert e.alternatives and any(held for _, held in e.alternatives), e.when
        assert all("flag(" not in words and "_" not in words for words, _ in e.alternatives)  # in words, not the rule
        md, page = render(d, "md"), render(d, "html")
        for words, held in e.alternatives:
            line = f"{'✓ met' if held else '✗ not met'}: {words}"
            assert line in md and line in page.replace("&#x27;", "'")
        seen += 1
        if seen >= 3:
            break
    assert seen >= 3


def test_the_timeline_gives_each_chance_a_decision_took_as_the_turn_report_did(debriefs):
    """A pair could not tell bad luck from a bad decision: the debrief named an order, never whether its
    gamble came off. Each roll of an order or an answer is in the timeline, in both formats."""
    rolled = 0
    for d in debriefs:
        md = md_section(render(d, "md"), "Timeline of decisions and events")
        html = render(d, "html").split('<section id="timeline">', 1)[1].split("</section>", 1)[0]
        for t in d.timeline:
            for text in t.orders + [dec.outcome for dec in t.decisions]:
                for outcome in re.findall(r"→ ([^→]+)", text):
                    outcome = outcome.strip()
                    assert re.fullmatch(r".+\? (Yes|No) \(it had an? \d+% chance\)", outcome), outcome
                    assert outcome in md and outcome.replace("'", "&#x27;") in html
                    rolled += 1
    assert rolled >= 5


def test_numbers_read_as_the_game_writes_them(finished, basra_short):
    """The debrief wrote 'Strength 60 → 42.8 (−17.2)' and 'Stance -20 → -92' beside the game's whole
    numbers and true minus signs (QA): its standings, actors and shifts now use the game's rule."""
    md = render(finished, "md")
    starts = [x for x in md.splitlines() if x.startswith("Start → end: ")]
    assert starts
    for line in starts:
        assert not re.search(r"\d\.\d", line), line  # whole numbers
        assert not re.search(r"(?<![\w])-\d", line), line  # a true minus, never a hyphen
        assert "+0" not in line and "−0)" not in line, line


def test_a_status_that_had_to_be_over_reads_without_a_double_negative(basra_class, tmp_path):
    """The end screen and the debrief read "✗ not ‘the Mehdi Army's ceasefire holds’" under a better
    ending missed: a status that had to be over says so, and that it still held."""
    from game.debrief.missed import clause_rows, missed_endings
    from game.saves import store

    found = []
    for p in sorted(basra_class.glob("*.json")):
        session, _ = store.load_session(p)
        for m in missed_endings(session.sc, session.st):
            rows = [line for _, line in clause_rows(m.clauses)]
            found += [line for line in rows if "\u2018" in line]
            assert not any(line.startswith(("\u2717 not \u2018", "\u2713 not \u2018")) for line in rows), rows
    assert any(line.endswith("had to be over (it still held)") and line.startswith("\u2717 \u2018") for line in found), found
