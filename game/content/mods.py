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
        data = tomli.loads((root / "scenario.toml").read_text("utf-8"))
    except (ContentError, OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return None
    sid = data.get("scenario", {}).get("id") if isinstance(data.get("scenario"), dict) else None
    return sid if isinstance(sid, str) else None


def installed(sid: str, root: str | os.PathLike | None = None) -> tuple[list[Path], list[Problem]]:
    """The installed mods of scenario `sid` in load order, and any problem with load_order.toml."""
    folder = mods_dir(root) / sid
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], problems
    mods = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))),
                  key=lambda p: p.name)
    by_name = {p.name: p for p in mods}
    order: list[str] = []
    disabled: set[str] = set()
    spec = folder / ORDER_FILE
    if spec.is_file():
        shown = _shown(spec)
        try:
            data = tomli.loads(spec.read_text("utf-8"))
        except (UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
            problems.append(Problem(shown, getattr(exc, "lineno", None), getattr(exc, "colno", None), "",
                                    f"invalid TOML: {getattr(exc, 'msg', exc)}",
                                    'write order = ["mod_a", "mod_b"] and, if needed, disabled = ["mod_c"]'))
            data = {}
        for key, value in data.items():
            if key not in ("order", "disabled"):
                problems.append(Problem(shown, None, None, key, f"unknown key '{key}'",
                                        "use 'order' (a list of mod folders) or 'disabled'", "warning"))
                continue
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                problems.append(Problem(shown, None, None, key, f"'{key}' must be a list of mod folder names",
                                        f'e.g. {key} = ["water_crisis"]'))
                continue
            for name in value:
                if name not in by_name:
                    known = ", ".join(by_name) or "none"
                    problems.append(Problem(shown, None, None, key, f"no mod folder '{name}' in {_shown(folder)}",
                                            f"fix the name or remove it (mod folders here: {known})", "warning"))
            if key == "order":
                order = [n for n in dict.fromkeys(value) if n in by_name]
            else:
                disabled = set(value)
    ordered = [by_name[n] for n in order] + [p for p in mods if p.name not in order]
    return [p for p in ordered if p.name not in disabled and any(p.rglob("*.toml"))], problems


def with_installed(scenario_ref: str | os.PathLike, extra: list | tuple = (), use_installed: bool = True,
                   root: str | os.PathLike | None = None) -> tuple[list[str], list[Problem]]:
    """Every mod folder to load over `scenario_ref`, in load order: the installed ones, then `extra`."""
    if not use_installed:
        return [str(m) for m in extra], []
    sid = scenario_id(scenario_ref)
    if sid is None:
        return [str(m) for m in extra], []
    found, problems = installed(sid, root)
    explicit = {Path(m).resolve() for m in extra}
    return [str(p) for p in found if p.resolve() not in explicit] + [str(m) for m in extra], problems
