"""Discover, parse, validate and link a scenario directory (plus mods) into a runtime Scenario.

Pass 1 parses every file and validates each item's shape; pass 2 links ids and compiles
expressions. Every problem is collected before anything is reported.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import hashlib
import os
import re
import types
import typing
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import tomli
from pydantic import ValidationError

from game.content import models as m
from game.content.locate import Locator, structure_error, unclosed_quote
from game.content.problems import Problem, dotted
from game.content.runtime import (
    Op, RAction, RDynamic, REnding, REvent, RMove, ROption, RReaction, RVariant, Scenario, Slot,
)
from game.errors import ContentError
from game.words import joined
from game.expr.compiler import Compiled, ExprError, aliased_hint, compile_expr, flag_name, names_fix, suggest

MAX_FILE_BYTES = 4_000_000
MAX_FILES = 2_000
MAX_ITEMS = 50_000
CONTENT_ROOT = Path(os.environ.get("CEASEFIRE_CONTENT", Path(__file__).resolve().parents[2] / "content"))
LINK = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")
KIND_OF_KEY = {k: v[0] for k, v in m.FILE_KINDS.items()}
KEY_OF_KIND = {v: k for k, v in KIND_OF_KEY.items()}


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


def _constructor(cls: type):
    """A faster stand-in for `cls(...)` for a frozen, slotted runtime dataclass (RReaction, ROption, ...).

    A frozen dataclass's __init__ sets each field through object.__setattr__, a dear part of linking a
    large mod. This builds the same object, with the same signature and defaults, setting each slot
    through its descriptor. It is generated from the class's own fields (names and defaults only: no
    content is involved), so it follows any field added to the class; a class it cannot mirror (not a
    dataclass, factories, __post_init__, no slots) is returned as is.
    tests/content/test_check_mode.py checks that both ways build equal objects."""
    import dataclasses

    if not dataclasses.is_dataclass(cls):  # (Op is a named tuple, made in one step already)
        return cls
    fields = dataclasses.fields(cls)
    if ("__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__") or cls.__init__.__code__.co_filename != "<string>"  # not the generated __init__
            or any(f.default_factory is not dataclasses.MISSING or not f.init or f.kw_only or not f.name.isidentifier() for f in fields)):
        return cls
    env: dict = {"_new": object.__new__, "_cls": cls}
    params, body = [], []
    for i, f in enumerate(fields):
        env[f"_s{i}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            env[f"_d{i}"] = f.default
            params.append(f"{f.name}=_d{i}")
        body.append(f"    _s{i}(o, {f.name})")
    source = f"def make_{cls.__name__}({', '.join(params)}):\n    o = _new(_cls)\n" + "\n".join(body) + "\n    return o\n"
    exec(source, env)  # our own field names only (see above)
    return env[f"make_{cls.__name__}"]


_op = _constructor(Op)
_reaction = _constructor(RReaction)
_option = _constructor(ROption)
_event = _constructor(REvent)


@dataclass(slots=True)
class _Item:
    kind: str
    model: object
    file: "_File"
    path: tuple
    layer: int

    @property
    def id(self) -> str:
        return getattr(self.model, "id", "")


@dataclass
class _File:
    path: Path
    shown: str
    text: str
    data: dict = field(default_factory=dict)
    _real: Path | None = None
    _loc: Locator | None = None
    raw: bytes | None = None  # the file's bytes (text is their UTF-8 decoding)
    ident: tuple | None = None  # (device, inode) of the file read, to find it again cheaply

    @property
    def real(self) -> Path:
        """The resolved path (resolving costs a system call per folder level: done on demand)."""
        if self._real is None:
            self._real = self.path.resolve()
        return self._real

    def locator(self) -> Locator:
        if self._loc is None:
            self._loc = Locator(self.text)
        return self._loc

    def locate(self, path: tuple) -> tuple[int | None, int | None]:
        return self.locator().line_col(path)


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []
        # entries that failed validation, by (kind, id), and the flags they set: references to them are
        # not reported again as unknown (the entry's own error says what is wrong)
        self.broken: set[tuple[str, str]] = set()
        self.broken_flags: set[str] = set()
        # files whose entries (all, or all of some kinds) are lost: a file that does not parse, or a
        # key that does not shape into entries. shown name -> the kinds it may define (None: any kind)
        self.broken_files: dict[str, set[str] | None] = {}
        self.unparsed: set[str] = set()  # those of them that did not parse at all
        # entries that failed validation, kept raw so that their expressions can still be checked:
        # (kind, raw table, file, path, layer, the paths pydantic found wrong)
        self.unshaped: list[tuple[str, dict, "_File", tuple, int, set[tuple]]] = []
        # [remove] chains_to = [...]: event id -> (file, path) of the line; the chains of options
        # that lead to these events are dropped (e.g. to a removed event), not reported
        self.chains_to: dict[str, tuple["_File", tuple]] = {}

    def file_lost(self, shown: str, kinds: set[str] | None, parsed: bool = True) -> None:
        """Remember that the entries of these kinds (None: of any kind) of a file were not read."""
        if shown in self.broken_files:
            old = self.broken_files[shown]
            kinds = None if old is None or kinds is None else old | kinds
        self.broken_files[shown] = kinds
        if not parsed:
            self.unparsed.add(shown)

    def add(self, f: _File | None, path: tuple, message: str, fix: str = "", severity: str = "error",
            col_shift: int | None = None, code: str = ""):
        if f is None:
            self.problems.append(Problem("", None, None, dotted(path), message, fix, severity, code))
            return
        line, col = f.locate(path)
        if col_shift is not None:
            vline, vcol = f.locator().value_line_col(path)
            if vline is not None:  # a position inside a value: count from the value's opening quote
                line, col = vline, vcol + col_shift
        self.problems.append(Problem(f.shown, line, col, dotted(path), message, fix, severity, code))

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]


def _shown(path: Path) -> str:
    """A file as messages name it: relative to the working folder when inside it, else in full
    (not '../../work/...', which is longer and harder to read than the path itself)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if rel != ".." and not rel.startswith(".." + os.sep) else os.path.abspath(path)


BOM = b"\xef\xbb\xbf"


