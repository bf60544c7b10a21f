"""Discover, parse, validate and link a scenario directory (plus mods) into a runtime Scenario.

Pass 1 parses every file and validates each item's shape; pass 2 links ids and compiles
expressions. Every problem is collected before anything is reported. This module finds the
scenario and runs the passes, which live beside it:

    files.py         pass 1: the files found, decoded and parsed (and the _Item/_File/_Collector they share)
    shape.py         pass 1: each entry validated by its model (shape_errors.py says pydantic's errors in
                     an author's words)
    layers.py        mods over the scenario: entries replaced or removed by (kind, id)
    link.py          pass 2: ids resolved, expressions compiled, the runtime objects built
    triage.py        afterwards: the problems worth showing, and whom to blame
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import re
from pathlib import Path

import tomli

from game.content.files import _Collector, _File, _read_files, _schema_line, _shown
from game.content.layers import _merge
from game.content.link import _Linker
from game.content.problems import Problem
from game.content.runtime import Scenario
from game.content.shape import _Shaper
from game.content.triage import _blame_mods, _drop_cascades, _hold_back, _hold_back_for_base, _partial_overrides
from game.errors import ContentError
from game.expr.compiler import suggest


CONTENT_ROOT = Path(os.environ.get("CEASEFIRE_CONTENT", Path(__file__).resolve().parents[2] / "content"))


def scenarios_dir() -> Path:
    return CONTENT_ROOT / "scenarios"


def available_scenarios() -> list[str]:
    d = scenarios_dir()
    return sorted(p.name for p in d.iterdir() if (p / "scenario.toml").is_file()) if d.is_dir() else []


def resolve_scenario(name_or_path: str | os.PathLike) -> Path:
    """A scenario id (folder under content/scenarios) or a path to a scenario folder."""
    p = Path(name_or_path)
    if p.is_dir():
        return p
    if p.name == "scenario.toml" and p.is_file():
        return p.parent
    q = scenarios_dir() / str(name_or_path)
    if q.is_dir():
        return q
    if p.is_file():  # a mod's file, most likely: validate the scenario it changes
        raise ContentError([Problem(str(name_or_path), None, None, "", "this is a file, not a scenario (a scenario is a folder "
                                    "with scenario.toml)", _not_a_scenario(p.parent), code="no-scenario")])
    known = available_scenarios()
    hint = suggest(str(name_or_path), known)
    if hint:
        fix = f"did you mean '{hint}'?"
    elif known:
        fix = "available: " + ", ".join(known)
    elif not scenarios_dir().is_dir():  # installed without the checkout's content/ (pip install . , not -e)
        fix = (f"the game's scenarios are not where it looks ({scenarios_dir()}): install it from its folder with "
               "`pip install -e .` as the README says, so that it reads content/ there, or set CEASEFIRE_CONTENT "
               "to a content folder")
    else:
        fix = f"no scenario is installed in {scenarios_dir()}: give a scenario folder's path"
    raise ContentError([Problem(str(name_or_path), None, None, "", "no scenario has this name, and no scenario folder is at this path",
                                fix, code="no-scenario")])


def _scenario_file_misnamed(folder: Path) -> Path | None:
    """A file of the folder meant as its scenario.toml: named almost so (scenarios.toml, Scenario.toml,
    scenario.tml, scenario.toml.txt), or a .toml file holding the [scenario] table."""
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return None
    for p in files:
        stem = p.name.lower().split(".")[0]
        if p.name != "scenario.toml" and (stem == "scenario" or suggest(stem, ["scenario"])) and p.name.lower().endswith((".toml", ".tml", ".tom", ".tmol", ".txt")):
            return p
    for p in files:
        if p.suffix == ".toml":
            try:
                if re.search(r"(?m)^[ \t]*\[[ \t]*scenario[ \t]*\]", p.read_text("utf-8", "replace")):
                    return p
            except OSError:
                continue
    return None


def _not_a_scenario(folder: Path) -> str:
    """How to check what lies in a folder that is not a scenario: a mod (installed in mods/<id>/, or
    any folder of .toml files) is checked with the scenario it changes. (Only on this error's path.)"""
    from game.content.mods import mods_dir

    try:
        rest = folder.resolve().relative_to(mods_dir().resolve()).parts
    except (ValueError, OSError):
        rest = None
    named = None if rest else _scenario_file_misnamed(folder)
    if named is not None:
        return f"rename {_shown(named)} to scenario.toml: only a file of that exact name makes a folder a scenario"
    if rest:  # mods/<id>/... : installed mods load with their scenario
        return (f"a mod is not a scenario: name the scenario it changes, {rest[0]}, with which the installed mods of "
                f"{_shown(mods_dir() / rest[0])} load (e.g. ceasefire validate {rest[0]})")
    if any(folder.glob("*.toml")) or any(folder.glob("*/*.toml")):
        return (f"if this is a mod, name the scenario it changes and the mod with --mod "
                f"(e.g. ceasefire validate SCENARIO --mod {_shown(folder)})")
    return "add scenario.toml with a [scenario] table, or point at a scenario folder"


_PROJECT = CONTENT_ROOT.parent


def _hashed_name(path: Path, folder: Path, layer: int) -> str:
    """A content file's name in the content hash, the same from any working folder: under the project
    (shipped scenarios, installed mods) its path from the project's folder, as from where the game is
    started (so saves made before this rule keep their hash); elsewhere its layer and its path in its folder."""
    try:
        return os.path.relpath(path, _PROJECT) if path.is_relative_to(_PROJECT) else f"{layer}/{path.relative_to(folder).as_posix()}"
    except ValueError:
        return f"{layer}/{path.name}"


def _hashed_names(folder: Path, layer: int):
    """_hashed_name for the files found under `folder`: under the project, the folder's path from the project's
    folder is worked out once and each file's joined to it (os.path.relpath per file cost a tenth of the hash)."""
    if not folder.is_relative_to(_PROJECT):
        return lambda path: _hashed_name(path, folder, layer)
    base = os.path.relpath(folder, _PROJECT)
    cut = len(folder.parts)

    def name(path: Path) -> str:
        parts = path.parts
        if parts[:cut] != folder.parts or base == ".":
            return _hashed_name(path, folder, layer)
        return os.path.join(base, *parts[cut:])

    return name


def _bad_extends(scen_path: Path, base_id: str, root: Path) -> Problem:
    """The problem of an `extends` that names no scenario folder beside this one: at its line, with the
    nearest folder's name. (Only on this error's path.)"""
    line, col = None, None
    try:
        from game.content.locate import Locator

        line, col = Locator(scen_path.read_text("utf-8-sig")).line_col(("scenario", "extends"))
    except (OSError, UnicodeDecodeError):
        pass
    siblings = sorted(d.name for d in root.parent.iterdir()
                      if d.is_dir() and d != root and (d / "scenario.toml").is_file()) if root.parent.is_dir() else []
    hint = suggest(base_id, siblings)
    shipped = scenarios_dir()
    if base_id == root.name:
        fix = "a scenario cannot extend itself: name another scenario's folder, or remove the line"
    elif hint:
        fix = f'did you mean extends = "{hint}"?'
    elif shipped.resolve() != root.parent.resolve() and (game := (base_id if (shipped / base_id / "scenario.toml").is_file()
                                                                  else suggest(base_id, available_scenarios()))):
        fix = ((f"did you mean '{game}'? " if game != base_id else "") +
               f"'{game}' is a scenario of the game, in {_shown(shipped)}; extends names a folder beside this "
               f"one, so move this scenario's folder into {_shown(shipped)}")
    else:
        shown = ", ".join(siblings[:8]) + (", ..." if len(siblings) > 8 else "")
        fix = ("write the name of a scenario folder beside this one" +
               (f" ({shown})" if siblings else ": there is none in " + _shown(root.parent)))
    return Problem(_shown(scen_path), line, col, "scenario.extends",
                   f"extends '{base_id}', which is not a scenario folder beside this one", fix, code="bad-extends")


def _at_word(col: _Collector, f: _File, path: tuple, word: str) -> None:
    """The problem just added, placed at `word` inside the value at `path` (a flag's name in a condition)
    when it is found there; else it stays at the key."""
    loc = f.locator()
    vline, vcol = loc.value_line_col(path)
    if vline is None or not col.problems:
        return
    start = loc._starts[vline - 1] + vcol - 1
    found = re.compile(rf"(?<![\w.]){re.escape(word)}(?![\w.])").search(f.text, start)
    if found is None or f.text.count("\n", start, found.start()) > 20:  # (not in a later key's value)
        return
    line, column = loc.line_col_at(found.start())
    col.problems[-1] = dataclasses.replace(col.problems[-1], line=line, col=column)


def validate(path: str | os.PathLike, mods: list | tuple = ()) -> tuple[Scenario | None, list[Problem]]:
    """What `ceasefire validate` runs: check() in check mode. Every problem is found, but expressions
    are not turned into code, so the scenario returned can be inspected, not played."""
    return check(path, mods, codegen=False)


def check(path: str | os.PathLike, mods: list | tuple = (), codegen: bool = True) -> tuple[Scenario | None, list[Problem]]:
    """Load a scenario folder and mods; return (scenario or None, every problem found).

    codegen=False is check mode (see validate): the same checks, no code generated."""
    # loading builds many small objects and no cycles worth collecting: pause the cyclic GC meanwhile
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(path, mods, codegen)
    finally:
        # What survives the load (the scenario) lives long. Left in the young generation, all of it
        # would be scanned by the collection that the next allocation triggers (a quarter of a second
        # for a 5,000-event mod); freeze() then unfreeze() files it with the old objects unscanned.
        # Skipped if the program froze objects on purpose, so as not to thaw them.
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _check(path: str | os.PathLike, mods: list | tuple = (), codegen: bool = True) -> tuple[Scenario | None, list[Problem]]:
    col = _Collector()
    try:
        root = resolve_scenario(path)
    except ContentError as exc:
        return None, exc.problems
    scen_path = root / "scenario.toml"
    if not scen_path.is_file():
        return None, [Problem(_shown(root), None, None, "", "no scenario.toml in this folder", _not_a_scenario(root), code="no-scenario")]
    folders: list[tuple[Path, int]] = []
    # an 'extends' base is read first, as layer 0
    parsed = {}
    try:
        raw = scen_path.read_bytes()
        text = raw.decode("utf-8")
        if text[:1] == "\ufeff":
            text = text[1:]
        data = tomli.loads(text)
        parsed[scen_path] = (raw, text, data)  # read as _read_files reads it: kept for it
    except (tomli.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        try:
            data = tomli.loads(scen_path.read_text("utf-8-sig"))
        except (tomli.TOMLDecodeError, UnicodeDecodeError, RecursionError):
            data = {}  # _read_files reports what is wrong with the file
    try:
        base_id = data.get("scenario", {}).get("extends")
    except AttributeError:
        base_id = None
    if isinstance(base_id, str):
        base = root.parent / base_id
        if not (base / "scenario.toml").is_file() or base.resolve() == root.resolve():
            col.problems.append(_bad_extends(scen_path, base_id, root))
        else:
            folders.append((base, 0))
    folders.append((root, 1))
    for i, mod in enumerate(mods):
        mp = Path(mod)
        if not mp.is_dir():
            if mp.is_file():  # --mod my_mod/events.toml: the folder was meant
                # a card of my_mod/events/ (as `ceasefire new event` writes it): the mod is my_mod, not its events folder
                holder = mp.parent.parent if mp.parent.name == "events" and mp.parent.parent != mp.parent else mp.parent
                col.problems.append(Problem(str(mod), None, None, "", "this is a file: a mod is a folder of .toml files",
                                            f"pass the folder that holds it: --mod {_shown(holder)}", code="mod-not-found"))
            else:
                near = suggest(mp.name, [d.name for d in mp.parent.iterdir() if d.is_dir()]) if mp.parent.is_dir() else None
                col.problems.append(Problem(str(mod), None, None, "", "mod folder not found: nothing is at this path",
                                            f"did you mean {_shown(mp.parent / near)}?" if near else
                                            "check the path: --mod takes the folder of the mod's .toml files, as it is "
                                            "now", code="mod-not-found"))
            continue
        folders.append((mp, 2 + i))
    st = scen_path.stat()
    scen_ident = (st.st_dev, st.st_ino)
    scen_path = scen_path.resolve()
    # each file is shaped as soon as it is parsed, and its tables let go, while they are still in the processor's
    # cache; the shaping's problems are kept apart and reported after the reading's, in the order of the files
    shaper = _Shaper(col, scen_path)
    shaped: list[Problem] = []

    def shape(f: _File, layer: int) -> None:
        read, col.problems = col.problems, shaped
        try:
            shaper.file(f, layer)
        finally:
            col.problems = read
        f.release()

    _, files = _read_files(folders, col, parsed, shape)
    if not codegen:  # validate and lint (not the game's load): a scenario's files that are not read
        from game.content.mods import _unread

        for folder, layer in folders:
            if layer < 2:  # (mods' own are reported with the mods folder's problems)
                col.problems += _unread(folder)
        for f, _ in files:
            if f.text.startswith("#:schema"):
                _schema_line(f, col)
    col.problems += shaped
    scen, items, removes = shaper.scenario, shaper.items, shaper.removes
    if scen is None:
        if not any(p.file == _shown(scen_path) for p in col.problems):
            col.problems.append(Problem(_shown(scen_path), 1, 1, "scenario", "missing the [scenario] table",
                                        "add [scenario] with id, name, turns and start_date", code="scenario-table"))
        return None, col.problems
    changed: dict = {}
    items = _merge(items, removes, col, changed)
    scen_file = next(f for f, _ in files if f.ident == scen_ident and f.real == scen_path)
    linker = _Linker(scen, scen_file, items, col, codegen)
    scenario = linker.link()
    if col.unshaped:
        linker.check_unshaped(col.unshaped)
    reported = set()
    # an actor that failed validation: its flags ('actor.flag') may be set by its own rules, unchecked
    broken_actors = {rid + "." for kind, rid in col.broken if kind == "actor"} if col.broken else ()
    for fl, it, sub in linker.flag_reads:
        if fl in linker.flags_set or fl in reported or fl in col.broken_flags:
            continue
        if broken_actors and fl.startswith(tuple(broken_actors)):
            continue
        reported.add(fl)
        hint = suggest(fl, linker.flags_set)
        col.add(it.file, it.path + sub, f"flag '{fl}' is read but never set",
                f"did you mean '{hint}'?" if hint else "set it in an effect or remove the test", "warning", code="unset-flag")
        _at_word(col, it.file, it.path + sub, fl)
    read = {fl for fl, _, _ in linker.flag_reads}
    for fid, it in linker.by_kind["flag"].items():
        if ": " in it.model.label:
            col.add(it.file, it.path + ("label",), "a flag's label cannot hold ': ' (screens write 'now: <label>')",
                    "reword it without the colon", code="flag-label")
        if fid not in linker.flags_set and fid not in read:
            hint = suggest(fid, linker.flags_set | read)
            col.add(it.file, it.path + ("id",), f"words for flag '{fid}', which no effect sets and no rule reads",
                    f"did you mean '{hint}'?" if hint else "use the flag's name as effects set it, e.g. 'basra.offensive_begun'",
                    "warning", code="unknown-flag")
    if col.broken_files:
        col.problems = _hold_back(col.problems, col)
    if col.broken:
        col.problems = _drop_cascades(col.problems, col.broken)
    if folders[0][1] == 1:  # (no base layer: an extends that named no scenario is reported, its echoes are not)
        col.problems = _hold_back_for_base(col.problems)
    if changed and col.problems:
        col.problems = _blame_mods(col.problems, changed)
    if col.errors and len(folders) > 1:
        col.problems += _partial_overrides(col.problems, files)
    # a rule checked more than once (an order's, once per region it can target) reports a problem once
    col.problems = list(dict.fromkeys(col.problems))
    if col.errors:
        return None, col.problems
    if codegen:  # the hash ties saves to the content; check mode makes no playable scenario
        h = hashlib.sha256()
        name_of = {layer: _hashed_names(folder, layer) for folder, layer in folders}
        for f, layer in files:
            h.update(name_of[layer](f.path).encode())
            h.update(f.raw if f.raw is not None else f.text.encode())
        scenario.content_hash = h.hexdigest()[:16]
    scenario.root = str(root)
    scenario.warnings = list(col.problems)
    scenario.mods = tuple(str(x) for x in mods)
    return scenario, col.problems


def load(path: str | os.PathLike, mods: list | tuple = ()) -> Scenario:
    """Load a scenario; raise ContentError with every problem if it has errors."""
    scenario, problems = check(path, mods)
    if scenario is None:
        raise ContentError(problems)
    return scenario
