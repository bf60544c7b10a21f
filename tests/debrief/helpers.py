"""Shared by the debrief tests: the class's saves as the debrief reads them."""

from __future__ import annotations

import re
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
