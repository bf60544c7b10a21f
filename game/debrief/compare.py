"""Two runs side by side (e.g. a game and its 'what if' branch): outcomes, where they split, timelines, charts."""

from __future__ import annotations

from html import escape as _e

from game.debrief.charts import line_chart, sparkline
from game.debrief.model import Debrief, TurnEntry

SECTIONS = [
    ("outcomes", "The two games"),
    ("split", "Where they parted"),
    ("timeline", "Turn by turn, side by side"),
    ("charts", "The numbers, both games on one chart"),
]


def _lines(t: TurnEntry | None) -> list[str]:
    if t is None:
        return []
    out = [f"{d.title}: {d.option or '(not answered)'}" for d in t.decisions]
    out += [f"Order: {o}" for o in t.orders]
    if t.ending:
        out.append(f"Ending: {t.ending}")
    return out


def split_turn(a: Debrief, b: Debrief) -> int | None:
    """The first turn whose decisions or orders differ (None: identical as far as both go)."""
    for ta, tb in zip(a.timeline, b.timeline):
        if _lines(ta) != _lines(tb):
            return ta.turn
    return None


def shared_ending(a: Debrief, b: Debrief) -> str:
    """The ending both games reached, when they reached the same one ('' otherwise): its explanation is then
    said once, not once in each column word for word."""
    return a.ending.title if a.ending and b.ending and a.ending.id == b.ending.id else ""


def _name(d: Debrief, fallback: str) -> str:
    return d.label or fallback


def lineage(a: Debrief, b: Debrief, na: str, nb: str) -> str:
    """When one game is a 'what if' branch of the other, say so: where they part is then where the pair
    branched, and the turns before it are one game, not two that happened to agree."""
    for x, y, nx, ny in ((b, a, nb, na), (a, b, na, nb)):
        if x.branch_of and y.game_id and x.branch_of[0] == y.game_id:
            t = x.branch_of[1]
            return (f"{nx} is a 'what if' branch of {ny}: it was played again from turn {t}, so its turns before "
                    f"{t} are {ny}'s own.")
    return ""


def to_markdown(a: Debrief, b: Debrief) -> str:
    na, nb = _name(a, "game A"), _name(b, "game B")
    out = [f"# Two games compared: {na} and {nb}", "", f"## {SECTIONS[0][1]}", "",
           f"| | {na} | {nb} |", "|---|---|---|",
           f"| outcome | {a.summary} | {b.summary} |",
           f"| world | `{a.code or a.seed}` | `{b.code or b.seed}` |"]
    if shared_ending(a, b):  # one explanation, said once
        out += ["", f"*Ending explained, the same for both games ({shared_ending(a, b)}):* {a.ending.explain}", ""]
    else:
        out += [f"| ending explained | {a.ending.explain if a.ending else '—'} | {b.ending.explain if b.ending else '—'} |", ""]
    same = (a.scenario, a.seed, a.difficulty) == (b.scenario, b.seed, b.difficulty)
    out += [f"## {SECTIONS[1][1]}", ""]
    turn = split_turn(a, b)
    if lineage(a, b, na, nb):
        out += [lineage(a, b, na, nb), ""]
    if not same:
        out.append("The two games were played in different worlds (different seeds or settings), so they differ from the start.")
    elif turn is None:
        out.append("The two games made the same choices for as long as both ran.")
    else:
        ta = next(t for t in a.timeline if t.turn == turn)
        tb = next(t for t in b.timeline if t.turn == turn)
        out.append(f"Same world; the choices first differ on **turn {turn}**:")
        out.append("")
        out += [f"- {na}: {x}" for x in _lines(ta) if x not in _lines(tb)]
        out += [f"- {nb}: {x}" for x in _lines(tb) if x not in _lines(ta)]
    out.append("")
    out += [f"## {SECTIONS[2][1]}", "", f"| turn | {na} | {nb} |", "|---|---|---|"]
    by_a = {t.turn: t for t in a.timeline}
    by_b = {t.turn: t for t in b.timeline}
    for turn_no in sorted(set(by_a) | set(by_b)):
        ca = "<br>".join(_lines(by_a.get(turn_no))).replace("|", "/") or "—"
        cb = "<br>".join(_lines(by_b.get(turn_no))).replace("|", "/") or "—"
        out.append(f"| {turn_no} | {ca} | {cb} |")
    out += ["", f"## {SECTIONS[3][1]}", "", "```"]
    w = max(len(na), len(nb))  # each game's whole name: cut to 14, 'amal-and-ben-whatif' read 'amal-and-ben-w'
    for ca, cb in zip(a.charts, b.charts):
        for sa, sb in zip(ca.series, cb.series):
            label = sa.label if len(ca.series) > 1 else ca.title
            out.append(f"{label}")
            out.append(f"  {na:<{w}}  {sparkline(sa.values, ca.lo, ca.hi)}  {ca.value(sa.values[0])} → {ca.value(sa.values[-1])}")
            out.append(f"  {nb:<{w}}  {sparkline(sb.values, cb.lo, cb.hi)}  {cb.value(sb.values[0])} → {cb.value(sb.values[-1])}")
    out += ["```", ""]
    return "\n".join(out)


