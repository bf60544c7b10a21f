"""Pass 1, shape: each entry of each file validated by its model; an entry that fails is kept aside with
what failed, so that pass 2 can still check its expressions and not report references to it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import ValidationError

from game.content import models as m
from game.content.files import KIND_OF_KEY, MAX_ITEMS, _Collector, _File, _Item
from game.content.shape_errors import _normalize_loc, _pydantic_problems, _shown_value, _table_lists
from game.expr.compiler import flag_name, suggest


def _key_above_header(key: str, value, data: dict) -> tuple[str, str] | None:
    """(message, fix) for a top-level key that is not a kind of content but a key of one: written
    above the first table header, where it belongs to no table (`turns = 8` above [scenario], `id`
    above [[event]]), or a table of the scenario written on its own ([difficulty.hard]). None
    otherwise. (Only on this error's path.)"""
    if key == "difficulty" and isinstance(value, dict):
        name = next(iter(value), "normal")
        return (f"[difficulty.{name}] is not a kind of content: difficulty presets belong to the scenario",
                f"write the header [scenario.difficulty.{name}], in scenario.toml")
    if isinstance(value, dict) or (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
        return None  # a table or [[list]] of its own: not a key that lost its table
    kinds = [k for k in data if k in m.FILE_KINDS and k != "remove"] or list(m.FILE_KINDS)
    owners = [k for k in kinds if m.FILE_KINDS[k][1] is not None and key in m.FILE_KINDS[k][1].model_fields]
    if not owners:
        return None
    header = f"[{owners[0]}]" if owners[0] == "scenario" else f"[[{owners[0]}]]"
    return (f"'{key}' is written above the first table header, so it belongs to no table (TOML gives a key to "
            f"the last header above it)", f"move it below the {header} header it belongs to")


# a table named after what it holds in words of its own: [[codex]] (the folder's name) for [[entry]]
_KIND_WORDS = {"codex": "entry", "codex_entry": "entry", "entries": "entry", "card": "event", "cards": "event"}


def _shape(files: list[tuple[_File, int]], col: _Collector, scenario_file: Path) -> tuple[m.Scenario | None, list[_Item], list]:
    """(the [scenario] table's model, every entry that validated, the [remove] lines) of the files read."""
    shaper = _Shaper(col, scenario_file)
    for f, layer in files:
        shaper.file(f, layer)
    return shaper.scenario, shaper.items, shaper.removes


class _Shaper:
    """Pass 1's shaping, one file at a time (the loader shapes each file as soon as it is parsed, while its
    tables are still in the processor's cache, and lets them go then: see docs/engine.md). Problems go
    to the collector in the order of the files given."""

    def __init__(self, col: _Collector, scenario_file: Path):
        self.col = col
        self.scenario_file = scenario_file
        self.items: list[_Item] = []
        self.removes: list[tuple[_File, str, str, int]] = []
        self.scenario: m.Scenario | None = None
        self.total = 0  # entries seen, in every file
        self.full = False  # more than MAX_ITEMS entries: no more are shaped

    def file(self, f: _File, layer: int) -> None:
        if self.full:
            return
        col = self.col
        items = self.items
        removes = self.removes
        scenario_file = self.scenario_file
        total = self.total
        for key, value in f.data.items():
            if key not in m.FILE_KINDS:
                if key in ("option", "options"):  # [[option]]: an event's choice, written without its event
                    col.add(f, (key,), f"[[{key}]] is not a kind of content: an event's choices are [[event.option]] tables",
                            "write [[event.option]] (below the [[event]] it belongs to)", code="unknown-kind")
                    col.file_lost(f.shown, {"event"})
                    continue
                hint = _KIND_WORDS.get(key.lower()) or suggest(key, m.FILE_KINDS)
                if hint == "entry" and key.lower() != "entry":  # [[codex]]: named after the folder, not the table
                    col.add(f, (key,), f"unknown kind of content '{key}': a codex entry is an [[entry]] table",
                            "write [[entry]] for each codex entry (in any file; the campaign keeps them under codex/)",
                            code="unknown-kind")
                    col.file_lost(f.shown, {KIND_OF_KEY[hint]})
                    continue
                above = None if hint else _key_above_header(key, value, f.data)
                if above is not None:
                    col.add(f, (key,), *above, code="key-above-header")
                    col.file_lost(f.shown, {KIND_OF_KEY[k] for k in f.data if k in m.FILE_KINDS} or None)
                    continue
                col.add(f, (key,), f"unknown kind of content '{key}'",
                        f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(m.FILE_KINDS), code="unknown-kind")
                col.file_lost(f.shown, {KIND_OF_KEY[hint]} if hint else None)  # entries meant as that kind are lost
                continue
            kind, model, is_list = m.FILE_KINDS[key]
            validate = model.__pydantic_validator__.validate_python if model is not None else None  # = model_validate
            if key == "scenario":
                if f.real != scenario_file:
                    if layer >= 2:  # a mod's [scenario] would be dropped: say so (a copied scenario.toml, usually)
                        col.add(f, (key,), "a mod cannot change [scenario] (turns, dates, difficulty...): this table is ignored",
                                "delete it; a mod can add, replace or [remove] entries (e.g. a [[metric]] with another "
                                f"start); to change [scenario], make a scenario beside {scenario_file.parent.name} with "
                                f"extends = \"{scenario_file.parent.name}\" (docs/modding.md, section 10: a teacher's variant)",
                                "warning", code="mod-scenario")
                    elif f.path.name != "scenario.toml":
                        col.add(f, (key,), "a [scenario] table belongs only in scenario.toml", "move it there", code="scenario-table")
                    continue
                if not isinstance(value, dict):
                    col.add(f, (key,), "[scenario] must be a table", "write [scenario] followed by its keys", code="scenario-table")
                    continue
                try:
                    self.scenario = m.Scenario.model_validate(value)
                except ValidationError as exc:
                    _pydantic_problems(col, f, (key,), value, exc.errors(), m.Scenario)
                continue
            if key == "remove":
                if not isinstance(value, dict):
                    col.add(f, (key,), "[remove] must be a table of kind = [ids]", "e.g. [remove] event = ['basra.x']", code="table-shape")
                    continue
                for rkind, ids in value.items():
                    if rkind == "chains_to":  # not a kind of entry: the chains that lead to these events
                        for i, rid in enumerate(ids if isinstance(ids, list) else [ids]):
                            if type(rid) is not str:
                                col.add(f, (key, rkind, i), "event ids in chains_to must be text in quotes",
                                        'e.g. chains_to = ["us.sofa_vote"]', code="remove-id")
                            else:
                                col.chains_to[rid] = (f, (key, rkind, i) if isinstance(ids, list) else (key, rkind))
                        continue
                    if rkind not in m.FILE_KINDS or rkind in ("scenario", "remove"):
                        kinds = [k for k in m.FILE_KINDS if k not in ("scenario", "remove")]
                        hint = suggest(rkind, kinds) or (rkind[:-1] if rkind[:-1] in kinds else None)
                        if rkind == "scenario":
                            col.add(f, (key, rkind), "the [scenario] table cannot be removed",
                                    "delete this line; to change the scenario, make one with extends = \"<its folder>\"", code="scenario-table")
                            continue
                        col.add(f, (key, rkind), f"cannot remove '{rkind}': it is not a kind of entry",
                                f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(kinds)
                                + " (or chains_to = [event ids], to drop the chains that lead to those events)", code="unknown-kind")
                        continue
                    if not isinstance(ids, list):
                        ids = [ids]
                    for i, rid in enumerate(ids):
                        if type(rid) is not str:
                            got = _shown_value(rid) or ("a table" if isinstance(rid, dict) else "a list" if isinstance(rid, list) else type(rid).__name__)
                            col.add(f, (key, rkind, i), f"ids to remove must be text in quotes (got {got})",
                                    f'e.g. {rkind} = ["an.id"]', code="remove-id")
                            continue
                        removes.append((f, KIND_OF_KEY[rkind], rid, layer, (key, rkind, i)))
                continue
            if not isinstance(value, list):
                subs = _table_lists(model) if isinstance(value, dict) and value else ()
                if subs and all(k in subs for k in value):  # only [[event.option]] tables, before any [[event]]
                    sub = next(iter(value))
                    col.add(f, (key, sub), f"[[{key}.{sub}]] comes before any [[{key}]]: an {sub} table must follow its [[{key}]]",
                            f"add the [[{key}]] it belongs to above it", code="table-shape")
                else:
                    col.add(f, (key,), f"'{key}' must be an array of tables", f"write [[{key}]] before each entry", code="table-shape")
                col.file_lost(f.shown, {kind})
                continue
            for i, raw in enumerate(value):
                total += 1
                if total > MAX_ITEMS:
                    col.add(f, (key, i), f"more than {MAX_ITEMS} content entries", "split the scenario", code="too-large")
                    self.full = True
                    return
                if not isinstance(raw, dict):
                    col.add(f, (key, i), f"each {key} must be a table", f"write [[{key}]]", code="table-shape")
                    col.file_lost(f.shown, {kind})
                    continue
                try:
                    obj = validate(raw)
                except ValidationError as exc:
                    errors = exc.errors()
                    _pydantic_problems(col, f, (key, i), raw, errors, model)
                    col.unshaped.append((kind, raw, f, (key, i), layer, {_normalize_loc(raw, tuple(e["loc"]))[0] for e in errors}))
                    _note_broken(col, kind, raw, f)
                    continue
                if kind == "event" and "options" in raw:
                    _plural_options(col, f, i, raw)
                items.append(_Item(kind, obj, f, (key, i), layer))
        self.total = total


def _plural_options(col: _Collector, f: _File, i: int, raw: dict) -> None:
    """A warning at each [[event.options]] table (or options = [...]) of an event that validated:
    the model takes the plural as 'option' without a word, so an author would never learn the
    documented name. (With 'option' beside it, 'options' is an unknown key: an error already.)"""
    tables = raw["options"] if isinstance(raw["options"], list) else [None]
    eid = raw.get("id") if isinstance(raw.get("id"), str) else f"event[{i}]"
    for j in range(len(tables)):
        path = ("event", i, "options", j) if tables != [None] else ("event", i, "options")
        line, _ = f.locate(path)
        if line and f.text.splitlines()[line - 1].lstrip().startswith("[["):
            col.add(f, path, f"event '{eid}': [[event.options]] (plural) is read as [[event.option]], the documented name",
                    "write [[event.option]] (singular)", "warning", code="plural-options")
        else:
            col.add(f, ("event", i, "options"), f"event '{eid}': 'options' (plural) is read as 'option', the documented name",
                    "rename it 'option', or write each as an [[event.option]] table", "warning", code="plural-options")
            break


def _note_broken(col: _Collector, kind: str, raw: dict, f: _File | None = None) -> None:
    """Remember an entry that failed validation: its id (without one, its kind in its file), and the
    flags it would set."""
    rid = raw.get("id")
    if isinstance(rid, str):
        col.broken.add((kind, rid))
        if rid != rid.lower():  # 'US_patience': rules that name it as its fix says ('us_patience') are right
            col.broken.add((kind, rid.lower()))
    elif f is not None:
        col.file_lost(f.shown, {kind})
    actor = raw.get("actor") if isinstance(raw.get("actor"), str) else rid if kind == "actor" else None
    aliases = {"self": actor} if isinstance(actor, str) else None
    if kind == "actor" and isinstance(rid, str) and isinstance(raw.get("flags"), list):
        col.broken_flags.update(f"{rid}.{fl}" for fl in raw["flags"] if isinstance(fl, str))

    def walk(node, aliases):
        if isinstance(node, dict):
            if isinstance(node.get("actor"), str):
                aliases = {"self": node["actor"]}
            for k, v in node.items():
                # a misspelt set_flag ('setflag', 'flag') is its own error: the flag it meant is not "never set" too
                if k == "set_flag" or k == "flag" or (isinstance(k, str) and difflib.get_close_matches(k, ["set_flag"], 1, 0.8)):
                    for name in [v] if isinstance(v, str) else v if isinstance(v, list) else ():
                        if isinstance(name, str):
                            col.broken_flags.add(flag_name(name, aliases))
                else:
                    walk(v, aliases)
        elif isinstance(node, list):
            for v in node:
                walk(v, aliases)

    walk(raw, aliases)
