"""The year the debrief and the class report name beside the historical choices is the scenario's own (the
year of its start date), not '2008' written into the code: a scenario set in 2011 was labelled 'What really
happened in 2008'. Built from a real copy of the test scenario whose dates and history notes say 2011,
played by the engine and saved as the game saves, so any '2008' left in the output comes from the code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.classroom.report import from_saves, render as render_report
from game.content import loader
from game.debrief import from_save, render
from tests.conftest import MINI, fixtures


def _scenario_in(year: int, folder: Path) -> Path:
    """A copy of the test scenario set in `year`: its start date and every mention of 2008 in its text moved."""
    shutil.copytree(MINI, folder)
    for p in folder.rglob("*.toml"):
        p.write_text(p.read_text(encoding="utf-8").replace("2008", str(year)), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def saves_2011(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("year")
    sc = loader.load(_scenario_in(2011, root / "mini_2011"))
    assert sc.meta.start_date.year == 2011
    out = root / "saves"
    out.mkdir()
    return fixtures.make(out, sc)  # the class's games (seed 4242), played and saved by the real engine


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_debrief_names_the_year_its_scenario_is_set_in(saves_2011, fmt):
    historical = from_save(str(saves_2011[0]))  # student_a: the historical choices
    assert historical.year == 2011
    text = render(historical, fmt)
    assert "What really happened in 2011" in text
    assert "(as in 2011)" in text  # the historical choice marked as such, in the timeline
    assert ("In 2011</th>" if fmt == "html" else "| in this game | in 2011 |") in text  # the history's table
    if fmt == "html":
        assert "a teaching game about Iraq in spring 2011." in text  # the footer
    assert "2008" not in text
    other = render(from_save(str(saves_2011[3])), fmt)  # student_d: random answers, the crisis's not 2011's
    assert "(in 2011: " in other and "2008" not in other


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_class_report_names_the_year_its_games_are_set_in(saves_2011, fmt):
    rep = from_saves([str(p) for p in saves_2011])
    assert rep.year == 2011
    text = render_report(rep, fmt)
    assert "2011 choices" in text and "Closest to the choices of 2011" in text
    assert ('<span class="tag inv">2011</span>' if fmt == "html" else " *(2011)*") in text  # a historical option
    assert "A choice marked 2011 is the one made in 2011." in text and "the choice made in 2011, on the cards" in text
    assert "2008" not in text


def test_the_shipped_year_reads_as_before(class_saves):
    """The test scenario starts in 2008: the words are those the reports always gave."""
    d = render(from_save(str(class_saves[0])), "html")
    assert "What really happened in 2008" in d and "(as in 2008)" in d
    assert "a teaching game about Iraq in spring 2008. The game's numbers" in d
    rep = render_report(from_saves([str(p) for p in class_saves]), "md")
    assert "| 2008 choices |" in rep and "Closest to the choices of 2008" in rep and " *(2008)*" in rep


def test_a_class_of_games_set_in_different_years_names_no_year(saves_2011, class_saves):
    """Saves of the same scenario played from copies set in different years: no one year is right, so the
    report speaks of the historical choices."""
    rep = from_saves([str(p) for p in saves_2011[:3]] + [str(p) for p in class_saves[3:6]])
    assert len(rep.games) == 6 and rep.year is None
    for fmt in ("md", "html"):
        text = render_report(rep, fmt)
        assert "historical choices" in text and "Closest to the historical choices" in text
        assert "A choice marked historical is the one made at the time." in text
        assert "Historical choices: how often a game made the choice made at the time" in text
        assert "2008 choices" not in text and "2011 choices" not in text
        assert "choices of 2008" not in text and "choices of 2011" not in text
    assert "a teaching game about Iraq." in render_report(rep, "html")
