"""Fault injection: crashes, full disks and bad files never lose a save and never crash the game."""

from __future__ import annotations

import errno
import json
import os
import random
from pathlib import Path

import pytest

from game.errors import SaveError
from game.saves import savefile, store
from game.cli import main

from savehelp import play_turns


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def populated(mini, folder, midgame):
    """A folder with a named save and this game's autosaves; returns (folder, session)."""
    store.save_named(midgame, "before the vote", folder)
    for _ in range(2):
        store.autosave(midgame, folder)
        play_turns(midgame, random.Random(midgame.turn), 1)
    return folder, midgame


def _crash_replace(monkeypatch):
    def boom(src, dst):
        raise OSError(errno.EIO, "simulated crash before the rename")
    monkeypatch.setattr(savefile.os, "replace", boom)


class _FullDisk:
    """A file object that takes half of what it is given, then reports a full disk."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


def _full_disk(monkeypatch):
    real = os.fdopen
    monkeypatch.setattr(savefile.os, "fdopen", lambda fd, mode="r", *a, **k: _FullDisk(real(fd, mode, *a, **k)))


def _fsync_fails(monkeypatch):
    def boom(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(savefile.os, "fsync", boom)


FAULTS = {"crash before rename": _crash_replace, "disk full during write": _full_disk, "fsync fails": _fsync_fails}


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("how", ["autosave", "named new", "named over existing"])
def test_failed_write_keeps_every_older_save(populated, monkeypatch, fault, how):
    folder, session = populated
    before = _snapshot(folder)
    play_turns(session, random.Random(9), 1)
    FAULTS[fault](monkeypatch)
    with pytest.raises(SaveError) as ei:
        if how == "autosave":
            store.autosave(session, folder)
        elif how == "named new":
            store.save_named(session, "fresh", folder)
        else:
            store.save_named(session, "before the vote", folder)
    assert "untouched" in str(ei.value) and str(folder) in str(ei.value)
    monkeypatch.undo()
    assert _snapshot(folder) == before  # same files, same bytes, no temporary left behind
    for name in before:
        savefile.read(folder / name)


def test_autosave_failure_prunes_nothing(mini, folder, monkeypatch):
    from game.engine.session import Session

    s = Session.new(mini, seed=8)
    play_turns(s, random.Random(8), 5, each_turn=lambda ss: store.autosave(ss, folder))
    before = _snapshot(folder)
    assert len(before) == store.KEEP_AUTOSAVES
    play_turns(s, random.Random(1), 1)
    _crash_replace(monkeypatch)
    with pytest.raises(SaveError):
        store.autosave(s, folder)
    monkeypatch.undo()
    assert _snapshot(folder) == before


def _bad_files(good: bytes) -> dict[str, bytes]:
    rng = random.Random(1234)
    assert isinstance(json.loads(good), dict)  # a sound save: each case below breaks it one way
    out = {
        "empty": b"",
        "truncated-1": good[:1],
        "truncated-half": good[: len(good) // 2],
        "truncated-end": good[:-1],
        "random-bytes": bytes(rng.randrange(256) for _ in range(2000)),
        "random-text": "".join(rng.choice("{}[]\":,abc123 ") for _ in range(500)).encode(),
        "not-an-object": b"[1, 2, 3]",
        "not-ceasefire": b'{"hello": "world"}',
        "nested-deep": b"[" * 100000 + b"]" * 100000,
        "huge-number": good.replace(b'"seed":', b'"seed":' + b"9" * 5000 + b","  b'"x":', 1),
    }

    def edit(name, fn):
        d = json.loads(good)
        fn(d)
        out[name] = json.dumps(d).encode()

    edit("format-string", lambda d: d.update(format="two"))
    edit("turn-string", lambda d: d.update(turn="seven"))
    edit("choices-number", lambda d: d.update(choices=5))
    edit("values-string", lambda d: d["state"].update(values="abc"))
    edit("values-nan", lambda d: d["state"]["values"].__setitem__(1, float("nan")))
    edit("flags-list", lambda d: d["state"].update(flags=[1, 2]))
    edit("phase-unknown", lambda d: d["state"].update(phase="lunch"))
    edit("history-empty", lambda d: d["state"].update(history=[]))
    edit("history-ragged", lambda d: d["state"]["history"][0].pop())
    edit("rng-short", lambda d: d["state"].update(rng=[3, [1, 2], None]))
    edit("rng-huge", lambda d: d["state"]["rng"][1].__setitem__(0, 2**40))
    edit("rng-negative", lambda d: d["state"]["rng"][1].__setitem__(0, -1))
    edit("state-missing", lambda d: d.pop("state"))
    edit("state-extra", lambda d: d["state"].update(cheat=1))
    edit("turn-mismatch", lambda d: d["state"].update(turn=d["state"]["turn"] + 1))
    edit("ended-without-ending", lambda d: d["state"].update(phase="ended"))
    edit("unknown-ending", lambda d: d["state"].update(phase="ended", ending="nope", current=None))
    edit("other-scenario", lambda d: d.update(scenario="elsewhere"))
    edit("slots-short", lambda d: d["slots"].pop())
    edit("lagged-bad-kind", lambda d: d["state"]["lagged"].append([1, "pow", 0, 1.0, "x", "x", "x", "x"]))
    edit("zero-turn", lambda d: d["state"].update(turn=0))
    return out


def test_bad_files_clear_message_never_crash_never_touched(mini, folder, midgame):
    prior = store.autosave(midgame, folder)
    play_turns(midgame, random.Random(3), 1)
    good = savefile.encode(savefile.to_savefile(midgame))
    bad = _bad_files(good)
    for name, data in bad.items():
        p = folder / f"{name}.json"
        p.write_bytes(data)
    before = _snapshot(folder)
    for name in bad:
        p = folder / f"{name}.json"
        with pytest.raises(store.LoadError) as ei:
            store.load_session(p)
        msg = str(ei.value)
        assert str(p) in msg, (name, msg)
        assert "Traceback" not in msg and len(msg) < 600, (name, msg)
        assert ei.value.fallback == prior and prior.name in msg, (name, msg)
    es = {e.name: e for e in store.entries(folder)}
    for name in bad:
        if not es[name].ok:
            assert str(folder / f"{name}.json") in es[name].error
    assert _snapshot(folder) == before
    assert store.newest(folder) == prior


@pytest.mark.parametrize("name,expect", [("empty", "empty"), ("truncated-half", "truncated"),
                                         ("random-bytes", "not a Ceasefire save file (not text"), ("not-ceasefire", "not a Ceasefire save"),
                                         ("turn-string", "turn"), ("values-string", "state.values"),
                                         ("phase-unknown", "state.phase"), ("rng-huge", "random generator"),
                                         ("format-string", "format"), ("turn-mismatch", "inconsistent")])
def test_messages_say_what_is_wrong(midgame, folder, name, expect):
    good = savefile.encode(savefile.to_savefile(midgame))
    p = folder / "x.json"
    folder.mkdir(parents=True, exist_ok=True)
    p.write_bytes(_bad_files(good)[name])
    with pytest.raises(SaveError) as ei:
        store.load_session(p)
    assert expect in str(ei.value)


def test_newer_format_refused(midgame, folder):
    d = json.loads(savefile.encode(savefile.to_savefile(midgame)))
    d["format"] = savefile.FORMAT + 1
    folder.mkdir(parents=True)
    p = folder / "future.json"
    p.write_text(json.dumps(d))
    with pytest.raises(SaveError, match="newer version of Ceasefire"):
        store.load_session(p)


def test_fuzzed_fields_load_or_refuse_never_crash(mini, folder, midgame):
    """Replace random leaves of a real save with values of other types: SaveError or a playable game."""
    good = json.loads(savefile.encode(savefile.to_savefile(midgame)))
    rng = random.Random(77)
    folder.mkdir(parents=True)
    odd = [None, True, -1, 0, 10**6, 3.5, "", "x", [], {}, [1], {"a": 1}]

    def leaves(node, path=()):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from leaves(v, path + (k,))
        elif isinstance(node, list) and node:
            i = rng.randrange(len(node))
            yield from leaves(node[i], path + (i,))
        else:
            yield path

    paths = [p for p in leaves(good) if p and p[0] not in ("saved_at", "summary", "date", "checksum", "app_version")]
    loaded = 0
    for i in range(150):
        d = json.loads(json.dumps(good))
        path = rng.choice(paths)
        node = d
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = rng.choice(odd)
        f = folder / f"fuzz{i}.json"
        f.write_text(json.dumps(d))
        try:
            s, _ = store.load_session(f, mini)
        except SaveError:
            continue
        loaded += 1
        play_turns(s, random.Random(i))
        assert s.ended
    assert loaded > 0


@pytest.mark.parametrize("kind", ["truncated-half", "random-bytes", "turn-string", "not-ceasefire", "empty"])
def test_cli_replay_bad_file_exit_1(midgame, tmp_path, capsys, kind):
    good = savefile.encode(savefile.to_savefile(midgame))
    p = tmp_path / "bad.json"
    p.write_bytes(_bad_files(good)[kind])
    before = p.read_bytes()
    assert main(["replay", str(p)]) == 1
    err = capsys.readouterr().err
    assert str(p) in err and "Traceback" not in err
    assert p.read_bytes() == before


def test_cli_replay_missing_file(tmp_path, capsys):
    assert main(["replay", str(tmp_path / "nope.json")]) == 1
    assert "no such save file" in capsys.readouterr().err


CRASH = """
import os, sys
sys.path.insert(0, {tests!r})
from game.content import loader
from game.engine.session import Session
from game.saves import savefile, store
s = Session.new(loader.load({mini!r}), seed=3)
def die(src, dst):
    os._exit(9)  # the process dies between the write and the rename
