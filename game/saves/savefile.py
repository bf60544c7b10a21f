"""Save files: versioned JSON through pydantic, written atomically, never losing a good file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.content.runtime import Scenario
from game.engine.session import Session
from game.engine.state import State
from game.errors import SaveError

FORMAT = 1
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "saves"
ENV_DIR = "CEASEFIRE_SAVES"
_SAFE = re.compile(r"[^A-Za-z0-9_. -]+")


class SaveFile(BaseModel):
    """What a save holds: enough to resume, to replay and to debrief."""

    model_config = ConfigDict(extra="forbid")

    format: int = Field(description="Save format version.")
    game: str = Field("ceasefire", description="Always 'ceasefire'.")
    scenario: str = Field(description="Scenario id.")
    scenario_path: str = Field("", description="Folder the scenario was loaded from.")
    mods: list[str] = Field(default_factory=list, description="Mod folders, in load order.")
    content_hash: str = Field(description="Hash of the content the game was played with.")
    seed: int
    difficulty: str | None = None
    saved_at: str = Field(description="Real date and time of saving (ISO 8601).")
    turn: int
    date: str = Field(description="In-game date.")
    summary: str = Field("", description="One line for the load screen.")
    choices: list[dict[str, Any]] = Field(description="Every choice made, turn by turn.")
    state: dict[str, Any] = Field(description="The full state.")


def saves_dir(override: str | os.PathLike | None = None) -> Path:
    """--saves-dir, else $CEASEFIRE_SAVES, else the project's saves/ folder."""
    d = Path(override or os.environ.get(ENV_DIR) or DEFAULT_DIR)
    return d


def safe_name(name: str) -> str:
    """A file name that stays inside the saves folder: no separators, no traversal."""
    base = _SAFE.sub("_", name.replace(os.sep, "_").replace("/", "_").replace("\\", "_")).strip(" .")
    base = base.replace("..", "_")[:60] or "save"
    return base if base.endswith(".json") else base + ".json"


def summary_line(session: Session) -> str:
    sc, st = session.sc, session.st
    if st.ending:
        title = next(e.model.title for e in sc.endings if e.id == st.ending)
        return f"Ended: {title} (score {st.score:g})"
    metrics = [m for m in sc.metrics.values() if not m.hidden][:3]
    return ", ".join(f"{m.label} {st.values[sc.index[m.id]]:.0f}" for m in metrics)


def to_savefile(session: Session) -> SaveFile:
    sc, st = session.sc, session.st
    return SaveFile(
        format=FORMAT, scenario=sc.id, scenario_path=sc.root, mods=list(sc.mods), content_hash=sc.content_hash,
        seed=st.seed, difficulty=st.difficulty, saved_at=dt.datetime.now().isoformat(timespec="seconds"),
        turn=st.turn, date=session.date().isoformat(), summary=summary_line(session),
        choices=st.choices, state=st.to_json(),
    )


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def save(session: Session, path: str | os.PathLike) -> Path:
    """Write a save file atomically; raise SaveError on failure (the old file stays intact)."""
    p = Path(path)
    data = to_savefile(session).model_dump_json().encode("utf-8")
    try:
        atomic_write(p, data)
    except OSError as exc:
        raise SaveError(f"{p}: could not save ({exc.strerror or exc}); your earlier saves are untouched") from None
    return p


def read(path: str | os.PathLike) -> SaveFile:
    """Read and check a save file; raise SaveError naming the file and what is wrong."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{p}: no such save file") from None
    except OSError as exc:
        raise SaveError(f"{p}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{p}: not a save file (not text; the file may be corrupted)") from None
    except json.JSONDecodeError as exc:
        what = "truncated" if exc.pos >= len(raw.rstrip()) - 1 else "corrupted"
        raise SaveError(f"{p}: the save is {what} (bad JSON at line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict):
        raise SaveError(f"{p}: not a Ceasefire save (expected a JSON object)")
    fmt = data.get("format")
    if isinstance(fmt, int) and fmt > FORMAT:
        raise SaveError(f"{p}: saved by a newer version of Ceasefire (format {fmt}; this one reads up to {FORMAT}); update the game")
    from game.saves.migrations import migrate

    data = migrate(data, p)
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "(top level)"
        raise SaveError(f"{p}: invalid save: {where}: {err['msg']}") from None


def restore(sf: SaveFile, scenario: Scenario, path: str = "save") -> Session:
    """Build a session from a save against a loaded scenario."""
    if sf.scenario != scenario.id:
        raise SaveError(f"{path}: this save is for scenario '{sf.scenario}', not '{scenario.id}'")
    try:
        state = State.from_json(sf.state)
        _check_state(state, scenario)
    except SaveError:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise SaveError(f"{path}: the saved state is damaged ({type(exc).__name__}: {exc})") from None
    return Session(scenario, state)


def _check_state(state: State, sc: Scenario):
    if len(state.values) != len(sc.slots):
        raise SaveError(f"the saved state has {len(state.values)} values; the scenario now has {len(sc.slots)} "
                        "(the content changed too much for this save)")
    for eid in list(state.queue) + [x[1] for x in state.scheduled]:
        if eid not in sc.events:
            raise SaveError(f"the save refers to event '{eid}', which the content no longer has")
    if state.ending and not any(e.id == state.ending for e in sc.endings):
        raise SaveError(f"the save's ending '{state.ending}' is no longer in the content")


def list_saves(folder: Path) -> list[tuple[Path, SaveFile | None, str]]:
    """Every .json in the folder, newest first, with its header or the reason it is unreadable."""
    out = []
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*.json"), key=lambda q: q.stat().st_mtime, reverse=True):
        try:
            out.append((p, read(p), ""))
        except SaveError as exc:
            out.append((p, None, str(exc)))
    return out
