"""Save files: versioned JSON through pydantic, written atomically, never losing a good file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from game.content.runtime import Scenario
from game.engine.session import Session
from game.engine.state import RULES, State
from game.errors import GameError, SaveError, os_words
from game.numbers import score, whole
from game.words import amount

FORMAT = 2  # 0: the prototype, 1: the first release, 2: slot names, game id, checksum, string table (migrations.py)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "saves"
ENV_DIR = "CEASEFIRE_SAVES"
MAX_BYTES = 32 * 2**20
_SAFE = re.compile(r"[^\w. ()-]+")


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
    slots: list[str] = Field(default_factory=list, description="Names of the state's values, in order "
                             "(empty: the scenario's own order), so a save survives content that adds or moves values.")
    app_version: str = Field("", description="Version of Ceasefire that wrote the save.")
    game_id: str = Field("", description="Random id of this game, kept across saves and loads, so two games of "
                         "the same scenario and seed (a class code) never share autosaves.")
    checksum: str = Field("", description="Hash of every byte of the file after it (it comes first); tells a hand "
                          "edit from engine drift. On disk, reports and news refer to a table `strings`.")
    state: dict[str, Any] = Field(description="The full state (checked against SavedState).")
    branch_of: list[str | int] = Field(
        default_factory=list, description="A branch's origin (written only for a branch, made with play --load SAVE "
        "--turn N): [the game id of the game it branched from, N], so a class report can tell a 'what if' from a game.")
    planned: list[tuple[str, str | None]] = Field(
        default_factory=list, description="Orders planned for the current turn, not yet given (written only when "
        "there are some): a game saved mid-turn resumes with them still planned.")

    _edited: bool = PrivateAttr(False)

    @property
    def edited(self) -> bool:
        """True when the file's checksum does not match its contents (changed outside the game)."""
        return self._edited

    @property
    def dev_edits(self) -> list[tuple[int, str]]:
        """(turn, command) of each change developer mode made to the game, in order: from the first one
        on, the seed and the choices no longer reproduce it."""
        return [(turn, what) for turn, tc in enumerate(self.choices, 1) for what in tc.get("dev", ())]


Pair = tuple[str, str]


class SavedChoices(BaseModel):
    model_config = ConfigDict(extra="forbid")
    events: list[Pair] = Field(default_factory=list)
    orders: list[tuple[str, str | None]] = Field(default_factory=list)
    dev: list[str] = Field(default_factory=list)  # developer-mode changes this turn (console commands, reloads)


_Row = tuple[int, str, str, float, float, str, str, str, str]


