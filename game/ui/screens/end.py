"""The end screen: the ending, its epilogue and score, the conditions, and the way to the debrief."""

from __future__ import annotations

import os
from urllib.parse import quote

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.debrief.missed import clause_rows, missed_endings
from game.debrief.model import history_year
from game.numbers import score
from game.ui.text import clean, command, day, tone_style
from game.ui.widgets import KeyBar, NeedsRoom, TooSmall, low_is_good_note, render_metrics
from game.words import plural


def served_debriefs() -> str:
    """Where the players of a served game read its debriefs ('http://host:port/debriefs/'), else ''. The
    server (game/serve.py) gives it to the games it starts."""
    return os.environ.get("CEASEFIRE_DEBRIEFS_URL", "")


class EndScreen(NeedsRoom, Screen):
    """The ending; below 80x24, a message to enlarge the window instead (NeedsRoom); its keys still work."""

    BINDINGS = [
        Binding("h", "app.history", "History"),
        Binding("r", "report", "Report"),
        Binding("s", "app.save", "Save"),
        Binding("d", "debrief", "Debrief"),
        Binding("e", "endings", "Endings"),
        Binding("n", "app.new_game", "New game"),
        Binding("escape", "title", "Title"),
        Binding("q", "app.quit", "Quit"),
    ]

    # At 80 columns the bar's ten keys ('... q Quit ? Help c Codex') ran past the edge and 'c Codex' was cut.
    # Short of room (KeyBar), 'New game' is 'New', and 'q Quit' gives way (the palette hint first): ctrl+q quits
    # on every screen, and the text's last line says 'q quit'. (Two shorter words kept q but read as cut off:
    # 'e Ends'.)
    KEYBAR_SHORT = {"n": "New"}
    KEYBAR_SPARE = ("q",)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end-box", classes="needs-room"):
            yield Static("", id="end")
        yield TooSmall()
        yield KeyBar()

    TEXT_ROWS_KEPT = 6  # the least of the end text kept in sight above a tall stack of toasts
    debrief_path = ""  # the debrief written by d, if any
    debrief_shown = ""  # where the players find it (its path, or in a served game its address): said in the text

    def on_mount(self) -> None:
        self.draw()
        self.query_one("#end-box").focus()
        # a toast (the finished save's, the debrief's) came over the end text's last lines, cut mid-sentence at
        # the toast's edge: the text's box ends above the toasts while they show (they come and go by timers
        # of their own, which send this screen no message: looked at a few times a second)
        self.set_interval(0.2, self.fit_above_toasts)

    def fit_above_toasts(self) -> None:
        """End the text's box above the toasts showing (Textual's toast rack, docked at the screen's foot over
        the screen's widgets), or at the key bar when there are none."""
        box = self.query_one("#end-box")
        # (the rack itself has no region of its own on the screen: its toasts have)
        tops = [t.region.y for t in self.query("#textual-toastrack Toast") if t.region.height]
        kept = box.styles.margin.bottom
        bottom = box.region.bottom + kept  # where the box ends with no room kept for toasts
        room = 0
        if tops:
            room = max(0, bottom - min(tops))
            room = min(room, max(0, bottom - box.region.y - self.TEXT_ROWS_KEPT))
        if room != kept:
            box.styles.margin = (0, 0, room, 0)

    def on_screen_resume(self) -> None:
        self.draw()  # back from the save dialog: the save named here is the one just made

    def draw(self) -> None:
        s = self.app.session
        sc, st = s.sc, s.st
        ending = next((e for e in sc.endings if e.id == st.ending), None)
        t = Text()
        t.append(f"The game ended on turn {st.turn} of {sc.meta.turns} ({day(s.date(), long=True)})\n\n", style="dim")
        if ending is None:
            t.append("The game is over.\n")
        else:
            m = ending.model
            t.append(clean(m.title) + "\n", style=tone_style(m.tone) or "bold")
            t.append(f"Outcome: {m.tone} · Score {score(st.score)}\n\n", style="bold")
            t.append(clean(m.epilogue) + "\n")
            if m.explain:
                t.append("\nWhy this ending\n", style="bold underline")
                t.append(clean(m.explain) + "\n")
            missed = missed_endings(s.sc, st)
            if missed:
                t.append("\nWhat a better ending needed\n", style="bold underline")
                for mm in missed:
                    t.append(clean(mm.title), style=tone_style(mm.tone) or "bold")
                    t.append(f": {plural(len(mm.unmet), 'condition')} not met\n")
                    for depth, line in clause_rows(mm.clauses):
                        t.append("  " * (depth + 1) + clean(line) + "\n", style="" if line.startswith("✗") else "dim")
            t.append("Press e for every ending, what leads to it and how it is scored.\n", style="dim")
        t.append("\nWhere things stood", style="bold underline")
        note = low_is_good_note(s.sc)
        t.append(f"  ({note})\n" if note else "\n", style="dim")
        # the change beside each number is the last turn's, not the game's: 'Coalition cohesion 77 +9' after a
        # game that took it from 55 read as a sum gone wrong
        t.append("Each number at the end, its change in the last turn, and its chart.\n", style="dim")
        t.append_text(render_metrics(s, min(70, self.size.width - 4)))
        t.append("\n\nThe debrief\n", style="bold underline")
        t.append("Press d to write the debrief of this game (decisions, reactions and why, charts, discussion "
                 f"prompts, what really happened in {history_year(s.sc)}) as one HTML page in the saves folder, "
                 "ready to open or print.\n")
        path = self.app.last_save
        served = served_debriefs()
        if self.debrief_shown:  # (its toast is gone in a few seconds; where the page is stays said here)
            t.append(f"Written: {clean(self.debrief_shown)}\n", style="bold")
        if served:  # a game played in a browser (ceasefire serve): its players have no shell, and the page is theirs
            t.append(f"It opens in a new tab, and the class's debriefs are all listed at {clean(served)}\n")
        elif path:
            # the command quoted for a shell: a path with spaces ('QA full game.json') pasted as shown ran on
            # a file called 'QA'
            t.append(f"The game is saved at {clean(path)}; `{clean(command('debrief', path))}` writes it too.\n")
        t.append("\nd debrief · e every ending · h history · r last turn's report · n new game · Escape title · q quit", style="dim")
        self.query_one("#end", Static).update(t)

    def action_report(self) -> None:
        s = self.app.session
        if s.st.reports:
            from game.ui.screens.report import ReportScreen

            self.app.push_screen(ReportScreen(s.st.reports[-1]))

    def action_debrief(self) -> None:
        """Write the debrief beside the saves (works in a browser too, where there is no shell)."""
        from pathlib import Path

        from game.debrief import write_for
        from game.debrief.model import game_name
        from game.errors import SaveError
        from game.saves.savefile import game_id
        from game.saves.store import folder_of, game_key

        s = self.app.session
        folder = Path(folder_of(self.app.saves_dir))
        named = self.app.named_save
        if named:  # named as the class report names it: the players' name for their save
            target, label = folder / f"{Path(named).stem}.debrief.html", game_name(named)
        else:  # else after the game, as its autosaves are: 'game 6281e8'
            last = self.app.last_save
            target = folder / f"{game_key(s)}-t{s.st.turn:02d}.debrief.html"
            label = game_name(last, game_id(s)) if last else f"game {game_id(s)}"
        try:
            written = write_for(s.sc, s.st, target, label=label)
        except (SaveError, OSError) as exc:
            self.app.notify(clean(str(exc)), severity="error", markup=False, timeout=10)
            return
        self.debrief_path = str(written)
        served = served_debriefs()
        # served, the path is on the teacher's computer; the server lists the page for the players' browser
        url = served + quote(Path(written).name) if served else ""
        self.debrief_shown = url or self.debrief_path
        self.draw()
        if url:
            self.app.notify(f"Debrief written: it opens in a new tab ({url})", markup=False, timeout=12)
            self.app.open_url(url)
            return
        # in lines as a save's toast has them, the name broken after a '-' or '.' (one long line was cut by the
        # toast mid-word at 80 columns: 'basra_short-11-6fd49' / 'a-t11.debrief.html')
        self.app.notify(self.app.saved_toast("Debrief written", written, turn=False, name_lines=2), markup=False,
                        timeout=12)

    def action_endings(self) -> None:
        from game.ui.screens.codex import ENDINGS_ID

        self.app.action_codex(ENDINGS_ID)

    def action_title(self) -> None:
        self.app.pop_screen()
