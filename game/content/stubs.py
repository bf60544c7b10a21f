"""`ceasefire new event|action|scenario NAME`: write a valid, commented stub to start from.

Stubs only use names every scenario has (`turn`), so they validate anywhere; the commented examples
name real metrics and actors of the scenario given with --scenario when it loads.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.content.models import EVENT_ID, ID
from game.content.schema import SCHEMA_DIR
from game.errors import CeasefireError
from game.words import shell_arg

EVENT_STUB = """\
#:schema @SCHEMA@/event.schema.json
# A new event card. @CHECK@
# Every key is described in docs/modding.md; editors with Taplo show the same text on hover.

[[event]]
id = "@ID@"  # namespaced: '<your namespace>.<name>'
title = "@TITLE@"
text = \"\"\"
What the player reads: two or three plain, neutral sentences. To link a codex entry, put its id in double square brackets.
\"\"\"
when = "turn >= 2"       # eligible while this holds, e.g. "@METRIC@ < 40 and not flag('@NS@.done')"
weight = 10              # draw weight among the eligible events: a number or an expression
max_fires = 1            # how many times it may fire in a game (0 = no limit)
invented = true          # an invented event says so in its debrief
debrief = "What this choice teaches, for the end-of-game debrief. Invented for this @OWNER@."
# prompt = "A question for class discussion."
# history = "What really happened, if the event is historical."
tags = ["@NS@"]

[[event.option]]
id = "act"
text = "Act now"
effects = [
  { news = "The government acts." },
  # { add = { @METRIC@ = 5 }, why = "Why it changes, for the turn report." },
  # { set_flag = "@NS@.done" },
]
# reactions = [{ actor = "@ACTOR@", add = { @ATTR@ = -5 }, why = "Why they react." }]
# chain = { event = "@NS@.follow_up", delay = 2, chance = 0.5 }

[[event.option]]
id = "wait"
text = "Wait and see"
# requires = "@METRIC@ >= 20"
# requires_text = "Shown when the option is unavailable."
"""

ACTION_STUB = """\
#:schema @SCHEMA@/action.schema.json
# A new order. @CHECK@
# Every key is described in docs/modding.md; editors with Taplo show the same text on hover.

[[action]]
id = "@ID@"
label = "@TITLE@"
category = "political"   # military | political | diplomatic | economic | public
description = "What the order does, in a sentence or two."
cost = 2                 # political capital
cooldown_turns = 1       # turns before it can be ordered again
# requires = "@METRIC@ >= 10"
# requires_text = "Shown when the order is unavailable."
# targets = "regions"    # or a list of region ids; 'target.<attribute>' then means that region's
effects = [
  { news = "The order is carried out." },
  # { add = { @METRIC@ = 3 }, why = "Why it changes, for the turn report." },
  # { roll = { chance = 0.6, label = "it works", success = [{ add = { @METRIC@ = 5 }, why = "It works." }], failure = [{ add = { @METRIC@ = -5 }, why = "It fails." }] } },
]
# reactions = [{ actor = "@ACTOR@", add = { @ATTR@ = 5 }, why = "Why they react." }]
"""

SCENARIO_FILES = {
    "scenario.toml": """\
#:schema @SCHEMA@/scenario.schema.json
# A new scenario. Try it with `ceasefire validate @DIR@`, `ceasefire lint @DIR@`,
# `ceasefire simulate --scenario @DIR@ --games 50` and `ceasefire play --scenario @DIR@`.
[scenario]
id = "@ID@"
name = "@TITLE@"
description = "A paragraph for the new-game screen."
turns = 12
turn_days = 14
start_date = 2008-03-25
capital = "capital"       # the metric that pays for orders
events_per_turn = 1
default_difficulty = "normal"
briefing = "The opening briefing: who the player is and what is at stake."

[scenario.difficulty.normal]
label = "Normal"
description = "The standard start."
""",
    "metrics.toml": """\
#:schema @SCHEMA@/metric.schema.json
[[metric]]
id = "capital"
label = "Political capital"
min = 0
max = 40
start = 10
description = "Pays for orders."

[[metric]]
id = "support"
label = "Public support"
start = 50
description = "How much the public backs the government."
""",
    "actors.toml": """\
