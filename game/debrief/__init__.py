"""Debriefs: what happened in a game and why, beside what really happened in 2008."""

from __future__ import annotations

from pathlib import Path

from game.debrief.model import SECTIONS, Debrief, build, from_save

__all__ = ["SECTIONS", "Debrief", "build", "from_save", "render", "write_for"]


def render(d: Debrief, fmt: str = "md") -> str:
    """The debrief as Markdown ('md') or one self-contained HTML page ('html')."""
    if fmt == "html":
        from game.debrief.html import to_html

        return to_html(d)
    from game.debrief.markdown import to_markdown

    return to_markdown(d)


def write_for(scenario, state, path: str | Path, fmt: str | None = None, label: str = "") -> Path:
    """Write the debrief of a game in progress or finished (e.g. from the end screen) to `path`,
    atomically; the format follows the suffix (.html, else Markdown) unless given. Returns the path.
    Raises SaveError when the file cannot be written."""
    from game.errors import SaveError
    from game.saves.savefile import atomic_write

    p = Path(path)
    fmt = fmt or ("html" if p.suffix.lower() in (".html", ".htm") else "md")
    text = render(build(scenario, state, label or p.stem.removesuffix(".debrief")), fmt)
    try:
        atomic_write(p, text.encode("utf-8"))
    except OSError as exc:
        raise SaveError(f"{p}: could not write the debrief ({exc.strerror or exc})") from None
    return p
