"""Saving and loading for the interface: uses game.saves.store when present, else savefile.

Every failure comes back as SaveError (or ContentError for a save whose scenario does not
load); the screens show it in a dialog.
"""

from __future__ import annotations

from pathlib import Path

from game.errors import SaveError
from game.saves import savefile

try:  # the saves engineer's store (autosave, named saves, newest, load_session)
    from game.saves import store as _store  # type: ignore
except Exception:  # pragma: no cover - absent until it lands
    _store = None


def folder(override: str | None = None) -> Path:
    return savefile.saves_dir(override)


def autosave(session, override: str | None = None) -> Path:
    if _store is not None and hasattr(_store, "autosave"):
        return _store.autosave(session, folder(override))
    return savefile.save(session, folder(override) / "autosave.json")


def save_named(session, name: str, override: str | None = None) -> Path:
    if _store is not None and hasattr(_store, "save_named"):
        return _store.save_named(session, name, folder(override))
    return savefile.save(session, folder(override) / savefile.safe_name(name))


def quicksave_name(session) -> str:
    """The name a quick save (ctrl+s) goes under: this game's and this turn's."""
    if _store is not None and hasattr(_store, "quicksave_name"):
        return _store.quicksave_name(session)
    return f"quicksave-{session.sc.id}-{session.st.seed}-t{session.turn:02d}"


def named_path(name: str, override: str | None = None) -> Path | None:
    """Where a named save would go (so the player can be asked before replacing one)."""
    if _store is not None and hasattr(_store, "named_path"):
        try:
            return _store.named_path(name, folder(override))
        except SaveError:
            return None
    return folder(override) / savefile.safe_name(name)


def list_saves(override: str | None = None):
    """(path, header or None, problem) newest first; a header has scenario, turn, date, summary, saved_at."""
    if _store is not None and hasattr(_store, "entries"):
        return [(e.path, None if e.error else e, e.error) for e in _store.entries(folder(override))]
    return savefile.list_saves(folder(override))


def continue_from(override: str | None = None):
    """(the newest save of a game still in progress as its load-screen line, or None; whether the newest
    readable save is of a game that has ended), from one reading of the saves folder. The second lets
    Continue say the last game ended, even after a restart, rather than 'no saved game'."""
    try:
        listed = _store.entries(folder(override))
    except (SaveError, OSError):
        return None, False
    return _store.newest_of(listed), next((e.ended for e in listed if e.ok), False)


def nothing_to_continue(ended: bool) -> str:
    """What Continue (the title's r) says when there is no game in progress to go back to: the same as the
    greyed Continue line. After a game's end its earlier saves (an autosave a turn before the end, a quick
    save) are still listed by Load, but Continue does not take the player back into a finished game."""
    if ended:
        return "Nothing to continue: your last game ended. Its earlier saves are under l Load."
    return "Nothing to continue: no saved game."


def last_scenario(override: str | None = None) -> str | None:
    """The scenario of the newest readable save (a class that plays the short scenario finds it chosen
    in the new-game dialog next time), or None."""
    try:
        return next((e.scenario for e in _store.entries(folder(override)) if e.ok and e.scenario), None)
    except (SaveError, OSError, AttributeError):
        return None


def newest(override: str | None = None) -> Path | None:
    if _store is not None and hasattr(_store, "newest"):
        try:
            p = _store.newest(folder(override))
            return Path(p) if p else None
        except SaveError:
            return None
    for p, header, _ in list_saves(override):
        if header is not None:
            return p
    return None


def load(path: str | Path, scenario=None, mods=()):
    """(session, warnings) from a save file (loading its scenario unless one is given, with `mods` in place
    of the save's own if given: `play --load SAVE --mod DIR`, where a moved mod is now).

    Raises SaveError; with the store, its `.fallback` names the previous good autosave, if any."""
    if _store is not None and hasattr(_store, "load_session"):
        out = _store.load_session(Path(path), scenario, mods)
        return out if isinstance(out, tuple) else (out, [])
    from game.content import loader

    sf = savefile.read(path)
    if scenario is None:
        scenario = loader.load(*savefile.source_of(sf, path, mods))
    return savefile.restore(sf, scenario, str(path)), []


def branch(path: str | Path, turn: int, mods=()):
    """A new session replaying a save's choices up to the start of `turn` (a branch of that game); `mods` as
    for load."""
    from game.content import loader
    from game.engine.session import Session
    from game.errors import GameError

    sf = savefile.read(path)
    scenario = loader.load(*savefile.source_of(sf, path, mods))
    if turn < 1:
        raise SaveError(f"{path}: --turn must be 1 or more")
    session = Session.new(scenario, sf.seed, sf.difficulty, rules=sf.state.get("rules", 1))
    try:
        for choices in sf.choices[: turn - 1]:
            if session.ended:
                break
            session.apply_choices(choices)
    except GameError as exc:
        raise SaveError(f"{path}: cannot branch at turn {turn}: {exc}") from None
    if sf.game_id:  # its saves say which game it branched from, and where
        setattr(session, savefile.BRANCH_ATTR, (sf.game_id, session.turn))
    return session, [f"branched from {Path(path).name} at turn {session.turn}"]
