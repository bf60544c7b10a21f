"""The class report writes numbers as the game does (game/numbers.py), QA: political capital whole in the
mean final numbers and the trajectories ('12', '12 → 18 (at the end 9..30; on the way 5..40)') where the game keeps it to a tenth
rounded down; mean scores rounded half to even on the float ('29.15' read '29.1'), a hyphen for a minus."""

from __future__ import annotations

import re

from game.numbers import capital

HYPHEN_NUMBER = re.compile(r"(?<![\w.])-\d")  # '-50', not 'al-Sadr' or '2007-08'


def shown_text(html: str) -> str:
    """The text a reader sees (and a chart's tooltip), without tags or attributes."""
    from html.parser import HTMLParser

    chunks: list[str] = []
    p = HTMLParser()
    p.handle_data = chunks.append
    p.feed(html)
    p.close()
    return "\n".join(chunks)


def test_class_report_writes_capital_as_the_game_does(campaign, campaign_games, tmp_path):
    from game.classroom.report import from_saves, render as render_class
    from game.saves.savefile import save

    paths = []
    for k, s in enumerate(campaign_games):
        p = tmp_path / f"pair{k}.json"
        save(s, p)
        paths.append(str(p))
    rep = from_saves(paths)
    md = render_class(rep, "md")
    label = campaign.metrics[campaign.meta.capital].label
    t = next(x for x in rep.trajectories if x.id == campaign.meta.capital)
    lo, hi = min(b[0] for b in t.band), max(b[1] for b in t.band)
    end_lo, end_hi = t.band[-1]
    assert (f"{capital(t.mean[0])} → {capital(t.mean[-1])}  (at the end {capital(end_lo)}..{capital(end_hi)}; "
            f"on the way {capital(lo)}..{capital(hi)})") in md
    d = rep.divergences[0]
    column = [lbl for lbl, _ in d.options[0].after].index(label)
    for o in d.options:
        assert d.after(o)[column] == capital(o.after[column][1])  # '12.4', not '12'
    html = render_class(rep, "html")
    assert not HYPHEN_NUMBER.search(shown_text(html))


def test_a_mean_score_is_rounded_as_every_number_is():
    from game.classroom.report import fmt_score

    # half away from zero, a true minus (it rounded half to even on the float: 29.15 read '29.1')
    assert [fmt_score(x) for x in (29.15, 30.65, 35.0, -2.45, None)] == ["29.2", "30.7", "35.0", "−2.5", "—"]
