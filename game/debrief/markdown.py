"""The debrief as Markdown: for reading in a terminal, pasting into notes, or printing."""

from __future__ import annotations

import re

from game.debrief.charts import sparkline
from game.debrief.missed import MISSED_HEADING, clause_rows
from game.debrief.model import COUNTRY_INTRO, RULES_NOTE, SECTIONS, Debrief, blocks, five_minutes_intro, moved_intro, num
from game.numbers import score
from game.words import plural

TITLES = dict(SECTIONS)


def _md(text: str) -> str:
    """Text for one line (a table cell, a list item): its line breaks become spaces."""
    return " ".join(text.split("\n")).strip()


_MARKUP_START = re.compile(r"^(#|>|=+$|-{3,}$|[-*+]\s)")
_NUMBER_START = re.compile(r"^(\d+)([.)]\s)")


def _line(text: str) -> str:
    """A paragraph line that Markdown will not read as a heading, quote, rule or list item."""
    if _MARKUP_START.match(text):
        return "\\" + text
    return _NUMBER_START.sub(r"\1\\\2", text)


def text_md(text: str, first: str = "") -> list[str]:
    """A longer text as Markdown: paragraphs keep their line breaks (a hard break: two trailing spaces),
    numbered and bulleted lists become real list lines. Each block ends with a blank line.
    `first`: a lead-in put at the start of the first paragraph."""
    out: list[str] = []
    for b in blocks(text):
        if b.kind == "p":
            out.append(first + "  \n".join(_line(x) for x in b.lines))
            first = ""
        elif b.kind == "ol":
            out += [f"{b.start + i}. {x}" for i, x in enumerate(b.lines)]
        else:
            out += [f"- {x}" for x in b.lines]
        out.append("")
    if first:
        out[:0] = [first.strip(), ""]
    return out


def header(d: Debrief) -> list[str]:
    out = [f"# Debrief: {d.scenario_name}" + (f" \u2014 {d.label}" if d.label else ""), ""]
    out.append(f"## {TITLES['summary']}")
    out.append("")
    out.append(f"- **Outcome:** {d.summary}")
    out.append(f"- **Dates:** {d.start_date} to {d.last_date}")
    out.append(f"- **Scenario:** {d.scenario_name} · seed {d.seed} · difficulty {d.difficulty_label}")
    if d.code:
        out.append(f"- **Class code:** `{d.code}` (play the same world with `ceasefire play --code {d.code}`)")
    if d.file:
        out.append(f"- **Save file:** `{d.file}`")
    for w in d.warnings:
        out.append(f"- *Note: {w}.*")
    out.append("")
    return out


def five(d: Debrief) -> list[str]:
    notes = d.five_minutes
    if not notes:
        return []
    out = [f"## {TITLES['five']}", "", five_minutes_intro(d), ""]
    for i, n in enumerate(notes, 1):
        when = ", ".join(str(t) for t in n.turns)
        verdict = n.against_history(d.year)
        then = (f" In {d.year}: {n.historical_option}." if n.historical_option and not verdict.startswith("as in")
                else f" *(as in {d.year})*" if verdict.startswith("as in") else "")
        out.append(f"{i}. **{n.title}** (turn {when}). You chose: {'; '.join(n.chosen)}.{then}  ")
        out.append(f"   **Discuss:** {_md(n.prompt)}")
    return out + [""]


def ending(d: Debrief) -> list[str]:
    out = [f"## {dict(d.sections)['ending']}", ""]
    e = d.ending
    if e is None:
        out += [f"The game is not over: {d.progress}. The sections below cover the turns played so far.", ""]
        if d.standing:
            out += ["| national number | at the start | now | change |", "|---|---|---|---|"]
            out += [f"| {n.label} | {n.start} | {n.end} | {n.change} |" for n in d.standing]
            out += ["", "The timeline and the actors' reactions below show what moved these numbers.", ""]
        return out
    out.append(f"**{e.title}** (turn {e.turn}, score {score(e.score)}, outcome: {e.tone})")
    out.append("")
    if e.epilogue:
        out += text_md(e.epilogue)
    if e.explain:
        out += [f"*What produces this ending:* {_md(e.explain)}", ""]
    if e.when and not e.explain:  # the explanation says it in words; the rule itself only when nothing else does
        out += [f"*The rule in the model (for teachers):* `{e.when}`", ""]
    if e.conditions:
        out.append("| at the end | value |")
        out.append("|---|---|")
        for c in e.conditions:
            out.append(f"| {c.label} | {c.value} |")
        out.append("")
    if e.alternatives:
        out.append("*It needs one of these, not all of them:*")
        out += [f"- {'✓ met' if held else '✗ not met'}: {_md(src)}" for src, held in e.alternatives]
        out.append("")
    if e.missed:
        out += [f"*{MISSED_HEADING}*", ""]
        for m in e.missed:
            out.append(f"- **{_md(m.title)}** ({m.tone}): {plural(len(m.unmet), 'condition')} not met")
            out += [f"{'  ' * (depth + 1)}- {_md(line)}" for depth, line in clause_rows(m.clauses)]
        out.append("")
    return out


