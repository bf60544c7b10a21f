"""The command line: subcommands, and every error turned into a message and an exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.errors import CeasefireError, ContentError, GameError, os_problem
from game.words import fill, listed, plural, terminal_width

DEFAULT_SCENARIO = "basra_2008"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 1 (a problem the user can fix), not argparse's 2
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(1)


def _add_content_args(p: argparse.ArgumentParser, scenario_flag: bool = True,
                      default_said: str = DEFAULT_SCENARIO):
    if scenario_flag:
        p.add_argument("--scenario", default=None, help=f"scenario id or folder (default: {default_said})")
    p.add_argument("--mod", action="append", default=[], metavar="DIR",
                   help="a mod folder (repeatable; loads after the mods/ folder's, in the order given)")
    p.add_argument("--no-mods", action="store_true", help="leave out the installed mods of the mods/ folder")


class _Version(argparse.Action):
    """--version: the game's version, and those of Python and the libraries it runs on (for a bug report),
    looked up only when asked."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the game's version (and Python's, Textual's, "
                                                              "pydantic's) and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        import platform
        from importlib.metadata import PackageNotFoundError, version

        def of(name: str) -> str:
            try:
                return version(name)
            except PackageNotFoundError:
                return "not installed"

        print(f"ceasefire {of('ceasefire')} (Python {platform.python_version()}, textual {of('textual')}, "
              f"pydantic {of('pydantic')})")
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ceasefire", description="Ceasefire: Iraq, spring 2008. A political strategy game.")
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--saves-dir", default=None, help="where saves live (default: saves/, or $CEASEFIRE_SAVES)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("play", help="start or resume a game directly")
    p.add_argument("scenario_name", nargs="?", default=None, metavar="SCENARIO",
                   help="scenario id or folder, as --scenario (e.g. ceasefire play basra_short)")
    # (the game's own default: a class machine keeps the scenario it last played, UI app.default_scenario_ref)
    _add_content_args(p, default_said=f"the scenario of the newest save, else {DEFAULT_SCENARIO}")
    p.add_argument("--seed", type=int, default=None, help="the world's seed: the same seed and choices give the same game")
    p.add_argument("--difficulty", default=None, help="a difficulty preset of the scenario (default: its default)")
    p.add_argument("--load", default=None, metavar="SAVE", help="resume a save (a file, or a name `ceasefire saves` lists)")
    p.add_argument("--turn", type=int, default=None, help="with --load: branch the game at this turn")
    p.add_argument("--code", default=None, help="a class code (scenario, seed and difficulty)")
    p.add_argument("--dev", action="store_true", help="developer mode: reload content, console")

    p = sub.add_parser("validate", help="check a scenario (and mods) for problems")
    p.add_argument("path", nargs="?", default=None, help="scenario folder or id")
    _add_content_args(p, scenario_flag=False)
    p.add_argument("--json", action="store_true", help="print problems as JSON")

    p = sub.add_parser("simulate", help="headless games with a policy")
    _add_content_args(p)
    p.add_argument("--games", type=int, default=100, help="how many games (default: 100)")
    p.add_argument("--seed", type=int, default=None, help="game i plays a seed made from this one and i (default: 1)")
    p.add_argument("--code", default=None, help="a class code: every game plays that world (its scenario, seed and "
                                                "difficulty), as a class does; only the policy's choices differ")
    p.add_argument("--policy", default="random", help="how the games choose: random (default), historical, greedy:METRIC, "
                                                      "spam:ACTION, replay:SAVE or the scenario's own (a wrong name lists them)")
    p.add_argument("--difficulty", default=None, help="a difficulty preset of the scenario (default: its default)")
    p.add_argument("--jobs", type=int, default=1, help="processes to play on (0: one per core; default: 1)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--markdown", action="store_true", help="print a Markdown report")
    p.add_argument("--save", default=None, metavar="FILE", help="write the last game as a save file")

    p = sub.add_parser("replay", help="replay a save's choices and check the result matches")
    p.add_argument("save")
    _add_content_args(p)

    p = sub.add_parser("saves", help="list the saves (scenario, turn, dates, summary; unreadable files and why)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")

    p = sub.add_parser("schema", help="write the JSON Schemas of the content files (for editors)")
    p.add_argument("--out", default=None, metavar="DIR", help="folder to write *.schema.json into (default: schema/)")
    p.add_argument("--check", action="store_true", help="only check that the shipped schemas match the models")
    p.add_argument("--docs", default=None, metavar="FILE", help="also refresh the field reference in this Markdown file")

    p = sub.add_parser("lint", help="checks beyond validity: unset flags, dead events, impossible conditions, ...")
    p.add_argument("path", nargs="?", default=None, help="scenario folder or id")
    _add_content_args(p, scenario_flag=False)
    p.add_argument("--json", action="store_true", help="print findings as JSON")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    p.add_argument("--no-notes", action="store_true", help="hide notes (show warnings only)")
    p.add_argument("--no-info", dest="no_notes", action="store_true", help=argparse.SUPPRESS)  # the old name

    p = sub.add_parser("new", help="write a valid, commented stub: new event|action|scenario NAME")
    p.add_argument("kind", choices=["event", "action", "scenario"])
    p.add_argument("name", help="the id: 'namespace.name' for events")
    p.add_argument("--dir", default=".", help="mod or scenario folder to write into (default: here)")
    p.add_argument("--out", default=None, metavar="FILE", help="write the stub to this file instead")
    p.add_argument("--scenario", default=None, help="name real metrics and actors of this scenario in the examples")
    p.add_argument("--force", action="store_true", help="overwrite existing files")

    p = sub.add_parser("explain", help="why an event did or did not fire at a seed and turn")
    p.add_argument("event", help="event id, e.g. basra.deserters")
    _add_content_args(p)
    p.add_argument("--seed", type=int, default=None, help="the game's seed (or simulate's --seed with --game)")
    p.add_argument("--save", default=None, metavar="FILE", help="explain a saved game instead: replay its recorded choices")
    p.add_argument("--game", type=int, default=None, metavar="I", help="the I-th game (from 0) of `simulate --seed SEED`")
    p.add_argument("--turn", type=int, required=True, help="the turn to look at")
    p.add_argument("--policy", default="random", help="the policy that played up to that turn (as in simulate; default: random)")
    p.add_argument("--difficulty", default=None, help="a difficulty preset of the scenario (default: its default)")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    from game.classroom.commands import add_class_report_parser, add_debrief_parser

    add_debrief_parser(sub)
    add_class_report_parser(sub)
    p = sub.add_parser("class-code", help="make a class code (SCENARIO SEED [DIFFICULTY]) or read one (CODE)",
                       description="Make a class code: everyone who plays it plays the same world (scenario, seed, "
                                   "difficulty). Or give a code to see what it holds.")
    p.add_argument("words", nargs="+", metavar="SCENARIO SEED [DIFFICULTY] | CODE")

    from game.serve import add_serve_parser

    add_serve_parser(sub)
    # --saves-dir also after the command (`ceasefire serve --saves-dir class`); SUPPRESS keeps a
    # value given before the command when it is not repeated after it
    for p in sub.choices.values():
        p.add_argument("--saves-dir", default=argparse.SUPPRESS, help="where saves live (as before the command)")
    return parser


