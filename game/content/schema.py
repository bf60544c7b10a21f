"""JSON Schemas of the content files, generated from the pydantic models, and the field reference.

One schema per kind of content file (`schema/event.schema.json` for files of [[event]] tables, and
so on) plus `content.schema.json`, which accepts any mix of kinds and a mod's [remove] table. The
models' field descriptions become the schemas' `description`s, which editors (Taplo / Even Better
TOML) show as hover text. The shipped copies live in schema/ and tests fail when they drift.

The same models produce the field reference in docs/modding.md (`reference_markdown`).
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path

from pydantic import TypeAdapter

from game.content import models as m

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
DRAFT = "http://json-schema.org/draft-07/schema#"

# kind name (also the schema file's stem) -> top-level TOML key
KINDS: dict[str, str] = {kind: key for key, (kind, model, _) in m.FILE_KINDS.items() if model is not None}

# what each top-level key holds, for hover text on the key itself
_KEY_DOC = {
    "scenario": "The [scenario] table: what is played, for how long and from where.",
    "metric": "National metrics, one [[metric]] table each.",
    "region": "Regions of the map, one [[region]] table each.",
    "actor": "Actors (factions and powers), one [[actor]] table each.",
    "action": "Orders the player can give, one [[action]] table each.",
    "event": "Event cards, one [[event]] table each, with [[event.option]] choices.",
    "reaction": "Reaction rules, one [[reaction]] table each.",
    "move": "Actors' own moves, one [[move]] table each.",
    "dynamic": "Per-turn rules of the world, one [[dynamic]] table each.",
    "ending": "Endings, one [[ending]] table each.",
    "entry": "Codex articles, one [[entry]] table each.",
    "policy": "Simulated players for balance testing, one [[policy]] table each.",
    "flag": "Flags in words, one [[flag]] table each: how a status set by effects reads to players.",
    "remove": "Mods only: entries of the layers below to remove, by kind, e.g. event = ['basra.x']; "
              "chains_to = ['basra.x'] drops the chains and schedule effects that lead to those events.",
}

_REMOVE = {
    "type": "object",
    "description": _KEY_DOC["remove"],
    "additionalProperties": False,
    "properties": {
        key: {"type": "array", "items": {"type": "string"}, "description": f"Ids of {kind} entries to remove."}
        for key, (kind, model, _) in m.FILE_KINDS.items() if model is not None and key != "scenario"
    } | {"chains_to": {"type": "array", "items": {"type": "string"},
                       "description": "Event ids: every option's chain and every schedule effect that leads to one "
                                      "of them is dropped (e.g. to events removed here), instead of being an error."}},
}


def _clean(node):
    """Make pydantic's output friendlier to draft-07 editors: drop per-field titles (hover shows
    the description) and turn `prefixItems` (2020-12 tuples) into draft-07 `items` arrays."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                out[k] = {name: _clean({kk: vv for kk, vv in prop.items() if kk != "title"}) for name, prop in v.items()}
            elif k == "prefixItems":
                out["items"] = _clean(v)
            else:
                out[k] = _clean(v)
        return out
    if isinstance(node, list):
        return [_clean(x) for x in node]
    return node


def _model_part(key: str) -> tuple[dict, dict]:
    """(schema of the value under `key`, its $defs)."""
    _, model, is_list = m.FILE_KINDS[key]
    adapter = TypeAdapter(list[model] if is_list else model)
    s = adapter.json_schema(by_alias=True, mode="validation")
    defs = s.pop("$defs", {})
    if is_list:
        s["description"] = _KEY_DOC[key]
    else:
        # the scenario model itself: keep it inline, described by its docstring
        s["description"] = _KEY_DOC[key]
    return s, defs


