"""`ceasefire new`: every stub validates as written, and refuses to overwrite or to take a bad name."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from game.cli import main
from game.content.loader import check
from game.content.stubs import new_action, new_event, new_scenario
from game.errors import CeasefireError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


def errors_of(path, mods=()):
    _, problems = check(path, list(mods))
    return [p.format() for p in problems if p.severity == "error"], [p.format() for p in problems if p.severity == "warning"]


def test_event_and_action_stubs_validate_as_a_mod(tmp_path):
    mod = tmp_path / "mymod"
    ev = new_event("mymod.strike", mod, scenario=str(MINI))[0]
    act = new_action("rally", mod, scenario=str(MINI))[0]
    assert ev == mod / "events" / "strike.toml" and act == mod / "actions" / "rally.toml"
    errors, warnings = errors_of(MINI, [mod])
    assert errors == [] and warnings == []
    text = ev.read_text()
    assert text.startswith("#:schema ") and "treasury" in text  # an example named from the scenario
    sc, _ = check(MINI, [mod])
    assert "mymod.strike" in sc.events and "rally" in sc.actions


def test_scenario_stub_validates_lints_and_plays(tmp_path, capsys):
    paths = new_scenario("island", tmp_path)
    root = tmp_path / "island"
    assert (root / "scenario.toml") in paths
    assert errors_of(root) == ([], [])
    assert main(["lint", str(root), "--strict"]) == 0
    assert main(["simulate", "--scenario", str(root), "--games", "5"]) == 0


def test_cli_new_writes_and_refuses_to_overwrite(tmp_path, capsys):
    assert main(["new", "event", "mymod.vote", "--dir", str(tmp_path)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["new", "event", "mymod.vote", "--dir", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "event", "mymod.vote", "--dir", str(tmp_path), "--force"]) == 0
    out = tmp_path / "one.toml"
    assert main(["new", "action", "vote", "--out", str(out)]) == 0
    assert tomli.loads(out.read_text())["action"][0]["id"] == "vote"


@pytest.mark.parametrize("kind, name", [("event", "NoNamespace"), ("event", "strike"), ("action", "Bad-Name"), ("scenario", "a b")])
def test_bad_names_are_refused_with_a_suggestion(tmp_path, kind, name):
    fn = {"event": new_event, "action": new_action, "scenario": new_scenario}[kind]
    with pytest.raises(CeasefireError) as exc:
        fn(name, tmp_path)
    assert "e.g." in str(exc.value) or "lower-case" in str(exc.value)


def test_new_in_an_installed_mod_says_no_mod_option_is_needed(tmp_path, capsys, monkeypatch):
    mods = tmp_path / "mods"
    monkeypatch.setenv("CEASEFIRE_MODS", str(mods))
    folder = mods / "basra_2008" / "my_first_mod"
    assert main(["new", "event", "water.salt", "--dir", str(folder), "--scenario", "basra_2008"]) == 0
    out = capsys.readouterr().out
    assert "next: edit it, then ceasefire validate basra_2008 (the mod is installed" in out and " --mod mods" not in out and "no --mod needed" in out
    elsewhere = tmp_path / "elsewhere"
    assert main(["new", "event", "water.salt", "--dir", str(elsewhere), "--scenario", "basra_2008"]) == 0
    assert f"--mod {elsewhere}" in capsys.readouterr().out


def test_a_namespaced_action_id_is_told_that_actions_have_no_dot(tmp_path):
    with pytest.raises(CeasefireError) as exc:
        new_action("water.desalination", tmp_path)
    assert "'water_desalination'" in str(exc.value) and "no namespace dot" in str(exc.value)


def test_new_refuses_an_id_the_mod_already_defines_elsewhere(tmp_path, capsys):
    """`new event` with an id already in another file of the mod wrote a duplicate without a word."""
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "mine.toml").write_text('# mine\n\n[[event]]\nid = "mymod.vote"\ntitle = "A vote"\n')
    assert main(["new", "event", "mymod.vote", "--dir", str(tmp_path), "--out", str(tmp_path / "other.toml")]) == 1
    err = capsys.readouterr().err
    assert f"event 'mymod.vote' is already defined at {tmp_path / 'events' / 'mine.toml'}:4" in err
    assert not (tmp_path / "other.toml").exists()


def test_new_in_a_scenario_folder_validates_the_scenario_not_a_mod_of_itself(tmp_path, capsys, monkeypatch):
    new_scenario("island", tmp_path)
    capsys.readouterr()
    root = tmp_path / "island"
    monkeypatch.chdir(tmp_path)
    assert main(["new", "event", "island.curfew", "--dir", "island"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "next: edit it, then ceasefire validate island", out
    assert "Invented for this scenario." in (root / "events" / "curfew.toml").read_text()
    monkeypatch.chdir(root / "events")
    assert main(["new", "action", "island_patrol", "--out", "patrol.toml"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "next: edit it, then ceasefire validate .."
    assert errors_of(root) == ([], [])


def test_new_run_in_the_events_or_actions_folder_writes_there_not_in_a_folder_below(tmp_path, capsys, monkeypatch):
    """Run from inside events/ (the folder it names by default) or with --dir actions, the stub went
    to events/events/curfew.toml and actions/actions/...: loaded all the same, but not where asked."""
    new_scenario("island", tmp_path)
    root = tmp_path / "island"
    monkeypatch.chdir(root / "events")
    assert main(["new", "event", "island.curfew"]) == 0
    assert (root / "events" / "curfew.toml").is_file() and not (root / "events" / "events").exists()
    monkeypatch.chdir(root)
    assert main(["new", "action", "island_patrol", "--dir", "actions"]) == 0
    assert (root / "actions" / "island_patrol.toml").is_file() and not (root / "actions" / "actions").exists()
    capsys.readouterr()
    assert errors_of(root) == ([], [])


def test_new_in_a_scenario_outside_the_working_folder_names_it_in_full(tmp_path, capsys, monkeypatch):
    """'next: ... validate ../../tmp/town' (a path climbing out of the working folder) is now the
    scenario's own path."""
    new_scenario("island", tmp_path / "elsewhere")
    (tmp_path / "here" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "here" / "deep")
    capsys.readouterr()
    root = tmp_path / "elsewhere" / "island"
    assert main(["new", "event", "island.curfew", "--dir", str(root)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"next: edit it, then ceasefire validate {root.resolve()}"


def _uncomment_examples(path: Path) -> None:
    """Uncomment the stub's example changes and reactions, as a modder trying them out would."""
    lines = []
    for ln in path.read_text().splitlines():
        if ln.lstrip().startswith(("# { add", "# reactions")):
            ln = ln.replace("# ", "", 1)
        lines.append(ln)
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("broken", [False, True], ids=["loads", "has-an-error"])
def test_stubs_written_into_a_new_scenario_name_that_scenarios_metrics_and_actors(broken, tmp_path, capsys, monkeypatch):
    """The examples named the campaign's 'cohesion' and 'sadrists', which a scenario of one's own does
    not have: uncommented, they failed validate. They name the scenario's own, also while another of
    its files still has an error (so it does not load)."""
    new_scenario("island", tmp_path)
    root = tmp_path / "island"
    if broken:  # a slip elsewhere in the scenario, being written
        ending = root / "endings.toml"
        ending.write_text(ending.read_text().replace("[[ending]]", "[[ending]]\nwieght = 2", 1))
        assert errors_of(root)[0]
    monkeypatch.chdir(tmp_path)
    assert main(["new", "event", "island.curfew", "--dir", "island"]) == 0
    assert main(["new", "action", "island_patrol", "--dir", "island"]) == 0
    capsys.readouterr()
    stubs = [root / "events" / "curfew.toml", root / "actions" / "island_patrol.toml"]
    for stub in stubs:
        text = stub.read_text()
        assert "cohesion" not in text and "sadrists" not in text, text
        assert "support" in text and "opposition" in text  # the new scenario's own metric and actor
        _uncomment_examples(stub)
    if broken:
        ending.write_text(ending.read_text().replace("wieght = 2\n", ""))
    assert errors_of(root) == ([], [])


def test_a_stub_says_at_its_top_how_to_check_it_where_it_was_written(tmp_path, capsys, monkeypatch):
    """Its first lines said 'add --mod MODDIR' also in a scenario's own folder, where --mod is wrong."""
    new_scenario("island", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["new", "event", "island.curfew", "--dir", "island"]) == 0
    assert main(["new", "event", "mymod.strike", "--dir", "mymod", "--scenario", str(MINI)]) == 0
    out = capsys.readouterr().out
    own = (tmp_path / "island" / "events" / "curfew.toml").read_text()
    assert "# A new event card. Check it with `ceasefire validate island` and `ceasefire lint island`.\n" in own
    assert "--mod" not in own
    mod = (tmp_path / "mymod" / "events" / "strike.toml").read_text()
    assert f"`ceasefire validate {MINI} --mod mymod`" in mod and f"`ceasefire lint {MINI} --mod mymod`" in mod
    assert out.splitlines()[-1] == f"next: edit it, then ceasefire validate {MINI} --mod mymod"


def test_a_mod_folder_with_a_space_is_quoted_in_the_command_to_run_next(tmp_path, capsys, monkeypatch):
    """`new event ... --dir "my mod"` printed `--mod my mod`, which, pasted, passed 'my' as the mod and 'mod' as
    a stray argument. The command is printed (and written at the stub's top) as it must be typed."""
    import shlex
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    assert main(["new", "event", "mymod.strike", "--dir", "my mod", "--scenario", str(MINI)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == f'next: edit it, then ceasefire validate {MINI} --mod "my mod"', last
    assert f'`ceasefire validate {MINI} --mod "my mod"`' in (tmp_path / "my mod" / "events" / "strike.toml").read_text()
    argv = shlex.split(last.partition("then ")[2])  # as a shell reads it: the stub validates
    run = subprocess.run([sys.executable, "-m", "game", *argv[1:]], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("ok:"), run.stdout + run.stderr
