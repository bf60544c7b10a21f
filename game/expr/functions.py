"""The fixed registry of functions that content expressions may call."""

from __future__ import annotations

from dataclasses import dataclass

# Argument kinds:
#   num    any expression
#   slot   a state name (metric, actor or region attribute), passed as its slot number
#   flag   a string literal naming a flag
#   event  a string literal naming an event id (checked at load)
#   action a string literal naming an action id (checked at load)
#   option a string literal "event.id/option" (checked at load)


@dataclass(frozen=True)
class FunctionSpec:
    """One callable name: its argument kinds, how many are optional, and what it does."""

    name: str
    params: tuple[str, ...]
    optional: int
    doc: str
    pure: bool  # pure functions are plain helpers; the others ask the session's view


def _clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _mod(a: float, b: float) -> float:
    return a % b if b else 0.0


FUNCTIONS: dict[str, FunctionSpec] = {
    spec.name: spec
    for spec in (
        FunctionSpec("min", ("num", "num"), 0, "the smaller of two numbers", True),
        FunctionSpec("max", ("num", "num"), 0, "the larger of two numbers", True),
        FunctionSpec("abs", ("num",), 0, "the absolute value", True),
        FunctionSpec("clamp", ("num", "num", "num"), 0, "clamp(x, lo, hi): x held within lo..hi", True),
        FunctionSpec("round", ("num",), 0, "the nearest whole number", True),
        FunctionSpec("flag", ("flag",), 0, "flag('name'): true while the flag is set", False),
        FunctionSpec("flag_age", ("flag",), 0, "turns since the flag was set (999 when unset)", False),
        FunctionSpec("fired", ("event",), 0, "fired('ns.event'): how many times the event has fired", False),
        FunctionSpec("turns_since", ("event",), 0, "turns since the event last fired (999 if never)", False),
        FunctionSpec("chose", ("option",), 0, "chose('ns.event/option'): true if that option was ever chosen", False),
        FunctionSpec("taken", ("action", "num"), 1, "taken('action', n=1): times the action was ordered in the last n turns (n: 1 or more)", False),
        FunctionSpec("prev", ("slot", "num"), 1, "prev(name, n=1): the value n turns ago (at the start of that turn; n: 1 or more)", False),
        FunctionSpec("change", ("slot", "num"), 1, "change(name, n=1): current value minus its value n turns ago (n: 1 or more)", False),
    )
}

PURE_IMPLS = {"min": min, "max": max, "abs": abs, "clamp": _clamp, "round": round}
HELPERS = {"_div": _div, "_mod": _mod}
