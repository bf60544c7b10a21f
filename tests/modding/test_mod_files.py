"""The files around a mod's entries: its [remove] table, the mods folder's load_order.toml, a file an
editor saved in another encoding, and the count validate prints of what loaded.

Real files under tmp_path, through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import MINI
from tests.modding.test_mod_messages import _event, _mod, _validate


@pytest.fixture
def mods_root(tmp_path, monkeypatch) -> Path:
    """An installed-mods folder for the test scenario ('mini'), with two mods in it."""
    root = tmp_path / "installed"
    monkeypatch.setenv("CEASEFIRE_MODS", str(root))
    for name, event in (("water", "a"), ("notes", "b")):
        folder = root / "mini" / name
        folder.mkdir(parents=True)
        (folder / "e.toml").write_text(_event(event), "utf-8")
    return root


def _validate_installed(capsys) -> tuple[int, str]:
    code = main(["validate", str(MINI)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out + out.err


def test_a_remove_table_with_a_plural_kind_suggests_the_kind(tmp_path, capsys):
    mod = _mod(tmp_path, {"remove.toml": '[remove]\nevents = ["mini.envoy"]\nscenario = ["mini"]\nthings = ["x"]\n'})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "remove.toml:2:1: error: remove.events: cannot remove 'events': it is not a kind of entry (fix: did you mean 'event'?)" in out, out
    assert "remove.scenario: the [scenario] table cannot be removed" in out, out
    assert "remove.things: cannot remove 'things': it is not a kind of entry (fix: use one of: metric, region, actor, action, event" in out, out
    assert "use a kind such as event, action, reaction" not in out


def test_load_order_slips_each_say_what_to_write(mods_root, capsys):
    order = mods_root / "mini" / "load_order.toml"
    order.write_text('order = "notes"\n')
    code, out = _validate_installed(capsys)
    assert code == 1
    assert 'load_order.toml:1:1: error: order: \'order\' must be a list of mod folder names (fix: write a list in square brackets, even of one: order = ["notes"])' in out, out

    order.write_text("order = [notes, water]\n")
    code, out = _validate_installed(capsys)
    assert code == 1
    assert ("load_order.toml:1:10: error: order: invalid TOML: 'notes' in the list of 'order' is not in quotes: text is "
            'written in double quotes (fix: write order = ["notes", "water"])') in out, out

    order.write_text('order = ["notse", "water"]\n')
    code, out = _validate_installed(capsys)
    assert code == 0
    assert "order[0]: no mod folder 'notse' in " in out and "(fix: did you mean 'notes'? (mod folders here: notes, water))" in out, out

    order.write_text('order = ["notes", "water"]\ndisabled = ["notes"]\n')
    code, out = _validate_installed(capsys)
    assert code == 0
    assert ("load_order.toml:2:13: warning: disabled[0]: mod 'notes' is both in 'order' and 'disabled': it is not loaded "
            "(fix: take it out of one of the two lists)") in out, out
    assert "mods, in load order: water" in out


def test_a_misnamed_load_order_file_is_named_as_such(mods_root, capsys):
    (mods_root / "mini" / "loadorder.toml").write_text('order = ["notes"]\n')
    code, out = _validate_installed(capsys)
    assert code == 0
    assert "loadorder.toml: warning: 'loadorder.toml' is not read: the load order file is named load_order.toml (fix: rename it " in out, out
    assert "move it into a mod folder" not in out


def test_a_file_saved_as_utf16_is_said_so(tmp_path, capsys):
    """Windows Notepad's 'Unicode' is UTF-16: its first byte was read as Windows-1252 'ÿ'."""
    mod = _mod(tmp_path, {"e.toml": _event().encode("utf-16")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert ("e.toml:1:1: error: not UTF-8 text: the file is saved as UTF-16 (called 'Unicode' in some Windows editors) "
            "(fix: save the file as UTF-8") in out, out
    assert "Windows-1252" not in out


def test_windows_line_endings_and_a_byte_order_mark_keep_lines_and_columns(tmp_path, capsys):
    text = _event(extra='when = "turn > 3 && cohesion > 1"\n')
    mod = _mod(tmp_path, {"crlf.toml": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")})
    code, out = _validate(capsys, mod)
    assert code == 1
    assert "crlf.toml:6:18: error: event[0].when: in expression 'turn > 3 && cohesion > 1': syntax error: '&&' is not an operator here" in out, out


def test_validate_counts_each_reaction_rule_once(tmp_path, capsys):
    """A rule that answers two orders was counted twice: a mod adding one rule saw the count go up by two."""
    capsys.readouterr()
    assert main(["validate", str(MINI)]) == 0
    before = capsys.readouterr().out
    mod = _mod(tmp_path, {"r.toml": '[[reaction]]\nid = "mymod.both"\nactor = "militia"\non_action = ["raid", "talks"]\n'
                                    'why = "They answer both."\nadd = { stance = -1 }\n'})
    code, out = _validate(capsys, mod)
    assert code == 0

    def count(text: str) -> int:
        return int(text.split(" reaction rule")[0].rsplit(" ", 1)[1])

    assert count(out) == count(before) + 1, (before, out)


def test_validate_json_says_what_loaded_as_the_text_does(tmp_path, capsys):
    """The text's last line names the counts and the mods in load order; --json had neither."""
    import json

    mod = _mod(tmp_path, {"e.toml": _event()})
    capsys.readouterr()
    assert main(["validate", str(MINI), "--mod", str(mod), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    loaded = data["loaded"]["mini"]
    assert loaded["mods"] == ["my_mod"]
    assert loaded["counts"]["events"] == 7 and set(loaded["counts"]) >= {"actors", "reaction_rules", "codex_entries"}


def test_a_file_given_as_a_mod_says_to_pass_its_folder(tmp_path, capsys):
    mod = _mod(tmp_path, {"events.toml": _event()})
    code, out = _validate(capsys, mod / "events.toml")
    assert code == 1
    assert "events.toml: error: this is a file: a mod is a folder of .toml files (fix: pass the folder that holds it: --mod " in out, out
    assert "mod folder not found" not in out


def test_a_card_of_the_events_folder_given_as_a_mod_names_the_mod_folder(tmp_path, capsys):
    """`ceasefire new event` writes my_mod/events/NAME.toml; given that file as --mod, the fix named
    my_mod/events, a mod that would leave out the rest of my_mod (its reactions.toml)."""
    mod = _mod(tmp_path, {"events/card.toml": _event(), "reactions.toml": ""})
    code, out = _validate(capsys, mod / "events" / "card.toml")
    assert code == 1
    assert out.rstrip().splitlines()[0].endswith(f"(fix: pass the folder that holds it: --mod {mod})"), out
