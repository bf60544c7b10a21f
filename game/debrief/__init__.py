"""Debriefs: what happened in a game and why, beside what really happened in 2008."""

from game.debrief.model import SECTIONS, Debrief, build, from_save

__all__ = ["SECTIONS", "Debrief", "build", "from_save", "render"]


def render(d: Debrief, fmt: str = "md") -> str:
    """The debrief as Markdown ('md') or one self-contained HTML page ('html')."""
    if fmt == "html":
        from game.debrief.html import to_html

        return to_html(d)
    from game.debrief.markdown import to_markdown

    return to_markdown(d)
