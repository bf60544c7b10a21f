"""The title screen and the new-game dialog (scenario, seed, difficulty)."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from game.errors import ContentError
from game.ui.text import CONTINUE_ENDED, clean, day
from game.words import plural
from game.ui.widgets import KeyBar, NeedsRoom, TooSmall

_LOGO = """\
 ██████ ███████  █████  ███████ ███████ ███████ ██ ██████  ███████
██      ██      ██   ██ ██      ██      ██      ██ ██   ██ ██
██      █████   ███████ ███████ █████   █████   ██ ██████  █████
██      ██      ██   ██      ██ ██      ██      ██ ██   ██ ██
 ██████ ███████ ██   ██ ███████ ███████ ██      ██ ██   ██ ███████"""

LOGO = "\n".join(line.ljust(66) for line in _LOGO.splitlines())

BLURB = "You are the prime minister. Hold your coalition together while the army fights militias whose parties you need."


def even_width(text: str, width: int) -> int:
    """The least width that wraps `text` into as few lines as `width` does, so its lines come out even
    ('...while the army fights the militias whose political' and a lone 'wings sit in it.' at 108 columns
    become two lines of about 60)."""
    width = max(1, width)
    lines = len(textwrap.wrap(text, width, break_on_hyphens=False))
    while width > 1 and len(textwrap.wrap(text, width - 1, break_on_hyphens=False)) == lines:
        width -= 1
    return width


MENU = [
    ("new", "n", "New game"),
    ("continue", "r", "Continue"),
    ("load", "l", "Load a saved game"),
    ("codex", "c", "Codex"),
    ("help", "?", "Help"),
    ("quit", "q", "Quit"),
]


class TitleScreen(Screen):
    BINDINGS = [
        Binding("n", "new_game", "New game"),
        Binding("r", "continue_game", "Continue"),
        Binding("l", "load_game", "Load"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            with Center():  # (the box centres its children as one block, as wide as the widest: not the logo)
                yield Static(LOGO, id="logo")
            yield Static("C E A S E F I R E", id="logo-small")
            yield Static(Text("Iraq, spring 2008 · a political strategy game", style="italic"), id="tagline")
            with Center():
                yield OptionList(id="menu")
            with Center():
                yield Static(Text(BLURB, style="dim"), id="blurb")
        yield KeyBar()

    def on_mount(self) -> None:
        self.build_menu(look=False)  # first frame at once; the saves folder is read just after it
        # (a timer started only once the frame is painted: on a busy machine a timer from mount could fire
        # before the first frame and hold it back by the ~0.3 s that reading saves costs in imports)
        self.call_after_refresh(self.set_timer, 0.05, self.build_menu)

    def on_screen_resume(self) -> None:
        if getattr(self, "_shown", False):  # coming back from a game: the Continue line may have changed
            self.build_menu()
        self._shown = True

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < 72 or event.size.height < 22, "-narrow")
        # the blurb as narrow as it can be in as few lines: lines of even length, not a last word alone
        self.query_one("#blurb").styles.width = even_width(BLURB, event.size.width - 4 - 8) + 8  # box, blurb padding

    def build_menu(self, look: bool = True) -> None:
        ol = self.query_one("#menu", OptionList)
        hi = ol.highlighted
        ol.clear_options()
        cont = self.app.continue_label(look)
        for oid, key, label in MENU:
            t = Text(f" {key}  ", style="bold")
            if oid == "continue":
                t.append(cont or "Continue (no saved game)")
                ol.add_option(Option(t, id=oid, disabled=cont is None or cont == CONTINUE_ENDED))
            else:
                t.append(label)
                ol.add_option(Option(t, id=oid))
        ol.highlighted = hi if hi is not None else 0
        ol.focus()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "quit":
            # awaited: the app's quit is a coroutine (it autosaves an open game first), and called without
            # await it never ran: Quit in the menu, clicked or chosen with Enter, did nothing
            await self.app.run_action("quit")
            return
        {
            "new": self.action_new_game,
            "continue": self.action_continue_game,
            "load": self.action_load_game,
            "codex": self.app.action_codex,
            "help": self.app.action_help,
        }[event.option.id]()

    def action_new_game(self) -> None:
        self.app.action_new_game()

    def action_continue_game(self) -> None:
        self.app.action_continue_game()
        if self.app.screen is self:  # nothing to continue: the line says what the key just said, as things are now
            self.build_menu()

    def action_load_game(self) -> None:
        self.app.action_load_game()


def scenario_title(ref: str) -> str:
    """A scenario as the list names it: its name from scenario.toml, then its folder, e.g. 'Ceasefire:
    Basra 2008 (basra_2008)'; the folder alone if the name cannot be read (the info below then says
    why). Folder names only: never a machine's paths."""
    import tomli

    from game.content.loader import resolve_scenario

    try:
        folder = resolve_scenario(ref)
        name = tomli.loads((folder / "scenario.toml").read_text("utf-8-sig"))["scenario"]["name"]
    except (ContentError, OSError, UnicodeDecodeError, tomli.TOMLDecodeError, KeyError, TypeError):
        return clean(Path(ref).name)  # a scenario that does not load yet: describe() reports its problems
    if not isinstance(name, str) or not name.strip():
        return clean(Path(ref).name)
    name, folder = clean(name).strip(), clean(Path(ref).name)
    if name.endswith(")") and "(" in name:  # 'the Basra crisis (classroom)': one parenthesis, not two
        return f"{name[:-1]}, {folder})"
    return f"{name} ({folder})"


