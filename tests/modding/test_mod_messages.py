"""Messages a modder gets for a mod that is wrong in ways the loader used to pass over or word badly.

Each test writes real TOML files to tmp_path and runs the real command line on the test scenario."""

from __future__ import annotations

from pathlib import Path

from game.cli import main
from tests.conftest import MINI


def _mod(tmp_path: Path, files: dict[str, str | bytes], name: str = "my_mod") -> Path:
    folder = tmp_path / name
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")
    return folder


def _validate(capsys, *mods: Path) -> tuple[int, str]:
    args = ["validate", str(MINI)]
    for mod in mods:
        args += ["--mod", str(mod)]
    code = main(args)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out + out.err


def test_a_scenario_table_in_a_mod_is_reported_not_dropped(tmp_path, capsys):
    mod = _mod(tmp_path, {"scenario.toml": '# copied\n[scenario]\nid = "mini"\nname = "Longer"\nturns = 30\n'
                                           'start_date = 2008-03-25\n'})
    code, out = _validate(capsys, mod)
    assert code == 0
    assert "scenario.toml:2:1: warning: scenario: a mod cannot change [scenario]" in out
    assert "extends" in out and "[remove]" in out
