"""Replay a save's recorded choices from its seed and compare with the stored state.

The verdict tells apart:
- "ok": the stored state follows from the seed and the choices;
- "tampered": the file was changed after it was saved (its checksum does not match) and its state
  no longer follows from its choices;
- "content": the content changed since the save, and the game now plays differently (a change of words
  alone, in its reports' reasons or its news, is "ok" with a note);
- "drift": the file is as saved and the content is the same, yet the engine now plays the same seed
  and choices differently (a determinism bug, or an engine change);
- "mismatch": the state does not follow, and the file has no checksum to say why (older formats);
- "dev": developer mode (play --dev) changed the game: a console command or a content reload.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.runtime import Scenario
from game.engine.session import Session
from game.errors import GameError
from game.saves.savefile import SaveFile
from game.words import plural

KEYS = ("turn", "phase", "ending", "score", "values", "history", "flags", "fired", "last_fired", "chosen",
        "taken", "ready", "fires", "scheduled", "lagged", "queue", "coming", "choices", "rng", "news", "reports", "current",
        "forced_ending", "seed", "difficulty", "scenario")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    kind: str  # ok | tampered | content | drift | mismatch | dev
    message: str


def _play(sf: SaveFile, scenario: Scenario) -> Session:
    """Play the recorded choices; the last turn is played only as far as the save got."""
    session = Session.new(scenario, seed=sf.seed, difficulty=sf.difficulty, rules=sf.state.get("rules", 1))
    ended = sf.state.get("phase") == "ended"
    n = len(sf.choices)
    for i, tc in enumerate(sf.choices):
        if session.ended:
            raise GameError(f"the game ended at turn {session.turn}, but the save records {n} turns of choices")
        if session.turn != i + 1:
            raise GameError(f"expected turn {i + 1}, found turn {session.turn}")
        for pair in tc.get("events", []):
            eid, opt = pair
            card = session.card
            if card is None or card.id != eid:
                raise GameError(f"at turn {session.turn} the save answers event '{eid}', "
                                f"but the card is '{card.id if card else 'none'}'")
            session.choose(opt)
        last = i == n - 1
        if session.ended or (last and not ended):
            continue  # a forced ending, or the turn in progress when the game was saved
        if session.card is not None:
            raise GameError(f"at turn {session.turn} event '{session.card.id}' is waiting, "
                            "but the save records no answer to it")
        session.end_turn([(a, t) for a, t in tc.get("orders", [])])
    return session


def _first_difference(got: dict, want: dict, scenario: Scenario) -> str:
    gh, wh = got.get("history") or [], want.get("history") or []
    for i in range(min(len(gh), len(wh))):
        if gh[i] != wh[i]:
            names = [scenario.slots[j].name for j in range(min(len(gh[i]), len(wh[i]), len(scenario.slots)))
                     if gh[i][j] != wh[i][j]]
            when = "at the start" if i == 0 else f"at the end of turn {i}"
            shown = ", ".join(names[:4]) + (" ..." if len(names) > 4 else "")
            return f"'{shown or 'history'}' {when}"
    for key in KEYS:
        if got.get(key) != want.get(key):
            if key == "values" and len(got["values"]) == len(want.get("values") or []) == len(scenario.slots):
                names = [scenario.slots[j].name for j, (a, b) in enumerate(zip(got["values"], want["values"])) if a != b]
                return f"'{', '.join(names[:4])}' now (turn {want.get('turn')})"
            return f"'{key}'"
    extra = sorted(set(got) ^ set(want))
    return f"'{extra[0]}'" if extra else "the state"


def _comparable(state: dict, words: bool = True) -> dict:
    """The state less the labels of its reports' changes ("Basra violence", "‘Sadrists: truce extended’") and the
    regions named beside their orders ("Basra"):
    words the engine derives for display, which a later version may put better. The numbers, causes and
    reasons of every change are still compared. With words=False, less the content's words too (the reasons
    of the changes, the moves' labels, the news lines' texts): what is left is the game itself, every number,
    flag, card, choice, cause and the ending."""
    def report(r):
        if not r:
            return r
        if words:
            return {**r, "changes": [c[:2] + c[3:9] for c in r.get("changes", ())]}
        return {**r, "changes": [c[:2] + c[3:7] + c[8:9] for c in r.get("changes", ())],
                "moves": [m[:2] for m in r.get("moves", ())]}

    out = dict(state)
    out.setdefault("rules", 1)  # a save from before the field played by the first rule (State.from_json)
    out.setdefault("coming", [])  # (none before rule 3)
    if "reports" in out:
        out["reports"] = [report(r) for r in out["reports"]]
    if "current" in out:
        out["current"] = report(out["current"])
    if not words and "news" in out:
        out["news"] = [[n[0], *n[2:]] for n in out["news"]]
    return out


def check(sf: SaveFile, scenario: Scenario) -> Verdict:
    changed = sf.content_hash != scenario.content_hash
    edits = sf.dev_edits
    if edits:
        shown = "; ".join(f"turn {t}: {w}" for t, w in edits[:3]) + (" ..." if len(edits) > 3 else "")
        return Verdict(False, "dev", f"developer mode changed this game ({shown}): its seed and choices alone "
                                     "cannot reproduce it, so it cannot be replayed")
    try:
        session = _play(sf, scenario)
    except GameError as exc:
        return _verdict(sf, changed, f"the replay broke off: {exc}")
    mine, saved = session.st.to_json(), sf.state
    got, want = _comparable(mine), _comparable(saved)
    # a content change of words alone (a reason, a move's or a news line's text): every number, card, choice and
    # the ending are as saved; said as such, not as a game that now plays differently
    reworded = got != want and changed and not sf.edited and _comparable(mine, False) == _comparable(saved, False)
    if got == want or reworded:
        notes = []
        if reworded:
            parts = dict.fromkeys(w for k, w in (("reports", "turn reports"), ("current", "turn reports"), ("news", "news"))
                                  if got.get(k) != want.get(k))
            notes.append("the content changed since the save; the game plays the same, and only words of its "
                         + (" and ".join(parts) or "turn reports") + " differ")
        elif changed:
            notes.append("the content changed since the save, but the game plays the same")
        if sf.edited:
            notes.append("the file was edited outside the game, but its game state is genuine")
        note = f" (note: {'; '.join(notes)})" if notes else ""
        n = len(sf.choices)
        if sf.state.get("phase") == "ended":
            said = f"{plural(n, 'turn')} replayed"
        else:  # the last is the turn it was saved in (as the debrief says: '3 of 11 turns played; turn 4 not resolved')
            said = f"{n - 1} of {plural(scenario.meta.turns, 'turn')} replayed, and turn {n} as far as it was saved"
        matches = "the state matches but for words" if reworded else "the state matches"
        return Verdict(True, "ok", f"ok: {said} from seed {sf.seed}; {matches}{note}")
    return _verdict(sf, changed, f"the stored state differs from the replay in {_first_difference(got, want, scenario)}")


def _verdict(sf: SaveFile, changed: bool, what: str) -> Verdict:
    if sf.edited:
        return Verdict(False, "tampered", f"tampered: the file was changed after it was saved (its checksum does not "
                                          f"match), and {what}")
    if changed:
        return Verdict(False, "content", f"the content changed since the save, and the game now plays differently: {what}")
    if sf.checksum:
        by = f" (saved by Ceasefire {sf.app_version})" if sf.app_version else ""
        return Verdict(False, "drift", f"engine drift: the file is as saved{by} and the content is the same, but the "
                                       f"engine now plays its seed and choices differently: {what}")
    return Verdict(False, "mismatch", f"the save does not follow from its seed and choices (tampering, or engine "
                                      f"drift; this older file has no checksum to tell which): {what}")


def replay(sf: SaveFile, scenario: Scenario) -> tuple[bool, str]:
    """(matches, a sentence saying what was found)."""
    v = check(sf, scenario)
    return v.ok, v.message
