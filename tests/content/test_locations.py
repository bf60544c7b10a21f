"""Problems point inside values, at flag tests, and at conflicting mods."""

import shutil

from game.content import loader
from tests.conftest import MINI

EVENT = '''[[event]]
id = "bad.x"
title = "T"
text = "x"
debrief = "x"
when = "turn >= 3 and region.south.violnce < 60"
[[event.option]]
id = "a"
text = "A"
requires = "flag('never_set_anywhere')"
[[event.option]]
id = "b"
text = "B"
'''


def _copy(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def test_expression_error_column_points_at_the_bad_name(tmp_path):
    root = _copy(tmp_path)
    (root / "zz.toml").write_text(EVENT)
    _, problems = loader.check(root)
    p = next(p for p in problems if "violnce" in p.message)
    assert (p.line, p.col) == (6, 23)  # the 'r' of region.south.violnce inside the quotes


def test_unset_flag_warning_names_its_line(tmp_path):
    root = _copy(tmp_path)
    (root / "zz.toml").write_text(EVENT.replace("region.south.violnce", "region.south.violence"))
    scenario, problems = loader.check(root)
    assert scenario is not None
    p = next(p for p in problems if "never_set_anywhere" in p.message)
    assert p.severity == "warning" and p.file.endswith("zz.toml") and p.line == 10


def test_two_mods_changing_one_entry_warn(tmp_path):
    mods = []
    for name in ("a", "b"):
        d = tmp_path / name
        d.mkdir()
        (d / "r.toml").write_text('[[reaction]]\nid = "patron.notes_talks"\nactor = "patron_state"\n'
                                  f'on_action = ["talks"]\nwhy = "Mod {name}."\nadd = {{ patience = 1 }}\n')
        mods.append(d)
    scenario, problems = loader.check(MINI, mods)
    assert scenario is not None
    conflict = [p for p in problems if p.code == "mod-conflict"]
    assert len(conflict) == 1 and conflict[0].file.endswith("b/r.toml") and "a/r.toml:1" in conflict[0].message
    assert scenario.on_action["talks"][-1].why == "Mod b."


def test_a_quote_inside_text_gets_a_fix_that_is_valid_toml(tmp_path):
    """A " inside a double-quoted value closes it early; the line the fix suggests must parse, and
    give back the text meant, whether or not that text also holds single quotes."""
    import tomli

    for meant in ("""chose('mini.opening/a') and turn >= "3\"""", 'turn >= "3"'):
        root = _copy(tmp_path)
        (root / "zz.toml").write_text(EVENT.replace('"turn >= 3 and region.south.violnce < 60"', f'"{meant}"'))
        _, problems = loader.check(root)
        p = next(p for p in problems if "ends early" in p.message)
        assert p.file.endswith("zz.toml") and p.line == 6
        suggested = p.fix.split(": ", 1)[1]
        assert tomli.loads(suggested)["when"] == meant, p.fix
        shutil.rmtree(root)


def test_files_outside_the_working_folder_are_named_in_full(tmp_path, monkeypatch):
    """Run from elsewhere, a problem names the scenario's file by its full path, not '../../work/...'."""
    from game.content.lint import lint

    mod = tmp_path / "mod"
    shutil.copytree(MINI.parents[1] / "modding" / "data" / "lint_mod", mod)
    away = tmp_path / "away"
    away.mkdir()
    monkeypatch.chdir(away)
    found = lint(MINI, [mod]).findings
    override = [p for p in found if p.code == "mod-override"]
    assert override, [p.format() for p in found]
    for p in found:
        assert not p.file.startswith(".."), p.format()
        assert "../" not in p.message, p.format()
    assert str(MINI) in override[0].message  # the file it replaces, in full
    assert override[0].file.startswith(str(tmp_path))  # the mod, outside the working folder too
