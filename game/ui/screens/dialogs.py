"""Small dialogs: a message (errors included), a save name, the list of saves to load."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.ui import saving
from game.ui.text import clean, day
from game.ui.widgets import KeyBar, NeedsRoom, TooSmall, hanging


class MessageDialog(ModalScreen[None]):
    """A title and a plain-text message; Enter or Escape closes it."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, message: str):
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(clean(self.title_text), style="bold"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(clean(self.message)))
            yield Button("OK", id="ok", variant="primary")
        yield KeyBar()  # its own keys (the screen's below showed through, offering keys that do nothing here)

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmDialog(NeedsRoom, ModalScreen[bool]):
    """A message with a yes button and a no button; Escape is no. Below 80x24 it waits, out of sight, for
    the window to grow (NeedsRoom): nothing is answered unseen."""

    KEYBAR_OWN_KEYS = True  # Tab and Enter, which the buttons take for themselves
    BINDINGS = [Binding("tab", "app.focus_next", "Other button"), Binding("enter", "press", "Choose"),
                Binding("escape", "no", "No")]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "Cancel", safe_first: bool = False):
        super().__init__()
        self.title_text, self.message, self.yes, self.no = title, message, yes, no
        self.safe_first = safe_first  # focus "no" first: Enter must not destroy anything (a save replaced)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog needs-room"):
            yield Label(Text(clean(self.title_text), style="bold"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(clean(self.message)))
            yield Button(Text(clean(self.yes)), id="yes", variant="primary")
            yield Button(Text(clean(self.no)), id="no")
        yield TooSmall()
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action in ("no", "press") and self.has_class("-too-small"))

    def on_mount(self) -> None:
        self.query_one("#no" if self.safe_first else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_no(self) -> None:
        self.dismiss(False)

    def key_description(self, binding: Binding) -> str | None:
        """Escape's words in the key bar: the safe button's own ('esc Cancel'), which is what it does."""
        return clean(self.no) if binding.action == "no" else None

    def action_press(self) -> None:  # (the focused button takes Enter itself; this is for the key bar)
        if isinstance(self.focused, Button):
            self.focused.press()


class SaveNameDialog(NeedsRoom, ModalScreen["str | None"]):
    """The name to save the game under. Below 80x24 it waits, out of sight, for the window to grow
    (NeedsRoom), the name typed so far kept: Escape does not throw it away unseen."""

    KEYBAR_OWN_KEYS = True  # Enter, which the name's box takes for itself
    BINDINGS = [Binding("enter", "save", "Save"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: str):
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog needs-room"):
            yield Label("Save the game as", classes="dialog-title")
            yield Input(self.default, id="save-name", placeholder="name of the save")
            yield Label(Text("Enter saves · Escape cancels", style="dim"), id="save-hint")
            # buttons for the mouse: nothing in the dialog could be clicked, only the key bar at the foot
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#save-name", Input).focus()  # the name, to type over (the buttons come after it)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action in ("cancel", "save") and self.has_class("-too-small"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:  # stays open: closing would look like a save that was not made
            self.query_one("#save-hint", Label).update(Text("Type a name first (Escape cancels).", style="bold red"))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:  # (the box takes Enter itself; this is for the key bar)
        box = self.query_one("#save-name", Input)
        self.on_input_submitted(Input.Submitted(box, box.value))


def _day(iso: str) -> str:
    """'2008-08-12' -> '12 Aug 2008' (as it is if it is not such a date)."""
    import datetime as dt

    try:
        return day(dt.date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def save_line(path, header):
    """A save on the load screen: what game and where it stands, then its summary, then when it was
    saved and its file; the lines after the first wrap under themselves."""
    head = Text(f"{clean(header.scenario)} · turn {header.turn} · {_day(clean(header.date))}", style="bold")
    auto = getattr(header, "autosave", path.name.startswith("autosave-"))
    quick = path.name.startswith("quicksave-")  # (ctrl+s: its name is the game's, not one to read out)
    head.append("  autosave" if auto else "  quick save" if quick else f"  “{clean(path.stem)}”",
                style="dim" if auto or quick else "")
    body = Text(clean(header.summary))
    saved = clean(header.saved_at).replace("T", " ")[:16]
    body.append(f"\nsaved {saved} · {clean(path.name)}", style="dim")
    return Group(head, hanging(Text("  "), body))


class LoadScreen(ModalScreen["str | None"]):
    """Every save in the saves folder, newest first; unreadable ones say why."""

    KEYBAR_OWN_KEYS = True  # Enter, which the list takes for itself
    BINDINGS = [Binding("enter", "load", "Load"), Binding("escape", "cancel", "Back")]

    def __init__(self, saves_dir: str | None = None):
        super().__init__()
        self.saves_dir = saves_dir

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Load a saved game", classes="dialog-title")
            yield OptionList(id="saves")
            yield Label(Text("Enter loads · Escape goes back", style="dim"))
        yield KeyBar()  # its own keys: the title's showed through ("n New game"), doing nothing here

    def on_mount(self) -> None:
        ol = self.query_one("#saves", OptionList)
        rows = saving.list_saves(self.saves_dir)
        if not rows:
            ol.add_option(Option(Text(f"No saves yet in {saving.folder(self.saves_dir)}", style="dim"), disabled=True))
            return
        for path, header, problem in rows:
            if header is None:
                # its reason wraps under itself, as a readable save's lines do (it ran back to the list's edge)
                why = Text(f"unreadable: {clean(problem)}", style="dim italic")
                ol.add_option(Option(Group(Text(clean(path.name), style="dim"), hanging(Text("  "), why)), disabled=True))
            else:
                ol.add_option(Option(save_line(path, header), id=str(path)))
        # the newest readable save is highlighted, so Enter loads it (with nothing highlighted, Enter did nothing)
        ol.highlighted = next((i for i in range(ol.option_count) if not ol.get_option_at_index(i).disabled), None)
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_load(self) -> None:  # (the list takes Enter itself; this is for the key bar)
        ol = self.query_one("#saves", OptionList)
        if ol.highlighted is not None and ol.get_option_at_index(ol.highlighted).id:
            self.dismiss(ol.get_option_at_index(ol.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)


NEAR_FULL = 3  # rows: a briefing that leaves this few of the game showing fills the screen's height (_fit)


class BriefingScreen(ModalScreen[None]):
    """The scenario's opening briefing, shown once when a new game starts (before the first card). (No size
    message below 80x24: its text scrolls, and its key bar says Enter begins, should its button be cut.)"""

    # help too, as on the card after it: a modal screen hides the app's own keys, and '?' did nothing here
    BINDINGS = [Binding("enter,escape,space", "close", "Begin"), Binding("question_mark,f1", "app.help", "Help"),
                Binding("c", "app.codex", "Codex")]

    def __init__(self, scenario):
        super().__init__()
        self.sc = scenario

    def compose(self) -> ComposeResult:
        from game.ui.text import with_links

        meta = self.sc.meta
        with Vertical(classes="dialog wide", id="briefing"):
            yield Label(Text(f"Briefing · {clean(meta.name)}", style="bold"), classes="dialog-title")
            yield Label(self._subtitle(True), id="briefing-sub")
            with VerticalScroll(classes="dialog-body", id="briefing-body"):
                yield Static(with_links(meta.briefing.strip(), self.sc.codex))
            yield Button("Begin", id="ok", variant="primary")
        yield KeyBar()  # its own keys: the game's footer showed through, offering keys that do nothing here

    def on_mount(self) -> None:
        self.query_one("#briefing-body").focus()  # the arrows scroll it; Enter begins
        self.call_after_refresh(self._fit)

    def _subtitle(self, more: bool) -> Text:
        meta = self.sc.meta
        return Text(f"Turn 1 of {meta.turns}, {day(meta.start_date, long=True)}; a turn is {meta.turn_days} days"
                    + (" · ↓ reads on" if more else "") + " · Enter begins", style="dim")

    def _hint(self) -> None:
        """'↓ reads on' only when the briefing is longer than its box."""
        if not self.is_attached:  # closed (Enter at once) before its first refresh: nothing left to measure
            return
        self.query_one("#briefing-sub", Label).update(self._subtitle(self.query_one("#briefing-body").max_scroll_y > 0))

    def _fit(self) -> None:
        """A briefing that all but fills the screen (80x24) fills it: centred, it left a row or two of the game
        showing between it and its key bar. A shorter one stays a box in the middle, with the game around it."""
        if not self.is_attached:  # closed before its first refresh (see _hint)
            return
        box = self.query_one("#briefing")
        gap = self.size.height - self.query_one(KeyBar).outer_size.height - box.outer_size.height
        if 0 < gap <= NEAR_FULL:
            box.add_class("fill")
        self.call_after_refresh(self._hint)

    def on_resize(self) -> None:
        self.query_one("#briefing").remove_class("fill")  # measured afresh at its own height
        self.call_after_refresh(self._fit)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
