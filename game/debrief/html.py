"""The debrief as one self-contained, printable HTML file: inline CSS and SVG, no network."""

from __future__ import annotations

from html import escape as _e

from game.debrief.charts import TONE_COLOURS, line_chart
from game.debrief.missed import MISSED_HEADING, clause_rows
from game.debrief.model import COUNTRY_INTRO, RULES_NOTE, SECTIONS, Debrief, blocks, five_minutes_intro, moved_intro
from game.numbers import score
from game.words import plural

TITLES = dict(SECTIONS)

CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --accent: #0b4f7c; --paper: #fff; --soft: #f4f6f8; }
* { box-sizing: border-box; }
html { background: #e9ecef; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); background: var(--paper);
       max-width: 60rem; margin: 1.5rem auto; padding: 2rem 2.5rem; box-shadow: 0 0 0.5rem rgba(0,0,0,.15); }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; color: var(--accent); }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; color: var(--ink); }
p, li { margin: .3rem 0; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; background: var(--soft);
         padding: .8rem 1rem; border-radius: .3rem; }
.facts dt { font-weight: bold; font-family: Arial, sans-serif; font-size: .9rem; }
.facts dd { margin: 0; }
code, .code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; background: var(--soft);
              padding: 0 .25em; border-radius: .2em; }