def _apply_code(args) -> None:
    """simulate --code: the code's scenario, seed and difficulty, unless the options say otherwise."""
    from game.classroom.codes import decode

    scenario, seed, difficulty = decode(args.code, list(args.mod))
    clashes = [f"--{name} {given}" for name, given, coded in (("scenario", args.scenario, scenario), ("seed", args.seed, seed),
                                                                ("difficulty", args.difficulty, difficulty))
               if given is not None and str(given) != str(coded)]
    if clashes:
        raise CeasefireError(f"class code {args.code} is scenario {os.path.basename(scenario)}, seed {seed}, difficulty "
                             f"{difficulty or 'default'}; it clashes with {', '.join(clashes)}: give the code alone")
    args.scenario, args.seed, args.difficulty = scenario, seed, difficulty


def _scenario_path(arg: str | None) -> str:
    return arg or DEFAULT_SCENARIO


def _mods_for(args, scenario_ref) -> tuple[list[str], list]:
    """The mod folders to load over a scenario: the mods/ folder's in its stated order, then --mod."""
    from game.content.mods import with_installed

    return with_installed(scenario_ref, args.mod, use_installed=not getattr(args, "no_mods", False))


def _expand_mods(args, scenario_ref) -> None:
    """Replace args.mod with the whole load order; report problems of mods/<id>/load_order.toml."""
    mods, problems = _mods_for(args, scenario_ref)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    for p in problems:
        print(p.format(), file=sys.stderr)
    args.mod = mods


