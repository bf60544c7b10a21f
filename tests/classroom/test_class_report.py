"""The class report over the fixture class: every section, the endings, the divergences, the charts."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from game.classroom.report import SECTIONS, from_saves, render
from game.cli import main


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def report(class_saves):
    return from_saves([str(p) for p in class_saves])


def test_every_section_in_markdown_and_html(report):
    md = render(report, "md")
    for _sid, title in SECTIONS:
        assert f"## {title}" in md
    t = Tags()
    t.feed(render(report, "html"))
    t.close()
    assert {a.get("id") for tag, a in t.tags if tag == "section"} == {sid for sid, _ in SECTIONS}
    svg_ids = {a.get("id") for tag, a in t.tags if tag == "svg"}
    assert "chart-endings" in svg_ids
    assert sum(1 for i in svg_ids if i.startswith("chart-traj-")) == len(report.trajectories) >= 3
    assert any(tag == "polygon" for tag, _ in t.tags)  # the range bands
    assert not [tag for tag, _ in t.tags if tag in ("script", "link", "img")]


def test_endings_distribution(report, class_saves):
    assert sum(n for *_, n in report.endings) == len(class_saves)
    counts = {eid: n for eid, _t, _tone, n in report.endings}
    assert counts["fallen"] >= 1 and counts["success"] >= 1
    assert counts[""] == 1  # the unfinished game


def test_one_world_and_where_the_class_split(report):
    assert len(report.worlds) == 1
    turn, items = report.first_split
    assert turn == 1 and len(items) >= 2
    crisis = next(d for d in report.divergences if d.event == "mini.opening")
    assert {o.option for o in crisis.options} == {"attack", "wait"}
    attack = next(o for o in crisis.options if o.option == "attack")
    assert attack.historical and attack.games
    assert crisis.prompt == "Was attacking first wise?"


def test_notable_games(report):
    kinds = [k for k, _, _ in report.notable]
    assert "Highest score" in kinds and "Lowest score" in kinds and "Not finished" in kinds
    best = next(who for k, who, _ in report.notable if k == "Highest score")
    assert best == "student_b"


def test_trajectories_are_means_within_their_ranges(report):
    for t in report.trajectories:
        assert len(t.mean) == len(t.band)
        for m, (lo, hi) in zip(t.mean, t.band):
            assert lo - 1e-9 <= m <= hi + 1e-9


def test_cli_folder_skips_unreadable_files(class_saves, tmp_path, capsys):
    import shutil

    for p in class_saves:
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "broken.json").write_text('{"format": 2')
    out = tmp_path / "class.html"
    assert main(["class-report", str(tmp_path), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "broken.json" in err
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "broken.json" in html
    assert main(["class-report", str(tmp_path / "broken.json")]) == 1
    assert main(["class-report", str(tmp_path / "empty_dir_does_not_exist")]) == 1


def test_mixed_worlds_are_flagged(mini, class_saves, tmp_path):
    from game.engine.session import Session
    from game.saves.savefile import save
    from game.sim.policies import make_policy, play
    import random

    other = play(Session.new(mini, seed=99), make_policy("random", mini), random.Random(1))
    extra = save(other, tmp_path / "other_world.json")
    rep = from_saves([str(p) for p in class_saves] + [str(extra)])
    assert len(rep.worlds) == 2 and rep.first_split is None
    assert any("same world" in w for w in rep.warnings)


def test_divergences_the_first_split_then_the_most_shared_and_endings_best_first(report):
    turn, items = report.first_split
    first = report.divergences[0]  # the card named at the top as where the class split comes first
    assert turn in first.turns and any(what.startswith(first.title + ": ") for what, _ in items)
    shared = [d.games for d in report.divergences[1:]]
    assert shared == sorted(shared, reverse=True)
    tones = [tone for _id, _t, tone, _n in report.endings if tone]
    order = ["best", "good", "mixed", "bad", "worst"]
    assert tones == sorted(tones, key=order.index)


def test_each_game_counts_once_at_its_furthest_save(mini, tmp_path):
    import random

    from game.engine.session import Session
    from game.saves.savefile import save
    from game.sim.policies import make_policy, play

    s = Session.new(mini, seed=4242)
    policy, rng = make_policy("random", mini), random.Random(9)
    play(s, policy, rng, max_turns=2)
    early = save(s, tmp_path / "autosave-early.json")
    play(s, policy, rng)
    late = save(s, tmp_path / "autosave-late.json")
    rep = from_saves([str(late), str(early)])
    assert len(rep.games) == 1 and rep.games[0].label == "autosave-late"
    assert rep.notes == ["1 earlier save of the same games was left out; each game counts once, at its furthest save"]
    assert not rep.warnings  # routine: a note, not a warning
