"""Installed mods: the mods/ folder and its stated load order.

    mods/                         ($CEASEFIRE_MODS, else the project's mods/ folder)
      basra_2008/                 mods for the scenario whose id is basra_2008
        load_order.toml           optional: order = ["water_crisis", ...], disabled = ["..."]
        water_crisis/             one mod: .toml files, exactly as for --mod DIR
        teacher_notes/

The load order, stated once (docs/modding.md says the same):

1. the scenario's base, if its scenario.toml says `extends = "<folder>"`;
2. the scenario folder;
3. the installed mods of mods/<scenario id>/: those named in load_order.toml's `order`, in that
   order, then any others by folder name (A to Z); a folder named in `disabled` is skipped;
4. each --mod DIR, in the order given on the command line.

A later layer replaces an entry of the same kind and id; `validate` reports two mods replacing the
same entry. `--no-mods` leaves the mods/ folder out (the scenario as shipped, plus any --mod).
"""

from __future__ import annotations

import os
from pathlib import Path

import tomli

from game.content.problems import Problem
from game.expr.compiler import suggest

ENV_DIR = "CEASEFIRE_MODS"
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "mods"
ORDER_FILE = "load_order.toml"


def mods_dir(override: str | os.PathLike | None = None) -> Path:
    """--mods-dir, else $CEASEFIRE_MODS, else the project's mods/ folder."""
    return Path(override or os.environ.get(ENV_DIR) or DEFAULT_DIR)