nav ol { columns: 2; font-family: Arial, sans-serif; font-size: .95rem; }
nav li { margin: 0; padding: .15rem 0; break-inside: avoid; }  /* a margin is kept atop the first column only */
nav a { color: var(--accent); text-decoration: none; }
.ending { border-left: .5rem solid var(--tone, #888); padding: .6rem 1rem; background: var(--soft); }
.ending .title { font-size: 1.3rem; font-weight: bold; font-family: Arial, sans-serif; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-family: Arial, sans-serif; font-size: .85rem; }
th.n, td.n { text-align: right; }  /* numbers: units under units */
td.n { font-variant-numeric: tabular-nums; white-space: nowrap; }
.turn { border-top: 1px solid var(--rule); padding: .4rem 0; display: grid; grid-template-columns: 7.5rem 1fr; gap: 1rem; }
.turn .when { font-family: Arial, sans-serif; font-weight: bold; font-size: .9rem; }
.turn .when span { display: block; font-weight: normal; color: var(--muted); }
.turn ul { margin: 0; padding-left: 1.1rem; }
.tag { display: inline-block; font: bold .7rem Arial, sans-serif; text-transform: uppercase; letter-spacing: .05em;
       padding: .05rem .35rem; border-radius: .2rem; margin-right: .3rem; color: #fff; background: #555; }
.tag.event { background: #0072B2; } .tag.order { background: #009E73; } .tag.move { background: #CC79A7; }
.tag.net { background: #777; } .tag.end { background: #D55E00; }
/* a mark after a title ('invented', the year of a historical choice) has a space before it and after it */
.tag.inv { background: #999; margin-right: 0; }
.hist { color: var(--muted); font-style: italic; }
.actor { break-inside: avoid; margin-bottom: 1rem; }
.actor ul { padding-left: 1.1rem; }
table.compact { width: auto; min-width: 22rem; }
table.wide th:first-child { width: 22%; }  /* the class report's choices and the games that made them: widths */
table.wide th:nth-child(2) { width: 16%; }  /* asked for, not taken from the longest line (the choice was squeezed) */
table.wide th:nth-child(3) { width: 12%; }  /* the endings that followed, one a line (a word a line when squeezed) */
table.wide .game { white-space: normal; }  /* a long name wraps at its hyphens */
table.wide th { font-size: .78rem; padding: .35rem .3rem; }  /* seven numbers' headings leave room for words */
table.wide td.n { padding: .35rem .3rem; }
.src code { font-size: .8em; }
.nobreak { white-space: nowrap; }  /* a class code read aloud or copied: 'HVR00-01YR4', never 'HVR / 00- / 01YR / 4' */
.actor .src { color: var(--muted); font-size: .85em; }
ul.causes { margin: 0; padding-left: 1rem; font-size: .9rem; }
ul.causes li { margin: .1rem 0; }
.chg { font-family: Arial, sans-serif; font-variant-numeric: tabular-nums; }
.turns, .quiet { color: var(--muted); }
table.country td:first-child { white-space: nowrap; }
td.came { font-weight: bold; }
.charts { display: flex; flex-wrap: wrap; gap: .8rem; }
.chart { max-width: 100%; height: auto; break-inside: avoid; background: #fff; }
.chart .ct { font: bold 13px Arial, sans-serif; fill: #1b1b1b; }
.chart .tick { font: 10px Arial, sans-serif; fill: #555; }
.chart .legend { font: 11px Arial, sans-serif; fill: #1b1b1b; }
.chart .grid { stroke: #e3e3e3; stroke-width: 1; }
.chart .frame { fill: none; stroke: #999; stroke-width: 1; }
.note { break-inside: avoid; border-left: 3px solid var(--rule); padding-left: .8rem; margin: 1rem 0; }
.prompt { background: #fff8e1; border-left: 3px solid #E69F00; padding: .4rem .7rem; margin: .4rem 0; }
.warn { background: #fdecea; padding: .4rem .7rem; }
.game { white-space: nowrap; }
.aside { color: var(--muted); font-size: .9rem; margin: .4rem 0; }
.file { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .75rem; color: var(--muted);
        overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media screen and (max-width: 40rem) {  /* a phone: the page fills the screen, wide tables scroll in place */
  html { background: var(--paper); }
  body { margin: 0; padding: 1rem .8rem; box-shadow: none; }
  nav ol { columns: 1; }
  .turn { grid-template-columns: 1fr; gap: .2rem; }
  table { display: block; overflow-x: auto; }
  table.compact { min-width: 0; }
  table.wide th:first-child { min-width: 9rem; }  /* the table scrolls in place: its words need not wrap a word */
  table.wide th:nth-child(2) { min-width: 8rem; }  /* a line for lack of the page's width */
  .chart-wide { overflow-x: auto; }  /* a wide chart keeps its size and scrolls in place: shrunk to the */
  .chart-wide .chart { max-width: none; }  /* screen, the class report's endings were drawn 6 pixels tall */
  code { overflow-wrap: anywhere; }
}
@media print {
  @page { margin: 16mm 14mm; }
  html { background: #fff; }
  body { box-shadow: none; margin: 0; padding: 0; max-width: none; font-size: 10.5pt; line-height: 1.35; }
  .actor li, .turn li, td { font-size: 9.5pt; }
  th, td { padding: .15rem .3rem; }
  th { font-size: 8pt; }
  table.wide td { font-size: 8.5pt; }  /* the class report's ten columns fit an A4 or Letter page */
  table.wide th { font-size: 8pt; padding: .15rem .3rem; }  /* as every printed heading (its screen rule is narrower) */
  table.wide td.n { padding: .15rem .3rem; }
  .turn { grid-template-columns: 6rem 1fr; padding: .2rem 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  /* a section's opening line stays with what it opens (the class report's 'Average trajectories' and its
     one line of reading were printed at a page's foot, their charts on the next page) */
  h2 + p { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  .turn, .note, .chart, tr, .ending { break-inside: avoid; page-break-inside: avoid; }  /* an ending's box: its title was left alone at a page's foot */
  /* an actor's section runs on across a page's foot: kept whole, each long one began a page of its own and
     left the page before it half empty (the debrief printed on eight such pages). Its name, description,
     table (whole) and standing stay together, with its first reaction; a reaction is not split */
  .actor { break-inside: auto; page-break-inside: auto; }
  .actor table { break-inside: avoid; page-break-inside: avoid; }  /* its few numbers on one page */
  .actor > h3, .actor > p, .actor > table { break-after: avoid; page-break-after: avoid; }
  .actor li { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .tag { border: 1px solid #000; color: #000; background: #fff !important; }
  .prompt, .ending, .facts { background: #fff; border: 1px solid #999; }
}
"""


def text_html(text: str, first: str = "") -> str:
    """A longer text as HTML, escaped: paragraphs keep their line breaks (<br>), numbered and bulleted
    lists become <ol> and <ul>. `first`: HTML put at the start of the first paragraph (a bold lead-in)."""
    out = []
    for b in blocks(text):
        if b.kind == "p":
            out.append(f"<p>{first}{'<br>'.join(_e(x) for x in b.lines)}</p>")
            first = ""
        else:
            start = f' start="{b.start}"' if b.kind == "ol" and b.start != 1 else ""
            out.append(f"<{b.kind}{start}>" + "".join(f"<li>{_e(x)}</li>" for x in b.lines) + f"</{b.kind}>")
    if first:
        out.insert(0, f"<p>{first}</p>")
    return "".join(out)


def page(title: str, body: str, subtitle: str = "", when: str = "") -> str:
    """A whole HTML document around `body`: one file, nothing fetched. `when`: the season the games are set
    in ('spring 2008'), for the footer; '' when that is not one season (a class of scenarios set in different years)."""
    sub = f'<p class="sub">{_e(subtitle)}</p>' if subtitle else ""
    # the assumptions are a section of a game's debrief; a class report or a comparison has none to point to
    where = ('<a href="#assumptions">the model\'s assumptions</a>' if '<section id="assumptions">' in body
             else "the model's assumptions in any game's debrief")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<h1>{_e(title)}</h1>\n{sub}\n{body}\n"
            f"<footer>Made by Ceasefire, a teaching game about Iraq{' in ' + _e(when) if when else ''}. The game's numbers are "
            f"judgements, not measurements; see {where}.</footer>\n</body>\n</html>\n")


def nav(sections: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{sid}">{_e(title)}</a></li>' for sid, title in sections)
    return f'<nav aria-label="Contents"><ol>{items}</ol></nav>'


def section(sid: str, title: str, inner: str) -> str:
    return f'<section id="{sid}">\n<h2>{_e(title)}</h2>\n{inner}\n</section>\n'


def _summary(d: Debrief) -> str:
    rows = [("Outcome", _e(d.summary)), ("Dates", f"{_e(d.start_date)} to {_e(d.last_date)}"),
            ("Scenario", f"{_e(d.scenario_name)} · seed {d.seed} · difficulty {_e(d.difficulty_label)}")]
    if d.code:
        rows.append(("Class code", f'<code>{_e(d.code)}</code> — the same world: <code>ceasefire play --code {_e(d.code)}</code>'))
    if d.file:
        rows.append(("Save file", f'<span class="file">{_e(d.file)}</span>'))
    out = '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
    out += "".join(f'<p class="warn">Note: {_e(w)}.</p>' for w in d.warnings)
    return out


def _five(d: Debrief) -> str:
    items = []
    for n in d.five_minutes:
        verdict = n.against_history(d.year)
        then = (f' <em class="vs">(as in {d.year})</em>' if verdict.startswith("as in") else
                f"<br><em>In {d.year}:</em> {_e(n.historical_option)}" if n.historical_option else "")
        items.append(f'<li><strong>{_e(n.title)}</strong> <span class="sub">(turn {", ".join(map(str, n.turns))})</span>'
                     f"<br>You chose: {_e('; '.join(n.chosen))}{then}"
                     f'<p class="prompt"><strong>Discuss:</strong> {_e(n.prompt)}</p></li>')
    return f"<p>{_e(five_minutes_intro(d))}</p><ol class=\"five\">{''.join(items)}</ol>"


def _ending(d: Debrief) -> str:
    e = d.ending
    if e is None:
        out = [f"<p>The game is not over: {_e(d.progress)}. The sections below cover the turns played so far.</p>"]
        if d.standing:
            rows = "".join(f'<tr><td>{_e(n.label)}</td><td class="n">{n.start}</td><td class="n">{n.end}</td>'
                           f'<td class="n">{n.change}</td></tr>' for n in d.standing)
            out.append('<table class="compact"><thead><tr><th>National number</th><th class="n">At the start</th>'
                       f'<th class="n">Now</th><th class="n">Change</th></tr></thead><tbody>{rows}</tbody></table>'
                       "<p>The timeline and the actors' reactions below show what moved these numbers.</p>")
        return "\n".join(out)
    out = [f'<div class="ending" style="--tone: {TONE_COLOURS.get(e.tone, "#888")}">',
           f'<div class="title">{_e(e.title)}</div>',
           f"<p>Turn {e.turn} · score {score(e.score)} · outcome: {_e(e.tone)}</p>"]
    if e.epilogue:
        out.append(text_html(e.epilogue))
    out.append("</div>")
    if e.explain:
        out.append(f"<p><strong>What produces this ending:</strong> {_e(e.explain)}</p>")
    if e.when and not e.explain:  # the explanation says it in words; the rule itself only when nothing else does
        out.append(f'<p class="src"><em>The rule in the model (for teachers):</em> <code>{_e(e.when)}</code></p>')
    if e.conditions:
        out.append("<table><thead><tr><th>At the end</th><th>Value</th></tr></thead><tbody>")
        out += [f"<tr><td>{_e(c.label)}</td><td>{_e(c.value)}</td></tr>" for c in e.conditions]
        out.append("</tbody></table>")
    if e.alternatives:
        out.append('<p><em>It needs one of these, not all of them:</em></p><ul>')
        out += [f"<li>{'✓ met' if held else '✗ not met'}: {_e(src)}</li>" for src, held in e.alternatives]
        out.append("</ul>")
    if e.missed:
        out.append(f"<p><em>{_e(MISSED_HEADING)}</em></p><ul class=\"missed\">")
        for m in e.missed:
            out.append(f"<li><strong>{_e(m.title)}</strong> ({_e(m.tone)}): {plural(len(m.unmet), 'condition')} not met")
            out.append(_nested(clause_rows(m.clauses)))
            out.append("</li>")
        out.append("</ul>")
    return "\n".join(out)


def _nested(lines: list[tuple[int, str]]) -> str:
    """(depth, text) rows as nested lists: a deeper row goes in a list inside the item above it."""
    out, depth = ["<ul><li>"], 0
    for i, (d, text) in enumerate(lines):
        if i:
            if d > depth:
                out.append("<ul><li>" * (d - depth))
            else:
                out.append("</li></ul>" * (depth - d) + "</li><li>")
        depth = d
        out.append(_e(text))
    out.append("</li></ul>" * (depth + 1))
    return "".join(out)


def _timeline(d: Debrief) -> str:
    out = []
    for t in d.timeline:
        items = []
        for dec in t.decisions:
            inv = ' <span class="tag inv">invented</span>' if dec.invented else ""
            if dec.option:
                hist = f' <span class="hist">(as in {d.year})</span>' if dec.was_historical else (
                    f' <span class="hist">(in {d.year}: {_e(dec.historical)})</span>' if dec.historical else "")
                items.append(f'<li><span class="tag event">event</span><strong>{_e(dec.title)}</strong>{inv} — '
                             f"you chose: {_e(dec.option)}{hist}{_e(dec.outcome)}</li>")
            else:
                items.append(f'<li><span class="tag event">event</span><strong>{_e(dec.title)}</strong>{inv} '
                             "(not answered yet)</li>")
        items += [f'<li><span class="tag event">set aside</span>{_e(title)}, unseen: an answer before it that turn '
                  "made it moot</li>" for title in t.set_aside]
        items += [f'<li><span class="tag order">order</span>{_e(o)}</li>' for o in t.orders]
        if t.moves:
            items.append(f'<li><span class="tag move">moves</span>{_e(" · ".join(t.moves))}</li>')
        if t.shifts:
            items.append(f'<li><span class="tag net">net</span>{_e(", ".join(t.shifts))}</li>')
        if t.ending:
            items.append(f'<li><span class="tag end">ending</span><strong>{_e(t.ending)}</strong></li>')
        if not items:
            items.append("<li>A quiet turn.</li>")
        out.append(f'<div class="turn"><div class="when">Turn {t.turn}<span>{_e(t.date)}</span></div>'
                   f'<ul>{"".join(items)}</ul></div>')
    return "\n".join(out)


def _actors(d: Debrief) -> str:
    out = [f'<p class="sub">{_e(RULES_NOTE)}</p>']
    for a in d.actors:
        parts = [f'<div class="actor" id="actor-{_e(a.id)}"><h3>{_e(a.name)}</h3>']
        if a.description:
            parts.append(text_html(a.description))
        if a.attributes:
            cells = "".join(f'<tr><td>{_e(n.label)}</td><td class="n">{n.start}</td><td class="n">{n.end}</td>'
                            f'<td class="n">{n.change}</td></tr>' for n in a.attributes)
            parts.append(f'<table class="compact"><thead><tr><th>Attribute</th><th class="n">Start</th><th class="n">End</th><th class="n">Change</th></tr></thead>'
                         f"<tbody>{cells}</tbody></table>")
        if a.flags:
            parts.append(f"<p><strong>Standing now:</strong> {_e(', '.join(a.flags))}</p>")
        if a.reactions:
            lis = []
            for r in a.reactions:
                what = "own move" if r.kind == "move" else r.kind
                lis.append(f"<li>{_e(r.when)}: {_e(r.why)} — {_e(', '.join(r.effects))} "
                           f'<span class="src">({_e(what)} <code>{_e(r.source)}</code>)</span></li>')
            parts.append(f"<ul>{''.join(lis)}</ul>")
        else:
            parts.append("<p>No reactions of its own in this game.</p>")
        parts.append("</div>")
        out.append("".join(parts))
    return "\n".join(out)


def _push_li(p, with_turns: bool = False) -> str:
    """One cause: its net change, (its turns,) why, and its rule."""
    what = "own move" if p.kind == "move" else p.kind
    turns = f' <span class="turns">({_e(p.when)})</span>' if with_turns else ""
    return (f'<li><strong class="chg">{p.change}</strong>{turns} {_e(p.why)} '
            f'<span class="src">({_e(what)} <code>{_e(p.source)}</code>)</span></li>')


def _causes_html(c) -> str:
    """A number's largest causes, as a list in a table cell."""
    if not c.pushes:
        return '<span class="quiet">nothing moved it</span>'
    lis = [_push_li(p, with_turns=True) for p in c.pushes]
    if c.others:
        each = f" (none more than {c.others_most} on its own)" if c.others_most else ""
        lis.append(f'<li><strong class="chg">{c.others_change}</strong> {plural(c.others, "smaller cause")} together{each}</li>')
    return f'<ul class="causes">{"".join(lis)}</ul>'


def _courses_table(head: str, courses) -> str:
    rows = "".join(f'<tr><td>{_e(c.label)}</td><td class="n">{c.start}</td><td class="n">{c.end}</td>'
                   f'<td class="n">{c.change}</td><td>{_causes_html(c)}</td></tr>' for c in courses)
    return (f'<table class="country"><thead><tr><th>{_e(head)}</th><th class="n">Start</th><th class="n">End</th>'
            f'<th class="n">Change</th><th>Largest causes over the game</th></tr></thead><tbody>{rows}</tbody></table>')


def _country(d: Debrief) -> str:
    k = d.country
    if k is None:
        return "<p>Nothing is known of the country's numbers.</p>"
    out = [f"<p>{_e(COUNTRY_INTRO)}</p>", f'<p class="sub">{_e(RULES_NOTE)}</p>']
    if k.moved_attr:
        word = k.moved_label.lower()
        out.append(f'<h3 id="country-moved">Where the {_e(word)} went</h3>')
        if not k.moved:
            out.append(f"<p>No region's {_e(word)} fell far enough in this game to push it into other regions"
                       f"{' yet' if k.pending else ''}.</p>")
        else:
            out.append(f"<p>{_e(moved_intro(k))}</p>")
            rows = []
            for m in k.moved:
                fell = (f"{_e(m.origin)} fell {m.fell.lstrip('−')} on turn {m.fell_turn}" if m.fell.startswith("−")
                        else f"{_e(m.origin)} changed {m.fell} on turn {m.fell_turn}")
                by = "".join(_push_li(p) for p in m.pushed_by)
                if m.pushed_rest:
                    by += f'<li><strong class="chg">{m.pushed_rest}</strong> other changes that turn</li>'
                rows.append(f'<tr class="moved" data-rule="{_e(m.source)}" data-turn="{m.turn}" data-from="{_e(m.origin_region)}">'
                            f'<td class="n">{m.turn}</td><td><strong>{_e(m.name)}</strong><br>'
                            f'<span class="src">(dynamic <code>{_e(m.source)}</code>)</span></td>'
                            f'<td>{fell}' + (f'<ul class="causes">{by}</ul>' if by else "") + "</td>"
                            f'<td>{_e(", ".join(m.landed) or "nothing, as written")}<br>'
                            f'<span class="quiet">{_e(m.why)}</span></td></tr>')
            out.append('<table class="moved"><thead><tr><th class="n">Turn</th><th>Rule</th><th>The fall that set it off, '
                       'and its causes</th><th>Where it turned up</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
            heads = "".join(f'<th class="n">{_e(h)}</th>' for h in k.table_heads)
            body_rows = "".join(
                f'<tr><td class="n">{t}</td>' + "".join(
                    f'<td class="n{" came" if came else ""}">{v}{"*" if came else ""}</td>' for v, came in cells) + "</tr>"
                for t, cells in k.table)
            out.append(f'<p>{_e(k.moved_label)}, net change each turn (<strong>*</strong> where fighters pushed out of '
                       'another region arrived):</p>'
                       f'<table class="compact turns-table"><thead><tr><th class="n">Turn</th>{heads}</tr></thead>'
                       f"<tbody>{body_rows}</tbody></table>")
        for due, name, source, raised in k.pending:
            when = "Set off on the last turn, too late to land before the game ended" if k.ended else \
                f"Set off and still to come when turn {due} is resolved"
            out.append(f'<p class="pending">{when}: '
                       f'<strong>{_e(name)}</strong>, {_e(", ".join(raised) or "nothing, as written")} '
                       f'<span class="src">(dynamic <code>{_e(source)}</code>)</span>.</p>')
    for r in k.regions:
        out.append(f'<h3 id="region-{_e(r.id)}">{_e(r.name)}</h3>' + _courses_table("Number", r.courses))
    if k.national:
        out.append('<h3 id="country-national">National numbers</h3>' + _courses_table("Number", k.national))
    return "\n".join(out)


def _charts(d: Debrief) -> str:
    svgs = []
    for c in d.charts:
        small = len(c.series) == 1
        svgs.append(line_chart(c.title, [(s.label, s.values) for s in c.series], c.lo, c.hi,
                               width=280 if small else 620, height=170 if small else 230, chart_id=c.id, value=c.value,
                               styles=[s.style for s in c.series]))
    return ("<p>Each chart runs from the start (turn 0) to the last turn played. Lines are told apart by colour "
            "and by dash pattern, so they print in black and white.</p>"
            f'<div class="charts">{"".join(svgs)}</div>')


def _notes(d: Debrief) -> str:
    if not d.notes:
        return "<p>No events have happened yet.</p>"
    out = []
    for n in d.notes:
        inv = ' <span class="tag inv">invented</span>' if n.invented else ""
        chosen = f" You chose: {_e('; '.join(n.chosen))}." if n.chosen else ""
        prompt = f'<p class="prompt"><strong>Discuss:</strong> {_e(n.prompt)}</p>' if n.prompt else ""
        out.append(f'<div class="note"><h3>{_e(n.title)}{inv}</h3><p class="sub">Turn {", ".join(map(str, n.turns))}.{chosen}</p>'
                   f"{text_html(n.debrief)}{prompt}</div>")
    prompts = [n.prompt for n in d.notes if n.prompt]
    if prompts:
        out.append("<h3>All discussion prompts</h3><ol>" + "".join(f"<li>{_e(p)}</li>" for p in prompts) + "</ol>")
    return "\n".join(out)


def _history(d: Debrief) -> str:
    items = [n for n in d.history_notes if n.history or n.historical_option]
    if not items and not d.background:
        return "<p>None of the events that happened carries a historical note.</p>"
    rows = []
    for n in items:
        game = (f"<strong>{_e(n.title)}</strong><br>" + (f'<span class="ingame">{_e(n.when)}</span><br>' if n.when else "")
                + (f"You chose: {_e('; '.join(n.chosen))}" if n.chosen else "Not answered")
                + (f' <em class="vs">({_e(n.against_history(d.year))})</em>' if n.against_history(d.year) else ""))
        real = _e(n.history)
        if n.historical_option:
            real += f"<br><em>The choice made then:</em> {_e(n.historical_option)}"
        if n.invented_note:
            real += f"<br><em>{_e(n.invented_note)}</em>"
        rows.append(f"<tr><td>{game}</td><td>{real}</td></tr>")
    out = [f"<table><thead><tr><th style=\"width:40%\">In this game</th><th>In {d.year}</th></tr></thead><tbody>",
           *rows, "</tbody></table>"]
    if d.background:
        out.append("<h3>Background from the codex</h3>")
        out += [text_html(body, f"<strong>{_e(title)}.</strong> ") for title, body in d.background]
    return "\n".join(out)


def _assumptions(d: Debrief) -> str:
    if not d.assumptions:
        return "<p>The scenario states no assumptions.</p>"
    return "\n".join(f"<h3>{_e(t)}</h3>{text_html(b)}" for t, b in d.assumptions)


def body(d: Debrief, with_nav: bool = True) -> str:
    parts = {"summary": _summary, "five": _five, "ending": _ending, "timeline": _timeline, "actors": _actors, "country": _country,
             "charts": _charts,
             "notes": _notes, "history": _history, "assumptions": _assumptions}
    out = [nav(d.sections)] if with_nav else []
    out += [section(sid, title, parts[sid](d)) for sid, title in d.sections]
    return "\n".join(out)


def to_html(d: Debrief) -> str:
    title = f"Debrief: {d.scenario_name}" + (f" \u2014 {d.label}" if d.label else "")
    sub = d.summary
    return page(title, body(d), sub, d.when)
