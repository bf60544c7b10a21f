"""The class report as one self-contained, printable HTML file."""

from __future__ import annotations

import re
from html import escape as _e

from game.classroom.report import (DETAILED, MEANS_NOTE, MISSED_INTRO, SCORES_NOTE, SECTIONS, ClassReport, debrief_hint,
                                   fmt_score, unmet_words)
from game.debrief.charts import TONE_COLOURS, bar_chart, line_chart
from game.debrief.html import nav, page, section
from game.words import plural


INVENTED = ' <span class="tag inv">invented</span>'  # as the debriefs mark an event invented for the game


def _named(rep: ClassReport, label: str, words: str = "") -> str:
    """A game's name (or `words` about it: 'game 034953 (turn 2)'), its save file's name in a title
    attribute (shown on hover)."""
    g = next((g for g in rep.games if g.label == label), None)
    return f'<span class="game" title="{_e(g.file)}">{_e(words or label)}</span>' if g else _e(words or label)


_TICKS = re.compile(r"`([^`]+)`")


def _note(text: str) -> str:
    """A note written for the terminal, as HTML: escaped, and a `command` in backticks set as code."""
    return _TICKS.sub(r"<code>\1</code>", _e(text))


def _summary(rep: ClassReport) -> str:
    finished = [g for g in rep.games if g.score is not None]
    rows = [("Games", str(len(rep.games))),
            ("World" + ("s" if len(rep.worlds) > 1 else ""),
             "; ".join(f'<code class="nobreak">{_e(w)}</code> ({n} game{"s" if n != 1 else ""})' for w, n in rep.worlds))]
    if finished:
        rows.append(("Mean score", f"{fmt_score(sum(g.score for g in finished) / len(finished))} over "
                                   f"{plural(len(finished), 'finished game')}"))
    out = '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
    out += "".join(f'<p class="warn">Note: {_note(w)}.</p>' for w in rep.warnings)
    out += "".join(f'<p class="warn">Skipped, the save cannot be read: {_note(s)}</p>' for s in rep.skipped)
    out += "".join(f'<p class="aside">Left out: {_note(s)}.</p>' for s in rep.ignored)
    out += "".join(f'<p class="aside">{_note(n[0].upper() + n[1:])}.</p>' for n in rep.notes)
    return out


def _endings(rep: ClassReport) -> str:
    bars = [(title, n, TONE_COLOURS.get(tone, "#bbb")) for _eid, title, tone, n in rep.endings]
    total = len(rep.games) or 1
    rows = "".join(f'<tr><td>{_e(title)}</td><td>{_e(tone or "—")}</td><td class="n">{n}</td><td class="n">{n / total:.0%}</td>'
                   f'<td class="n">{fmt_score(rep.ending_score(eid))}</td></tr>'
                   for eid, title, tone, n in rep.endings)
    missed = ""
    if rep.missed:
        items = "".join(
            f"<li><strong>{_e(m.title)}</strong> ({_e(m.tone)}), missed by {plural(m.games, 'game')} that reached the last turn:"
            "<ul>" + "".join(f"<li>{_e(unmet_words(words, n))}</li>" for words, n in m.unmet) + "</ul></li>"
            for m in rep.missed)
        missed = f"<p>{_e(MISSED_INTRO)}</p><ul class=\"missed\">{items}</ul>"
    # (in a box of its own, which scrolls sideways on a phone rather than shrinking the chart's words: html.CSS)
    return ('<div class="chart-wide">' + bar_chart("Endings across the class", bars, width=620, chart_id="endings") + "</div>" +
            f'<table><thead><tr><th>Ending</th><th>Outcome</th><th class="n">Games</th><th class="n">Share</th><th class="n">Mean score</th></tr></thead><tbody>{rows}</tbody></table>'
            f'<p class="aside">{_e(SCORES_NOTE)}</p>' + missed)


