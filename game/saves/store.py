"""The saves folder as front ends see it: autosave, named saves, Continue, the load screen, loading.

Every function takes `folder=None`: the --saves-dir value if the front end has one, else
$CEASEFIRE_SAVES, else the project's saves/ folder (see `savefile.saves_dir`).

Guarantees: writes are atomic (a failed save leaves every existing file as it was); named saves
are never deleted; only this game's own autosaves beyond the last KEEP_AUTOSAVES are pruned; a bad
file is reported (SaveError naming the file and the problem), never deleted or rewritten.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from game.content.runtime import Scenario
from game.engine.session import Session
from game.errors import CeasefireError, ContentError, SaveError
from game.saves.savefile import SaveFile, game_id, read, restore_checked, safe_name, save, saves_dir, source_of

KEEP_AUTOSAVES = 5
AUTOSAVE_PREFIX = "autosave-"
QUICKSAVE_PREFIX = "quicksave-"
_AUTO = re.compile(r"^autosave-(?P<game>.+)-t(?P<turn>\d+)\.json$")
_QUICK = re.compile(r"^quicksave-(?P<game>.+)-t(?P<turn>\d+)\.json$")


class LoadError(SaveError):
    """A save that cannot be loaded. `fallback` is the previous good autosave, if there is one."""

    def __init__(self, message: str, path: Path | None = None, fallback: Path | None = None):
        super().__init__(message)
        self.path = path
        self.fallback = fallback


@dataclass(frozen=True)
class Entry:
    """One line of the load screen. `error` is set (and the header fields empty) for an unreadable file."""

    path: Path
    name: str  # file name without .json
    autosave: bool
    scenario: str = ""
    turn: int = 0
    date: str = ""  # in-game date (ISO)
    saved_at: str = ""  # real date and time of saving (ISO)
    summary: str = ""
    ended: bool = False
    seed: int = 0
    difficulty: str | None = None
    error: str = ""
    game: str = ""  # the game's id, the same in all its saves (named ones too); "" in saves older than ids

    @property
    def ok(self) -> bool:
        return not self.error


def folder_of(folder: str | os.PathLike | None = None) -> Path:
    """The saves folder in use."""
    return saves_dir(folder)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", str(text)).strip("_") or "game"


def game_key(session: Session) -> str:
    """What names this game's autosaves: scenario, seed and the game's id (two players of one class
    code on one computer must not share autosaves)."""
    return f"{_slug(session.sc.id)}-{session.st.seed}-{game_id(session)}"


def autosave_path(session: Session, folder: str | os.PathLike | None = None) -> Path:
    return folder_of(folder) / f"{AUTOSAVE_PREFIX}{game_key(session)}-t{session.turn:02d}.json"


def _autosaves_of(folder: Path, key: str) -> list[Path]:
    """This game's autosaves, newest written first."""
    out = []
    for p in folder.glob(f"{AUTOSAVE_PREFIX}*.json"):
        m = _AUTO.match(p.name)
        if m and m.group("game") == key and p.is_file():
            try:
                out.append((p.stat().st_mtime_ns, int(m.group("turn")), p))
            except OSError:
                continue
    out.sort(reverse=True)
    return [p for _, _, p in out]


STALE_SECONDS = 600


def _sweep_temporaries(folder: Path) -> None:
    """Remove temporary files a crashed save left behind (ours only: '.<name>.json.<random>.tmp', old)."""
    now = time.time()
    for p in folder.glob(".*.json.*.tmp"):
        try:
            if now - p.stat().st_mtime > STALE_SECONDS:
                p.unlink()
        except OSError:
            pass


def autosave(session: Session, folder: str | os.PathLike | None = None) -> Path:
    """Save at the end of a turn; keep this game's last KEEP_AUTOSAVES autosaves. Raises SaveError."""
    path = autosave_path(session, folder)
    save(session, path)
    _sweep_temporaries(path.parent)
    keep = {path}
    for old in _autosaves_of(path.parent, game_key(session)):
        if old in keep:
            continue
        if len(keep) < KEEP_AUTOSAVES:
            keep.add(old)
            continue
        try:
            old.unlink()
        except OSError:
            pass  # pruning is best effort; never a reason to fail the save
    return path


