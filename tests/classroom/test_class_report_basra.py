"""The class report over a real class of the shipped classroom scenario: seven basra_short games played
by the engine into one saves folder (autosaves every turn, one save named by its students, one game
unfinished), as a teacher collects them; and the fixture class of the test scenario."""

from __future__ import annotations

import re
import shutil
from html import escape

import pytest

from game.classroom.report import from_saves, render
from game.cli import main

GAME_ID = re.compile(r"^game [0-9a-f]{6}$")


@pytest.fixture(scope="module")
def report(basra_class):
    return from_saves([str(p) for p in sorted(basra_class.glob("*.json"))])


def test_games_are_named_readably(report, basra_class):
    labels = [g.label for g in report.games]
    assert len(labels) == 7 and len(set(labels)) == 7
    assert "pair 3 final" in labels  # the students' own name for their game
    assert all(GAME_ID.match(x) for x in labels if x != "pair 3 final"), labels
    for g in report.games:
        if GAME_ID.match(g.label):
            assert g.file.startswith("autosave-") and g.label[5:] in g.file
    md = render(report, "md")
    html = render(report, "html")
    # raw autosave names appear only as the file, in small print (HTML) or its own column (Markdown)
    for g in report.games:
        assert f'<span class="game">{escape(g.label)}</span><br><span class="file">{escape(g.file)}</span>' in html
        # (the last line writes out the debrief command of one game, by its path)
        assert f"| {g.label} | " in md and md.rsplit("\nEach game's own debrief", 1)[0].count(g.file) == 1
    divergences = html.split('<section id="divergences">', 1)[1].split("</section>", 1)[0]
    assert "autosave-basra" not in re.sub(r'title="[^"]*"', "", divergences)
    assert 'title="autosave-basra_short-2008-' in divergences


def test_a_debrief_is_titled_by_its_game(report, basra_class, basra_short):
    from game.debrief import from_save, render as render_debrief

    g = next(g for g in report.games if GAME_ID.match(g.label))
    d = from_save(g.path, basra_short)
    md = render_debrief(d, "md")
    assert md.splitlines()[0] == f"# Debrief: {basra_short.meta.name} \u2014 {g.label}"
    assert [x for x in md.splitlines() if "autosave-" in x] == [f"- **Save file:** `{g.file}`"]
    page = render_debrief(d, "html")
    assert f"<h1>Debrief: {escape(basra_short.meta.name)} \u2014 {g.label}</h1>" in page
    assert f"<title>Debrief: {escape(basra_short.meta.name)} \u2014 {g.label}</title>" in page


def test_rarest_ending_names_every_tied_ending(class_saves):
    rep = from_saves([str(p) for p in class_saves])
    counts = {}
    for g in rep.games:
        if g.score is not None:
            counts[g.ending_title] = counts.get(g.ending_title, 0) + 1
    least = min(counts.values())
    tied = sorted(t for t, n in counts.items() if n == least)
    assert len(tied) == 2  # the fixture class: one game each for two endings
    why, who, detail = next(x for x in rep.notable if x[0].startswith("Rarest"))
    assert "tie" in why
    for title in tied:
        assert title in detail
    for g in rep.games:
        if g.ending_title in tied:
            assert g.label in who


def test_rarest_ending_when_every_ending_ties(report, basra_short):
    from game.classroom.report import build_report

    survivor = next(g for g in report.games if g.ending == "survivor")
    other = next(g for g in report.games if g.finished and g.ending != "survivor")
    rep = build_report([(g.label, g.path, basra_short, g.state) for g in (survivor, other)])
    why, who, detail = next(x for x in rep.notable if x[0].startswith("Rarest"))
    assert who == "a tie" and survivor.ending_title in detail and other.ending_title in detail


def test_earlier_saves_are_a_plain_note_with_plural_words(report, basra_class):
    html = render(report, "html")
    note = next(n for n in report.notes if "earlier save" in n)
    older = len(list(basra_class.glob("*.json"))) - len(report.games)
    assert note.startswith(f"{older} earlier saves of the same games were left out")
    assert "save(s)" not in html and "save(s)" not in render(report, "md")
    para = next(p for p in html.split("<p") if "earlier saves" in p)
    assert para.startswith(' class="aside"')
    assert not report.warnings  # one world: nothing to warn about
    # (a single earlier save, "1 earlier save ... was": test_class_report.py)


