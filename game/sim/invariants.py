"""Invariants every finished game must satisfy (used by the soak benchmark and tests)."""

from __future__ import annotations

import json

from game.engine.session import Session
from game.engine.state import State


def violations(session: Session) -> list[str]:
    """Every broken invariant of a finished game, as sentences (empty when all hold)."""
    sc, st = session.sc, session.st
    out: list[str] = []
    if st.phase != "ended" or st.ending not in {e.id for e in sc.endings}:
        out.append(f"game did not end properly (phase {st.phase}, ending {st.ending})")
    for t, row in enumerate(st.history):
        if len(row) != len(sc.slots):
            out.append(f"turn {t}: history row has {len(row)} values")
            continue
        for slot, v in zip(sc.slots, row):
            if v != v:
                out.append(f"turn {t}: {slot.name} is NaN")
            elif not slot.lo - 1e-9 <= v <= slot.hi + 1e-9:
                out.append(f"turn {t}: {slot.name} = {v} outside {slot.lo}..{slot.hi}")
    if len(st.reports) != len(st.history) - 1:
        out.append(f"{len(st.reports)} reports for {len(st.history) - 1} turns")
    for i, report in enumerate(st.reports):
        values = list(st.history[i])
        for c in report.changes:
            idx = sc.index.get(c.target)
            if idx is None:
                continue
            if abs(values[idx] - c.before) > 1e-6:
                out.append(f"turn {report.turn}: change of {c.target} starts at {c.before}, state had {values[idx]}")
            values[idx] = c.after
        for slot in sc.slots[1:]:
            if abs(values[slot.index] - st.history[i + 1][slot.index]) > 1e-6:
                out.append(f"turn {report.turn}: {slot.name} changed without a report entry")
                break
    saved = json.loads(json.dumps(st.to_json()))  # what a save file holds
    if State.from_json(saved).to_json() != saved:
        out.append("state does not round-trip through JSON")
    return out
