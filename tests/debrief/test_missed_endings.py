"""What a better ending would have taken (game/debrief/missed.py), on real games of the shipped content."""

from __future__ import annotations

import pytest

from game.content import loader
from game.debrief.missed import clause_rows, missed_endings
from game.numbers import nearest
from game.sim.runner import run_one


@pytest.fixture(scope="module")
def short():
    return loader.load("basra_short")


def _games(sc, policy="random", seeds=range(1, 60)):
    for seed in seeds:
        result, session = run_one(sc, policy, seed, keep=True)
        yield result, session.st


def test_a_game_that_ran_its_course_lists_every_better_ending_with_what_failed(short):
    by_id = {e.id: e for e in short.endings}
    checked = 0
    for result, st in _games(short):
        reached = by_id[result.ending]
        missed = missed_endings(short, st)
        better = [e.id for e in short.endings if e.model.at_end and e.model.when and e.model.priority > reached.model.priority]
        assert [m.id for m in missed] == better  # best first, none left out
        for m in missed:
            # it was not reached, so some condition of its rule did not hold, and the rows say which
            assert m.unmet, (m.id, result.ending)
            assert any(line.startswith("✗") for _, line in clause_rows(m.clauses))
            for c in m.clauses:
                if c.was:  # a value read at the end of this game, as the state holds it
                    name = c.words.split(" at least ")[0].split(" below ")[0]
                    assert any(short.label_of(s) == name for s in short.slots), c.words
        checked += bool(missed)
    assert checked >= 10


def test_values_and_verdicts_are_this_games(short):
    """'it was N' is the game's final value and ✓/✗ its comparison, clause by clause. The value is whole,
    as the game writes values, unless whole it would sit on the other side of the threshold: 'at least 64
    (it was 63.8)', never '(it was 64)' beside a ✗; 'below 60 (it was 63)', not '(it was 62.8)'."""
    checked = tenths = 0
    for result, st in _games(short):
        missed = missed_endings(short, st)
        limits: dict[str, list[float]] = {}  # each value's thresholds in the whole list
        for m in missed:
            for c in m.clauses:
                for o in (" at least ", " below ", " above ", " at most "):
                    if c.was and not c.branches and o in c.words:
                        limits.setdefault(c.reads, []).append(float(c.words.partition(o)[2].replace("\u2212", "-")))
        for m in missed:
            for c in m.clauses:
                if not c.was or c.branches:
                    continue
                label, op, limit = next((c.words.partition(o)[0], o.strip(), c.words.partition(o)[2])
                                        for o in (" at least ", " below ", " above ", " at most ") if o in c.words)
                slot = next(s for s in short.slots if short.label_of(s) == label)
                value, limit = st.values[slot.index], float(limit.replace("\u2212", "-"))
                assert "-" not in c.was  # a true minus
                written = float(c.was.replace("\u2212", "-"))
                digits = len(c.was.partition(".")[2])
                assert abs(written - value) <= 0.5 * 10 ** -digits + 1e-9, (c.was, value)  # the value, rounded
                side = lambda x: (x > limit) - (x < limit)  # noqa: E731
                assert side(written) == side(value), (c.words, c.was, value)  # read against the limit, it tells true
                if digits:  # a tenth only where whole (half away from zero) would tell wrong, here or beside another
                    whole = nearest(value)  # threshold of the list for the same value (one value is written one way)
                    # the game's own rounding, with its hair of float tolerance (39.49999999999999 is 39.5)
                    assert any((whole > x) - (whole < x) != (value > x) - (value < x) for x in limits[c.reads]), \
                        (c.words, c.was, value)
                    tenths += 1
                held = {"at least": value >= limit, "below": value < limit,
                        "above": value > limit, "at most": value <= limit}[op]
                assert c.held == held, (c, value)
                checked += 1
    assert checked > 200 and tenths, (checked, tenths)


def test_nothing_is_missed_after_the_best_ending_or_an_early_one():
    campaign = loader.load("basra_2008")
    best = max((e for e in campaign.endings if e.model.at_end), key=lambda e: e.model.priority)
    seen_early = seen_best = False
    for result, st in _games(campaign, seeds=range(1, 200)):
        ending = next(e for e in campaign.endings if e.id == result.ending)
        if not ending.model.at_end:  # the game stopped before its last turn: the end was never judged
            assert missed_endings(campaign, st) == []
            seen_early = True
        elif ending.id == best.id:
            assert missed_endings(campaign, st) == []
            seen_best = True
        if seen_early and seen_best:
            return
    assert seen_early, "no random game ended early in 200"


def test_the_debrief_says_what_a_better_ending_needed_in_markdown_and_html(short):
    from game.debrief import render
    from game.debrief.missed import MISSED_HEADING
    from game.debrief.model import build

    for result, st in _games(short):
        missed = missed_endings(short, st)
        if missed:
            break
    d = build(short, st)
    md, html = render(d, "md"), render(d, "html")
    assert MISSED_HEADING in md and MISSED_HEADING in html
    for m in missed:
        assert f"- **{m.title}** ({m.tone}): " in md
        assert f"<strong>{m.title}</strong> ({m.tone}): " in html
        for c in m.clauses:
            if not c.branches:  # each condition's words (a status that had to be over, said as such)
                words = c.words[len("not "):] if c.words.startswith("not \u2018") else c.words
                assert ("✓ " if c.held else "✗ ") + words in md
    assert html.count("<ul") == html.count("</ul>") and html.count("<li>") + html.count("<li ") == html.count("</li>")


def test_one_value_is_written_one_way_in_the_list(short):
    """Public confidence ended at 39.5 in a game that ended in 'A fragile peace': 'A state that can stand'
    needed it at least 50 and 'The survivor' at least 40. The list said '(it was 40)' beside the 50 and
    '(it was 39.5)' beside the 40, two numbers for one value; both now read 39.5, in the debrief too."""
    from game.debrief import build, render

    found = 0
    for result, st in _games(short, seeds=range(1, 200)):
        missed = missed_endings(short, st)
        was = {}
        for m in missed:
            for c in m.clauses:
                if c.was:  # by the value's name: 'Public confidence' of 'Public confidence at least 50'
                    name = c.words.split(" at least ")[0].split(" below ")[0].split(" above ")[0].split(" at most ")[0]
                    was.setdefault(name, set()).add(c.was)
        assert all(len(v) == 1 for v in was.values()), was
        rows = [line for m in missed for _, line in clause_rows(m.clauses) if line.startswith(("✓ Public confidence", "✗ Public confidence"))]
        tenth = [r for r in rows if "(it was " in r and "." in r.split("(it was ")[1]]
        if tenth and len(rows) >= 2:  # a value written to a tenth beside one threshold, and read by another
            assert len({r.split("(it was ")[1] for r in rows}) == 1, rows
            md = render(build(short, st, "a game"), "md")
            value = tenth[0].split("(it was ")[1].rstrip(")")
            assert md.count(f"(it was {value})") >= len(rows) and "Public confidence at least 50 (it was 40)" not in md
            found += 1
    assert found, "no game of these seeds ended with confidence a tenth from a threshold"