class SavedReport(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    turn: int
    # turn, target, label, before, after, cause, source, why, actor, and the order's region if it had one
    changes: list[Annotated[Union[_Row, tuple[int, str, str, float, float, str, str, str, str, str]],
                            Field(union_mode="left_to_right")]]  # (the usual nine fields tried first: half the time)
    moves: list[list[str]]
    events: list[Pair]
    orders: list[tuple[str, str | None]]
    set_aside: list[str] = []  # (rule 3) cards an answer before them made moot, set aside unseen


class SavedState(BaseModel):
    """The shape of `state` in a save: checked before any of it reaches the engine."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    scenario: str
    seed: int
    difficulty: str | None
    values: list[float]
    turn: int = Field(ge=1)
    phase: Literal["briefing", "orders", "ended"]
    flags: dict[str, int]
    fired: dict[str, int]
    last_fired: dict[str, int]
    chosen: dict[str, int]
    taken: dict[str, list[int]]
    ready: dict[str, int]
    fires: dict[str, int]
    scheduled: list[tuple[int, str, int, str]]
    lagged: list[tuple[int, Literal["add", "set", "mul"], int, float, str, str, str, str]]
    queue: list[str]
    coming: list[str] = []  # (rule 3) the turn's cards still to be dealt
    history: list[list[float]] = Field(min_length=1)
    news: list[tuple[int, str, str]]
    reports: list[SavedReport]
    current: SavedReport | None
    choices: list[SavedChoices]
    ending: str | None
    forced_ending: str | None = None
    score: float
    rng: tuple[Literal[3], list[int], float | None]
    rules: int = Field(1, ge=1, le=RULES)  # how the cards one choice brings are ordered (game.engine.state.RULES)


def saves_dir(override: str | os.PathLike | None = None) -> Path:
    """--saves-dir, else $CEASEFIRE_SAVES, else the project's saves/ folder."""
    d = Path(override or os.environ.get(ENV_DIR) or DEFAULT_DIR)
    return d


def find(name: str | os.PathLike, folder: str | os.PathLike | None = None) -> Path:
    """A save named on the command line: the path as given if it exists, else a save of that name
    (with or without .json) in the saves folder (--saves-dir); else the path as given, which read()
    reports missing."""
    p = Path(name)
    if p.exists() or p.name != str(name):  # a path to a file elsewhere is taken as it is
        return p
    d = saves_dir(folder)
    for cand in (d / p.name, d / (p.name + ".json")):
        if cand.is_file():
            return cand
    return p


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_name(name: str) -> str:
    """A file name that stays inside the saves folder: no separators, no traversal, no hidden or device names.

    Letters of any script are kept (a save may be named in Arabic); anything else becomes '_'.
    """
    import unicodedata

    base = unicodedata.normalize("NFC", str(name))
    if base.lower().endswith(".json"):
        base = base[:-5]
    base = _SAFE.sub("_", base)
    while ".." in base:
        base = base.replace("..", "_")
    base = base.strip(" ._-")[:60].strip(" .") or "save"
    if base.split(".")[0].upper() in _RESERVED:
        base = "_" + base
    return base + ".json"


def summary_line(session: Session) -> str:
    sc, st = session.sc, session.st
    if st.ending:
        title = next(e.model.title for e in sc.endings if e.id == st.ending)
        return f"Ended: {title} (score {score(st.score)})"  # one form in the list: '58.0' beside '57.9'
    metrics = [m for m in sc.metrics.values() if not m.hidden][:3]
    values = [st.values[sc.index[m.id]] for m in metrics]
    # as the game screen shows them: capital as a budget ('Political capital 0.5', never a rounded-up
    # 'Political capital 1' the player cannot spend), the others whole, as in the national picture
    return ", ".join(f"{m.label} {amount(v) if m.id == sc.meta.capital else whole(v)}" for m, v in zip(metrics, values))


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("ceasefire")
    except Exception:  # not installed: a source checkout
        return ""


APP_VERSION = _app_version()


BRANCH_ATTR = "_ceasefire_branch_of"  # (game id, turn) of the game a branch was made from
GAME_ID_ATTR = "_ceasefire_game_id"  # until the engine's State carries a game id of its own
PLANNED_ATTR = "_ceasefire_planned"  # (turn, [(action, target)]): orders planned but not given; see planned_orders


def planned_orders(session: Session) -> list[tuple[str, str | None]]:
    """The orders planned for the session's current turn (a list front ends change in place; saves
    keep it, so a game saved mid-turn comes back with them). A new turn starts with none."""
    kept = getattr(session, PLANNED_ATTR, None)
    if kept is None or kept[0] != session.turn:
        kept = (session.turn, [])
        setattr(session, PLANNED_ATTR, kept)
    return kept[1]


def game_id(session: Session) -> str:
    """This game's id: the one it was loaded with, else a new random one (kept on the session)."""
    gid = getattr(session, GAME_ID_ATTR, "")
    if not gid:
        import secrets

        gid = secrets.token_hex(3)
        setattr(session, GAME_ID_ATTR, gid)
    return gid


def to_savefile(session: Session) -> SaveFile:
    sc, st = session.sc, session.st
    root = str(Path(sc.root).resolve()) if sc.root else ""
    return SaveFile.model_construct(
        format=FORMAT, game="ceasefire", scenario=sc.id, scenario_path=root, mods=[str(Path(m).resolve()) for m in sc.mods],
        content_hash=sc.content_hash, seed=st.seed, difficulty=st.difficulty,
        saved_at=dt.datetime.now().isoformat(timespec="seconds"), turn=st.turn, date=session.date().isoformat(),
        summary=summary_line(session), choices=st.choices, slots=[s.name for s in sc.slots],
        app_version=APP_VERSION, game_id=game_id(session), checksum="", state=st.to_json(),
        planned=[] if session.ended else [list(o) for o in planned_orders(session)],
        branch_of=list(getattr(session, BRANCH_ATTR, ())),
    )


CHECK_PREFIX = b'{"checksum":"'
CHECK_LEN = 32


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:CHECK_LEN]