def quicksave_name(session: Session) -> str:
    """The name a quick save goes under (save_named): this game's and this turn's, as its autosave is named
    ('quicksave-basra_2008-4242-6281e8-t05'). Never pruned; a second quick save in the same turn of the same
    game replaces the first, and nothing else (another game's quick save has another name)."""
    return f"{QUICKSAVE_PREFIX}{game_key(session)}-t{session.turn:02d}"


def named_path(name: str, folder: str | os.PathLike | None = None) -> Path:
    """Where save_named would write `name` (so a front end can ask before overwriting)."""
    d = folder_of(folder)
    fname = safe_name(name)
    if fname.lower().startswith(AUTOSAVE_PREFIX):
        fname = "named-" + fname  # autosave pruning must never reach a named save
    path = d / fname
    if path.resolve().parent != d.resolve():
        raise SaveError(f"{name!r}: not a usable save name")
    return path


def save_named(session: Session, name: str, folder: str | os.PathLike | None = None) -> Path:
    """Save under a player's name (sanitised, inside the folder). Raises SaveError."""
    return save(session, named_path(name, folder))


def entries(folder: str | os.PathLike | None = None) -> list[Entry]:
    """Every .json save in the folder, newest first; unreadable files carry their error."""
    d = folder_of(folder)
    if not d.is_dir():
        return []
    found = []
    for p in d.glob("*.json"):
        try:
            st = p.stat()
            if not p.is_file():
                continue
            found.append((st.st_mtime_ns, p, (str(p), st.st_mtime_ns, st.st_size, st.st_ino)))
        except OSError:
            continue
    found.sort(key=lambda x: (x[0], x[1].name), reverse=True)
    out = [_entry(p, key) for _, p, key in found]
    if len(_ENTRY_CACHE) > 1024:
        _ENTRY_CACHE.clear()
    return out


_ENTRY_CACHE: dict[tuple, Entry] = {}


def _entry(p: Path, key: tuple) -> Entry:
    """The load-screen line of one file; files unchanged since the last look are not read again."""
    hit = _ENTRY_CACHE.get(key)
    if hit is not None:
        return hit
    auto = bool(_AUTO.match(p.name))
    try:
        sf = read(p)
        e = Entry(p, p.stem, auto, sf.scenario, sf.turn, sf.date, sf.saved_at, sf.summary,
                  sf.state.get("phase") == "ended", sf.seed, sf.difficulty, game=sf.game_id)
    except SaveError as exc:
        e = Entry(p, p.stem, auto, error=str(exc))
    _ENTRY_CACHE[key] = e
    return e


def newest_entry(folder: str | os.PathLike | None = None) -> Entry | None:
    """The newest readable save of a game still in progress (for Continue), or None. An older save
    of a game that has since ended (an autosave, a quick save or one the players named) does not
    count: Continue would take the player back into a game they finished. Load still lists it."""
    return newest_of(entries(folder))


def newest_of(listed: list[Entry]) -> Entry | None:
    """newest_entry() among entries already read (entries(), newest first)."""
    found = []  # (entry, the keys naming its game, whether the game named the file itself), newest first
    for e in listed:
        if e.ok:
            m = _AUTO.match(e.path.name) or _QUICK.match(e.path.name)
            found.append((e, {k for k in (e.game, m.group("game") if m else "") if k}, m is not None))
    # only the game's own saves say it ended (a named file may be an edited or damaged copy)
    finished = set().union(*(keys for e, keys, own in found if e.ended and own))
    return next((e for e, keys, _ in found if not e.ended and not keys & finished), None)


def newest(folder: str | os.PathLike | None = None) -> Path | None:
    """The path of newest_entry(), or None."""
    e = newest_entry(folder)
    return e.path if e is not None else None


_GAME_ID = re.compile(rb'"game_id"\s*:\s*"([0-9a-f]{1,32})"')