SEED_HINT = "a number, or your teacher's class code"  # beside the Seed field (one line at 80 columns)

# the difficulty list of a scenario without presets (or one that does not load): its one way to play
_NO_PRESETS = [("Standard (the scenario has no presets)", "")]


class NewGameScreen(NeedsRoom, ModalScreen["tuple | None"]):
    """Choose a scenario, a seed (random, shown, editable) and a difficulty. Laid out for 80x24 (its Start
    button was cut off below): in a smaller window it waits for the window to grow (NeedsRoom), what was
    chosen and typed kept."""

    # Start has the focus when the dialog opens, on purpose: n then Enter plays the scenario and difficulty
    # shown, with a fresh seed. The dialog's own key bar says so (under it the title screen's keys showed:
    # "n New game r Continue…", which do nothing here)
    KEYBAR_OWN_KEYS = True  # its bar says Enter starts, whichever field has the focus (KeyBar)
    BINDINGS = [
        Binding("enter", "start", "Start"),  # (on a list, Enter opens it first; in Seed it starts)
        Binding("tab", "app.focus_next", "Next field"),
        Binding("ctrl+r", "reseed", "New seed"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, scenarios: list[str], scenario: str, seed: int | None, difficulty: str | None):
        super().__init__()
        self.scenarios = scenarios
        self.scenario = scenario
        self.seed = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
        self.difficulty = difficulty
        self._sc = None  # the scenario described, once it loads

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide needs-room", id="newgame"):
            yield Label("New game", classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("Scenario  ", classes="field-label")
                yield Select([(scenario_title(s), s) for s in self.scenarios], value=self.scenario,
                             allow_blank=False, id="scenario")
            with Horizontal(classes="field"):
                yield Label("Seed      ", classes="field-label")
                yield Input(str(self.seed), id="seed", placeholder="number or code")
                # the field always holds a seed, so its placeholder is rarely seen: the hint says it beside it
                yield Static(Text(SEED_HINT), id="seed-hint")
            with Horizontal(classes="field"):
                yield Label("Difficulty", classes="field-label")
                yield Select(_NO_PRESETS, id="difficulty", allow_blank=False)
            yield Static("", id="scenario-info")
            yield Button("Start", id="start", variant="primary")
        yield TooSmall()
        yield KeyBar()  # Enter starts · Tab moves · ctrl+r new seed · Esc back (the line that said it is now the bar)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action in ("cancel", "reseed", "start") and self.has_class("-too-small"))

    def action_start(self) -> None:
        self.start()

    def key_description(self, binding: Binding) -> str | None:
        """Enter on a closed list (Scenario, Difficulty) opens it, whatever the dialog's own Enter does: the
        bar said '⏎ Start' there, and a player who pressed it to start saw the list open instead (KeyBar)."""
        if binding.action == "start" and isinstance(self.focused, Select):
            return "Open list"
        return None

    def on_mount(self) -> None:
        self.describe(self.scenario)
        self.query_one("#start", Button).focus()

    def describe(self, ref: str) -> None:
        info = self.query_one("#scenario-info", Static)
        start = self.query_one("#start", Button)
        diff = self.query_one("#difficulty", Select)
        try:
            sc = self.app.get_scenario(ref)
        except ContentError as exc:
            errors = [p for p in exc.problems if p.severity == "error"]
            first = errors[0].format() if errors else ""
            info.update(Text(f"This scenario does not load yet ({plural(len(errors), 'problem')}).\n{clean(first)}", style="red"))
            start.disabled = True
            self._sc = None
            diff.set_options(_NO_PRESETS)
            return
        start.disabled = False
        self._sc = sc
        default = sc.meta.default_difficulty
        diff.set_options([(clean(d.label) + (" (default)" if did == default else ""), did)
                          for did, d in sc.meta.difficulty.items()] or _NO_PRESETS)
        want = self.difficulty or default
        if want in sc.meta.difficulty:
            diff.value = want
        self.show_info()

    def show_info(self) -> None:
        """The scenario's name, length and description, its mods, and what the chosen difficulty means
        (that one only: the dialog fits a 24-line terminal)."""
        sc = self._sc
        if sc is None:
            return
        t = Text(clean(sc.meta.name), style="bold")
        t.append(f" · {sc.meta.turns} turns of {sc.meta.turn_days} days from {day(sc.meta.start_date, long=True)}\n")
        t.append(clean(sc.meta.description), style="dim")
        if sc.mods:
            t.append("\nMods, in load order: " + ", ".join(clean(Path(m).name) for m in sc.mods), style="italic")
        value = self.query_one("#difficulty", Select).value
        chosen = sc.meta.difficulty.get(value if isinstance(value, str) else sc.meta.default_difficulty or "")
        if chosen is not None and chosen.description:
            t.append(f"\n{clean(chosen.label)}: {clean(chosen.description)}", style="dim italic")
        self.query_one("#scenario-info", Static).update(t)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "scenario" and event.value not in (Select.NULL, None):
            self.scenario = str(event.value)
            self.describe(self.scenario)
        elif event.select.id == "difficulty":
            if isinstance(event.value, str):
                self.difficulty = event.value  # kept when the scenario changes, if the next one has it too
            self.show_info()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.start()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A class code typed in Seed shows its scenario and difficulty at once (as Start will play them)."""
        raw = event.value.strip()
        if event.input.id != "seed" or not raw or raw.isdigit():
            return
        try:
            from game.classroom.codes import decode

            scenario, _, difficulty = decode(raw)
        except Exception:  # a code half typed, or not a code: Start says what is wrong
            return
        ref = next((s for s in self.scenarios if s == scenario or Path(s).name == Path(scenario).name), None)
        if ref is None:
            return
        self.difficulty = difficulty
        select = self.query_one("#scenario", Select)
        if select.value != ref:
            select.value = ref  # Select.Changed describes it, with the code's difficulty
        else:
            self.describe(ref)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.start()

    def action_reseed(self) -> None:
        self.query_one("#seed", Input).value = str(random.SystemRandom().randrange(1, 1_000_000))

    def start(self) -> None:
        if self.query_one("#start", Button).disabled:
            return
        raw = self.query_one("#seed", Input).value.strip()
        try:
            seed = int(raw) if raw else random.SystemRandom().randrange(1, 1_000_000)
        except ValueError:
            try:  # a class code: scenario, seed and difficulty at once
                from game.classroom.codes import decode

                scenario, seed, difficulty = decode(raw)
            except Exception as exc:  # CodeError or a missing classroom module
                self.app.notify(f"Not a seed or a class code: {clean(str(exc))}", severity="error", markup=False)
                return
            self.dismiss((scenario, seed, difficulty))
            return
        d = self.query_one("#difficulty", Select).value
        difficulty = str(d) if isinstance(d, str) and d else None  # "" is the scenario without presets
        self.dismiss((self.scenario, seed, difficulty))

    def action_cancel(self) -> None:
        self.dismiss(None)