def _pack_report(r: dict, idx: dict) -> dict:
    S = idx.setdefault
    t = r["turn"]
    # a change of the report's own turn leaves its turn out (8 fields); one with a region ('where', a 10th
    # field) always keeps it, so that the length says which fields are there: 8, 9, or 10
    changes = [[S(c[1], len(idx)), S(c[2], len(idx)), c[3], c[4], S(c[5], len(idx)), S(c[6], len(idx)),
                S(c[7], len(idx)), S(c[8], len(idx))] if c[0] == t and len(c) == 9 else
               [c[0], S(c[1], len(idx)), S(c[2], len(idx)), c[3], c[4], S(c[5], len(idx)), S(c[6], len(idx)),
                S(c[7], len(idx)), S(c[8], len(idx)), *[S(w, len(idx)) for w in c[9:10]]] for c in r["changes"]]
    out = {"turn": t, "changes": changes, "moves": [[S(x, len(idx)) for x in m] for m in r["moves"]],
           "events": [[S(x, len(idx)) for x in e] for e in r["events"]],
           "orders": [[S(x, len(idx)) for x in o] for o in r["orders"]]}
    if r.get("set_aside"):
        out["set_aside"] = [S(x, len(idx)) for x in r["set_aside"]]
    return out


def pack_state(state: dict) -> tuple[dict, list]:
    """The state as written, and its string table: reports and news refer to the table (see unpack_state)."""
    idx: dict = {}
    out = dict(state)
    out["reports"] = [_pack_report(r, idx) for r in state["reports"]]
    out["current"] = _pack_report(state["current"], idx) if state["current"] else None
    out["news"] = [[n[0], idx.setdefault(n[1], len(idx)), idx.setdefault(n[2], len(idx))] for n in state["news"]]
    return out, list(idx)


class _Damaged(Exception):
    pass


def unpack_state(state: dict, T: list) -> dict:
    """Inverse of pack_state; raises _Damaged on bad indices or shapes (the state is checked after)."""

    def report(r):
        t = r["turn"]
        changes = [[t, T[c[0]], T[c[1]], c[2], c[3], T[c[4]], T[c[5]], T[c[6]], T[c[7]]] if len(c) == 8 else
                   [c[0], T[c[1]], T[c[2]], c[3], c[4], T[c[5]], T[c[6]], T[c[7]], T[c[8]], *[T[w] for w in c[9:10]]]
                   for c in r["changes"]]
        out = {"turn": t, "changes": changes, "moves": [[T[x] for x in m] for m in r["moves"]],
               "events": [[T[x] for x in e] for e in r["events"]], "orders": [[T[x] for x in o] for o in r["orders"]]}
        if "set_aside" in r:
            out["set_aside"] = [T[x] for x in r["set_aside"]]
        return out

    try:
        out = dict(state)
        out["reports"] = [report(r) for r in state["reports"]]
        out["current"] = report(state["current"]) if state.get("current") is not None else None
        out["news"] = [[x[0], T[x[1]], T[x[2]]] for x in state["news"]]
    except (KeyError, TypeError, IndexError) as exc:
        raise _Damaged(f"{type(exc).__name__} {exc}") from None
    return out


def encode(sf: SaveFile) -> bytes:
    """The bytes of a save file: compact JSON, the checksum first, hashing every byte after it."""
    doc = {name: getattr(sf, name) for name in SaveFile.model_fields if name != "checksum"}
    if not doc["planned"]:
        del doc["planned"]  # (the usual case: such a save reads in versions that knew no planned orders)
    if not doc["branch_of"]:
        del doc["branch_of"]  # (likewise: only a branch has one)
    doc["state"], doc["strings"] = pack_state(sf.state)
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return CHECK_PREFIX + _digest(body).encode() + b'",' + body[1:]


