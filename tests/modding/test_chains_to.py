"""[remove] chains_to: a mod (or a scenario that extends another) that leaves an event out can drop the
chains that lead to it, instead of copying every card that chains there only to delete one line.

Real TOML in tmp_path, the real command line and loader, on the test scenario (tests/data/mini), where
the option mini.opening/wait chains to the triggered-only event mini.envoy."""

from __future__ import annotations

from pathlib import Path

from game.cli import main
from game.content import loader
from tests.conftest import MINI


def _mod(tmp_path: Path, remove: str) -> Path:
    folder = tmp_path / "short_mod"
    folder.mkdir()
    (folder / "remove.toml").write_text("# leave the envoy out\n[remove]\n" + remove, "utf-8")
    return folder


def _run(capsys, command: str, mod: Path) -> tuple[int, list[str]]:
    code = main([command, str(MINI), "--no-mods", "--mod", str(mod)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, [ln for ln in (out.out + out.err).splitlines() if ": error: " in ln or ": warning: " in ln]


def _wait(sc):
    return next(o for o in sc.events["mini.opening"].options if o.id == "wait")


def test_removing_a_chained_event_with_its_chains_loads_and_the_card_keeps_everything_else(tmp_path, capsys):
    mod = _mod(tmp_path, 'event = ["mini.envoy"]\nchains_to = ["mini.envoy"]\n')
    code, lines = _run(capsys, "validate", mod)
    assert code == 0, lines
    assert not [ln for ln in lines if "envoy" in ln or "chain" in ln], lines
    sc = loader.load(MINI, [mod])
    assert "mini.envoy" not in sc.events
    assert _wait(sc).chains == ()
    base = loader.load(MINI)
    assert [ch.event for ch in _wait(base).chains] == ["mini.envoy"]
    assert [o.id for o in sc.events["mini.opening"].options] == [o.id for o in base.events["mini.opening"].options]
    attack = sc.events["mini.opening"].options[0]
    assert [ch.event for ch in attack.chains] == ["mini.first_week"]  # a chain elsewhere stays


def test_without_chains_to_the_removal_is_still_an_error_at_the_chain(tmp_path, capsys):
    code, lines = _run(capsys, "validate", _mod(tmp_path, 'event = ["mini.envoy"]\n'))
    assert code == 1
    assert any(ln.startswith("tests/data/mini/events/crisis.toml:23:") and "was removed by" in ln for ln in lines), lines


def test_an_id_no_chain_leads_to_is_a_warning_at_its_line(tmp_path, capsys):
    mod = _mod(tmp_path, 'event = ["mini.envoy"]\nchains_to = ["mini.envoy", "mini.envoi"]\n')
    code, lines = _run(capsys, "validate", mod)
    assert code == 0
    ours = [ln for ln in lines if "remove.toml" in ln]
    assert len(ours) == 1, lines
    assert "remove.toml:4:28: warning: remove.chains_to[1]: no chain or schedule effect leads to 'mini.envoi'" in ours[0]
    assert "check the event id" in ours[0]


def test_a_chains_to_id_that_is_not_text_is_an_error(tmp_path, capsys):
    code, lines = _run(capsys, "validate", _mod(tmp_path, 'chains_to = [3]\n'))
    assert code == 1
    assert any("remove.toml:3:14: error: remove.chains_to[0]: event ids in chains_to must be text" in ln
               for ln in lines), lines


def test_lint_reads_the_game_without_the_dropped_chains(tmp_path, capsys):
    """Keeping the envoy but dropping the only chain to it leaves a triggered-only card nothing
    brings: lint says so (it read the chain as written before)."""
    code, lines = _run(capsys, "lint", _mod(tmp_path, 'chains_to = ["mini.envoy"]\n'))
    assert any("never-triggered" in ln and "mini.envoy" in ln for ln in lines), lines


def test_chains_to_drops_a_schedule_effect_too(tmp_path, capsys):
    """The option mini.crisis/pull_back schedules mini.purge with a `schedule` effect, not a `chain` key:
    leaving the purge out with chains_to drops that effect as well, and keeps the option's others."""
    remove = 'event = ["mini.purge"]\nreaction = ["coalition.on_purge"]\nchains_to = ["mini.purge"]\n'
    code, lines = _run(capsys, "validate", _mod(tmp_path, remove))
    assert code == 0 and not lines, lines
    sc = loader.load(MINI, [tmp_path / "short_mod"])
    base = loader.load(MINI)

    def pull_back(scenario):
        option = next(o for e in scenario.events.values() for o in e.options if o.id == "pull_back")
        return [(op.kind, op.name) for op in option.ops]

    assert ("schedule", "mini.purge") in pull_back(base)
    assert pull_back(sc) == [k for k in pull_back(base) if k != ("schedule", "mini.purge")]
    assert pull_back(sc)  # the option's other effects stay
    (tmp_path / "again").mkdir()
    code, lines = _run(capsys, "validate", _mod(tmp_path / "again", 'event = ["mini.purge"]\nreaction = ["coalition.on_purge"]\n'))
    assert code == 1 and any("crisis.toml:61:" in ln and "mini.purge" in ln for ln in lines), lines