def timeline(d: Debrief) -> list[str]:
    out = [f"## {TITLES['timeline']}", ""]
    for t in d.timeline:
        out.append(f"### Turn {t.turn} — {t.date}")
        out.append("")
        for dec in t.decisions:
            inv = " *(invented for the game)*" if dec.invented else ""
            if dec.option:
                extra = (f" *(as in {d.year})*" if dec.was_historical else
                         f" *(in {d.year}: {dec.historical})*" if dec.historical else "")
                out.append(f"- **Event:** {dec.title}{inv} → you chose: {dec.option}{extra}{dec.outcome}")
            else:
                out.append(f"- **Event:** {dec.title}{inv} (not answered yet)")
        for title in t.set_aside:
            out.append(f"- **Set aside unseen:** {title} (an answer before it that turn made it moot)")
        for o in t.orders:
            out.append(f"- **Order:** {o}")
        if t.moves:
            out.append(f"- **Moves:** {'; '.join(t.moves)}")
        if t.shifts:
            out.append(f"- **Net change:** {', '.join(t.shifts)}")
        if t.ending:
            out.append(f"- **Ending:** {t.ending}")
        if not (t.decisions or t.orders or t.moves or t.shifts or t.ending):
            out.append("- (a quiet turn)")
        out.append("")
    return out


def actors(d: Debrief) -> list[str]:
    out = [f"## {TITLES['actors']}", "", f"*{RULES_NOTE}*", ""]
    for a in d.actors:
        out.append(f"### {a.name}")
        out.append("")
        if a.description:
            out += text_md(a.description)
        if a.attributes:
            out.append("Start → end: " + "; ".join(f"{n.label} {n.start} → {n.end} ({n.change})" for n in a.attributes))
            out.append("")
        if a.flags:
            out += ["Standing now: " + ", ".join(a.flags), ""]
        if not a.reactions:
            out += ["No reactions of its own in this game.", ""]
            continue
        for r in a.reactions:
            what = "own move" if r.kind == "move" else r.kind
            out.append(f"- {r.when}: {_md(r.why)} — {', '.join(r.effects)} *({what} `{r.source}`)*")
        out.append("")
    return out


def _course_md(c) -> list[str]:
    """A number's course and its largest causes, as a list item with the causes under it."""
    out = [f"- **{c.label}** {c.start} → {c.end} ({c.change})" + ("" if c.pushes else ": nothing moved it")]
    for p in c.pushes:
        what = "own move" if p.kind == "move" else p.kind
        out.append(f"  - {p.change} ({p.when}): {_md(p.why)} *({what} `{p.source}`)*")
    if c.others:
        each = f" (none more than {c.others_most} on its own)" if c.others_most else ""
        out.append(f"  - {c.others_change}: {plural(c.others, 'smaller cause')} together{each}")
    return out