def checksum_ok(raw: bytes) -> bool:
    """Whether a file's bytes still hash to the checksum it starts with."""
    head = len(CHECK_PREFIX) + CHECK_LEN
    if not raw.startswith(CHECK_PREFIX) or raw[head:head + 2] != b'",':
        return False
    return _digest(b"{" + raw[head + 2:]) == raw[len(CHECK_PREFIX):head].decode("ascii", "replace")


def _umask() -> int:
    """The process's umask, read without changing it where the system says (Linux), else by setting and restoring it."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it.

    The file gets the permissions a plain write would give it (an existing file keeps its own; a new
    one 0666 less the umask), not the owner-only ones of a temporary file: saves and reports are
    meant to be copied to a class folder and read by others.

    Through a link, the file it points to is replaced (renamed over, the link became a file of its own and the
    shared file kept its old text); a device or a pipe (/dev/stdout, a named pipe) is written into, not
    replaced by a file (run as root, /dev/null itself became a plain file)."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = 0
    if kind and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        with open(path, "wb") as f:
            f.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            os.fchmod(fd, mode)
        except (AttributeError, OSError):  # (not on every system)
            pass
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
    try:
        data = encode(to_savefile(session))
    except ValueError as exc:  # a NaN or infinity in the state: a bug, but never a corrupt file
        raise SaveError(f"{p}: could not save (the state holds a value JSON cannot store: {exc})") from None
    try:
        atomic_write(p, data)
    except OSError as exc:
        what, fix = os_words(exc)
        raise SaveError(f"{p}: could not save: {what}; your earlier saves are untouched (fix: {fix})") from None
    return p


OTHER_SAVE = "use an autosave or another save instead"  # the fix for a damaged save (`ceasefire saves` lists them)
NOT_A_SAVE_FIX = "a save is a .json file the game wrote (`ceasefire saves` lists them)"
_HEADER_KEYS = (b'"format"', b'"game"', b'"scenario_id"', b'"checksum"')
_LEAD = b"\xef\xbb\xbf \t\r\n"


def _begins(text: bytes) -> str:
    """The file's first line, printable and short, to show in a message."""
    first = text.split(b"\n", 1)[0].decode("utf-8", "replace")
    first = "".join(ch for ch in first if ch.isprintable())
    return (first[:40].strip() + ("\u2026" if len(first) > 40 else "")) if first.strip() else ""


def not_a_save(raw: bytes) -> str:
    """Why these bytes are plainly not a Ceasefire save, in words ('' when they may be one: reading
    them tells the rest). A save is a JSON object that starts with its header ('{"checksum": ...,
    "format": ..., "game": ...'); an empty file is a save cut off (see read)."""
    text = raw.lstrip(_LEAD)
    if not text:
        return ""
    if text[:1] == b"{" and (any(k in text[:4096] for k in _HEADER_KEYS) or CHECK_PREFIX.startswith(text)):
        return ""  # a save's header, or the start of one cut off: what is wrong with it is read()'s to say
    begins = _begins(text)
    shown = f"; it begins \u201c{begins}\u201d" if begins else ""
    try:
        data = json.loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        return f"not a Ceasefire save file (not text: binary data or another encoding); {NOT_A_SAVE_FIX}"
    except (ValueError, RecursionError):
        return f"not a Ceasefire save file (not JSON{shown}); {NOT_A_SAVE_FIX}"
    if isinstance(data, dict):
        return f"not a Ceasefire save file (JSON, but without a save's header{shown}); {NOT_A_SAVE_FIX}"
    kind = {list: "a list", str: "a text", bool: "true or false", type(None): "null"}.get(type(data), "a number")
    return f"not a Ceasefire save file (JSON, but {kind}, not a save's header{shown}); {NOT_A_SAVE_FIX}"


