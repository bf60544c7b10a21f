"""The preview's arrows and wording, found playing the whole basra_2008 campaign by keys
at 80x24 (and a second game at 120x40), and fixed."""

from __future__ import annotations

from game.ui.app import CeasefireApp

from .helpers import past_briefing, sync
from .test_campaign_playtest import preview_of


# ---------------------------------------------------------------- the preview's arrows

@sync
async def test_the_same_change_shown_gets_the_same_arrows(tmp_path):
    """Turn 2, 'The general reports to Congress', option 1 read 'US commitment ▲ +4' two lines above
    'United States patience ▲▲ +4': the commitment's +4 was 3.999999999999993 (62.6 + 4 − 62.6), under the
    4% of its range that makes two arrows, and written whole as +4. The arrows now go by the number the
    player reads, so the same '+4' on the same 0..100 range has the same arrows."""
    app = CeasefireApp(scenario="basra_2008", seed=471306, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        sc, st = app.session.sc, app.session.st
        st.values[sc.index["us_commitment"]] = 62.6  # + 4 - 62.6 = 3.999999999999993
        st.values[sc.index["united_states.patience"]] = 50.0
        lines = await preview_of(pilot, "us.petraeus_testimony", "praise_progress")
        commitment = next(line for line in lines if line.startswith("• US commitment"))
        patience = next(line for line in lines if line.startswith("• United States patience"))
        assert commitment.split()[3:5] == ["▲▲", "+4"], lines
        assert patience.split()[4:6] == ["▲▲", "+4"], lines


# ---------------------------------------------------------------- the briefing, closed at once

@sync
async def test_the_briefing_closed_before_it_is_measured_does_not_crash(tmp_path):
    """The briefing measures itself after its first refresh (_fit, then _hint: '↓ reads on' only when it
    scrolls). Enter pressed at once (a busy machine: it happened in the suite run beside a game) closed
    it first, and the late _hint asked for '#briefing-sub' on a screen already taken down: NoMatches, and
    the app crashed. Both now do nothing once the briefing is gone."""
    from game.ui.screens.dialogs import BriefingScreen

    from .helpers import settle

    app = CeasefireApp(scenario="basra_2008", seed=471306, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):
            if isinstance(app.screen, BriefingScreen):
                break
            await pilot.pause()
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, BriefingScreen)
        briefing._fit()  # the callbacks queued before Enter, run late
        briefing._hint()
        await settle(pilot)
        assert app.is_running and app.session is not None


# ---------------------------------------------------------------- a status the game has already

@sync
async def test_a_status_already_held_reads_still_not_now(tmp_path):
    """Turn 12, 'The Supreme Council breaks ranks', option 3 (reconcile) read 'now: the Supreme Council
    stays in the coalition', as if it had left; it never had (the actors tab said 'in coalition'). A status
    the game has already reads 'still: ...'; option 1, which ends it, still reads 'no longer: ...'."""
    app = CeasefireApp(scenario="basra_2008", seed=471306, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        st = app.session.st
        st.flags["supreme_council.in_coalition"] = 1
        st.values[app.session.sc.capital_slot] = 20.0  # reconciling costs 4
        lines = await preview_of(pilot, "coalition.council_breaks", "reconcile")
        assert "• still: the Supreme Council stays in the coalition" in lines, lines
        assert not any(line.startswith("• now:") for line in lines), lines
        lines = await preview_of(pilot, "coalition.council_breaks", "own_list")
        assert "• no longer: the Supreme Council stays in the coalition" in lines, lines
        del st.flags["supreme_council.in_coalition"]  # had it left, reconciling brings it back
        lines = await preview_of(pilot, "coalition.council_breaks", "reconcile")
        assert "• now: the Supreme Council stays in the coalition" in lines, lines


def test_a_status_that_says_still_is_not_given_a_second_still():
    """The Sadrists' status reads 'the Sadrist deputies still vote with the coalition': held already and
    set again it is said as it is, not 'still: the Sadrist deputies still vote ...'."""
    from game.words import flag_change

    label = "the Sadrist deputies still vote with the coalition"
    assert flag_change(label, True, already=True) == label
    assert flag_change(label, True) == "now: " + label
    assert flag_change(label, False, already=True) == "no longer: " + label
    assert flag_change("the Supreme Council stays in the coalition", True, True) == (
        "still: the Supreme Council stays in the coalition")
