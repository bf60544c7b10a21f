"""How the interface writes numbers: one rule, used by every panel, preview, report and chart label.

The rule
--------
* A value (a metric, an actor's stance or strength, a region's violence, a score on a 0..100 or
  −100..100 scale) is a whole number, rounded to the nearest: ``whole(49.6) == "50"``. On those scales a
  tenth is noise; no decision turns on it.
* Political capital, and what orders cost, is the one number kept to a tenth, because orders are
  planned with it: an order costs a whole number (2..10) out of a budget of a dozen or two, and income
  comes in fractions (``3 + cohesion / 20 + …``). A balance is written whole when it is whole, else to a
  tenth *rounded down* (``capital(6.96) == "6.9"``), so "costs 7; 6.9 left" never reads as affordable. It
  is the same form the engine's own messages use (``game.words.amount``).
* A change is always signed, with the same signs everywhere: ``"+3"``, ``"−2"`` (a true minus, U+2212,
  never a hyphen) and ``"±0"`` when it is zero *after rounding* to the precision of its number (never
  ``"+0"``, ``"-0"`` or ``"+0.4"`` beside whole values). A change of capital rounds to a tenth
  (``"+7.6"``, ``"+3"``); any other to a whole number.
* A change of political capital from one balance to another (the turn report's "+7 (now 13)" and its
  net change, the debrief's) is the difference of the balances as written, so that they add up:
  ``capital_step``. A balance of 6 and an income of 7.08 read "+7 (now 13)", not "+7.1 (now 13)" (13.08
  is written "13"). So is the change of any value written between its start and its end (the debrief's
  'Strength 60 → 63 (+3)' for 60.4 → 62.6, not '(+2)'): ``step``. A change written alone (a preview, an
  order's cost, a panel's trend) is the change itself, rounded as above.
* An ending's score is always written to a tenth, as the engine keeps it (``score(58) == "58.0"``): a
  list of saves or a column of scores reads in one form.
* A value beside a threshold it is compared with (a better ending's 'at least 64 (it was 63.8)') keeps
  the digits that put it on its own side of the threshold, and no more: ``beside``.
* Rounding is half away from zero ('0.5' is 1, '2.5' is 3, '−0.5' is −1), as players round, not
  Python's half to even (content moves numbers by halves: a change of 0.5 written '±0' beside one of
  1.5 written '+2' would read as nonsense).
* A negative value has the same true minus (``"−12"``), and rounding never leaves ``"−0"``.

`formats(sc, name)` picks the value and change format of a state number by its name, so that a caller
showing a list of mixed numbers (the turn report, a preview, the history) need not know which is which.

No Rich or Textual here: plain strings, so the helpers can be handed to the engine's report sentences.
"""

from __future__ import annotations

import math
from typing import Callable

from game.words import amount

MINUS = "\u2212"
ZERO_CHANGE = "±0"


def nearest(x: float, digits: int = 0) -> float:
    """`x` rounded half away from zero to `digits` decimals (a hair of float error allowed: 29.54 − 29.04 is 0.5)."""
    scale = 10 ** digits
    r = math.floor(abs(x) * scale + 0.5 + 1e-9) / scale
    return -r if x < 0 and r else r


def whole(x: float) -> str:
    """A value: the nearest whole number, with a true minus ('−12'), never '−0'."""
    r = int(nearest(x))
    return f"{MINUS}{-r}" if r < 0 else str(r)


def whole_signed(x: float) -> str:
    """A value on a scale around zero (a stance): '+30', '−20', '0' (not '±0': it is a position, not a change)."""
    r = int(nearest(x))
    return f"+{r}" if r > 0 else whole(r)


def change(x: float) -> str:
    """A change of a value: '+3', '−2', '±0' when it rounds to nothing."""
    r = int(nearest(x))
    if r == 0:
        return ZERO_CHANGE
    return ("+" if r > 0 else MINUS) + str(abs(r))


def capital(x: float) -> str:
    """Political capital or a cost: whole when whole, else to a tenth rounded down ('24.2', '6.9', '19');
    the engine's own form (its 'costs 7 capital; 6.9 left'), so the two never disagree."""
    return amount(x).replace("-", MINUS)