def _body_problem(data: dict, fmt: int) -> str:
    """What is missing or damaged in the body of a save whose header is sound ('' if nothing), in words."""
    wanted = {"state": "the game's state", "choices": "the choices made"}
    if fmt == FORMAT:
        wanted["strings"] = "the table of texts of its reports"
    missing = [what for key, what in wanted.items() if key not in data]
    header = ", ".join(x for x in (str(data.get("scenario") or data.get("scenario_id") or ""),
                                   f"turn {data['turn']}" if isinstance(data.get("turn"), int) else "") if x)
    if missing:
        return (f"the save is incomplete: it has its header{f' ({header})' if header else ''} but not "
                f"{_and(missing)} (the file was cut short or edited); {OTHER_SAVE}")
    if not isinstance(data["state"], dict):
        return f"the save is damaged: the game's state (\"state\") is not a JSON object; {OTHER_SAVE}"
    if not isinstance(data["choices"], list):
        return f"the save is damaged: the choices made (\"choices\") are not a list; {OTHER_SAVE}"
    table = data.get("strings")
    if fmt == FORMAT and (not isinstance(table, list) or not all(x is None or isinstance(x, str) for x in table)):
        return (f"the save is damaged: the table of texts of its reports (\"strings\") is not a list of texts; "
                f"{OTHER_SAVE}")
    return ""


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def mods_of(sf: SaveFile, path) -> list[str]:
    """The mod folders to load the save at `path` with, in its load order: each where the save says, else,
    when that folder is gone, the installed mod of the same folder name (mods/<scenario id>/<name>), as a
    save brought from another copy of the game (a student's, on the teacher's machine) finds it there.
    SaveError if a mod is in neither place: the loader alone would say only 'mod folder not found'."""
    from game.content.mods import mods_dir

    found, gone = [], []
    for m in sf.mods:
        if Path(m).is_dir():
            found.append(m)
            continue
        here = mods_dir() / sf.scenario / Path(m).name
        if Path(m).name and here.is_dir():
            found.append(str(here.resolve()))
        else:
            gone.append(m)
    if gone:
        raise SaveError(f"{path}: this game was played with the mod {gone[0]}, which is no longer there"
                        + (f" (nor {len(gone) - 1} more of its mods)" if len(gone) > 1 else "")
                        + f"; put the mod back at that path (or install it as {mods_dir() / sf.scenario / Path(gone[0]).name}) "
                        "to load the game, or name the folder it is in now with --mod DIR (play --load, replay and debrief take it)")
    return found


def source_of(sf: SaveFile, path, mods=()) -> tuple[str, list[str]]:
    """(where the scenario loads from, the mods to load over it) for the save at `path`: what
    `loader.load(*source_of(sf, path))` needs to load the game as it was played; with `mods` (--mod DIR: where
    a moved mod is now), those in place of the save's own. SaveError if the scenario or a mod is gone."""
    mods = list(mods) if mods else mods_of(sf, path)
    return scenario_source(sf, path), mods


def scenario_source(sf: SaveFile, path) -> str:
    """Where the scenario of the save at `path` loads from (source_of also finds its mods): the folder it
    was played from while that is still there, else the scenario of its id in content/scenarios, so that a save
    made in another copy of the game (a student's, brought to the teacher's machine) opens with the scenario
    of that name. SaveError when neither is there."""
    from game.content.loader import scenarios_dir

    if sf.scenario_path and Path(sf.scenario_path).is_dir():
        return sf.scenario_path
    if not sf.scenario_path or (scenarios_dir() / sf.scenario / "scenario.toml").is_file():
        return sf.scenario
    raise SaveError(f"{path}: this game was played with the scenario in {sf.scenario_path}, which is no longer there, "
                    f"and no scenario '{sf.scenario}' is in {scenarios_dir()}; put the scenario's folder back at that "
                    f"path, or copy it into {scenarios_dir()}, to load the game")


