"""Shared by the debrief tests: the class's saves as the debrief reads them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

AUTO = re.compile(r"^autosave-(?P<game>.+)-t(?P<turn>\d+)$")


def furthest_autosaves(folder: Path) -> list[Path]:
    """Each game's last autosave."""
    best: dict[str, tuple[int, Path]] = {}
    for p in folder.glob("autosave-*.json"):
        m = AUTO.match(p.stem)
        turn = int(m.group("turn"))
        if m.group("game") not in best or turn > best[m.group("game")][0]:
            best[m.group("game")] = (turn, p)
    return sorted(p for _, p in best.values())


class Sections(HTMLParser):
    """Per <section id> of a debrief page: its text, the tags opened in it, and the sections' order."""

    def __init__(self):
        super().__init__()
        self.current = None
        self.text: dict[str, str] = {}
        self.tags: dict[str, list[tuple[str, dict]]] = {}
        self.order: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.current = attrs.get("id")
            self.order.append(self.current)
            self.text[self.current] = ""
            self.tags[self.current] = []
        elif self.current:
            self.tags[self.current].append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "section":
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.text[self.current] += data


def sections(html: str) -> Sections:
    s = Sections()
    s.feed(html)
    s.close()
    return s