def _validate_targets(path: str | None) -> list[str]:
    """A scenario folder or id; or a folder holding scenarios (e.g. content/): each of them."""
    from game.content.loader import scenarios_dir

    if path is None:
        root = scenarios_dir()
    else:
        root = Path(path)
        if (root / "scenario.toml").is_file() or not root.is_dir():
            return [path]
    found = sorted(str(p.parent) for p in root.rglob("scenario.toml"))
    return found or [path or DEFAULT_SCENARIO]


def _counts(sc) -> list[tuple[str, str, int]]:
    """What a scenario holds: (the word for one, for several, how many), as validate prints it."""
    # each reaction rule once, though it is filed under every action, option or event it answers
    n_react = len({id(r) for table in (sc.on_action, sc.on_option, sc.on_event) for rules in table.values() for r in rules}
                  | {id(r) for r in sc.state_reactions})
    return [("actor", "actors", len(sc.actors)), ("region", "regions", len(sc.regions)), ("metric", "metrics", len(sc.metrics)),
            ("action", "actions", len(sc.actions)), ("event", "events", len(sc.events)),
            ("reaction rule", "reaction rules", n_react), ("move", "moves", sum(len(v) for v in sc.moves.values())),
            ("dynamic", "dynamics", len(sc.dynamics)), ("ending", "endings", len(sc.endings)),
            ("codex entry", "codex entries", len(sc.codex))]


def cmd_validate(args) -> int:
    from game.content.loader import validate

    targets = _validate_targets(args.path)
    results = []
    for target in targets:
        mods, mod_problems = _mods_for(args, target)
        scenario, problems = validate(target, mods)  # check mode: every problem, no code generated
        if any(p.severity == "error" for p in mod_problems):
            scenario = None
        results.append((target, scenario, mod_problems + problems))
    # a base or mod shared by two scenarios reports its problems once, and they are counted once
    all_problems = list(dict.fromkeys(p for _, _, probs in results for p in probs))
    errors = [p for p in all_problems if p.severity == "error"]
    warnings = [p for p in all_problems if p.severity == "warning"]
    if args.json:
        print(json.dumps({"ok": not errors, "errors": len(errors), "warnings": len(warnings),
                          "scenarios": [t for t, _, _ in results],
                          # what the text's last lines sum up: per scenario that loaded, its counts and its mods
                          "loaded": {sc.id: {"counts": {many.replace(" ", "_"): n for _, many, n in _counts(sc)},
                                             "mods": [Path(m).name for m in sc.mods]}
                                     for _, sc, _ in results if sc is not None},
                          "problems": [p.to_json() for p in all_problems]}, indent=2))
        return 1 if errors else 0
    # file by file, in line order (the loader finds some problems in a later pass than others)
    # (a note of no line, such as 'checks were skipped until this file parses', follows the error it speaks of)
    for p in sorted(all_problems, key=lambda p: (p.file, p.line is None and p.severity == "note", p.line or 0, p.col or 0)):
        print(p.format())
    for target, sc, problems in results:
        if sc is None:
            continue
        n_warn = sum(1 for p in problems if p.severity == "warning")
        counts = [plural(n, one, many) for one, many, n in _counts(sc)]
        print(f"ok: {sc.id}: {', '.join(counts)}; {plural(n_warn, 'warning')}"
              + (f"; mods, in load order: {', '.join(Path(m).name for m in sc.mods)}" if sc.mods else ""))
        if not sc.mods and len(results) == 1 and not args.no_mods:
            _mods_of_other_scenarios(sc.id)
    if errors:
        print(f"{plural(len(errors), 'error')}, {plural(len(warnings), 'warning')}", file=sys.stderr)
        return 1
    return 0


