"""Every option of every card is a real trade-off (QA playthrough, finding 3).

Read from the content files: each option's immediate changes (its effects, the branches of its rolls,
its effects with a `when`, and its reactions), scored by which way is good for the government (more
capital, cohesion, confidence, money, US commitment, control, services, morale, capability, friendlier
actors; less violence, Iranian influence, infiltration, Iranian leverage, armed groups' strength).

- an option gains something and costs something (a roll that can fail counts as a cost, a roll that can
  succeed as a gain); an option that sets or clears a flag or schedules a follow-up is left to
  judgement (what follows is its trade-off), as are the few listed below;
- no option is worse than another option of the same card on every number (by expected value).
"""

import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "basra_2008" / "events"

GOOD = {"capital": 1, "cohesion": 1, "confidence": 1, "treasury": 1, "us_commitment": 1, "iran_influence": -1}

# reviewed: the cost is what the option forgoes (every use of the windfall adds money; saving it all adds most)
FORGOES = {("society.oil_windfall", "supplementary"), ("society.oil_windfall", "forces_pay")}


def goodness(slot: str, actor: str | None) -> tuple[int, str]:
    if actor and "." not in slot:
        slot = f"{actor}.{slot}"
    if slot in GOOD:
        return GOOD[slot], slot
    if slot.startswith("region."):
        return {"violence": -1, "control": 1, "services": 1}[slot.rsplit(".", 1)[1]], slot
    who, attr = slot.split(".", 1)
    if attr in ("stance", "patience", "troops", "capability", "morale"):
        return 1, slot
    if attr in ("leverage", "infiltration"):
        return -1, slot
    if attr == "strength":
        return (1 if who == "security_forces" else -1), slot
    return 0, slot  # e.g. a movement's cohesion: good or bad depends on the story


def _signs(effects, reactions, gains: set, costs: set, expect: dict, p: float = 1.0, actor=None):
    for e in effects or []:
        q = p * (0.5 if "when" in e else 1.0)
        for k, v in (e.get("add") or {}).items():
            if isinstance(v, (int, float)) and v:
                s, slot = goodness(k, actor)
                (gains if s * v > 0 else costs).add(slot) if s else None
                expect[slot] = expect.get(slot, 0) + s * v * q
        if "roll" in e:
            ch = e["roll"]["chance"]
            ch = ch if isinstance(ch, (int, float)) else 0.5
            _signs(e["roll"].get("success"), None, gains, costs, expect, q * ch, actor)
            _signs(e["roll"].get("failure"), None, gains, costs, expect, q * (1 - ch), actor)
            if any("end" in f for f in e["roll"].get("failure", [])):
                costs.add("end")
    for r in reactions or []:
        ch = r.get("chance", 1)
        ch = ch if isinstance(ch, (int, float)) else 0.5
        for k, v in (r.get("add") or {}).items():
            if isinstance(v, (int, float)) and v:
                s, slot = goodness(k, r.get("actor"))
                (gains if s * v > 0 else costs).add(slot) if s else None
                expect[slot] = expect.get(slot, 0) + s * v * p * ch


def _open_ended(o) -> bool:
    eff = o.get("effects", [])
    return bool(o.get("chain")) or any(k in e for e in eff for k in ("schedule", "set_flag", "clear_flag", "end"))


def _options():
    for f in sorted(glob.glob(str(ROOT / "*.toml"))):
        for ev in tomllib.loads(Path(f).read_text()).get("event", []):
            rows = []
            for o in ev["option"]:
                gains, costs, expect = set(), set(), {}
                _signs(o.get("effects"), o.get("reactions"), gains, costs, expect)
                rows.append((o["id"], gains, costs, {k: v for k, v in expect.items() if abs(v) > 1e-9}, _open_ended(o)))
            yield ev["id"], rows


def test_every_option_gains_and_costs():
    bad = []
    for ev, rows in _options():
        for oid, gains, costs, _e, open_ended in rows:
            if open_ended or (ev, oid) in FORGOES:
                continue
            if not gains:
                bad.append(f"{ev}/{oid}: only costs")
            if not costs:
                bad.append(f"{ev}/{oid}: no cost")
    assert not bad, "\n".join(bad)


def test_no_option_is_worse_on_every_number():
    bad = []
    for ev, rows in _options():
        for a in rows:
            for b in rows:
                if a is b:
                    continue
                keys = set(a[3]) | set(b[3])
                if keys and all(b[3].get(k, 0) >= a[3].get(k, 0) for k in keys) and \
                        any(b[3].get(k, 0) > a[3].get(k, 0) for k in keys) and not (a[4] and not b[4]):
                    bad.append(f"{ev}: {a[0]} is worse than {b[0]} on every number")
    assert not bad, "\n".join(bad)


def test_the_cards_the_qa_named():
    rows = dict(_options())

    def ex(ev, oid):
        return next(r[3] for r in rows[ev] if r[0] == oid)

    # dismissing the deserters costs capability; court-martial does not
    assert ex("basra.deserters", "dismiss").get("security_forces.capability", 0) < 0
    assert ex("basra.deserters", "court_martial").get("security_forces.capability", 0) > 0
    # blaming Iran pleases Washington; rejecting the Syria raid does not lower Iran's influence
    assert ex("sg.deadly_attack", "blame_iran").get("united_states.patience", 0) > 0
    assert ex("north.syria_raid", "reject_use_of_soil").get("iran_influence", 0) >= 0
