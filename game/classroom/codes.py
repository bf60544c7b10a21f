"""Class codes: a scenario, a seed and a difficulty in one short string a student can type.

A code is ten Crockford base-32 symbols written ``XXXXX-XXXXX``: nine carry 45 bits
(10 bits of the scenario id's hash, 5 of the difficulty's, 30 of the seed) and the
last is a Damm check symbol that catches any single mistyped symbol and any swap of
two neighbours. Decoding is forgiving: case, spaces and dashes do not matter, and O, I and
L read as 0, 1 and 1. The scenario and the difficulty are found again by hashing the
ids of the scenarios on disk, so codes stay valid as long as those ids do.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path

from game.errors import CeasefireError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})
SEED_BITS = 30
MAX_SEED = (1 << SEED_BITS) - 1


class CodeError(CeasefireError):
    """A class code that cannot be made or read; the message says why."""


def _h(text: str, bits: int) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big") % (1 << bits)


def scenario_hash(scenario_id: str) -> int:
    return _h("scenario:" + scenario_id, 10)


def difficulty_hash(difficulty: str | None) -> int:
    """0 stands for the scenario's default difficulty."""
    return 0 if not difficulty else 1 + _h("difficulty:" + difficulty, 16) % 31


def _gf_mul(a: int, b: int) -> int:
    """Multiplication in GF(32) (modulus x^5 + x^2 + 1)."""
    r = 0
    while b:
        if b & 1:
            r ^= a
        b >>= 1
        a <<= 1
        if a & 32:
            a ^= 0b100101
    return r


def _damm(values: list[int]) -> int:
    """Damm's algorithm over the totally anti-symmetric quasigroup x*y = 2x + y of GF(32)."""
    interim = 0
    for v in values:
        interim = _gf_mul(2, interim) ^ v
    return interim


def _check(values: list[int]) -> int:
    """The symbol that brings the Damm interim back to 0."""
    return _gf_mul(2, _damm(values))


def encode(scenario: str, seed: int, difficulty: str | None = None) -> str:
    """The class code of a world, e.g. '4KX2M-0Q7RD'."""
    if not isinstance(seed, int) or seed < 0 or seed > MAX_SEED:
        fix = "choose a smaller seed" if isinstance(seed, int) and seed > MAX_SEED else f"choose a seed from 0 to {MAX_SEED}"
        raise CodeError(f"a class code holds seeds from 0 to {MAX_SEED}; {seed} does not fit ({fix})")
    n = (scenario_hash(scenario) << 35) | (difficulty_hash(difficulty) << 30) | seed
    digits = [(n >> (5 * i)) & 31 for i in reversed(range(9))]
    digits.append(_check(digits))
    s = "".join(ALPHABET[d] for d in digits)
    return f"{s[:5]}-{s[5:]}"


def normalize(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch not in " -_\t")


def parse(code: str) -> tuple[int, int, int]:
    """(scenario hash, difficulty hash, seed) of a code; CodeError if it is mistyped."""
    s = normalize(code)
    if len(s) != 10:
        raise CodeError(f"'{code}' is not a class code: a code has 10 letters and digits, like 4KX2M-0Q7RD")
    bad = [ch for ch in s if ch not in _VALUE]
    if bad:
        raise CodeError(f"'{code}' is not a class code: '{bad[0]}' is not used in codes (U is never used)")
    digits = [_VALUE[ch] for ch in s]
    if _damm(digits) != 0:
        raise CodeError(f"'{code}' has a typing mistake (its check letter does not match); ask for the code again")
    n = 0
    for d in digits[:9]:
        n = (n << 5) | d
    return n >> 35, (n >> 30) & 31, n & MAX_SEED


def _scenario_roots(extra: list | tuple = ()) -> list[Path]:
    from game.content.loader import scenarios_dir

    return [Path(p) for p in extra] + [scenarios_dir()]


