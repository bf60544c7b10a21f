"""Hostile strings in content are shown inert: no escape sequences reach the terminal, markup is text."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from game.ui.app import CeasefireApp
from game.ui.screens.card import EventCardScreen
from game.ui.text import clean
from tests.conftest import MINI
from tests.ui.helpers import past_briefing, settle, sync

ESC = "\x1b[2J\x1b]0;pwned\x07"
C1 = "\x9b31m\x85"
MARKUP = "[bold red]LOUD[/bold red] [link=file:///etc/passwd]x[/link] [@click=app.quit]q[/]"
HOSTILE = f"Seized{ESC}{C1} {MARKUP}"
SHORT = f"S{ESC}{C1}[b]B[/b]"

MOD = f'''
[[event]]
id = "mini.opening"
title = "Title {SHORT!s}"
text = "Text {HOSTILE!s}"
on_turn = 1
priority = 10
debrief = "x"

[[event.option]]
id = "attack"
text = "Option {HOSTILE!s}"

[[event.option]]
id = "wait"
text = "Wait"

[[actor]]
id = "militia"
name = "Militia {SHORT!s}"
short = "M[b]x[/b]"
flags = ["ceasefire", "in_coalition"]
attributes.stance = {{ min = -100, max = 100, start = 0, label = "Stance" }}
attributes.strength = {{ start = 60, label = "Strength" }}
'''


def _toml_escape(s: str) -> str:
    """A TOML 1.0 basic-string body: control characters as \\uXXXX escapes."""
    return "".join(f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or ch in '"\\' else ch for ch in s)


def _write_mod(tmp: Path) -> Path:
    mod = tmp / "hostile_mod"
    mod.mkdir()
    body = MOD.replace(HOSTILE, _toml_escape(HOSTILE)).replace(SHORT, _toml_escape(SHORT))
    (mod / "hostile.toml").write_text(body, encoding="utf-8")
    return mod


def _screen_text(app) -> str:
    parts = []
    for widget in app.screen.query("*"):
        try:
            r = widget.render()
        except Exception:  # some containers render nothing useful
            continue
        parts.append(r.plain if isinstance(r, Text) else str(r))
    return "\n".join(parts)


def test_clean_removes_controls_but_keeps_words():
    out = clean(HOSTILE)
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out and "\x85" not in out
    assert "Seized" in out and "[bold red]LOUD[/bold red]" in out


@sync
async def test_hostile_event_and_actor_text_is_inert(tmp_path):
    mod = _write_mod(tmp_path)
    app = CeasefireApp(scenario=str(MINI), seed=1, mods=[str(mod)], saves_dir=str(tmp_path / "saves"), direct=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 5)
        await past_briefing(pilot)
        assert isinstance(app.screen, EventCardScreen)
        text = _screen_text(app)
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        assert "[bold red]LOUD[/bold red]" in text, "markup in content is shown as text"
        assert "[b]B[/b]" in text
        assert "[link=file:///etc/passwd]" in text
        assert app.is_running  # the [@click=app.quit] text did nothing
        await pilot.press("1")
        await settle(pilot, 5)
        text = _screen_text(app)
        assert "\x1b" not in text and "\x9b" not in text
