"""Help: the rules in brief and every key."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.ui.widgets import KeyBar, hanging_rows, PagesThrough

# The rules in brief, as paragraphs and lists; the screen wraps them to its width (hanging indents).
RULES: list[tuple[str, object]] = [
    ("para", "You are Iraq's prime minister in the spring of 2008. Each turn is two weeks."),
    ("para", "What you play for: to reach the last turn with your government standing, the militias weaker, "
             "the coalition together and Iran's hold limited. The endings, from \"A state that can stand\" to a "
             "proxy war, say how it went; the codex entry \"How a game ends\" (c, then search \"game ends\") lists "
             "each one's conditions and score."),
    ("head", "A turn"),
    ("list", [
        ("1.", "Briefing: one or more event cards arrive. Choose an option with its number key (or the arrows "
               "and Enter, or a click). Under the options you see what the highlighted one, or the one the mouse "
               "points at, is likely to do: "
               "▲/▼ is the direction; one to three arrows the size of the change against that number's whole range "
               "(▲ under 4% of it, ▲▲ under 10%, ▲▲▲ more), so −4 is ▼▼ on a number from 0 to 100 but ▼ on a "
               "stance (−100 to +100). \"?\" marks effects that depend on chance. Greyed options are not available now; the reason is shown."),
        ("2.", "Orders: spend political capital on orders (operations, talks, services, diplomacy...). Space or "
               "Enter adds or removes the highlighted order; with the mouse, point at an order to read what it would do, "
               "and click it to add or remove it. The budget line shows what is left and how many "
               "orders you may still give. A greyed order is not open now: highlight it to read why, and what "
               "it would do. Orders are carried out in the order you gave them: when an earlier one can change a "
               "later one's chances, the later one's preview says so."),
        ("3.", "End the turn (e): your orders are carried out, the other actors react and make their own moves, "
               "and the world's slower forces run."),
        ("4.", "Report: your decisions and how their chances fell, the net change of each number, the other "
               "actors' moves, then every change of the turn, each number in one place (the national picture, "
               "each actor's, each region's), with the rule that caused it, who, and a sentence saying why."),
    ]),
    ("para", "The game ends when an ending's conditions hold, or after the last turn. The end screen shows the "
             "ending, its score and why it happened. The game saves itself after every turn; `ceasefire debrief "
             "SAVE` writes a full debrief."),
    ("head", "Reading the main screen"),
    ("list", [
        ("Map:", "each region with its violence as a number and a symbol (· calm, ░ low, ▒ tense, ▓ high, "
                 "█ severe) - colour only repeats it."),
        ("National picture:", "each number, its change since the start of the last turn (what that turn did, "
                               "and this turn's choices so far; \"±0\" when it moved and came back, nothing "
                               "when nothing moved it) and a small chart of recent turns. "
                              "A \"↓\" after the chart marks a number where low is good. A \"!\" after a number: it is near a "
                              "level that ends the game, or past one where any turn may end it (the turn report "
                              "says which)."),
        ("Actors:", "stance toward you (-100 hostile .. +100 friendly), strength and other numbers, their "
                    "status (ceasefire, in coalition) and patron."),
        ("Every number:", "what it stands for, its range and, where the scenario gives them, the levels "
                          "that matter: the codex entry \"Reading the numbers\" (c, then search \"numbers\")."),
    ]),
]

KEYS = [
    ("Anywhere", [("? / F1", "this help"), ("c", "the codex (actors, places, terms)"), ("ctrl+p", "command palette: every game command"), ("ctrl+q", "quit (a game in progress is saved first)")]),
    ("Title", [("n", "new game"), ("r", "continue"), ("l", "load a saved game"), ("q", "quit")]),
    ("New game", [("Tab", "move between scenario, seed, difficulty, Start"), ("ctrl+r", "a new random seed"), ("Enter", "start"), ("Escape", "back")]),
    ("Main screen", [("↑ ↓", "move in the orders list"), ("Space / Enter", "add or remove the order"),
                     ("Tab, then ↑ ↓", "read the rest of the order's preview (when it says 'more below'); shift+Tab goes back to the orders"), ("e", "end the turn (with no orders planned, press it twice)"),
                     ("b", "show the waiting event card"), ("o / a / n", "orders, actors, news tabs"),
                     ("h", "history charts"), ("r", "last turn's report"), ("s", "save under a name"),
                     ("ctrl+s or w", "save now, no name asked (a quick save, one a turn; the card takes it too; w in a browser)"),
                     ("Escape", "title menu (the game stays open)")]),
    ("Event card", [("1, 2, 3…", "choose that option"), ("↑ ↓ Enter", "choose with the arrows"), ("l", "open the codex at the card's links"), ("s / ctrl+s or w", "save under a name / at once"),
                    ("Escape", "look at the map first (b brings the card back)")]),
    ("Report", [("Enter/Esc/Space", "continue"), ("h", "history"), ("↑ ↓ PgUp PgDn", "scroll")]),
    ("Codex", [("/", "search"), ("↑ ↓", "browse"), ("1-9, 0", "follow a numbered link (0 for the tenth)"), ("Escape or c", "back")]),
    ("End screen", [("h", "history"), ("r", "last report"), ("s", "save"), ("d", "write the debrief"), ("e", "every ending and its score"), ("n", "new game"),
                    ("Escape", "title"), ("q", "quit")]),
    ("Developer mode (ceasefire play --dev)", [("F5", "reload the content into the running game"),
                                               (":", "console (stays open; Esc closes): fire EVENT, set NAME VALUE, add NAME AMOUNT, capital AMOUNT, flag NAME, unflag NAME, show NAME")]),
]


KEY_COLUMN = 16  # every key whole ('Enter/Esc/Space', the longest, is 15: 'Enter / Escape / Space' wrapped)


def _key_rows(rows: list[tuple[str, str]]) -> Padding:
    """The keys of a group: a column of KEY_COLUMN cells (every key fits it whole: a key as wide as the
    column ran into its description, 'Enter / Escape / Space continue'), two spaces, then the description
    wrapping under itself. Every group has the same column."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=KEY_COLUMN, style="bold", overflow="fold")
    grid.add_column(ratio=1)
    for key, text in rows:
        grid.add_row(key, text)
    return Padding(grid, (0, 0, 0, 2))


