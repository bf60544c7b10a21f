"""A teacher's variant that extends the campaign with fewer turns: lint reports the campaign's events
that come after its last turn. Their files are the campaign's, not the variant's to edit, so the fix
says to leave them out with [remove] in the variant; followed literally, lint has nothing left to say."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from game.content.lint import lint

ROOT = Path(__file__).resolve().parents[2]


def _variant(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content" / "scenarios" / "basra_2008", tmp_path / "basra_2008")
    lesson = tmp_path / "lesson"
    lesson.mkdir()
    (lesson / "scenario.toml").write_text(
        '[scenario]\nid = "lesson"\nextends = "basra_2008"\nname = "Basra in twelve turns"\n'
        "turns = 12\nstart_date = 2008-03-25\n\n[scenario.start]\ncapital = 20\n", "utf-8")
    return lesson


def test_an_event_past_the_variants_last_turn_is_to_be_removed_in_the_variant(tmp_path):
    lesson = _variant(tmp_path)
    warnings = lint(lesson).warnings
    shoe = next(p for p in warnings if "min_turn 19" in p.message)
    assert shoe.code == "never-eligible" and shoe.file.endswith("us.toml")
    assert "basra_2008's (the scenario this one extends)" in shoe.fix and "use a turn from" not in shoe.fix
    assert 'event = ["us.shoe_thrower"]' in shoe.fix
    vote = next(p for p in warnings if "'us.sofa_vote'" in p.message)
    assert vote.code == "never-triggered"
    assert '[remove] event = ["us.sofa_vote"] ' in vote.fix and 'chains_to = ["us.sofa_vote"]' in vote.fix
    assert "shorten the delay" not in vote.fix


def test_the_fixes_followed_literally_leave_no_warning(tmp_path):
    lesson = _variant(tmp_path)
    warnings = lint(lesson).warnings
    assert len(warnings) >= 5
    events, chains = [], []
    for p in warnings:
        events += re.findall(r'\[remove\] event = \["([^"]+)"\]', p.fix)
        chains += re.findall(r'chains_to = \["([^"]+)"\]', p.fix)
    assert len(events) == len(warnings)  # every warning said what to remove
    (lesson / "remove.toml").write_text(
        "[remove]\nevent = [" + ", ".join(f'"{e}"' for e in events) + "]\n"
        "chains_to = [" + ", ".join(f'"{e}"' for e in chains) + "]\n", "utf-8")
    result = lint(lesson)
    assert result.errors == [] and result.warnings == []


def test_the_campaigns_own_finding_keeps_its_own_fix(tmp_path):
    """Without extends, an event after the last turn is the scenario's own: its fix is unchanged."""
    shutil.copytree(ROOT / "content" / "scenarios" / "basra_2008", tmp_path / "basra_2008")
    scen = tmp_path / "basra_2008" / "scenario.toml"
    scen.write_text(re.sub(r"(?m)^turns = 24$", "turns = 12", scen.read_text("utf-8")), "utf-8")
    shoe = next(p for p in lint(tmp_path / "basra_2008").warnings if "min_turn 19" in p.message)
    assert shoe.fix == "use a turn from 1 to 12"
