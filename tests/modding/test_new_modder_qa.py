"""The new modder's walk through docs/modding.md: the tutorial's mod (examples/water_crisis, the same
files) with the slips a first mod has, each through the real command line against the campaign.
Every message names the file, the line, the key and a fix that says what to write."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "water_crisis"


def _mod(tmp_path, file: str, old: str, new: str, count: int = 1) -> Path:
    mod = tmp_path / "examples" / "my_first_mod"  # where the files' '#:schema ../../schema/...' lines hold
    shutil.copytree(EXAMPLE, mod)
    if not (tmp_path / "schema").exists():
        (tmp_path / "schema").symlink_to(ROOT / "schema", target_is_directory=True)
    path = mod / file
    text = path.read_text()
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count))
    return mod


def _run(capsys, command: str, mod: Path) -> tuple[int, list[str]]:
    code = main([command, "basra_2008", "--no-mods", "--mod", str(mod)])
    out = capsys.readouterr().out
    return code, [ln for ln in out.splitlines() if "my_first_mod" in ln and (": error: " in ln or ": warning: " in ln)]


def _one_error(tmp_path, capsys, file: str, old: str, new: str) -> str:
    """The tutorial's mod with one slip: validate fails with exactly one line about it, returned."""
    code, lines = _run(capsys, "validate", _mod(tmp_path, file, old, new))
    assert code == 1 and len(lines) == 1, lines
    return lines[0]


def test_a_misspelt_required_key_is_one_error_with_the_key_it_meant(tmp_path, capsys):
    """'titel' used to give two errors: the unknown key, and 'missing required key title' on the header."""
    mod = _mod(tmp_path, "events/salt_water.toml", 'title = "Salt water', 'titel = "Salt water')
    code, lines = _run(capsys, "validate", mod)
    assert code == 1
    assert lines == [ln for ln in lines if "salt_water.toml:9:1: error: event[0].titel: unknown key 'titel' (fix: did you mean 'title'?)" in ln]
    assert len(lines) == 1


def test_a_condition_written_as_condition_is_pointed_to_when(tmp_path, capsys):
    """'condition' is closest in spelling to 'option', which was the hint; an event's condition is `when`."""
    line = _one_error(tmp_path, capsys, "events/salt_water.toml", 'when = "turn >= 3', 'condition = "turn >= 3')
    assert "salt_water.toml:15:1: error: event[0].condition: unknown key 'condition' (fix: did you mean 'when'?)" in line


def test_a_number_in_quotes_is_told_to_lose_its_quotes(tmp_path, capsys):
    line = _one_error(tmp_path, capsys, "events/salt_water.toml", "max_fires = 1", 'max_fires = "1"')
    assert "salt_water.toml:17:13: error: event[0].max_fires: " in line
    assert "(fix: write the number without quotes: max_fires = 1)" in line


def test_a_new_reaction_under_a_used_id_is_a_warning_in_validate_and_lint(tmp_path, capsys):
    """Reaction ids have no namespace of the mod's: the example's new Iranian reaction given the id of
    the campaign's services rule silently replaced that rule (lint only noted an override)."""
    mod = _mod(tmp_path, "reactions.toml", 'id = "water.iran_offers_help"', 'id = "basra_locals.services_buy_peace"')
    # (the first rule, the override on purpose, is renamed so that the second is the one that replaces)
    text = (mod / "reactions.toml").read_text().replace('id = "basra_locals.services_buy_peace"', 'id = "water.services"', 1)
    (mod / "reactions.toml").write_text(text)
    code, lines = _run(capsys, "validate", mod)
    assert code == 0 and len(lines) == 1, lines
    line = lines[0]
    assert "reactions.toml:16:1: warning: reaction[1].id: reaction 'basra_locals.services_buy_peace' has the id of the scenario's rule at " in line
    assert "(actor basra_locals, on_action services; this one: actor iran, on_option water.salt_in_the_taps/upstream)" in line
    assert "give it an id of your own, starting with your mod's namespace (e.g. 'water.services_buy_peace')" in line
    code, lines = _run(capsys, "lint", mod)
    assert [ln for ln in lines if "[mod-collision]" in ln and "reactions.toml:16:1" in ln], lines

    # the tutorial's own changed reaction keeps its actor and trigger: an override on purpose, only noted
    main(["lint", "basra_2008", "--no-mods", "--mod", str(EXAMPLE)])
    out = capsys.readouterr().out
    assert "[mod-override] reaction[0].id: replaces reaction 'basra_locals.services_buy_peace'" in out and "[mod-collision]" not in out


def test_when_written_in_an_option_points_to_requires(tmp_path, capsys):
    """'when' below [[event.option]] was only said to be the event's key (which has its own when):
    an option's condition is `requires`."""
    line = _one_error(tmp_path, capsys, "events/salt_water.toml", 'id = "province"\n', 'id = "province"\nwhen = "turn > 4"\n')
    assert "salt_water.toml:47:1: error: event[0].option[2].when: " in line
    assert '(fix: an option\'s condition is requires: write requires = "turn > 4"; if it is the event\'s condition, move it up' in line


def test_a_reaction_change_without_add_is_told_to_go_inside_add(tmp_path, capsys):
    """{ actor = "basra_locals", stance = 3 } was answered 'did you mean chance?'."""
    line = _one_error(tmp_path, capsys, "events/salt_water.toml", 'actor = "basra_locals", add = { stance = 3 }', 'actor = "basra_locals", stance = 3')
    assert "salt_water.toml:36:40: error: event[0].option[0].reactions[0].stance: unknown key 'stance'" in line
    assert "(fix: a change goes inside add, set or multiply: add = { stance = 3 }; or did you mean 'chance'?)" in line
