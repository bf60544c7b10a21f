"""Pydantic's validation errors said in an author's words: the key and line at fault, what is wrong, and a
fix (an example of the right value, the nearest key, the table it belongs to).
"""

from __future__ import annotations

import difflib
import re
import types
import typing

from game.content import models as m
from game.content.files import _Collector, _File
from game.expr.compiler import suggest


_MODEL_NAMES = {c.__name__ for c in vars(m).values() if isinstance(c, type) and issubclass(c, m.BaseModel)}
_TYPE_TAGS = ("function-", "union[", "list[", "dict[", "tuple[", "str", "float", "int", "bool", "constrained-",
              "literal[", "nullable[", "lax-or-strict", "json-or-python", "date")
_EFFECT_TAGS = frozenset(("add", "set", "multiply", "set_flag", "clear_flag", "schedule", "end", "news", "roll"))
_EFFECT_LISTS = frozenset(("effects", "success", "failure"))  # the keys whose lists hold effects
# how a value of a union branch is written, for "expected ..." messages
_EXAMPLES = {"Chain": '{ event = "ns.id", delay = 1 }', "Reaction": '{ actor = "...", add = { stance = 1 }, why = "..." }',
             "WeightMod": '{ factor = 2, when = "..." }', "Range": "{ min = 0, max = 100, start = 50 }",
             "Roll": '{ chance = 0.5, success = [...], failure = [...] }', "Option": '{ id = "yes", text = "..." }'}


def _is_tag(part) -> bool:
    return isinstance(part, str) and (part in _MODEL_NAMES or part.startswith(_TYPE_TAGS))


def _normalize_loc(data, loc: tuple) -> tuple[tuple, tuple | None]:
    """Drop the union tag names (model class names, 'list[Chain]', 'float'...) that pydantic
    inserts into error locations; also return the first union branch met: (its path, its tag)."""
    out = []
    node = data
    branch = None
    tag_next = False  # an effect of a list of effects: pydantic names its kind ('add') before its keys
    for part in loc:
        if tag_next:
            tag_next = False
            if part in _EFFECT_TAGS and isinstance(node, dict):
                continue
        if isinstance(node, dict):
            if part in node:
                out.append(part)
                node = node[part]
            elif isinstance(part, str) and part in m.Event.model_fields and m.Event.model_fields[part].alias in node:
                alias = m.Event.model_fields[part].alias
                out.append(alias)
                node = node[alias]
            elif part in _EFFECT_TAGS:
                continue
            elif _is_tag(part):
                if branch is None:
                    branch = (tuple(out), part)
                continue
            else:
                out.append(part)
                node = None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            tag_next = len(out) > 0 and out[-1] in _EFFECT_LISTS
            out.append(part)
            node = node[part]
        elif isinstance(part, int) or node is None:
            out.append(part)
            node = None
        elif _is_tag(part) and branch is None:  # a tag name inside a non-dict
            branch = (tuple(out), part)
    return tuple(out), branch


def _value_at(data, path: tuple):
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _fits(tag: str, value) -> bool:
    """Whether a value has the shape of a union branch: a table for a model, a list for list[...]..."""
    if isinstance(value, bool):
        return tag.startswith("bool")
    if isinstance(value, dict):
        return tag in _MODEL_NAMES or tag.startswith("dict[")
    if isinstance(value, list):
        return tag.startswith(("list[", "tuple["))
    if isinstance(value, str):
        return tag.startswith(("str", "constrained-str", "literal["))
    if isinstance(value, (int, float)):
        return tag.startswith(("float", "int"))
    return False


def _words(tag: str, name: str = "") -> str:
    """A union branch in plain words; `name` is the key whose value it is."""
    if tag.startswith(("float", "int")):
        return "a number"
    if tag.startswith(("str", "constrained-str")):
        return "an expression in quotes" if name in _EXPR_KEYS else "text in quotes"
    if tag in _MODEL_NAMES:
        return "a table like " + _EXAMPLES.get(tag, "{ key = value }")
    if tag.startswith("list[") and tag[5:-1] in _MODEL_NAMES:
        return "a list of such tables" if tag[5:-1] in _EXAMPLES else "a list of tables"
    if tag.startswith("list["):
        return "a list"
    if tag.startswith("literal["):  # literal['regions']
        return " or ".join(f'"{v}"' for v in re.findall(r"'([^']*)'", tag))
    return tag


