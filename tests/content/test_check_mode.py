"""Check mode (what `ceasefire validate` runs) finds exactly what a full load finds, without generating code;
and loading is repeatable: the same content gives the same scenario."""

import shutil

import pytest

from game.content import link, loader
from tests.conftest import DATA, MINI, ROOT

BAD = sorted((DATA / "bad").glob("*.toml"))


def _names(sc):
    return (sc.id, [s.name for s in sc.slots], list(sc.events), list(sc.actions), list(sc.on_action), list(sc.on_option),
            list(sc.on_event), [r.id for r in sc.state_reactions], {k: [m.id for m in v] for k, v in sc.moves.items()},
            [d.id for d in sc.dynamics], [e.id for e in sc.endings], list(sc.codex), sc.initial_flags, sc.root, sc.mods)


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_check_mode_reports_what_a_full_load_reports(fixture, tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    text = fixture.read_text()
    name = next((ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("# replaces:")), "zz_bad.toml")
    (root / name).write_text(text)
    full, full_problems = loader.check(root)
    checked, problems = loader.validate(root)
    assert problems == full_problems and problems
    assert full is None and checked is None


@pytest.mark.parametrize("target, mods", [(MINI, []), ("basra_2008", []), ("basra_short", []),
                                          ("basra_2008", ["examples/water_crisis"])])
def test_check_mode_builds_the_same_scenario_without_code(target, mods):
    mods = [ROOT / m for m in mods]
    full, full_problems = loader.check(target, mods)
    checked, problems = loader.validate(target, mods)
    assert problems == full_problems
    assert _names(checked) == _names(full)
    assert full.content_hash and checked.content_hash == ""  # no hash: not a scenario to play or save
    ev = next(e for e in checked.events.values() if e.when is not None)
    with pytest.raises(RuntimeError, match="check mode"):
        ev.when(checked.start_values(None), None)


def test_loading_twice_gives_the_same_scenario():
    a, b = loader.load("basra_2008"), loader.load("basra_2008")
    assert _names(a) == _names(b) and a.content_hash == b.content_hash
    values = a.start_values(None)
    for (ka, ea), (kb, eb) in zip(a.events.items(), b.events.items()):
        assert ka == kb and (ea.when is None) == (eb.when is None)
        if ea.when is not None and "(" not in ea.when.source:  # plain state tests: same answer from both
            assert ea.when(values, None) == eb.when(values, None)


def test_fast_constructors_build_what_the_dataclasses_build():
    import dataclasses

    from game.content import runtime as R
    from game.expr.compiler import constant

    c = constant(2.0)
    cases = [
        (R.ROption, ("a", None, c, (), (), ()), {}),
        (R.REvent, ("e.x", None, None, 10.0, (), 3, ()), {}),
        (R.Slot, (1, "n", "l", 0.0, 1.0, 0.5, "metric", None, "n"), {}),
    ]
    for cls, args, kw in cases:
        fast = link._constructor(cls)
        assert fast is not cls  # these classes can be mirrored
        a, b = cls(*args, **kw), fast(*args, **kw)
        assert type(b) is cls and a == b
        assert [getattr(a, f.name) for f in dataclasses.fields(cls)] == [getattr(b, f.name) for f in dataclasses.fields(cls)]
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(b, dataclasses.fields(cls)[0].name, "changed")
    assert link._constructor(R.Scenario) is R.Scenario  # not slotted: left alone
    assert link._constructor(R.Op) is R.Op  # named tuples: made in one step already
    assert link._constructor(R.RReaction) is R.RReaction


def test_a_loaded_change_is_the_op_its_fields_make(campaign):
    """add/set/multiply ops are made as tuples (link._CHANGE_TAIL): each is what Op(...) makes of its fields."""
    from game.content import runtime as R

    changes = [op for ev in campaign.events.values() for o in ev.options for op in o.ops if op.kind in ("add", "set", "mul")]
    changes += [op for rs in campaign.on_option.values() for r in rs for op in r.ops if op.kind in ("add", "set", "mul")]
    assert len(changes) > 100
    for op in changes:
        assert type(op) is R.Op and op == R.Op(op.kind, op.when, op.why, op.slot, op.value)
        assert (op.name, op.delay, op.chance, op.success, op.failure) == ("", 0, 1.0, (), ())


def test_a_plain_reaction_is_made_the_short_way_as_the_long_way_makes_it(monkeypatch):
    """link._Linker.plain_reaction (an actor's add = { name = number }, nothing else) makes what reaction_in_full
    makes of the same reaction, for every reaction of the campaign it takes; most cards' reactions take it."""
    seen = []
    real = link._Linker.link

    def keep(self):
        seen.append(self)
        return real(self)

    monkeypatch.setattr(link._Linker, "link", keep)
    loader.load("basra_2008")
    linker = seen[0]
    reactions = [(it, ("option", j, "reactions", k), r, f"{eid}/{o.id}.reaction{k + 1}")
                 for eid, it in linker.by_kind["event"].items() for j, o in enumerate(it.model.options)
                 for k, r in enumerate(o.reactions)]
    reactions += [(it, ("reactions", k), r, f"{aid}.reaction{k + 1}") for aid, it in linker.by_kind["action"].items()
                  for k, r in enumerate(it.model.reactions)]
    short = 0
    for it, sub, r, rid in reactions:
        made = linker.plain_reaction(r, rid)
        if made is not None:
            short += 1
            full = linker.reaction_in_full(it, sub, r, None, rid)
            assert made == full and type(made) is type(full), rid
            assert (made.cooldown, made.max_fires, made.targets) == (0, 0, frozenset()), rid
    assert short >= 0.8 * len(reactions) and len(reactions) > 300


def test_a_card_reaction_the_short_way_leaves_is_checked_and_made_in_full(tmp_path):
    """Reactions of plain shape with a mistake (an unknown name, a chance above 1), and reactions and effects of
    another shape ('self.' names, an expression, a condition): the long way reports the mistakes and makes the
    rest."""
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "events.toml").write_text('''
[[event]]
id = "mod.test"
title = "A test"
text = "A test card."
debrief = "A test."
[[event.option]]
id = "a"
text = "A"
reactions = [
  { actor = "militia", why = "An unknown name.", add = { stnce = -6 } },
  { actor = "militia", why = "A chance above one.", add = { stance = -6 }, chance = 1.5 },
]
[[event.option]]
id = "b"
text = "B"
effects = [{ add = { cohesion = 1, treasury = "cohesion / 5" }, why = "An expression." }, { add = { cohesion = 2 }, when = "turn > 1" }]
reactions = [
  { actor = "militia", why = "Its own name.", add = { "self.stance" = -2, cohesion = 1 } },
  { actor = "militia", why = "An expression.", add = { strength = "cohesion / 10" } },
  { actor = "militia", why = "A condition.", add = { stance = 1 }, when = "cohesion > 10" },
]
''')
    _, problems = loader.check(MINI, [mod])
    said = [p.message for p in problems if p.severity == "error"]
    assert any("unknown state name 'stnce'" in m for m in said), said
    assert any("chance 1.5 is outside 0..1" in m for m in said), said
    assert len(said) == 2, said
    (mod / "events.toml").write_text((mod / "events.toml").read_text().replace("stnce", "stance").replace("1.5", "0.5"))
    sc = loader.load(MINI, [mod])
    a, b = sc.events["mod.test"].options
    assert [r.chance for r in a.reactions] == [1.0, 0.5]
    own, expression, condition = b.reactions
    militia = {s.name: s.index for s in sc.slots}
    assert [(op.slot, op.value) for op in own.ops] == [(militia["militia.stance"], -2.0), (militia["cohesion"], 1.0)]
    assert expression.ops[0].value.source == "cohesion / 10" and condition.when.source == "cohesion > 10"
    assert [(op.slot, getattr(op.value, "source", op.value), op.when and op.when.source) for op in b.ops] == [
        (militia["cohesion"], 1.0, None), (militia["treasury"], "cohesion / 5", None), (militia["cohesion"], 2.0, "turn > 1")]


