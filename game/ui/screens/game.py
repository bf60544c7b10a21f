"""The main screen: map, metrics, actors, news and the orders panel with its budget."""

from __future__ import annotations

import time

from rich.cells import cell_len
from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import _widget_navigation
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from game.errors import GameError
from game.ui.text import clean, day
from game.ui.widgets import (PointedOptions, close_calls, KeyBar, MoreBox, NeedsRoom, Panel, TooSmall, hanging, lists_chances, preview_text, render_actors, render_map,
                             render_metrics, render_news, short_region, low_is_good_note)
from game.numbers import capital as amount
from game.words import joined, plural

CATEGORIES = ["military", "political", "diplomatic", "economic", "public"]


def order_id(aid: str, target: str | None) -> str:
    return f"{aid}|{target or ''}"


def parse_order_id(oid: str) -> tuple[str, str | None]:
    aid, _, target = oid.partition("|")
    return aid, (target or None)


def order_label(sc, action, target: str | None) -> str:
    """An order as the list names it: 'Fund services (Basra)'."""
    return clean(action.model.label) + (f" ({short_region(sc, target)})" if target else "")


class OrderList(PointedOptions):
    """The orders list. Its height changes under it: the preview below grows or shrinks with each order
    highlighted, and its "more below" line comes and goes. OptionList scrolls a newly highlighted order
    into view before that, so an order of two lines at the list's foot lost its second line below the
    edge; on each change of height the highlighted order is brought back into view, whole."""

    def on_resize(self, event) -> None:
        self.scroll_to_highlight()

    # The highlight stops at the ends instead of wrapping round: Down on the last order went back to the
    # first, and Space there dropped an order the player had not meant to touch. (The orders not open now
    # are highlighted too, for their preview and why they are closed; only the headings are skipped.)
    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            self.highlighted = _widget_navigation.find_next_enabled(self.options, anchor=None, direction=direction)
            return
        nxt = _widget_navigation.find_next_enabled_no_wrap(self.options, anchor=self.highlighted, direction=direction)
        if nxt is not None:
            self.highlighted = nxt
        elif direction > 0:
            self.scroll_end(animate=False)  # at the last order: the list's foot
        else:
            self.scroll_home(animate=False)  # at the first: the category heading above it


