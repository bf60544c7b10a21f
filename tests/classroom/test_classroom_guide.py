"""docs/classroom.md, read as a teacher reads it: the endings it quotes are called what the game, the
debrief and the class report call them, and its "what if" advice keeps the pair's first game."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

from game.cli import main
from game.content import loader

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "classroom.md"
ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


def test_the_guide_quotes_endings_by_their_titles():
    """A teacher matches the guide's words to the class report's chart of endings: an ending quoted with
    an article must be quoted with its own ('A fragile peace', not 'The fragile peace')."""
    text = GUIDE.read_text(encoding="utf-8")
    titles = {}
    for scenario in ("basra_short", "basra_2008"):
        for e in loader.load(scenario).endings:
            titles[ARTICLE.sub("", e.model.title).lower()] = e.model.title
    quoted = re.findall(r'"([^"\n]{3,60})"', text)
    checked = 0
    for q in quoted:
        title = titles.get(ARTICLE.sub("", q).lower())
        if title is None:
            continue
        checked += 1
        if ARTICLE.match(q):
            assert q.lower() == title.lower(), f'the guide quotes "{q}"; the ending is called "{title}"'
    assert checked >= 5, quoted


def test_the_guide_tells_a_branch_to_take_its_own_name():
    """A branch (`play --load SAVE --turn N`) is a game of its own: its end never replaces the save it
    came from (tests/ui/test_branch_saves.py). Unnamed, it shows in the class report by its game id, so
    the guide says to name it at once, where it suggests the branch, and that the first game is kept."""
    text = GUIDE.read_text(encoding="utf-8")
    assert "--turn N" in text
    at = text.index('**A "what if" branch is a game of its own**')
    advice = text[at:text.index("**", at + 50)]
    assert "press `s`" in advice and "whatif" in advice and "never replaces" in advice
    play_row = next(line for line in text.splitlines() if "--turn N" in line and "**Play**" in line)
    assert "its own name" in play_row


def test_the_guide_says_where_a_terminal_players_saves_are():
    """Pairs who play in a terminal copy their saves to the teacher; the Collect step said only "copy
    their save files", not where the game keeps them. `ceasefire saves` prints that folder: the guide
    must name it there, and it must really print the folder."""
    text = GUIDE.read_text(encoding="utf-8")
    collect = next(line for line in text.splitlines() if "**Collect**" in line)
    assert "`ceasefire saves`" in collect and "amal-and-ben.json" in collect
    folder = os.environ["CEASEFIRE_SAVES"]
    os.makedirs(folder, exist_ok=True)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["saves"]) == 0
    assert folder in out.getvalue()


def test_the_lesson_plan_and_the_debrief_section_agree_on_the_five_minute_debrief():
    """The plan's pair debrief (five minutes) sent pairs to the timeline and the reactions, which the
    Debriefs section keeps for a longer follow-up or homework; both now name the same sections, and the
    sections the plan names are the debrief's own titles."""
    from game.content import loader
    from game.debrief.model import SECTIONS, history_year

    text = GUIDE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "**Pair debrief**" in line)
    year = history_year(loader.load("basra_2008"))  # the guide's lessons play the shipped campaign
    titles = {sid: title.format(year=year) for sid, title in SECTIONS}
    for sid in ("ending", "history", "notes"):
        assert sid in titles
    assert f'"{titles["ending"]}"' in row and f'"{titles["history"]}"' in row and "discussion prompts" in row
    assert "homework" in row and "the timeline, the reactions" not in row
    later = text[text.index("## Debriefs"):]
    assert f'"{titles["ending"]}"' in later and f'"{titles["history"]}"' in later


def test_the_teachers_trial_game_stays_out_of_the_class_folder():
    """The guide has the teacher try the class code before the lesson; played into the saves folder the
    class then uses, that trial is one more unfinished game of the class in the report. The guide's
    command keeps it in a folder of its own, and the real command line takes it so."""
    from game.cli import build_parser

    text = GUIDE.read_text(encoding="utf-8")
    step = text[text.index("4. **Try it yourself**"):text.index("5. **Print or share")]
    m = re.search(r"`ceasefire (play --code CODE --saves-dir ([\w-]+))`", step)
    assert m, step[:300]
    args = build_parser().parse_args(m.group(1).replace("CODE", "HVR00-01YR4").split())
    assert args.code == "HVR00-01YR4" and args.saves_dir == m.group(2)
    assert "class report" in step
