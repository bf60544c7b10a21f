"""Each actor and each region is drawn with one colour and dash pattern in every chart of a debrief (and
each game in every chart of a comparison), so lines can be followed from chart to chart, also when printed
in black and white. Over real saves of the classroom scenario."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from game.debrief import compare, from_save, render
from tests.debrief.helpers import furthest_autosaves

SVG = re.compile(r"<svg.*?</svg>", re.S)
LINE = re.compile(r'<polyline [^>]*?stroke="(?P<colour>[^"]+)"[^>]*?(?: stroke-dasharray="(?P<dash>[^"]+)")?>'
                  r"<title>(?P<label>[^:<]+):")


def lines(html: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Each chart's id and its lines: (label, colour, dash)."""
    out = []
    for svg in SVG.findall(html):
        cid = re.search(r'id="chart-([^"]+)"', svg).group(1)
        out.append((cid, [(m["label"], m["colour"], m["dash"] or "") for m in LINE.finditer(svg)]))
    return out


@pytest.fixture(scope="module")
def debriefs(basra_class, basra_short):
    return [from_save(str(p), basra_short) for p in furthest_autosaves(basra_class)]


def test_each_actor_and_region_keeps_one_style_in_every_chart(debriefs, basra_short):
    """The Supreme Council was drawn orange-dashed in 'Cohesion of the actors' (the Special Groups' style in
    the stance and strength charts), because styles went by a line's place in each chart."""
    names = {a.short for a in basra_short.actors.values() if not a.player} | {r.name for r in basra_short.regions.values()}
    for d in debriefs:
        seen: dict[str, set] = defaultdict(set)
        for cid, ls in lines(render(d, "html")):
            if not cid.startswith(("actor-", "region-")):
                continue
            for label, colour, dash in ls:
                seen[label].add((colour, dash))
        assert {"Supreme Council", "Special Groups", "Sadrists", "Iran"} <= set(seen)
        assert set(seen) <= names
        mixed = {label: styles for label, styles in seen.items() if len(styles) > 1}
        assert not mixed, mixed
        # and no two actors (no two regions) share a style: their lines can be told apart in any chart
        for group in ({a.short for a in basra_short.actors.values()}, {r.name for r in basra_short.regions.values()}):
            styles = [next(iter(s)) for label, s in seen.items() if label in group]
            assert len(set(styles)) == len(styles)
            assert len({dash for _, dash in styles}) == len(styles)  # in black and white too


def test_lines_of_one_chart_differ_in_dash(debriefs):
    """In black and white only the dash tells lines apart: no two lines of a chart share one."""
    for d in debriefs[:2]:
        for cid, ls in lines(render(d, "html")):
            dashes = [dash for _, _, dash in ls]
            assert len(set(dashes)) == len(dashes), (cid, ls)


def test_comparison_draws_each_game_alike_in_every_chart(debriefs):
    a, b = debriefs[0], debriefs[1]
    seen: dict[str, set] = defaultdict(set)
    for _cid, ls in lines(compare.render(a, b, "html")):
        for label, colour, dash in ls:
            seen[label].add((colour, dash))
    assert len(seen) == 2 and all(len(s) == 1 for s in seen.values()), seen