#:schema @SCHEMA@/actor.schema.json
[[actor]]
id = "government"
name = "The government"
short = "Government"
player = true
attributes = {}

[[actor]]
id = "opposition"
name = "The opposition"
short = "Opposition"
description = "Who they are, in a sentence."
attributes.stance = { min = -100, max = 100, start = 0, label = "Stance" }
attributes.strength = { start = 40, label = "Strength" }
""",
    "regions.toml": """\
#:schema @SCHEMA@/region.schema.json
[[region]]
id = "capital_city"
name = "Capital"
map = [2, 10]
attributes = { violence = { start = 30, label = "Violence" } }
""",
    "actions.toml": """\
#:schema @SCHEMA@/action.schema.json
[[action]]
id = "speech"
label = "Address the nation"
category = "public"
cost = 2
effects = [{ add = { support = 4 }, why = "A clear speech reassures people." }]
reactions = [{ actor = "opposition", add = { stance = -2 }, why = "The opposition dislikes the spotlight." }]

[[action]]
id = "patrol"
label = "Patrol the streets"
category = "military"
cost = 3
targets = "regions"
effects = [{ add = { "target.violence" = -6, support = 1 }, why = "Patrols keep gunmen off the streets, and people notice." }]
""",
    "dynamics.toml": """\
#:schema @SCHEMA@/dynamic.schema.json
[[dynamic]]
id = "budget.income"
name = "Capital income"
why = "Each turn brings new political capital."
effects = [{ add = { capital = "3 + support / 25" } }]
""",
    "events/opening.toml": """\
#:schema @SCHEMA@/event.schema.json
[[event]]
id = "@ID@.opening"
title = "The first day"
text = "Write the opening situation here."
on_turn = 1
debrief = "What the opening choice teaches. Invented."

[[event.option]]
id = "reach_out"
text = "Reach out to the opposition"
effects = [{ add = { "opposition.stance" = 10, support = -2 }, why = "The opposition is heard; some of your voters call it weakness." }]

[[event.option]]
id = "stand_firm"
text = "Stand firm"
effects = [{ add = { "opposition.stance" = -10, support = 3 }, why = "A firm line rallies your side and shuts the opposition out." }]
""",
    "endings.toml": """\
#:schema @SCHEMA@/ending.schema.json
[[ending]]
id = "collapse"
title = "The government falls"
when = "support <= 10"
priority = 100
tone = "worst"
epilogue = "What happens next."
explain = "Public support fell to 10 or below."

[[ending]]
id = "survives"
title = "The government survives"
at_end = true
tone = "mixed"
score = "support"
epilogue = "What happens next."
explain = "The last turn came and the government still stood."
""",
}


def _schema_ref(target_dir: Path) -> str:
    """The schema folder as the stub should name it: relative inside this repository, else absolute."""
    target = target_dir.resolve()
    if SCHEMA_DIR.parent not in (target, *target.parents):
        return SCHEMA_DIR.as_posix()
    return Path(os.path.relpath(SCHEMA_DIR, target)).as_posix()


_LOADED: dict[str, object] = {}


def _scenario(scenario: str | None):
    """The scenario, in check mode (only names are read), or None when it does not load."""
    if not scenario:
        return None
    if scenario not in _LOADED:
        try:
            from game.content.loader import check

            _LOADED[scenario] = check(scenario, codegen=False)[0]
        except Exception:  # any failure: the stub keeps its default names
            _LOADED[scenario] = None
    return _LOADED[scenario]


# the commented examples' names when no scenario is known (the campaign's)
_DEFAULT_NAMES = {"@METRIC@": "cohesion", "@ACTOR@": "sadrists", "@ATTR@": "stance"}

# how a stub says to check it, when the command line does not say where it will load from
_CHECK_ANY = ("Check it with `ceasefire validate SCENARIO` and `ceasefire lint SCENARIO` (add\n"
              "# `--mod MODDIR` when the mod is not in the mods/<scenario>/ folder).")


def _examples(scenario: str | None) -> dict[str, str]:
    """Real names from a scenario for the commented examples: from the scenario as it loads, else
    (a scenario being written, with errors still in it) from what its files declare, else the
    campaign's names."""
    names = dict(_DEFAULT_NAMES)
    sc = _scenario(scenario)
    if sc is not None:
        capital = sc.meta.capital
        metrics = list(sc.metrics)
        actors = [(a.id, list(a.attributes)) for a in sc.actors.values() if not a.player]
    elif scenario:
        found = _declared_names(scenario)
        if found is None:
            return names
        capital, metrics, actors = found
    else:
        return names
    metrics = [mid for mid in metrics if mid != capital] or metrics
    actors = [(aid, attrs) for aid, attrs in actors if attrs]
    if metrics:
        names["@METRIC@"] = metrics[0]
    if actors:
        names["@ACTOR@"], names["@ATTR@"] = actors[0][0], actors[0][1][0]
    return names