def test_unfinished_games_stay_out_of_the_mean_final_numbers(report, basra_short):
    from game.classroom.report import MEANS_NOTE

    unfinished = [g for g in report.games if not g.finished]
    assert len(unfinished) == 1
    label = unfinished[0].label
    mixed = [(d, o) for d in report.divergences for o in d.options if label in o.games and len(o.games) > 1]
    assert mixed
    sc = basra_short
    by_label = {g.label: g for g in report.games}
    for _d, o in mixed:
        done = [by_label[x] for x in o.games if by_label[x].finished]
        assert o.unfinished == 1
        for metric_label, value in o.after:
            m = next(m for m in sc.metrics.values() if m.label == metric_label)
            want = sum(g.state.values[sc.index[m.id]] for g in done) / len(done)
            assert value == pytest.approx(want)
    assert MEANS_NOTE in render(report, "md") and escape(MEANS_NOTE) in render(report, "html")
    assert "(1 not finished)" in render(report, "md")


def test_files_that_are_not_saves_are_left_out_with_a_plain_note(basra_class, tmp_path, capsys):
    folder = tmp_path / "class"
    shutil.copytree(basra_class, folder)
    (folder / "readme.json").write_text("# Class saves\n\nPut the saves here.\n")
    readme = tmp_path / "README.md"
    readme.write_text("# Notes for the class\n")
    out = tmp_path / "class.html"
    assert main(["class-report", str(folder), str(readme), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    html = out.read_text()
    for name in ("readme.json", "README.md"):
        line = next(x for x in err.splitlines() if name in x)
        assert "not a Ceasefire save file (not JSON" in line and "left out" in line
        para = next(p for p in html.split("<p") if name in p)
        assert para.startswith(' class="aside"') and "not a Ceasefire save file" in para
    assert "truncated" not in err and "truncated" not in html
    # alone, a file that is not a save is a clear error, and so is its debrief
    assert main(["class-report", str(readme)]) == 1
    assert main(["debrief", str(folder / "readme.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("not a Ceasefire save file") == 2 and "truncated" not in err and "Traceback" not in err


def test_notes_about_left_out_files_show_commands_as_code_not_backticks(basra_class, tmp_path, capsys):
    """The note on a file that is not a save names the command that lists the saves; in the HTML report
    it is set as code, not left in Markdown's backticks (the teacher saw "(`ceasefire saves` lists them)"
    on the projector). A damaged save and a game of another class code are noted there too."""
    folder = tmp_path / "class"
    shutil.copytree(basra_class, folder)
    (folder / "package.json").write_text('{"name": "not a save"}\n')
    whole = max(folder.glob("autosave-*-t11.json")).read_bytes()
    (folder / "cut short.json").write_bytes(whole[:3000])
    out = tmp_path / "class.html"
    assert main(["class-report", str(folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "`ceasefire saves`" in err  # the terminal keeps the Markdown-style quote
    page = out.read_text()
    summary = page.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    assert "package.json" in summary and "cut short.json" in summary
    assert "`" not in page, [p for p in page.split("<p") if "`" in p][:2]
    assert "<code>ceasefire saves</code>" in summary


def test_events_invented_for_the_game_are_marked_so(report, basra_short):
    """On the projector the class report shows who chose what at each event; an event invented for the
    game must not pass for history there (the debriefs mark it, the report did not). Each invented event
    the class split on is marked in both formats, and no historical one is."""
    md, html = render(report, "md"), render(report, "html")
    invented = [d for d in report.divergences if basra_short.events[d.event].model.invented]
    assert invented and len(invented) < len(report.divergences)
    for d in report.divergences:
        assert d.invented == bool(basra_short.events[d.event].model.invented)
        md_mark = f"{d.title} *(invented for the game)*"
        html_mark = f'{escape(d.title)} <span class="tag inv">invented</span>'
        assert (md_mark in md) == d.invented, d.title
        assert (html_mark in html) == d.invented, d.title


def test_a_first_split_on_an_invented_event_is_marked_so(basra_short, tmp_path):
    """Two games of the class code make the same choices until the first card invented for the game, and
    answer it differently: the report's first split names that card, marked as invented."""
    from game.engine.session import Session
    from game.saves import store

    def play(answer_invented: int) -> None:
        s = Session.new(basra_short, seed=2008, difficulty="easy")
        st, split = s.st, False
        while st.phase != "ended" and not split:
            while st.queue and st.phase == "briefing":
                ev = basra_short.events[st.queue[0]]
                opts = s.open_options(ev)
                pick = opts[answer_invented % len(opts)] if ev.model.invented else opts[0]
                split = split or bool(ev.model.invented)
                s.choose(pick.id)
            if st.phase != "ended":
                s.end_turn([])
            store.autosave(s, tmp_path)

    play(0)
    play(1)
    rep = from_saves([str(p) for p in sorted(tmp_path.glob("*.json"))])
    turn, items = rep.first_split
    assert len(items) == 2 and all("(invented for the game): " in what for what, _ in items), items
    assert "(invented for the game): " in render(rep, "md") and "(invented for the game): " in render(rep, "html")


def test_the_report_says_which_conditions_kept_the_class_from_better_endings(report, basra_short):
    """Counts are the debriefs' own: a game falls short of a better ending once, and each failed
    condition counts once per game; both formats name every such ending."""
    from game.debrief.missed import missed_endings

    expected: dict[str, tuple[int, dict]] = {}
    for g in report.games:
        for m in missed_endings(basra_short, g.state):
            n, failed = expected.get(m.title, (0, {}))
            for c in m.unmet:
                failed[c.words] = failed.get(c.words, 0) + 1
            expected[m.title] = (n + 1, failed)
    assert expected, "no game of the class fell short of a better ending"
    assert {m.title: (m.games, dict(m.unmet)) for m in report.missed} == expected
    md, html = render(report, "md"), render(report, "html")
    for m in report.missed:
        assert f"- **{m.title}** ({m.tone}), missed by " in md and f"<strong>{escape(m.title)}</strong>" in html
        words, n = m.unmet[0]
        assert f"  - {words}: not met in {n}" in md
    assert [n for _, n in report.missed[0].unmet] == sorted((n for _, n in report.missed[0].unmet), reverse=True)


def test_a_stray_game_of_another_scenario_does_not_push_the_class_out(basra_class, tmp_path):
    """The report's scenario is the one most of the games were played in: a folder with the class's
    basra_short games and one basra_2008 game, started and left, used to report on basra_2008 alone
    (whichever file came first) and leave the whole class out."""
    from game.content import loader
    from game.engine.session import Session
    from game.saves.savefile import save

    folder = tmp_path / "mixed"
    shutil.copytree(basra_class, folder)
    stray = save(Session.new(loader.load("basra_2008"), seed=3), folder / "aaa first file.json")
    paths = sorted(str(p) for p in folder.glob("*.json"))
    assert paths[0] == str(stray)  # it is the first file read
    rep = from_saves(paths)
    assert rep.scenario == "basra_short" and len(rep.games) > 1
    assert any("is a game of 'basra_2008', not of 'basra_short', the scenario this report is about" in w
               for w in rep.warnings), rep.warnings


def test_a_game_left_out_is_said_on_the_terminal_with_its_file_and_a_command_for_it(basra_class, tmp_path, capsys):
    """With --out class.html the terminal said only 'wrote class.html': a game of another scenario (and the
    note that the games come from different worlds) were told only inside the report."""
    from game.cli import main
    from game.content import loader
    from game.engine.session import Session
    from game.saves.savefile import save

    folder = tmp_path / "mixed"
    shutil.copytree(basra_class, folder)
    stray = save(Session.new(loader.load("basra_2008"), seed=3), folder / "campaign.json")
    assert main(["class-report", str(folder), "--out", str(tmp_path / "class.html")]) == 0
    err = capsys.readouterr().err.splitlines()
    said = ("ceasefire: note: campaign (campaign.json) is a game of 'basra_2008', not of 'basra_short', the scenario this "
            "report is about (the one most of the games were played in); left out (a report of its own: "
            f"ceasefire class-report {stray})")
    assert said in err and err[-1] == f"wrote {tmp_path / 'class.html'}", err
    html = (tmp_path / "class.html").read_text("utf-8")
    assert "campaign (campaign.json) is a game of &#x27;basra_2008&#x27;" in html or "campaign (campaign.json) is a game of 'basra_2008'" in html


def test_games_are_listed_by_name_not_by_file(report, basra_class):
    """The table of every game and the games beside each choice list the students' names A to Z, then the
    games known only by their autosaves: a named game's autosaves sort before its name among the files
    ('autosave-...' < 'pair 3 final'), which put it among the unnamed games."""
    labels = [g.label for g in report.games]
    assert labels[0] == "pair 3 final", labels
    assert labels[1:] == sorted(labels[1:]) and all(GAME_ID.match(x) for x in labels[1:])
    md = render(report, "md")
    table = md.split("## Every game", 1)[1]
    assert [ln.split(" | ")[0].lstrip("| ") for ln in table.splitlines() if ln.startswith("| ") and "---" not in ln][1:] == labels
    for d in report.divergences:
        for o in d.options:
            assert o.games == [x for x in labels if x in o.games], (d.title, o.games)
