"""The Textual app: a thin front end over the engine's Session.

`run_app(args)` is what `ceasefire` and `ceasefire play` call. The app holds the current
session and the loaded scenarios; the screens (game/ui/screens) draw and drive them.
"""

from __future__ import annotations

import gc
import os
import re
import sys
import time
from pathlib import Path
from typing import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from game.errors import CeasefireError, ContentError, GameError, SaveError
from game.ui.text import CONTINUE_CHOOSE, CONTINUE_ENDED, clean


class _LazySaving:
    """game.ui.saving imported on first use (it pulls in pydantic; the title screen need not wait)."""

    def __getattr__(self, name):
        from game.ui import saving as mod

        return getattr(mod, name)


saving = _LazySaving()

DEFAULT_SCENARIO = "basra_2008"


def wrap_path(text: str, width: int) -> list[str] | None:
    """`text` (a path) in lines of `width` cells at most, broken only after a separator; None if one of
    its folders' names is longer than a line."""
    parts = [part + os.sep for part in text.split(os.sep)[:-1]] + [text.split(os.sep)[-1]]
    lines = [""]
    for part in filter(None, parts):
        if len(part) > width:
            return None
        if len(lines[-1]) + len(part) > width:
            lines.append("")
        lines[-1] += part
    return lines


def toast_room(width: int) -> int:
    """The cells a line of a toast holds on a screen `width` wide: a Toast is 60 cells at most and half its
    rack, which is the screen less its scrollbar's 2 cells; less the toast's padding (2) and its edge (1)."""
    return min(60, (width - 2) // 2) - 3


def wrap_name(name: str, width: int) -> list[str] | None:
    """A file's name in lines of `width` cells at most, broken only after a '-' or a '.'
    ('basra_short-11-6fd49a-' / 't11.debrief.html', after a '.' only where it must); None if a piece between
    them is longer than a line."""
    for breaks in (r"(?<=-)", r"(?<=[-.])"):
        lines = [""]
        for part in filter(None, re.split(breaks, name)):
            if len(part) > width:
                break
            if lines[-1] and len(lines[-1]) + len(part) > width:
                lines.append("")
            lines[-1] += part
        else:
            return lines
    return None


class CeasefireApp(App):
    TITLE = "Ceasefire"
    CSS_PATH = str(Path(__file__).resolve().parent / "styles" / "app.tcss")  # absolute: subclasses too
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("c", "codex", "Codex"),
        Binding("ctrl+q", "quit", "Quit", show=False),
        Binding("f5", "dev_reload", "Reload"),
        Binding("colon", "dev_console", "Console"),
    ]

    def __init__(self, scenario: str | None = None, seed: int | None = None, difficulty: str | None = None,
                 load: str | None = None, mods: Iterable[str] = (), saves_dir: str | None = None,
                 direct: bool = False, branch_turn: int | None = None, dev: bool = False,
                 installed_mods: bool = True, quiet_gc: bool = False):
        super().__init__()
        # Python's full garbage collection walks every object the game holds (a tenth of a second and more, by
        # mid-game); left to its own counters it often fell inside an end turn. With quiet_gc the app runs it
        # while the player reads (settle_memory). On in the game as run (run_app) and in bench/bench_ui.py.
        self.quiet_gc = quiet_gc
        self.installed_mods = installed_mods  # False: --no-mods (leave the mods/ folder out)
        self.dev = dev
        self.scenario_ref = str(scenario) if scenario else None
        self.seed = seed
        self.difficulty = difficulty
        self.load_path = load
        self.mods = list(mods or ())
        self.saves_dir = saves_dir
        self.direct = direct
        self.branch_turn = branch_turn
        self.session = None
        self.scenarios: dict[str, object] = {}
        self.last_save: str | None = None
        self.named_save: str | None = None  # the last save of this game its players named (not an autosave)
        # a "what if" branch of a named save ('amal-and-ben'): the name its save dialog offers ('amal-and-ben-whatif')
        self.branch_name: str | None = None
        self.last_report_ms: float | None = None  # end-turn key to the report painted, last turn
        self.report_painted_at: float | None = None  # perf_counter when that report was painted
        self.report_painted_cpu: float | None = None  # and process_time then (for bench/bench_ui.py)
        self.first_frame_at: float | None = None
        self._report_screen = None
        self.continue_text: str | None = None  # computed after the first frame
        self._toasts: dict[str, object] = {}  # the last toast of each kind that replaces its own (notify_once)

    def notify_once(self, kind: str, message: str, *, severity: str = "information", timeout: float | None = None) -> None:
        """A toast (plain text) that takes the place of the last one of its `kind` still showing, instead of
        stacking above it: ctrl+s pressed four times on a card stacked four toasts of five lines each over the
        card's options. (App.notify returns nothing to remove later, so the toast is made here as notify makes
        it; App._unnotify is how Textual's own toasts leave when they time out.)"""
        from textual.notifications import Notification, Notify

        old = self._toasts.get(kind)
        if old is not None:
            self._unnotify(old, refresh=False)  # (the new toast's arrival redraws the rack)
        toast = Notification(message, "", severity, self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=False)
        self._toasts[kind] = toast
        self.post_message(Notify(toast))

    async def on_event(self, event: events.Event) -> None:
        # A key that comes too early for the card on top (EventCardScreen.early_key) is dropped here, at both
        # of its stops in the app: as it arrives (before it goes to the focused widget), and as it bubbles back
        # up to run the bindings, which are those of the screen on top by then. A key typed on the report went
        # to the report's widget and came back up with a card drawn over the report meanwhile: it answered it.
        if isinstance(event, events.Key):
            early = getattr(self.screen, "early_key", None)
            if early is not None and early(event):
                event.stop()
                event.prevent_default()
                return
        await super().on_event(event)

    def report_screen(self, report, started: float | None = None, then=None):
        """The one report screen, reused turn after turn (composing it anew costs a frame).

        `started` is when the end-turn key was pressed (for `last_report_ms`); `then` runs once the report is
        painted (the autosave, so that it does not delay the report)."""
        from game.ui.screens.report import ReportScreen

        if self._report_screen is None:
            self._report_screen = ReportScreen(report, started, then)
            self.install_screen(self._report_screen, name="report")
        else:
            self._report_screen.set_report(report, started, then)
        return "report"

    # ------------------------------------------------------------ start

    def run(self, *args, **kwargs):
        """Run in this terminal. Without one (input from a pipe or a file, no terminal to draw on) the
        game would wait on input that never comes, spinning: it stops at once and says what to use.
        textual-serve's browser driver (ceasefire serve) needs no terminal."""
        if not kwargs.get("headless") and not os.environ.get("TEXTUAL_DRIVER"):
            stdin, out = sys.stdin, sys.__stderr__  # Textual draws on the original stderr
            if stdin is None or out is None or not stdin.isatty() or not out.isatty():
                raise GameError("the game needs a terminal to run in; for games without a screen use "
                                "`ceasefire simulate`, to play in a browser use `ceasefire serve`")
        return super().run(*args, **kwargs)

    def get_default_screen(self) -> Screen:
        from game.ui.screens.title import TitleScreen

        return TitleScreen()  # the bottom of the stack: every game screen returns here

    def on_mount(self) -> None:
        if self.load_path:
            self.call_after_refresh(self.load_game, self.load_path, self.mods)
        elif self.direct:
            self.call_after_refresh(self.start_game, self.default_scenario_ref(), self.seed, self.difficulty)
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        self.first_frame_at = time.perf_counter()

    def scenario_choices(self) -> list[str]:
        from game.content import loader

        try:
            names = list(loader.available_scenarios())
        except OSError:
            names = []
        if self.scenario_ref and self.scenario_ref not in names:
            names.insert(0, self.scenario_ref)
        return names

    def default_scenario_ref(self) -> str:
        """The scenario last played (in this run, or the newest save's), so a class's machine keeps its
        choice; else the campaign. Never another one because it loads and that one does not: a modder
        whose installed mod has an error was given the short scenario without a word, and now sees the
        errors when the game starts."""
        if self.scenario_ref:
            return self.scenario_ref
        names = self.scenario_choices()
        last = self.session.sc.id if self.session is not None else saving.last_scenario(self.saves_dir)
        if last in names:
            return last
        if DEFAULT_SCENARIO in names:
            return DEFAULT_SCENARIO
        return names[0] if names else DEFAULT_SCENARIO

    def get_scenario(self, ref: str):
        """Load (once) and return a scenario; raises ContentError."""
        if ref not in self.scenarios:
            from game.content import loader

            from game.content.mods import with_installed

            mods, problems = with_installed(ref, self.mods, self.installed_mods)
            if any(p.severity == "error" for p in problems):
                raise ContentError(problems)
            self.scenarios[ref] = loader.load(ref, mods)
            for p in problems:  # the mods folder's warnings (a mod in the wrong place is not loaded): once
                self.notify(clean(p.format()), title="Mods", severity="warning", markup=False, timeout=12)
        return self.scenarios[ref]

    # ------------------------------------------------------------ games

    def start_game(self, ref: str, seed: int | None, difficulty: str | None) -> None:
        from game.engine.session import Session

        if self.session is not None and not self.session.ended:
            self.autosave()  # the game left open is kept, this turn's choices so far included
        try:
            sc = self.get_scenario(ref)
            self.session = Session.new(sc, seed, difficulty)
        except ContentError as exc:
            self.show_message("The scenario does not load", exc.report())
            return
        except CeasefireError as exc:
            self.show_message("Cannot start the game", str(exc))
            return
        self.last_save = self.named_save = self.branch_name = None
        self.show_game(briefing=bool(sc.meta.briefing.strip()))

    def load_game(self, path: str, mods=()) -> None:
        """Load a save (with `mods` in place of its own: `play --load SAVE --mod DIR`, where a moved mod is now)."""
        branching = bool(self.branch_turn)
        try:
            if branching:
                session, warnings = saving.branch(path, self.branch_turn, mods)
                self.branch_turn = None
            else:
                session, warnings = saving.load(path, mods=mods)
        except ContentError as exc:
            self.show_message("The save's scenario does not load", exc.report())
            return
        except (SaveError, CeasefireError) as exc:
            fallback = getattr(exc, "fallback", None)
            if fallback:
                from game.ui.screens.dialogs import ConfirmDialog

                self.push_screen(ConfirmDialog("Cannot load the save", str(exc), "Load the previous autosave"),
                                 lambda yes: yes and self.load_game(str(fallback)))
            else:
                self.show_message("Cannot load the save", str(exc))
            return
        self.session = session
        self.last_save = str(path)
        from game.debrief.model import is_autosave

        # a branch is a game of its own: its end must not replace the save it branched from (the players'
        # first game), as the end of a game loaded from its players' named save does
        self.named_save = None if branching or is_autosave(path) or not self._players_name(path) else str(path)
        self.branch_name = None
        if branching and self._players_name(path):
            # the guide tells a pair to name its branch at once ('amal-and-ben-whatif'); unnamed, it was saved
            # only in autosaves and the class report called it 'game 6281e8'. The save dialog offers that
            # name, and the toast that says the game is a branch says so.
            self.branch_name = self._free_name(f"{Path(path).stem}-whatif")
            warnings = [f"{warnings[0]}: a game of its own. Press s to save it as '{self.branch_name}'.",
                        *warnings[1:]] if warnings else warnings
        for w in warnings:
            self.notify(clean(w), severity="warning", markup=False, timeout=8)
        if self.session.ended:
            self._pop_to_title()
            self.show_end()
        else:
            self.show_game()

    def _pop_to_title(self) -> None:
        from game.ui.screens.title import TitleScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def planned_orders(self) -> list:
        """This turn's planned orders (a list the main screen changes in place): kept with the game
        across the title menu, Continue and saves; a new turn starts with none."""
        if self.session is None:
            return []
        from game.saves.savefile import planned_orders

        return planned_orders(self.session)

    def show_game(self, briefing: bool = False) -> None:
        """The main screen; with `briefing`, the scenario's opening briefing comes before the first card."""
        from game.ui.screens.game import GameScreen

        self._pop_to_title()
        self.push_screen(GameScreen(briefing))
        self.call_after_refresh(self.settle_memory, True)  # (once the first card or the briefing is drawn)

    def settle_memory(self, start: bool = False) -> None:
        """With quiet_gc: Python's full garbage collection, run now, while the player reads, so that the
        collector's own seldom falls inside a keypress.

        `start` (a game just shown): what lives on through the game (Python, Textual, the scenario, the screens)
        is collected, then frozen (gc.freeze), so that later collections leave it out (a previous game's
        objects are thawed first, and what that game left is collected; the first card's screen, frozen with
        the rest, waits for that). Otherwise (a turn's report painted): one full collection of what the game
        has made since, which also resets the collector's counts. bench/bench_ui.py measures the difference."""
        if not self.quiet_gc:
            return
        if start:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        else:
            gc.collect()

    def report_painted(self) -> None:
        """What waits for a turn's report to be on the screen: the autosave, then the collection."""
        self.autosave()
        self.settle_memory()

    def on_unmount(self) -> None:
        if self.quiet_gc:
            gc.unfreeze()  # (a program that runs the app, such as a test, gets its objects back as they were)

    def show_end(self) -> None:
        from game.ui.screens.end import EndScreen

        self._pop_to_title()
        self.push_screen(EndScreen())

    def continue_label(self, look: bool = True) -> str | None:
        """The title's Continue line; `look=False` answers without reading the saves folder."""
        s = self.session
        if s is not None and not s.ended:
            return f"Continue ({clean(s.sc.id)}, turn {s.turn})"  # as a saved game reads below
        if not look:
            return "Continue (looking for saves…)"
        e, ended = saving.continue_from(self.saves_dir)  # the save's own header, not its file name (too long for the menu)
        if e is not None and self.served_to_a_class():
            return CONTINUE_CHOOSE
        if e is not None:
            return f"Continue ({clean(e.scenario)}, turn {e.turn})"
        # not 'no saved game': the finished game is saved, it cannot go on (this run's, or the newest save's)
        if (s is not None and s.ended) or ended:
            return CONTINUE_ENDED
        return None

    async def action_quit(self) -> None:
        """Quit. An unfinished game is autosaved first, this turn's choices so far included (a game
        quit before its first turn ended used to be lost); if that fails, the player is asked."""
        s = self.session
        if s is not None and not s.ended:
            try:
                path = saving.autosave(s, self.saves_dir)
            except (SaveError, OSError) as exc:
                from game.ui.screens.dialogs import ConfirmDialog

                self.push_screen(ConfirmDialog("Quit without saving?", f"The game could not be saved: {exc}", "Quit anyway"),
                                 lambda yes: yes and self.exit())
                return
            self.exit(message=f"Your game is saved ({path}): Continue on the title picks it up.")
            return
        self.exit()

    def autosave(self) -> None:
        try:
            self.last_save = str(saving.autosave(self.session, self.saves_dir))
        except SaveError as exc:
            self.show_message("Autosave failed", str(exc))
        except OSError as exc:
            self.show_message("Autosave failed", f"could not save ({exc})")
        if self.session.ended and self.named_save:
            self.save_finished()

    def save_finished(self) -> None:
        """A game its players saved under a name, just ended: the finished game goes under that name (the
        save held the last turn unfinished while the end screen's debrief, written under the same name,
        told the ending). The finished save keeps every choice, so the earlier state can be replayed."""
        from pathlib import Path

        name = Path(self.named_save).stem
        try:
            p = saving.save_named(self.session, name, self.saves_dir)
        except (SaveError, OSError) as exc:
            self.show_message("Save failed", f"the finished game could not be saved as {name}: {exc}")
            return
        self.last_save = self.named_save = str(p)
        # it says what it replaced: the save of that name held the game unfinished, and now holds it ended
        self.notify(f"Your save '{name}' now holds the finished game: it replaced the unfinished one "
                    f"(every choice is kept, so that can be replayed). {p}", markup=False, timeout=10)

    def class_code(self) -> str:
        """The class code of the current game (scenario, seed, difficulty), or '' if it has none."""
        s = self.session
        if s is None:
            return ""
        key = (s.sc.id, s.st.seed, s.st.difficulty)
        if getattr(self, "_code_key", None) != key:
            self._code_key = key
            try:
                from game.classroom.codes import encode

                self._code = encode(s.sc.id, s.st.seed, s.st.difficulty)
            except Exception:
                self._code = ""
        return self._code

    # ------------------------------------------------------------ developer mode

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("dev_reload", "dev_console"):
            return self.dev and self.session is not None and not self.session.ended
        return True

    def _refresh_game(self) -> None:
        from game.ui.screens.card import EventCardScreen
        from game.ui.screens.game import GameScreen

        for screen in self.screen_stack:
            if isinstance(screen, GameScreen):
                screen.refresh_all()
            elif isinstance(screen, EventCardScreen) and self.session.card is not None:
                screen.show_card()  # a card fired by the console goes first

    def action_dev_reload(self) -> None:
        """Load the content again and carry the game over when its state still fits."""
        from game.dev import reload_content

        try:
            session, warnings = reload_content(self.session)
        except ContentError as exc:
            errors = [p for p in exc.problems if p.severity == "error"]
            self.show_message("The content has errors; the game goes on unchanged",
                              "\n".join(p.format() for p in errors[:8]) + (f"\n... and {len(errors) - 8} more" if len(errors) > 8 else ""))
            return
        except CeasefireError as exc:
            self.show_message("Cannot carry the game over to the new content", str(exc))
            return
        self.session = session
        self.scenarios.clear()
        self._refresh_game()
        self.notify(clean("; ".join(warnings[:3])), title="Reloaded", markup=False, timeout=6)

    def action_dev_console(self) -> None:
        from game.dev import run_command
        from game.ui.screens.console import ConsoleScreen

        def run(line: str) -> tuple[bool, str]:
            try:
                message = run_command(self.session, line)
            except CeasefireError as exc:
                return False, clean(str(exc))
            # a card the console fired is no player's choice: the card count starts again from here (it said
            # 'your choice added 1')
            self._card_count = None
            self._refresh_game()
            return True, clean(message)

        def closed(_) -> None:
            from game.ui.screens.game import GameScreen

            if isinstance(self.screen, GameScreen):  # a card fired from the map: show it now
                self.screen.open_card_if_pending()

        self.push_screen(ConsoleScreen(run), closed)

    def show_message(self, title: str, message: str) -> None:
        from game.ui.screens.dialogs import MessageDialog

        self.push_screen(MessageDialog(title, message))

    # ------------------------------------------------------------ actions

    def action_new_game(self) -> None:
        from game.ui.screens.title import NewGameScreen

        def chosen(result) -> None:
            if result:
                self.start_game(*result)

        self.push_screen(NewGameScreen(self.scenario_choices(), self.default_scenario_ref(), self.seed, self.difficulty), chosen)

    def action_continue_game(self) -> None:
        if self.session is not None and not self.session.ended:
            self.show_game()
            return
        # the same reading of the saves as the title's Continue line, so the key does what the line says
        e, ended = saving.continue_from(self.saves_dir)
        if e is None:
            self.notify(saving.nothing_to_continue(ended or (self.session is not None and self.session.ended)),
                        markup=False)
            return
        if self.served_to_a_class():  # the newest game in the class's folder may be another pair's: choose
            self.action_load_game()
            return
        self.load_game(str(e.path))

    @staticmethod
    def served_to_a_class() -> bool:
        """Whether this game runs under `ceasefire serve`: its saves folder is the class's, shared by every
        browser's game (a pair that pressed Continue on a fresh page went on with the newest game in it,
        another pair's)."""
        from game.ui.screens.end import served_debriefs

        return bool(served_debriefs())

    def action_load_game(self) -> None:
        from game.ui.screens.dialogs import LoadScreen

        self.push_screen(LoadScreen(self.saves_dir), lambda p: p and self.load_game(p))

    def _free_name(self, name: str) -> str:
        """`name`, or `name-2`, `name-3`... the first no save in the saves folder has (a second branch of the
        same game is not offered the first one's name, to replace it)."""
        for n in range(1, 100):
            candidate = name if n == 1 else f"{name}-{n}"
            target = saving.named_path(candidate, self.saves_dir)
            if target is None or not target.exists():
                return candidate
        return name

    def _players_name(self, path) -> bool:
        """Whether a save's name is one its players chose (a pair's name), not the suggested
        '<scenario>-turn<N>', which would be stale on later saves and on the debrief, nor one the game
        gave it (an autosave, a quick save)."""
        import re
        from pathlib import Path

        from game.debrief.model import is_autosave

        return re.fullmatch(r"[a-z0-9_]+-turn\d+", Path(path).stem) is None and not is_autosave(path)

    def _write_save(self, name: str, quick: bool = False):
        """Save the game under `name` and say where in one toast; a failure is shown, never raised.
        Returns the path, or None."""
        try:
            p = saving.save_named(self.session, name, self.saves_dir)
        except SaveError as exc:
            self.show_message("Save failed", str(exc))
            return None
        except OSError as exc:
            self.show_message("Save failed", f"could not save ({exc})")
            return None
        self.last_save = str(p)
        if self._players_name(p):
            self.named_save = str(p)
        elif not quick:
            self.named_save = None
        if quick:  # pressed again and again: one toast, the newest (a stack of them hid the card's options)
            self.notify_once("quick save", self.saved_toast("Quick save", p))
        else:
            self.notify(self.saved_toast("Save", p), markup=False)
        return p

    def saved_toast(self, head: str, path, turn: bool = True, name_lines: int = 1) -> str:
        """Where a save went, in a toast's few lines: 'Quick save of turn 8', the file's name on a line of its
        own, then its folder (at its separators, on two lines at most). A toast wraps its text at its width and cuts a word longer than a
        line anywhere ('quicksave-basra_2008-2' / '1-eb3c34-t08.json' at 80 columns): a name or folder too
        long for a line is left out, not cut (a folder too long: 'in the saves folder'). `name_lines` above 1
        lets a long name take that many lines, broken after its '-' and '.' (the debrief's name, 38 cells, was
        cut in the middle of a word at 80 columns: 'basra_short-11-6fd49' / 'a-t11.debrief.html'); `turn`
        False leaves 'of turn N' out of the head."""
        p = Path(path)
        # a Toast: 60 cells, at most half its rack (the screen less the rack's scrollbar, 2 cells), less its
        # padding and edge (3): 36 at 80 columns (with half the screen it was 37, one more than a line holds:
        # the debrief 'basra_short-5-80eeac-t11.debrief.htm' / 'l')
        room = toast_room(self.size.width)
        lines = [f"{head} of turn {self.session.turn}" if turn and self.session is not None else head]
        name = [p.name] if len(p.name) <= room else wrap_name(p.name, room) if name_lines > 1 else None
        if name and len(name) <= name_lines:
            lines += name
        folder = wrap_path(f"in {p.parent}{os.sep}", room)  # at its separators, on two lines at most
        lines += folder if folder and len(folder) <= 2 else ["in the saves folder"]
        return "\n".join(lines)

    def action_quick_save(self) -> None:
        """ctrl+s: save at once, no name asked, under this game's and this turn's quick-save name (a
        players' own named save is never replaced by it)."""
        s = self.session
        if s is None or s.ended:
            self.notify("No game in progress to save." if s is None else "The game is over: s saves it under a name.",
                        markup=False)
            return
        self._write_save(saving.quicksave_name(s), quick=True)

    def action_save(self) -> None:
        from game.ui.screens.dialogs import SaveNameDialog

        s = self.session
        if s is None:
            self.notify("No game to save.", markup=False)
            return

        def named(name) -> None:
            if not name:  # Escape
                return
            target = saving.named_path(name, self.saves_dir)
            if target is not None and target.exists():
                from game.ui.screens.dialogs import ConfirmDialog

                self.push_screen(ConfirmDialog("Replace the save?", f"{target} already exists.", "Replace it",
                                               safe_first=True), lambda yes: yes and write(name))
                return
            write(name)

        def write(name) -> None:
            self._write_save(name)

        from pathlib import Path

        # the name this game was saved under before (the pair's name), else one from the scenario and turn
        # (a branch not yet saved: its first game's name and '-whatif')
        default = (Path(self.named_save).stem if self.named_save else self.branch_name
                   or f"{s.sc.id}-turn{s.turn}")
        self.push_screen(SaveNameDialog(default), named)

    def action_codex(self, entry: str | None = None) -> None:
        from game.ui.screens.codex import CodexScreen

        if isinstance(self.screen, CodexScreen):
            if entry:
                self.screen.jump(entry)
            return
        if self.session is not None:
            sc = self.session.sc
        else:
            try:
                sc = self.get_scenario(self.default_scenario_ref())
            except ContentError as exc:
                self.show_message("The codex needs a scenario that loads", exc.report())
                return
        self.push_screen(CodexScreen(sc, entry))

    def action_help(self) -> None:
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        if self.session is not None and not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def _game_screen(self):
        from game.ui.screens.game import GameScreen

        for s in reversed(self.screen_stack):
            if isinstance(s, GameScreen):
                return s
        return None

    def action_end_turn(self) -> None:
        g = self._game_screen()
        if g is None:
            return
        if self.screen is not g:
            self.notify("Close this screen first (Escape), then end the turn.", markup=False)
            return
        g.action_end_turn()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from game.ui.screens.end import EndScreen
        from game.ui.screens.game import GameScreen

        s = self.session
        playing = s is not None and not s.ended
        yield SystemCommand("New game", "Start a new game (scenario, seed, difficulty)", self.action_new_game)
        # Continue as the title's line means it: back to the game left open (by its scenario and turn), else the
        # newest save. Not offered from the game itself (or a screen over it): it would only reopen the game
        # the player is in ('Resume the current or the newest saved game' read as if it could do either)
        if not playing:
            # only when there is a game to resume, as the title's line is greyed otherwise (at a game's end the
            # palette offered a Continue that could only answer 'nothing to continue')
            e, _ = saving.continue_from(self.saves_dir)
            if e is not None:
                yield SystemCommand("Continue", f"Resume the newest saved game ({clean(e.scenario)}, turn {e.turn})",
                                    self.action_continue_game)
        elif self._game_screen() is None:
            yield SystemCommand("Continue", f"Back to your game ({clean(s.sc.id)}, turn {s.turn})", self.action_continue_game)
        yield SystemCommand("Load game", "Load a saved game", self.action_load_game)
        yield SystemCommand("Codex", "Actors, people, places and terms", self.action_codex)
        yield SystemCommand("Help", "The rules in brief and every key", self.action_help)
        if self.session is not None:
            yield SystemCommand("Save game", "Save the game under a name", self.action_save)
            if not self.session.ended:
                yield SystemCommand("Quick save", "Save the game now, without a name to type (ctrl+s or w)", self.action_quick_save)
            yield SystemCommand("History", "Charts of metrics, stances and violence over the game", self.action_history)
            # the last turn's report again, where r opens it (the main screen, the end screen)
            if s.st.reports and isinstance(screen, (GameScreen, EndScreen)):
                yield SystemCommand("Turn report", "The last turn's report again: every change and its cause (r)",
                                    screen.action_report)
            if not self.session.ended:
                yield SystemCommand("End turn", "Carry out the orders and end the turn", self.action_end_turn)
        yield from super().get_system_commands(screen)


