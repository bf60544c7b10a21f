"""Developer mode for modders: reload content into a running game, and a console of small commands.

Front ends call `reload_content` on a key and `run_command` with a line the developer typed. Nothing
here imports Textual.
"""

from __future__ import annotations

from game.content import loader
from game.engine.session import Session
from game.errors import CeasefireError, ContentError
from game.expr.compiler import suggest

HELP = ("commands: fire EVENT_ID · set NAME VALUE · add NAME AMOUNT · flag NAME · unflag NAME · "
        "show NAME · capital AMOUNT · help")


def _mark(session: Session, what: str) -> None:
    """Note in the turn's recorded choices that developer mode changed the game: a replay from the
    seed and the choices cannot reproduce it, and `ceasefire replay` says so instead of blaming the engine."""
    if session.st.choices:
        session.st.choices[-1].setdefault("dev", []).append(what)


def reload_content(session: Session) -> tuple[Session, list[str]]:
    """Load the scenario (and its mods) again from disk and carry the game over.

    Returns the new session and warnings (what changed); raises ContentError when the content has
    errors, and SaveError when the game cannot continue on the new content."""
    from game.saves.savefile import restore_checked, to_savefile

    sc = session.sc
    fresh = loader.load(sc.root, list(sc.mods))
    sf = to_savefile(session)
    changed = fresh.content_hash != sc.content_hash
    new, warnings = restore_checked(sf, fresh, "the running game")
    if changed:
        _mark(new, "reload")
    head = "content changed and reloaded; the game goes on" if changed else "content unchanged"
    return new, [head] + list(warnings)


def _slot(session: Session, name: str) -> int:
    idx = session.sc.index.get(name)
    if idx is None or idx == session.sc.turn_slot:
        hint = suggest(name, session.sc.index)
        raise CeasefireError(f"no value '{name}'" + (f"; did you mean '{hint}'?" if hint else ""))
    return idx


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise CeasefireError(f"'{text}' is not a number") from None


def run_command(session: Session, line: str) -> str:
    """Carry out one console command; returns what happened (raises CeasefireError with a fix)."""
    parts = line.split()
    if not parts or parts[0] == "help":
        return HELP
    cmd, args = parts[0].lower(), parts[1:]
    st, sc = session.st, session.sc
    if session.ended:
        raise CeasefireError("the game is over; start a new one")
    if cmd == "fire" and len(args) == 1:
        eid = args[0]
        if eid not in sc.events:
            hint = suggest(eid, sc.events)
            raise CeasefireError(f"no event '{eid}'" + (f"; did you mean '{hint}'?" if hint else ""))
        st.phase = "briefing"
        _mark(session, line.strip())
        session._fire(eid, front=True)
        return f"fired {eid}: its card comes first (close the console to answer it)"
    if cmd in ("set", "add") and len(args) == 2:
        idx = _slot(session, args[0])
        s = sc.slots[idx]
        amount = _number(args[1])
        old = st.values[idx]
        _mark(session, line.strip())
        new = amount if cmd == "set" else old + amount
        st.values[idx] = min(s.hi, max(s.lo, new))
        held = f" (held at {st.values[idx]:g}: its range is {s.lo:g} to {s.hi:g})" if st.values[idx] != new else ""
        return f"{s.name}: {old:g} -> {st.values[idx]:g}{held}"
    if cmd == "capital" and len(args) == 1:
        return run_command(session, f"set {sc.meta.capital} {args[0]}")
    if cmd in ("flag", "unflag") and len(args) == 1:
        _mark(session, line.strip())
        if cmd == "flag":
            st.flags[args[0]] = st.turn
        else:
            st.flags.pop(args[0], None)
        return f"flag {args[0]} {'set' if cmd == 'flag' else 'cleared'}"
    if cmd == "show" and len(args) == 1:
        name = args[0]
        if name in sc.index:
            return f"{name} = {st.values[sc.index[name]]:g}"
        if name in st.flags:
            return f"flag {name} is set"
        hint = suggest(name, list(sc.index) + list(st.flags))
        return (f"no value '{name}', and no flag of that name is set"
                + (f"; did you mean '{hint}'?" if hint else f"; `show` takes a value such as {_a_metric(sc)} or a flag name"))
    usage = _USAGE.get(cmd)
    if usage is not None:  # a known command with the wrong number of words
        raise CeasefireError(f"'{cmd}' is written {usage.replace('@METRIC@', _a_metric(sc))}")
    raise CeasefireError(f"cannot do '{line}'. {HELP}")


_USAGE = {"fire": "fire EVENT_ID (one event id)", "set": "set NAME VALUE, e.g. set @METRIC@ 50",
          "add": "add NAME AMOUNT, e.g. add @METRIC@ -5", "capital": "capital AMOUNT, e.g. capital 20",
          "flag": "flag NAME (one flag name, without spaces)", "unflag": "unflag NAME (one flag name, without spaces)",
          "show": "show NAME (a value or a flag name)"}


def _a_metric(sc) -> str:
    """A metric of this scenario to name in an example (not the one that pays for orders, if another)."""
    return next((m for m in sc.metrics if m != sc.meta.capital), sc.meta.capital)


__all__ = ["reload_content", "run_command", "HELP", "ContentError"]