def _divergences(rep: ClassReport) -> str:
    head, out = [], []  # head: the notes above the tables (the branches, the first split, what the tables hold)
    if rep.branch_note:
        head.append(f'<p class="aside">{_e(rep.branch_note)}</p>')
    if rep.first_split:
        turn, items = rep.first_split
        head.append(f"<p>Every game began the same; the class first split on <strong>turn {turn}</strong>:</p><ul>" +
                    "".join(f"<li>{_e(what)} — {plural(n, 'game')}</li>" for what, n in items) + "</ul>")
    if not rep.divergences:
        out.append("<p>No event was answered differently by different games.</p>")
    for d in rep.divergences[:DETAILED]:
        heads = "".join(f'<th class="n">{_e(lbl)}</th>' for lbl, _ in d.options[0].after)
        rows = []
        for o in d.options:
            endings = "<br>".join(_e(f"{t}\u00a0×{n}") for t, n in o.endings.most_common())  # one a line, its count on it
            hist = f' <span class="tag inv">{rep.historical}</span>' if o.historical else ""
            unf = f' <span class="sub">({o.unfinished} not finished)</span>' if o.unfinished else ""
            rows.append(f"<tr><td>{_e(o.text)}{hist}</td><td>{len(o.games)}: "
                        f"{', '.join(_named(rep, x, w) for x, w in zip(o.games, o.game_words(d.several_turns)))}{unf}</td>"
                        f'<td>{endings}</td><td class="n">{fmt_score(o.mean_score)}</td>' +
                        "".join(f'<td class="n">{v}</td>' for v in d.after(o)) + "</tr>")
        prompt = f'<p class="prompt"><strong>Discuss:</strong> {_e(d.prompt)}</p>' if d.prompt else ""
        if rep.history_line(d):
            prompt = f'<p><em>{_e(rep.history_line(d))}</em></p>' + prompt
        out.append(f'<div class="note"><h3>{_e(d.title)}{INVENTED if d.invented else ""} <span class="sub">({_e(d.when)})</span></h3>'
                   f'<table class="wide"><thead><tr><th>Choice</th><th>Games</th><th>Endings that followed</th><th class="n">Mean score</th>{heads}'
                   f"</tr></thead><tbody>{''.join(rows)}</tbody></table>{prompt}</div>")
    rest = rep.divergences[DETAILED:]
    if rest:
        rows = "".join(f"<tr><td>{_e(d.title)}{INVENTED if d.invented else ''}</td><td>{', '.join(map(str, d.turns))}</td>"
                       f"<td>{_e('; '.join(f'{o.text} ({len(o.games)})' for o in d.options))}"
                       f"{'<br><em>' + _e(rep.history_line(d, True)) + '</em>' if rep.history_line(d) else ''}</td>"
                       f"<td>{' / '.join(fmt_score(o.mean_score) for o in d.options)}</td></tr>" for d in rest)
        out.append("<h3>Other choices the class split on</h3><table><thead><tr><th>Event</th><th>Turns it came on</th>"
                   f"<th>Choices (games)</th><th>Mean score by choice</th></tr></thead><tbody>{rows}</tbody></table>")
    if rep.orders:
        rows = "".join(f'<tr><td>{_e(label)}</td><td class="n">{n}</td><td class="n">{k}</td></tr>' for label, n, k in rep.orders)
        out.append('<h3>Orders given</h3><table><thead><tr><th>Order</th><th class="n">Times</th><th class="n">Games</th></tr></thead>'
                   f"<tbody>{rows}</tbody></table>")
    if rep.divergences:
        head.append("<p>For each event the class answered in more than one way: who chose what, the endings that followed "
                    "and the mean final numbers of those games, most shared and most consequential first. What followed a choice "
                    "was not caused by it alone." + (f" {_e(rep.tag_note)}" if rep.tag_note else "") + "</p>" +
                    (f'<p class="aside">{_e(MEANS_NOTE)}</p>' if rep.unfinished else ""))
    return "\n".join(head + out)


def _trajectories(rep: ClassReport) -> str:
    svgs = [line_chart(t.label, [("class mean", t.mean)], t.lo, t.hi, width=280, height=170,
                       band=t.band, chart_id="traj-" + t.id, value=t.value) for t in rep.trajectories]
    return ("<p>The line is the class mean from the start (turn 0); the shaded band runs from the lowest to the highest "
            f'game.</p><div class="charts">{"".join(svgs)}</div>')


def _notable(rep: ClassReport) -> str:
    if not rep.notable:
        return "<p>(none)</p>"
    return "<ul>" + "".join(f"<li><strong>{_e(why)}:</strong> {_named(rep, who)} — {_e(detail)}</li>"
                            for why, who, detail in rep.notable) + "</ul>"


def _games(rep: ClassReport) -> str:
    rows = []
    for g in rep.games:
        share = "—" if g.historical_share is None else f"{g.historical_share:.0%}"
        rows.append(f'<tr><td><span class="game">{_e(g.label)}</span><br><span class="file">{_e(g.file)}</span></td>'
                    f'<td>{_e(g.ending_title)}</td><td class="n">{fmt_score(g.score)}</td>'
                    f'<td class="n">{g.turns}</td><td class="n">{share}</td>'
                    f'<td><code class="nobreak">{_e(g.debrief.code or str(g.debrief.seed))}</code></td></tr>')
    return ('<table><thead><tr><th>Game</th><th>Ending</th><th class="n">Score</th><th class="n">Turns</th>'
            f'<th class="n">{rep.historical} choices</th>'
            f"<th>Class code</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'<p class="aside">{_e(rep.share_note)}</p>'
            f"<p>{debrief_hint(rep, lambda c: f'<code>{_e(c)}</code>')}</p>")


def to_html(rep: ClassReport) -> str:
    parts = {"summary": _summary, "endings": _endings, "divergences": _divergences, "trajectories": _trajectories,
             "notable": _notable, "games": _games}
    body = nav(SECTIONS) + "\n" + "\n".join(section(sid, title, parts[sid](rep)) for sid, title in SECTIONS)
    return page(f"Class report: {rep.scenario_name}", body, plural(len(rep.games), "game"), rep.when)