def to_html(a: Debrief, b: Debrief) -> str:
    from game.debrief.html import nav, page, section

    na, nb = _name(a, "game A"), _name(b, "game B")
    rows = [("Outcome", a.summary, b.summary), ("World", a.code or str(a.seed), b.code or str(b.seed))]
    cells = ["".join(f"<tr><th>{_e(k)}</th><td>{_e(x)}</td><td>{_e(y)}</td></tr>" for k, x, y in rows)]
    if shared_ending(a, b):  # one explanation across both columns, said once
        cells.append(f'<tr><th>Ending explained</th><td colspan="2"><em>The same for both games ({_e(shared_ending(a, b))}):</em> '
                     f"{_e(a.ending.explain)}</td></tr>")
    else:
        cells.append(f"<tr><th>Ending explained</th><td>{_e(a.ending.explain if a.ending else '—')}</td>"
                     f"<td>{_e(b.ending.explain if b.ending else '—')}</td></tr>")
    outcomes = (f"<table><thead><tr><th></th><th>{_e(na)}</th><th>{_e(nb)}</th></tr></thead><tbody>" +
                "".join(cells) + "</tbody></table>")
    same = (a.scenario, a.seed, a.difficulty) == (b.scenario, b.seed, b.difficulty)
    turn = split_turn(a, b)
    if not same:
        split = "<p>The two games were played in different worlds (different seeds or settings), so they differ from the start.</p>"
    elif turn is None:
        split = "<p>The two games made the same choices for as long as both ran.</p>"
    else:
        la = _lines(next(t for t in a.timeline if t.turn == turn))
        lb = _lines(next(t for t in b.timeline if t.turn == turn))
        items = [f"<li><strong>{_e(na)}:</strong> {_e(x)}</li>" for x in la if x not in lb]
        items += [f"<li><strong>{_e(nb)}:</strong> {_e(x)}</li>" for x in lb if x not in la]
        split = f"<p>Same world; the choices first differ on <strong>turn {turn}</strong>:</p><ul>{''.join(items)}</ul>"
    if lineage(a, b, na, nb):
        split = f"<p>{_e(lineage(a, b, na, nb))}</p>" + split
    by_a = {t.turn: t for t in a.timeline}
    by_b = {t.turn: t for t in b.timeline}
    trs = []
    for turn_no in sorted(set(by_a) | set(by_b)):
        ca = "<br>".join(_e(x) for x in _lines(by_a.get(turn_no))) or "—"
        cb = "<br>".join(_e(x) for x in _lines(by_b.get(turn_no))) or "—"
        mark = ' style="background:#fff8e1"' if turn_no == turn else ""
        trs.append(f"<tr{mark}><td>{turn_no}</td><td>{ca}</td><td>{cb}</td></tr>")
    timeline = (f'<table><thead><tr><th style="width:3rem">Turn</th><th>{_e(na)}</th><th>{_e(nb)}</th></tr></thead>'
                f"<tbody>{''.join(trs)}</tbody></table>")
    svgs = []
    for ca, cb in zip(a.charts, b.charts):
        for sa, sb in zip(ca.series, cb.series):
            title = f"{ca.title}: {sa.label}" if len(ca.series) > 1 else ca.title
            svgs.append(line_chart(title, [(na, sa.values), (nb, sb.values)], ca.lo, ca.hi, width=280, height=170,
                                   chart_id=f"cmp-{ca.id}-{sa.label}", value=ca.value))
    charts = f'<div class="charts">{"".join(svgs)}</div>'
    parts = {"outcomes": outcomes, "split": split, "timeline": timeline, "charts": charts}
    body = nav(SECTIONS) + "\n" + "\n".join(section(sid, title, parts[sid]) for sid, title in SECTIONS)
    return page(f"Two games compared: {na} and {nb}", body, f"{a.scenario_name}", a.when if a.when == b.when else "")


def render(a: Debrief, b: Debrief, fmt: str = "md") -> str:
    return to_html(a, b) if fmt == "html" else to_markdown(a, b)