def _read_meta(folder: Path) -> dict:
    try:
        with open(folder / "scenario.toml", "rb") as f:
            return tomllib.load(f).get("scenario", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _difficulties(folder: Path, meta: dict, depth: int = 0) -> list[str]:
    names = list(meta.get("difficulty", {}))
    parent = meta.get("extends")
    if parent and depth < 4:
        pf = folder.parent / parent
        names += [n for n in _difficulties(pf, _read_meta(pf), depth + 1) if n not in names]
    return names


def candidates(roots: list | tuple = ()) -> list[tuple[str, Path, dict]]:
    """(id, folder, [scenario] table) of every scenario under the roots."""
    out = []
    seen = set()
    for root in _scenario_roots(roots):
        if not root.is_dir():
            continue
        folders = [root] if (root / "scenario.toml").is_file() else sorted(p for p in root.iterdir() if p.is_dir())
        for folder in folders:
            meta = _read_meta(folder)
            sid = meta.get("id")
            if sid and sid not in seen:
                seen.add(sid)
                out.append((sid, folder, meta))
    return out


def decode(code: str, roots: list | tuple = ()) -> tuple[str, int, str | None]:
    """(scenario, seed, difficulty) of a class code. `scenario` is an id `load()` accepts
    (or a folder path when the scenario is not a shipped one); difficulty None = the default."""
    sh, dh, seed = parse(code)
    found = [(sid, folder, meta) for sid, folder, meta in candidates(roots) if scenario_hash(sid) == sh]
    if not found:
        raise CodeError(f"class code '{code}' is for a scenario this copy of the game does not have "
                        "(update the game, or check the code)")
    if len(found) > 1:
        raise CodeError(f"class code '{code}' matches several scenarios ({', '.join(f[0] for f in found)}); "
                        "start with --scenario and --seed instead")
    sid, folder, meta = found[0]
    difficulty = None
    if dh:
        names = [n for n in _difficulties(folder, meta) if difficulty_hash(n) == dh]
        if not names:
            raise CodeError(f"class code '{code}' names a difficulty scenario '{sid}' does not have")
        difficulty = names[0]
    from game.content.loader import scenarios_dir

    shipped = folder.parent.resolve() == scenarios_dir().resolve() and folder.name == sid
    return (sid if shipped else str(folder)), seed, difficulty


def canonical(code: str) -> str:
    """A readable code as the game writes it: 'hvr0o01yr4' -> 'HVR00-01YR4'."""
    std = "".join(ALPHABET[_VALUE[ch]] for ch in normalize(code))
    return f"{std[:5]}-{std[5:]}"


def describe(code: str, roots: list | tuple = ()) -> str:
    sid, seed, difficulty = decode(code, roots)
    return f"{canonical(code)}: scenario {os.path.basename(sid)}, seed {seed}, difficulty {difficulty or 'default'}"


def make(scenario: str, seed: str | int, difficulty: str | None = None) -> str:
    """The class code of a world the game can play: the scenario must exist (an id, or a scenario
    folder) and load, and the difficulty must be one of its presets. CodeError says what is wrong."""
    from game.content import loader
    from game.errors import ContentError
    from game.expr.compiler import suggest

    folder = Path(scenario)
    names = loader.available_scenarios()
    if scenario not in names and not (folder / "scenario.toml").is_file():
        hint = suggest(scenario, names)
        raise CodeError(f"there is no scenario '{scenario}'" + (f"; did you mean '{hint}'?" if hint else "") +
                        f" (the scenarios: {', '.join(names) or 'none'})")
    try:
        number = int(str(seed).strip())
    except ValueError:
        raise CodeError(f"the seed must be a whole number from 0 to {MAX_SEED}, not '{seed}'") from None
    try:
        sc = loader.load(scenario)
    except ContentError as exc:
        first = next((p.format() for p in exc.problems if p.severity == "error"), str(exc))
        raise CodeError(f"scenario '{scenario}' does not load ({first}); see `ceasefire validate {scenario}`") from None
    presets = list(sc.meta.difficulty)
    if difficulty is not None and difficulty not in presets:
        if not presets:
            raise CodeError(f"scenario '{sc.id}' has no difficulty presets; leave the difficulty out")
        hint = suggest(difficulty, presets)
        raise CodeError(f"scenario '{sc.id}' has no difficulty '{difficulty}'" + (f"; did you mean '{hint}'?" if hint else "") +
                        f" (its difficulties: {', '.join(presets)})")
    if difficulty is None and sc.meta.default_difficulty in presets:
        # the game plays the default preset and shows its code: the code made here is that one, so the
        # code on the board is the one on every student's screen, debrief and class report
        difficulty = sc.meta.default_difficulty
    return encode(sc.id, number, difficulty)


def _looks_like_code(text: str) -> bool:
    s = normalize(text)
    return len(s) == 10 and all(ch in _VALUE for ch in s)


def _teachers_words(args: list[str]) -> list[str]:
    """The words of `ceasefire class-code` as a teacher types them, read as meant: a code typed with a space
    in it ('HVR00 01YR4', two words to the shell) is one code; a scenario with no seed, or a code followed by a
    difficulty, is said to be so (not 'a typing mistake' or 'no scenario HVR00-01YR4'); the difficulty's case
    does not matter ('EASY' is 'easy'). CodeError says what to type instead."""
    from game.content import loader

    if len(args) > 1 and _looks_like_code("".join(args)) and args[0] not in loader.available_scenarios():
        return [" ".join(args)]
    if len(args) == 1:
        names = loader.available_scenarios()
        if args[0] in names or (Path(args[0]) / "scenario.toml").is_file():
            raise CodeError(f"'{args[0]}' is a scenario, not a class code: to make a code give a seed too, "
                            f"`ceasefire class-code {args[0]} SEED [DIFFICULTY]` (a seed is any whole number from 0 to {MAX_SEED})")
    if len(args) in (2, 3) and _looks_like_code(args[0]) and args[0] not in loader.available_scenarios():
        try:
            parse(args[0])
        except CodeError:
            pass
        else:
            raise CodeError(f"'{args[0]}' is a class code: it already holds its scenario, seed and difficulty; "
                            f"`ceasefire class-code {args[0]}` shows them, and a new code is made from "
                            "SCENARIO SEED [DIFFICULTY]")
    if len(args) == 3 and args[2] != args[2].lower():
        args[2] = args[2].lower()
    return args


def main(argv: list[str] | None = None) -> int:
    """`ceasefire class-code SCENARIO SEED [DIFFICULTY]` -> a code; `... CODE` -> what it holds
    (also `python -m game.classroom.codes`)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    try:
        args = _teachers_words(list(args))
        if len(args) == 1:
            print(describe(args[0]))
        elif len(args) in (2, 3):
            print(make(args[0], args[1], args[2] if len(args) == 3 else None))
        else:
            print("usage: ceasefire class-code SCENARIO SEED [DIFFICULTY]   (make a class code)\n"
                  "       ceasefire class-code CODE                        (read one)", file=sys.stderr)
            return 1
    except (CeasefireError, ValueError) as exc:
        print(f"ceasefire: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