def read(path: str | os.PathLike) -> SaveFile:
    """Read and check a save file; raise SaveError naming the file, what is wrong and what to do."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise SaveError(f"{p}: too large to be a save ({p.stat().st_size // 2**20} MB; saves are well under 1 MB)")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{p}: no such save file") from None
    except IsADirectoryError:
        raise SaveError(f"{p}: a folder, not a save file") from None
    except OSError as exc:
        raise SaveError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if not raw.strip(_LEAD):
        raise SaveError(f"{p}: the save is empty ({len(raw)} bytes: the file was cut off, perhaps by a crash); {OTHER_SAVE}")
    reason = not_a_save(raw)
    if reason:
        raise SaveError(f"{p}: {reason}")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw) - 1:  # a save cut off inside a letter of two or more bytes
            raise SaveError(f"{p}: the save is truncated (it ends early, at {len(raw)} bytes; perhaps cut off "
                            f"by a crash or a full disk); {OTHER_SAVE}") from None
        raise SaveError(f"{p}: the save is corrupted (bytes that are not text at byte {exc.start}); {OTHER_SAVE}") from None
    except json.JSONDecodeError as exc:
        if not raw.rstrip().endswith(b"}"):
            raise SaveError(f"{p}: the save is truncated (it ends early, at {len(raw)} bytes; perhaps cut off "
                            f"by a crash or a full disk); {OTHER_SAVE}") from None
        raise SaveError(f"{p}: the save is corrupted (bad JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                        f"{OTHER_SAVE}") from None
    except (ValueError, RecursionError) as exc:
        raise SaveError(f"{p}: the save is corrupted ({type(exc).__name__}); {OTHER_SAVE}") from None
    from game.saves.migrations import migrate, version_of

    fmt = version_of(data, p)
    if fmt > FORMAT:
        raise SaveError(f"{p}: saved by a newer version of Ceasefire (format {fmt}; this one reads up to {FORMAT}); "
                        "update the game to load it")
    problem = _body_problem(data, fmt)
    if problem:
        raise SaveError(f"{p}: {problem}")
    edited = False
    if fmt == FORMAT:
        edited = bool(data.get("checksum")) and not checksum_ok(raw)  # no checksum at all: cannot tell
        table = data.pop("strings")
        try:
            data["state"] = unpack_state(data["state"], table)
        except _Damaged as exc:
            raise SaveError(f"{p}: the saved reports are damaged ({exc}); {OTHER_SAVE}") from None
    data = migrate(data, p)
    try:
        sf = SaveFile.model_validate(data)
    except ValidationError as exc:
        raise SaveError(f"{p}: invalid save: {_first_error(exc, '')}; {OTHER_SAVE}") from None
    try:
        SavedState.model_validate(sf.state)
    except ValidationError as exc:
        raise SaveError(f"{p}: invalid save: {_first_error(exc, 'state')}; {OTHER_SAVE}") from None
    problem = _shape_problem(sf)
    if problem:
        raise SaveError(f"{p}: {problem}; {OTHER_SAVE}")
    sf._edited = edited
    return sf


def _shape_problem(sf: SaveFile) -> str:
    """What is inconsistent in a save, whatever the scenario ('' if nothing)."""
    st = sf.state
    n = len(st["values"])
    if any(len(row) != n for row in st["history"]):
        return "the saved state is damaged (state.history rows and state.values differ in length)"
    if sf.slots and len(sf.slots) != n:
        return f"the saved state is damaged ({len(sf.slots)} slot names for {n} values)"
    _, internal, _ = st["rng"]
    if len(internal) != 625 or not all(0 <= x < 2**32 for x in internal) or internal[-1] > 624:
        return "the saved random generator is damaged (state.rng)"
    if st["scenario"] != sf.scenario or st["seed"] != sf.seed or st["turn"] != sf.turn:
        return "the saved state is inconsistent (its scenario, seed or turn differ from the file's header)"
    phase, queue = st["phase"], st["queue"]
    if phase == "briefing" and not queue:
        return "the saved state is inconsistent (a briefing with no event card waiting)"
    if phase == "orders" and queue:
        return "the saved state is inconsistent (orders phase with event cards waiting)"
    if phase != "briefing" and st.get("coming"):
        return "the saved state is inconsistent (event cards to come outside a briefing)"
    if (phase == "ended") != (st["ending"] is not None):
        return "the saved state is inconsistent (phase and ending disagree)"
    if (phase == "ended") != (st["current"] is None):
        return "the saved state is inconsistent (the report of the turn in progress)"
    if len(sf.choices) != st["turn"]:
        return f"the saved state is inconsistent ({len(sf.choices)} turns of choices at turn {st['turn']})"
    if sf.slots and "turn" in sf.slots and st["values"][sf.slots.index("turn")] != st["turn"]:
        return "the saved state is inconsistent (the turn and the turn value differ)"
    return ""


def _first_error(exc: ValidationError, prefix: str) -> str:
    err = exc.errors()[0]
    loc = ([prefix] if prefix else []) + [str(x) for x in err["loc"]]
    where = ".".join(loc) or "(top level)"
    more = exc.error_count() - 1
    got = err.get("input")
    shown = ""
    if isinstance(got, (int, float, str, bool)) or got is None:
        shown = f" (found {json.dumps(got)[:40]})"
    return f"{where}: {err['msg']}{shown}" + (f" (and {more} more problem(s))" if more > 0 else "")


def restore(sf: SaveFile, scenario: Scenario, path: str = "save") -> Session:
    """Build a session from a save against a loaded scenario (warnings dropped; see restore_checked)."""
    return restore_checked(sf, scenario, path)[0]


def restore_checked(sf: SaveFile, scenario: Scenario, path: str = "save") -> tuple[Session, list[str]]:
    """Build a session from a save; (session, warnings). Raises SaveError when the state cannot be played.

    When the content changed since the save, values are matched by name: values the content added
    start at their start value, values it removed are dropped, events it removed are dropped from the
    schedule, and each of these is a warning. What cannot be mended is an error.
    """
    if sf.scenario != scenario.id:
        raise SaveError(f"{path}: this save is for scenario '{sf.scenario}', not '{scenario.id}'")
    warnings: list[str] = []
    try:
        d = dict(sf.state)
        _check_rng(d["rng"])
        _remap(d, sf, scenario, warnings)
        state = State.from_json(d)
        _check_state(state, scenario, warnings)
    except SaveError as exc:
        raise SaveError(f"{path}: {exc}") from None
    except (KeyError, TypeError, ValueError, IndexError, OverflowError) as exc:
        raise SaveError(f"{path}: the saved state is damaged ({type(exc).__name__}: {exc})") from None
    session = Session(scenario, state)
    if state.phase == "briefing" and not state.queue:  # the card waiting is no longer in the content: the next comes
        session.deal_next()
    if sf.game_id:
        setattr(session, GAME_ID_ATTR, sf.game_id)
    if len(sf.branch_of) == 2:
        setattr(session, BRANCH_ATTR, tuple(sf.branch_of))
    if sf.planned and not session.ended:
        _restore_planned(session, sf.planned, warnings)
    return session, warnings


def _restore_planned(session: Session, orders: list, warnings: list[str]) -> None:
    """Plan the saved orders again, each that still can be (content may have changed since)."""
    kept = planned_orders(session)
    for aid, target in orders:
        order = (aid, target)
        try:
            session.check_orders(kept + [order])
        except GameError as exc:
            action = session.sc.actions.get(aid)
            name = action.model.label if action is not None else aid
            warnings.append(f"the planned order '{name}'{f' ({target})' if target else ''} was dropped: {exc}")
            continue
        kept.append(order)


def _check_rng(rng) -> None:
    version, internal, _ = rng
    if len(internal) != 625 or not all(0 <= x < 2**32 for x in internal) or internal[-1] > 624:
        raise SaveError("the saved random generator is damaged (state.rng)")


def _remap(d: dict, sf: SaveFile, sc: Scenario, warnings: list[str]) -> None:
    """Match saved values to the scenario's slots by name (in place on the state dict)."""
    names_now = [s.name for s in sc.slots]
    n = len(d["values"])
    if any(len(row) != n for row in d["history"]):
        raise SaveError("the saved state is damaged (state.history rows and state.values differ in length)")
    if not sf.slots:
        if n != len(names_now):
            raise SaveError(f"the saved state has {n} values; the scenario now has {len(names_now)} "
                            "(the content changed too much for this save)")
        return
    if len(sf.slots) != n:
        raise SaveError(f"the saved state is damaged (slots names {len(sf.slots)} values, state has {n})")
    if sf.slots == names_now:
        return
    gone = [x for x in sf.slots if x not in sc.index]
    added = [x for x in names_now if x not in set(sf.slots)]
    start = sc.start_values(d["difficulty"] if d["difficulty"] in sc.meta.difficulty else None)
    start[sc.turn_slot] = d["turn"]
    old = {name: i for i, name in enumerate(sf.slots)}

    def row(values: list) -> list:
        out = list(start)
        for name, i in old.items():
            j = sc.index.get(name)
            if j is not None:
                out[j] = values[i]
        return out

    d["values"] = row(d["values"])
    d["history"] = [row(r) for r in d["history"]]
    lagged = []
    for item in d["lagged"]:
        j = sc.index.get(sf.slots[item[2]]) if 0 <= item[2] < n else None
        if j is not None:
            lagged.append([item[0], item[1], j, *item[3:]])
    d["lagged"] = lagged
    if gone:
        warnings.append("the content no longer has these values; they were dropped: " + ", ".join(gone))
    if added:
        warnings.append("the content added these values; they start at their start value: " + ", ".join(added))
    if not gone and not added:
        warnings.append("the content reordered its values; the save was matched to them by name")


