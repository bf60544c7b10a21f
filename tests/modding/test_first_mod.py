"""A modder's first mod, written from docs/modding.md alone (an event with options, a chain to a
follow-up, a reaction to one option, a codex entry), then broken one slip at a time. Each message
must be located at file:line:col on the slip itself, name the key, and give a fix a beginner can act
on. The slips here are those whose message was wrong or pointed elsewhere:

- an option's words written as `label` or `title`: 'unknown key' listed the allowed keys, beside a
  second error 'missing text'; `title` was said to belong to the event, even when the event had one;
- a chance written "50%": the fix said 'such as 1.5', which is no chance;
- a duplicate id, a flag never set: pointed at column 1, not at the id or the flag;
- the first quote left out (debrief = Some text."): the fix kept the stray closing quote, and the
  note that other checks were skipped came before the error it spoke of;
- a misspelt region value in add: its key was shown add.region.basra.servces, four keys to read, and
  without the quotes the file needs; it is shown add."region.basra.servces", as written;
- a codex file's table written [[codex]] (the folder's name): 'use one of' listed fourteen kinds;
- a mod's inside (reactions.toml beside events/ and codex/) spread into mods/basra_2008/: the fix
  moved the file alone, though each folder there loads as a mod of its own.

Real TOML files under tmp_path, through the real command line, over the shipped campaign."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main

EVENTS = '''[[event]]
id = "grain.ration_shortfall"
title = "Ration cards come up short"
text = """
The monthly food basket arrives half empty in Basra. Families queue at the depots; \\
party offices hand out flour of their own. See [[grain_ration]].
"""
when = "turn >= 2 and region.basra.services < 70"
weight = 8
max_fires = 1
invented = true
debrief = "Food handouts are a contest for loyalty."

[[event.option]]
id = "import"
text = "Buy wheat abroad at any price"
requires = "treasury >= 6"
requires_text = "The treasury cannot cover an emergency purchase."
effects = [
  { add = { treasury = -6, "region.basra.services" = 4 }, why = "Imported wheat refills the depots." },
  { set_flag = "grain.imported" },
]
chain = { event = "grain.depot_theft", delay = 2, chance = 0.5 }

[[event.option]]
id = "parties"
text = "Let the local parties hand it out"
effects = [{ add = { "region.basra.control" = -3 }, why = "Party offices, not ministries, decide who eats." }]

[[event]]
id = "grain.depot_theft"
title = "Wheat vanishes from a depot"
text = "Inspectors find that a third of the imported wheat left a depot at night."
when = "flag('grain.imported')"
triggered_only = true
invented = true
debrief = "Emergency supplies are easy to divert."

[[event.option]]
id = "arrest"
text = "Arrest the depot managers"
effects = [{ add = { confidence = 2 }, why = "The arrests reassure people." }]

[[event.option]]
id = "ignore"
text = "Write it off"
effects = [{ add = { confidence = -2 }, why = "The loss becomes common knowledge." }]
'''
REACTIONS = '''[[reaction]]
id = "grain.iran_sends_wheat"
actor = "iran"
on_option = "grain.ration_shortfall/parties"
why = "Tehran ships wheat to its friends' offices in the south."
add = { leverage = 2 }
'''
CODEX = '''[[entry]]
id = "grain_ration"
title = "The ration system"
category = "term"
body = "The monthly food basket, handed out through state depots."
'''
FILES = {"events/grain.toml": EVENTS, "reactions.toml": REACTIONS, "codex/grain.toml": CODEX}


@pytest.fixture(autouse=True)
def _no_installed_mods(tmp_path, monkeypatch):
    (tmp_path / "no-mods").mkdir()
    monkeypatch.setenv("CEASEFIRE_MODS", str(tmp_path / "no-mods"))


def _write(root: Path, slip: tuple[str, str, str] | None = None) -> Path:
    for rel, text in FILES.items():
        if slip is not None and slip[0] == rel:
            assert slip[1] in text, slip
            text = text.replace(slip[1], slip[2], 1)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def _validate(capsys, mod: Path) -> tuple[int, list[str]]:
    code = main(["validate", "basra_2008", "--mod", str(mod)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, [ln for ln in out.out.splitlines() if not ln.startswith("ok: ")]


def _line_col(path: Path, needle: str) -> tuple[int, int]:
    text = path.read_text("utf-8")
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_the_mod_as_written_validates(tmp_path, capsys):
    code, lines = _validate(capsys, _write(tmp_path / "grain"))
    assert code == 0 and lines == []


@pytest.mark.parametrize("new, key, fix", [
    ('label = "Write it off"', "event[1].option[1].label", "unknown key 'label' (fix: did you mean 'text'?)"),
    ('title = "Write it off"', "event[1].option[1].title",
     "(fix: an option's words are its text: write text = \"Write it off\"; if it is the event's title, move it up"),
])
def test_an_options_words_written_as_label_or_title_is_one_error_that_says_text(new, key, fix, tmp_path, capsys):
    mod = _write(tmp_path / "grain", ("events/grain.toml", 'text = "Write it off"', new))
    code, lines = _validate(capsys, mod)
    assert code == 1
    assert len(lines) == 1, lines  # not also "missing required key 'text'"
    line, col = _line_col(mod / "events/grain.toml", new)
    assert lines[0].startswith(f"{mod / 'events/grain.toml'}:{line}:{col}: error: {key}: "), lines
    assert fix in lines[0], lines


@pytest.mark.parametrize("written, fix", [
    ('"50%"', "(fix: write a number from 0 to 1, without quotes: a chance of 50% is chance = 0.5)"),
    ('"half"', "(fix: write a number from 0 to 1, without quotes)"),
])
def test_a_chance_in_words_or_percent_is_told_to_be_a_fraction(written, fix, tmp_path, capsys):
    mod = _write(tmp_path / "grain", ("events/grain.toml", "chance = 0.5", f"chance = {written}"))
    code, lines = _validate(capsys, mod)
    assert code == 1 and len(lines) == 1, lines
    line, col = _line_col(mod / "events/grain.toml", written)  # the value, not the line's start
    assert lines[0].startswith(f"{mod / 'events/grain.toml'}:{line}:{col}: error: event[0].option[0].chain.chance: "), lines
    assert lines[0].endswith(fix) and "1.5" not in lines[0], lines


def test_a_duplicate_event_id_points_at_the_id(tmp_path, capsys):
    mod = _write(tmp_path / "grain", ("events/grain.toml", 'id = "grain.depot_theft"', 'id = "grain.ration_shortfall"'))
    code, lines = _validate(capsys, mod)
    assert code == 1
    dup = [ln for ln in lines if "duplicate event id" in ln]
    assert len(dup) == 1, lines
    text = (mod / "events/grain.toml").read_text("utf-8")
    second = text.index('id = "grain.ration_shortfall"', text.index("[[event]]", 1))
    line = text.count("\n", 0, second) + 1
    assert dup[0].startswith(f"{mod / 'events/grain.toml'}:{line}:6: error: event[1].id: duplicate event id "
                             "'grain.ration_shortfall'"), dup


def test_a_flag_read_but_never_set_points_at_the_flag(tmp_path, capsys):
    mod = _write(tmp_path / "grain", ("events/grain.toml", "flag('grain.imported')", "flag('grain.imprted')"))
    code, lines = _validate(capsys, mod)
    assert code == 0 and len(lines) == 1, lines
    line, col = _line_col(mod / "events/grain.toml", "grain.imprted")
    assert lines[0] == (f"{mod / 'events/grain.toml'}:{line}:{col}: warning: event[1].when: flag 'grain.imprted' is read "
                        "but never set (fix: did you mean 'grain.imported'?)")


def test_text_without_its_opening_quote_gets_a_fix_without_the_stray_one(tmp_path, capsys):
    mod = _write(tmp_path / "grain", ("events/grain.toml", 'debrief = "Food', "debrief = Food"))
    code, lines = _validate(capsys, mod)
    assert code == 1
    line, col = _line_col(mod / "events/grain.toml", "Food handouts")
    assert lines[0] == (f"{mod / 'events/grain.toml'}:{line}:{col}: error: debrief: invalid TOML: the value of 'debrief' "
                        "has a closing quote but no opening one: text is written between two double quotes "
                        '(fix: write debrief = "Food handouts are a contest for loyalty.")'), lines
    assert "note: reference checks" in lines[1], lines  # the note about what was skipped comes after the error


def test_a_mods_inside_spread_into_the_scenarios_mods_folder_is_moved_whole(tmp_path, monkeypatch, capsys):
    mods = tmp_path / "mods"
    _write(mods / "basra_2008")  # events/, codex/ and reactions.toml directly in mods/basra_2008/
    monkeypatch.setenv("CEASEFIRE_MODS", str(mods))
    assert main(["validate", "basra_2008"]) == 0
    out = capsys.readouterr().out
    assert (f"{mods / 'basra_2008' / 'reactions.toml'}: warning: a .toml file directly in {mods / 'basra_2008'} is not "
            "loaded: a mod is a folder (fix: move it, and the folders codex/, events/ beside it, into one mod folder, "
            f"e.g. {mods / 'basra_2008' / 'my_mod'}/ (each folder here loads as a mod of its own))") in out, out


def test_a_misspelt_state_name_in_add_is_shown_as_the_quoted_key_it_is(tmp_path, capsys):
    mod = _write(tmp_path / "grain", ("events/grain.toml", '"region.basra.services" = 4', '"region.basra.servces" = 4'))
    code, lines = _validate(capsys, mod)
    assert code == 1 and len(lines) == 1, lines
    line, col = _line_col(mod / "events/grain.toml", '"region.basra.servces"')
    assert lines[0] == (f"{mod / 'events/grain.toml'}:{line}:{col}: error: "
                        'event[0].option[0].effects[0].add."region.basra.servces": unknown state name '
                        "'region.basra.servces' (fix: did you mean 'region.basra.services'?)"), lines


@pytest.mark.parametrize("header", ["[[codex]]", "[[codex.entry]]", "[[entries]]"])
def test_a_codex_table_named_after_its_folder_is_told_it_is_an_entry(header, tmp_path, capsys):
    mod = _write(tmp_path / "grain", ("codex/grain.toml", "[[entry]]", header))
    code, lines = _validate(capsys, mod)
    assert code == 1
    key = header.strip("[]").split(".")[0]
    assert lines[0] == (f"{mod / 'codex/grain.toml'}:1:1: error: {key}: unknown kind of content '{key}': a codex entry "
                        "is an [[entry]] table (fix: write [[entry]] for each codex entry (in any file; the campaign "
                        "keeps them under codex/))"), lines
