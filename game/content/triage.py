"""Once both passes ran, the problems worth showing: none that only echo an entry already reported broken
or a file that could not be read, and a mod's breakage blamed on the mod.
"""

from __future__ import annotations

import re

from game.content.files import KIND_OF_KEY, _Collector, _File
from game.content.problems import Problem, dotted
from game.words import joined


_BROKEN_REF = re.compile(
    r"unknown (event|action|actor|ending|region|codex entry|state name|name) '([^']+)'(?:; did you mean '[^']*'\?)?"
    r"|event '([^']+)' has no option '([^']+)'"
    r"|link \[\[([^\]|]+)\]\] points at no codex entry")
_KIND_OF_WORD = {"event": "event", "action": "action", "actor": "actor", "ending": "ending", "region": "region",
                 "codex entry": "codex"}
COLLAPSE = 5  # this many references broken by one removal become one problem at the [remove] line


def _where(f: _File, path: tuple) -> str:
    line, _ = f.locate(path)
    return f"{f.shown}:{line}" if line else f.shown


def _referred(mt: re.Match) -> list[tuple[str, str]]:
    """The (kind, id) entries a _BROKEN_REF message may be about."""
    word, name, ev, opt, link = mt.groups()
    if link is not None:
        return [("codex", link.strip())]
    if ev is not None:
        return [("event", ev)]
    if word in ("state name", "name"):
        head, _, rest = name.partition(".")
        keys = [("metric", name), ("actor", head)]
        if head == "region" and rest:
            keys.append(("region", rest.partition(".")[0]))
        return keys
    return [(_KIND_OF_WORD[word], name)]


def _drop_cascades(problems: list[Problem], broken: set[tuple[str, str]]) -> list[Problem]:
    """Leave out "unknown X" problems about entries that failed validation: they exist, and their own
    errors say what is wrong (a modder would otherwise chase references that are right)."""
    out = []
    for p in problems:
        mt = _BROKEN_REF.search(p.message) if p.severity in ("error", "warning") else None
        if mt is not None and any(key in broken for key in _referred(mt)):
            continue
        out.append(p)
    return out


# kinds whose entries can set flags (a flag read but never set may be set by such an entry of a lost file)
_FLAG_KINDS = frozenset(("scenario", "actor", "action", "event", "reaction", "move", "dynamic", "ending"))
# other messages about something a lost file may define, by the kind it would be
_LOST_KIND = ((re.compile(r"capital metric '[^']*' is not defined|the scenario defines no metrics"), "metric"),
              (re.compile(r"the scenario defines no endings|no ending can close a game"), "ending"))


def _hold_back(problems: list[Problem], col: _Collector) -> list[Problem]:
    """While a file could not be read (it does not parse, or a key does not shape into entries), the
    references that may point at its entries are not checked: "unknown event 'x'" for an event defined
    there, "flag never set" for a flag it sets, a "did you mean" of another id. Such problems are left
    out, and one note says which checks were skipped until which file is fixed."""
    lost = col.broken_files
    kinds: set[str] | None = set()
    for k in lost.values():
        if k is None:
            kinds = None
            break
        kinds |= k

    def could(kind: str) -> bool:
        return kinds is None or kind in kinds

    out, held = [], 0
    for p in problems:
        if p.severity in ("error", "warning"):
            if p.code == "unset-flag":
                if kinds is None or kinds & _FLAG_KINDS:
                    held += 1
                    continue
            else:
                mt = _BROKEN_REF.search(p.message)
                if (mt is not None and any(could(k) for k, _ in _referred(mt))) or any(
                        could(k) and rx.search(p.message) for rx, k in _LOST_KIND):
                    held += 1
                    continue
        out.append(p)
    if held:
        names = list(lost)
        one = len(names) == 1
        shown = "this file" if one else joined(names)  # (the note is at the first of them: one is named once)
        until = (f"{shown} {'parses' if one else 'parse'}" if all(n in col.unparsed for n in names)
                 else f"{shown} {'is' if one else 'are'} fixed")
        out.append(Problem(names[0], None, None, "",
                           f"reference checks (unknown ids, flags read but never set) were skipped until {until}: "
                           f"{held} of them may point at entries there, which could not be read",
                           f"fix the error{'' if one else 's'} in {'it' if one else 'them'} first (shown with "
                           f"{'its' if one else 'their'} line numbers), then validate again", "note", "skipped-checks"))
    return out


