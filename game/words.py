"""Small helpers for the words the game prints (no Textual, no Rich: the engine, the debrief and the
interface use them alike)."""

from __future__ import annotations

import math
import re
import shlex
import shutil
import textwrap
import unicodedata

LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def clean(s: object) -> str:
    """Content text made safe to show: control characters removed (newlines kept)."""
    s = "" if s is None else str(s)
    if s.isprintable():  # the common case, checked in C: no Cc or Cf character (nor tab, CR, newline)
        return s
    s = s.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in s and all(part.isprintable() for part in s.split("\n")):
        return s
    return "".join(ch for ch in s if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf"))


def _letters(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def link_words(cid: str, words: str | None, codex) -> str:
    """What a link shows: its own words ([[id|words]]); for a bare [[id]], the codex entry's name when
    the id spells it ('muqtada_al_sadr' -> 'Muqtada al-Sadr', 'surge' for 'The surge'), else its whole
    title; an id that names no entry as it is. `codex`: id -> entry (anything else: no titles)."""
    if words is not None:
        return clean(words).strip()
    entry = codex.get(cid) if hasattr(codex, "get") else None
    if entry is None or not entry.title:
        return cid
    title = clean(entry.title).strip()
    short = re.sub(r"^[A-Z][a-z]+: ", "", title)  # 'Dynamic: the balloon'
    short = re.sub(r"^(the|a|an) ", "", short, flags=re.IGNORECASE)
    return short if _letters(short) == _letters(cid) else title


def flag_change(label: str, on: bool, already: bool = False) -> str:
    """A flag set or cleared, as the players read it: 'now: offensive begun', 'Sadrists no longer: in
    coalition' (`label` as Scenario.flag_label gives it). Flags are statuses (the actors panel lists them,
    the debrief says 'Standing now:'): the words say a status begins or ends, not that a flag is 'set'.
    `already`: a status set that holds before the change (a preview): 'still: ...' ('now: the Supreme
    Council stays in the coalition' read as news on a card where it had never left)."""
    owner, sep, words = label.rpartition(": ")
    if on and already and "still" in words.lower().split():  # 'the Sadrist deputies still vote with the coalition'
        return label  # says it itself ('still: the Sadrist deputies still vote ...' said it twice)
    verb = "still" if on and already else "now" if on else "no longer"
    return f"{owner} {verb}: {words}" if sep else f"{verb}: {label}"


def names_actor(who: str, label: str) -> int:
    """How many of a move's first characters name its actor ('The Kurds' of 'The Kurds back the state's
    authority' for 'Kurds': 9), else 0: a label that names its actor needs no 'Kurds: ' before it."""
    the = 4 if label[:4].lower() == "the " else 0
    head = label[the:]
    named = bool(who) and head[:len(who)].lower() == who.lower() and not head[len(who):len(who) + 1].isalpha()
    return the + len(who) if named else 0


def move_line(who: str, label: str) -> str:
    """An actor's move as reports list it: 'Iran offers to mediate', 'Insurgents: A car bomb in Baghdad'."""
    return label if names_actor(who, label) else f"{who}: {label}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 turn', '2 turns', '0 turns'; `many` for an irregular plural."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def joined(items, last: str = "and") -> str:
    """'6', '6 and 9', '2, 6 and 9' (with last='or': '2, 6 or 9')."""
    items = [str(x) for x in items]
    return f"{', '.join(items[:-1])} {last} {items[-1]}" if len(items) > 1 else "".join(items)


def amount(x: float) -> str:
    """A budget as a player counts it: whole when it is whole, else to one decimal rounded down
    (6.96 -> '6.9'), so that 'costs 7; 6.9 left' never shows as 'costs 7; 7 left'."""
    r = round(x)
    if abs(x - r) < 1e-6:
        return str(int(r))
    down = math.floor(x * 10 + 1e-9) / 10
    return str(int(down)) if down == int(down) else f"{down:.1f}"


def day(d, long: bool = False) -> str:
    """A date as the game writes it: '8 Apr 2008' ('8 April 2008' when long), no leading zero."""
    return f"{d.day} {d:%B %Y}" if long else f"{d.day} {d:%b %Y}"


def rough_day(d) -> str:
    """A date as a history note gives one: 'early August 2008', 'mid-May 2008', 'late March 2008'."""
    part = "early" if d.day <= 10 else "mid-" if d.day <= 20 else "late"
    return f"{part}{'' if part.endswith('-') else ' '}{d:%B %Y}"


def season(d) -> str:
    """The season and year of a date, as the game's pages name the time a scenario is set in: 'spring 2008'
    (March to May; the seasons of the northern hemisphere, where the game's scenarios are set)."""
    names = ("winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn",
             "autumn", "winter")
    return f"{names[d.month - 1]} {d.year}"


_PLAIN = re.compile(r"[\w@%+=:,./-]+")


def shell_arg(text) -> str:
    """A path as a command the message suggests must write it to be pasted into a terminal: as it is
    when plain, else in double quotes (a save named 'ivan & jo.json', 'pair 3 final.json': pasted bare,
    the & or the space split the command). Double quotes read the same in a Unix shell, PowerShell and
    cmd; text with a character they would still expand gets the shell's own quoting."""
    text = str(text)
    if _PLAIN.fullmatch(text):
        return text
    if not any(c in text for c in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


# ---------------------------------------------------------------- text for a terminal

_NBSP = "\u00a0"


def terminal_width() -> int:
    """The width command output is laid out for: the terminal's (80 when the output is not a terminal and
    COLUMNS is not set), within 60..120 columns."""
    return max(60, min(120, shutil.get_terminal_size((80, 24)).columns))


def fill(text: str, width: int, indent: str = "  ") -> str:
    """A line wrapped at `width` on its spaces, its next lines indented by `indent`; a no-break space
    (U+00A0) keeps what it joins on one line ('offensive 1475'), and is printed as a space."""
    body = text.lstrip(" ")
    return textwrap.fill(body, width, initial_indent=text[:len(text) - len(body)], subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False).replace(_NBSP, " ")


def listed(head: str, items: list[str], width: int, indent: str = "  ") -> str:
    """'head: a, b, c' wrapped at `width`: each item kept whole, the first on the head's line."""
    lead = head[:len(head) - len(head.lstrip())]
    glued = lead + head.strip().replace(" ", _NBSP) + (_NBSP if head.strip() else "")
    return fill(glued + ", ".join(item.replace(" ", _NBSP) for item in items), width, indent)