def _declared_names(scenario: str) -> tuple[str, list[str], list[tuple[str, list[str]]]] | None:
    """(capital metric, metric ids, non-player actors with their attribute names) as a scenario's
    files declare them, read as lint reads them: each entry that is valid on its own is kept, whatever
    the errors elsewhere (a file that does not parse, a broken entry). For a scenario that does not
    load yet. None when there is no such scenario."""
    from game.content.files import _Collector, _read_files
    from game.content.layers import _merge
    from game.content.lint import _folders
    from game.content.shape import _shape
    from game.errors import ContentError

    try:
        root, folders = _folders(scenario, ())
    except ContentError:
        return None
    col = _Collector()
    _, files = _read_files(folders, col)
    scen, items, removes = _shape(files, col, root / "scenario.toml")
    items = _merge(items, removes, col)
    metrics = [it.id for it in items if it.kind == "metric"]
    actors = [(it.id, list(it.model.attributes)) for it in items if it.kind == "actor" and not it.model.player]
    return (scen.capital if scen is not None else "capital"), metrics, actors


def _fill(template: str, values: dict[str, str]) -> str:
    for k, v in values.items():
        template = template.replace(k, v)
    return template


def _title(name: str) -> str:
    return name.split(".")[-1].replace("_", " ").capitalize()


