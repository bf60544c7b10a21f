"""Problems found in content: where (file:line:col and dotted key), what, and how to fix it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# Every problem `validate` reports has one of these codes (the `code` of `validate --json`), so an
# editor or a CI script can tell kinds of problem apart without reading the words. docs/modding.md
# lists them (generated from here by `ceasefire schema --docs`). Lint's own codes are in lint.CODES.
CODES: dict[str, str] = {
    # reading the files
    "no-scenario": "no scenario has the name or folder given, or the folder has no scenario.toml",
    "not-utf8": "a file is not saved as UTF-8 text",
    "toml-syntax": "a file is not valid TOML (a quote, bracket or '=' out of place)",
    "too-large": "a file, a folder or a list goes past the game's limits, or a file nests too deeply",
    "empty-file": "a file has no entries (comments only, or nothing)",
    "unread-file": "a file whose name does not end in exactly .toml, so it is not read",
    "schema-line": "a `#:schema` line naming a schema file that is not there",
    # the shape of the tables
    "unknown-kind": "a table that is not a kind of content (`[[evnt]]`, `[[option]]`)",
    "plural-options": "`[[event.options]]` written for `[[event.option]]`",
    "key-above-header": "a key written above the first table header, so it belongs to no entry",
    "table-shape": "a table written as a single table where a list of tables is meant, or the reverse",
    "scenario-table": "the `[scenario]` table is missing, misplaced or not a table",
    "unknown-key": "a key the entry does not have (often a misspelling)",
    "misplaced-key": "a key written under the wrong table header (an event's key below an option)",
    "missing": "a required key is missing",
    "dotted-name": "a dotted state name written without quotes, which TOML reads as nested tables",
    "wrong-type": "a value of the wrong type (text for a number, a table for a list)",
    "bad-id": "an id that is not written as ids are (lower case; events as 'namespace.name')",
    "bad-date": "a date not written as TOML's year-month-day",
    "out-of-range": "a number outside what the key allows (a chance outside 0..1, a negative cost)",
    "range-order": "a range whose min is not below its max, or whose start lies outside it",
    "not-a-choice": "a value that must be one of a fixed list (a category, a severity) and is not",
    "count": "too many or too few entries in a list (options of an event)",
    "effect-kind": "an effect table that is not exactly one kind of effect",
    "bad-value": "a value the key cannot take, for the reason given",
    # what the entries refer to
    "expr": "an expression that does not parse or uses a name, operator or function the game does not allow",
    "unknown-name": "a state name (metric, actor attribute, region value) that the scenario does not have",
    "unknown-event": "an event id that no event has",
    "unknown-actor": "an actor id that no actor has",
    "unknown-action": "an order id that no order has",
    "unknown-region": "a region id that no region has",
    "unknown-ending": "an ending id that no ending has",
    "unknown-option": "an option that the event named does not have",
    "unknown-metric": "a metric id that no metric has",
    "unknown-difficulty": "a difficulty preset that the scenario does not define",
    "unknown-codex": "a codex link or key naming no codex entry",
    "unknown-flag": "words given for a flag that no effect sets and no rule reads",
    "unset-flag": "a flag that a condition reads but no effect sets",
    "flag-label": "a flag's words that the screens cannot show as written",
    "duplicate-id": "two entries of one kind with the same id, or an actor and a metric with one id",
    # the rules
    "read-only": "an effect that changes what content cannot change (the turn)",
    "no-change": "a reaction that changes nothing",
    "no-trigger": "a reaction with nothing that makes it fire",
    "no-free-option": "an event whose every option has a requirement, so it could offer no choice",
    "never-targeted": "a reaction for a region that none of its orders can target",
    "zero-delay-cycle": "chains of zero delay that loop back to where they started",
    "two-players": "more than one actor marked as the player's side",
    "empty-scenario": "a scenario without metrics or without endings",
    "no-last-turn-ending": "no ending closes a game that reaches its last turn",
    "bad-extends": "`extends` names no scenario folder beside this one",
    # mods
    "mod-not-found": "a mod folder that is not there",
    "mod-not-loaded": "a folder or file in the mods folder that nothing loads as placed",
    "mod-empty": "a mod folder with no content files",
    "mod-order": "load_order.toml lists a mod as both loaded and disabled",
    "mod-scenario": "a mod that holds a `[scenario]` table",
    "mod-conflict": "two mods replace the same entry; the later one in load order wins",
    "mod-collision": "a mod's rule under the id of a scenario rule that it does not replace in kind",
    "mod-near-id": "a mod's new entry whose id is a letter or two from one of the scenario's",
    "remove-id": "a `[remove]` naming nothing to remove, or not written as a list of ids",
    "removed-in-use": "an entry removed by a mod that other entries still use",
    "partial-override": "a mod's replacement that lacks keys of the entry it replaces",
    "skipped-checks": "reference checks left out until a file that could not be read is fixed (a note)",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file."""

    file: str
    line: int | None
    col: int | None
    key: str
    message: str
    fix: str = ""
    severity: str = "error"  # "error" or "warning" (lint also "note")
    code: str = ""

    def format(self, show_code: bool = False) -> str:
        """file:line:col: severity: key: message (fix: ...); with show_code, the code after the
        severity, as '# lint: ignore[code]' names it: 'warning: [never-holds] ...'."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        text = f"{where}: {self.severity}: "
        if show_code and self.code:
            text += f"[{self.code}] "
        if self.key:
            text += f"{self.key}: "
        text += self.message
        if self.fix:
            text += f" (fix: {self.fix})"
        return text

    def to_json(self) -> dict:
        return asdict(self)


def dotted(path) -> str:
    """('event', 3, 'option', 0, 'text') -> 'event[3].option[0].text'. A key that is not a bare TOML key is
    in double quotes, as it is written: add."region.basra.services" (add.region.basra.services read as
    four keys, and as if the quotes the file needs were not)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part)
            if part and not _BARE_KEY.fullmatch(part):
                part = '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
            out += ("." if out else "") + part
    return out


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