def _game_of(path: Path) -> str:
    """The game id written in a save, found even in a damaged one (it comes early in the file); "" if none."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return ""
    m = _GAME_ID.search(head)
    return m.group(1).decode() if m else ""


def previous_good(path: str | os.PathLike, folder: str | os.PathLike | None = None) -> Path | None:
    """The newest readable autosave other than `path` of the same game, when the game can be told (an
    autosave's name, or the game id in the save); else the newest of any game."""
    p = Path(path)
    d = Path(folder) if folder is not None else p.resolve().parent
    m = _AUTO.match(p.name)
    same = [e for e in entries(d) if e.ok and e.autosave and e.path.name != p.name and not e.ended]
    if m:
        mine = [e for e in same if _AUTO.match(e.path.name).group("game") == m.group("game")]
        older = [e for e in mine if e.turn < int(m.group("turn"))]
        pick = older or mine
        if pick:
            return max(pick, key=lambda e: e.turn).path
    else:
        game = _game_of(p)
        if game:  # a named save of a known game: only that game's autosaves, never another pair's
            mine = [e for e in same if e.game == game]
            return mine[0].path if mine else None
    return same[0].path if same else None


def _fail(message: str, path: Path) -> LoadError:
    fb = None
    try:
        fb = previous_good(path)
    except OSError:
        fb = None
    if fb is not None:
        message += f". The previous good autosave is {fb.name}; load it instead?"
    return LoadError(message, path, fb)


def scenario_for(sf: SaveFile, path: str | os.PathLike, mods=()) -> Scenario:
    """Load the scenario a save names (its folder if it still exists, else its id) with its mods (`mods`, if
    given, in their place: where a moved mod is now). Raises LoadError."""
    from game.content.loader import load

    path = Path(path)

    # The content, not the save, is at fault here: the game's earlier autosaves need the same scenario and
    # mods, so none is offered in its place (the newest autosave was offered, of another game).
    try:
        where, mod_dirs = source_of(sf, path, mods)
    except SaveError as exc:
        raise LoadError(str(exc), path) from None
    try:
        return load(where, mod_dirs)
    except ContentError as exc:
        errors = [pr for pr in exc.problems if pr.severity == "error"]
        first = errors[0].format() if errors else str(exc)
        raise LoadError(f"{path}: cannot load scenario '{sf.scenario}' for this save: {first}"
                        f"{f' (and {len(errors) - 1} more)' if len(errors) > 1 else ''}", path) from None


def load_session(path: str | os.PathLike, scenario: Scenario | None = None,
                 mods=()) -> tuple[Session, list[str]]:
    """Resume a saved game. Returns (session, warnings); raises LoadError (a SaveError) naming the file.

    Loads the scenario named in the save unless one is given. Warnings say what the player should
    know but does not stop the game, such as content changed since the save.
    """
    p = Path(path)
    try:
        sf = read(p)
    except SaveError as exc:
        raise _fail(str(exc), p) from None
    if scenario is None:
        scenario = scenario_for(sf, p, mods)
    try:
        session, notes = restore_checked(sf, scenario, str(p))
    except SaveError as exc:
        msg = str(exc)
        if not msg.startswith(str(p)):
            msg = f"{p}: {msg}"
        raise _fail(msg, p) from None
    except CeasefireError as exc:
        raise _fail(f"{p}: {exc}", p) from None
    warnings: list[str] = []
    if sf.content_hash != scenario.content_hash:
        warnings.append(f"{p.name}: the scenario content changed since this game was saved; "
                        "the game continues, but it may not replay exactly")
    warnings += [f"{p.name}: {n}" for n in notes]
    if sf.edited:
        warnings.append(f"{p.name}: the file was changed outside the game since it was saved")
    if list(sf.mods) != list(scenario.mods) and [Path(m).name for m in sf.mods] != [Path(m).name for m in scenario.mods]:
        warnings.append(f"{p.name}: saved with mods {', '.join(sf.mods) or 'none'}; "
                        f"now {', '.join(scenario.mods) or 'none'}")
    return session, warnings


__all__ = ["Entry", "LoadError", "KEEP_AUTOSAVES", "autosave", "autosave_path", "entries", "folder_of",
           "load_session", "named_path", "newest", "previous_good", "quicksave_name", "save_named", "scenario_for"]
