"""load_order.toml has a schema of its own (schema/load_order.schema.json), and the guide's and
mods/README.md's examples name it on their first line. Before, an editor gave the file the
any-content schema, which marks 'order' and 'disabled' as unknown keys: the documented file was
underlined red. With Taplo installed, the real CLI checks it too."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import tomli

from game.content.schema import all_schemas, drift
from tests.modding.jsonschema_lite import errors as schema_errors

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "docs/modding.md": re.search(r"```toml\n( *#:schema \S+load_order\S+\n.*?) *```",
                                 (ROOT / "docs" / "modding.md").read_text("utf-8"), re.S),
    "mods/README.md": re.search(r"\n((?: {4}#:schema .*\n)(?: {4}.*\n)+)", (ROOT / "mods" / "README.md").read_text("utf-8")),
}


def _example(where: str) -> str:
    found = EXAMPLES[where]
    assert found, f"{where}: no load_order.toml example that names its schema"
    return "\n".join(ln.strip() for ln in found.group(1).splitlines()) + "\n"


def test_the_schema_is_shipped_and_current():
    assert "load_order.schema.json" in all_schemas() and "load_order.schema.json" not in drift()


@pytest.mark.parametrize("where", sorted(EXAMPLES))
def test_each_example_names_the_schema_and_passes_it(where):
    text = _example(where)
    first = text.splitlines()[0]
    assert (ROOT / "mods" / "basra_2008" / first.split(" ", 1)[1]).resolve() == ROOT / "schema" / "load_order.schema.json"
    schema = all_schemas()["load_order.schema.json"]
    assert schema_errors(tomli.loads(text), schema) == []
    assert schema_errors({"order": ["a"], "disabeld": ["b"]}, schema) != []  # a misspelt key is marked
    assert schema_errors({"order": "a"}, schema) != []  # a list, even of one


TAPLO = shutil.which("taplo")


def _taplo_accepts_then_marks_a_typo(tmp_path, text: str) -> None:
    """Taplo, with the project's .taplo.toml and schemas, accepts `text` as mods/basra_2008/load_order.toml
    and marks it once 'disabled' is misspelt."""
    shutil.copy(ROOT / ".taplo.toml", tmp_path / ".taplo.toml")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    f = tmp_path / "mods" / "basra_2008" / "load_order.toml"
    f.parent.mkdir(parents=True)
    f.write_text(text, "utf-8")

    def check():
        return subprocess.run([TAPLO, "check", str(f.relative_to(tmp_path))], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)

    run = check()
    assert run.returncode == 0, run.stdout + run.stderr
    f.write_text(f.read_text("utf-8").replace("disabled", "disabeld"), "utf-8")
    assert check().returncode != 0


@pytest.mark.skipif(TAPLO is None, reason="taplo is not installed")
def test_taplo_accepts_the_example_and_marks_a_typo(tmp_path):
    _taplo_accepts_then_marks_a_typo(tmp_path, _example("docs/modding.md"))


@pytest.mark.skipif(TAPLO is None, reason="taplo is not installed")
def test_taplo_gives_load_order_its_schema_without_a_schema_line(tmp_path):
    """A load_order.toml written without the '#:schema' line got the any-content schema from .taplo.toml's
    rules, which underlined 'order' and 'disabled'. The rules name its own schema."""
    _taplo_accepts_then_marks_a_typo(
        tmp_path, "".join(ln + "\n" for ln in _example("docs/modding.md").splitlines() if not ln.startswith("#:schema")))
