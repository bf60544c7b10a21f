"""The loader shapes each file as soon as it is parsed and lets its parsed tables go (game/content/loader.py):
an author must see exactly what shaping all the files after reading them all gave, in the same order."""

import shutil

import tomli

from game.content import loader
from game.content.files import _Collector, _read_files
from game.content.layers import _merge
from game.content.shape import _shape
from tests.conftest import MINI


def _problems_two_passes(root, mods=()):
    """The problems of reading, then shaping every file, as lint reads a scenario (pass 1 only)."""
    col = _Collector()
    folders = [(root, 1)] + [(m, 2 + i) for i, m in enumerate(mods)]
    _, files = _read_files(folders, col)
    _, items, removes = _shape(files, col, (root / "scenario.toml").resolve())
    _merge(items, removes, col)
    return [(p.file, p.line, p.col, p.key, p.message) for p in col.problems]


def _bad_copy(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    # a shaping error early in the files' order, a file that does not parse after it, another shaping error
    # later, and a duplicate id (its message reads the duplicate's file again, after it was let go)
    (root / "aa_shape.toml").write_text('[[metric]]\nid = "x1"\nlabel = "X"\nmin = 5\nmax = 1\nstart = 3\n')
    (root / "mm_broken.toml").write_text('[[event]]\nid = "mini.broken"\ntitle = "Unclosed\n')
    (root / "zz_shape.toml").write_text('[[flag]]\nid = "mini.zz"\nlable = "typo"\n')
    dup = (root / "metrics.toml").read_text().split("[[metric]]")[1]
    (root / "zz_dup.toml").write_text("[[metric]]" + dup)
    return root


def test_a_bad_scenario_gets_the_same_problems_in_the_same_order_as_shaped_after_reading(tmp_path):
    root = _bad_copy(tmp_path)
    scenario, problems = loader.validate(root)
    assert scenario is None
    said = [(p.file, p.line, p.col, p.key, p.message) for p in problems]
    first_pass = _problems_two_passes(root)
    assert len(first_pass) >= 4, first_pass
    # every problem of pass 1, in its order, at the head of the loader's list (pass 2's follow)
    assert said[:len(first_pass)] == first_pass
    files = [p[0].rsplit("/", 1)[-1] for p in first_pass]
    assert files.index("mm_broken.toml") < files.index("aa_shape.toml")  # the reading's problems first, as before
    assert any("duplicate metric id" in p[4] for p in first_pass)


def test_a_file_let_go_after_shaping_is_parsed_again_when_asked(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    col = _Collector()
    seen = []

    def release(f, layer):
        seen.append(f)
        f.release()

    _, files = _read_files([(root, 1)], col, each=release)
    assert seen == [f for f, _ in files] and len(seen) >= 5
    for f in seen:
        assert f._data is None
        assert f.data == tomli.loads(f.path.read_text("utf-8"))
