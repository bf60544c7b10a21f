"""One fixture per failure mode: each names its file, line and key, with a fix; exit code 1."""

import shutil
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import DATA, MINI

BAD = sorted((DATA / "bad").glob("*.toml"))


def _expect(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        if line.startswith("# ") and ":" in line:
            key, _, value = line[2:].partition(":")
            out[key.strip()] = value.strip()
    return out


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_is_located(fixture: Path, tmp_path, capsys):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    text = fixture.read_text()
    exp = _expect(text)
    name = exp.get("replaces", "zz_bad.toml")
    (root / name).write_text(text)
    code = main(["validate", str(root)])
    out = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out.out + out.err
    lines = [ln for ln in out.out.splitlines() if ": error: " in ln]
    want_file = exp.get("expect-file", name)
    want = f"{want_file}:{exp['expect-line']}:" + (f"{exp['expect-col']}:" if exp.get("expect-col") else "")
    matching = [ln for ln in lines if want in ln and exp["expect-text"] in ln]
    assert matching, f"no error line with {want!r} and {exp['expect-text']!r} in:\n" + "\n".join(lines)
    if exp.get("expect-key"):
        assert any(f": {exp['expect-key']}: " in ln for ln in matching), matching


def test_fixtures_cover_many_failure_modes():
    assert len(BAD) >= 20


def test_clean_scenario_validates(capsys):
    assert main(["validate", str(MINI)]) == 0
    assert capsys.readouterr().out.startswith("ok: mini:")


def test_missing_folder_is_a_clear_error(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "no scenario has this name, and no scenario folder is at this path" in capsys.readouterr().out


def test_json_output(capsys, tmp_path):
    import json

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "zz.toml").write_text('[[evnt]]\nid = "x"\n')
    assert main(["validate", str(root), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["problems"][0]["line"] == 1 and data["problems"][0]["file"].endswith("zz.toml")


def test_a_key_written_under_the_option_is_said_to_belong_to_the_event_and_not_also_missing(tmp_path, capsys):
    """'debrief' below [[event.option]] lands in the option: one message that says where it belongs and
    how TOML reads it, not 'unknown key' in the option plus 'missing required key' in the event."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "zz_bad.toml").write_text((DATA / "bad" / "key_under_option.toml").read_text())
    assert main(["validate", str(root)]) == 1
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "zz_bad.toml" in ln]
    assert len(lines) == 1, lines
    assert "above its first [[event.option]]" in lines[0] and "missing" not in lines[0]


def _validate_fixture(tmp_path, capsys, fixture: str) -> list[str]:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "zz_bad.toml").write_text((DATA / "bad" / fixture).read_text())
    assert main(["validate", str(root)]) == 1
    return [ln for ln in capsys.readouterr().out.splitlines() if "zz_bad.toml" in ln]


def test_every_error_of_an_expression_is_reported_at_its_own_column(tmp_path, capsys):
    """A misspelt name and an unknown function in one expression: both said in one run, each at
    its column (when = "militai... starts at column 9; flg is 24 characters further)."""
    lines = _validate_fixture(tmp_path, capsys, "expression_two_errors.toml")
    assert len(lines) == 2, lines
    name, func = lines
    assert "zz_bad.toml:9:9: error: event[0].when: " in name
    assert "unknown name 'militai.stance'" in name and "did you mean 'militia.stance'?" in name
    assert "zz_bad.toml:9:33: error: event[0].when: " in func
    assert "unknown function 'flg'" in func and "did you mean 'flag'?" in func


def test_the_errors_of_one_expression_are_capped(tmp_path, capsys):
    """Seven unknown names: the first five are reported, in order, and no more."""
    lines = _validate_fixture(tmp_path, capsys, "expression_many_errors.toml")
    assert [ln.split("unknown name ")[1][:7] for ln in lines] == [f"'nope{i}'" for i in range(1, 6)], lines
