"""The project's errors: each carries a message a user can act on."""

from __future__ import annotations


class CeasefireError(Exception):
    """Base of every error the command line turns into a message and exit code 1."""


class ContentError(CeasefireError):
    """Content that cannot be played; holds every problem found."""

    def __init__(self, problems):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in content")

    def report(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class SaveError(CeasefireError):
    """A save file that cannot be read or written."""


class GameError(CeasefireError):
    """A request the session cannot carry out (e.g. an order over budget)."""