def _mods_of_other_scenarios(sid: str) -> None:
    """A note when no mod loaded with scenario `sid` but other scenarios' folders of mods/ hold some:
    the modder who put a mod in mods/basra_short/ and validates basra_2008 is told why it is not counted."""
    from game.content.mods import _shown, installed_elsewhere, mods_dir
    from game.content.problems import Problem

    for other, names in installed_elsewhere(sid):
        folder = mods_dir() / other
        one = len(names) == 1
        print(Problem(_shown(folder), None, None, "",
                      f"no mod loaded with {sid}: this folder holds {', '.join(names)}, which "
                      f"{'loads' if one else 'load'} with {other} only",
                      f"to use {'it' if one else 'one'} with {sid}, move or copy its folder into "
                      f"{_shown(mods_dir() / sid)}{os.sep}, or add --mod {_shown(folder / names[0])}",
                      "note", "mod-not-loaded").format())


def cmd_simulate(args) -> int:
    from game.content.loader import load
    from game.sim.report import summarize, to_markdown, to_text
    from game.classroom.codes import canonical
    from game.sim.runner import run_one, simulate

    if args.json and args.markdown:  # one report on stdout: JSON used to win without a word
        raise CeasefireError("simulate: --json and --markdown each print the whole report: give one of them")
    if args.games < 1:
        raise CeasefireError("--games must be at least 1")
    if args.policy.startswith("replay:") and getattr(args, "saves_dir", None):  # replay:NAME in --saves-dir too
        from game.saves.savefile import find

        found = find(args.policy[len("replay:"):], args.saves_dir)
        if found.is_file():
            args.policy = f"replay:{found}"
    scenario = load(_scenario_path(args.scenario), args.mod)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    seed = 1 if args.seed is None else args.seed
    world = args.code is not None
    results = simulate(scenario, args.policy, args.games, seed, jobs, args.difficulty, world=world)
    summary = summarize(scenario, args.policy, seed, results, code=canonical(args.code) if world else None)
    wrote = None
    if args.save:
        from game.words import shell_arg
        from game.saves.savefile import save
        from game.sim.runner import game_seed

        last = args.games - 1
        _, session = run_one(scenario, args.policy, results[-1].seed, args.difficulty, keep=True,
                             policy_seed=game_seed(seed, last) if world else None)
        made = not Path(args.save).parent.exists()
        save(session, args.save)
        ending = next((e.model.title for e in scenario.endings if e.id == results[-1].ending), results[-1].ending)
        which = "the game" if args.games == 1 else f"the last of the {args.games} games"
        # it was written without a word: say where, which game it is and what reads it
        wrote = (f"wrote {args.save}" + (f" (made the folder {Path(args.save).parent})" if made else "")
                 + f": {which}, ended on turn {results[-1].turns}: {ending}; its debrief: ceasefire debrief {shell_arg(args.save)}")
    if args.json:
        print(json.dumps(summary, sort_keys=False))
    elif args.markdown:
        print(to_markdown(summary), end="")
    else:
        print(to_text(summary))
    if wrote:
        sys.stdout.flush()
        print(wrote, file=sys.stderr)
    return 0


def cmd_replay(args) -> int:
    from game.saves.replay import check
    from game.saves.savefile import read
    from game.saves.store import scenario_for

    path = _found_save(args.save, getattr(args, "saves_dir", None))
    sf = read(path)
    if args.scenario:
        from game.content.loader import load

        scenario = load(args.scenario, args.mod)
    else:
        scenario = scenario_for(sf, path, args.mod)
    verdict = check(sf, scenario)
    if verdict.ok:
        print(f"{path}: {verdict.message}")
        return 0
    print(f"ceasefire: {path}: {verdict.message}", file=sys.stderr)
    return 1


def no_saves_folder(saves_dir: str | None) -> str:
    """The one wording, for every command, of a saves folder that is not there: which folder, where that
    name came from, and what to do. debrief, class-report, replay, explain --save and saves each put what
    they were asked for in front of it; play --load too."""
    from game.saves.savefile import ENV_DIR
    from game.saves.store import folder_of

    folder = folder_of(saves_dir)
    source = ("given to --saves-dir" if saves_dir else f"set by ${ENV_DIR}" if os.environ.get(ENV_DIR) else "the default")
    return (f"the saves folder {folder} ({source}) is not there (fix: give the folder the saves are in with "
            f"--saves-dir DIR or ${ENV_DIR}, or play a game first: its first save makes the folder)")


