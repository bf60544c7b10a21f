"""House style of the content's words (QA playthrough, finding 5).

- British spelling, as most of the content has it: 'organisation', 'programme', '-ise' (a proper name
  keeps its own spelling: the Badr Organization);
- straight quotes only (the content has no curly ones);
- Muqtada al-Sadr is named in full at his first mention in a passage (a card's text, a debrief, a
  history note, a codex entry, an ending), and 'Sadr' after that and in short lines (titles, news,
  options, reasons); never 'al-Sadr' alone;
- no internal flag id in words meant for players (codex entries, cards).
"""

import glob
import re
import tomllib
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"
PASSAGES = {"text", "debrief", "history", "body", "description", "briefing", "epilogue", "explain"}
# keys whose values are expressions or ids, not words
NOT_WORDS = {"id", "when", "requires", "weight", "chance", "actor", "set_flag", "clear_flag", "end", "see", "codex",
             "group", "tags", "extends", "targets", "category", "disabled"}


def strings(node, key=""):
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in NOT_WORDS or k.startswith("on_"):
                continue
            yield from strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v, key)


def all_strings():
    for f in sorted(glob.glob(str(CONTENT / "**" / "*.toml"), recursive=True)):
        data = tomllib.loads(Path(f).read_text())
        for key, s in strings(data):
            if re.fullmatch(r"[a-z_]+(\.[a-z_]+)*", s):  # an id, not words
                continue
            yield Path(f).relative_to(CONTENT), key, s


AMERICAN = re.compile(r"\b(?!Organization\b)\w*(?:[^s]iz(?:e|ed|es|ing)|ization|yz(?:e|ed|ing))\b|\b(?:program|programs|center|centers|defense|color|favor|labor|honor|neighbor\w*|armor\w*)\b")
ALLOWED_IZE = {"size", "sized", "seize", "seized", "seizes", "seizing", "prize", "prizes", "Organization"}


def test_british_spelling():
    bad = []
    for f, key, s in all_strings():
        for m in AMERICAN.finditer(s):
            w = m.group(0)
            if w not in ALLOWED_IZE and not s[max(0, m.start() - 5):m.start()].endswith("Badr "):
                bad.append(f"{f} [{key}]: {w}")
    assert not bad, "\n".join(bad)


def test_straight_quotes_only():
    bad = [f"{f} [{key}]: {s[:60]}" for f, key, s in all_strings() if re.search("[\u2018\u2019\u201c\u201d]", s)]
    assert not bad, "\n".join(bad)


MENTION = re.compile(r"\[\[muqtada_al_sadr(?:\|([^\]]*))?\]\]|(?<![-\w])(?<!Sadiq )((?:Muqtada )?(?:[Aa]l-)?Sadr)\b(?! City)")


def test_sadr_named_in_full_first_then_sadr():
    bad = []
    for f, key, s in all_strings():
        found = list(MENTION.finditer(s))
        for i, m in enumerate(found):
            words = m.group(1) if m.group(0).startswith("[[") else m.group(2)
            if words is None:  # a bare link shows the entry's title, Muqtada al-Sadr
                words = "Muqtada al-Sadr"
            if re.fullmatch(r"[Aa]l-Sadr", words):
                bad.append(f"{f} [{key}]: 'al-Sadr' alone: ...{s[max(0, m.start() - 30):m.end() + 10]}...")
            elif key in PASSAGES and i == 0 and words != "Muqtada al-Sadr" and len(s) > 120:
                bad.append(f"{f} [{key}]: first mention is not the full name: ...{s[max(0, m.start() - 30):m.end() + 10]}...")
            elif i > 0 and words == "Muqtada al-Sadr":
                bad.append(f"{f} [{key}]: the full name again after the first mention: ...{s[max(0, m.start() - 30):m.end() + 10]}...")
    assert not bad, "\n".join(bad)


def test_no_flag_ids_in_players_words():
    flags = {e["id"] for e in tomllib.loads((CONTENT / "basra_2008" / "flags.toml").read_text())["flag"]}
    bad = []
    for f, key, s in all_strings():
        if key in ("text", "body", "debrief", "history", "prompt", "title", "news", "label", "why"):
            for fl in flags:
                if re.search(rf"(?<![\w.]){re.escape(fl)}(?![\w.])", s):
                    bad.append(f"{f} [{key}]: {fl}")
    assert not bad, "\n".join(bad)
