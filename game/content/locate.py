"""Find the line and column of any key path in a TOML text, for error messages.

tomli gives values without positions, so this walks the text once more and records where
every table, key and array element starts. It only runs when a file has problems.
"""

from __future__ import annotations

import bisect
import re

Path = tuple  # of str | int

_BARE = re.compile(r"[A-Za-z0-9_-]+")


class _Walker:
    def __init__(self, text: str):
        self.t = text
        self.n = len(text)
        self.i = 0
        self.pos: dict[Path, int] = {}
        self.vpos: dict[Path, int] = {}  # where each value starts (its opening quote, for strings)
        self.aot: dict[Path, int] = {}  # array-of-tables path -> last index
        self.keys: dict[Path, int] = {}  # where each key was first set by `key = value`
        self.dups: list[tuple[Path, int, int, int]] = []  # (path, its table's length, first, second) of a key set twice

    # -- low level
    def skip_ws(self, newlines: bool):
        t, n = self.t, self.n
        while self.i < n:
            c = t[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif c == "#":
                while self.i < n and t[self.i] != "\n":
                    self.i += 1
            else:
                break

    def skip_line(self):
        while self.i < self.n and self.t[self.i] != "\n":
            self.i += 1

    def key(self) -> list[str]:
        parts = []
        while True:
            self.skip_ws(False)
            if self.i >= self.n:
                break
            c = self.t[self.i]
            if c in "\"'":
                parts.append(self.string())
            else:
                m = _BARE.match(self.t, self.i)
                if not m:
                    break
                parts.append(m.group())
                self.i = m.end()
            self.skip_ws(False)
            if self.i < self.n and self.t[self.i] == ".":
                self.i += 1
                continue
            break
        return parts

    def string(self) -> str:
        t = self.t
        q = t[self.i]
        if t.startswith(q * 3, self.i):
            end = t.find(q * 3, self.i + 3)
            end = self.n if end < 0 else end + 3
            while end < self.n and t[end] == q:
                end += 1
            s = t[self.i + 3 : end - 3]
            self.i = end
            return s
        j = self.i + 1
        out = []
        while j < self.n and t[j] != q and t[j] != "\n":
            if q == '"' and t[j] == "\\":
                out.append(t[j : j + 2])
                j += 2
                continue
            out.append(t[j])
            j += 1
        self.i = min(j + 1, self.n)
        return "".join(out)

    def value(self, path: Path):
        self.skip_ws(False)
        if self.i >= self.n:
            return
        self.pos.setdefault(path, self.i)
        self.vpos.setdefault(path, self.i)
        c = self.t[self.i]
        if c in "\"'":
            self.string()
        elif c == "[":
            self.i += 1
            k = 0
            while True:
                self.skip_ws(True)
                if self.i >= self.n:
                    return
                if self.t[self.i] == "]":
                    self.i += 1
                    return
                if self.t[self.i] == ",":
                    self.i += 1
                    continue
                before = self.i
                self.value(path + (k,))
                k += 1
                if self.i == before:
                    self.i += 1
        elif c == "{":
            self.i += 1
            while True:
                self.skip_ws(True)
                if self.i >= self.n:
                    return
                if self.t[self.i] == "}":
                    self.i += 1
                    return
                if self.t[self.i] == ",":
                    self.i += 1
                    continue
                start = self.i
                parts = self.key()
                if not parts:
                    self.i += 1
                    continue
                for k in range(1, len(parts) + 1):  # a dotted key: its first parts are tables that start here too
                    self.pos.setdefault(path + tuple(parts[:k]), start)
                self.note_key(path + tuple(parts), len(path), start)
                self.skip_ws(False)
                if self.i < self.n and self.t[self.i] == "=":
                    self.i += 1
                self.value(path + tuple(parts))
        else:
            while self.i < self.n and self.t[self.i] not in ",]}\n#":
                self.i += 1

    def note_key(self, path: Path, table_len: int, start: int):
        first = self.keys.get(path)
        if first is None:
            self.keys[path] = start
        else:
            self.dups.append((path, table_len, first, start))

    def concrete(self, parts: list[str]) -> Path:
        out: list = []
        for p in parts:
            out.append(p)
            idx = self.aot.get(tuple(out))
            if idx is not None:
                out.append(idx)
        return tuple(out)

    def _parents(self, path: Path, start: int) -> None:
        """The position of `path`, and of each table it implies ([difficulty.hard] or a dotted key
        `attributes.stance = ...` first names 'difficulty' or 'attributes' there), unless known."""
        for k in range(len(path), 0, -1):
            if self.pos.setdefault(path[:k], start) != start:
                break

    def walk(self) -> dict[Path, int]:
        table: Path = ()
        while True:
            self.skip_ws(True)
            if self.i >= self.n:
                break
            start = self.i
            if self.t.startswith("[[", self.i):
                self.i += 2
                parts = self.key()
                base = self.concrete(parts[:-1]) + (parts[-1],)
                idx = self.aot.get(base, -1) + 1
                # forget deeper arrays that belonged to the previous element
                for k in [k for k in self.aot if len(k) > len(base) and k[: len(base)] == base]:
                    del self.aot[k]
                self.aot[base] = idx
                table = base + (idx,)
                self._parents(base, start)
                self.pos[table] = start
                self.skip_line()
            elif self.t[self.i] == "[":
                self.i += 1
                parts = self.key()
                table = self.concrete(parts)
                self._parents(table, start)
                self.skip_line()
            else:
                parts = self.key()
                if not parts:
                    self.skip_line()
                    continue
                path = table + tuple(parts)
                self._parents(path, start)
                self.note_key(path, len(table), start)
                self.skip_ws(False)
                if self.i < self.n and self.t[self.i] == "=":
                    self.i += 1
                    self.value(path)
                self.skip_line()
        return self.pos


class Locator:
    """Maps key paths of one TOML text to (line, column), both 1-based."""

    def __init__(self, text: str):
        self.text = text
        self._pos: dict[Path, int] | None = None
        self._vpos: dict[Path, int] = {}
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _walk(self):
        if self._pos is None:
            walker = _Walker(self.text)
            try:
                self._pos = walker.walk()
                self._vpos = walker.vpos
            except RecursionError:
                self._pos = {}

    def offset(self, path: Path) -> int | None:
        self._walk()
        path = tuple(path)
        full = path
        while path:
            if path in self._pos:
                if len(full) == len(path) + 1 and full[-1] == 0 and path in self._vpos:
                    # a list key written as one value (on_option = "e.id/opt", read as a list of one): its value,
                    # not the start of its line
                    return self._vpos[path]
                return self._pos[path]
            path = path[:-1]
        # not found by structure (e.g. a header the walker could not follow): look for the words
        for part in reversed(full):
            if isinstance(part, str) and part:  # as a whole word: 'difficulty', not in 'default_difficulty'
                found = re.search(rf"(?<![\w.-]){re.escape(part)}(?![\w-])", self.text)
                if found is not None:
                    return found.start()
        return None

    def value_offset(self, path: Path) -> int | None:
        """The offset in the text where the value at exactly this path starts (None if unknown)."""
        self._walk()
        return self._vpos.get(tuple(path))

    def value_line_col(self, path: Path) -> tuple[int | None, int | None]:
        """Where the value at exactly this path starts (None if unknown)."""
        off = self.value_offset(path)
        return (None, None) if off is None else self.line_col_at(off)

    def line_col(self, path: Path) -> tuple[int | None, int | None]:
        off = self.offset(path)
        if off is None:
            return None, None
        line = bisect.bisect_right(self._starts, off)
        return line, off - self._starts[line - 1] + 1

    def line_col_at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


_HEADER_LINE = re.compile(r"[ \t]*(\[\[?)[ \t]*([^\]]*?)[ \t]*\]")


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _header_name(raw: str) -> str:
    return ".".join(p.strip().strip("\"'") for p in raw.split("."))


def _after_string(text: str, i: int, n: int) -> int:
    """The offset just after the string whose opening quote is at `i` (a one-quote string ends at its
    line's end at the latest; an unclosed triple-quoted one runs to `n`)."""
    c = text[i]
    if text.startswith(c * 3, i):
        j = text.find(c * 3, i + 3)
        return n if j < 0 else j + 3
    j = i + 1
    while j < n and text[j] != c and text[j] != "\n":
        j += 2 if c == '"' and text[j] == "\\" else 1
    return j + 1


def unclosed_brace(text: str, end: int) -> int | None:
    """The offset of the innermost '{' still open at `end` (strings and comments skipped), or None."""
    return _innermost_open(text, end, "{", "}", headers=False)


def _innermost_open(text: str, end: int, opening: str, closing: str, headers: bool) -> int | None:
    """The offset of the innermost `opening` still open at `end`, strings and comments skipped (and,
    with `headers`, [table] and [[table]] header lines), or None."""
    stack: list[int] = []
    i, n = 0, min(end, len(text))
    line_start = True
    while i < n:
        c = text[i]
        if headers and line_start and c not in " \t":
            line_start = False
            if c == "[" and not stack:  # a [table] or [[table]] header
                j = text.find("\n", i)
                i = n if j < 0 else j
                continue
        if c == "\n":
            line_start = True
        elif c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif c in "\"'":
            i = _after_string(text, i, n)
            continue
        elif c == opening:
            stack.append(i)
        elif c == closing and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else None


_KEY_VALUE = re.compile(r"^[ \t]*([A-Za-z0-9_.\"'-]+)[ \t]*=[ \t]*(.*?)[ \t]*$")
_TOML_WORDS = ("true", "false", "inf", "nan")


def _value_error(this: str, line: int, col: int | None):
    """A value TOML cannot read, explained: text or an expression left without quotes
    (when = turn > 3), or a quote inside quoted text that ends it early ('Al-Sadr's men')."""
    kv = _KEY_VALUE.match(this)
    if kv is None:
        return None
    key, value = kv.group(1), kv.group(2)
    start = kv.start(2) + 1
    if value[:1].isalpha() or value[:1] == "(":
        if value.split(" ")[0] in _TOML_WORDS or "#" in value:
            return None
        said = f"the value of '{key}' is not in quotes: text and expressions are written in double quotes"
        if value.rstrip().endswith('"') and value.count('"') % 2 == 1:  # debrief = Some text."  (the first quote left out)
            value = value.rstrip()[:-1]
            said = f"the value of '{key}' has a closing quote but no opening one: text is written between two double quotes"
        quoted = value.replace('"', "'")
        return (line, start, key, said, f'write {key} = "{quoted}"')
    if value[:1] == "[" and col and col > start and this[col - 1:col].isalpha():  # order = [my_mod]: a word without quotes
        word = re.match(r"[A-Za-z0-9_.-]+", this[col - 1:]).group(0)
        quoted = re.sub(r"(?<![\"'\w.-])([A-Za-z_][A-Za-z0-9_.-]*)(?![\"'\w.-])",
                        lambda w: w.group(1) if w.group(1) in _TOML_WORDS else f'"{w.group(1)}"', value.split("#")[0].rstrip())
        return (line, col, key, f"'{word}' in the list of '{key}' is not in quotes: text is written in double quotes",
                f"write {key} = {quoted}")
    q = value[:1]
    if q in ("'", '"') and not value.startswith(q * 3) and col and col > start:
        end = this.find(q, start)  # (0-based: the quote after the opening one, 1-based start)
        rest = this[end + 1:].strip() if end >= 0 else ""
        if end >= 0 and rest and not rest.startswith("#"):
            inner = value[1:-1] if value.endswith(q) else value[1:]
            if q == "'":
                how = f'use double quotes: {key} = "{inner}"'
            elif "'" in inner:  # single quotes would end early too: only the escaped form works
                escaped = inner.replace('"', '\\"')
                how = f'write \\" for each quote inside the text: {key} = "{escaped}"'
            else:
                how = f"write \\\" for each quote inside the text, or use single quotes: {key} = '{inner}'"
            kind = "single" if q == "'" else "double"
            return (line, end + 1, key, f"the text of '{key}' ends early, at the {q} in column {end + 1}: "
                    f"a {q} inside text in {kind} quotes closes it", how)
    return None


def _date_error(value: str) -> tuple[str, str, str] | None:
    """(why, the date as TOML writes it or "", fix when there is none) for a value written like a
    date that TOML does not read as one; None for anything else."""
    import datetime

    mt = re.fullmatch(r"(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})", value)
    if mt is None:
        return None
    a, sep, b, c = mt.groups()
    if len(a) == 4:
        year, month, day, order = int(a), int(b), int(c), "year-month-day"
    elif len(c) == 4:  # 25/03/2008: day first, unless that cannot be (03/25/2008)
        year, month, day, order = int(c), int(b), int(a), "day/month/year"
        if month > 12 >= day:
            month, day = day, month
    else:
        return None
    why = ("TOML writes a date as year-month-day, with '-' and two digits for the month and the day"
           if sep != "-" or len(a) != 4 else "TOML writes the month and the day with two digits each")
    try:
        datetime.date(year, month, day)
    except ValueError:
        return (f"there is no such day (read as {order})", "",
                "write a real date as year-month-day, e.g. 2008-03-25")
    return why, f"{year:04d}-{month:02d}-{day:02d} (year-month-day, without quotes)", ""


def _number_error(this: str, line: int, col: int | None, msg: str):
    """A value that is almost a number (1,5 .5 01 50%), or that goes on after its end: explained."""
    kv = _KEY_VALUE.match(this)
    if kv is None:
        return None
    key, value = kv.group(1), kv.group(2).split("#")[0].strip()
    start = kv.start(2) + 1
    if re.fullmatch(r"[-+]?\d+,\d+", value):
        return line, start, key, f"'{value}' is not a number: TOML writes decimals with a point", f"write {key} = {value.replace(',', '.')}"
    if re.fullmatch(r"[-+]?\.\d+", value):
        return line, start, key, f"'{value}' is not a number: a decimal needs a digit before its point", f"write {key} = {value.replace('.', '0.')}"
    if re.fullmatch(r"[-+]?\d+\.", value):
        return line, start, key, f"'{value}' is not a number: a decimal needs a digit after its point", f"write {key} = {value}0"
    if re.fullmatch(r"[-+]?0\d+", value):
        return line, start, key, f"'{value}' is not a number: a whole number cannot start with 0", f"write {key} = {int(value)}"
    if re.fullmatch(r"[-+]?\d+(\.\d+)?\s*%", value):
        return line, start, key, f"'{value}' is not a number: TOML has no percent sign", f"write {key} = {value.rstrip('%').strip()} (the number alone)"
    if re.fullmatch(r"[-+]\s+\d+(\.\d+)?", value):
        return line, start, key, f"'{value}' is not a number: a sign goes right before its digits", f"write {key} = {value.replace(' ', '')}"
    if (date := _date_error(value)) is not None:  # 2008-3-25, 25/03/2008, 2008-13-01
        return line, start, key, f"'{value}' is not a date: {date[0]}", f"write {key} = {date[1]}" if date[1] else date[2]
    if msg.startswith("Expected newline or end of document") and col:
        expression = re.search(r"[-+*/<>]", this[col - 1:]) is not None
        return (line, col, key, f"the line goes on after the value of '{key}' (at column {col})",
                f'an expression is text: write {key} = "{value}"' if expression else
                "one key = value per line: remove what follows the value, or start a comment with #")
    if msg == "Invalid value" and not value:
        return (line, start, key, f"'{key}' has no value after its '='",
                f"write the value after the '=' (e.g. {key} = \"...\" or {key} = 10), or remove the line")
    if msg == "Invalid value":
        return (line, start, key, f"the value of '{key}' is not TOML",
                'write text in double quotes ("..."), a number (1.5), true or false, a list [...] or a table { ... }')
    return None


def _unclosed_array(text: str, loc, err: int, this: str, line: int, col: int | None):
    """'Unclosed array' explained: a comma missing between two items (tomli stops at the second), or a
    list never closed (it stops at the next key or header): where the list opens."""
    here = text[err:err + 80]
    if col and not re.match(r"[ \t]*(\[|[A-Za-z0-9_.\"'-]+[ \t]*=)", here) and not here.startswith(("\n", "#")) and here:
        before = this[:col - 1].rstrip()
        fixed = (before + ", " + this[col - 1:].lstrip()).strip()
        if not before:  # the item starts its line: the comma belongs at the end of the item above
            how = "end the item above with a comma"
        else:
            how = f"write {fixed}" if len(fixed) < 90 else "add a comma after the item before it"
        return line, col, "", "a ',' is missing before this item: the items of a list are separated by commas", how
    opened = unclosed_bracket(text, err)
    if opened is None:
        return None
    bl, bc = loc.line_col_at(opened)
    return (bl, bc, "", f"unclosed list: the [ at line {bl}, column {bc} is never closed",
            "end the list with ] (after its last item)")


def unclosed_bracket(text: str, end: int) -> int | None:
    """The offset of the innermost '[' of a value still open at `end` (strings, comments and table
    headers skipped), or None."""
    return _innermost_open(text, end, "[", "]", headers=True)


def unclosed_quote(text: str) -> tuple[int, str] | None:
    """The first string that is never closed: (offset of its opening quote, the quote or the three
    quotes that open it), or None. A one-quote string ends on its own line; a triple-quoted one may
    run over lines."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            if text.startswith(c * 3, i):
                j = i + 3
                while True:
                    j = text.find(c * 3, j)
                    if j < 0:
                        return i, c * 3
                    if c == '"' and text[j - 1] == "\\" and text[j - 2] != "\\":  # an escaped quote
                        j += 1
                        continue
                    break
                i = j + 3
                while i < n and text[i] == c:  # up to two quotes right before the closing three are text
                    i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if c == '"' and text[j] == "\\" else 1
            if j >= n or text[j] != c:
                return i, c
            i = j + 1
            continue
        i += 1
    return None


def _header_over_value(lines: list[str], line: int, head: re.Match):
    """A header [a.b] or [[a.b]] whose last key was already given a value (`b = ...`) in the table
    above it, since that table's own header: (line, col, key, message, fix), or None."""
    name = _header_name(head.group(2))
    parent, _, last = name.rpartition(".")
    if not parent:
        return None
    assigned = re.compile(r"[ \t]*(?:" + re.escape(last) + r"|\"" + re.escape(last) + r"\"|'" + re.escape(last) + r"')[ \t]*=")
    for k in range(line - 2, -1, -1):
        h = _HEADER_LINE.match(lines[k])
        if h is not None:
            if _header_name(h.group(2)) != parent:  # the value is not in the parent table: not this case
                return None
            break
        if assigned.match(lines[k]):
            brackets = head.group(1) + name + ("]]" if head.group(1) == "[[" else "]")
            return (line, 1, name, f"{brackets} adds to '{last}', which is already given a value on line {k + 1}",
                    f"keep one: the '{last} = ...' line or the {brackets} tables")
    return None


# characters that look like a space or a quote, or show as nothing, and that TOML does not read as one
_ODD = {
    "\ufeff": ("an invisible byte-order mark (U+FEFF), left where another file was pasted in",
               "delete it: put the cursor at the start of the line, delete one character, and check the line still reads the same"),
    "\u00a0": ("a non-breaking space (U+00A0), which looks like a space but is not one for TOML",
               "replace it with an ordinary space"),
    "\u200b": ("an invisible zero-width space (U+200B)", "delete it"),
    "\u2060": ("an invisible word joiner (U+2060)", "delete it"),
    "\u201c": ("a typographic quote \u201c", 'use straight double quotes "..." (turn off smart quotes in your editor)'),
    "\u201d": ("a typographic quote \u201d", 'use straight double quotes "..." (turn off smart quotes in your editor)'),
    "\u2018": ("a typographic quote \u2018", 'use straight quotes (turn off smart quotes in your editor)'),
    "\u2019": ("a typographic quote \u2019", 'use straight quotes (turn off smart quotes in your editor)'),
}


def _odd_character(this: str, line: int, col: int | None):
    """A character of _ODD outside quoted text, up to where TOML stopped: the cause, named."""
    quote = None
    for i, ch in enumerate(this[:col] if col else this):
        if quote is not None:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return None
        elif ch in _ODD:
            what, fix = _ODD[ch]
            return line, i + 1, "", f"column {i + 1} holds {what}", fix
        elif ord(ch) < 32 and ch != "\t" and not (ch == "\r" and i == len(this) - 1):  # (a CRLF line's CR: fine)
            what = "a lone carriage return (CR)" if ch == "\r" else f"the control character U+{ord(ch):04X}"
            return line, i + 1, "", f"column {i + 1} holds {what}, which does not show", "delete it"
    return None


def structure_error(text: str, msg: str, line: int | None, col: int | None):
    """A TOML error that tomli words without its cause ("Cannot overwrite a value"...), explained:
    (line, col, key, message, fix), or None to keep tomli's words. Run only for a file that failed."""
    if not line:
        return None
    loc = Locator(text)
    lines = text.split("\n")
    err = loc._starts[line - 1] + (col or 1) - 1 if line <= len(loc._starts) else len(text)
    this = lines[line - 1] if line <= len(lines) else ""
    if "\r" in text and "\n" not in text:  # every line ends with a lone CR
        return (line, col, "", "the lines of this file end with a lone carriage return (CR, old Mac line endings), "
                "which TOML does not accept", "save the file with LF line endings (in most editors, the line-ending "
                "setting in the status bar)")
    odd = _odd_character(this, line, col)
    if odd is not None:
        return odd
    ch = text[err] if msg.startswith(("Found invalid character", "Illegal character")) and err < len(text) else ""
    if ch and ord(ch) < 32:  # a control character where TOML stopped, inside a text, say
        what = "a lone carriage return (CR)" if ch == "\r" else f"the control character U+{ord(ch):04X}"
        return line, col, "", f"column {col} holds {what}, which does not show", "delete it"
    if msg == "Unclosed inline table":
        brace = unclosed_brace(text, err)
        if brace is None:
            return None
        bl, bc = loc.line_col_at(brace)
        return (bl, bc, "", f"invalid TOML: unclosed inline table: the {{ at line {bl}, column {bc} is never closed",
                "end the table with } (after its last key = value)")
    if msg == "Unclosed array":
        return _unclosed_array(text, loc, err, this, line, col)
    if msg.startswith("Expected '=' after a key"):
        key = re.match(r"[ \t]*([A-Za-z0-9_.\"'-]+)[ \t]*(:?)[ \t]*(.*?)[ \t]*$", this)
        if key is not None:
            name, colon, value = key.groups()
            said = (f"'{name}' is followed by ':': TOML joins a key and its value with '='" if colon
                    else f"'{name}' has no '=' after it: TOML writes key = value")
            return line, col, "", said, f"write {name} = {value or '...'}"
    if msg == "Invalid value" and _HEADER_LINE.match(this) and (opened := unclosed_bracket(text, loc._starts[line - 1])) is not None:
        bl, bc = loc.line_col_at(opened)  # a list left open above a [[header]]: tomli reads the header as its item
        return (bl, bc, "", f"unclosed list: the [ at line {bl}, column {bc} is never closed",
                "end the list with ] (after its last item)")
    if msg == "Invalid value" or msg.startswith(("Expected newline or end of document", "Invalid date")):
        explained = _value_error(this, line, col)
        if explained is not None:
            return explained
        explained = _number_error(this, line, col, msg)
        if explained is not None:
            return explained
    head = _HEADER_LINE.match(this)
    if head is not None and (msg == "Cannot overwrite a value" or msg.startswith("Cannot declare")):
        explained = _header_over_value(lines, line, head)
        if explained is not None:
            return explained
    if msg == "Cannot overwrite a value" and head is not None:
        name = _header_name(head.group(2))
        for k, earlier in enumerate(lines[:line - 1]):
            h = _HEADER_LINE.match(earlier)
            if h is None:
                continue
            other = _header_name(h.group(2))
            if other == name:
                if h.group(1) == "[" and head.group(1) == "[[":
                    return (k + 1, 1, name, f"[{name}] (one table) and [[{name}]] (a list of tables) are both used",
                            f"write [[{name}]] for each entry")
                break
            if other.startswith(name + "."):  # [[event.option]] before any [[event]]
                sub = other[len(name) + 1:]
                return (k + 1, 1, other, f"[[{other}]] comes before any [[{name}]]: an {sub} table must follow its [[{name}]]",
                        f"move it below the [[{name}]] it belongs to")
        return None
    if msg == "Cannot overwrite a value" or msg.startswith("Cannot declare"):
        walker = _Walker(text)
        try:
            walker.walk()
        except RecursionError:
            return None
        if msg.startswith("Cannot declare") and head is not None:
            name = _header_name(head.group(2))
            for k, earlier in enumerate(lines[:line - 1]):
                h = _HEADER_LINE.match(earlier)
                if h is None or _header_name(h.group(2)) != name:
                    continue
                if h.group(1) == head.group(1) == "[":
                    return (line, 1, name, f"table [{name}] is declared twice (first on line {k + 1})",
                            "merge the two into one table")
                if h.group(1) == "[[" and head.group(1) == "[":
                    return (line, 1, name, f"[{name}] (one table) after [[{name}]] (a list of tables, line {k + 1})",
                            f"write [[{name}]] for each entry")
            return None
        found = [d for d in walker.dups if d[3] <= err]
        if not found:
            return None
        path, table_len, first, second = found[-1]
        fl, _ = loc.line_col_at(first)
        sl, sc = loc.line_col_at(second)
        name = ".".join(str(p) for p in path[table_len:])
        return (sl, sc, _dotted(path), f"key '{name}' is set twice in this table (first on line {fl})", "remove one")
    return None