def _partial_overrides(problems: list[Problem], files: list) -> list[Problem]:
    """Notes for a mod's entry with errors that has the id of an earlier layer's entry but lacks some of
    its keys: a replacement is the whole entry, so 'id + the one key I change' loses the rest (and
    then reads as a missing 'why' or trigger). Runs only when there are errors."""
    later = {f.shown: (f, layer) for f, layer in files if layer >= 2}
    # an entry that repeats an id of its own mod is a duplicate (said so): not a replacement of the scenario's
    duplicates = {(p.file, p.key.rpartition(".")[0]) for p in problems if p.code == "duplicate-id" and p.key}
    notes, seen = [], set(duplicates)
    for p in problems:
        mt = re.match(r"(\w+)\[(\d+)\]", p.key or "") if p.severity == "error" and p.file in later else None
        if mt is None or (p.file, mt.group(0)) in seen:
            continue
        seen.add((p.file, mt.group(0)))
        f, layer = later[p.file]
        key, i = mt.group(1), int(mt.group(2))
        entries = f.data.get(key)
        mine = entries[i] if isinstance(entries, list) and i < len(entries) else None
        eid = mine.get("id") if isinstance(mine, dict) else None
        if not isinstance(eid, str):
            continue
        orig = next(((g, j, e) for g, gl in files if gl < layer and isinstance(g.data.get(key), list)
                     for j, e in enumerate(g.data[key]) if isinstance(e, dict) and e.get("id") == eid), None)
        missing = [k for k in orig[2] if k not in mine] if orig else []
        if not missing:
            continue
        g, j, _ = orig
        line, _ = g.locate((key, j))
        notes.append(Problem(f.shown, *f.locate((key, i)), f"{key}[{i}]",
                             f"this replaces {KIND_OF_KEY.get(key, key)} '{eid}' of {g.shown}:{line} as a whole, not key "
                             f"by key, and lacks its {', '.join(missing)}",
                             "copy the whole entry into your mod, then change only what you need", "note",
                             code="partial-override"))
    return notes


def _blame_mods(problems: list[Problem], changed: dict) -> list[Problem]:
    """Reword the problems caused by a mod's [remove] or replacement: name the mod that did it (the
    location stays at the reference) instead of offering a near id as a fix. Many references broken
    by one removal become one problem at the [remove] line. Runs only on problems, after linking."""
    out: list[Problem | tuple] = []
    groups: dict[tuple, list[int]] = {}
    for p in problems:
        mt = _BROKEN_REF.search(p.message)
        cause = None
        if mt is not None:
            for key in _referred(mt):
                if key in changed:
                    cause = key, changed[key]
                    break
        if cause is None:
            out.append(p)
            continue
        (kind, cid), how = cause
        if how[0] == "removed":
            _, f, rpath = how
            said = f"{kind} '{cid}' was removed by {_where(f, rpath)}"
            if mt.group(3) is not None:
                said = f"event '{cid}' (with its option '{mt.group(4)}') was removed by {_where(f, rpath)}"
            p = Problem(p.file, p.line, p.col, p.key, p.message[:mt.start()] + said + p.message[mt.end():],
                        f"remove this reference too (a mod can replace this entry with a version without it), "
                        f"or keep the {kind}: take it out of [remove]", p.severity, p.code)
            groups.setdefault((kind, cid), []).append(len(out))
            out.append((p, how))
            continue
        it = how[1]
        where = _where(it.file, it.path)
        if kind == "event" and mt.group(3) is not None:
            opts = ", ".join(o.id for o in it.model.options)
            said = f"event '{cid}' has no option '{mt.group(4)}': the event was replaced by {where}, whose options are: {opts}"
            fix = f"use one of those options, or give the replacement an option '{mt.group(4)}'"
        elif kind in ("actor", "region") and mt.group(1) in ("state name", "name"):
            attrs = ", ".join(it.model.attributes)
            said = mt.group(0).split(";")[0] + f": {kind} '{cid}' was replaced by {where}, whose attributes are: {attrs}"
            fix = f"use one of those attributes, or add the missing one to the replacement {kind}"
        else:
            out.append(p)
            continue
        out.append(Problem(p.file, p.line, p.col, p.key, p.message[:mt.start()] + said + p.message[mt.end():], fix,
                           p.severity, p.code))
    for (kind, cid), places in groups.items():
        if len(places) < COLLAPSE:
            continue
        first = out[places[0]]
        _, f, rpath = first[1]
        line, col = f.locate(rpath)
        errors = sum(1 for i in places if out[i][0].severity == "error")
        shown = ", ".join(f"{q.file}:{q.line}" for q, _ in (out[i] for i in places[:3]))
        out[places[0]] = Problem(
            f.shown, line, col, dotted(rpath),
            f"{kind} '{cid}' is removed here, but {len(places)} references to it remain (first: {shown}, ...)",
            f"remove or replace the entries that use it in this mod too, or keep the {kind}: take it out of [remove]",
            "error" if errors else "warning", "removed-in-use")
        for i in places[1:]:
            out[i] = None
    return [q[0] if isinstance(q, tuple) else q for q in out if q is not None]


def _hold_back_for_base(problems: list[Problem]) -> list[Problem]:
    """While `extends` names no scenario (bad-extends), every name and id the scenario takes from its base
    is unknown: "unknown state name 'capital'", "the scenario defines no metrics", ... Such problems
    only echo the one at the extends line, so they are left out, and one note says so."""
    bad = next((p for p in problems if p.code == "bad-extends"), None)
    if bad is None:
        return problems
    out, held = [], 0
    for p in problems:
        if p.severity in ("error", "warning") and p is not bad and (
                p.code in ("unset-flag", "remove-id") or _BROKEN_REF.search(p.message)
                or any(rx.search(p.message) for rx, _ in _LOST_KIND)):
            held += 1
            continue
        out.append(p)
    if held:
        out.append(Problem(bad.file, None, None, "",
                           f"reference checks (unknown names and ids, flags never set, ids to remove) were skipped while extends "
                           f"names no scenario: {held} of them may point at the entries of the scenario it is meant to extend",
                           "fix the extends line first (the error above), then validate again", "note", "skipped-checks"))
    return out
