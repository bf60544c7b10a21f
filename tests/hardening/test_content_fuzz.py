"""Mutated scenarios make the loader return problems or a scenario, never another exception."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from game.content import loader
from tests.conftest import MINI

FILES = sorted(p.relative_to(MINI) for p in MINI.rglob("*.toml"))
FILE_LEVEL = ("not UTF-8", "no scenario.toml", "missing the [scenario] table")


@st.composite
def mutation(draw):
    rel = draw(st.sampled_from(FILES))
    text = (MINI / rel).read_text()
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["delete_line", "dup_line", "replace_value", "insert_text", "truncate", "swap", "bytes"]))
    if kind == "delete_line" and lines:
        i = draw(st.integers(0, len(lines) - 1))
        out = "".join(lines[:i] + lines[i + 1:])
    elif kind == "dup_line" and lines:
        i = draw(st.integers(0, len(lines) - 1))
        out = "".join(lines[: i + 1] + lines[i:])
    elif kind == "replace_value" and lines:
        i = draw(st.integers(0, len(lines) - 1))
        value = draw(st.sampled_from(['"x"', "1", "-1e9", "[]", "{}", "true", '"__import__(\'os\')"', '"a ** b"',
                                     '[{ add = { nope = 1 } }]', '"cohesion >"', "2008-01-01", '"mini.nope"']))
        key = lines[i].split("=", 1)[0] if "=" in lines[i] else "id"
        lines[i] = f"{key}= {value}\n"
        out = "".join(lines)
    elif kind == "insert_text":
        i = draw(st.integers(0, len(lines)))
        junk = draw(st.text(max_size=40))
        out = "".join(lines[:i] + [junk + "\n"] + lines[i:])
    elif kind == "truncate":
        out = text[: draw(st.integers(0, len(text)))]
    elif kind == "swap" and len(text) > 2:
        i = draw(st.integers(0, len(text) - 2))
        out = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    else:
        return rel, draw(st.binary(max_size=60)) + text.encode()
    return rel, out.encode("utf-8", "surrogatepass")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation())
def test_mutated_scenario_gives_problems_or_a_scenario(mut):
    rel, data = mut
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mini"
        shutil.copytree(MINI, root)
        (root / rel).write_bytes(data)
        scenario, problems = loader.check(root)
        errors = [p for p in problems if p.severity == "error"]
        assert scenario is not None or errors
        for p in errors:
            assert p.file, p
            assert p.line is not None or any(s in p.message for s in FILE_LEVEL) or not p.file.endswith(".toml"), p.format()