def country(d: Debrief) -> list[str]:
    out = [f"## {TITLES['country']}", ""]
    k = d.country
    if k is None:
        return out + ["Nothing is known of the country's numbers.", ""]
    out += [COUNTRY_INTRO, "", f"*{RULES_NOTE}*", ""]
    if k.moved_attr:
        word = k.moved_label.lower()
        out += [f"### Where the {word} went", ""]
        if not k.moved:
            out += [f"No region's {word} fell far enough in this game to push it into other regions"
                    + (" yet." if k.pending else "."), ""]
        else:
            out += [moved_intro(k), ""]
            for m in k.moved:
                fell = f"{m.origin} fell {m.fell.lstrip('−')} on turn {m.fell_turn}" if m.fell.startswith("−") else \
                    f"{m.origin} changed {m.fell} on turn {m.fell_turn}"
                parts = [f"{p.change} {_md(p.why).rstrip('.')} *({'own move' if p.kind == 'move' else p.kind} "
                         f"`{p.source}`)*" for p in m.pushed_by]
                parts += [f"{m.pushed_rest} other changes that turn"] if m.pushed_rest else []
                by = f" ({'; '.join(parts)})" if parts else ""
                landed = ", ".join(m.landed) or "nothing, as written"
                out.append(f"- **Turn {m.turn}: {_md(m.name)}** — {fell}{by}; on turn {m.turn} it turned up "
                           f"elsewhere: {landed}. {_md(m.why)} *(dynamic `{m.source}`)*")
            out.append("")
            out += [f"{k.moved_label}, net change each turn (* where fighters pushed out of another region arrived):", ""]
            out += ["| turn | " + " | ".join(k.table_heads) + " |", "|---|" + "---:|" * len(k.table_heads)]
            out += [f"| {t} | " + " | ".join(v + ("*" if came else "") for v, came in cells) + " |" for t, cells in k.table]
            out.append("")
        for due, name, source, raised in k.pending:
            when = "Set off on the last turn, too late to land before the game ended" if k.ended else \
                f"Set off and still to come when turn {due} is resolved"
            out += [f"{when}: **{_md(name)}**, "
                    f"{', '.join(raised) or 'nothing, as written'} *(dynamic `{source}`)*.", ""]
    for r in k.regions:
        out += [f"### {r.name}", ""]
        for c in r.courses:
            out += _course_md(c)
        out.append("")
    if k.national:
        out += ["### National numbers", ""]
        for c in k.national:
            out += _course_md(c)
        out.append("")
    return out


def charts(d: Debrief) -> list[str]:
    out = [f"## {TITLES['charts']}", "", "Each line runs from the start (turn 0) to the last turn played.", "", "```"]
    width = max((len(s.label) for c in d.charts for s in c.series), default=10)
    for c in d.charts:
        out.append(f"{c.title}  ({num(c.lo)}..{num(c.hi)})")
        for s in c.series:
            v = s.values
            out.append(f"  {s.label:<{width}}  {sparkline(v, c.lo, c.hi)}  {c.value(v[0])} → {c.value(v[-1])}")
        out.append("")
    out += ["```", ""]
    return out


def notes(d: Debrief) -> list[str]:
    out = [f"## {TITLES['notes']}", ""]
    if not d.notes:
        return out + ["No events have happened yet.", ""]
    for n in d.notes:
        inv = " *(invented for the game)*" if n.invented else ""
        out.append(f"### {n.title}{inv}")
        out.append("")
        when = ", ".join(str(t) for t in n.turns)
        out.append(f"Turn {when}." + (f" You chose: {'; '.join(n.chosen)}." if n.chosen else ""))
        out.append("")
        out += text_md(n.debrief)
        if n.prompt:
            out += [f"> **Discuss:** {_md(n.prompt)}", ""]
    prompts = [n.prompt for n in d.notes if n.prompt]
    if prompts:
        out += ["### All discussion prompts", ""]
        out += [f"{i}. {_md(p)}" for i, p in enumerate(prompts, 1)]
        out.append("")
    return out


def history(d: Debrief) -> list[str]:
    out = [f"## {dict(d.sections)['history']}", ""]
    items = [n for n in d.history_notes if n.history or n.historical_option]
    if not items and not d.background:
        return out + ["None of the events that happened carries a historical note.", ""]
    out.append(f"| in this game | in {d.year} |")
    out.append("|---|---|")
    for n in items:
        game = f"**{n.title}** — " + (f"{n.when}. " if n.when else "") + (
            f"You chose: {'; '.join(n.chosen)}." if n.chosen else "Not answered.") + (
            f" *({n.against_history(d.year)})*" if n.against_history(d.year) else "")
        real = _md(n.history) or ""
        if n.historical_option:
            real += (" " if real else "") + f"The choice made then: {n.historical_option}."
        if n.invented_note:
            real += f" ({n.invented_note})"
        out.append(f"| {game.replace('|', '/')} | {real.replace('|', '/')} |")
    out.append("")
    if d.background:
        out += ["### Background from the codex", ""]
        for title, body in d.background:
            out += text_md(body, f"**{title}.** ")
    return out


def assumptions(d: Debrief) -> list[str]:
    out = [f"## {TITLES['assumptions']}", ""]
    if not d.assumptions:
        return out + ["The scenario states no assumptions.", ""]
    for title, body in d.assumptions:
        out += [f"### {title}", ""] + text_md(body)
    return out


def to_markdown(d: Debrief) -> str:
    lines = header(d) + five(d) + ending(d) + timeline(d) + actors(d) + country(d) + charts(d) + notes(d) + history(d) + assumptions(d)
    return "\n".join(lines).rstrip() + "\n"