def _found_save(name: str, saves_dir: str | None) -> Path:
    """The save a command names (savefile.find: a path, or a name in the saves folder). replay, explain --save
    and play --load: a bare name looked for in a saves folder that is not there says so (they said 'no such
    save file', as if the folder held no save of that name)."""
    from game.saves.savefile import find
    from game.saves.store import folder_of

    path = find(name, saves_dir)
    if not path.exists() and Path(name).name == name and not folder_of(saves_dir).is_dir():
        raise CeasefireError(f"{name}: no such save file, and {no_saves_folder(saves_dir)}")
    return path


def cmd_saves(args) -> int:
    from dataclasses import asdict

    from game.saves.store import entries, folder_of

    folder = folder_of(args.saves_dir)
    if folder.is_file():  # (listed as empty before: the saves are elsewhere)
        raise CeasefireError(f"{folder} is a file, not a saves folder: give the folder that holds the saves")
    found = entries(folder)
    if args.json:
        print(json.dumps({"folder": str(folder), "saves": [{**asdict(e), "path": str(e.path)} for e in found]}, indent=2))
        return 0
    if not found:
        if not folder.exists():  # a mistyped --saves-dir read as an empty folder
            print(f"no saves: {no_saves_folder(args.saves_dir)}")
            return 0
        print(f"no saves in {folder}")
        return 0
    width = terminal_width()
    print(fill(f"saves in {folder}, newest first:", width))
    for e in found:  # the save's name and game on one line; when it was saved and how it stands below
        if e.ok:
            state = "ended" if e.ended else f"turn {e.turn}"
            print(fill(f"  {e.name}: {e.scenario}, {state}, {e.date or '?'}", width, "      "))
            saved = (e.saved_at or "?").replace("T", " ")[:16]
            print(listed(f"      saved {saved} · ", e.summary.split(", "), width, "      "))
        else:
            print(fill(f"  {e.name}: unreadable", width, "      "))
            print(fill(f"      {e.error}", width, "      "))
    return 0


def cmd_new(args) -> int:
    from game.content.stubs import cli_new

    return cli_new(args)


def _kind_of_id(sc, rid: str) -> str | None:
    """What an id of a scenario names, in words, when it is not an event's."""
    ev, slash, _ = rid.partition("/")
    if slash and ev in sc.events:
        return f"an option of event '{ev}' (explain '{ev}')"
    if rid in sc.actions:
        return "an action (an order the player gives)"
    for actor, moves in sc.moves.items():
        if any(mv.id == rid for mv in moves):
            return f"an actor move (of '{actor}')"
    reactions = [r for rules in (sc.on_action, sc.on_option, sc.on_event) for rs in rules.values() for r in rs]
    if any(r.id == rid for r in reactions + list(sc.state_reactions)):
        return "a reaction"
    if any(d.id == rid for d in sc.dynamics):
        return "a dynamic"
    if any(e.id == rid for e in sc.endings):
        return "an ending"
    for kind, ids in (("an actor", sc.actors), ("a metric", sc.metrics), ("a region", sc.regions), ("a codex entry", sc.codex)):
        if rid in ids:
            return kind
    return None


# for an id explain does not cover: where its workings show instead
_INSTEAD = (
    ("an action", "the game greys an order out with its reason; `simulate --json` counts how often each is given"),
    ("an actor move", "the turn report and `ceasefire debrief SAVE` name it beside each change it makes; "
                      "its `when` and `weight` in the content say when it can be drawn"),
    ("a reaction", "the turn report and `ceasefire debrief SAVE` name it beside each change it makes; "
                   "its trigger and `when` in the content say when it acts"),
    ("a dynamic", "the turn report and `ceasefire debrief SAVE` name it beside each change it makes; "
                  "its `when` in the content says when it acts"),
    ("an ending", "the end screen and the debrief say which of its conditions held; `simulate` counts the endings"),
)


