"""The format: round trips, migrations from older formats, changed content, resuming, replay verdicts."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.content import loader
from game.engine.session import Session
from game.errors import SaveError
from game.saves import migrations, replay, savefile, store

from savehelp import play_turns

DATA = Path(__file__).parent / "data"
V0 = DATA / "v0_mini_t04.json"


def test_save_holds_everything(midgame, folder):
    p = store.save_named(midgame, "x", folder)
    raw = p.read_bytes()
    d = json.loads(raw)
    assert d["format"] == savefile.FORMAT and savefile.checksum_ok(raw)
    assert d["scenario"] == "mini" and d["seed"] == 11 and d["content_hash"] == midgame.sc.content_hash
    assert d["slots"] == [s.name for s in midgame.sc.slots]
    sf = savefile.read(p)
    assert sf.choices == midgame.st.choices and sf.state == midgame.st.to_json()
    assert not sf.edited and sf.checksum


def test_v0_fixture_migrates_and_plays_on(mini, folder):
    before = V0.read_bytes()
    sf = savefile.read(V0)
    assert sf.format == savefile.FORMAT and sf.scenario == "mini" and sf.turn == 4 and not sf.edited
    assert sf.state["fired"] and sf.state["last_fired"] and sf.state["forced_ending"] is None
    s, warnings = store.load_session(V0, mini)
    assert s.turn == 4 and not s.ended
    play_turns(s, random.Random(4))
    assert s.ended
    assert V0.read_bytes() == before  # migration never rewrites the user's file
    if sf.content_hash == mini.content_hash:
        assert replay.check(sf, mini).ok
        assert warnings == []
    # saved again, it is in the current format
    p = store.save_named(s, "migrated", folder)
    assert json.loads(p.read_bytes())["format"] == savefile.FORMAT


def test_v1_migrates(midgame, folder):
    sf = savefile.to_savefile(midgame)
    d = {k: getattr(sf, k) for k in savefile.SaveFile.model_fields}  # format 1: plain JSON of the model
    for k in ("slots", "app_version", "checksum"):
        d.pop(k)
    d["format"] = 1
    folder.mkdir(parents=True)
    (folder / "v1.json").write_text(json.dumps(d))
    s, warnings = store.load_session(folder / "v1.json")
    assert s.st.to_json() == midgame.st.to_json() and warnings == []


def test_damaged_old_format(folder):
    d = json.loads(V0.read_text())
    del d["state"]["fired_turns"]
    folder.mkdir(parents=True)
    (folder / "old.json").write_text(json.dumps(d))
    with pytest.raises(SaveError, match="damaged save of format 0"):
        savefile.read(folder / "old.json")


def test_version_of():
    assert migrations.version_of({"format": 2}, Path("x")) == 2
    assert migrations.version_of({"version": 0, "scenario_id": "m"}, Path("x")) == 0
    for bad in ({}, {"format": True}, {"format": -1}, {"format": 1.5}, []):
        with pytest.raises(SaveError):
            migrations.version_of(bad, Path("x"))


@pytest.fixture
def changed_mini(tmp_path):
    """The mini scenario with a metric added at the top (every value moves one place)."""
    root = tmp_path / "content" / "mini"
    shutil.copytree(Path(loader.__file__).resolve().parents[2] / "tests" / "data" / "mini", root)
    text = (root / "metrics.toml").read_text()
    (root / "metrics.toml").write_text('[[metric]]\nid = "morale"\nlabel = "Morale"\nstart = 33\n\n' + text)
    return loader.load(root)


def test_changed_content_detected_and_game_continues(mini, changed_mini, midgame, folder):
    p = store.save_named(midgame, "before", folder)
    s, warnings = store.load_session(p, changed_mini)
    text = " ".join(warnings)
    assert "content changed" in text and "morale" in text
    for name in mini.index:
        assert s.value(name) == midgame.value(name)
    assert s.value("morale") == 33
    play_turns(s, random.Random(1))
    assert s.ended
    v = replay.check(savefile.read(p), changed_mini)
    assert v.kind in ("ok", "content")


def test_incompatible_content_refused(mini, midgame, folder, tmp_path):
    p = store.save_named(midgame, "before", folder)
    root = tmp_path / "other"
    shutil.copytree(Path(mini.root), root)
    toml = (root / "scenario.toml").read_text().replace('id = "mini"', 'id = "other"')
    (root / "scenario.toml").write_text(toml)
    with pytest.raises(store.LoadError, match="for scenario 'mini', not 'other'"):
        store.load_session(p, loader.load(root))


def _straight(mini, seed, policy_seed):
    s = Session.new(mini, seed=seed)
    play_turns(s, random.Random(policy_seed))
    return s.st.to_json()


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("stop", [0, 1, 3, 5])
def test_resumed_game_ends_as_straight_through(mini, folder, seed, stop):
    want = _straight(mini, seed, seed + 100)
    rng = random.Random(seed + 100)
    s = play_turns(Session.new(mini, seed=seed), rng, stop)
    if s.ended:
        pytest.skip("the game ended before the save point")
    p = store.save_named(s, f"stop{stop}", folder)
    del s
    resumed, warnings = store.load_session(p)
    assert warnings == []
    play_turns(resumed, rng)
    assert resumed.st.to_json() == want


def test_saved_mid_briefing_resumes_exactly(mini, folder):
    """Saved after answering some cards of a turn (as a named save from the briefing can be)."""
    from game.sim.policies import RandomPolicy

    done = 0
    for seed, stop in [(s, t) for s in range(1, 30) for t in (0, 2, 3, 4)]:
        want = _straight(mini, seed, 7)
        rng = random.Random(7)
        s = play_turns(Session.new(mini, seed=seed), rng, stop)
        if s.ended or s.card is None or len(s.st.queue) + len(s.st.coming) < 2 or (stop == 0 and done):
            continue
        ev = s.card
        opts = [o for o in ev.options if s.option_availability(o).ok]
        s.choose(RandomPolicy().choose(s, ev, opts, rng))
        if s.ended:
            continue
        p = store.save_named(s, "mid", folder)
        assert replay.check(savefile.read(p), mini).ok
        resumed, _ = store.load_session(p)
        play_turns(resumed, rng)
        assert resumed.st.to_json() == want
        done += 1
        if done >= 3:
            return
    assert done, "no seed gave a briefing of two cards"


def test_replay_ok_and_autosaves_replay(mini, folder):
    s = Session.new(mini, seed=5)
    play_turns(s, random.Random(5), each_turn=lambda ss: store.autosave(ss, folder))
    for e in store.entries(folder):
        assert replay.check(savefile.read(e.path), mini).ok, e.name


def _tamper(p: Path, fn) -> None:
    d = json.loads(p.read_bytes())
    fn(d)
    p.write_text(json.dumps(d))


def test_replay_detects_tampering(mini, midgame, folder, capsys):
    p = store.save_named(midgame, "t", folder)
    _tamper(p, lambda d: d["state"]["values"].__setitem__(mini.index["treasury"], 99.0))
    sf = savefile.read(p)
    assert sf.edited
    v = replay.check(sf, mini)
    assert not v.ok and v.kind == "tampered" and "treasury" in v.message
    assert main(["replay", str(p)]) == 1
    err = capsys.readouterr().err
    assert "tampered" in err and str(p) in err
    # the tampered game still loads (it is a valid state), with a warning
    s, warnings = store.load_session(p)
    assert any("changed outside the game" in w for w in warnings)


def test_replay_tampered_choices(mini, midgame, folder):
    p = store.save_named(midgame, "t", folder)
    _tamper(p, lambda d: d["choices"][0].update(orders=[]))
    v = replay.check(savefile.read(p), mini)
    assert not v.ok and v.kind == "tampered"


def test_replay_edit_outside_state_is_genuine(mini, midgame, folder):
    p = store.save_named(midgame, "t", folder)
    _tamper(p, lambda d: d.update(summary="renamed by hand"))
    v = replay.check(savefile.read(p), mini)
    assert v.ok and "edited outside the game" in v.message


def test_replay_detects_engine_drift(mini, midgame, folder, monkeypatch, capsys):
    p = store.save_named(midgame, "d", folder)
    monkeypatch.setattr(Session, "_moves", lambda self: None)  # an engine that forgot the actors' moves
    v = replay.check(savefile.read(p), mini)
    assert not v.ok and v.kind == "drift" and "engine drift" in v.message
    assert main(["replay", str(p)]) == 1
    assert "engine drift" in capsys.readouterr().err


def test_replay_old_file_without_checksum(mini, midgame, folder):
    p = store.save_named(midgame, "o", folder)
    _tamper(p, lambda d: (d.update(checksum=""), d["state"]["values"].__setitem__(mini.index["treasury"], 99.0)))
    v = replay.check(savefile.read(p), mini)
    assert not v.ok and v.kind == "mismatch"


def test_cli_replay_ok(mini, midgame, folder, capsys):
    p = store.save_named(midgame, "ok", folder)
    assert main(["replay", str(p)]) == 0
    assert "the state matches" in capsys.readouterr().out


def test_cli_saves_lists(midgame, folder, capsys):
    store.save_named(midgame, "one", folder)
    (folder / "bad.json").write_text("{")
    assert main(["--saves-dir", str(folder), "saves"]) == 0
    out = capsys.readouterr().out
    assert "one: mini, turn 4" in out and "bad: unreadable" in out
    assert main(["--saves-dir", str(folder), "saves", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert {e["name"] for e in d["saves"]} == {"one", "bad"}


def test_cli_saves_fits_an_80_column_terminal(midgame, folder, capsys, monkeypatch):
    """Each save was one line of 140 to 170 characters, which an 80-column terminal broke anywhere. The
    name and game are a line; when it was saved and how it stands go below, wrapped between numbers."""
    monkeypatch.setenv("COLUMNS", "80")
    store.save_named(midgame, "pair 3 final", folder)
    (folder / "bad.json").write_text("{")
    assert main(["--saves-dir", str(folder), "saves"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    # (a line longer is only a path too long to break: the test's folder is deep)
    assert all(len(line) <= 80 or " " not in line.strip().rstrip(",") for line in lines), out
    first = next(i for i, line in enumerate(lines) if line.startswith("  pair 3 final: mini, turn 4, "))
    assert lines[first + 1].startswith("      saved ") and " · " in lines[first + 1]
    shown = " ".join(" ".join(lines[first + 1:]).split("  bad: ")[0].split())
    for item in savefile.summary_line(midgame).split(", "):  # each figure whole, however the lines break
        assert item in shown, (item, out)
    why = lines.index("  bad: unreadable") + 1  # the reason below, under the name
    assert lines[why].startswith("      ") and "bad.json: the save is truncated" in " ".join(" ".join(lines[why:why + 2]).split()), out


def test_old_file_without_slot_names_and_changed_content_refused(changed_mini, folder):
    """A format-0 file has no slot names; if the number of values changed, it cannot be matched."""
    with pytest.raises(store.LoadError, match="content changed too much"):
        store.load_session(V0, changed_mini)
    assert V0.exists()


def test_removed_scheduled_event_is_dropped_with_a_warning(mini, folder, midgame):
    sf = savefile.to_savefile(midgame)
    sf.state["scheduled"] = sf.state["scheduled"] + [[midgame.turn + 1, "mini.gone", 0, "test"]]
    s, warnings = savefile.restore_checked(sf, mini)
    assert any("mini.gone" in w for w in warnings)
    play_turns(s, random.Random(1))
    assert s.ended


def test_a_game_changed_in_developer_mode_says_so_on_replay(mini, folder, tmp_path, capsys):
    """Console commands and content reloads are recorded with the turn's choices; `ceasefire replay`
    then says the game was changed in developer mode, not that the engine drifted."""
    from game.dev import reload_content, run_command

    s = Session.new(mini, seed=5)
    play_turns(s, random.Random(5), turns=1)
    run_command(s, "set treasury 7")
    run_command(s, "show treasury")  # looks only: not recorded
    p = store.save_named(s, "dev", folder)
    sf = savefile.read(p)
    assert sf.choices[-1]["dev"] == ["set treasury 7"]
    verdict = replay.check(sf, mini)
    assert not verdict.ok and verdict.kind == "dev"
    assert f"turn {s.turn}: set treasury 7" in verdict.message and "drift" not in verdict.message
    assert main(["replay", str(p)]) == 1
    assert "developer mode changed this game" in capsys.readouterr().err
    # a reload of changed content is recorded too; a reload of the same content is not
    root = tmp_path / "mini"
    shutil.copytree(mini.root, root)
    s2 = Session.new(loader.load(root), seed=5)
    s2, _ = reload_content(s2)
    assert "dev" not in s2.st.choices[-1]
    ev = root / "events" / "random.toml"
    ev.write_text(ev.read_text().replace('title = "Budget debate"', 'title = "Budget fight"'))
    s2, _ = reload_content(s2)
    assert s2.st.choices[-1]["dev"] == ["reload"]


def test_the_content_hash_is_the_same_from_any_working_folder(mini, monkeypatch, tmp_path):
    """A debrief or class report run from another folder must not think the content changed."""
    here = loader.load(loader.resolve_scenario("basra_short")).content_hash
    outside = tmp_path / "elsewhere"
    shutil.copytree(Path(mini.root), outside)
    copy_here = loader.load(outside).content_hash
    monkeypatch.chdir(tmp_path)
    assert loader.load(loader.resolve_scenario("basra_short")).content_hash == here
    assert loader.load(Path(mini.root).resolve()).content_hash == mini.content_hash
    assert loader.load(outside).content_hash == copy_here
    monkeypatch.chdir(outside)
    assert loader.load(".").content_hash == copy_here


def test_planned_orders_come_back_with_the_game_and_bad_ones_are_dropped_with_a_warning(midgame, folder):
    """A game saved mid-turn keeps the orders planned but not yet given; one that no longer fits is said and dropped."""
    s = midgame
    while s.card is not None:  # the cards of this turn answered: orders next
        s.choose(next(o.id for o in s.card.options if s.option_availability(o).ok))
    p = store.save_named(s, "none", folder)
    assert "planned" not in json.loads(p.read_bytes())  # no planned orders: the key is left out
    order = s.open_orders()[0]
    savefile.planned_orders(s).append(order)
    p = store.save_named(s, "some", folder)
    d = json.loads(p.read_bytes())
    assert d["planned"] == [list(order)] and savefile.checksum_ok(p.read_bytes())
    resumed, warnings = store.load_session(p)
    assert savefile.planned_orders(resumed) == [order] and not warnings
    report = resumed.end_turn(list(savefile.planned_orders(resumed)))
    assert report.orders == [order]
    assert savefile.planned_orders(resumed) == []  # the next turn starts with none

    # the same order planned twice, and one that does not exist: the second copy and the unknown one go
    sf = savefile.read(p)
    sf.planned = [order, order, ("no_such_action", None)]
    back, warnings = savefile.restore_checked(sf, s.sc)
    assert savefile.planned_orders(back) == [order]
    assert len(warnings) == 2 and all("planned order" in w and "dropped" in w for w in warnings)


def test_load_screen_summary_shows_capital_as_the_game_does_not_rounded_up(mini):
    """The load list said 'Political capital 7' for a game whose screen said 6.9 (and 7 would buy a 7-capital order)."""
    s = Session.new(mini, seed=2)
    cap = mini.meta.capital
    s.st.values[mini.index[cap]] = 6.96
    line = savefile.summary_line(s)
    label = mini.metrics[cap].label
    assert f"{label} 6.9" in line and f"{label} 7" not in line
    s.st.values[mini.index[cap]] = 4.0
    assert f"{label} 4," in savefile.summary_line(s) + ","


def _mini_copy(tmp_path, name: str, edit) -> object:
    """A copy of the mini scenario with `edit(text)` applied to each of its .toml files, loaded."""
    root = tmp_path / name / "mini"
    shutil.copytree(Path(loader.__file__).resolve().parents[2] / "tests" / "data" / "mini", root)
    for p in root.rglob("*.toml"):
        p.write_text(edit(p.read_text()))
    return loader.load(root)


def test_a_replay_after_content_changed_only_its_words_says_the_game_plays_the_same(mini, folder, tmp_path):
    """A teacher who updates the game and replays last week's saves: a change of reasons' wording alone (the
    turn reports' words) was reported as 'the game now plays differently', with exit 1; the numbers, cards,
    choices and ending were all as saved. A change of a number is still a difference."""
    s = play_turns(Session.new(mini, seed=11), random.Random(5))
    assert s.ended
    sf = savefile.read(store.save_named(s, "finished", folder))
    assert any(c[7] for r in sf.state["reports"] for c in r["changes"])  # reasons are recorded, and compared

    reworded = _mini_copy(tmp_path, "reworded", lambda t: t.replace('why = "', 'why = "In short: '))
    v = replay.check(sf, reworded)
    assert v.ok and v.kind == "ok", v.message
    assert "only words of its turn reports differ" in v.message and "plays the same" in v.message

    renumbered = _mini_copy(tmp_path, "renumbered", lambda t: t.replace("[scenario.start]\ntreasury = 50",
                                                                         "[scenario.start]\ntreasury = 51"))
    assert renumbered.content_hash != reworded.content_hash
    v = replay.check(sf, renumbered)
    assert not v.ok and v.kind == "content", v.message