class GameScreen(NeedsRoom, Screen):
    BINDINGS = [
        Binding("e", "end_turn", "End turn"),
        Binding("space", "toggle_order", "Add/remove", show=False),
        Binding("b", "briefing", "Event"),
        Binding("h", "history", "History"),
        Binding("r", "report", "Report"),
        Binding("s", "save", "Save"),
        # no name asked (F5 is the developer's reload); "Save now", not "Quick save": at 80 columns the footer
        # then keeps every key, even with "b Event" in it
        # w shown, not ctrl+s: a browser under `ceasefire serve` keeps ctrl+s for itself ("Save page"), and
        # the docs tell students to press w
        Binding("w", "app.quick_save", "Save now"),
        Binding("ctrl+s", "app.quick_save", "Save now", show=False),
        Binding("o", "tab('orders')", "Orders", show=False),
        Binding("a", "tab('actors')", "Actors", show=False),
        Binding("n", "tab('news')", "News", show=False),
        Binding("escape", "menu", "Menu"),
    ]
    # the keys that leave the footer first when it is short of room (KeyBar): at 80 columns that is only
    # with --dev, whose F5 and ':' need the room; w's ctrl+s and s still save, h is in the palette (ctrl+p)
    KEYBAR_SPARE = ("w", "h")

    def __init__(self, briefing: bool = False):
        super().__init__()
        self.briefing = briefing  # show the scenario's opening briefing before the first card
        self.last_end_turn_ms: float | None = None
        self.empty_turn_warned = False  # `e` with no orders planned warns once; a second `e` ends the turn
        self.closed: dict[str, str] = {}  # option id → why that order is not open now (it can be read, not given)
        self.card_waits = False  # a card (or the briefing, or the end) kept back by a screen over this one

    @property
    def session(self):
        return self.app.session

    @property
    def planned(self) -> list[tuple[str, str | None]]:
        """The orders planned this turn: kept by the app, so they survive a visit to the title menu."""
        return self.app.planned_orders()

    @planned.setter
    def planned(self, orders: list[tuple[str, str | None]]) -> None:
        self.app.planned_orders()[:] = orders

    def compose(self) -> ComposeResult:
        yield Static("", id="status", classes="needs-room")
        with Horizontal(id="body", classes="needs-room"):
            with Vertical(id="left"):
                yield Panel("Map", id="map")
                yield Panel("National picture", id="metrics")
                yield Panel("Latest news (n: all)", id="latest")
            with TabbedContent(id="tabs", initial="orders"):
                with TabPane("o Orders", id="orders"):
                    yield Static("", id="budget")
                    yield OrderList(id="order-list")
                    with MoreBox(id="order-preview-box", sign="order-more"):
                        yield Static("", id="order-preview")
                    yield Static("", id="order-more")
                with TabPane("a Actors", id="actors"):
                    with VerticalScroll():
                        yield Static("", id="actor-list")
                with TabPane("n News", id="news"):
                    with VerticalScroll():
                        yield Static("", id="news-list")
        yield TooSmall()
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_all()
        self.call_after_refresh(self.open_card_if_pending)

    def on_screen_resume(self) -> None:
        if self.session is not None:
            self.refresh_all()
        if self.card_waits:  # the screen over this one closed: the card kept back comes now
            self.card_waits = False
            self.call_after_refresh(self.open_card_if_pending)

    # ------------------------------------------------------------ drawing

    def refresh_all(self) -> None:
        s = self.session
        if s is None:
            return
        self.draw_status()
        self.draw_panels()
        self.draw_actors()
        self.query_one("#news-list", Static).update(render_news(s, waiting=self.waiting_cards()))
        self.build_orders()
        self.refresh_bindings()

    def draw_status(self) -> None:
        """Turn, date, capital and a waiting event always; then the class code, the seed and the scenario's
        name, as many as the width holds (in that order of need: a class joins a game by its code)."""
        s = self.session
        sc, st = s.sc, s.st
        status = Text()
        status.append(f" Turn {st.turn} of {sc.meta.turns}", style="bold")
        status.append(f" · {day(s.date())}")
        status.append(f" · Capital {amount(s.capital)}", style="bold")
        if s.card is not None:
            status.append("  ▶ event waiting: b ", style="bold reverse")
        code = self.app.class_code()
        extras = [(0, f" · {clean(sc.meta.name)}"), (1, f" · seed {st.seed}")]  # (rank, text): lower goes first
        if code:
            extras.append((2, f" · code {code}"))
        width = self.size.width or self.app.size.width
        while extras and status.cell_len + sum(cell_len(x) for _, x in extras) > width:
            extras.remove(min(extras))
        for _, x in extras:
            status.append(x, style="dim")
        self.query_one("#status", Static).update(status)

    def draw_panels(self) -> None:
        s = self.session
        m = self.query_one("#map", Panel)
        w = m.content_size.width or (self.size.width // 2 - 4)
        m.update(render_map(s, w))
        k = self.query_one("#metrics", Panel)
        note = low_is_good_note(s.sc)
        k.border_title = f"National picture · {note}" if note else "National picture"
        k.update(render_metrics(s, k.content_size.width or (self.size.width // 2 - 4)))
        self.query_one("#latest", Panel).update(render_news(s, limit=12, waiting=self.waiting_cards()))

    def waiting_cards(self) -> list[str]:
        """This turn's cards the player has not seen yet (their news would give them away)."""
        from game.ui.screens.card import shown_cards

        s = self.session
        seen = shown_cards(self.app, s)
        return [eid for eid in s.st.queue if eid not in seen] + s.st.coming if s.card is not None else []

    def draw_actors(self) -> None:
        a = self.query_one("#actor-list", Static)
        # hidden behind another tab it has no width yet: the tabs' own, less a scrollbar and its left column
        a.update(render_actors(self.session, a.content_size.width or self.query_one("#tabs").content_size.width - 3 or 36))

    def on_resize(self, event) -> None:
        # (below 80x24: a message to enlarge the window instead of cut panels: NeedsRoom)
        self.fit_preview(event.size.height)
        if self.session is not None:
            self.call_after_refresh(self.fit_preview)  # (once the list is laid out at the new width)
            self.call_after_refresh(self.draw_status)
            self.call_after_refresh(self.draw_budget)
            self.call_after_refresh(self.draw_panels)
            self.call_after_refresh(self.draw_actors)

    def fit_preview(self, height: int | None = None) -> None:
        """The orders preview gets about two fifths of the screen (8 lines at 24 rows, 17 at 50), and
        besides that every row the list of orders does not fill: on a tall window (100x70) the list had
        rows to spare while the preview below it was cut off."""
        for box in self.query("#order-preview-box"):  # (none yet if the screen is sized before it is composed)
            height = height or self.size.height
            share = max(8, (height - 6) * 2 // 5)
            ol = self.query_one("#order-list", OptionList)
            pane = self.query_one("#orders").size.height
            # the pane less the budget line and the preview's 'more' sign; the list's own lines, 5 at least
            spare = pane - 2 - max(5, ol.virtual_size.height) if pane and ol.virtual_size.height else 0
            box.styles.max_height = max(share, spare)

    def spent(self) -> float:
        sc = self.session.sc
        return sum(sc.actions[a].model.cost for a, _ in self.planned)

    def build_orders(self) -> None:
        s = self.session
        sc = s.sc
        ol = self.query_one("#order-list", OptionList)
        hi = ol.highlighted
        keep = ol.get_option_at_index(hi).id if hi is not None and hi < ol.option_count else None
        # a closed order the player went onto stays highlighted; one that closed since (given last turn, now
        # waiting; or no longer paid for) gives way to the first that can be given, as before
        keep_closed = keep in self.closed
        ol.clear_options()
        self.closed = {}
        # a closed order is greyed as the card's unavailable options are (the stylesheet's colour for a
        # disabled option), but not disabled: the highlight goes onto it, to preview it and read why
        muted = ol.get_component_rich_style("option-list--option-disabled", partial=True)
        muted = Style(color=muted.color) if muted.color else Style(dim=True)
        spent = self.spent()
        cap = sc.meta.max_orders_per_turn
        full = len(self.planned) >= cap
        rows = s.orders_available()
        cats = CATEGORIES + sorted({a.model.category for a, _, _ in rows} - set(CATEGORIES))
        options: list[Option] = []
        for cat in cats:
            mine = [r for r in rows if r[0].model.category == cat]
            if not mine:
                continue
            options.append(Option(Text(cat.upper(), style="bold underline"), disabled=True))
            for action, target, _ in mine:
                a = action.model
                label = order_label(sc, action, target)
                oid = order_id(action.id, target)
                # (a long label wraps under itself, not under the box and the cost)
                if (action.id, target) in self.planned:
                    options.append(Option(hanging(Text(f"[x] {amount(a.cost):>2} ", style="bold"), Text(label, style="bold")), id=oid))
                    continue
                av = s.order_availability(action.id, target, spent)
                if full:  # the reason that closes every order not planned (its cost or condition: the preview)
                    av = type(av)(False, f"at most {cap} orders a turn", "orders")
                if av.ok:
                    t = Text("[ ] ")
                    t.append(f"{amount(a.cost):>2} ", style="dim")
                    options.append(Option(hanging(t, Text(label)), id=oid))
                else:
                    t = Text(label, style=muted)
                    # (and a number of its condition shown whole on the wrong side of it, as it is)
                    note = close_calls(s, a.requires, target) if av.kind == "condition" else ""
                    if av.kind not in ("orders", "cost"):
                        # its own reason under it: a wait or a condition. The orders a turn and the capital
                        # left are the budget line's, and the cost is beside the order: said under every
                        # order ('at most 4 orders a turn' twenty times over) they doubled the list's length
                        # and pushed the orders still open out of sight (the preview still says why)
                        t.append(f"\n{clean(av.reason)}{note}", style=muted + Style(italic=True))
                    self.closed[oid] = f"{clean(av.reason)}{note}"
                    options.append(Option(hanging(Text(f"[-] {amount(a.cost):>2} ", style=muted), t), id=oid))
        ol.add_options(options)
        idx = None
        if keep is not None and (keep not in self.closed or keep_closed):  # the order the player was on
            for i in range(ol.option_count):
                o = ol.get_option_at_index(i)
                if o.id == keep and not o.disabled:
                    idx = i
                    break
        if idx is None:  # else the first that can be given (or taken back): none when every order is closed
            idx = next((i for i in range(ol.option_count)
                        if not ol.get_option_at_index(i).disabled and ol.get_option_at_index(i).id not in self.closed), None)
        ol.highlighted = idx
        self.draw_budget()
        self.call_after_refresh(self.fit_preview)  # (the list's height, once laid out)
        self.show_order_preview()

    def draw_budget(self) -> None:
        """'Capital left 12/12 · orders 0/4': read from the game as it is now, as the status line is (the
        two are redrawn together: a resize redrew the status line alone, so behind a card whose choice
        brought capital the top said 'Capital 17' and the orders 'Capital left 12/12')."""
        s = self.session
        left = s.capital - self.spent()
        b = Text()
        b.append("Capital left ")
        b.append(amount(left), style="bold")
        b.append(f"/{amount(s.capital)} · orders {len(self.planned)}/{s.sc.meta.max_orders_per_turn}")
        self.query_one("#budget", Static).update(b)

    def show_order_preview(self) -> None:
        ol = self.query_one("#order-list", OrderList)
        box = self.query_one("#order-preview", Static)
        hi, pointed = ol.previewed()  # the highlighted order, or the one under the mouse
        if hi is None or hi >= ol.option_count or not ol.get_option_at_index(hi).id:
            if self.closed and len(self.closed) == sum(1 for i in range(ol.option_count) if ol.get_option_at_index(i).id):
                box.update(Text("No order can be given now. e ends the turn; ↑↓ show each order and why it is closed.", style="dim"))
            else:
                box.update(Text("No order selected. e ends the turn.", style="dim"))
            return
        oid = ol.get_option_at_index(hi).id
        s = self.session
        # another order, or the same one on a new turn (a new preview): it starts at its top
        if (self.session.turn, oid) != getattr(self, "_previewed", None):
            self._previewed = (self.session.turn, oid)
            self.query_one("#order-preview-box", VerticalScroll).scroll_home(animate=False, immediate=True)
        aid, target = parse_order_id(oid)
        action = s.sc.actions[aid]
        t = Text()
        closed = self.closed.get(oid)
        if pointed:  # named, since the highlight is elsewhere; and what a click on it would do
            t.append(order_label(s.sc, action, target), style="bold")
            if not closed:
                t.append(" · a click " + ("takes it back" if (aid, target) in self.planned else "plans it"), style="dim")
            t.append("\n")
        if closed:  # first, what keeps it closed: a condition, the capital left, a wait, the orders a turn
            t.append("Not open now: ", style="bold")
            t.append(closed + "\n", style="bold italic")
            also = self.also_needs(aid, target, closed)
            if also:  # closed for its cost (or the orders a turn), its condition would keep it closed too
                t.append("It also needs: ", style="bold")
                t.append(also + "\n", style="italic")
        if action.model.description:
            t.append(clean(action.model.description) + "\n", style="italic")
        t.append(f"Cost {amount(action.model.cost)} capital", style="bold")
        if closed and not closed.startswith("costs "):  # (that reason says what is left itself)
            t.append(f" ({amount(s.capital - self.spent())} left)")
        if action.model.cooldown_turns:
            t.append(f" · then {plural(action.model.cooldown_turns, 'turn')} before it can be ordered again")
        if closed:
            t.append("\nIf it were open, it would likely do:", style="dim")
        try:
            # (its reactions on each outcome of its own roll: an operation's to a victory and to a defeat)
            preview = s.preview_order(aid, target, own_outcomes=True)
            parts = [t, preview_text(s, preview, limit=40)]  # it scrolls: all of it
            moved = self.moved_by(aid, target, chances=lists_chances(preview, limit=40))
            if moved:
                parts.append(moved)
            box.update(Group(*parts))
        except GameError as exc:
            t.append("\n" + clean(str(exc)), style="red")
            box.update(t)

    def moved_by(self, aid: str, target: str | None, chances: bool = True) -> Text | None:
        """A line under the preview when an order planned before this one (carried out first) can change
        what the preview worked out on the state as it is now: which effects come and how likely. The report
        then told another outcome than the preview had, with no word why. (Found from the rules: the earlier
        orders' dice are not drawn, nor their outcome told, before the turn ends.) It speaks of chances only
        when the preview lists some (`chances`): over a list of certain changes, 'Chances as things stand
        now' pointed at chances that were not there; the earlier order can still change which come."""
        s = self.session
        planned = list(self.planned)
        before = planned[:planned.index((aid, target))] if (aid, target) in planned else planned
        moved = s.preview_moved_by(aid, target, before)
        if not moved:
            return None
        names = joined(order_label(s.sc, s.sc.actions[a], t) for a, t in moved)
        if chances:
            return Text(f"Chances as things stand now: {names}, carried out first, can change them.", style="dim italic")
        return Text(f"As things stand now: {names}, carried out first, can change what it does.", style="dim italic")

    def also_needs(self, aid: str, target: str | None, closed: str) -> str:
        """An order's condition not met now, when the reason it is closed is another (the engine gives the
        first reason only: with the capital spent every order read 'costs 4 capital; 1 left', its condition
        unseen). Asked of the engine with the capital left out of the reckoning (spent as if it were
        unbounded); '' when the condition holds or is the reason given already."""
        s = self.session
        a = s.sc.actions[aid].model
        if not a.requires:
            return ""
        av = s.order_availability(aid, target, spent=-1e12)  # (a wait, if any, is the reason given already)
        if av.kind != "condition":
            return ""
        why = f"{clean(av.reason)}{close_calls(s, a.requires, target)}"
        return "" if closed.startswith(why) else why

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "order-list":
            self.show_order_preview()
            ol = event.option_list
            if all(ol.get_option_at_index(i).disabled for i in range(event.option_index + 1, ol.option_count)):
                # the last order that can be given: the highlight stops here, so show the rest (orders
                # not open now, with why) by scrolling toward the end; the list would not go further.
                # The highlighted order stays in sight (at the top if need be): when capital runs out it
                # is often a planned one, and Space on an order out of sight would drop it unseen.
                ol.scroll_end(animate=False, immediate=True)
                ol.scroll_to_highlight()

    def on_pointed_options_pointed(self, event: PointedOptions.Pointed) -> None:
        if event.options.id == "order-list":
            self.show_order_preview()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "order-list" and event.option.id and not self.has_class("-too-small"):
            self.toggle(event.option.id)

    def refuse_closed(self, oid: str) -> bool:
        """Space or Enter on an order not open now: nothing is planned, and a toast says why (the preview
        says it too). True when the order is closed."""
        why = self.closed.get(oid)
        if why is None:
            return False
        aid, target = parse_order_id(oid)
        sc = self.session.sc
        label = order_label(sc, sc.actions[aid], target)
        # one full stop: a condition's own text may end with one ('...cannot pay for it (needs 8).' read '..')
        self.app.notify_once("order-closed", f"{label} cannot be ordered now: {why.rstrip('. ')}.", severity="warning")
        return True

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        s = self.session
        if s is None:
            return True
        if action == "briefing":
            return s.card is not None
        if action in ("end_turn", "toggle_order") and self.has_class("-too-small"):
            return False  # the orders are out of sight: no turn ended, no order given unseen
        if action == "end_turn":
            return not s.ended
        if action == "report":
            return bool(s.st.reports) or None
        return True

    def toggle(self, oid: str) -> None:
        if self.empty_turn_warned:  # an order given: the "no orders planned" notice no longer holds
            self.app.clear_notifications()
        self.empty_turn_warned = False
        if self.refuse_closed(oid):
            return
        key = parse_order_id(oid)
        if key in self.planned:
            self.planned.remove(key)
        else:
            self.planned.append(key)
            try:
                self.session.check_orders(self.planned)
            except GameError as exc:
                self.planned.remove(key)
                self.app.notify(clean(str(exc)), severity="warning", markup=False)
        self.build_orders()

    def action_toggle_order(self) -> None:
        ol = self.query_one("#order-list", OptionList)
        if ol.highlighted is not None and ol.highlighted < ol.option_count:
            o = ol.get_option_at_index(ol.highlighted)
            if o.id and not o.disabled:
                self.toggle(o.id)

    def action_tab(self, tab: str) -> None:
        # Focus goes into the new pane: left on the orders list, now hidden, it would move to the next
        # widget of the orders pane, and TabbedContent shows the pane of whatever has focus, so the
        # keys a and n switched to their tab and straight back.
        target = self.query_one("#order-list", OptionList) if tab == "orders" else self.query_one(f"#{tab} VerticalScroll")
        target.focus()
        self.query_one("#tabs", TabbedContent).active = tab

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "actors" and self.session is not None:
            self.call_after_refresh(self.draw_actors)  # now it has its width (by key or by mouse)

    def open_card_if_pending(self) -> None:
        s = self.session
        if s is None:
            return
        if self.app.screen is not self:
            # a screen the player opened first (help, the codex, the save dialog: keys typed as the game came
            # up) is not covered by the card, whose keys would then answer it unseen: it comes when that closes
            self.card_waits = True
            return
        if self.briefing:  # a new game: the scenario's opening briefing first, once
            from game.ui.screens.dialogs import BriefingScreen

            self.briefing = False
            self.app.push_screen(BriefingScreen(s.sc), lambda _: self.open_card_if_pending())
            return
        if s.ended:
            self.app.show_end()
        elif s.card is not None:
            from game.ui.screens.card import EventCardScreen

            self.app.push_screen(EventCardScreen(), lambda _: self.after_card())
        else:
            self.query_one("#order-list", OptionList).focus()

    def after_card(self) -> None:
        s = self.session
        if s.ended:  # a card ended the game: saved as a turn's end is
            self.show_report(s.st.reports[-1], then=self.app.report_painted)
            return
        self.refresh_all()
        self.action_tab("orders")

    def action_briefing(self) -> None:
        self.open_card_if_pending()

    def action_end_turn(self) -> None:
        s = self.session
        if s.card is not None:
            self.open_card_if_pending()
            return
        if not self.planned and not self.empty_turn_warned and s.open_orders():
            # An order could be given: a stray `e` should not cost a turn. Saving capital is a
            # strategy, so a second `e` ends the turn as asked.
            self.empty_turn_warned = True
            top = s.sc.slots[s.sc.capital_slot].hi
            kept = ("the last turn: none carries over" if s.turn >= s.sc.meta.turns
                    else f"it carries over, up to {amount(top)}")
            self.app.notify(f"No orders planned: {amount(s.capital)} capital unspent ({kept}). "
                            "Press e again to end the turn without orders.", title="End the turn?", timeout=8)
            return
        if self.empty_turn_warned:
            self.app.clear_notifications()  # answered: the warning would otherwise linger over the report
        self.empty_turn_warned = False
        t0 = time.perf_counter()
        try:
            report = s.end_turn(list(self.planned))
        except GameError as exc:
            self.app.show_message("Cannot end the turn", str(exc))
            return
        self.planned = []
        self.show_report(report, t0, then=self.app.report_painted)  # the autosave waits until the report is painted

    def show_report(self, report, t0: float | None = None, then=None) -> None:
        self.app.push_screen(self.app.report_screen(report, t0, then), lambda _: self.after_report())

    def after_report(self) -> None:
        if self.session.ended:
            self.app.show_end()
            return
        self.refresh_all()
        self.open_card_if_pending()

    def action_report(self) -> None:
        if self.session.st.reports:
            self.app.push_screen(self.app.report_screen(self.session.st.reports[-1]))

    def action_history(self) -> None:
        self.app.action_history()

    def action_save(self) -> None:
        self.app.action_save()

    def action_menu(self) -> None:
        self.app.pop_screen()