def test_an_op_is_immutable_and_read_by_name():
    from game.content import runtime as R

    inner = R.Op("flag", None, None, name="f")
    op = R.Op("roll", None, "why", name="x", chance=0.4, success=(inner,))
    assert (op.kind, op.why, op.name, op.chance, op.success, op.failure, op.slot, op.delay) == \
        ("roll", "why", "x", 0.4, (inner,), (), -1, 0)
    with pytest.raises(AttributeError):
        op.kind = "add"
    assert op == R.Op("roll", None, "why", name="x", chance=0.4, success=(R.Op("flag", None, None, name="f"),))


def test_a_load_frees_its_parsed_files_without_the_cyclic_collector():
    """What a load reads and builds on the way (every file's text, bytes and parsed tables, the linker) is
    freed as soon as the scenario is made. A closure of the linker that called itself made a reference
    cycle, which kept all of it (about 2.7 MB for the campaign) until the next full collection."""
    import gc

    from game.content.files import _File

    gc.collect()
    gc.disable()
    try:
        sc = loader.load(loader.resolve_scenario("basra_2008"))
        assert sc.events
        alive = [o for o in gc.get_objects() if isinstance(o, (_File, link._Linker))]
        assert not alive, f"{len(alive)} files or linkers outlived the load"
    finally:
        gc.enable()