def _check_state(state: State, sc: Scenario, warnings: list[str]):
    if len(state.values) != len(sc.slots):
        raise SaveError(f"the saved state has {len(state.values)} values; the scenario now has {len(sc.slots)} "
                        "(the content changed too much for this save)")
    if state.scenario != sc.id:
        raise SaveError(f"the saved state is for scenario '{state.scenario}', not '{sc.id}'")
    for i, s in enumerate(sc.slots):
        v = state.values[i]
        if not s.lo <= v <= s.hi:
            state.values[i] = min(s.hi, max(s.lo, v))
            warnings.append(f"'{s.name}' was {v:g}, outside {s.lo:g}..{s.hi:g}; set to {state.values[i]:g}")
    if state.values[sc.turn_slot] != state.turn:
        raise SaveError(f"the saved state is inconsistent (turn {state.turn}, but the turn value is "
                        f"{state.values[sc.turn_slot]:g})")
    gone = [x[1] for x in state.scheduled if x[1] not in sc.events]
    if gone:
        state.scheduled = [x for x in state.scheduled if x[1] in sc.events]
        warnings.append("the content no longer has these scheduled events; they will not happen: " + ", ".join(gone))
    gone = [e for e in state.queue + state.coming if e not in sc.events]
    if gone:
        state.queue = [e for e in state.queue if e in sc.events]
        state.coming = [e for e in state.coming if e in sc.events]
        warnings.append("the content no longer has these event cards; they were skipped: " + ", ".join(gone))
        if not state.queue and not state.coming and state.phase == "briefing":
            state.phase = "orders"
    for which in ("ending", "forced_ending"):
        e = getattr(state, which)
        if e and not any(x.id == e for x in sc.endings):
            raise SaveError(f"the save's ending '{e}' is no longer in the content")
    if state.phase == "briefing" and not state.queue and not state.coming:
        raise SaveError("the saved state is inconsistent (a briefing with no event card waiting)")
    if state.phase == "orders" and state.queue:
        raise SaveError("the saved state is inconsistent (orders phase with event cards waiting)")
    if (state.phase == "ended") != (state.ending is not None):
        raise SaveError("the saved state is inconsistent (phase and ending disagree)")
    if state.phase != "ended" and state.current is None:
        raise SaveError("the saved state is inconsistent (no report for the turn in progress)")
    if state.difficulty is not None and state.difficulty not in sc.meta.difficulty:
        warnings.append(f"the content no longer has difficulty '{state.difficulty}'")
    if state.turn > sc.meta.turns and state.phase != "ended":
        warnings.append(f"the content now has {sc.meta.turns} turns; the game ends after this one")


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