savefile.os.replace = die
store.save_named(s, "precious", {folder!r})
"""


def test_real_crash_between_write_and_rename(mini, folder, midgame):
    import subprocess
    import sys

    precious = store.save_named(midgame, "precious", folder)
    before = precious.read_bytes()
    code = CRASH.format(tests=str(Path(__file__).parent), mini=str(mini.root), folder=str(folder))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert r.returncode == 9, r.stderr.decode()
    assert precious.read_bytes() == before
    leftovers = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".precious.json.")
    assert [e.name for e in store.entries(folder)] == ["precious"]
    assert store.load_session(precious)[0].turn == midgame.turn
    # a later autosave sweeps the stale temporary file, and nothing else
    old = leftovers[0].stat().st_mtime - store.STALE_SECONDS - 5
    os.utime(leftovers[0], (old, old))
    store.autosave(midgame, folder)
    assert not leftovers[0].exists() and precious.read_bytes() == before


def test_traversal_names_write_nothing_outside(mini, tmp_path):
    from game.engine.session import Session

    folder = tmp_path / "deep" / "saves"
    s = Session.new(mini, seed=1)
    for name in ["../x", "../../y", "..", "/tmp/z", "a/../../b", "..\\..\\c"]:
        p = store.save_named(s, name, folder)
        assert p.parent == folder
    assert sorted(x.name for x in tmp_path.rglob("*") if x.is_file() and x.parent != folder) == []


def test_huge_file_refused(folder, monkeypatch):
    folder.mkdir(parents=True)
    p = folder / "big.json"
    p.write_bytes(b"{}")
    monkeypatch.setattr(savefile, "MAX_BYTES", 1)
    with pytest.raises(SaveError, match="too large"):
        savefile.read(p)


def test_cli_replay_scenario_gone(midgame, tmp_path, capsys):
    p = store.save_named(midgame, "lost", tmp_path)
    d = json.loads(p.read_bytes())
    d["scenario"] = d["state"]["scenario"] = "no_such_scenario"
    d["scenario_path"] = str(tmp_path / "nowhere")
    p.write_text(json.dumps(d))
    assert main(["replay", str(p)]) == 1
    err = capsys.readouterr().err
    assert f"{p}: this game was played with the scenario in {tmp_path / 'nowhere'}, which is no longer there" in err
    assert "no scenario 'no_such_scenario'" in err