def _write(path: Path, text: str, force: bool) -> Path:
    if path.exists() and not force:
        raise CeasefireError(f"{path} already exists (choose another name, pass --out FILE, or --force to overwrite)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _already_defined(folder: Path, key: str, name: str, skip: Path) -> str | None:
    """'file:line' of an entry of this kind with this id in the folder's TOML files (but `skip`, the
    file about to be written, which refuses on its own), if any."""
    import tomli

    if not folder.is_dir():
        return None
    for path in sorted(folder.rglob("*.toml")):
        if path.resolve() == skip.resolve():
            continue
        try:
            text = path.read_text("utf-8")
            entries = tomli.loads(text).get(key, [])
        except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
            continue  # validate reports a broken file
        if isinstance(entries, list) and any(isinstance(e, dict) and e.get("id") == name for e in entries):
            line = next((i for i, ln in enumerate(text.splitlines(), 1) if re.match(rf'\s*id\s*=\s*["\']{re.escape(name)}["\']', ln)), 1)
            return f"{path}:{line}"
    return None


def _kind_folder(folder: Path, sub: str) -> Path:
    """Where a stub of this kind goes: `sub` inside the folder, or the folder itself when it already is
    one named so (`--dir events`, or run from inside events/: not events/events/)."""
    return folder if folder.resolve().name == sub else folder / sub


def new_event(name: str, folder: Path, out: Path | None = None, scenario: str | None = None, force: bool = False,
              check: str | None = None) -> list[Path]:
    """Write an event stub. `scenario` (an id or folder) gives the commented examples real names;
    `check` is the stub's line on how to check it (by default, a general one)."""
    if not re.match(EVENT_ID, name):
        hint = re.sub(r"[^a-z0-9_.]", "_", name.lower()).strip("._")
        hint = hint if "." in hint else f"mymod.{hint or 'event'}"
        raise CeasefireError(f"'{name}' is not an event id: write 'namespace.name' in lower case (e.g. '{hint}')")
    path = Path(out) if out else _kind_folder(Path(folder), "events") / f"{name.split('.', 1)[1].replace('.', '_')}.toml"
    where = None if force else _already_defined(Path(folder), "event", name, path)
    if where:
        raise CeasefireError(f"event '{name}' is already defined at {where} (choose another id, or --force to write a second one)")
    values = {"@ID@": name, "@NS@": name.split(".")[0], "@TITLE@": _title(name), "@SCHEMA@": _schema_ref(path.parent),
              "@OWNER@": "scenario" if _scenario_folder(path.parent) else "mod", "@CHECK@": check or _CHECK_ANY,
              **_examples(scenario)}
    return [_write(path, _fill(EVENT_STUB, values), force)]


def new_action(name: str, folder: Path, out: Path | None = None, scenario: str | None = None, force: bool = False,
               check: str | None = None) -> list[Path]:
    """Write an order stub (see new_event)."""
    if not re.match(ID, name):
        hint = re.sub(r"[^a-z0-9_]", "_", name.lower()).strip("_") or "my_order"
        dot = " (action ids have no namespace dot: start them with your namespace and '_')" if "." in name else ""
        raise CeasefireError(f"'{name}' is not an action id: use lower-case letters, digits and underscores (e.g. '{hint}'){dot}")
    path = Path(out) if out else _kind_folder(Path(folder), "actions") / f"{name}.toml"
    where = None if force else _already_defined(Path(folder), "action", name, path)
    if where:
        raise CeasefireError(f"action '{name}' is already defined at {where} (choose another id, or --force to write a second one)")
    values = {"@ID@": name, "@TITLE@": _title(name), "@SCHEMA@": _schema_ref(path.parent), "@CHECK@": check or _CHECK_ANY,
              **_examples(scenario)}
    return [_write(path, _fill(ACTION_STUB, values), force)]


def new_scenario(name: str, folder: Path, force: bool = False) -> list[Path]:
    if not re.match(ID, name):
        raise CeasefireError(f"'{name}' is not a scenario id: use lower-case letters, digits and underscores")
    root = Path(folder) / name
    if root.exists() and any(root.iterdir()) and not force:
        raise CeasefireError(f"{root} already exists and is not empty (choose another name, or --force)")
    written = []
    for rel, template in SCENARIO_FILES.items():
        path = root / rel
        values = {"@ID@": name, "@TITLE@": _title(name), "@DIR@": root.as_posix(), "@SCHEMA@": _schema_ref(path.parent)}
        written.append(_write(path, _fill(template, values), True))
    return written


def _replaces(scenario: str | None, kind: str, name: str) -> str | None:
    """A note when the scenario already has an entry of this kind and id: the stub, loaded over it as
    a mod, replaces it rather than adding a new one."""
    sc = _scenario(scenario)
    table = {"event": "events", "action": "actions"}[kind]
    if sc is None or name not in getattr(sc, table, {}):
        return None
    where = (getattr(sc, "sources", None) or {}).get((kind, name))
    at = ""
    if where:
        at = f" ({os.path.relpath(where[0])}"
        try:
            lines = Path(where[0]).read_text("utf-8-sig").splitlines()
            at += next(f":{i}" for i, ln in enumerate(lines, 1) if re.match(rf'\s*id\s*=\s*["\']{re.escape(name)}["\']', ln))
        except (OSError, UnicodeDecodeError, StopIteration):
            pass
        at += ")"
    return (f"note: {scenario} already has {kind} '{name}'{at}: this stub, as a mod, replaces it with its own "
            f"text; to add a new {kind} instead, give it an id of your own namespace")


def _check_scenario(args, folder: Path) -> str | None:
    """The scenario the stub is for: --scenario (which must exist: nothing is written for a misspelt
    one), else the one whose mods folder it is written in (None elsewhere)."""
    from game.content.loader import resolve_scenario

    if args.scenario:
        resolve_scenario(args.scenario)  # no such scenario: ContentError, with the nearest name
        return args.scenario
    return _installed_under(folder)


def cli_new(args) -> int:
    """`ceasefire new event|action|scenario NAME [--dir DIR] [--out FILE] [--scenario S] [--force]`."""
    folder = Path(args.dir)
    if args.kind == "scenario":
        if args.out:
            raise CeasefireError("--out is for one file; a scenario is a folder: use --dir")
        paths = new_scenario(args.name, folder, args.force)
        for p in paths:
            print(f"wrote {p}")
        print(f"next: ceasefire validate {shell_arg(paths[0].parent)}")
        return 0
    scenario = _check_scenario(args, folder)
    installed = _installed_under(folder)
    own = _scenario_folder(Path(args.out).parent if args.out else folder)
    # how to check the stub: the command the last line prints, also written at the top of the stub
    if own is not None:  # written into a scenario, not a mod: validating it as a mod of itself misleads
        command, why = f"ceasefire validate {shell_arg(own)}", ""
    elif installed:
        command = f"ceasefire validate {shell_arg(installed)}"
        why = (f" (the mod is installed in the mods folder: every command loads it with {installed}; "
               "no --mod needed)")
    else:
        command, why = f"ceasefire validate {shell_arg(args.scenario) if args.scenario else 'SCENARIO'} --mod {shell_arg(folder)}", ""
        if not args.scenario:  # (the placeholder alone left the modder to guess what goes there)
            why = f" (SCENARIO: the id of the scenario the mod changes: {' or '.join(_scenario_ids()) or 'its folder'})"
    check = f"Check it with `{command}` and `{command.replace('validate', 'lint', 1)}`."
    if len(check) > 70:  # (after '# A new event card. ': onto a line of its own)
        check = check.replace(" and `", "\n# and `", 1)
    new = new_event if args.kind == "event" else new_action
    # the commented examples name what this scenario has: the one given or installed for, else the
    # scenario the stub is written into
    paths = new(args.name, folder, args.out, scenario or (str(own) if own is not None else None), args.force,
                check if own is not None or installed or args.scenario else None)
    for p in paths:
        print(f"wrote {p}")
    note = _replaces(scenario, args.kind, args.name)
    if note:
        print(note)
    stray = _stray_under(folder)
    if stray:
        print(stray)
    print(f"next: edit it, then {command}{why}")
    return 0


def _scenario_folder(folder: Path) -> Path | None:
    """The scenario folder that `folder` is or lies in (one with scenario.toml, up to two levels up:
    a scenario's own folder, or its events/ or actions/), else None (a mod's folder)."""
    folder = Path(folder).resolve()
    for candidate in (folder, folder.parent, folder.parent.parent):
        if (candidate / "scenario.toml").is_file():
            rel = Path(os.path.relpath(candidate))
            # relative when it is the working folder, inside it or above it ('..' from its events/);
            # elsewhere in full ('/tmp/town', not '../../tmp/town')
            return rel if all(part == ".." for part in rel.parts) or rel.parts[:1] != ("..",) else candidate
    return None


def _mods_parts(folder: Path) -> tuple[str, ...] | None:
    """The parts of `folder` below the mods folder (None when it is not under it)."""
    from game.content.mods import mods_dir

    try:
        return folder.resolve().relative_to(mods_dir().resolve()).parts
    except ValueError:
        return None


def _scenario_ids() -> list[str]:
    """The ids of the shipped scenarios, as their scenario.toml declares them."""
    from game.content.loader import available_scenarios
    from game.content.mods import scenario_id

    return sorted(scenario_id(name) or name for name in available_scenarios())


def _installed_under(folder: Path) -> str | None:
    """The scenario id when `folder` is a mod installed in the mods folder (mods/<id>/<mod>/)."""
    rest = _mods_parts(folder)
    return rest[0] if rest and len(rest) >= 2 and rest[0] in _scenario_ids() else None


def _stray_under(folder: Path) -> str | None:
    """A warning when `folder` is under the mods folder but not at mods/<scenario id>/<mod>/, where
    nothing would load it."""
    from game.content.mods import mods_dir
    from game.expr.compiler import suggest

    rest = _mods_parts(folder)
    if not rest:
        return None
    ids = _scenario_ids()
    base = Path(os.path.relpath(mods_dir()))
    if len(rest) == 1:
        return (f"warning: {folder} is not loaded from there: a mod goes in mods/<scenario id>/<mod>/, e.g. "
                f"{base / (ids[0] if len(ids) == 1 else '<scenario id>') / rest[0]} (scenario ids: {', '.join(ids)})")
    if rest[0] not in ids:
        hint = suggest(rest[0], ids)
        return (f"warning: '{rest[0]}' is not a scenario id, so nothing loads a mod in {base / rest[0]}: "
                + (f"did you mean {base / hint}? " if hint else "") + f"(scenario ids: {', '.join(ids)})")
    return None
