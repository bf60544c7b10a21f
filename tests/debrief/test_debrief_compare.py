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
