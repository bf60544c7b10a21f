"""Mods over a scenario: later layers replace or remove entries by (kind, id); what a clash or a near-miss
of ids means, and how to settle it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

from game.content.files import _Collector, _File, _Item, _shown
from game.content.shape import _note_broken
from game.expr.compiler import suggest


def _installed_mod(f: _File) -> tuple[Path, str] | None:
    """(mods/<scenario id> folder, mod name) when the file belongs to an installed mod, else None."""
    from game.content.mods import mods_dir

    base = mods_dir().resolve()
    try:
        rest = f.real.relative_to(base).parts
    except ValueError:
        return None
    return (base / rest[0], rest[1]) if len(rest) >= 3 else None


def _conflict_fix(first: _File, later: _File) -> str:
    """How to settle two mods changing one entry: load_order.toml for installed mods, else --mod."""
    a, b = _installed_mod(first), _installed_mod(later)
    if a and b and a[0] == b[0]:
        order = _shown(a[0] / "load_order.toml")
        return (f"merge the two changes into one mod, or state the order in {order}: "
                f"order = [\"{a[1]}\", \"{b[1]}\"] (the last one listed wins)")
    if a or b:
        return ("merge the two changes into one mod; a --mod folder always loads after the installed mods "
                "of the mods folder, so this order holds unless you move it")
    return "merge the two changes into one mod, or reorder the --mod options (the last one given wins)"


def _mod_inside_scenario(a: _File, b: _File) -> str | None:
    """For two entries with one id in a scenario's folder: when one lies in a sub-folder laid out like
    the scenario (content/scenarios/basra_2008/my_mod/reactions.toml beside the scenario's own
    reactions.toml), a mod was put inside the scenario, where it loads as part of it and cannot
    replace anything; how to move it. None otherwise. (Only on this error's path.)"""
    for one, other in ((b, a), (a, b)):
        root = next((d for d in one.real.parents if (d / "scenario.toml").is_file()), None)
        if root is None or root not in other.real.parents:
            continue
        rel, other_rel = one.real.relative_to(root).parts, other.real.relative_to(root).parts
        if len(rel) < 2 or rel[0] == other_rel[0] or not (root / rel[0] / other_rel[0]).exists():
            continue
        from game.content.mods import mods_dir, scenario_id

        target = _shown(mods_dir() / (scenario_id(root) or root.name) / rel[0])
        return (f"{_shown(root / rel[0])} looks like a mod put inside the scenario's folder, where it loads as part "
                f"of the scenario and cannot replace its entries: move that folder to {target}")
    return None


def _merge(items: list[_Item], removes, col: _Collector, changed: dict | None = None) -> list[_Item]:
    """Later layers override earlier ones by (kind, id); duplicates within a layer are errors.

    `changed`, when given, receives what mods did to entries of earlier layers, for messages about
    references they broke: (kind, id) -> ("removed", file, path) or ("replaced", item)."""
    chosen: dict[tuple[str, str], _Item] = {}
    for it in items:
        k = (it.kind, it.id)
        prev = chosen.get(k)
        if prev is not None and prev.layer == it.layer:
            line, _ = prev.file.locate(prev.path)
            inside = _mod_inside_scenario(prev.file, it.file) if it.layer < 2 else None
            col.add(it.file, it.path + ("id",), f"duplicate {it.kind} id '{it.id}' (first at {prev.file.shown}:{line})",
                    inside or "give it another id, or delete one of the two", col_shift=0, code="duplicate-id")
            raw = it.file.data.get(it.path[0]) if len(it.path) == 2 else None
            if isinstance(raw, list) and isinstance(it.path[1], int) and it.path[1] < len(raw):
                _note_broken(col, it.kind, raw[it.path[1]])  # the flags it sets are not "never set"
            continue
        if prev is not None and prev.layer >= 2 and it.layer >= 2:
            line, _ = prev.file.locate(prev.path)
            col.add(it.file, it.path + ("id",),
                    f"two mods change {it.kind} '{it.id}': this one (loaded later) wins over {prev.file.shown}:{line}",
                    _conflict_fix(prev.file, it.file), "warning", code="mod-conflict")
        if prev is not None and it.layer >= 2 and prev.layer < 2 and it.kind == "reaction":
            said = reaction_collision(prev, it, mod_namespace(items, it.layer))
            if said is not None:
                col.add(it.file, it.path + ("id",), *said, "warning", code="mod-collision")
        if changed is not None and prev is not None and it.layer >= 2:
            changed[k] = ("replaced", it)
        chosen[k] = it
    for it, close in near_ids(items):
        col.add(it.file, it.path + ("id",), *near_id_problem(it, close), "warning", code="mod-near-id")
    for f, kind, rid, layer, path in removes:
        if (kind, rid) in chosen:
            del chosen[(kind, rid)]
            if changed is not None:
                changed[(kind, rid)] = ("removed", f, path)
        else:
            hint = suggest(rid, [i for (k, i) in chosen if k == kind])
            col.add(f, path, f"nothing to remove: no {kind} '{rid}'", f"did you mean '{hint}'?" if hint else "check the id",
                    severity="warning", code="remove-id")
    return list(chosen.values())


def _namespace(rid: str) -> str:
    return rid.partition(".")[0] if "." in rid else ""


def near_ids(items: list[_Item]) -> list[tuple[_Item, str]]:
    """(a mod's new entry, the scenario's id it is a letter or two from): same kind, same namespace.

    Such an entry was most likely meant to replace that one: misspelt, it adds a second rule beside
    the first, and both apply (validate and lint warn; a new entry with a close id may be meant).
    So is one written in another of the scenario's namespaces with the same name after the dot
    ('basra_locals.services_compete' for 'sadrists.services_compete': the wrong actor's prefix)."""
    if all(it.layer < 2 for it in items):  # no mod: nothing new to compare
        return []
    base: dict[tuple[str, str], list[str]] = {}  # (kind, namespace) -> ids of the scenario's layers
    by_name: dict[tuple[str, str], list[str]] = {}  # (kind, the part after the namespace) -> those ids
    have = set()
    for it in items:
        if it.layer < 2:
            have.add((it.kind, it.id))
            base.setdefault((it.kind, _namespace(it.id)), []).append(it.id)
            if "." in it.id:
                by_name.setdefault((it.kind, it.id.partition(".")[2]), []).append(it.id)
    out = []
    for it in items:
        if it.layer < 2 or (it.kind, it.id) in have:
            continue
        rid = it.id
        pool = [b for b in base.get((it.kind, _namespace(rid)), ()) if abs(len(b) - len(rid)) <= 2]
        close = difflib.get_close_matches(rid, pool, n=1, cutoff=0.9) if pool else []
        if not close and "." in rid and (it.kind, _namespace(rid)) in base:  # a namespace of the scenario's
            same = by_name.get((it.kind, rid.partition(".")[2]), [])
            close = same if len(same) == 1 else []
        if close:
            out.append((it, close[0]))
    return out


def _answers(r) -> str:
    """What a reaction rule answers, in words: 'actor iran, on_option water.x/upstream'."""
    parts = [f"actor {r.actor}"] if r.actor else ["no actor"]
    for key in ("on_action", "on_option", "on_event"):
        if getattr(r, key):
            parts.append(f"{key} {', '.join(getattr(r, key))}")
    if len(parts) == 1:
        parts.append("a condition")
    return ", ".join(parts)


def mod_namespace(items: list[_Item], layer: int) -> str | None:
    """The namespace most of a layer's namespaced ids use ('water' for the tutorial's mod), if any.
    Called only for a message."""
    found = Counter(_namespace(it.id) for it in items if it.layer == layer and "." in it.id and it.kind in ("event", "reaction"))
    found.pop("", None)
    return found.most_common(1)[0][0] if found else None


def reaction_collision(base: _Item, new: _Item, namespace: str | None = None) -> tuple[str, str] | None:
    """(message, fix) when a mod's reaction rule has the id of one of the scenario's but answers
    something else (another actor, or none of the same actions, options or events): most likely a
    new rule that took a used id by accident, since reaction ids have no namespace of the mod's own.
    None for a replacement that keeps the actor and at least one trigger (an override on purpose)."""
    a, b = base.model, new.model
    shared = any(set(getattr(a, k)) & set(getattr(b, k)) for k in ("on_action", "on_option", "on_event"))
    untriggered = not any(getattr(r, k) for r in (a, b) for k in ("on_action", "on_option", "on_event"))
    if a.actor == b.actor and (shared or untriggered):
        return None
    line, _ = base.file.locate(base.path)
    return (f"reaction '{b.id}' has the id of the scenario's rule at {base.file.shown}:{line}, which answers something "
            f"else ({_answers(a)}; this one: {_answers(b)}): it replaces that rule, which then no longer applies",
            f"if this is a new reaction, give it an id of your own, starting with your mod's namespace (e.g. "
            f"'{namespace if namespace and namespace != _namespace(b.id) else 'mymod'}.{b.id.rpartition('.')[2]}'); if you mean to change that rule, keep its actor and what it answers")


def near_id_problem(it: _Item, close: str) -> tuple[str, str]:
    """(message, fix) for near_ids' findings."""
    return (f"new {it.kind} '{it.id}' is not in the scenario, but '{close}' is: both now apply",
            f"to replace '{close}', write its id exactly; if this is a new {it.kind}, give it a clearly different id")
