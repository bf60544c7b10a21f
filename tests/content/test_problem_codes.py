"""Every problem validate reports has a code from the documented list (problems.CODES), so that an
editor or a CI script reading `validate --json` can tell kinds of problem apart."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.content.problems import CODES
from tests.conftest import DATA, MINI

ROOT = Path(__file__).resolve().parents[2]
BAD = sorted((DATA / "bad").glob("*.toml"))


def _json_problems(capsys, args) -> list[dict]:
    main(["validate", "--json", *args])
    return json.loads(capsys.readouterr().out)["problems"]


def _mini_with(fixture: Path, tmp_path: Path) -> Path:
    """A copy of the mini scenario with a bad fixture in it (in place of the file it says it replaces)."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    text = fixture.read_text()
    name = next((ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("# replaces:")), "zz_bad.toml")
    (root / name).write_text(text)
    return root


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_every_problem_of_a_bad_fixture_has_a_documented_code(fixture, tmp_path, capsys):
    problems = _json_problems(capsys, [str(_mini_with(fixture, tmp_path))])
    assert problems
    for p in problems:
        assert p["code"] in CODES, p


@pytest.mark.parametrize("fixture, code", [
    ("toml_syntax", "toml-syntax"), ("unknown_actor", "unknown-actor"), ("chain_unknown_event", "unknown-event"),
    ("duplicate_id", "duplicate-id"), ("wrong_type", "wrong-type"), ("bad_id", "bad-id"), ("bad_date", "bad-date"),
    ("zero_delay_cycle", "zero-delay-cycle"), ("reaction_no_trigger", "no-trigger"), ("range_order", "range-order"),
    ("chance_out_of_range", "out-of-range"), ("unknown_ending", "unknown-ending"), ("unknown_kind", "unknown-kind"),
])
def test_a_problem_has_the_code_of_its_kind(fixture, code, tmp_path, capsys):
    root = _mini_with(DATA / "bad" / f"{fixture}.toml", tmp_path)
    assert code in {p["code"] for p in _json_problems(capsys, [str(root)])}


def test_folder_and_file_problems_have_codes(tmp_path, capsys):
    assert {p["code"] for p in _json_problems(capsys, [str(tmp_path / "nowhere")])} == {"no-scenario"}
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "notes.toml").write_bytes("title = 'caf\u00e9'\n".encode("latin-1"))
    (root / "events.toml.txt").write_text("")
    codes = {p["code"] for p in _json_problems(capsys, [str(root), "--mod", str(tmp_path / "no_mod")])}
    assert {"not-utf8", "unread-file", "mod-not-found"} <= codes, codes


def _calls_without_code(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
        owner = getattr(f.value, "id", None) or getattr(f.value, "attr", None) if isinstance(f, ast.Attribute) else None
        if name == "Problem":
            given = len(node.args) >= 8
        elif name == "add" and owner == "col":  # _Collector.add(f, path, message, fix, severity, col_shift, code)
            given = len(node.args) >= 7
        elif name == "err" and owner == "self":  # _Linker.err(it, sub, message, fix, severity, col_shift, code)
            given = len(node.args) >= 7
        else:
            continue
        given = given or any(k.arg == "code" for k in node.keywords)
        if not given:
            out.append(f"{path.name}:{node.lineno}")
        for k in node.keywords:
            if k.arg == "code" and isinstance(k.value, ast.Constant):
                assert k.value.value in CODES, f"{path.name}:{node.lineno}: code {k.value.value!r} is not in CODES"
    return out


def test_every_problem_the_loader_writes_is_given_a_code():
    missing = []
    for rel in ("loader", "files", "shape", "shape_errors", "link", "layers", "triage", "mods"):
        rel = f"game/content/{rel}.py"
        missing += _calls_without_code(ROOT / rel)
    assert missing == [], "problems written without a code (add code=..., one of problems.CODES): " + ", ".join(missing)


def test_the_codes_are_listed_in_the_modding_guide():
    guide = (ROOT / "docs" / "modding.md").read_text()
    for code, what in CODES.items():
        assert f"| `{code}` | {what} |" in guide
