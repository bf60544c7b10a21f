"""The project's errors: each carries a message a user can act on."""

from __future__ import annotations

import errno
from pathlib import Path


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


# what the system's errors mean for someone running a command, and what to do
_OS_WORDS = {
    errno.ENOENT: ("no such file or folder", "check the path; the folder that holds it must exist"),
    errno.EACCES: ("permission denied", "choose a place you may write to, or change its permissions"),
    errno.EPERM: ("not permitted", "choose a place you may write to"),
    errno.EROFS: ("the disk is read-only", "choose a place on a writable disk"),
    errno.ENOSPC: ("the disk is full", "free some space, then try again"),
    errno.EISDIR: ("a folder is there, not a file", "give a file's path"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "check the path"),
    errno.EEXIST: ("something is already there", "choose another name"),
}


def os_words(exc: OSError) -> tuple[str, str]:
    """(what is wrong, what to do) for an OSError, in words for someone running a command."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR) and exc.filename:
        # making folders through a file ('notes.txt/out'): the system says 'exists' or 'not a directory'
        path = Path(exc.filename)
        if any(part.is_file() for part in path.parents) or (exc.errno == errno.EEXIST and path.is_file()):
            return _OS_WORDS[errno.ENOTDIR]
    return _OS_WORDS.get(exc.errno, ((exc.strerror or str(exc)).lower(), "check the path and try again"))


def os_problem(exc: OSError) -> str:
    """'/x/y: permission denied (fix: ...)' for an OSError."""
    what, fix = os_words(exc)
    return (f"{exc.filename}: " if exc.filename else "") + f"{what} (fix: {fix})"
