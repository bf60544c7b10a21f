"""docs/engine.md, the developers' guide, names files, classes and functions; a rename or a move
must not leave it pointing at something that is no longer there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "engine.md"
SOURCE = {p: p.read_text("utf-8") for p in (ROOT / "game").rglob("*.py")}
CODE = re.compile(r"`([^`\n]+)`")
OTHERS = {"run_test"}  # named in the guide, defined by a library (Textual's App.run_test)


def _quoted() -> list[str]:
    return CODE.findall(GUIDE.read_text("utf-8"))


def _looks_like_a_name(word: str) -> bool:
    """A Python name as the guide writes one: `Session`, `_begin_turn`, `Applier.apply`, `FUNCTIONS`
    (not a content key in plain words, like `when`, nor a command or a path)."""
    if not re.fullmatch(r"[A-Za-z_][\w]*(\.[A-Za-z_]\w*)?", word) or word.endswith(".py") or word in OTHERS:
        return False
    head = word.split(".")[0]
    if "." in word:
        return head.startswith("_") or head[0].isupper()  # `ast.parse` is Python's
    return head.startswith("_") or head[0].isupper() or "_" in head


def test_every_path_the_guide_names_exists():
    paths = [w for w in _quoted() if re.fullmatch(r"(game|tests|docs|bench|content)/[\w./-]*", w)]
    assert len(paths) >= 30, "the guide names the files a change touches"
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, f"docs/engine.md names paths that do not exist: {missing}"


def test_every_class_and_function_the_guide_names_is_in_the_code():
    names = sorted({w for w in _quoted() if _looks_like_a_name(w)})
    assert {"Session", "Applier.apply", "_begin_turn", "FUNCTIONS", "_Gen.ops"} <= set(names)
    missing = []
    for name in names:
        owner, _, member = name.rpartition(".")
        if owner:  # `Class.member`: the class is defined, and the member is named in the same file
            files = [t for t in SOURCE.values() if re.search(rf"^class {re.escape(owner)}\b", t, re.M)]
            if not any(re.search(rf"\b{re.escape(member)}\b", t) for t in files):
                missing.append(name)
        elif not any(re.search(rf"(^|\s)(def|class) {re.escape(member)}\b|^{re.escape(member)}\b\s*[:=]|\b{re.escape(member)}\b", t, re.M)
                     for t in SOURCE.values()):
            missing.append(name)
    assert not missing, f"docs/engine.md names what the code no longer has: {missing}"