def _shown(path: Path) -> str:
    """Relative to the working folder when inside it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path.resolve())


def scenario_id(scenario_ref: str | os.PathLike) -> str | None:
    """The id a scenario folder (or a shipped scenario's name) declares, without loading it."""
    from game.content.loader import resolve_scenario
    from game.errors import ContentError

    try:
        root = resolve_scenario(scenario_ref)
        data = tomli.loads((root / "scenario.toml").read_text("utf-8-sig"))
    except (ContentError, OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return None
    sid = data.get("scenario", {}).get("id") if isinstance(data.get("scenario"), dict) else None
    return sid if isinstance(sid, str) else None


def _known_ids(sid: str) -> list[str]:
    """The ids of the shipped scenarios (read from their scenario.toml), and `sid`."""
    from game.content.loader import available_scenarios

    ids = {sid}
    for name in available_scenarios():
        ids.add(scenario_id(name) or name)
    return sorted(ids)


# the folders inside a mod that docs/modding.md and `ceasefire new` make
_MOD_INSIDE = ("events", "codex")


def _stray(base: Path, sid: str) -> list[Problem]:
    """What lies in mods/ outside any mods/<scenario id>/ folder, so that nothing loads it.

    Runs once per command, over the top level of mods/ only (a few entries)."""
    problems: list[Problem] = []
    known = None
    for p in sorted(base.iterdir(), key=lambda p: p.name):
        if p.name.startswith((".", "_")):
            continue
        if p.is_file():
            if p.suffix == ".toml":
                problems.append(Problem(_shown(p), None, None, "", "a .toml file directly in the mods folder is not loaded",
                                        f"put it in a mod folder: {_shown(base / sid / 'my_mod' / p.name)}", "warning",
                                        code="mod-not-loaded"))
            continue
        if not p.is_dir():
            continue
        if known is None:
            known = _known_ids(sid)
        if p.name in known:
            continue
        hint = suggest(p.name, known)
        ids = ", ".join(known)
        if hint:
            fix = f"did you mean '{hint}'? rename the folder to {_shown(base / hint)}"
        elif any(p.glob("*.toml")):  # a mod folder put directly in mods/: the scenario level is missing
            fix = f"a mod goes in mods/<scenario id>/<mod>/: move it to {_shown(base / sid / p.name)} (scenario ids: {ids})"
        else:
            fix = f"name the folder after a scenario id (scenario ids: {ids})"
        problems.append(Problem(_shown(p), None, None, "",
                                f"'{p.name}' is not a scenario id, so no mod in this folder is loaded", fix, "warning",
                                code="mod-not-loaded"))
    return problems


def _unread(mod: Path) -> list[Problem]:
    """Files of a mod folder that look meant as content but are not read, since only names ending
    in exactly .toml are: 'reactions.toml.txt' (an editor that adds .txt and hides it),
    'Events.TOML', 'events.tml'. Backups ('x.toml.bak', 'x.toml~') are left alone."""
    problems: list[Problem] = []
    for p in sorted(mod.rglob("*")):
        rel = p.relative_to(mod).parts
        if p.suffix == ".toml" or any(part.startswith((".", "_")) for part in rel) or not p.is_file():
            continue
        name = p.name
        low = name.lower()
        if low.endswith(".toml"):
            why, right = "the ending .toml must be in lower case", name[:-5] + ".toml"
        elif low.endswith(".toml.txt"):
            why, right = "its name ends in .txt, not .toml (some editors add .txt and hide it)", name[:-4]
        elif low.endswith((".tml", ".tom", ".tmol", ".toml ")):
            why, right = "only files whose names end in .toml are read", name[:name.lower().rindex(".t")] + ".toml"
        else:
            continue
        problems.append(Problem(_shown(p), None, None, "", f"'{name}' is not read: {why}",
                                f"rename it {right}" + (" (in a Save As dialog, choose the type 'All files')"
                                                        if low.endswith(".txt") else ""),
                                "warning", code="unread-file"))
    return problems


def installed(sid: str, root: str | os.PathLike | None = None) -> tuple[list[Path], list[Problem]]:
    """The installed mods of scenario `sid` in load order, and any problem with load_order.toml
    or with something in mods/<sid>/ that is not loaded (a loose .toml file, an empty mod folder)."""
    folder = mods_dir(root) / sid
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], problems
    mods = []
    for p in sorted(folder.iterdir(), key=lambda p: p.name):
        if p.name.startswith((".", "_")):
            continue
        if p.is_dir():
            mods.append(p)
        elif p.suffix == ".toml" and p.name != ORDER_FILE and p.is_file():
            if suggest(p.stem, ["load_order"]) or "order" in p.stem.lower():  # loadorder.toml, load-order.toml
                problems.append(Problem(_shown(p), None, None, "", f"'{p.name}' is not read: the load order file is named {ORDER_FILE}",
                                        f"rename it {_shown(folder / ORDER_FILE)}", "warning", code="mod-not-loaded"))
                continue
            # a mod's inside spread into mods/<id>/ (reactions.toml beside events/ and codex/): each of those
            # folders loads as a mod of its own, so the fix moves them too
            inner = [d.name for d in sorted(folder.iterdir()) if d.is_dir() and d.name in _MOD_INSIDE]
            fix = (f"move it into a mod folder, e.g. {_shown(folder / 'my_mod' / p.name)}" if not inner else
                   f"move it, and the folder{'s' if len(inner) > 1 else ''} {', '.join(d + '/' for d in inner)} beside it, "
                   f"into one mod folder, e.g. {_shown(folder / 'my_mod')}{os.sep} (each folder here loads as a mod of its own)")
            problems.append(Problem(_shown(p), None, None, "",
                                    f"a .toml file directly in {_shown(folder)} is not loaded: a mod is a folder",
                                    fix, "warning", code="mod-not-loaded"))
    by_name = {p.name: p for p in mods}
    order: list[str] = []
    disabled: set[str] = set()
    spec = folder / ORDER_FILE
    if spec.is_file():
        shown = _shown(spec)
        from game.content.files import decode, toml_problem

        text, problem = decode(spec.read_bytes(), shown)
        data = {}
        if problem is not None:
            problems.append(problem)
        else:
            try:
                data = tomli.loads(text)
            except tomli.TOMLDecodeError as exc:
                problems.append(toml_problem(shown, text, exc,
                                             'write order = ["mod_a", "mod_b"] and, if needed, disabled = ["mod_c"]'))
        loc = None

        def at(path: tuple) -> tuple[int | None, int | None]:
            nonlocal loc
            if loc is None:
                from game.content.locate import Locator

                loc = Locator(text)
            return loc.line_col(path)

        for key, value in data.items():
            if key not in ("order", "disabled"):
                hint = suggest(key, ("order", "disabled"))
                problems.append(Problem(shown, *at((key,)), key, f"unknown key '{key}'",
                                        (f"did you mean '{hint}'? " if hint else "")
                                        + "use 'order' (a list of mod folders) or 'disabled'", "warning", code="unknown-key"))
                continue
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                example = value if isinstance(value, str) else next(iter(by_name), "water_crisis")
                problems.append(Problem(shown, *at((key,)), key, f"'{key}' must be a list of mod folder names",
                                        f'write a list in square brackets, even of one: {key} = ["{example}"]', code="wrong-type"))
                continue
            for i, name in enumerate(value):
                if name not in by_name:
                    known = ", ".join(by_name) or "none"
                    hint = suggest(name, by_name)
                    problems.append(Problem(shown, *at((key, i)), f"{key}[{i}]", f"no mod folder '{name}' in {_shown(folder)}",
                                            (f"did you mean '{hint}'?" if hint else "fix the name or remove it")
                                            + f" (mod folders here: {known})", "warning", code="mod-not-found"))
            if key == "order":
                order = [n for n in dict.fromkeys(value) if n in by_name]
            else:
                disabled = set(value)
        for i, name in enumerate(data.get("disabled", []) if isinstance(data.get("disabled"), list) else []):
            if name in order:  # named in both: disabled wins, which the order seems not to expect
                problems.append(Problem(shown, *at(("disabled", i)), f"disabled[{i}]",
                                        f"mod '{name}' is both in 'order' and 'disabled': it is not loaded",
                                        "take it out of one of the two lists", "warning", code="mod-order"))
    ordered = [by_name[n] for n in order] + [p for p in mods if p.name not in order]
    found = []
    for p in ordered:
        if p.name in disabled:
            continue
        more = _mod_problems(p)
        problems += more
        if not any(q.code == "mod-empty" for q in more):
            found.append(p)
    return found, problems


def installed_elsewhere(sid: str, root: str | os.PathLike | None = None) -> list[tuple[str, list[str]]]:
    """The mods installed for the other scenarios: (scenario id, its mod folders' names holding .toml files),
    for a scenario that loaded none (a mod put in mods/basra_short/ and validated with basra_2008)."""
    base = mods_dir(root)
    if not base.is_dir():
        return []
    found = []
    known = None
    for folder in sorted(base.iterdir(), key=lambda p: p.name):
        if folder.name == sid or folder.name.startswith((".", "_")) or not folder.is_dir():
            continue
        if known is None:
            known = _known_ids(sid)
        if folder.name not in known:
            continue  # (a folder named after no scenario: reported as mod-not-loaded)
        names = [m.name for m in sorted(folder.iterdir(), key=lambda p: p.name)
                 if m.is_dir() and not m.name.startswith((".", "_")) and any(m.rglob("*.toml"))]
        if names:
            found.append((folder.name, names))
    return found


def _mod_problems(mod: Path) -> list[Problem]:
    """A mod folder's files that are not read, and a warning when it holds no .toml file at all."""
    problems = _unread(mod)
    if not any(mod.rglob("*.toml")):
        problems.append(Problem(_shown(mod), None, None, "", f"mod folder '{mod.name}' has no .toml files: it adds nothing",
                                "put the mod's content files (e.g. events/my_event.toml) in it, or remove the folder",
                                "warning", code="mod-empty"))
    return problems


def with_installed(scenario_ref: str | os.PathLike, extra: list | tuple = (), use_installed: bool = True,
                   root: str | os.PathLike | None = None) -> tuple[list[str], list[Problem]]:
    """Every mod folder to load over `scenario_ref`, in load order: the installed ones, then `extra`;
    and the problems of the mods folder (its load_order.toml, anything in it that is not loaded)."""
    problems = [q for m in extra if Path(m).is_dir() for q in _mod_problems(Path(m))]
    if not use_installed:
        return [str(m) for m in extra], problems
    base = mods_dir(root)
    if not base.is_dir():
        named = root or os.environ.get(ENV_DIR)
        if named:
            problems.append(Problem(str(named), None, None, "",
                                    ("$" + ENV_DIR if not root else "the mods folder") + f" points at {_shown(base)}, "
                                    + ("which is not a folder" if base.exists() else "which does not exist")
                                    + ": no installed mods are loaded",
                                    "create the folder, or fix the path" + ("" if root else f" (or unset {ENV_DIR})"),
                                    "warning", code="mod-not-loaded"))
        return [str(m) for m in extra], problems
    sid = scenario_id(scenario_ref)
    if sid is None:
        return [str(m) for m in extra], problems
    problems += _stray(base, sid)
    found, more = installed(sid, root)
    problems += more
    explicit = {Path(m).resolve() for m in extra}
    seen: set = set()  # a --mod DIR that is also installed is scanned twice: say it once
    problems = [q for q in problems if not ((q.file, q.message) in seen or seen.add((q.file, q.message)))]
    return [str(p) for p in found if p.resolve() not in explicit] + [str(m) for m in extra], problems