def _foreign_namespace(sc, rid: str) -> bool:
    """Whether `rid` is namespaced ('water.x') and no event of the scenario has that namespace: an event of
    a mod that was not loaded, most likely."""
    namespace, dot, _ = rid.partition(".")
    return bool(dot) and sc is not None and not any(e.startswith(namespace + ".") for e in sc.events)


def _outside_mod_hint(args, sc, rid: str) -> str:
    """'; ... add --mod DIR' when no event of the scenario has the id's namespace and no --mod was given:
    the event of a mod kept outside mods/ (as docs/modding.md's own example is) needs --mod here too."""
    if getattr(args, "mod", None) or not _foreign_namespace(sc, rid):
        return ""
    namespace = rid.partition(".")[0]
    return (f"; no event of '{sc.id}' starts with '{namespace}.': for the events of a mod kept outside the "
            f"mods/ folder, add --mod DIR, as to simulate")


def _not_an_event(args, said: str) -> str:
    """explain's "no event 'x'", said better: what else 'x' is, or in which scenario it is an event."""
    from game.content.loader import available_scenarios, validate

    rid = args.event
    if getattr(args, "save", None):
        from game.saves.savefile import read, source_of

        sf = read(args.save)
        sc, _ = validate(*source_of(sf, args.save))
    else:
        sc, _ = validate(_scenario_path(args.scenario), args.mod)
    kind = _kind_of_id(sc, rid) if sc is not None else None
    if kind is not None:
        instead = next((how for start, how in _INSTEAD if kind.startswith(start)), "")
        return f"explain covers events; '{rid}' is {kind}" + (f" ({instead})" if instead else "")
    if getattr(args, "save", None):
        if "did you mean" not in said and _foreign_namespace(sc, rid):
            # a mod's event asked of a game played without that mod: the save, not --mod, says what loads
            mods = ", ".join(Path(m).name for m in sf.mods) if sf.mods else ""
            return (f"{said}; that game was played " + (f"with the mods {mods} only" if mods else "without mods")
                    + ": explain a game played with the mod (a save of it, or --seed with --mod DIR)")
        return said
    # said last: what is known (an event of another scenario or of its mods) comes first
    hint = _outside_mod_hint(args, sc, rid) if "did you mean" not in said else ""
    if args.scenario is not None:  # an event of a mod installed for another scenario? (mods/<id>/ load with <id> only)
        from game.content.mods import _shown, mods_dir, with_installed

        for other in available_scenarios():
            mods, _ = with_installed(other) if not getattr(args, "no_mods", False) else ([], [])
            if not mods or Path(_scenario_path(args.scenario)).name == other:
                continue
            osc, _ = validate(other, mods)
            if osc is not None and rid in osc.events and rid not in (validate(other)[0] or osc).events:
                return (f"{said}; it is an event of the mods installed for '{other}' ({_shown(mods_dir() / other)}), which "
                        f"load with '{other}' only: add --scenario {other}, or put a copy of the mod in "
                        f"{_shown(mods_dir() / (sc.id if sc is not None else str(args.scenario)))}")
        return said + hint
    for other in available_scenarios():  # no --scenario: is it an event of another scenario?
        if other == DEFAULT_SCENARIO:
            continue
        osc, _ = validate(other)
        if osc is not None and rid in osc.events:
            return f"no event '{rid}' in the default scenario '{DEFAULT_SCENARIO}'; it is an event of '{other}': add --scenario {other}"
    return f"{said}{hint} (explain looked in the default scenario, '{DEFAULT_SCENARIO}': for another, add --scenario ID or --scenario FOLDER)"


def cmd_explain(args) -> int:
    from game.sim.explain import cli_explain

    if getattr(args, "save", None):  # a save's path or its name as `ceasefire saves` lists it, as replay takes
        args.save = str(_found_save(args.save, getattr(args, "saves_dir", None)))
    try:
        return cli_explain(args)
    except ContentError:
        raise
    except CeasefireError as exc:
        if not str(exc).startswith(f"no event '{args.event}' in scenario "):
            raise
        raise CeasefireError(_not_an_event(args, str(exc))) from None


def cmd_lint(args) -> int:
    from game.content.lint import cli_lint

    return cli_lint(args)


def cmd_schema(args) -> int:
    from game.content.schema import cli_schema

    return cli_schema(args)


