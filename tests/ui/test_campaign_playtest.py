"""Found playing the whole basra_2008 campaign at 80x24 and 120x40, hard-line and conciliatory."""

from __future__ import annotations

from textual.widgets import OptionList

from game.ui.app import CeasefireApp

from .helpers import past_briefing, settle, sync
from .test_ui_polish import lines_of


async def preview_of(pilot, event_id: str, option_id: str) -> list[str]:
    """The preview lines of `option_id` on the card `event_id`, shown now."""
    app = pilot.app
    app.session.st.queue.insert(0, event_id)
    card = app.screen
    card.show_card()
    await settle(pilot)
    ol = card.query_one("#card-options", OptionList)
    ol.highlighted = next(i for i in range(ol.option_count) if ol.get_option_at_index(i).id == option_id)
    await settle(pilot)
    lines = lines_of(card.query_one("#card-preview"))
    app.session.st.queue.remove(event_id)
    return lines


@sync
async def test_the_other_side_of_a_roll_said_above_reads_otherwise(tmp_path):
    """'Sadr threatens open war', carry on: under '? If the freeze holds (57% chance now):' came '? Unless
    the freeze holds (43% chance):', which read as if the freeze had a 43% chance. The other side of a
    roll whose 'If' is said above it reads 'Otherwise (43% chance):', and an effect of its own
    '(otherwise: 28% chance)'."""
    app = CeasefireApp(scenario="basra_2008", seed=5, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_briefing(pilot)
        lines = await preview_of(pilot, "sadr.ceasefire_threat", "call_bluff")
        joined = "\n".join(lines)
        heads = [line for line in lines if line.startswith("? ")]
        assert heads[0].startswith("? If the freeze holds ("), joined
        assert heads[1].startswith("? Otherwise (") and heads[1].endswith("% chance):"), joined
        assert "Unless" not in joined, joined
        lines = await preview_of(pilot, "sg.deadly_attack", "joint_raids")
        joined = " ".join(" ".join(lines).split())
        assert "If the cell is broken (" in joined, joined
        assert "(otherwise: " in joined and "unless the cell is broken" not in joined, joined


@sync
async def test_the_metrics_heading_says_what_their_down_arrow_means(tmp_path):
    """The ' ↓' after Iranian influence's chart (low is good) read, at 80x24 and 120x40 alike, as the
    '↓ more below' of the panels that scroll; the help alone said what it meant. The panel's heading says
    it, in 80 columns, as does the end screen's 'Where things stood'."""
    from game.ui.screens.end import EndScreen

    from .helpers import answer_cards

    app = CeasefireApp(scenario="basra_2008", seed=5, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        game = await answer_cards(pilot)
        panel = game.query_one("#metrics")
        assert str(panel.border_title) == "National picture · ↓ low is good"
        # whole on the border: '╭─ ' title ' ─╮'
        assert len(str(panel.border_title)) + 6 <= panel.outer_size.width, panel.outer_size
        assert any(line.rstrip().endswith("↓") for line in lines_of(panel) if "Iranian influence" in line)
        app.session.st.ended = True
        app.push_screen(EndScreen())
        await settle(pilot)
        text = " ".join(" ".join(lines_of(app.screen.query_one("#end"))).split())
        assert "Where things stood (↓ low is good)" in text, text


@sync
async def test_the_actors_tab_shows_who_moved_last_turn(tmp_path):
    """The actors tab gave bare values ('Stance −65'): a player could not see who was moving without the
    history charts. A value the last turn moved shows its change beside it, as the national numbers do."""
    from game.numbers import whole, whole_signed, whole_step

    from .helpers import answer_cards, end_turn

    app = CeasefireApp(scenario="basra_2008", seed=5, saves_dir=str(tmp_path), direct=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_cards(pilot)
        await end_turn(pilot)  # the turn report
        await pilot.press("escape")
        game = await answer_cards(pilot)
        await pilot.press("a")
        await settle(pilot)
        st, sc = app.session.st, app.session.sc
        shown = " ".join(str(game.query_one("#actor-list").render()).split())
        expected, still = [], []
        for aid, a in sc.actors.items():
            for attr, rng in ([] if a.player else a.attributes.items()):
                i = sc.index[f"{aid}.{attr}"]
                v, change = st.values[i], whole_step(st.history[-2][i], st.values[i])
                said = f"{rng.label or attr} {whole_signed(v) if attr == 'stance' else whole(v)}"
                (still if change == "±0" else expected).append(said + ("" if change == "±0" else f" ({change})"))
        assert expected, "turn 1 moved no actor"
        for said in expected:
            assert said in shown, (said, shown)
        for said in still:  # what did not move has no change beside it
            assert f"{said} (" not in shown, (said, shown)