def file_schema(kind: str) -> dict:
    """The JSON Schema of a content file of one kind ('event', 'action', ...) or 'content' (any)."""
    keys = list(KINDS.values()) if kind == "content" else [KINDS[kind]]
    props: dict = {}
    defs: dict = {}
    for key in keys:
        s, d = _model_part(key)
        props[key] = s
        defs.update(d)
    if kind != "scenario":  # the game reads a mod's [remove] table in any content file
        props["remove"] = _REMOVE
    if kind == "content":
        title = "Ceasefire content file (any kind)"
        desc = "A scenario or mod file holding any mix of kinds of content, and a mod's [remove] table."
    else:
        title = f"Ceasefire {kind} file"
        desc = f"A content file of [[{keys[0]}]] tables." if kind != "scenario" else "A scenario's scenario.toml."
    schema = {
        "$schema": DRAFT,
        "$id": f"https://ceasefire.invalid/schema/{kind}.schema.json",
        "title": title,
        "description": desc + " Generated from game/content/models.py by `ceasefire schema`; do not edit.",
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    _accept_single_strings(schema)
    return _clean(schema)


# fields whose "before" validators also accept a single string for a list (see models.ReactionRule)
_LISTIFIED = {"ReactionRule": ("on_action", "on_target", "on_option", "on_event")}


def _accept_single_strings(schema: dict):
    for model_name, fields in _LISTIFIED.items():
        node = schema.get("$defs", {}).get(model_name)
        if node is None:
            continue
        for name in fields:
            prop = node["properties"][name]
            desc = prop.pop("description", None)
            default = prop.pop("default", None)
            node["properties"][name] = {"anyOf": [{"type": "string"}, prop], "default": default, "description": desc}


def load_order_schema() -> dict:
    """The JSON Schema of mods/<scenario id>/load_order.toml (game/content/mods.py reads it). Without it an
    editor gives the file the any-content schema, which marks 'order' and 'disabled' as unknown keys."""
    names = {"type": "array", "items": {"type": "string"}}
    return {
        "$schema": DRAFT,
        "$id": "https://ceasefire.invalid/schema/load_order.schema.json",
        "title": "Ceasefire installed mods: load order",
        "description": "mods/<scenario id>/load_order.toml: in which order the installed mods of a scenario load. "
                       "Generated by `ceasefire schema`; do not edit.",
        "type": "object",
        "properties": {
            "order": {**names, "description": "Mod folders of this folder that load first, in this order; the others "
                                              "follow by folder name (A to Z). A later mod replaces what an earlier one "
                                              "replaced."},
            "disabled": {**names, "description": "Mod folders of this folder that are not loaded."},
        },
        "additionalProperties": False,
    }


def all_schemas() -> dict[str, dict]:
    """File name -> schema, for every shipped schema."""
    names = list(KINDS) + ["content"]
    return {**{f"{k}.schema.json": file_schema(k) for k in names}, "load_order.schema.json": load_order_schema()}


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        p = out / name
        p.write_text(dumps(schema), encoding="utf-8")
        written.append(p)
    return written


def drift(folder: Path = SCHEMA_DIR) -> list[str]:
    """Names of shipped schema files that differ from the models (or are missing or extra)."""
    folder = Path(folder)
    want = {name: dumps(s) for name, s in all_schemas().items()}
    have = {p.name: p.read_text("utf-8") for p in folder.glob("*.schema.json")} if folder.is_dir() else {}
    return sorted(n for n in want.keys() | have.keys() if want.get(n) != have.get(n))


# ---------------------------------------------------------------- the field reference (Markdown)

REF_START = "<!-- reference:start (generated by `ceasefire schema --docs docs/modding.md`; do not edit) -->"
REF_END = "<!-- reference:end -->"


def _is_expr_meta(metadata) -> bool:
    """True for the metadata of `models.Expr` (text of at most 600 characters)."""
    for a in metadata:
        if getattr(a, "max_length", None) == 600:
            return True
        if any(getattr(x, "max_length", None) == 600 for x in getattr(a, "metadata", ())):
            return True
    return False


def _type_name(ann) -> str:
    origin = typing.get_origin(ann)
    args = typing.get_args(ann)
    if ann is type(None):
        return "none"
    if origin is typing.Annotated:
        base = args[0]
        if base is str and _is_expr_meta(getattr(ann, "__metadata__", ())):
            return "expression"
        # a discriminated union of effect tables
        if typing.get_origin(base) is typing.Union and all(
            isinstance(a, type) or typing.get_origin(a) is typing.Annotated for a in typing.get_args(base)
        ) and any("Effect" in str(a) for a in typing.get_args(base)):
            return "effect"
        return _type_name(base)
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        if names == ["number", "expression"]:
            return "number or expression"
        return " or ".join(dict.fromkeys(names))
    if origin is typing.Literal:
        return " | ".join(repr(a).replace("'", '"') for a in args)
    if origin in (list, tuple):
        if origin is tuple:
            return "[" + ", ".join(_type_name(a) for a in args) + "]"
        return "list of " + _type_name(args[0])
    if origin is dict:
        return "table of " + _type_name(args[1])
    if isinstance(ann, type):
        if issubclass(ann, m.Model):
            return ann.__name__.lower() if ann.__name__ not in ("Range", "Chain", "Roll", "Difficulty", "WeightMod", "Option") else {
                "Range": "range", "Chain": "chain", "Roll": "roll", "Difficulty": "difficulty",
                "WeightMod": "weight mod", "Option": "option"}[ann.__name__]
        return {str: "text", int: "whole number", float: "number", bool: "true/false"}.get(ann, ann.__name__)
    if "date" in str(ann):
        return "date"
    return str(ann)


def _default(info) -> str:
    from pydantic_core import PydanticUndefined

    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.default_factory()
    else:
        value = info.default
    if value is PydanticUndefined:
        return ""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    if isinstance(value, (list, dict, tuple)):
        return "`" + json.dumps(value) + "`" if value else ("`[]`" if isinstance(value, (list, tuple)) else "`{}`")
    return f"`{value:g}`" if isinstance(value, float) else f"`{value}`"


def _table(model: type[m.Model]) -> list[str]:
    lines = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        desc = (info.description or "").replace("|", "\\|")
        kind = "expression" if info.annotation is str and _is_expr_meta(info.metadata) else _type_name(info.annotation)
        lines.append(f"| `{key}` | {kind.replace('|', '/')} | {_default(info)} | {desc} |")
    return lines


_SECTIONS = [
    ("scenario", "`[scenario]` — scenario.toml", m.Scenario),
    ("difficulty", "`[scenario.difficulty.<id>]` — a difficulty preset", m.Difficulty),
    ("metric", "`[[metric]]`", m.Metric),
    ("region", "`[[region]]`", m.Region),
    ("actor", "`[[actor]]`", m.Actor),
    ("range", "A range (`attributes.<name> = { ... }` of actors and regions)", m.Range),
    ("action", "`[[action]]`", m.Action),
    ("event", "`[[event]]`", m.Event),
    ("option", "`[[event.option]]`", m.Option),
    ("weight_mod", "`weight_mods = [{ ... }]` of an event", m.WeightMod),
    ("chain", "`chain = { ... }` of an option, and `schedule = { ... }` effects", m.Chain),
    ("reaction_inline", "`reactions = [{ ... }]` of actions and options", m.Reaction),
    ("reaction", "`[[reaction]]` — a reactions-file rule (the keys above, plus)", m.ReactionRule),
    ("move", "`[[move]]`", m.Move),
    ("dynamic", "`[[dynamic]]`", m.Dynamic),
    ("ending", "`[[ending]]`", m.Ending),
    ("entry", "`[[entry]]` — a codex article", m.CodexEntry),
    ("policy", "`[[policy]]` — a simulated player", m.PolicySpec),
    ("flag", "`[[flag]]` — a flag in words", m.Flag),
]

_EFFECTS = [
    (m.AddEffect, "add"), (m.SetEffect, "set"), (m.MultiplyEffect, "multiply"), (m.SetFlagEffect, "set_flag"),
    (m.ClearFlagEffect, "clear_flag"), (m.ScheduleEffect, "schedule"), (m.EndEffect, "end"), (m.NewsEffect, "news"),
    (m.RollEffect, "roll"),
]


def reference_markdown() -> str:
    """The field reference of every content table, generated from the models."""
    from game.expr.functions import FUNCTIONS

    out = ["## Field reference", "",
           "Generated from `game/content/models.py`; the same descriptions appear as hover text in your editor.", ""]
    for anchor, title, model in _SECTIONS:
        out.append(f"### {title}")
        out.append("")
        if model.__doc__:
            out.append(model.__doc__.strip().splitlines()[0])
            out.append("")
        if model is m.ReactionRule:
            base = set(m.Reaction.model_fields)
            lines = _table(model)
            keep = lines[:2] + [ln for ln, (name, _) in zip(lines[2:], model.model_fields.items()) if name not in base or name == "id"]
            out.extend(keep)
        else:
            out.extend(_table(model))
        out.append("")
    out += ["### Effects", "",
            "An effect is an inline table with exactly one of these keys, plus optional `when` (apply only while this "
            "condition holds) and `why` (a sentence for the turn report).", "",
            "| key | value | meaning |", "|---|---|---|"]
    for model, key in _EFFECTS:
        info = model.model_fields[key]
        out.append(f"| `{key}` | {_type_name(info.annotation).replace('|', '/')} | {(info.description or '').replace('|', chr(92) + '|')} |")
    out += ["", "A `roll` holds:", ""] + _table(m.Roll) + [""]
    out += ["### Expression functions", "", "| function | meaning |", "|---|---|"]
    for spec in FUNCTIONS.values():
        args = ", ".join(spec.params)
        out.append(f"| `{spec.name}({args})` | {spec.doc} |")
    out.append("")
    return "\n".join(out)


CODES_START = "<!-- codes:start (generated by `ceasefire schema --docs docs/modding.md`; do not edit) -->"
CODES_END = "<!-- codes:end -->"


def codes_markdown() -> str:
    """The table of validate's problem codes (problems.CODES)."""
    from game.content.problems import CODES

    return "\n".join(["| code | what it finds |", "|---|---|"] + [f"| `{code}` | {what} |" for code, what in CODES.items()])


def splice_reference(text: str) -> str:
    """Replace the generated blocks of a Markdown text (between their markers) with fresh ones: the
    field reference (added at the end when its markers are missing) and, where its markers are, the
    table of problem codes."""
    start = text.find(CODES_START)
    end = text.find(CODES_END)
    if 0 <= start < end:
        text = text[:start] + CODES_START + "\n\n" + codes_markdown() + "\n\n" + CODES_END + text[end + len(CODES_END):]
    start = text.find(REF_START)
    end = text.find(REF_END)
    block = REF_START + "\n\n" + reference_markdown() + "\n" + REF_END
    if start < 0 or end < start:
        return text.rstrip("\n") + "\n\n" + block + "\n"
    return text[:start] + block + text[end + len(REF_END):]


def cli_schema(args) -> int:
    """`ceasefire schema [--out DIR] [--check] [--docs FILE]`."""
    import sys

    if args.check:
        bad = drift(Path(args.out) if args.out else SCHEMA_DIR)
        docs_stale = False
        if args.docs:
            text = Path(args.docs).read_text("utf-8")
            docs_stale = splice_reference(text) != text
        for name in bad:
            print(f"schema drift: {name} differs from the models", file=sys.stderr)
        if docs_stale:
            print(f"schema drift: the field reference or the problem codes in {args.docs} are out of date", file=sys.stderr)
        if bad or docs_stale:
            print("fix: run `ceasefire schema" + (f" --docs {args.docs}" if args.docs else "") + "`", file=sys.stderr)
            return 1
        print("ok: the shipped schemas match the models")
        return 0
    for p in write_schemas(Path(args.out) if args.out else SCHEMA_DIR):
        print(f"wrote {p}")
    if args.docs:
        doc = Path(args.docs)
        text = doc.read_text("utf-8") if doc.exists() else "# Modding Ceasefire\n"
        doc.write_text(splice_reference(text), encoding="utf-8")
        print(f"refreshed the field reference and the problem codes in {doc}")
    return 0
