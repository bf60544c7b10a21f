"""Problems found in content: where (file:line:col and dotted key), what, and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
    """('event', 3, 'option', 0, 'text') -> 'event[3].option[0].text'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