def _example(tag: str, name: str) -> str:
    """How a value of a union branch is written, for a fix: 'weight = 10', 'chain = [{ ... }]'."""
    if tag.startswith(("float", "int")):
        return f"{name} = 10" if name not in ("chance", "factor") else f"{name} = 0.5"
    if tag.startswith(("str", "constrained-str")):
        return f'{name} = "{_EXPR_EXAMPLES.get(name, "...")}"'
    if tag in _MODEL_NAMES:
        return f"{name} = " + _EXAMPLES.get(tag, "{ key = value }")
    if tag.startswith("list[") and tag[5:-1] in _MODEL_NAMES:
        return f"{name} = [" + _EXAMPLES.get(tag[5:-1], "{ key = value }") + "]"
    if tag.startswith("list["):
        return f'{name} = ["{"a.flag" if "flag" in name else "a"}", "{"b.flag" if "flag" in name else "b"}"]'
    if tag.startswith("literal["):
        return " or ".join(f'{name} = "{v}"' for v in re.findall(r"'([^']*)'", tag))
    return ""


_EXPR_EXAMPLES = {"when": "turn >= 3", "requires": "treasury >= 10", "weight": "5 + turn", "chance": "0.5",
                  "score": "cohesion", "set_flag": "mymod.flag", "clear_flag": "mymod.flag"}


def _leaves(prefix: str, table: dict):
    """('region.basra.services', 6) for each value of a table of tables, by its dotted name."""
    for k, v in table.items():
        if isinstance(v, dict) and v:
            yield from _leaves(f"{prefix}.{k}", v)
        else:
            yield f"{prefix}.{k}", v


def _shown_value(got) -> str:
    if isinstance(got, bool):
        return "true" if got else "false"
    return repr(got) if isinstance(got, (int, float, str)) and len(repr(got)) < 60 else ""


def _got(value) -> str:
    """' (got ...)' for a message: the value as written, or what it is (a list, a table); '' for none."""
    shown = _shown_value(value)
    if not shown and isinstance(value, list):
        items = [_shown_value(v) for v in value]
        listed = "[" + ", ".join(items) + "]"
        shown = listed if all(items) and len(listed) < 60 else "a list"
    elif not shown and isinstance(value, dict):
        shown = "a table"
    elif not shown and hasattr(value, "isoformat"):  # a TOML date or time, written without quotes
        what = ("date and time" if hasattr(value, "hour") else "date") if hasattr(value, "year") else "time"
        shown = f"the {what} {value.isoformat()}"
    return f" (got {shown})" if shown else ""


