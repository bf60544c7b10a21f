"""The classroom's subcommands: debrief and class-report (serve lives in game.serve)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.errors import CeasefireError, os_words
from game.words import shell_arg


def add_debrief_parser(sub) -> None:
    p = sub.add_parser("debrief", help="the debrief of a game (finished or saved): Markdown or one HTML file")
    p.add_argument("save", help="a save file (or the name of one in the saves folder)")
    p.add_argument("--format", choices=["md", "html"], default=None, help="md or html (default: from --out, else md)")
    p.add_argument("--out", default=None, metavar="FILE", help="write here instead of printing")
    p.add_argument("--compare", default=None, metavar="SAVE",
                   help="set a second game beside this one (e.g. its 'what if' branch): where they split, both timelines and charts")
    p.add_argument("--mod", action="append", default=[], metavar="DIR",
                   help="a mod folder to load in place of the save's own mods (where a moved mod is now; repeatable)")


def add_class_report_parser(sub) -> None:
    p = sub.add_parser("class-report", help="one report across a class's saves: endings, divergences, trajectories")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="save files, or folders of them (none: the saves folder, as --saves-dir or $CEASEFIRE_SAVES sets it)")
    p.add_argument("--format", choices=["md", "html"], default=None, help="md or html (default: from --out, else md)")
    p.add_argument("--out", default=None, metavar="FILE", help="write here instead of printing")


def _format(args) -> str:
    if args.format:
        return args.format
    if args.out and Path(args.out).suffix.lower() in (".html", ".htm"):
        return "html"
    return "md"


def write_output(text: str, out: str | None, example: str = "report.md") -> None:
    """Print `text`, or write it to the file `out`, making the folders it needs, and say where it went:
    'wrote reports/class.html (made the folder reports)'. A path the file cannot go to is one line of
    error naming it, never a traceback; `example` is the file name the fix suggests ('debrief.html')."""
    if out is None:
        sys.stdout.write(text)
        return
    if not out.strip():
        raise CeasefireError(f"--out needs a file's path (fix: e.g. --out {example}, or leave --out out to print)")
    path = Path(out)
    if path.is_dir():  # ('a folder is there, not a file' said which path to give no better than this)
        raise CeasefireError(f"{out}: cannot write: it is a folder, not a file "
                             f"(fix: give a file's path, e.g. {path / example})")
    if out.endswith(("/", os.sep)) and not path.is_dir():
        # 'reports/' is a folder's path: the file was written as 'reports', and 'wrote reports/' said otherwise
        raise CeasefireError(f"{out}: cannot write: the path ends in '/', so it names a folder, not a file "
                             f"(fix: give a file's path, e.g. {out.rstrip('/' + os.sep) or '.'}/{example})")
    try:
        made = not path.parent.exists()  # the folder it goes in is made for it, and the message says so
    except OSError:
        made = False
    from game.saves.savefile import atomic_write

    try:
        atomic_write(path, text.encode("utf-8"))  # (through a link its file; a device or a pipe is written into)
    except OSError as exc:
        what, fix = os_words(exc)
        raise CeasefireError(f"{out}: cannot write: {what} (fix: {fix})") from None
    print(f"wrote {out}" + (f" (made the folder {path.parent})" if made else ""), file=sys.stderr)


def _find(find, name: str, saves_dir: str | None) -> Path:
    """A save by path or by name (as the students typed it in the game's save dialog, too); a name found
    nowhere says where the saves are and what lists them."""
    from game.saves.store import folder_of, named_path

    path = find(name, saves_dir)
    if not path.exists() and Path(name).name == name:
        try:
            saved_as = named_path(name, saves_dir)  # where the game saves a name typed in: 'chloe & dev' → 'chloe _ dev.json'
        except CeasefireError:
            saved_as = path
        if saved_as.is_file():
            path = saved_as
    if not path.exists():
        folder = folder_of(saves_dir)
        if not folder.is_dir():  # (a mistyped --saves-dir read as a folder without that save)
            from game.cli import no_saves_folder

            raise CeasefireError(f"{name}: no such save file, and {no_saves_folder(saves_dir)}")
        from game.expr.compiler import suggest

        near = suggest(Path(name).stem, [p.stem for p in folder.glob("*.json")]) if Path(name).name == name else None
        raise CeasefireError(f"{name}: no such save file, nor a save of that name in the saves folder ({folder})"
                             + (f"; did you mean '{near}'?" if near else "")
                             + "; `ceasefire saves` lists that folder's saves, and `--saves-dir DIR` reads another")
    if path.is_dir():  # a class's folder given to debrief: one game's save is meant, or the class report
        saves = sorted(path.glob("*.json"))
        if not saves:
            raise CeasefireError(f"{name}: a folder, not a save file, and it holds no saves (.json files); "
                                 "`ceasefire saves` lists the games in the saves folder")
        raise CeasefireError(f"{name}: a folder, not a save file; a debrief is of one game: give one of its saves "
                             f"(e.g. {shell_arg(saves[0])}); `ceasefire class-report {shell_arg(name)}` reports on all of its games")
    return path


def cmd_debrief(args: argparse.Namespace) -> int:
    from game.debrief import from_save, render
    from game.saves.savefile import find

    path = _find(find, args.save, getattr(args, "saves_dir", None))
    d = from_save(str(path), mods=args.mod)
    if getattr(args, "compare", None):
        from game.debrief import compare

        other_path = _find(find, args.compare, getattr(args, "saves_dir", None))
        if other_path.resolve() == path.resolve():  # (a page of one game set beside itself, 'the same choices')
            raise CeasefireError(f"--compare {args.compare}: that is the same save as {args.save}; give another game "
                                 "to set beside it (its 'what if' branch, or another pair's save)")
        other = from_save(str(other_path), mods=args.mod)
        if other.label == d.label:
            d.label, other.label = str(path), str(args.compare)
        write_output(compare.render(d, other, _format(args)), args.out, f"compare.{_format(args)}")
        return 0
    write_output(render(d, _format(args)), args.out, f"debrief.{_format(args)}")
    return 0


def expand(files: list[str]) -> list[Path]:
    """Files as given; folders become the *.json files inside them (sorted)."""
    out: list[Path] = []
    missing = [f for f in files if not Path(f).exists()]
    if missing:
        raise CeasefireError(f"{', '.join(missing)}: no such folder or file; give the folder the class's saves are in "
                             "(with `ceasefire serve --saves-dir DIR`, that DIR), or save files")
    for f in files:
        p = Path(f)
        if p.is_dir():
            out += sorted(p.glob("*.json"))
        else:
            out.append(p)
    if not out:
        raise CeasefireError(f"no save files (.json) in {', '.join(files)}; a class's saves are the .json files the game "
                             "wrote there (with `ceasefire serve --saves-dir DIR`, in DIR)")
    return out


def cmd_class_report(args: argparse.Namespace) -> int:
    from game.classroom.report import from_saves, render

    files = args.files
    if not files:  # `ceasefire --saves-dir class-saves class-report`, as the class was served with --saves-dir
        from game.saves.store import folder_of

        folder = folder_of(getattr(args, "saves_dir", None))
        if not folder.is_dir():
            from game.cli import no_saves_folder

            raise CeasefireError(f"no save files given, and {no_saves_folder(getattr(args, 'saves_dir', None))}")
        print(f"ceasefire: no files given: reporting on the saves folder, {folder}", file=sys.stderr)
        files = [str(folder)]
    rep = from_saves([str(p) for p in expand(files)])
    for w in rep.skipped:
        print(f"ceasefire: skipped {w}", file=sys.stderr)
    for w in rep.ignored:
        print(f"ceasefire: left out {w}", file=sys.stderr)
    for w in rep.warnings:  # (a game of another scenario, or of other worlds: said only inside the report)
        print(f"ceasefire: note: {w}", file=sys.stderr)
    write_output(render(rep, _format(args)), args.out, f"class.{_format(args)}")
    return 0
