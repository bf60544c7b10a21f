"""The class report as Markdown."""

from __future__ import annotations

from game.classroom.report import (DETAILED, MEANS_NOTE, MISSED_INTRO, SCORES_NOTE, SECTIONS, ClassReport, debrief_hint,
                                   fmt_score, unmet_words)
from game.debrief.charts import sparkline
from game.words import plural

T = dict(SECTIONS)
INVENTED = " *(invented for the game)*"  # as the debriefs mark an event invented for the game


def _cell(text: str) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def to_markdown(rep: ClassReport) -> str:
    out = [f"# Class report: {rep.scenario_name}", "", f"## {T['summary']}", ""]
    out.append(f"- **Games:** {len(rep.games)}")
    worlds = "; ".join(f"`{w}` ({n} game{'s' if n != 1 else ''})" for w, n in rep.worlds)
    out.append(f"- **World{'s' if len(rep.worlds) > 1 else ''}:** {worlds}")
    finished = [g for g in rep.games if g.score is not None]
    if finished:
        out.append(f"- **Mean score:** {fmt_score(sum(g.score for g in finished) / len(finished))} "
                   f"over {plural(len(finished), 'finished game')}")
    for w in rep.warnings:
        out.append(f"- **Note:** {w}.")
    for s in rep.skipped:
        out.append(f"- **Skipped, the save cannot be read:** {s}")
    for s in rep.ignored:
        out.append(f"- Left out: {s}.")
    for n in rep.notes:
        out.append(f"- {n[0].upper() + n[1:]}.")
    out.append("")

    out += [f"## {T['endings']}", "", "| ending | outcome | games | share | mean score |", "|---|---|---|---|---|"]
    total = len(rep.games) or 1
    for eid, title, tone, n in rep.endings:
        bar = "\u2588" * n
        out.append(f"| {_cell(title)} | {tone or '—'} | {n} {bar} | {n / total:.0%} | {fmt_score(rep.ending_score(eid))} |")
    out += ["", SCORES_NOTE, ""]
    if rep.missed:
        out += [MISSED_INTRO, ""]
        for m in rep.missed:
            out.append(f"- **{_cell(m.title)}** ({m.tone}), missed by {plural(m.games, 'game')} that reached the last turn:")
            out += [f"  - {_cell(unmet_words(words, n))}" for words, n in m.unmet]
        out.append("")

    out += [f"## {T['divergences']}", ""]
    if rep.branch_note:
        out += [f"*{rep.branch_note}*", ""]
    if rep.first_split:
        turn, items = rep.first_split
        out.append(f"Every game began the same; the class first split on **turn {turn}**:")
        out.append("")
        out += [f"- {_cell(what)} — {plural(n, 'game')}" for what, n in items]
        out.append("")
    if not rep.divergences:
        out += ["No event was answered differently by different games.", ""]
    else:
        out += ["For each event the class answered in more than one way: who chose what, the endings that followed and "
                "the mean final numbers of those games, most shared and most consequential first. What followed a "
                "choice was not caused by it alone." + (f" {rep.tag_note}" if rep.tag_note else ""), ""]
        if rep.unfinished:
            out += [MEANS_NOTE, ""]
    for d in rep.divergences[:DETAILED]:
        out += [f"### {d.title}{INVENTED if d.invented else ''} ({d.when})", ""]
        out += ["| choice | games | endings that followed | mean score | " +
                " | ".join(_cell(lbl) for lbl, _ in d.options[0].after) + " |",
                "|---|---|---|---|" + "---|" * len(d.options[0].after)]
        for o in d.options:
            endings = ", ".join(f"{t} ×{n}" for t, n in o.endings.most_common())
            hist = f" *({rep.historical})*" if o.historical else ""
            unf = f" ({o.unfinished} not finished)" if o.unfinished else ""
            out.append(f"| {_cell(o.text)}{hist} | {len(o.games)}: {_cell(', '.join(o.game_words(d.several_turns)))}{unf} | {_cell(endings)} | "
                       f"{fmt_score(o.mean_score)} | " + " | ".join(d.after(o)) + " |")
        out.append("")
        if rep.history_line(d):
            out += [f"*{_cell(rep.history_line(d))}*", ""]
        if d.prompt:
            out += [f"> **Discuss:** {_cell(d.prompt)}", ""]
    rest = rep.divergences[DETAILED:]
    if rest:
        out += ["### Other choices the class split on", "", "| event | turns it came on | choices (games) | mean score by choice |",
                "|---|---|---|---|"]
        for d in rest:
            choices = "; ".join(f"{o.text} ({len(o.games)})" for o in d.options) + (f"; {rep.history_line(d, True)}" if rep.history_line(d) else "")
            scores = " / ".join(fmt_score(o.mean_score) for o in d.options)
            out.append(f"| {_cell(d.title)}{INVENTED if d.invented else ''} | {', '.join(map(str, d.turns))} | {_cell(choices)} | {scores} |")
        out.append("")
    if rep.orders:
        out += ["### Orders given", "", "| order | times | games |", "|---|---|---|"]
        out += [f"| {_cell(label)} | {n} | {k} |" for label, n, k in rep.orders]
        out.append("")

    out += [f"## {T['trajectories']}", "", "The class mean from the start (turn 0) to the last turn; then the lowest and "
            "highest game at the last turn, and the lowest and highest any game had on the way, on any turn.", "", "```"]
    width = max((len(t.label) for t in rep.trajectories), default=10)
    for t in rep.trajectories:
        lo = min(b[0] for b in t.band)
        hi = max(b[1] for b in t.band)
        end_lo, end_hi = t.band[-1]
        out.append(f"{t.label:<{width}}  {sparkline(t.mean, t.lo, t.hi)}  {t.value(t.mean[0])} → {t.value(t.mean[-1])}  "
                   f"(at the end {t.value(end_lo)}..{t.value(end_hi)}; on the way {t.value(lo)}..{t.value(hi)})")
    out += ["```", ""]

    out += [f"## {T['notable']}", ""]
    out += [f"- **{why}:** {_cell(who)} — {_cell(detail)}" for why, who, detail in rep.notable] or ["- (none)"]
    out.append("")

    out += [f"## {T['games']}", "", f"| game | ending | score | turns | {rep.historical} choices | class code | save file |",
            "|---|---|---|---|---|---|---|"]
    for g in rep.games:
        share = "—" if g.historical_share is None else f"{g.historical_share:.0%}"
        out.append(f"| {_cell(g.label)} | {_cell(g.ending_title)} | {fmt_score(g.score)} | {g.turns} | "
                   f"{share} | `{g.debrief.code or g.debrief.seed}` | {_cell(g.file)} |")
    out.append("")
    out += [f"*{rep.share_note}*", ""]
    out.append(debrief_hint(rep, lambda c: f"`{c}`"))
    return "\n".join(out).rstrip() + "\n"
