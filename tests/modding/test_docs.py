"""docs/modding.md: its reference is generated from the models, its tutorial builds a working mod,
and every command it shows is one the CLI accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import tomli

from game.cli import build_parser
from game.content.loader import check
from game.content.mods import with_installed
from game.content.schema import splice_reference

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "modding.md"
TEXT = DOC.read_text("utf-8")
BLOCK = re.compile(r"```toml file=(\S+)\n(.*?)```", re.S)


def test_field_reference_matches_the_models():
    assert splice_reference(TEXT) == TEXT, "run `ceasefire schema --docs docs/modding.md`"


def tutorial_files() -> dict[str, str]:
    """The mod the tutorial builds (section 10's teacher's variant: tests/modding/test_docs_variant.py)."""
    return {path: body for path, body in BLOCK.findall(TEXT) if path.startswith("mods/")}


def test_the_tutorial_builds_a_mod_that_loads_with_a_new_event_and_a_changed_reaction(tmp_path, monkeypatch):
    files = tutorial_files()
    assert len(files) == 2
    for rel, body in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, encoding="utf-8")
    mod = tmp_path / "mods" / "basra_2008" / "my_first_mod"
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "mods"))
    mods, _ = with_installed("basra_2008")  # installed by where it sits, as the guide says
    assert [Path(m) for m in mods] == [mod]
    sc, problems = check("basra_2008", mods)
    assert sc is not None, [p.format() for p in problems if p.severity == "error"]
    assert [p.format() for p in problems if str(tmp_path.name) in p.file] == []
    assert "water.salt_in_the_taps" in sc.events
    assert sc.sources[("reaction", "basra_locals.services_buy_peace")][0].endswith("reactions.toml")
    assert tmp_path.name in sc.sources[("reaction", "basra_locals.services_buy_peace")][0]


def test_the_tutorial_and_the_shipped_example_mod_agree():
    files = tutorial_files()
    example = ROOT / "examples" / "water_crisis"
    assert tomli.loads(files["mods/basra_2008/my_first_mod/events/salt_water.toml"]) == \
        tomli.loads((example / "events" / "salt_water.toml").read_text("utf-8"))
    assert tomli.loads(files["mods/basra_2008/my_first_mod/reactions.toml"]) == tomli.loads((example / "reactions.toml").read_text("utf-8"))


COMMANDS = sorted({line.strip() for line in TEXT.splitlines() if re.match(r"^ {4}ceasefire \w", line)})


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_in_the_guide_parses(command):
    args = shlex.split(command)[1:]
    build_parser().parse_args(args)  # exits on an unknown option


def test_the_guide_compares_with_the_campaign_alone_and_renames_the_stub():
    runs = [ln.strip() for ln in TEXT.splitlines() if ln.strip().startswith("ceasefire simulate --scenario basra_2008 --games 200")]
    assert len(runs) == 2 and runs[0] != runs[1] and runs[1].endswith("--no-mods")
    assert "mv mods/basra_2008/my_first_mod/events/salt_in_the_taps.toml" in TEXT
    assert "ceasefire play --dev" in TEXT and "F5" in TEXT and "fire EVENT_ID" in TEXT
    assert "mods/basra_short/" in TEXT
    assert "ceasefire new action water_desalination" in TEXT


def test_the_validate_example_of_the_guide_is_what_validate_prints(tmp_path, monkeypatch, capsys):
    """Section 4 shows the error a misspelt name gives; it must be the line validate prints (its column
    was 16 where validate says 23)."""
    from game.cli import main

    shown = next(ln.strip() for ln in TEXT.splitlines() if ln.strip().startswith("mods/basra_2008/my_first_mod/events/salt_water.toml:"))
    for rel, body in tutorial_files().items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body.replace("region.basra.services < 60", "region.basra.servces < 60"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the guide's commands run from the game's folder, where mods/ is
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "mods"))
    assert main(["validate", "basra_2008"]) == 1
    assert shown in capsys.readouterr().out.splitlines()