def _pydantic_problems(col: _Collector, f: _File, base: tuple, data, errors: list, model: type):
    """Pydantic's errors of one entry as problems. Where a value fails a union (a number or an
    expression; a table or a list of tables), only the branch of the value's shape is reported, or
    one line saying what is expected when no branch fits. Runs only for entries that failed."""
    entries = []
    unions: dict[tuple, dict[str, list]] = {}
    for err in errors:
        loc, branch = _normalize_loc(data, tuple(err["loc"]))
        entries.append((err, loc, branch))
        if branch is not None:
            unions.setdefault(branch[0], {}).setdefault(branch[1], []).append(len(entries) - 1)
    drop: set[int] = set()
    for point, by_tag in unions.items():
        if len(by_tag) < 2:
            continue
        value = _value_at(data, point)
        fits = [t for t in by_tag if _fits(t, value)]
        if len(fits) == 1:
            drop.update(i for t, idx in by_tag.items() if t != fits[0] for i in idx)
            continue
        drop.update(i for idx in by_tag.values() for i in idx)
        name = _table_word(base + point)
        change = len(point) >= 2 and point[-2] in _CHANGE_KEYS  # add = { <state name> = number or expression }
        if change and isinstance(value, dict) and value:
            # add = { region.basra.services = 6 }: TOML reads a dotted key as tables inside tables
            leaves = list(_leaves(str(point[-1]), value))
            col.add(f, base + point, f"'{leaves[0][0]}' without quotes is read by TOML as tables inside tables, not as one name",
                    "put the whole name in double quotes: " + ", ".join(f'"{k}" = {_shown_value(v) or "..."}' for k, v in leaves[:3]),
                    code="dotted-name")
            continue
        wanted = list(dict.fromkeys(_words(t, "when" if change else name) for t in by_tag))
        examples = list(dict.fromkeys(e for t in by_tag if (e := _example(t, name))))
        fix = "write " + " or ".join(examples) if examples else ""
        if isinstance(value, bool) and any(t.startswith(("float", "int")) for t in by_tag):
            fix = "true and false are not numbers" + (": " + fix if fix else "")
        col.add(f, base + point, "expected " + " or ".join(wanted) + _got(value), fix, col_shift=0, code="wrong-type")
    # a key written under a sub-table that is its parent's (see _misplaced) is reported there; the parent
    # then also misses it, which that message already explains
    moved = {owner + (loc[-1],) for err, loc, _ in entries
             if err["type"] == "extra_forbidden" and (owner := _misplaced(model, loc)) is not None}
    # a misspelt required key ('titel') is said once, as an unknown key with 'did you mean title?': the
    # table then also misses 'title', which that message already explains
    missing = {loc for err, loc, _ in entries if err["type"] == "missing" and loc}
    if missing:
        for err, loc, _ in entries:
            if err["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
                meant = _key_hint(loc[-1], _fields_at(model, loc[:-1]))
                if meant is not None and loc[:-1] + (meant,) in missing:
                    moved.add(loc[:-1] + (meant,))
    for i, (err, loc, _) in enumerate(entries):
        if i not in drop and not (err["type"] == "missing" and loc in moved):
            _pydantic_problem(col, f, base, loc, err, model)


_ETYPE_CODES = {"string_pattern_mismatch": "bad-id", "too_long": "count", "too_short": "count",
                "literal_error": "not-a-choice", "enum": "not-a-choice", "range_order": "range-order",
                "range_start": "range-order", "effect_kind": "effect-kind", "finite_number": "wrong-type"}


def _etype_code(etype: str) -> str:
    """The problem code (problems.CODES) of a pydantic error type."""
    if etype in _ETYPE_CODES:
        return _ETYPE_CODES[etype]
    if etype.startswith("date"):
        return "bad-date"
    if etype.startswith(("greater_than", "less_than", "multiple_of")):
        return "out-of-range"
    if etype.endswith(("_type", "_parsing")):
        return "wrong-type"
    return "bad-value"


def _pydantic_problem(col: _Collector, f: _File, base: tuple, loc: tuple, err: dict, model: type):
    path = base + loc
    etype = err["type"]
    info = _field_info(model, loc) if etype != "extra_forbidden" else None
    if info is not None and typing.get_origin(info.annotation) is tuple:  # map = [2, 10]: one message for the pair
        at = max(i for i, part in enumerate(loc) if isinstance(part, str)) + 1
        col.add(f, base + loc[:at], "expected two whole numbers in square brackets, [row, column]",
                f"write e.g. {loc[at - 1]} = [2, 10]", col_shift=0, code="wrong-type")
        return
    if etype == "missing":
        name = loc[-1] if loc else "?"
        # text in quotes, so that the line as written is TOML ('add why = ...' was not)
        ann = getattr(info, "annotation", None)
        choices = typing.get_args(ann) if typing.get_origin(ann) is typing.Literal else ()
        fix = (f'add {name} = "..."' if ann is str else
               f'add {name} = "{choices[0]}" or another of: {", ".join(map(str, choices[1:]))}' if choices else f"add {name} = ...")
        said = (getattr(info, "description", "") or "").split("...")[0].strip().rstrip(".")
        if said and not _is_table_list(info):  # what the key is for, from the model ('why': shown in the turn report)
            fix += f" ({said[0].lower() + said[1:]})"
        if _is_table_list(info) and name == "effects":  # written inline, not as [[move.effects]] tables
            fix = 'add effects = [...], a list of effects in braces, e.g. effects = [{ add = { ... }, why = "..." }]'
        elif _is_table_list(info):  # an event without [[event.option]]
            header = ".".join(str(p) for p in path if isinstance(p, str))
            fix = f"add a [[{header}]] table below it for each {name}"
        elif base[:1] == ("reaction",) and loc == ("id",) and isinstance(err.get("input"), dict) and not any(
                k in err["input"] for k in ("on_action", "on_option", "on_event", "when")):
            # [[reaction]] written below an option, meant as the option's reaction
            fix = ('a [[reaction]] is a rule of its own: give it an id (e.g. "mymod.name") and a trigger (on_action, '
                   'on_option, on_event or when); to answer one option, write reactions = [{ actor = "...", '
                   'add = { ... }, why = "..." }] among the option\'s keys instead')
        col.add(f, path[:-1], f"missing required key '{name}'", fix, code="missing")
    elif etype == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        owner = _misplaced(model, loc)
        if owner is not None:  # 'debrief' written after [[event.option]]: it landed in the option
            kind, sub = str(base[0]) if base else "entry", _table_word(loc[:-1])
            up = _table_word(owner) or kind
            header = ".".join([kind] + [str(p) for p in loc[:-1] if not isinstance(p, int)])
            fix = (f"move it up among the {up}'s own keys, above its first [[{header}]] (in TOML a key belongs "
                   f"to the last table header above it)")
            if name == "when" and "requires" in _fields_at(model, loc[:-1]):  # a condition for this option, most likely
                got = err.get("input")
                fix = (f"an {sub}'s condition is requires: write requires = \"{got if isinstance(got, str) else '...'}\"; "
                       f"if it is the {up}'s condition, " + fix[0].lower() + fix[1:])
            elif name in ("title", "label") and "text" in _fields_at(model, loc[:-1]):  # an option's words, most likely
                got = err.get("input")
                fix = (f"an {sub}'s words are its text: write text = \"{got if isinstance(got, str) else '...'}\"; "
                       f"if it is the {up}'s {name}, " + fix[0].lower() + fix[1:])
            col.add(f, path, f"unknown key '{name}' in this {sub}: '{name}' is a key of the {up} it belongs to",
                    fix, code="misplaced-key")
            return
        fields = _fields_at(model, loc[:-1])
        below = _belongs_below(model, loc)
        if below is not None and name not in fields:  # 'effects' written among the event's keys: an option's
            kind = str(base[0]) if base else "entry"
            header = ".".join([kind] + [str(p) for p in loc[:-1] if not isinstance(p, int)] + [below])
            col.add(f, path, f"unknown key '{name}' for this {_table_word(loc[:-1]) or kind}: '{name}' is a key of each {below}",
                    f"move it below the [[{header}]] it belongs to (in TOML a key belongs to the last table header above it)",
                    code="misplaced-key")
            return
        hint = _key_hint(name, fields)
        fix = f"did you mean '{hint}'?" if hint else ("allowed keys: " + ", ".join(sorted(fields)) if fields else "remove it")
        got = err.get("input")
        if "add" in fields and "set" in fields and isinstance(got, (int, float)) and not isinstance(got, bool):
            # reactions = [{ actor = "x", stance = 3 }]: a change of a number, written without its verb
            fix = (f"a change goes inside add, set or multiply: add = {{ {name} = {_shown_value(got)} }}"
                   + (f"; or did you mean '{hint}'?" if hint else ""))
        col.add(f, path, f"unknown key '{name}'", fix, code="unknown-key")
    else:
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        got = err.get("input")
        name = _table_word(loc) or (str(base[0]) if base else "")
        if etype in ("model_type", "dict_type", "model_attributes_type"):
            cls = err.get("ctx", {}).get("class_name") or (msg.rsplit(" ", 1)[-1] if "instance of" in msg else "")
            msg = "expected a table" + (f" like {_EXAMPLES[cls]}" if cls in _EXAMPLES else " { key = value, ... }")
        elif etype == "finite_number":
            msg = "expected a finite number"
        elif etype == "list_type" and isinstance(got, dict) and loc and _is_table_list(info):
            # [event.option] (one table) where each option is a table of a list: [[event.option]]
            header = ".".join(str(p) for p in path if isinstance(p, str))
            name = str(loc[-1])
            one = name[:-1] if name in ("effects", "reactions", "weight_mods") else name
            line, _ = f.locate(path)
            written = f.text.split("\n")[line - 1] if line else ""
            if written.lstrip().startswith("["):  # a [event.option] header
                fix = f"write [[{header}]] (double brackets) for each {one}"
            else:  # effects = { add = ... }, inline
                fix = f"put it in square brackets, a list even of one: {name} = [{{ ... }}]"
            col.add(f, path, f"'{name}' is written as one table, but it is a list of tables", fix, code=_etype_code(etype))
            return
        elif etype == "string_pattern_mismatch" and isinstance(got, str):
            col.add(f, path, f"'{got}' is not a valid {'event id' if base[:1] == ('event',) and loc == ('id',) else 'id'}",
                    _id_fix(got, err.get("ctx", {}).get("pattern", "")), col_shift=0, code=_etype_code(etype))
            return
        elif etype in ("too_long", "too_short") and isinstance(got, list) and loc and isinstance(loc[-1], str):
            # five [[event.option]] tables: say how many there are and may be, at the first one too many
            bound = (err.get("ctx") or {}).get("max_length" if etype == "too_long" else "min_length")
            if isinstance(bound, int):
                header = ".".join(str(p) for p in path if isinstance(p, str))
                what = f"[[{header}]] tables" if _is_table_list(info) else f"entries in '{loc[-1]}'"
                over = etype == "too_long"
                col.add(f, path + (bound,) if over and bound < len(got) else path,
                        f"{len(got)} {what}; " + (f"at most {bound} are allowed" if over else
                                                  f"at least {bound} {'is' if bound == 1 else 'are'} needed"),
                        f"remove {len(got) - bound} of them, or merge two into one" if over else f"add {bound - len(got)} more",
                        code=_etype_code(etype))
                return
        elif etype in ("bool_type", "bool_parsing"):
            msg = "expected true or false"
        elif etype.startswith("date"):  # (pydantic's words for 5 are about datetimes with zero time)
            msg = "expected a date"
        whole = etype in ("range_order", "range_start")
        if whole:
            got = None  # the whole table: the message says which numbers disagree
        # a value that is wrong is pointed at, not the start of its key's line (max_fires = "1": the "1"); the
        # message names the key
        col.add(f, path, msg[0].lower() + msg[1:] + _got(got), _fix_for(etype, got, name, info, err.get("ctx") or {}, loc),
                col_shift=None if whole else 0, code=_etype_code(etype))


# words of other games and languages for a key of ours (a condition is `when`, an option's `requires`):
# tried before the closest spelling, which would offer 'option' for 'condition'
_KEY_WORDS = {
    "condition": ("when", "requires"), "conditions": ("when", "requires"), "trigger": ("when",), "if": ("when", "requires"),
    "requirement": ("requires", "when"), "requirements": ("requires", "when"), "require": ("requires", "when"),
    "name": ("title", "label"), "description": ("text", "description"), "body": ("text", "body"),
    "choice": ("option",), "choices": ("option",), "answer": ("option",), "answers": ("option",),
    # an option's words are its text: label (an order's word) and title (an event's) are the slips
    "label": ("text",), "title": ("text",),
}


def _key_hint(name: str, fields) -> str | None:
    """The key meant by an unknown key: another game's word for one of ours, else the closest spelling."""
    return next((k for k in _KEY_WORDS.get(name.lower(), ()) if k in fields), None) or suggest(name, fields)


def _id_fix(got: str, pattern: str) -> str:
    """How to write an id that does not match its pattern, with the id so written when it can be."""
    event = pattern == m.EVENT_ID
    dotted_ok = event or pattern == m.RULE_ID
    fixed = re.sub(r"[^a-z0-9_.]+" if dotted_ok else r"[^a-z0-9_]+", "_", got.strip().lower()).strip("_.")
    fixed = re.sub(r"\.+", ".", fixed)
    how = ("lower-case letters, digits and underscores, as namespace.name (your mod's namespace, a dot, a name)" if event else
           "lower-case letters, digits and underscores, starting with a letter" + (" (dots may join parts)" if dotted_ok else ""))
    if event and "." not in fixed and fixed:
        fixed = "mymod." + fixed
    good = bool(fixed) and re.match(pattern, fixed) is not None if pattern else False
    return f"use {how}" + (f", e.g. '{fixed}'" if good and fixed != got else "")


_TABLE_EXAMPLES = {"add": "{ treasury = -5 }", "set": "{ treasury = 50 }", "multiply": "{ treasury = 0.5 }",
                   "attributes": "{ stance = { min = -100, max = 100, start = 0 } }", "actions": "{ offensive = 2 }",
                   "options": '{ "ns.event/option" = 2 }', "start": "{ treasury = 40 }",
                   "difficulty": '{ normal = { label = "Normal" } }'}


def _bounds(info) -> str:
    """The range a field's constraints allow, in words ('from 0 to 24'); '' when it has none."""
    lo = hi = None
    for c in getattr(info, "metadata", ()):
        lo = getattr(c, "ge", getattr(c, "gt", lo))
        hi = getattr(c, "le", getattr(c, "lt", hi))
    if lo is not None and hi is not None:
        return f"from {lo:g} to {hi:g}"
    if lo is not None:
        return f"of at least {lo:g}"
    return f"of at most {hi:g}" if hi is not None else ""


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


# words other games (or English) use for an effect, and the game's kind ('subtract': an add of minus the amounts)
_EFFECT_SYNONYMS = {"increase": "add", "inc": "add", "plus": "add", "change": "add", "modify": "add", "adjust": "add",
                    "raise": "add", "decrease": "subtract", "dec": "subtract", "minus": "subtract", "reduce": "subtract",
                    "lower": "subtract", "subtract": "subtract", "sub": "subtract", "times": "multiply", "scale": "multiply",
                    "mult": "multiply", "mul": "multiply"}


def _inline_amounts(value, sign: int) -> str:
    """{ confidence = 3, "region.basra.control" = 1 } as written in TOML, the amounts times `sign`; '' if
    `value` is not a small table of numbers."""
    if not isinstance(value, dict) or not value or len(value) > 4:
        return ""
    parts = []
    for k, v in value.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return ""
        name = k if re.fullmatch(r"[A-Za-z0-9_-]+", str(k)) else f'"{k}"'
        parts.append(f"{name} = {sign * v:g}")
    return "{ " + ", ".join(parts) + " }"


def _fix_for(etype: str, got=None, name: str = "", info=None, ctx: dict | None = None, loc: tuple = ()) -> str:
    """How to fix a pydantic error of type `etype` on key `name` (the value written: `got`)."""
    ctx = ctx or {}
    item = bool(loc) and isinstance(loc[-1], int)  # an entry of a list (tags[0])
    key = name or "key"
    if isinstance(got, bool) and etype in ("float_type", "int_type"):
        return f"true and false are not numbers: write a {'whole ' if etype == 'int_type' else ''}number"
    if etype in ("float_type", "int_type", "int_from_float") and isinstance(got, str) and _NUMBER.fullmatch(got.strip()):
        return f"write the number without quotes: {key} = {got.strip()}"  # max_fires = "1"
    if etype == "effect_kind" and isinstance(got, dict):
        kinds = [k for k in got if k in _EFFECT_TAGS]
        if len(kinds) > 1:  # { add = {...}, set_flag = "x" }: one effect each
            return "split it into one effect per kind: " + ", ".join(f"{{ {k} = ... }}" for k in kinds)
        if not kinds:  # { setflag = "x" }, { adds = {...} }: the kind misspelt ('got a table' said nothing of it)
            for k in got:
                close = difflib.get_close_matches(str(k).lower(), sorted(_EFFECT_TAGS), n=1, cutoff=0.6)
                if close and k not in ("why", "when"):
                    return f"'{k}' is not a kind of effect: did you mean '{close[0]}'? ({{ {close[0]} = ... }})"
            if got and set(got) <= {"why", "when"}:
                return (f"it has only {' and '.join(sorted(got))}: add the change itself, "
                        f"e.g. {{ add = {{ treasury = -5 }}, why = \"...\" }}")
            for k, v in got.items():  # { increase = { confidence = 3 } }: a word of another game for add
                meant = _EFFECT_SYNONYMS.get(str(k).lower())
                if meant is not None:
                    sign = -1 if meant == "subtract" else 1
                    shown = _inline_amounts(v, sign)
                    kind = "add" if meant == "subtract" else meant
                    return (f"'{k}' is not a kind of effect: write {kind} = {shown or '{ ... }'} in its place"
                            + (" (a decrease is an add of a negative amount)" if sign < 0 else ""))
            unknown = [k for k in got if k not in ("why", "when")]
            if len(unknown) == 1:
                return f"'{unknown[0]}' is not a kind of effect: use one of the kinds listed, e.g. {{ add = {{ treasury = -5 }} }}"
    if etype == "string_type":
        if item:
            return f'write each entry of {key} as text in double quotes: {key} = ["a", "b"]'
        if key in _EXPR_KEYS:
            return f'an expression is text: put it in double quotes, e.g. {key} = "{_EXPR_EXAMPLES[key]}"'
        if isinstance(got, list):
            one = got[0] if len(got) == 1 and isinstance(got[0], str) else "..."
            return f'write one text in double quotes, not a list: {key} = "{one}"'
        if isinstance(got, dict):
            return f'write text in double quotes, not a table: {key} = "..."'
        if key == "id":
            return 'write the id as text in double quotes, e.g. id = "my_id"'
        shown = _shown_value(got) if isinstance(got, (bool, int, float)) else ""
        return f'write it as text in double quotes: {key} = "{shown or "..."}"'
    if etype in ("bool_type", "bool_parsing"):
        return f"write {key} = true or {key} = false (without quotes)"
    if etype == "list_type":
        inner = _inner_model(info.annotation) if info is not None else None
        if inner is not None:
            example = _EXAMPLES.get(inner.__name__, "{ add = { treasury = -5 } }" if key in _EFFECT_LISTS else "{ ... }")
            return f"write a list of tables in square brackets: {key} = [{example}]"
        if isinstance(got, str):
            return f'write a list in square brackets, even of one: {key} = ["{got}"]'
        return f'write a list in square brackets: {key} = ["a", "b"]'
    if etype in ("dict_type", "model_type", "model_attributes_type"):
        inner = _inner_model(info.annotation) if info is not None else None
        cls = ctx.get("class_name") or (inner.__name__ if inner is not None else "")
        example = _TABLE_EXAMPLES.get(key) or _EXAMPLES.get(cls, "{ key = value }")
        if item:
            return f"write each entry of {key} as a table in braces: {key} = [{example}]"
        return f"write a table in braces: {key} = {example}"
    if etype == "string_too_short":
        least = ctx.get("min_length", 1)
        if key == "why":
            return "write a sentence saying why: the player reads it in the turn report"
        return "write some text between the quotes" if least == 1 else f"write at least {least} characters"
    if etype == "string_too_long":
        return f"shorten it to {ctx.get('max_length', 'fewer')} characters or fewer"
    if etype in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bounds = _bounds(info)
        percent = isinstance(got, (int, float)) and not isinstance(got, bool) and 2 <= got <= 100 and float(got).is_integer()
        if bounds == "from 0 to 1" and percent:
            return f"write a number {bounds}: a chance of {got:g}% is {got / 100:g}"  # chance = 60 for 60%
        if bounds:
            return f"write a number {bounds}"
        limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        limit = f"{limit:g}" if isinstance(limit, (int, float)) else limit
        return f"write a number {'of at least' if etype.startswith('greater') else 'of at most'} {limit}"
    if (etype == "literal_error" and isinstance(got, str) and info is not None
            and typing.get_origin(info.annotation) in (typing.Union, types.UnionType)):  # targets = "basra": a list of one was meant
        expected = ctx.get("expected", '"..."').replace("'", '"')
        return f'write a list, even of one: {key} = ["{got}"]; or {key} = {expected} for all'
    if etype == "literal_error" and isinstance(got, str):  # category = "militar"
        hint = suggest(got.strip().lower(), re.findall(r"'([^']*)'", ctx.get("expected", "")))
        if hint:
            return f'did you mean {key} = "{hint}"?'
    if etype == "range_order":
        return "make min lower than max (min is the lowest value, max the highest)"
    if etype == "range_start":
        return "move start within min..max, or widen the range"
    if etype in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"write a date like {key} = 2008-03-25 (year-month-day, without quotes)"
    if etype in ("float_type", "float_parsing", "int_type", "int_parsing") and _bounds(info).startswith("from "):
        bounds = _bounds(info)  # (a range of two ends: the example 'such as 1.5' may lie outside it)
        share = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", got) if isinstance(got, str) else None
        if share is not None and bounds == "from 0 to 1":  # chance = "60%"
            return f"write a number {bounds}, without quotes: a chance of {share.group(1)}% is {key} = {float(share.group(1)) / 100:g}"
        return f"write a {'whole ' if etype.startswith('int') else ''}number {bounds}, without quotes"
    return {
        "finite_number": "write an ordinary number, such as 1000",
        "int_type": "write a whole number, such as 2",
        "float_type": "write a number, such as 1.5",
        "string_pattern_mismatch": "use lower-case letters, digits and underscores (events: 'namespace.name')",
        "int_parsing": "write a whole number",
        "float_parsing": "write a number",
        "too_short": "add more entries",
        "too_long": "remove some entries",
        "effect_kind": "write e.g. { add = { treasury = -5 } }",
        "literal_error": "use one of the listed values",
    }.get(etype, "")


def _descend(model, loc: tuple):
    """Follow `loc` (indices skipped) through a model's fields: (the last field met, the models its value
    can hold, whether `loc` went on past them into a table of no model (an effect's add), whether it ends
    at a table of tables (attributes) whose keys are the author's), or None when a key is none of its
    table's. Through a union of tables (an effect) the branch with the key is followed."""
    current, fld, beyond, free_key = [model], None, False, False
    for part in loc:
        if isinstance(part, int):
            continue
        if free_key:  # attributes.<name>: a name of the author's
            free_key = False
            continue
        if not current:
            beyond = True
            continue
        fld = next((info for cand in current for name, info in cand.model_fields.items() if part in (name, info.alias)), None)
        if fld is None:
            return None
        current = _inner_models(fld.annotation)
        free_key = typing.get_origin(fld.annotation) is dict and bool(current)
    return fld, current, beyond, free_key


def _field_info(model, loc: tuple):
    """The pydantic field at `loc` of a model, or None; at a key of the author's in a table of tables
    (attributes.stance), the table's field."""
    found = _descend(model, loc)
    return None if found is None or found[2] else found[0]


def _is_table_list(info) -> bool:
    """Whether a field is a list of tables (written [[a.b]] for each entry)."""
    import typing

    return info is not None and typing.get_origin(info.annotation) is list and _inner_model(info.annotation) is not None


def _table_lists(model) -> list[str]:
    """The keys of a model that are lists of tables ('option' of an event)."""
    return [info.alias or name for name, info in getattr(model, "model_fields", {}).items() if _is_table_list(info)]


def _parent_table(loc: tuple) -> tuple | None:
    """The loc of the table that holds the table at `loc` (('option', 0) -> ()); None at the top."""
    cut = len(loc)
    while cut and isinstance(loc[cut - 1], int):
        cut -= 1
    return loc[:cut - 1] if cut else None


def _misplaced(model, loc: tuple) -> tuple | None:
    """For an unknown key at `loc` that is no misspelling of its own table's keys: the loc of an
    enclosing table that has such a key (a key written below [[event.option]] that is the event's), else None."""
    if not loc or suggest(str(loc[-1]), _fields_at(model, loc[:-1])):
        return None
    name = loc[-1]
    table = _parent_table(loc[:-1])
    while table is not None:
        owner = _walk(model, table)[1]
        if owner is not None and any(name in (n, info.alias) for n, info in owner.model_fields.items()):
            return table
        table = _parent_table(table)
    return None


def _belongs_below(model, loc: tuple) -> str | None:
    """For an unknown key at `loc`: the name of a list of tables of its own table ('option') whose
    entries have such a key (a key of [[event.option]] written among the event's keys), else None."""
    found, owner = _walk(model, loc[:-1])
    if not found or owner is None:
        return None
    for sub in _table_lists(owner):
        info = _field_info(owner, (sub,))
        inner = _inner_model(info.annotation) if info is not None else None
        if inner is not None and any(loc[-1] in (n, i.alias) for n, i in inner.model_fields.items()):
            return sub
    return None


def _table_word(loc: tuple) -> str:
    """What the table at `loc` is, in a word: its last key ('option'); '' for the entry itself."""
    return next((str(p) for p in reversed(loc) if not isinstance(p, int)), "")


def _walk(model, loc: tuple) -> tuple[bool, object]:
    """(found, the sub-model at `loc` or None where no model is, as in an effect table); found is
    False when a key of `loc` is not one of its table's, or `loc` is a table of tables (its keys are
    the author's: none is unknown)."""
    found = _descend(model, loc)
    if found is None or found[3]:
        return False, None
    current = found[1]
    return True, current[0] if len(current) == 1 and not found[2] else None


def _inner_models(annotation) -> list:
    """The models a field's annotation can hold (several for a union such as an effect)."""
    if isinstance(annotation, type) and issubclass(annotation, m.Model):
        return [annotation]
    out = []
    for arg in typing.get_args(annotation):
        out += [c for c in _inner_models(arg) if c not in out]
    return out


def _fields_at(model, loc: tuple) -> list[str]:
    """Best-effort list of allowed keys of the sub-model at `loc` (for did-you-mean)."""
    found, current = _walk(model, loc)
    if not found:
        return []
    if current is None:
        # an effect table: any effect key is allowed
        return ["when", "why", "add", "set", "multiply", "set_flag", "clear_flag", "schedule", "end", "news", "roll"]
    return [info.alias or name for name, info in current.model_fields.items()]


def _inner_model(annotation):
    import typing

    if isinstance(annotation, type) and issubclass(annotation, m.Model):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_EXPR_KEYS = frozenset(("when", "requires", "weight", "chance", "score"))  # keys whose text is an expression
_CHANGE_KEYS = frozenset(("add", "set", "multiply"))  # state name -> number or expression
