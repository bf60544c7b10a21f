"""Pass 1, reading: a scenario's .toml files found, decoded and parsed, and where a file that does not parse
breaks; the entries and problems the passes share (_Item, _File, _Collector).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import tomli

from game.content import models as m
from game.content.locate import Locator, structure_error, unclosed_quote
from game.content.problems import Problem, dotted
from game.expr.compiler import suggest


MAX_FILE_BYTES = 4_000_000
MAX_FILES = 2_000
MAX_ITEMS = 50_000


KIND_OF_KEY = {k: v[0] for k, v in m.FILE_KINDS.items()}
KEY_OF_KIND = {v: k for k, v in KIND_OF_KEY.items()}


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
    _data: dict | None = field(default_factory=dict)  # (see data)
    _real: Path | None = None
    _loc: Locator | None = None
    raw: bytes | None = None  # the file's bytes (text is their UTF-8 decoding)
    ident: tuple | None = None  # (device, inode) of the file read, to find it again cheaply

    @property
    def data(self) -> dict:
        """The file's parsed tables. The loader releases them once the file is shaped (see release); the few
        who ask afterwards (messages about duplicates and mods' partial entries) get them parsed again."""
        data = self._data
        if data is None:
            data = self._data = tomli.loads(self.text)
        return data

    @data.setter
    def data(self, value: dict) -> None:
        self._data = value

    def release(self) -> None:
        """Let the parsed tables go: the entries are shaped into models by now. Freed while still in the
        processor's cache, they cost a load less than freed all together at its end (with shaping each file
        as it is parsed, a twentieth of a load: bench/bench_engine.py). Only a file that parsed is released,
        so data can parse it again."""
        self._data = None

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


def _read_files(folders: list[tuple[Path, int]], col: _Collector, parsed: dict | None = None,
                each: Callable[[_File, int], None] | None = None) -> tuple[list[_File], list[tuple[_File, int]]]:
    """Read and parse every .toml file of the folders. `parsed` maps a path to (bytes, text, data)
    already read and parsed (scenario.toml, read first for its 'extends'); `each`, if given, is called
    with each file parsed and its layer as soon as it is (the loader shapes it then)."""
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
                if each is not None:
                    each(f, layer)
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
            if each is not None:
                each(f, layer)
    return [f for f, _ in files], files


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
