"""Migrations of older save formats to the current one, one version at a time.

Format 0 (the prototype) had `version: 0` and no `format`; it named the scenario `scenario_id`,
the content hash `hash`, kept `fired_turns` (event -> the turns it fired) instead of `fired` and
`last_fired`, had no `forced_ending`, and no real date, in-game date or summary.
Format 1 (the first release) had neither slot names nor a checksum.
Format 2 is the current one (see savefile.SaveFile): slot names, a game id, a checksum written first that
hashes every byte after it, and reports and news written against a string table (`strings`).
Migrations work on the unpacked form (the state as State.to_json gives it).
"""

from __future__ import annotations

import json
from pathlib import Path

from game.errors import SaveError


def version_of(data, path: Path) -> int:
    """The format version of a parsed save, or SaveError if it is not a Ceasefire save at all."""
    if not isinstance(data, dict):
        raise SaveError(f"{path}: not a Ceasefire save file (JSON, but not a save's header); "
                        "a save is a .json file the game wrote (`ceasefire saves` lists them)")
    if "format" in data:
        fmt = data["format"]
    elif "version" in data and "scenario_id" in data:
        fmt = data["version"]
    else:
        raise SaveError(f"{path}: not a Ceasefire save file (JSON, but its header has no format version); "
                        "a save is a .json file the game wrote (`ceasefire saves` lists them)")
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 0:
        raise SaveError(f"{path}: the save's format version {json.dumps(fmt)[:20]} is not a whole number (the file was "
                        "edited or damaged); use an autosave or another save instead")
    return fmt


def _v0_to_v1(d: dict) -> dict:
    state = dict(d["state"])
    fired_turns = state.pop("fired_turns")
    state["fired"] = {k: len(v) for k, v in fired_turns.items()}
    state["last_fired"] = {k: max(v) for k, v in fired_turns.items() if v}
    state.setdefault("forced_ending", None)
    return {
        "format": 1, "game": "ceasefire", "scenario": d["scenario_id"], "scenario_path": "", "mods": [],
        "content_hash": d["hash"], "seed": d["seed"], "difficulty": d.get("difficulty"), "saved_at": "",
        "turn": d["turn"], "date": "", "summary": "", "choices": d["choices"], "state": state,
    }


def _v1_to_v2(d: dict) -> dict:
    return {**d, "format": 2, "slots": [], "app_version": "", "game_id": "", "checksum": ""}


STEPS = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: dict, path: Path) -> dict:
    """Bring a save dict up to the current format; SaveError if an old file is damaged."""
    fmt = version_of(data, path)
    while fmt in STEPS:
        try:
            data = STEPS[fmt](data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SaveError(f"{path}: a damaged save of format {fmt} (cannot upgrade it: "
                            f"{type(exc).__name__} {exc}); use an autosave or another save instead") from None
        fmt += 1
    return data
