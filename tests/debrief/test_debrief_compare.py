"""Two runs side by side: where they split, both timelines, overlaid charts."""

from __future__ import annotations

from html.parser import HTMLParser

from game.cli import main
from game.debrief import compare, from_save


def _pair(class_saves, mini, x, y):
    by = {p.stem: p for p in class_saves}
    return from_save(str(by[x]), mini), from_save(str(by[y]), mini)


def test_markdown_and_html_have_every_section(class_saves, mini):
    a, b = _pair(class_saves, mini, "student_a", "student_g")
    md = compare.render(a, b, "md")
    for _sid, title in compare.SECTIONS:
        assert f"## {title}" in md
    assert "first differ on **turn" in md

    class Tags(HTMLParser):
        svgs = 0
        ids: list = []

        def handle_starttag(self, tag, attrs):
            if tag == "svg":
                Tags.svgs += 1
            if tag == "section":
                Tags.ids.append(dict(attrs)["id"])

    t = Tags()
    t.feed(compare.render(a, b, "html"))
    assert t.ids == [sid for sid, _ in compare.SECTIONS]
    assert Tags.svgs >= len(a.charts)


def test_split_turn(class_saves, mini):
    a, b = _pair(class_saves, mini, "student_a", "student_d")
    assert compare.split_turn(a, b) == 1  # one attacked at once, the other waited
    same = _pair(class_saves, mini, "student_b", "student_b")
    assert compare.split_turn(*same) is None
    assert "same choices" in compare.render(*same, "md")


def test_cli_compare(class_saves, tmp_path):
    by = {p.stem: p for p in class_saves}
    out = tmp_path / "cmp.html"
    assert main(["debrief", str(by["student_a"]), "--compare", str(by["student_f_unfinished"]), "--out", str(out)]) == 0
    assert "Two games compared" in out.read_text()


def test_every_chart_title_fits_its_chart():
    """Side by side, a chart is titled by its number and the series ('Violence by region: North (Mosul,
    Kirkuk)'): at 280 px that ran past the chart's edge and was cut off; now it takes a second line."""
    import random
    import re

    from game.content import loader
    from game.debrief import build
    from game.debrief.charts import title_width
    from game.engine.session import Session
    from game.sim.policies import make_policy, play

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    runs = []
    for seed in (3, 4):
        s = Session.new(sc, seed=seed)
        play(s, make_policy("random", sc), random.Random(seed), max_turns=3)
        runs.append(build(sc, s.st, label=f"seed {seed}"))
    html = compare.render(*runs, "html")
    svgs = re.findall(r'<svg[^>]* width="(\d+)".*?</svg>', html)
    assert len(svgs) > 30
    wrapped = 0
    for svg in re.finditer(r'<svg[^>]* width="(\d+)"[^>]*>.*?<title[^>]*>([^<]*)</title>(<text[^>]*class="ct">.*?</text>)', html):
        width, title, heading = int(svg.group(1)), svg.group(2), svg.group(3)
        lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", heading) or [re.sub(r"<[^>]+>", "", heading)]
        assert " ".join(lines) == title  # every word of it, in order
        x = float(re.search(r'x="([\d.]+)"', heading).group(1))
        assert all(x + title_width(line) <= width for line in lines), (title, width)
        wrapped += len(lines) > 1
    assert wrapped >= 5  # the long ones did need a second line