def cmd_play(args) -> int:
    from game.ui.app import run_app

    if args.scenario_name:
        if args.scenario and args.scenario != args.scenario_name:
            raise GameError(f"two scenarios given ('{args.scenario_name}' and --scenario '{args.scenario}'): give one")
        args.scenario = args.scenario_name
    if args.load:
        _found_save(args.load, getattr(args, "saves_dir", None))
        _check_load(args.load, getattr(args, "saves_dir", None))
    return run_app(args)


def _check_load(name: str, folder) -> None:
    """play --load: a file that is not a readable save stops here with one line (naming the file, and the
    previous good autosave when there is one), before the screen opens; the game's own checks follow."""
    from game.errors import SaveError
    from game.saves import savefile, store

    path = savefile.find(name, folder)
    if not path.is_file():
        return  # run_app says so, with where it looked
    try:
        savefile.read(path)
    except SaveError as exc:
        try:
            fallback = store.previous_good(path)
        except OSError:
            fallback = None
        if fallback is not None:
            raise SaveError(f"{exc}; the previous good autosave is {fallback.name}: "
                            f"ceasefire play --load {fallback}") from None
        raise


def cmd_debrief(args) -> int:
    from game.classroom.commands import cmd_debrief as run

    return run(args)


def cmd_class_report(args) -> int:
    from game.classroom.commands import cmd_class_report as run

    return run(args)


def cmd_class_code(args) -> int:
    from game.classroom.codes import main as codes

    if len(args.words) > 3:
        raise CeasefireError("give SCENARIO SEED [DIFFICULTY] to make a code, or CODE to read one")
    return codes(args.words)


def cmd_serve(args) -> int:
    from game.serve import cmd_serve as run

    return run(args)


COMMANDS = {"validate": cmd_validate, "simulate": cmd_simulate, "replay": cmd_replay, "play": cmd_play, "saves": cmd_saves,
            "schema": cmd_schema, "lint": cmd_lint, "new": cmd_new, "explain": cmd_explain, "debrief": cmd_debrief, "class-report": cmd_class_report,
            "class-code": cmd_class_code,
            "serve": cmd_serve}


def _installed_mod_errors(problems) -> str | None:
    """The installed mod folders (mods/<id>/<mod>) that hold errors, as messages name them; None if none."""
    from game.content.mods import _shown, mods_dir

    base = mods_dir().resolve()
    found = []
    for p in problems:
        if p.severity != "error":
            continue
        try:  # (an error of no line is about a path given, not in a mod's file: mods/x given as a scenario)
            rest = Path(p.file).resolve().relative_to(base).parts if p.file and p.line else ()
        except (ValueError, OSError):
            rest = ()
        if len(rest) < 2:
            return None  # an error outside the installed mods' files: leaving them out would not do
        shown = _shown(base / rest[0] / rest[1])
        if shown not in found:
            found.append(shown)
    return " and ".join(found) or None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "play"
    if args.command is None:
        args = parser.parse_args((argv if argv is not None else sys.argv[1:]) + ["play"])  # global options first
    try:
        if command == "simulate" and args.code is not None:
            _apply_code(args)
        if command in ("simulate", "explain"):
            _expand_mods(args, _scenario_path(args.scenario))
        elif command == "lint":
            _expand_mods(args, args.path or DEFAULT_SCENARIO)
        return COMMANDS[command](args)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        if errors > 1 or any(p.line for p in exc.problems):  # (not for a misspelt scenario name: one line says it)
            print(f"ceasefire: the content has {plural(errors, 'error')}; fix {'it' if errors == 1 else 'them'} and try again",
                  file=sys.stderr)
        in_mods = _installed_mod_errors(exc.problems) if hasattr(args, "no_mods") and not args.no_mods else None
        if in_mods:
            print(f"ceasefire: {'the error is' if errors == 1 else 'the errors are'} in {in_mods}, installed in the mods "
                  f"folder, which every command loads: to {command} without it meanwhile, add --no-mods", file=sys.stderr)
        return 1
    except CeasefireError as exc:
        print(f"ceasefire: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be made or written to, a full disk: said, not a traceback
        print(f"ceasefire: {os_problem(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
