"""One order given in two regions in a turn reads apart in the report: each change it causes names the
region ("(order offensive, Basra)"), where both once read "(order offensive)". The region is kept in
saves; a save from before (changes without it) still replays, the region being words for display."""

from __future__ import annotations

import json

import pytest

from game.content import loader
from game.engine.session import Session
from game.saves import replay, savefile, store
from game.ui.screens.report import render_report

TWO = [("offensive", "north"), ("offensive", "basra")]


@pytest.fixture(scope="module")
def campaign():
    return loader.load(loader.resolve_scenario("basra_2008"))


def _two_offensives(sc, seed: int = 3) -> Session:
    s = Session.new(sc, seed=seed)
    while s.card is not None:  # answer the briefing's cards with their first open option
        s.choose(s.open_options(s.card)[0].id)
    s.end_turn(TWO)
    return s


def test_the_report_names_the_region_of_each_order(campaign):
    s = _two_offensives(campaign)
    report = s.st.reports[-1]
    text = render_report(s, report, 100).plain
    ledger = text.split("(cause and why)\n", 1)[1]
    cost = "the cost of 'Launch an Iraqi-led operation'"
    assert f"{cost} (order offensive, North)" in " ".join(ledger.split())
    assert f"{cost} (order offensive, Basra)" in " ".join(ledger.split())
    assert "(order offensive)" not in ledger
    assert {c.where for c in report.changes if c.cause == "order"} == {"North", "Basra"}


def test_the_region_survives_a_save_and_the_game_replays(campaign, tmp_path):
    s = _two_offensives(campaign)
    p = store.save_named(s, "two", tmp_path)
    sf = savefile.read(p)
    assert sf.state == s.st.to_json()
    assert {c[9] for c in sf.state["reports"][-1]["changes"] if c[5] == "order"} == {"North", "Basra"}
    assert replay.check(sf, campaign).ok


def test_a_save_from_before_regions_were_kept_still_replays(campaign, tmp_path):
    s = _two_offensives(campaign)
    sf = savefile.to_savefile(s)
    for r in sf.state["reports"]:  # as saves were written before: nine fields a change
        r["changes"] = [c[:9] for c in r["changes"]]
    p = tmp_path / "old.json"
    p.write_bytes(savefile.encode(sf))
    old = savefile.read(p)
    assert all(len(c) == 9 for r in old.state["reports"] for c in r["changes"])
    verdict = replay.check(old, campaign)
    assert verdict.ok, verdict.message
    assert json.loads(p.read_text())["format"] == savefile.FORMAT