def _rows(rows: list[tuple[str, str]], key_style: str = "", key_width: int | None = None) -> Padding:
    """Two columns, the second wrapping under itself (a hanging indent), indented by two."""
    return Padding(hanging_rows(rows, key_style, key_width, gap=1), (0, 0, 0, 2))


_TONES = ["best", "good", "mixed", "bad", "worst"]


def scenario_rules(sc) -> list[tuple[str, object]]:
    """RULES with its opening written from the scenario being played (its name, length, dates and
    endings), so that a teacher's or a modder's scenario is not described as the campaign."""
    from game.ui.text import clean, day

    meta = sc.meta
    opening = (f"{clean(meta.name)}: {meta.turns} turns of {meta.turn_days} days, from "
               f"{day(meta.start_date, long=True)}. " + ("The opening briefing sets the scene; the codex (c) "
               if meta.briefing.strip() else "The codex (c) ") + "explains the people, places and the model's assumptions.")
    endings = sorted(sc.endings, key=lambda e: (_TONES.index(e.model.tone), -e.model.priority))
    if len(endings) >= 2:
        aim = (f"What you play for: the endings say how it went, from \"{clean(endings[0].model.title)}\" to "
               f"\"{clean(endings[-1].model.title)}\"; the codex entry \"How a game ends\" (c, then search "
               "\"game ends\") lists each one's conditions and score.")
    else:
        aim = ("What you play for: the ending says how it went; the codex entry \"How a game ends\" (c, then "
               "search \"game ends\") gives its conditions and score.")
    return [("para", opening), ("para", aim), *RULES[2:]]


def help_text(sc=None) -> Group:
    """The rules and every key, for any width; with a scenario, its opening is that scenario's."""
    parts: list = [Text("Ceasefire: how to play", style="bold"), Text("")]
    for kind, body in (scenario_rules(sc) if sc is not None else RULES):
        if kind == "head":
            parts += [Text(""), Text(body)]
        elif kind == "para":
            parts += [Text(""), Text(body)] if len(parts) > 2 else [Text(body)]
        else:
            parts.append(_rows(body))
    parts += [Text(""), Text("Keys", style="bold underline")]
    for group, keys in KEYS:
        parts += [Text(""), Text(group, style="bold"), _key_rows(keys)]
    return Group(*parts)


class HelpScroll(VerticalScroll):
    """The help's scroll: Home and End jump at once (Textual's glide of a second left Home showing the
    lines under the title, not the title, for most of that second)."""

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)


class HelpScreen(PagesThrough, Screen):
    SCROLLER = "#help-box"  # (several screenfuls at 80x24: the bar says so)
    BINDINGS = [Binding("escape,question_mark,f1", "close", "Back"), *PagesThrough.PAGE_BINDINGS]

    def compose(self) -> ComposeResult:
        session = getattr(self.app, "session", None)
        with HelpScroll(id="help-box"):
            yield Static(help_text(session.sc if session is not None else None), id="help")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.app.pop_screen()