def run_app(args) -> int:
    """Entry point for `ceasefire` and `ceasefire play`."""
    seed = getattr(args, "seed", None)
    load = getattr(args, "load", None)
    scenario = getattr(args, "scenario", None)
    difficulty = getattr(args, "difficulty", None)
    code = getattr(args, "code", None)
    named = scenario is not None  # `ceasefire play basra_short`: that scenario, at once
    if load:  # a save's path, or its name in the saves folder (as `ceasefire saves` lists it)
        from game.saves.savefile import find

        found = find(load, getattr(args, "saves_dir", None))
        if not found.is_file():
            raise GameError(f"no save '{load}' here or in the saves folder; `ceasefire saves` lists them")
        load = str(found)
    if code:  # a class code names scenario, seed and difficulty (CodeError is shown by the CLI)
        from game.classroom.codes import decode

        scenario, seed, difficulty = decode(code, [m for m in (getattr(args, "mod", None) or ())])
    elif named and not load:
        from game.content import loader

        loader.resolve_scenario(scenario)  # an unknown name stops here, with a suggestion, before the screen opens
    app = CeasefireApp(
        scenario=scenario,
        seed=seed,
        difficulty=difficulty,
        branch_turn=getattr(args, "turn", None),
        load=load,
        mods=getattr(args, "mod", None) or (),
        saves_dir=getattr(args, "saves_dir", None),
        direct=seed is not None or named,
        dev=bool(getattr(args, "dev", False)),
        installed_mods=not getattr(args, "no_mods", False),
        quiet_gc=True,
    )
    app.run()
    return 0