def capital_change(x: float) -> str:
    """A change of political capital, to a tenth, the tenth left off when it is nought: '+7.6', '−6', '±0'."""
    r = nearest(x, 1)
    if r == 0:
        return ZERO_CHANGE
    text = f"{abs(r):.1f}".removesuffix(".0")
    return ("+" if r > 0 else MINUS) + text


def capital_tenths(x: float) -> int:
    """Political capital as `capital` writes it, in tenths: 69 for 6.96, 190 for 19 (and for 18.9999999,
    which `capital` writes '19': a hair of float error is no tenth)."""
    r = round(x)
    if abs(x - r) < 1e-6:
        return int(r) * 10
    return math.floor(x * 10 + 1e-9)


def _signed_tenths(t: int) -> str:
    """A change counted in tenths, written as `capital_change` writes one: '+7.1', '−6', '±0'."""
    if t == 0:
        return ZERO_CHANGE
    whole_part, tenth = divmod(abs(t), 10)
    return ("+" if t > 0 else MINUS) + (f"{whole_part}.{tenth}" if tenth else str(whole_part))


def capital_step(before: float, after: float) -> str:
    """The change of political capital from one balance to another as the two are written ('6' then
    '13' is '+7', though 7.08 came in): the written balance before, plus the written changes, makes the
    written balance after, line by line and over a turn."""
    return _signed_tenths(capital_tenths(after) - capital_tenths(before))


def whole_step(before: float, after: float) -> str:
    """The change from one value to another as the two are written whole ('60 → 63 (+3)' for 60.4 → 62.6,
    where the change itself, 2.2, rounds to '+2')."""
    return change(int(nearest(after)) - int(nearest(before)))


def beside(x: float, threshold: float) -> str:
    """A value beside a threshold it is compared with ('at least 64 (it was 63.8)'): whole when that
    leaves it on its own side of the threshold, else to a tenth, else to a hundredth (63.96 is not '64');
    a true minus."""
    side = (x > threshold + 1e-9) - (x < threshold - 1e-9)
    for digits in (0, 1, 2):
        r = nearest(x, digits)
        if (r > threshold + 1e-9) - (r < threshold - 1e-9) == side:
            break
    else:  # closer still: a hundredth off the threshold, on the value's side
        r = threshold + side * 0.01
        digits = 2
    text = f"{abs(r):.{digits}f}"
    return f"{MINUS}{text}" if r < 0 and float(text) else text


def exact(x: float) -> str:
    """A number as the content or a rule gives it, no digit lost: a threshold ('at least 39.5'), a score."""
    return f"{x:g}".replace("-", MINUS)


def score(x: float) -> str:
    """An ending's score, or a mean of scores, as the end screen, the saves, the debrief and the class report
    write it: always to a tenth ('58.0', '57.9', '−2.5'; the engine keeps a score to a tenth). Written as
    exactly as it came ('58' beside '57.9'), a list of saves or a column of scores mixed two forms."""
    r = nearest(x, 1)
    return f"{MINUS}{abs(r):.1f}" if r < 0 else f"{r:.1f}"


def percent(p: float) -> str:
    """A chance: '60%'."""
    return f"{p:.0%}"


def is_zero(shown: str) -> bool:
    """Whether a change, as written, is nothing (a colour or an arrow beside it would contradict it)."""
    return shown == ZERO_CHANGE


Format = Callable[[float], str]


def formats(sc, name: str) -> tuple[Format, Format]:
    """(value format, change format) of the state number called `name` in scenario `sc`."""
    if is_capital(sc, name):
        return capital, capital_change
    return whole, change


def is_capital(sc, name: str) -> bool:
    """Whether `name` is the scenario's political capital (the one number kept to a tenth)."""
    return sc is not None and name == getattr(sc.meta, "capital", None)


def step(sc, name: str) -> Callable[[float, float], str]:
    """The change of the state number `name` between two of its values written side by side (a table's
    start, end and change): `capital_step` for political capital, else `whole_step`."""
    return capital_step if is_capital(sc, name) else whole_step