def decode(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """A content file's bytes as text. A UTF-8 byte-order mark (what some Windows editors write) is
    read past: it is not part of the content and the rest is plain UTF-8. Text that is not UTF-8 is
    a problem located at its first bad byte, by line and column."""
    if raw[:3] == BOM:
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[1:40:2].count(0) > 10 or raw[0:40:2].count(0) > 10:
            # UTF-16 ("Unicode" in Windows Notepad): two bytes a letter, every other one 0 in plain text
            return None, Problem(shown, 1, 1, "", "not UTF-8 text: the file is saved as UTF-16 (called 'Unicode' in "
                                 "some Windows editors)", "save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8)", code="not-utf8")
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        line_start = raw.rfind(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        bad = raw[start:start + 1]
        guess = bad.decode("cp1252", "replace")
        said = f" (in Windows-1252/Latin-1, {guess!r}: probably saved in that encoding)" if guess.isprintable() and guess != "\ufffd" else ""
        return None, Problem(shown, line, col, "", f"not UTF-8 text: byte 0x{bad.hex()} at line {line}, column {col}{said}",
                             "save the file as UTF-8 (in most editors: Save As, then Encoding: UTF-8)", code="not-utf8")


_UNCLOSED = ("Illegal character '\\n'", "Unterminated string", "Expected \"'\"", "Expected '\"'")


def toml_problem(shown: str, text: str, exc: Exception, fix: str = "check quotes, brackets and '=' on that line") -> Problem:
    """A TOML syntax error as a problem; an unclosed string is named as such, at its opening quote."""
    msg = getattr(exc, "msg", str(exc))
    line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if line and msg in _UNCLOSED:
        lines = text.split("\n")
        offset = sum(len(ln) + 1 for ln in lines[:line - 1]) + (col or 1) - 1
        found = unclosed_quote(text)  # the first string never closed (tomli may stop far below it)
        quote = found[0] if found is not None and found[0] < offset else max(text.rfind('"', 0, offset), text.rfind("'", 0, offset))
        if quote >= 0:
            while quote > 0 and text[quote - 1] == text[quote]:  # back to the first quote of a triple
                quote -= 1
            qline = text.count("\n", 0, quote) + 1
            qcol = quote - (text.rfind("\n", 0, quote) + 1) + 1
            triple = text[quote] * 3
            mark = triple if text.startswith(triple, quote) else text[quote]
            how = f"end the text with {mark}"
            if len(mark) == 1:
                end = text.find("\n", quote)
                rest = text[quote + 1:end if end >= 0 else len(text)].rstrip()
                other = "'" if mark == '"' else '"'
                if rest.endswith(other) and other not in rest[:-1]:  # 'turn > 3": it ends with the other quote
                    return Problem(shown, qline, qcol, "", f"invalid TOML: the text opened with {mark} at line {qline}, column {qcol} "
                                   f"ends with {other}: a text starts and ends with the same quote",
                                   f'write "{rest[:-1]}" (double quotes at both ends)', code="toml-syntax")
                how += ' on the same line (for text over several lines, use """ ... """)'
                curly = next((i for i, ch in enumerate(rest) if ch in "\u201c\u201d\u2018\u2019"), None)
                if curly is not None and rest.rstrip().endswith(rest[curly]) and mark == '"':  # "Salt water”
                    at = qcol + 1 + len(rest.rstrip()) - 1
                    how = (f"end the text with a straight \" (the {rest.rstrip()[-1]} at column {at} is a typographic quote, "
                           "which does not close it; turn off smart quotes in your editor)")
            return Problem(shown, qline, qcol, "", f"invalid TOML: unclosed string: the {mark} at line {qline}, column {qcol} is never closed", how, code="toml-syntax")
    explained = structure_error(text, msg, line, col)
    if explained is not None:
        eline, ecol, key, message, efix = explained
        if not message.startswith("invalid TOML"):
            message = "invalid TOML: " + message
        return Problem(shown, eline, ecol, key, message, efix, code="toml-syntax")
    return Problem(shown, line, col, "", f"invalid TOML: {msg}", fix, code="toml-syntax")


_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([A-Za-z0-9_-]+)", re.M)


def kinds_in_text(text: str) -> set[str] | None:
    """The kinds of entries a file that could not be read seems to define, by its table headers
    ([[event]], [[event.option]], [scenario]...): None (any kind) when it has none we know."""
    kinds = {KIND_OF_KEY[k] for k in _HEADER.findall(text) if k in KIND_OF_KEY}
    return kinds or None


_PROJECT = CONTENT_ROOT.parent


def _hashed_name(path: Path, folder: Path, layer: int) -> str:
    """A content file's name in the content hash, the same from any working folder: under the project
    (shipped scenarios, installed mods) its path from the project's folder, as from where the game is
    started (so saves made before this rule keep their hash); elsewhere its layer and its path in its folder."""
    try:
        return os.path.relpath(path, _PROJECT) if path.is_relative_to(_PROJECT) else f"{layer}/{path.relative_to(folder).as_posix()}"
    except ValueError:
        return f"{layer}/{path.name}"


def _toml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.toml") if p.is_file())


def _shown_under(folder: Path):
    """_shown for the files found under `folder`: its relative path once, then the rest by joining."""
    base = _shown(folder)
    cut = len(folder.parts)

    def shown(path: Path) -> str:
        parts = path.parts
        if parts[:cut] != folder.parts:
            return _shown(path)
        rest = os.path.join(*parts[cut:])
        return rest if base == "." else os.path.join(base, rest)

    return shown


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
        fix = f"add {name} = ..."
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


# ------------------------------------------------------------------ pass 1


def _read_files(folders: list[tuple[Path, int]], col: _Collector,
                parsed: dict | None = None) -> tuple[list[_File], list[tuple[_File, int]]]:
    """Read and parse every .toml file of the folders. `parsed` maps a path to (bytes, text, data)
    already read and parsed (scenario.toml, read first for its 'extends')."""
    files: list[tuple[_File, int]] = []
    count = 0
    for folder, layer in folders:
        shown_of = _shown_under(folder)
        for path in _toml_files(folder):
            count += 1
            if count > MAX_FILES:
                col.add(None, (), f"more than {MAX_FILES} content files", "split the mod or remove files", code="too-large")
                return [f for f, _ in files], files
            shown = shown_of(path)
            with open(path, "rb") as fh:
                st = os.fstat(fh.fileno())
                size = st.st_size
                if size > MAX_FILE_BYTES:
                    col.problems.append(Problem(shown, None, None, "", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}", "split it into smaller files", code="too-large"))
                    col.file_lost(shown, None, parsed=False)
                    continue
                raw = fh.read()
            early = parsed.get(path) if parsed else None
            if early is not None and early[0] == raw:
                f = _File(path, shown, early[1], early[2], raw=raw, ident=(st.st_dev, st.st_ino))
                files.append((f, layer))
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is None or text[:1] == "\ufeff":  # not UTF-8, or a byte-order mark: (only then) look closer
                text, problem = decode(raw, shown)
                if problem is not None:
                    col.problems.append(problem)
                    col.file_lost(shown, kinds_in_text(raw.decode("utf-8", "replace")), parsed=False)
                    continue
            f = _File(path, shown, text, raw=raw, ident=(st.st_dev, st.st_ino))
            try:
                f.data = tomli.loads(text)
            except tomli.TOMLDecodeError as exc:
                col.problems.append(toml_problem(shown, text, exc))
                col.file_lost(shown, kinds_in_text(text), parsed=False)
                continue
            except RecursionError:
                col.problems.append(Problem(shown, None, None, "", "TOML nested too deeply", "flatten the file", code="too-large"))
                col.file_lost(shown, kinds_in_text(text), parsed=False)
                continue
            if not f.data:
                col.problems.append(Problem(shown, None, None, "", "the file is empty: it has no content (comments only, or nothing)",
                                            "add entries such as [[event]], or delete the file", "warning", "empty-file"))
            files.append((f, layer))
    return [f for f, _ in files], files


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


def _codex_fix(name: str, ids, otherwise: str) -> str:
    """The fix for a codex id that is not there: the nearest id, or the one id that holds it as whole
    words ('sadr_city' for 'place_sadr_city'), or the ids when there are few. (Only on an error's path.)"""
    within = [i for i in ids if f"_{name}_" in f"_{i.replace('.', '_')}_"]  # 'capital' in 'place_capital_city'
    hint = suggest(name, ids) or (within[0] if len(within) == 1 else None)
    if hint:
        return f"did you mean '{hint}'?"
    return otherwise + (" (codex ids: " + ", ".join(sorted(ids)) + ")" if 0 < len(ids) <= 12 else "")


def _schema_line(f: _File, col: _Collector) -> None:
    """A warning when a file's first line names a schema file that is not there (a misspelt name:
    the editor then checks nothing, silently). URLs are left alone."""
    target = f.text.split("\n", 1)[0][len("#:schema"):].strip()
    if not target or "://" in target:
        return
    where = f.path.parent / target
    if where.is_file():
        return
    folder = where.parent
    parent = Path(target).parent.as_posix()
    if not folder.is_dir():  # a copied file whose relative path now leads nowhere: the game's schema folder
        from game.content.schema import SCHEMA_DIR
        from game.content.stubs import _schema_ref

        folder, parent = SCHEMA_DIR, _schema_ref(f.path.parent)
    names = sorted(p.name for p in folder.glob("*.schema.json")) if folder.is_dir() else []
    hint = suggest(where.name, names) if names else None
    kind = next((k for k in f.data if k in m.FILE_KINDS), None)
    right = f"{KIND_OF_KEY[kind]}.schema.json" if kind and f"{KIND_OF_KEY[kind]}.schema.json" in names else hint
    fix = (f"write #:schema {'' if parent == '.' else parent + '/'}{right}" if right else
           "point it at a file of the game's schema/ folder (ceasefire schema --out DIR writes them), or remove the line")
    col.problems.append(Problem(f.shown, 1, 10, "", f"the #:schema line names {target}, which does not exist: your "
                                f"editor checks nothing in this file", fix, "warning", code="schema-line"))


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


# references to ids that no entry has: the problem is the value written, so it is pointed at (an unknown state
# name in add = { tresury = 5 } is its key, and stays there)
_AT_VALUE = frozenset(("unknown-event", "unknown-actor", "unknown-action", "unknown-region", "unknown-ending",
                       "unknown-option", "unknown-metric", "unknown-difficulty", "unknown-codex"))

# a table named after what it holds in words of its own: [[codex]] (the folder's name) for [[entry]]
_KIND_WORDS = {"codex": "entry", "codex_entry": "entry", "entries": "entry", "card": "event", "cards": "event"}


def _shape(files: list[tuple[_File, int]], col: _Collector, scenario_file: Path) -> tuple[m.Scenario | None, list[_Item], list]:
    items: list[_Item] = []
    removes: list[tuple[_File, str, str, int]] = []
    scenario: m.Scenario | None = None
    total = 0
    for f, layer in files:
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
                                "start); to change [scenario], make a scenario with extends = \"<this scenario's folder>\"",
                                "warning", code="mod-scenario")
                    elif f.path.name != "scenario.toml":
                        col.add(f, (key,), "a [scenario] table belongs only in scenario.toml", "move it there", code="scenario-table")
                    continue
                if not isinstance(value, dict):
                    col.add(f, (key,), "[scenario] must be a table", "write [scenario] followed by its keys", code="scenario-table")
                    continue
                try:
                    scenario = m.Scenario.model_validate(value)
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
                    return scenario, items, removes
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
    return scenario, items, removes


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


# ------------------------------------------------------------------ pass 2


class _OptionIds:
    """event id -> its option ids, worked out for the events that are asked about (most never are)."""

    def __init__(self, events: dict[str, _Item]):
        self.events = events
        self.known: dict[str, set[str]] = {}

    def get(self, eid: str, default=None):
        found = self.known.get(eid)
        if found is None:
            it = self.events.get(eid)
            if it is None:
                return default
            found = self.known[eid] = {o.id for o in it.model.options}
        return found


def _likeness(a: str, b: str) -> float:
    """How alike two ids are: whole, or by their names after the namespace ('sadr.x' and 'iran.x')."""
    whole = difflib.SequenceMatcher(None, a, b).ratio()
    if "." in a and "." in b:
        return max(whole, difflib.SequenceMatcher(None, a.partition(".")[2], b.partition(".")[2]).ratio())
    return whole


def nearest_option_ref(ev: str, opt: str, events, options) -> str | None:
    """For 'event/option' naming no event: the nearest 'event/option' that exists. The events that
    have an option of that name come first; without a close one, the nearest of them still (an
    option reference names both, so a far event with that option beats a close one without it)."""
    having = [e for e in events if opt in options.get(e, ())]
    close = suggest(ev, events)
    if close is not None and (close in having or not having):
        opts = options.get(close, ())
        o = opt if opt in opts else suggest(opt, opts)
        return f"{close}/{o}" if o else close
    if having:
        best = max(having, key=lambda e: (_likeness(ev, e), e))
        if _likeness(ev, best) >= 0.3:
            return f"{best}/{opt}"
    return close


class _Symbols:
    def __init__(self, slots: list[Slot], ids: dict[str, set[str]]):
        self.by_name = {s.name: s.index for s in slots}
        self.ids = ids
        self.flags_read: list[str] = []
        self.fixes: dict[str, str] = {}

    def slot(self, name: str) -> int | None:
        return self.by_name.get(name)

    def names(self):
        return self.by_name.keys()

    def check_ref(self, kind: str, value: str) -> str | None:
        if kind == "flag":
            self.flags_read.append(value)
            return None
        if kind == "option":
            ev, slash, opt = value.partition("/")
            if not slash:
                return self._option_without_slash(value)
            if ev not in self.ids["event"]:
                hint = nearest_option_ref(ev, opt, self.ids["event"], self.ids["option"])
                return self._problem(f"unknown event '{ev}'", f"did you mean '{hint}'?" if hint else
                                     "write 'event.id/option_id': the id of an event of the scenario or a mod, a slash, one of its options")
            opts = self.ids["option"].get(ev, ())
            if opt not in opts:
                hint = suggest(opt, opts)
                return self._problem(f"event '{ev}' has no option '{opt}'",
                                     f"did you mean '{hint}'?" if hint else "its options: " + ", ".join(self._options(ev)))
            return None
        pool = self.ids.get(kind, set())
        if value not in pool:
            hint = suggest(value, pool)
            if hint:
                return self._problem(f"unknown {kind} '{value}'", f"did you mean '{hint}'?")
            some = sorted(pool)
            listed = ", ".join(some[:8]) + (", ..." if len(some) > 8 else "")
            return self._problem(f"unknown {kind} '{value}'", f"use the id of an {kind} of the scenario or a mod"
                                 + (f" ({listed})" if kind == "action" and some else ""))
        return None

    # (error paths only) the fix of each problem check_ref returned, by its message: the compiler passes
    # the message on, and the loader finds the fix here
    def _problem(self, message: str, fix: str) -> str:
        self.fixes[message] = fix
        return message

    def _options(self, ev: str) -> list[str]:
        it = self.ids["option"].events.get(ev) if isinstance(self.ids["option"], _OptionIds) else None
        return [o.id for o in it.model.options] if it is not None else sorted(self.ids["option"].get(ev, ()))

    def _option_without_slash(self, value: str) -> str:
        """An option reference without its slash: an event's id alone, or an option's id alone."""
        if value in self.ids["event"]:
            return self._problem(f"'{value}' is an event; an option is written 'event.id/option_id'",
                                 "write one of: " + ", ".join(f"'{value}/{o}'" for o in self._options(value)))
        having = [e for e in self.ids["event"] if value in self.ids["option"].get(e, ())]
        if having:
            shown = ", ".join(f"'{e}/{value}'" for e in sorted(having)[:3])
            return self._problem(f"unknown event '{value}'", f"an option is written 'event.id/option_id': did you mean {shown}?"
                                 if len(having) == 1 else f"an option is written 'event.id/option_id': one of {shown}")
        hint = suggest(value, self.ids["event"])
        return self._problem(f"unknown event '{value}'", "an option is written 'event.id/option_id'"
                             + (f": did you mean '{hint}/...'?" if hint else ""))


class _Linker:
    def __init__(self, scen: m.Scenario, scen_file: _File, items: list[_Item], col: _Collector, codegen: bool = True):
        self.scen = scen
        self.scen_file = scen_file
        self.col = col
        self.by_kind: dict[str, dict[str, _Item]] = {k: {} for k in KEY_OF_KIND}
        for it in items:
            self.by_kind[it.kind][it.id] = it
        self.plain: dict[str, Compiled] = {}  # source -> compiled, for expressions that name no alias
        self.cache: dict[tuple, dict[str, Compiled]] = {}  # aliases -> source -> compiled, for those that do
        self.codegen = codegen
        self.flag_reads: list[tuple[str, _Item, tuple]] = []
        self.flags_set: set[str] = set()
        self.chains_used: set[str] = set()  # events of [remove] chains_to that a chain or schedule effect led to
        self.build_slots()
        option_ids = _OptionIds(self.by_kind["event"])
        self.symbols = _Symbols(self.slots, {
            "event": set(self.by_kind["event"]), "action": set(self.by_kind["action"]), "option": option_ids,
        })

    # -- slots
    def build_slots(self):
        slots: list[Slot] = []

        def add(name, label, r, kind, owner, attr):
            slots.append(Slot(len(slots), name, label or attr, float(r.min), float(r.max), float(r.start), kind, owner, attr))

        slots.append(Slot(0, "turn", "Turn", 0.0, 10_000.0, 1.0, "builtin", None, "turn"))
        for mid, it in self.by_kind["metric"].items():
            add(mid, it.model.label, it.model, "metric", None, mid)
        for aid, it in self.by_kind["actor"].items():
            if aid in self.by_kind["metric"]:
                self.err(it, ("id",), f"actor id '{aid}' is also a metric id", "rename one of them", code="duplicate-id")
            for attr, r in it.model.attributes.items():
                add(f"{aid}.{attr}", r.label, r, "actor", aid, attr)
        for rid, it in self.by_kind["region"].items():
            for attr, r in it.model.attributes.items():
                add(f"region.{rid}.{attr}", r.label, r, "region", rid, attr)
        self.slots = slots
        self.index = {s.name: s.index for s in slots}

    def err(self, it: _Item, sub: tuple, message: str, fix: str = "", severity: str = "error", col_shift=None, code=""):
        if col_shift is None and code in _AT_VALUE and it.file is not None:
            # actor = "iranians": at "iranians", not at the line's first letter (only when reporting); an id
            # written as a key (a policy's options = { "e.id/opt" = 2 }) stays at the key
            off = it.file.locator().value_offset(it.path + sub)
            if off is not None and it.file.text[off] in "\"'":
                col_shift = 0
        self.col.add(it.file, it.path + sub, message, fix, severity, col_shift, code)

    # -- expressions
    def expr(self, it: _Item, sub: tuple, source, aliases=None) -> Compiled | None:
        if source is None:
            return None
        # aliases ('self', 'target') matter only to an expression that names one of them
        cache = self.plain
        if aliases:
            for a in aliases:
                if a in source:
                    cache = self.cache.setdefault(tuple(sorted(aliases.items())), {})
                    break
        found = cache.get(source)
        if found is not None:
            if found.refs:
                self.note_refs(found, it, sub)
            return found
        try:
            c = compile_expr(source, self.symbols, aliases, self.codegen)
        except ExprError as exc:
            for one in exc.errors:  # every error of the expression, each at its own column
                shift = None
                if one.col is not None:
                    shift = one.col + 1  # skip the opening quote
                message, fix = one.message, one.fix or self.symbols.fixes.get(one.message, "")
                fix = _expr_fix(message, source, one.col, fix)
                mt = _UNKNOWN_SELF.match(message)
                if mt is not None and not (aliases and "self" in aliases):
                    message, fix = self.self_outside(mt.group(1), "name")
                self.err(it, sub, f"in expression {source!r}: {message}", fix, col_shift=shift, code="expr")
            return None
        cache[source] = c
        if c.refs:
            self.note_refs(c, it, sub)
        return c

    def self_outside(self, written: str, what: str) -> tuple[str, str]:
        """(message, fix) for 'self.x' where 'self' means no actor (an event, a dynamic, an ending...)."""
        attr = written.partition(".")[2]
        actors = [s.owner for s in self.slots if s.kind == "actor" and s.attr == attr]
        example = f"'{actors[0]}.{attr}'" if actors else ""
        if len(actors) > 1:
            example += f" or '{actors[1]}.{attr}'"
        return (f"unknown {what} '{written}': 'self.' only works in an actor's rules (moves, and reactions with an actor), "
                f"and this rule belongs to no actor",
                f"write the actor's id instead of self: '<actor>.{attr or '<attribute>'}'" + (f", e.g. {example}" if example else ""))

    def note_refs(self, c: Compiled, it: _Item, sub: tuple):
        for kind, value in c.refs:
            if kind == "flag":
                self.flag_reads.append((value, it, sub))

    def number(self, it, sub, value, aliases=None):
        if isinstance(value, (int, float)):
            return float(value)
        return self.expr(it, sub, value, aliases)

    # -- effects
    def target_slot(self, it, sub, name: str, aliases, actor: str | None) -> int | None:
        written = name
        if aliases:
            head, _, rest = name.partition(".")
            if head in aliases:
                name = aliases[head] + ("." + rest if rest else "")
        index = self.index
        idx = index.get(f"{actor}.{name}") if actor else None  # an actor's own attribute first
        if idx is None:
            idx = index.get(name)
        if idx is None and written.startswith("self.") and not (aliases and "self" in aliases):
            self.err(it, sub, *self.self_outside(written, "state name"), code="unknown-name")
            return None
        if idx is None:
            hint = None
            if actor and "." not in name:  # a short key names the actor's own attribute: suggest those first
                prefix = actor + "."
                hint = suggest(name, [n[len(prefix):] for n in index if n.startswith(prefix)])
            if written != name:  # 'target.x' or 'self.x': said as written (alike for every region), hint too
                hint = hint or aliased_hint(written, aliases, index)
            hint = hint or suggest(name, index)
            self.err(it, sub, f"unknown state name '{written}'", f"did you mean '{hint}'?" if hint else names_fix(index, turn=False), code="unknown-name")
            return None
        if idx == 0:
            self.err(it, sub, "'turn' cannot be changed by content", "remove this key", code="read-only")
            return None
        return idx

    def changes(self, out: list, it: _Item, sub: tuple, key: str, kind: str, table: dict, when, why, aliases, actor):
        """add/set/multiply tables: one Op per state name."""
        index = self.index
        own = actor + "." if actor else ""
        for name, value in table.items():
            # the usual name, through no alias ('self.x', 'target.x'): the actor's own attribute, else a state
            # name, as target_slot finds it; anything else (an alias, an unknown name, 'turn', which is slot 0)
            # goes to target_slot, which also says what is wrong
            slot = None
            if not aliases or name.partition(".")[0] not in aliases:
                slot = (own and index.get(own + name)) or index.get(name)
            if not slot:
                slot = self.target_slot(it, sub + (key, name), name, aliases, actor)
            val = float(value) if isinstance(value, (int, float)) else self.expr(it, sub + (key, name), value, aliases)
            if slot is not None and val is not None:
                out.append(_op(kind, when, why, slot, val))

    def ops(self, it: _Item, sub: tuple, effects, aliases=None, actor=None) -> tuple[Op, ...]:
        out = []
        for i, e in enumerate(effects):
            p = sub + (i,)
            when = None if e.when is None else self.expr(it, p + ("when",), e.when, aliases)
            why = e.why
            t = type(e)
            if t is m.AddEffect:
                self.changes(out, it, p, "add", "add", e.add, when, why, aliases, actor)
            elif t is m.SetEffect:
                self.changes(out, it, p, "set", "set", e.set, when, why, aliases, actor)
            elif t is m.MultiplyEffect:
                self.changes(out, it, p, "multiply", "mul", e.multiply, when, why, aliases, actor)
            elif t is m.SetFlagEffect or t is m.ClearFlagEffect:
                setting = t is m.SetFlagEffect
                names = e.set_flag if setting else e.clear_flag
                for name in [names] if isinstance(names, str) else names:
                    name = flag_name(name, aliases)
                    if setting:
                        self.flags_set.add(name)
                    out.append(_op("flag" if setting else "unflag", when, why, name=name))
            elif t is m.ScheduleEffect:
                if e.schedule.event in self.col.chains_to:  # [remove] chains_to: a schedule effect is a chain too
                    self.chains_used.add(e.schedule.event)
                    continue
                if self.check_event(it, p + ("schedule", "event"), e.schedule.event):
                    out.append(_op("schedule", when, why, name=e.schedule.event, delay=e.schedule.delay, chance=e.schedule.chance))
            elif t is m.EndEffect:
                if e.end not in self.by_kind["ending"]:
                    hint = suggest(e.end, self.by_kind["ending"])
                    self.err(it, p + ("end",), f"unknown ending '{e.end}'",
                             f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(self.by_kind["ending"]), code="unknown-ending")
                else:
                    out.append(_op("end", when, why, name=e.end))
            elif t is m.NewsEffect:
                out.append(_op("news", when, why, name=e.news))
            elif t is m.RollEffect:
                chance = self.number(it, p + ("roll", "chance"), e.roll.chance, aliases)
                if isinstance(chance, float) and not 0 <= chance <= 1:
                    self.err(it, p + ("roll", "chance"), f"chance {chance:g} is outside 0..1", "write a probability such as 0.4", code="out-of-range")
                succ = self.ops(it, p + ("roll", "success"), e.roll.success, aliases, actor) if e.roll.success else ()
                fail = self.ops(it, p + ("roll", "failure"), e.roll.failure, aliases, actor) if e.roll.failure else ()
                if chance is not None:
                    out.append(_op("roll", when, why, name=e.roll.label, chance=chance, success=succ, failure=fail))
        return tuple(out)

    def check_event(self, it, sub, eid: str) -> bool:
        if eid in self.by_kind["event"]:
            return True
        hint = suggest(eid, self.by_kind["event"])
        if hint and difflib.SequenceMatcher(None, eid, hint).ratio() >= 0.85:  # a slip of the keyboard
            fix = f"did you mean '{hint}'?"
        else:  # nothing close: most likely a follow-up not written yet
            fix = (f"if it is an event still to write, add an [[event]] with id = \"{eid}\" (a follow-up is usually "
                   f"triggered_only = true)" + (f"; the nearest existing id is '{hint}'" if hint else ""))
        self.err(it, sub, f"unknown event '{eid}'", fix, code="unknown-event")
        return False

    def check_actor(self, it, sub, aid: str | None) -> bool:
        if aid is None or aid in self.by_kind["actor"]:
            return True
        hint = suggest(aid, self.by_kind["actor"])
        actors = list(self.by_kind["actor"])
        self.err(it, sub, f"unknown actor '{aid}'", f"did you mean '{hint}'?" if hint else
                 "use an actor id" + (": " + ", ".join(actors) if 0 < len(actors) <= 15 else ""), code="unknown-actor")
        return False

    def reaction(self, it, sub, r: m.Reaction, aliases=None, rid: str | None = None) -> RReaction | None:
        actor = r.actor
        if actor is not None and actor not in self.by_kind["actor"] and not self.check_actor(it, sub + ("actor",), actor):
            return None
        al = dict(aliases) if aliases else {}
        if actor:
            al["self"] = actor
        ops = []
        why = r.why
        reported = len(self.col.problems)
        if r.add:
            self.changes(ops, it, sub, "add", "add", r.add, None, why, al, actor)
        if r.set:
            self.changes(ops, it, sub, "set", "set", r.set, None, why, al, actor)
        if r.multiply:
            self.changes(ops, it, sub, "multiply", "mul", r.multiply, None, why, al, actor)
        for name in [r.set_flag] if isinstance(r.set_flag, str) else r.set_flag:  # one flag, or a list
            name = flag_name(name, al)
            self.flags_set.add(name)
            ops.append(_op("flag", None, why, name=name))
        for name in [r.clear_flag] if isinstance(r.clear_flag, str) else r.clear_flag:
            ops.append(_op("unflag", None, why, name=flag_name(name, al)))
        if r.effects:
            ops.extend(self.ops(it, sub + ("effects",), r.effects, al, actor))
        when = None if r.when is None else self.expr(it, sub + ("when",), r.when, al)
        chance = self.number(it, sub + ("chance",), r.chance, al)
        if isinstance(chance, float) and not 0 <= chance <= 1:
            self.err(it, sub + ("chance",), f"chance {chance:g} is outside 0..1", "write a probability such as 0.5", code="out-of-range")
        if not ops and len(self.col.problems) == reported:  # (not when its changes were just reported as broken)
            self.err(it, sub, "reaction changes nothing", "add add/set/multiply/set_flag/effects", severity="warning", code="no-change")
        if type(r) is m.ReactionRule:
            return _reaction(rid or r.id or "", actor, why, when, chance if chance is not None else 1.0, tuple(ops),
                             r.cooldown_turns, r.max_fires, frozenset(r.on_target))
        return _reaction(rid or r.id or "", actor, why, when, chance if chance is not None else 1.0, tuple(ops))

    def check_unshaped(self, entries) -> None:
        """The expressions and state names of entries that failed validation, checked all the same,
        so that one run of validate reports them with the entry's other problems, not in a later
        round once the entry validates. Found by key (when, requires, weight, chance, score; the
        names and values of add/set/multiply), skipping whatever pydantic already reported."""
        regions = self.by_kind["region"]
        for kind, raw, f, path, layer, bad in entries:
            it = _Item(kind, None, f, path, layer)
            targets = raw.get("targets") if kind == "action" else None
            names = list(regions) if targets == "regions" else [t for t in targets if isinstance(t, str) and t in regions] if isinstance(targets, list) else []
            if isinstance(targets, str) and targets in regions:  # targets = "basra" (reported): read as ["basra"]
                names = [targets]
            for t in names or [None]:
                self.check_raw(it, (), raw, {"target": f"region.{t}"} if t else {}, None, bad)

    def check_raw(self, it: _Item, sub: tuple, node, aliases: dict, actor: str | None, bad: set[tuple]) -> None:
        if not isinstance(node, dict):
            if isinstance(node, list):
                for i, v in enumerate(node):
                    if isinstance(v, (dict, list)) and not _reported(sub + (i,), bad):
                        self.check_raw(it, sub + (i,), v, aliases, actor, bad)
            return
        if isinstance(node.get("actor"), str) and node["actor"] in self.by_kind["actor"]:
            actor = node["actor"]
            aliases = {**aliases, "self": actor}
        for key, value in node.items():
            p = sub + (key,)
            if _reported(p, bad):
                continue
            if key in _EXPR_KEYS and isinstance(value, str):
                self.expr(it, p, value, aliases or None)
            elif key in _CHANGE_KEYS and isinstance(value, dict):
                for name, v in value.items():
                    q = p + (name,)
                    if isinstance(name, str) and not _reported(q, bad):
                        self.target_slot(it, q, name, aliases or None, actor)
                        if isinstance(v, str):
                            self.expr(it, q, v, aliases or None)
            elif isinstance(value, (dict, list)):
                self.check_raw(it, p, value, aliases, actor, bad)

    def links(self, it, sub, text: str):
        if "[[" not in text:
            return
        for mt in LINK.finditer(text):
            target = mt.group(1).strip()
            if target not in self.by_kind["codex"]:
                self.err(it, sub, f"link [[{target}]] points at no codex entry",
                         _codex_fix(target, self.by_kind["codex"], "add the codex entry or remove the brackets"), severity="warning", code="unknown-codex")
                self._at_link(it, sub, mt.group(0))

    def _at_link(self, it: _Item, sub: tuple, written: str) -> None:
        """The problem just added, placed at the link itself: in a text of several lines the key's line
        is not where the link is. (Only on this warning's path.)"""
        f = it.file
        vline, vcol = f.locator().value_line_col(it.path + sub)
        if vline is None:
            return
        start = f.locator()._starts[vline - 1] + vcol - 1
        found = f.text.find(written, start)
        if found < 0:
            return
        line, col = f.locator().line_col_at(found)
        self.col.problems[-1] = dataclasses.replace(self.col.problems[-1], line=line, col=col)

    def codex_key(self, it: _Item) -> None:
        """A warning when an entry's `codex` key names no codex entry."""
        if it.model.codex and it.model.codex not in self.by_kind["codex"]:
            self.err(it, ("codex",), f"unknown codex entry '{it.model.codex}'",
                     _codex_fix(it.model.codex, self.by_kind["codex"], "add the entry or remove the key"), severity="warning", code="unknown-codex")

    def untargetable(self, it: _Item, r, bk) -> None:
        """A warning for each region of a rule's on_target that none of its on_action orders can target:
        the rule never fires for it."""
        orders = [bk["action"][a].model for a in r.on_action if a in bk["action"]]
        if not orders or any(o.targets == "regions" for o in orders):
            return
        can = {t for o in orders for t in o.targets}
        for i, t in enumerate(r.on_target):
            if t in bk["region"] and t not in can:
                names = ", ".join(f"'{o.id}'" for o in orders)
                self.err(it, ("on_target", i), f"no order it answers ({names}) can target '{t}': the rule never fires for it",
                         ("use a region those orders target: " + ", ".join(sorted(can))) if can else
                         "remove on_target: these orders target no region", severity="warning", code="never-targeted")

    # -- the whole scenario
    def link(self) -> Scenario:
        s = self.scen
        bk = self.by_kind
        # scenario-level references
        sf = _Item("scenario", s, self.scen_file, ("scenario",), 0)
        if s.capital not in bk["metric"] and ("metric", s.capital) not in self.col.broken:  # (a broken one says why)
            hint = suggest(s.capital, bk["metric"])
            self.err(sf, ("capital",), f"capital metric '{s.capital}' is not defined",
                     f"did you mean capital = \"{hint}\"?" if hint else
                     "add a [[metric]] with that id or set capital = '<metric id>'", code="unknown-metric")
        for name in s.start:
            if name not in self.index:
                hint = suggest(name, self.index)
                self.err(sf, ("start", name), f"unknown state name '{name}'", f"did you mean '{hint}'?" if hint else "", code="unknown-name")
        for did, d in s.difficulty.items():
            for name in d.start:
                if name not in self.index:
                    hint = suggest(name, self.index)
                    self.err(sf, ("difficulty", did, "start", name), f"unknown state name '{name}'", f"did you mean '{hint}'?" if hint else "", code="unknown-name")
            self.flags_set.update(d.flags)
        if s.default_difficulty and s.default_difficulty not in s.difficulty:
            self.err(sf, ("default_difficulty",), f"no difficulty preset '{s.default_difficulty}'",
                     "use one of: " + ", ".join(s.difficulty) if s.difficulty else "add a [scenario.difficulty.<id>] table", code="unknown-difficulty")
        self.flags_set.update(s.flags)
        initial = list(s.flags)
        for aid, it in bk["actor"].items():
            if it.model.patron is not None:
                self.check_actor(it, ("patron",), it.model.patron)
            for fl in it.model.flags:
                initial.append(f"{aid}.{fl}")
                self.flags_set.add(f"{aid}.{fl}")
            self.codex_key(it)
        if not bk["metric"]:
            self.col.add(self.scen_file, ("scenario",), "the scenario defines no metrics", "add [[metric]] entries in metrics.toml", code="empty-scenario")

        actions = {}
        for aid, it in bk["action"].items():
            a: m.Action = it.model
            targets = list(bk["region"]) if a.targets == "regions" else list(a.targets)
            for i, t in enumerate(targets):
                if t not in bk["region"]:
                    hint = suggest(t, bk["region"])
                    self.err(it, ("targets", i) if a.targets != "regions" else ("targets",), f"unknown region '{t}'",
                             f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(bk["region"]), code="unknown-region")
            variants = {}
            for t in (targets or [None]):
                if t is not None and t not in bk["region"]:
                    continue
                al = {"target": f"region.{t}"} if t else None
                req = self.expr(it, ("requires",), a.requires, al)
                ops = self.ops(it, ("effects",), a.effects, al)
                reacts = tuple(rr for j, r in enumerate(a.reactions)
                               if (rr := self.reaction(it, ("reactions", j), r, al, f"{aid}.reaction{j + 1}")) is not None)
                variants[t] = RVariant(t, req, ops, reacts)
            actions[aid] = RAction(aid, a, variants)

        events = {}
        zero_edges: dict[str, set[str]] = {}
        dropped = self.col.chains_to  # [remove] chains_to
        chains_used = self.chains_used
        for eid, it in bk["event"].items():
            e: m.Event = it.model
            self.links(it, ("text",), e.text)
            opts = []
            seen = set()
            for j, o in enumerate(e.options):
                op = ("option", j)
                oid = o.id
                if oid in seen:
                    self.err(it, op + ("id",), f"duplicate option id '{oid}'", "give each option its own id", code="duplicate-id")
                seen.add(oid)
                chain = o.chain
                if chain is None:
                    chains = []
                else:
                    listed = isinstance(chain, list)
                    chains = chain if listed else ([chain] if chain else [])
                    kept = []
                    for k, ch in enumerate(chains):  # k counts every chain written, so that paths stay right
                        if ch.event in dropped:  # [remove] chains_to
                            chains_used.add(ch.event)
                            continue
                        kept.append(ch)
                        cp = op + ("chain",) + ((k,) if listed else ())
                        if self.check_event(it, cp + ("event",), ch.event) and ch.delay == 0:
                            zero_edges.setdefault(eid, set()).add(ch.event)
                    chains = kept
                if o.effects:
                    ops = self.ops(it, op + ("effects",), o.effects)
                    for eff in o.effects:
                        if type(eff) is m.ScheduleEffect and eff.schedule.delay == 0 and eff.schedule.event not in dropped:
                            zero_edges.setdefault(eid, set()).add(eff.schedule.event)
                else:
                    ops = ()
                reacts = tuple(rr for k, r in enumerate(o.reactions)
                               if (rr := self.reaction(it, op + ("reactions", k), r, None, f"{eid}/{oid}.reaction{k + 1}")) is not None
                               ) if o.reactions else ()
                req = None if o.requires is None else self.expr(it, op + ("requires",), o.requires)
                opts.append(_option(oid, o, req, ops, reacts, tuple(chains)))
            if all(o.requires for o in e.options):
                self.err(it, ("option",), "every option has a requirement; the card could offer no choice",
                         "leave at least one option without 'requires'", code="no-free-option")
            if e.min_turn > e.max_turn:
                self.err(it, ("min_turn",), "min_turn is after max_turn", "swap them", code="range-order")
            mods = tuple((wm.factor, c) for k, wm in enumerate(e.weight_mods)
                         if (c := self.expr(it, ("weight_mods", k, "when"), wm.when)) is not None) if e.weight_mods else ()
            weight = e.weight
            weight = float(weight) if isinstance(weight, (int, float)) else self.expr(it, ("weight",), weight)
            when = None if e.when is None else self.expr(it, ("when",), e.when)
            events[eid] = _event(eid, e, when, weight if weight is not None else 0.0, mods,
                                 s.default_cooldown if e.cooldown_turns is None else e.cooldown_turns, tuple(opts))
        self.zero_delay_cycles(zero_edges)
        for eid in dropped.keys() - chains_used:
            f, path = dropped[eid]
            self.col.add(f, path, f"no chain or schedule effect leads to '{eid}': nothing to drop",
                         "check the event id, or take it out of chains_to", "warning", code="remove-id")

        on_action: dict[str, list] = {}
        on_option: dict[str, list] = {}
        on_event: dict[str, list] = {}
        state = []
        for rid, it in bk["reaction"].items():
            r: m.ReactionRule = it.model
            rr = self.reaction(it, (), r, None, rid)
            for i, a in enumerate(r.on_action):
                if a not in bk["action"]:
                    hint = suggest(a, bk["action"])
                    self.err(it, ("on_action", i), f"unknown action '{a}'", f"did you mean '{hint}'?" if hint else "use an action id", code="unknown-action")
                elif rr:
                    on_action.setdefault(a, []).append(rr)
            for i, t in enumerate(r.on_target):
                if t not in bk["region"]:
                    hint = suggest(t, bk["region"])
                    self.err(it, ("on_target", i), f"unknown region '{t}'",
                             f"did you mean '{hint}'?" if hint else "use one of: " + ", ".join(bk["region"]), code="unknown-region")
            if r.on_target and not self.codegen:  # (validate and lint) a region none of its orders can target
                self.untargetable(it, r, bk)
            for i, o in enumerate(r.on_option):
                problem = self.symbols.check_ref("option", o)
                if problem:
                    fix = self.symbols.fixes.get(problem, "")
                    if "/" not in o and o in bk["event"]:
                        fix += f"; or on_event = [\"{o}\"] to react when the card is shown"
                    self.err(it, ("on_option", i), problem, fix, code="unknown-option")
                elif rr:
                    on_option.setdefault(o, []).append(rr)
            for i, ev in enumerate(r.on_event):
                if self.check_event(it, ("on_event", i), ev) and rr:
                    on_event.setdefault(ev, []).append(rr)
            if not (r.on_action or r.on_option or r.on_event):
                if r.when is None:
                    self.err(it, (), "a reaction with no trigger needs a 'when' condition",
                             "add on_action, on_option, on_event or when", code="no-trigger")
                elif rr:
                    state.append(rr)

        moves: dict[str, list] = {aid: [] for aid in bk["actor"]}
        for mid, it in bk["move"].items():
            mv: m.Move = it.model
            if not self.check_actor(it, ("actor",), mv.actor):
                continue
            al = {"self": mv.actor}
            w = self.number(it, ("weight",), mv.weight, al)
            moves[mv.actor].append(RMove(mid, mv.actor, mv, self.expr(it, ("when",), mv.when, al),
                                         w if w is not None else 0.0, self.ops(it, ("effects",), mv.effects, al, mv.actor)))

        dynamics = tuple(RDynamic(did, it.model, self.expr(it, ("when",), it.model.when), self.ops(it, ("effects",), it.model.effects))
                         for did, it in bk["dynamic"].items())

        endings = []
        for eid, it in bk["ending"].items():
            sc = self.number(it, ("score",), it.model.score)
            endings.append(REnding(eid, it.model, self.expr(it, ("when",), it.model.when), sc if sc is not None else 0.0))
        endings.sort(key=lambda e: -e.model.priority)
        if endings and not any(e.model.when is None or e.model.at_end for e in endings):
            self.col.add(self.scen_file, ("scenario",), "no ending can close a game that reaches its last turn",
                         "add an [[ending]] with at_end = true and no 'when'", severity="warning", code="no-last-turn-ending")
        if not endings:
            self.col.add(self.scen_file, ("scenario",), "the scenario defines no endings", "add [[ending]] entries in endings.toml", code="empty-scenario")

        if not self.codegen:  # (validate and lint) a second player's side, which the game ignores
            players = [it for it in bk["actor"].values() if it.model.player]
            for it in players[1:]:
                self.err(it, ("player",), f"'{players[0].id}' also says player = true: the game takes '{players[0].id}' "
                         f"as the player's side, not this actor",
                         "remove player = true from all but one actor", severity="warning", code="two-players")
        if not self.codegen:  # (validate and lint) the codex keys of metrics, regions and orders
            for kind in ("metric", "region", "action"):
                for it in bk[kind].values():
                    self.codex_key(it)

        for cid, it in bk["codex"].items():
            self.links(it, ("body",), it.model.body)
            for i, other in enumerate(it.model.see):
                if other not in bk["codex"]:
                    self.err(it, ("see", i), f"unknown codex entry '{other}'", _codex_fix(other, bk["codex"], "use a codex id"), severity="warning", code="unknown-codex")

        for pid, it in bk["policy"].items():
            for name in it.model.actions:
                if name not in bk["action"]:
                    hint = suggest(name, bk["action"])
                    self.err(it, ("actions", name), f"unknown action '{name}'", f"did you mean '{hint}'?" if hint else "use an action id", code="unknown-action")
            bare = None
            for name in it.model.options:
                if "/" in name and (problem := self.symbols.check_ref("option", name)):
                    self.err(it, ("options", name), problem, self.symbols.fixes.get(problem, "write 'event.id/option_id' or a bare option id"), code="unknown-option")
                elif "/" not in name and not self.codegen:  # (validate and lint only) a bare id no option has
                    if bare is None:
                        bare = {o.id for e in bk["event"].values() for o in e.model.options}
                    if name not in bare:
                        hint = suggest(name, bare)
                        self.err(it, ("options", name), f"no event has an option '{name}': this weight applies to nothing",
                                 f"did you mean '{hint}'?" if hint else "write an option's id, or 'event.id/option_id'",
                                 severity="warning", code="unknown-option")

        return Scenario(
            policy_specs={k: v.model for k, v in bk["policy"].items()},
            flag_words={k: v.model for k, v in bk["flag"].items()},
            meta=s, root="", content_hash="", slots=self.slots, index=self.index,
            metrics={k: v.model for k, v in bk["metric"].items()},
            actors={k: v.model for k, v in bk["actor"].items()},
            regions={k: v.model for k, v in bk["region"].items()},
            actions=actions, events=events,
            on_action={k: tuple(v) for k, v in on_action.items()},
            on_option={k: tuple(v) for k, v in on_option.items()},
            on_event={k: tuple(v) for k, v in on_event.items()},
            state_reactions=tuple(state),
            moves={k: tuple(v) for k, v in moves.items()},
            dynamics=dynamics, endings=tuple(endings),
            codex={k: v.model for k, v in bk["codex"].items()},
            initial_flags=tuple(dict.fromkeys(initial)),
            capital_slot=self.index.get(s.capital, 0), turn_slot=0,
            sources={(k, i): (it.file.shown, _dotted_entry(it.path)) for k, d in bk.items() for i, it in d.items()},
        )

    def zero_delay_cycles(self, edges: dict[str, set[str]]):
        state: dict[str, int] = {}

        def visit(node, stack):
            state[node] = 1
            for nxt in edges.get(node, ()):
                if state.get(nxt) == 1:
                    cycle = stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt]
                    it = self.by_kind["event"][node]
                    self.err(it, ("option",), "chain of zero delay loops back: " + " -> ".join(cycle),
                             "give one link of the loop a delay of 1 or more", code="zero-delay-cycle")
                elif state.get(nxt) is None:
                    visit(nxt, stack + [nxt])
            state[node] = 2

        for node in list(edges):
            if node not in state:
                visit(node, [node])


def _dotted_entry(path: tuple) -> str:
    """dotted() of an entry's path, quicker for the usual ('event', 12)."""
    if len(path) == 2 and type(path[1]) is int:
        return f"{path[0]}[{path[1]}]"
    return dotted(path)


def _installed_mod(f: _File) -> tuple[Path, str] | None:
    """(mods/<scenario id> folder, mod name) when the file belongs to an installed mod, else None."""
    from game.content.mods import mods_dir

    base = mods_dir().resolve()
    try:
        rest = f.real.relative_to(base).parts
    except ValueError:
        return None
    return (base / rest[0], rest[1]) if len(rest) >= 3 else None


def _conflict_fix(first: _File, later: _File) -> str:
    """How to settle two mods changing one entry: load_order.toml for installed mods, else --mod."""
    a, b = _installed_mod(first), _installed_mod(later)
    if a and b and a[0] == b[0]:
        order = _shown(a[0] / "load_order.toml")
        return (f"merge the two changes into one mod, or state the order in {order}: "
                f"order = [\"{a[1]}\", \"{b[1]}\"] (the last one listed wins)")
    if a or b:
        return ("merge the two changes into one mod; a --mod folder always loads after the installed mods "
                "of the mods folder, so this order holds unless you move it")
    return "merge the two changes into one mod, or reorder the --mod options (the last one given wins)"


def _mod_inside_scenario(a: _File, b: _File) -> str | None:
    """For two entries with one id in a scenario's folder: when one lies in a sub-folder laid out like
    the scenario (content/scenarios/basra_2008/my_mod/reactions.toml beside the scenario's own
    reactions.toml), a mod was put inside the scenario, where it loads as part of it and cannot
    replace anything; how to move it. None otherwise. (Only on this error's path.)"""
    for one, other in ((b, a), (a, b)):
        root = next((d for d in one.real.parents if (d / "scenario.toml").is_file()), None)
        if root is None or root not in other.real.parents:
            continue
        rel, other_rel = one.real.relative_to(root).parts, other.real.relative_to(root).parts
        if len(rel) < 2 or rel[0] == other_rel[0] or not (root / rel[0] / other_rel[0]).exists():
            continue
        from game.content.mods import mods_dir, scenario_id

        target = _shown(mods_dir() / (scenario_id(root) or root.name) / rel[0])
        return (f"{_shown(root / rel[0])} looks like a mod put inside the scenario's folder, where it loads as part "
                f"of the scenario and cannot replace its entries: move that folder to {target}")
    return None


def _merge(items: list[_Item], removes, col: _Collector, changed: dict | None = None) -> list[_Item]:
    """Later layers override earlier ones by (kind, id); duplicates within a layer are errors.

    `changed`, when given, receives what mods did to entries of earlier layers, for messages about
    references they broke: (kind, id) -> ("removed", file, path) or ("replaced", item)."""
    chosen: dict[tuple[str, str], _Item] = {}
    for it in items:
        k = (it.kind, it.id)
        prev = chosen.get(k)
        if prev is not None and prev.layer == it.layer:
            line, _ = prev.file.locate(prev.path)
            inside = _mod_inside_scenario(prev.file, it.file) if it.layer < 2 else None
            col.add(it.file, it.path + ("id",), f"duplicate {it.kind} id '{it.id}' (first at {prev.file.shown}:{line})",
                    inside or "give it another id, or delete one of the two", col_shift=0, code="duplicate-id")
            raw = it.file.data.get(it.path[0]) if len(it.path) == 2 else None
            if isinstance(raw, list) and isinstance(it.path[1], int) and it.path[1] < len(raw):
                _note_broken(col, it.kind, raw[it.path[1]])  # the flags it sets are not "never set"
            continue
        if prev is not None and prev.layer >= 2 and it.layer >= 2:
            line, _ = prev.file.locate(prev.path)
            col.add(it.file, it.path + ("id",),
                    f"two mods change {it.kind} '{it.id}': this one (loaded later) wins over {prev.file.shown}:{line}",
                    _conflict_fix(prev.file, it.file), "warning", code="mod-conflict")
        if prev is not None and it.layer >= 2 and prev.layer < 2 and it.kind == "reaction":
            said = reaction_collision(prev, it, mod_namespace(items, it.layer))
            if said is not None:
                col.add(it.file, it.path + ("id",), *said, "warning", code="mod-collision")
        if changed is not None and prev is not None and it.layer >= 2:
            changed[k] = ("replaced", it)
        chosen[k] = it
    for it, close in near_ids(items):
        col.add(it.file, it.path + ("id",), *near_id_problem(it, close), "warning", code="mod-near-id")
    for f, kind, rid, layer, path in removes:
        if (kind, rid) in chosen:
            del chosen[(kind, rid)]
            if changed is not None:
                changed[(kind, rid)] = ("removed", f, path)
        else:
            hint = suggest(rid, [i for (k, i) in chosen if k == kind])
            col.add(f, path, f"nothing to remove: no {kind} '{rid}'", f"did you mean '{hint}'?" if hint else "check the id",
                    severity="warning", code="remove-id")
    return list(chosen.values())


def _namespace(rid: str) -> str:
    return rid.partition(".")[0] if "." in rid else ""


def near_ids(items: list[_Item]) -> list[tuple[_Item, str]]:
    """(a mod's new entry, the scenario's id it is a letter or two from): same kind, same namespace.

    Such an entry was most likely meant to replace that one: misspelt, it adds a second rule beside
    the first, and both apply (validate and lint warn; a new entry with a close id may be meant).
    So is one written in another of the scenario's namespaces with the same name after the dot
    ('basra_locals.services_compete' for 'sadrists.services_compete': the wrong actor's prefix)."""
    if all(it.layer < 2 for it in items):  # no mod: nothing new to compare
        return []
    base: dict[tuple[str, str], list[str]] = {}  # (kind, namespace) -> ids of the scenario's layers
    by_name: dict[tuple[str, str], list[str]] = {}  # (kind, the part after the namespace) -> those ids
    have = set()
    for it in items:
        if it.layer < 2:
            have.add((it.kind, it.id))
            base.setdefault((it.kind, _namespace(it.id)), []).append(it.id)
            if "." in it.id:
                by_name.setdefault((it.kind, it.id.partition(".")[2]), []).append(it.id)
    out = []
    for it in items:
        if it.layer < 2 or (it.kind, it.id) in have:
            continue
        rid = it.id
        pool = [b for b in base.get((it.kind, _namespace(rid)), ()) if abs(len(b) - len(rid)) <= 2]
        close = difflib.get_close_matches(rid, pool, n=1, cutoff=0.9) if pool else []
        if not close and "." in rid and (it.kind, _namespace(rid)) in base:  # a namespace of the scenario's
            same = by_name.get((it.kind, rid.partition(".")[2]), [])
            close = same if len(same) == 1 else []
        if close:
            out.append((it, close[0]))
    return out


def _answers(r) -> str:
    """What a reaction rule answers, in words: 'actor iran, on_option water.x/upstream'."""
    parts = [f"actor {r.actor}"] if r.actor else ["no actor"]
    for key in ("on_action", "on_option", "on_event"):
        if getattr(r, key):
            parts.append(f"{key} {', '.join(getattr(r, key))}")
    if len(parts) == 1:
        parts.append("a condition")
    return ", ".join(parts)


def mod_namespace(items: list[_Item], layer: int) -> str | None:
    """The namespace most of a layer's namespaced ids use ('water' for the tutorial's mod), if any.
    Called only for a message."""
    found = Counter(_namespace(it.id) for it in items if it.layer == layer and "." in it.id and it.kind in ("event", "reaction"))
    found.pop("", None)
    return found.most_common(1)[0][0] if found else None


def reaction_collision(base: _Item, new: _Item, namespace: str | None = None) -> tuple[str, str] | None:
    """(message, fix) when a mod's reaction rule has the id of one of the scenario's but answers
    something else (another actor, or none of the same actions, options or events): most likely a
    new rule that took a used id by accident, since reaction ids have no namespace of the mod's own.
    None for a replacement that keeps the actor and at least one trigger (an override on purpose)."""
    a, b = base.model, new.model
    shared = any(set(getattr(a, k)) & set(getattr(b, k)) for k in ("on_action", "on_option", "on_event"))
    untriggered = not any(getattr(r, k) for r in (a, b) for k in ("on_action", "on_option", "on_event"))
    if a.actor == b.actor and (shared or untriggered):
        return None
    line, _ = base.file.locate(base.path)
    return (f"reaction '{b.id}' has the id of the scenario's rule at {base.file.shown}:{line}, which answers something "
            f"else ({_answers(a)}; this one: {_answers(b)}): it replaces that rule, which then no longer applies",
            f"if this is a new reaction, give it an id of your own, starting with your mod's namespace (e.g. "
            f"'{namespace if namespace and namespace != _namespace(b.id) else 'mymod'}.{b.id.rpartition('.')[2]}'); if you mean to change that rule, keep its actor and what it answers")


def near_id_problem(it: _Item, close: str) -> tuple[str, str]:
    """(message, fix) for near_ids' findings."""
    return (f"new {it.kind} '{it.id}' is not in the scenario, but '{close}' is: both now apply",
            f"to replace '{close}', write its id exactly; if this is a new {it.kind}, give it a clearly different id")


_ARGS = {"num": "x", "slot": "name", "flag": "'ns.flag'", "event": "'ns.event'", "action": "'action'", "option": "'ns.event/option'"}
_DANGLING = re.compile(r"(\band|\bor|\bnot|[-+*/%<>=!(,])\s*$")


_OP_AT = re.compile(r"(?:and|or)\b|==|!=|<=|>=|[*/%<>]")
_OP_BEFORE = re.compile(r"(\band|\bor|\bnot|==|!=|<=|>=|[-+*/%<>(])$")


def _unjoined(source: str, col: int | None) -> str | None:
    """What is wrong where Python says only 'invalid syntax' at `col`: two operators in a row
    ('and and'), or two values with nothing between them ('cohesion < 5 treasury > 3')."""
    text = source.strip()  # (the compiler's columns count from the stripped text)
    if col is None or not 0 < col < len(text):
        return None
    before, after = text[:col].rstrip(), text[col:]
    op_now, op_before = _OP_AT.match(after), _OP_BEFORE.search(before)
    if op_now is not None and op_before is not None:
        return (f"two operators in a row ('{op_before.group(1)} {op_now.group(0)}'): remove one, "
                "or put a value between them")
    value_now = re.match(r"[A-Za-z_][\w.]*|\d+(?:\.\d+)?", after)
    if op_now is not None or value_now is None or not before:
        return None
    last = before.split()[-1]
    q = '"' if "'" in text else "'"  # quote what holds quotes with the other kind
    if last == "not":
        return ("'not' goes before a condition, not between two: join them with 'and not' or 'or not' "
                f"(e.g. {q}{before[:-3].rstrip()} and not {after}{q})")
    example = "" if value_now.group(0)[0].isdigit() else f" (e.g. {q}{before} and {after}{q})"
    return f"nothing joins {q}{last}{q} and {q}{value_now.group(0)}{q}: put 'and', 'or' or an operator between them" + example


def _expr_fix(message: str, source: str, col: int | None, fix: str) -> str:
    """A fix for an expression error that the compiler words without one (or with only the general
    'check brackets, quotes and operators'): what to write instead. Runs only for expressions in error."""
    from game.expr.functions import FUNCTIONS

    general = fix == "check brackets, quotes and operators"
    if fix and not general:
        return fix
    if message.startswith("syntax error: unterminated string") or message.startswith("syntax error: unterminated triple"):
        return "a text in the expression is never closed: end it with the same quote it starts with, e.g. flag('ns.flag')"
    if message == "syntax error" or general:
        stripped = source.rstrip()
        if re.search(r"\d\s*%(?!\s*[\w(])", stripped):
            return "'%' is the remainder of a division: write plain numbers (40, not 40%)"
        if (end := _DANGLING.search(stripped)) is not None:
            return f"the expression ends with '{end.group(1)}': add what should follow it, or remove it"
        if message == "syntax error" and (joined := _unjoined(source, col)) is not None:
            return joined
        opened, closed = stripped.count("("), stripped.count(")")
        if opened > closed:
            return f"close each '(' with a ')' ({opened} '(' but {closed} ')')"
        if closed > opened:
            return f"remove the extra ')', or add the '(' it closes ({opened} '(' but {closed} ')')"
        return fix or "check brackets, quotes and operators"
    mt = re.match(r"(\w+)\(\) (?:needs a quoted \w+ name|takes )", message)
    if mt is not None and mt.group(1) in FUNCTIONS:
        spec = FUNCTIONS[mt.group(1)]
        if "needs a quoted" in message and col is not None:
            written = re.match(r"[\w.]+", source[col:])
            if written is not None:
                return f"put the name in quotes: {spec.name}('{written.group(0)}')"
        return f"write it as {spec.name}({', '.join(_ARGS.get(k, k) for k in spec.params)})" + (
            f", the last {spec.optional} optional" if spec.optional else "") + f": {spec.doc}"
    if message.startswith("text is only allowed"):
        quoted = re.match(r"(['\"])(.*?)\1", source[col:]) if col is not None else None
        if quoted is not None and re.fullmatch(r"-?\d+(\.\d+)?", quoted.group(2)):  # trust < '45'
            return f"remove the quotes from a number ({quoted.group(2)}, not {quoted.group(0)})"
        if quoted is not None and re.fullmatch(r"[a-z_][a-z0-9_.]*", quoted.group(2)):
            name = quoted.group(2)
            return f"remove the quotes from a name ({name}, not {quoted.group(0)}), or pass the text to a function such as flag({quoted.group(0)})"
        return "remove the quotes from a name (cohesion, not 'cohesion'), or pass the text to a function such as flag('name')"
    if message.startswith(("operator ", "that comparison is not allowed")) or "is not allowed in expressions" in message:
        return "use + - * / %, comparisons (< <= > >= == !=), and, or, not, x if c else y, and the listed functions"
    if "is not allowed; " in message:  # 'is' is not allowed; use ==
        rest = message.split("is not allowed; ", 1)[1]
        return "write " + rest[4:] + " instead" if rest.startswith("use ") else rest
    if message.startswith("number ") and "out of bounds" in message:
        return "write a smaller number"
    if message.startswith(("attributes are only allowed", "only the listed functions")):
        return "write a state name such as sadrists.stance, or call a listed function by its name, such as flag('x')"
    if "takes no keyword arguments" in message:
        return "pass the arguments by position, e.g. taken('offensive', 3)"
    if "names with double underscores" in message:
        return "rename it without double underscores"
    if message.startswith(("literal ", "expression cannot be parsed")):
        return "write numbers, names in plain letters, and text only in quotes inside a function"
    if "name is too long" in message:
        return "use the id as the content defines it (at most 120 characters)"
    return fix or "see the expression functions and names in docs/modding.md"


def _reported(path: tuple, bad: set[tuple]) -> bool:
    """Whether `path` lies at or under one that pydantic already reported."""
    return any(path[:len(b)] == b for b in bad)


_EXPR_KEYS = frozenset(("when", "requires", "weight", "chance", "score"))  # keys whose text is an expression
_CHANGE_KEYS = frozenset(("add", "set", "multiply"))  # state name -> number or expression
_UNKNOWN_SELF = re.compile(r"unknown name '(self\.[^']*)'$")
_BROKEN_REF = re.compile(
    r"unknown (event|action|actor|ending|region|codex entry|state name|name) '([^']+)'(?:; did you mean '[^']*'\?)?"
    r"|event '([^']+)' has no option '([^']+)'"
    r"|link \[\[([^\]|]+)\]\] points at no codex entry")
_KIND_OF_WORD = {"event": "event", "action": "action", "actor": "actor", "ending": "ending", "region": "region",
                 "codex entry": "codex"}
COLLAPSE = 5  # this many references broken by one removal become one problem at the [remove] line


def _where(f: _File, path: tuple) -> str:
    line, _ = f.locate(path)
    return f"{f.shown}:{line}" if line else f.shown


def _referred(mt: re.Match) -> list[tuple[str, str]]:
    """The (kind, id) entries a _BROKEN_REF message may be about."""
    word, name, ev, opt, link = mt.groups()
    if link is not None:
        return [("codex", link.strip())]
    if ev is not None:
        return [("event", ev)]
    if word in ("state name", "name"):
        head, _, rest = name.partition(".")
        keys = [("metric", name), ("actor", head)]
        if head == "region" and rest:
            keys.append(("region", rest.partition(".")[0]))
        return keys
    return [(_KIND_OF_WORD[word], name)]


def _drop_cascades(problems: list[Problem], broken: set[tuple[str, str]]) -> list[Problem]:
    """Leave out "unknown X" problems about entries that failed validation: they exist, and their own
    errors say what is wrong (a modder would otherwise chase references that are right)."""
    out = []
    for p in problems:
        mt = _BROKEN_REF.search(p.message) if p.severity in ("error", "warning") else None
        if mt is not None and any(key in broken for key in _referred(mt)):
            continue
        out.append(p)
    return out


# kinds whose entries can set flags (a flag read but never set may be set by such an entry of a lost file)
_FLAG_KINDS = frozenset(("scenario", "actor", "action", "event", "reaction", "move", "dynamic", "ending"))
# other messages about something a lost file may define, by the kind it would be
_LOST_KIND = ((re.compile(r"capital metric '[^']*' is not defined|the scenario defines no metrics"), "metric"),
              (re.compile(r"the scenario defines no endings|no ending can close a game"), "ending"))


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


def _hold_back(problems: list[Problem], col: _Collector) -> list[Problem]:
    """While a file could not be read (it does not parse, or a key does not shape into entries), the
    references that may point at its entries are not checked: "unknown event 'x'" for an event defined
    there, "flag never set" for a flag it sets, a "did you mean" of another id. Such problems are left
    out, and one note says which checks were skipped until which file is fixed."""
    lost = col.broken_files
    kinds: set[str] | None = set()
    for k in lost.values():
        if k is None:
            kinds = None
            break
        kinds |= k

    def could(kind: str) -> bool:
        return kinds is None or kind in kinds

    out, held = [], 0
    for p in problems:
        if p.severity in ("error", "warning"):
            if p.code == "unset-flag":
                if kinds is None or kinds & _FLAG_KINDS:
                    held += 1
                    continue
            else:
                mt = _BROKEN_REF.search(p.message)
                if (mt is not None and any(could(k) for k, _ in _referred(mt))) or any(
                        could(k) and rx.search(p.message) for rx, k in _LOST_KIND):
                    held += 1
                    continue
        out.append(p)
    if held:
        names = list(lost)
        one = len(names) == 1
        shown = "this file" if one else joined(names)  # (the note is at the first of them: one is named once)
        until = (f"{shown} {'parses' if one else 'parse'}" if all(n in col.unparsed for n in names)
                 else f"{shown} {'is' if one else 'are'} fixed")
        out.append(Problem(names[0], None, None, "",
                           f"reference checks (unknown ids, flags read but never set) were skipped until {until}: "
                           f"{held} of them may point at entries there, which could not be read",
                           f"fix the error{'' if one else 's'} in {'it' if one else 'them'} first (shown with "
                           f"{'its' if one else 'their'} line numbers), then validate again", "note", "skipped-checks"))
    return out


def _partial_overrides(problems: list[Problem], files: list) -> list[Problem]:
    """Notes for a mod's entry with errors that has the id of an earlier layer's entry but lacks some of
    its keys: a replacement is the whole entry, so 'id + the one key I change' loses the rest (and
    then reads as a missing 'why' or trigger). Runs only when there are errors."""
    later = {f.shown: (f, layer) for f, layer in files if layer >= 2}
    # an entry that repeats an id of its own mod is a duplicate (said so): not a replacement of the scenario's
    duplicates = {(p.file, p.key.rpartition(".")[0]) for p in problems if p.code == "duplicate-id" and p.key}
    notes, seen = [], set(duplicates)
    for p in problems:
        mt = re.match(r"(\w+)\[(\d+)\]", p.key or "") if p.severity == "error" and p.file in later else None
        if mt is None or (p.file, mt.group(0)) in seen:
            continue
        seen.add((p.file, mt.group(0)))
        f, layer = later[p.file]
        key, i = mt.group(1), int(mt.group(2))
        entries = f.data.get(key)
        mine = entries[i] if isinstance(entries, list) and i < len(entries) else None
        eid = mine.get("id") if isinstance(mine, dict) else None
        if not isinstance(eid, str):
            continue
        orig = next(((g, j, e) for g, gl in files if gl < layer and isinstance(g.data.get(key), list)
                     for j, e in enumerate(g.data[key]) if isinstance(e, dict) and e.get("id") == eid), None)
        missing = [k for k in orig[2] if k not in mine] if orig else []
        if not missing:
            continue
        g, j, _ = orig
        line, _ = g.locate((key, j))
        notes.append(Problem(f.shown, *f.locate((key, i)), f"{key}[{i}]",
                             f"this replaces {KIND_OF_KEY.get(key, key)} '{eid}' of {g.shown}:{line} as a whole, not key "
                             f"by key, and lacks its {', '.join(missing)}",
                             "copy the whole entry into your mod, then change only what you need", "note",
                             code="partial-override"))
    return notes


def _blame_mods(problems: list[Problem], changed: dict) -> list[Problem]:
    """Reword the problems caused by a mod's [remove] or replacement: name the mod that did it (the
    location stays at the reference) instead of offering a near id as a fix. Many references broken
    by one removal become one problem at the [remove] line. Runs only on problems, after linking."""
    out: list[Problem | tuple] = []
    groups: dict[tuple, list[int]] = {}
    for p in problems:
        mt = _BROKEN_REF.search(p.message)
        cause = None
        if mt is not None:
            for key in _referred(mt):
                if key in changed:
                    cause = key, changed[key]
                    break
        if cause is None:
            out.append(p)
            continue
        (kind, cid), how = cause
        if how[0] == "removed":
            _, f, rpath = how
            said = f"{kind} '{cid}' was removed by {_where(f, rpath)}"
            if mt.group(3) is not None:
                said = f"event '{cid}' (with its option '{mt.group(4)}') was removed by {_where(f, rpath)}"
            p = Problem(p.file, p.line, p.col, p.key, p.message[:mt.start()] + said + p.message[mt.end():],
                        f"remove this reference too (a mod can replace this entry with a version without it), "
                        f"or keep the {kind}: take it out of [remove]", p.severity, p.code)
            groups.setdefault((kind, cid), []).append(len(out))
            out.append((p, how))
            continue
        it = how[1]
        where = _where(it.file, it.path)
        if kind == "event" and mt.group(3) is not None:
            opts = ", ".join(o.id for o in it.model.options)
            said = f"event '{cid}' has no option '{mt.group(4)}': the event was replaced by {where}, whose options are: {opts}"
            fix = f"use one of those options, or give the replacement an option '{mt.group(4)}'"
        elif kind in ("actor", "region") and mt.group(1) in ("state name", "name"):
            attrs = ", ".join(it.model.attributes)
            said = mt.group(0).split(";")[0] + f": {kind} '{cid}' was replaced by {where}, whose attributes are: {attrs}"
            fix = f"use one of those attributes, or add the missing one to the replacement {kind}"
        else:
            out.append(p)
            continue
        out.append(Problem(p.file, p.line, p.col, p.key, p.message[:mt.start()] + said + p.message[mt.end():], fix,
                           p.severity, p.code))
    for (kind, cid), places in groups.items():
        if len(places) < COLLAPSE:
            continue
        first = out[places[0]]
        _, f, rpath = first[1]
        line, col = f.locate(rpath)
        errors = sum(1 for i in places if out[i][0].severity == "error")
        shown = ", ".join(f"{q.file}:{q.line}" for q, _ in (out[i] for i in places[:3]))
        out[places[0]] = Problem(
            f.shown, line, col, dotted(rpath),
            f"{kind} '{cid}' is removed here, but {len(places)} references to it remain (first: {shown}, ...)",
            f"remove or replace the entries that use it in this mod too, or keep the {kind}: take it out of [remove]",
            "error" if errors else "warning", "removed-in-use")
        for i in places[1:]:
            out[i] = None
    return [q[0] if isinstance(q, tuple) else q for q in out if q is not None]


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
    _, files = _read_files(folders, col, parsed)
    if not codegen:  # validate and lint (not the game's load): a scenario's files that are not read
        from game.content.mods import _unread

        for folder, layer in folders:
            if layer < 2:  # (mods' own are reported with the mods folder's problems)
                col.problems += _unread(folder)
        for f, _ in files:
            if f.text.startswith("#:schema"):
                _schema_line(f, col)
    st = scen_path.stat()
    scen_ident = (st.st_dev, st.st_ino)
    scen_path = scen_path.resolve()
    scen, items, removes = _shape(files, col, scen_path)
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
        folder_of = dict((layer, folder) for folder, layer in folders)
        for f, layer in files:
            h.update(_hashed_name(f.path, folder_of[layer], layer).encode())
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
