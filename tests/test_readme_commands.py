"""README.md's table of commands names every option each command takes (it had left out `schema --check`
and `--docs`, and `class-report --format`): a user reads the README, not the argparse source."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from game.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> dict[str, list[tuple[str, ...]]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    out = {}
    for name, p in sub.choices.items():
        # an option is documented under any of its names; one hidden from --help (an old name) need not be
        out[name] = [tuple(o for o in a.option_strings if o.startswith("--")) for a in p._actions
                     if a.option_strings and a.help != argparse.SUPPRESS and not {"--help", "--saves-dir"} & set(a.option_strings)]
    return out


def test_every_command_and_option_is_in_the_readme_table():
    rows = {}
    for line in README.read_text("utf-8").splitlines():
        m = re.match(r"\| `ceasefire (\w[\w-]*)", line)
        if m:
            rows.setdefault(m.group(1), set()).update(re.findall(r"--[a-z][a-z-]*", re.split(r"(?<!\\)\|", line)[1]))
    missing = {name: [names[0] for names in opts if not set(names) & rows.get(name, set())]
               for name, opts in _commands().items()}
    missing = {k: v for k, v in missing.items() if v or k not in rows}
    assert not missing, f"README.md's command table lacks: {missing}"
