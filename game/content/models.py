"""Pydantic models of every kind of scenario file: the raw, validated shape of the TOML."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal, Union

from pydantic import AllowInfNan, BaseModel, ConfigDict, Discriminator, Field, Strict, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

ID = r"^[a-z][a-z0-9_]*$"
RULE_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"
EVENT_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
Expr = Annotated[str, Field(min_length=1, max_length=600)]
# Numbers in content are finite and never true/false (lax pydantic reads true as 1 and 1e400 as inf)
Real = Annotated[float, Strict(), AllowInfNan(False)]  # (strict floats still take whole numbers)
Whole = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]  # true or false only (lax pydantic reads "yes", "off" and 1 as booleans)
Number = Union[Real, Expr]


class Model(BaseModel):
    """Base: frozen and strict about unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


# ---------------------------------------------------------------- effects


class _EffectBase(Model):
    when: Expr | None = Field(None, description="Apply this effect only while this condition holds.")
    why: str | None = Field(None, description="A sentence for the turn report saying why this changed.")


class AddEffect(_EffectBase):
    add: dict[str, Number] = Field(description="State name → amount to add (a number or an expression). Clamped to the range.")


class SetEffect(_EffectBase):
    set: dict[str, Number] = Field(description="State name → new value (a number or an expression). Clamped to the range.")


class MultiplyEffect(_EffectBase):
    multiply: dict[str, Number] = Field(description="State name → factor to multiply by. Clamped to the range.")


class SetFlagEffect(_EffectBase):
    set_flag: str | list[str] = Field(description="Flag name(s) to set. Actor flags are written 'actor.flag'.")


class ClearFlagEffect(_EffectBase):
    clear_flag: str | list[str] = Field(description="Flag name(s) to clear.")


class Chain(Model):
    """A follow-up event, scheduled a number of turns later with a chance."""

    event: str = Field(description="Id of the event to schedule.")
    delay: Whole = Field(1, ge=0, le=24, description="Turns from now; 0 means later in this same briefing.")
    chance: Real = Field(1.0, ge=0.0, le=1.0, description="Probability that the follow-up is scheduled.")


class ScheduleEffect(_EffectBase):
    schedule: Chain = Field(description="Schedule an event (see chain).")


class EndEffect(_EffectBase):
    end: str = Field(description="End the game at once with this ending id.")


class NewsEffect(_EffectBase):
    news: str = Field(max_length=400, description="A line for the news log.")


class Roll(Model):
    """A chance with two outcomes; the chance may be an expression (0..1)."""

    chance: Number = Field(description="Probability of success, 0..1; may be an expression.")
    label: str = Field("", max_length=120, description="What success is, as a clause, e.g. 'the army holds': previews say 'if the army holds: 60% chance', reports 'The army holds? Yes'.")
    success: list["Effect"] = Field(default_factory=list, description="Effects when the roll succeeds.")
    failure: list["Effect"] = Field(default_factory=list, description="Effects when it fails.")


class RollEffect(_EffectBase):
    roll: Roll = Field(description="A chance with success and failure effects.")


_EFFECT_KEYS = ("add", "set", "multiply", "set_flag", "clear_flag", "schedule", "end", "news", "roll")


_EFFECT_KEY_SET = frozenset(_EFFECT_KEYS)


def _effect_kind(value: Any) -> str | None:
    """The effect key of a table (None unless it has exactly one); called for every effect validated."""
    if isinstance(value, dict):
        found = None
        for k in value:  # a table has a few keys: cheaper than testing all nine effect keys
            if k in _EFFECT_KEY_SET:
                if found is not None:
                    return None
                found = k
        return found
    return _KIND_OF_MODEL.get(type(value))


Effect = Annotated[
    Union[
        Annotated[AddEffect, Tag("add")],
        Annotated[SetEffect, Tag("set")],
        Annotated[MultiplyEffect, Tag("multiply")],
        Annotated[SetFlagEffect, Tag("set_flag")],
        Annotated[ClearFlagEffect, Tag("clear_flag")],
        Annotated[ScheduleEffect, Tag("schedule")],
        Annotated[EndEffect, Tag("end")],
        Annotated[NewsEffect, Tag("news")],
        Annotated[RollEffect, Tag("roll")],
    ],
    Discriminator(
        _effect_kind,
        custom_error_type="effect_kind",
        custom_error_message="an effect needs exactly one of: " + ", ".join(_EFFECT_KEYS),
    ),
]
Roll.model_rebuild()
_KIND_OF_MODEL = {AddEffect: "add", SetEffect: "set", MultiplyEffect: "multiply", SetFlagEffect: "set_flag",
                  ClearFlagEffect: "clear_flag", ScheduleEffect: "schedule", EndEffect: "end", NewsEffect: "news",
                  RollEffect: "roll"}


class Reaction(Model):
    """A change to an actor or the country, with the reason it happens."""

    id: str | None = Field(None, pattern=RULE_ID, description="Id of the reaction (required in reactions files).")
    actor: str | None = Field(None, description="The actor who reacts; short keys in add/set/multiply are that actor's attributes.")
    why: str = Field(min_length=3, max_length=300, description="A sentence saying why, shown in the turn report.")
    when: Expr | None = Field(None, description="React only while this condition holds.")
    chance: Number = Field(1.0, description="Probability (0..1, or an expression) that the reaction happens.")
    add: dict[str, Number] = Field(default_factory=dict, description="Amounts to add; keys are the actor's attributes or any state name.")
    set: dict[str, Number] = Field(default_factory=dict, description="Values to set.")
    multiply: dict[str, Number] = Field(default_factory=dict, description="Factors to multiply by.")
    set_flag: str | list[str] = Field(default_factory=list, description="Flag name(s) to set, as in a set_flag effect.")
    clear_flag: str | list[str] = Field(default_factory=list, description="Flag name(s) to clear.")
    effects: list[Effect] = Field(default_factory=list, description="Any further effects.")


class ReactionRule(Reaction):
    """A reactions-file rule: fires on an action, an event option, an event, or a condition."""

    id: str = Field(pattern=RULE_ID, description="Unique id of the rule, e.g. 'supreme_council.protests_raid'.")
    on_action: list[str] = Field(default_factory=list, description="Fire when one of these actions is ordered.")
    on_target: list[str] = Field(default_factory=list, description="With on_action: only when the order targets one of these regions.")
    on_option: list[str] = Field(default_factory=list, description="Fire when one of these options is chosen, written 'event.id/option'.")
    on_event: list[str] = Field(default_factory=list, description="Fire when one of these events is shown.")
    cooldown_turns: Whole = Field(0, ge=0, le=99, description="Turns before a condition rule can fire again.")
    max_fires: Whole = Field(0, ge=0, description="How many times it may fire in a game (0 = no limit).")

    @field_validator("on_action", "on_target", "on_option", "on_event", mode="before")
    @classmethod
    def _listify(cls, value):
        return [value] if isinstance(value, str) else value


# ---------------------------------------------------------------- world


class Range(Model):
    """A numeric attribute with its range and start value."""

    min: Real = Field(0, description="Lowest value.")
    max: Real = Field(100, description="Highest value.")
    start: Real = Field(description="Value at the start of the game.")
    label: str = Field("", max_length=40, description="Short label shown in the interface.")
    description: str = Field("", description="What this number means.")

    @model_validator(mode="after")
    def _ordered(self):
        # (own error types, so that the loader can say how to fix each)
        if self.min >= self.max:
            raise PydanticCustomError("range_order", "min ({min}) must be below max ({max})",
                                      {"min": f"{self.min:g}", "max": f"{self.max:g}"})
        if not self.min <= self.start <= self.max:
            raise PydanticCustomError("range_start", "start ({start}) must lie within {min}..{max}",
                                      {"start": f"{self.start:g}", "min": f"{self.min:g}", "max": f"{self.max:g}"})
        return self


class Metric(Range):
    """A national metric, e.g. coalition cohesion or treasury."""

    id: str = Field(pattern=ID, description="Unique id, used in expressions as a bare name.")
    label: str = Field(min_length=1, max_length=40, description="Name shown in the interface.")
    good: Literal["high", "low", "neutral"] = Field("high", description="Which direction is good for the government (for trend colours).")
    hidden: Bool = Field(False, description="Hide from the main screen (still used by rules).")
    codex: str | None = Field(None, description="Codex entry explaining this metric.")


class Region(Model):
    """A region of the map, with its own attributes (e.g. violence)."""

    id: str = Field(pattern=ID, description="Unique id; attributes read as region.<id>.<attribute>.")
    name: str = Field(min_length=1, max_length=40, description="Full name, e.g. 'Basra and the south'.")
    short: str | None = Field(None, min_length=1, max_length=16, description="Short name for the map, reports and narrow panels, e.g. 'Basra' (the name when left out).")
    description: str = Field("", description="What this region is.")
    attributes: dict[str, Range] = Field(description="The region's numbers, e.g. violence.")
    map: tuple[Whole, Whole] = Field((0, 0), description="Row and column of the label on the text map.")
    codex: str | None = Field(None, description="Codex entry for this place.")

    @property
    def short_name(self) -> str:
        return self.short or self.name


class Actor(Model):
    """A faction or power with its own numbers, flags, patron and moves."""

    id: str = Field(pattern=ID, description="Unique id; attributes read as <id>.<attribute>.")
    name: str = Field(min_length=1, max_length=60, description="Full name.")
    short: str = Field(min_length=1, max_length=16, description="Short name for narrow panels and reports.")
    description: str = Field("", description="Who they are.")
    attributes: dict[str, Range] = Field(description="The actor's numbers, e.g. stance, strength, cohesion.")
    flags: list[str] = Field(default_factory=list, description="Flags set at the start, written without the actor prefix (stored as '<id>.<flag>').")
    patron: str | None = Field(None, description="Id of the foreign actor that backs this one.")
    idle_weight: Real = Field(1.0, ge=0, description="Weight of doing nothing when the actor's own moves are drawn.")
    player: Bool = Field(False, description="True for the player's own side (the government).")
    codex: str | None = Field(None, description="Codex entry for this actor.")


class Difficulty(Model):
    """A difficulty preset: start values and flags."""

    label: str = Field(description="Name shown on the title screen.")
    description: str = Field("", description="One line on what changes.")
    start: dict[str, Real] = Field(default_factory=dict, description="State name → start value override.")
    flags: list[str] = Field(default_factory=list, description="Flags set at the start (content can test them).")


class Scenario(Model):
    """The scenario file: what is played, for how long and from where."""

    id: str = Field(pattern=ID, description="Unique id of the scenario.")
    name: str = Field(min_length=1, max_length=80, description="Title.")
    description: str = Field("", description="A paragraph for the new-game screen.")
    extends: str | None = Field(None, description="Another scenario (a folder name beside this one) whose content this one reuses.")
    turns: Whole = Field(ge=1, le=200, description="Number of turns.")
    turn_days: Whole = Field(14, ge=1, le=365, description="Days per turn.")
    start_date: _dt.date = Field(description="In-game date of turn 1.")

    @field_validator("start_date", mode="before")
    @classmethod
    def _a_date_not_a_number(cls, value):
        if isinstance(value, (int, float)):  # lax pydantic reads 0 as 1970-01-01
            raise PydanticCustomError("date_type", "Input should be a valid date")  # as pydantic says it of "x"
        return value
    capital: str = Field("capital", description="Id of the metric that pays for orders (political capital).")
    events_per_turn: Whole = Field(1, ge=0, le=4, description="Events drawn each turn besides scheduled ones.")
    extra_event_chance: Real = Field(0.0, ge=0, le=1, description="Chance of drawing one more event.")
    max_events_per_turn: Whole = Field(6, ge=1, le=12, description="Cap on events in one briefing, chains included.")
    max_orders_per_turn: Whole = Field(4, ge=1, le=12, description="Cap on orders in one turn.")
    shuffle_options: Bool = Field(False, description="Show each card's options in an order made from the game's seed "
                                                     "(the same for everyone who plays one world), so that no position "
                                                     "on the card is the safe one. Off: the order they are written in.")
    default_cooldown: Whole = Field(3, ge=0, le=99, description="Turns before a drawn event can be drawn again.")
    start: dict[str, Real] = Field(default_factory=dict, description="State name → start value override.")
    flags: list[str] = Field(default_factory=list, description="Flags set at the start.")
    difficulty: dict[str, Difficulty] = Field(default_factory=dict, description="Difficulty presets by id.")
    default_difficulty: str | None = Field(None, description="Preset used when none is chosen.")
    briefing: str = Field("", description="The opening briefing: shown when a new game starts, before the first card (not when a save is loaded).")


class Action(Model):
    """An order the player can give, paid for with political capital."""

    id: str = Field(pattern=ID, description="Unique id.")
    label: str = Field(min_length=1, max_length=60, description="Name in the orders panel.")
    category: Literal["military", "political", "diplomatic", "economic", "public"] = Field(description="Group in the orders panel.")
    description: str = Field("", description="What the order does, in a sentence or two.")
    cost: Whole = Field(0, ge=0, le=100, description="Political capital it costs.")
    requires: Expr | None = Field(None, description="Condition for the order to be available.")
    requires_text: str = Field("", description="Reason shown when unavailable.")
    targets: list[str] | Literal["regions"] = Field(default_factory=list, description="Region ids it can target, or 'regions' for all; names 'target.<attribute>' then mean that region's.")
    effects: list[Effect] = Field(default_factory=list, description="What it does.")
    reactions: list[Reaction] = Field(default_factory=list, description="How actors respond, each with why.")
    cooldown_turns: Whole = Field(0, ge=0, le=99, description="Turns before it can be ordered again.")
    news: str = Field("", description="A line for the news log when ordered.")
    codex: str | None = Field(None, description="Codex entry with background.")


class Option(Model):
    """One choice on an event card."""

    id: str = Field(pattern=ID, description="Id, unique within the event.")
    text: str = Field(min_length=1, max_length=200, description="The choice as shown.")
    requires: Expr | None = Field(None, description="Condition for the option to be available.")
    requires_text: str = Field("", description="Reason shown when unavailable.")
    effects: list[Effect] = Field(default_factory=list, description="What choosing it does.")
    reactions: list[Reaction] = Field(default_factory=list, description="How actors respond, each with why.")
    chain: Chain | list[Chain] | None = Field(None, description="Follow-up event(s).")
    news: str = Field("", description="A line for the news log when chosen.")
    historical: Bool = Field(False, description="True for the choice actually made in 2008 (used by the historical policy).")


class WeightMod(Model):
    factor: Real = Field(ge=0, le=100, description="Multiply the weight by this...")
    when: Expr = Field(description="...while this condition holds.")


class Event(Model):
    """An event card: drawn by weight when its condition holds, or triggered."""

    id: str = Field(pattern=EVENT_ID, description="Namespaced id, e.g. 'basra.deserters'.")
    title: str = Field(min_length=1, max_length=80, description="Card title.")
    text: str = Field(min_length=1, description="Card text. [[codex_id]] or [[codex_id|words]] links to the codex.")
    when: Expr | None = Field(None, description="Condition for the event to be eligible.")
    weight: Number = Field(10, description="Draw weight (number or expression).")
    weight_mods: list[WeightMod] = Field(default_factory=list, description="Multipliers applied while their condition holds.")
    cooldown_turns: Whole | None = Field(None, ge=0, le=99, description="Turns before it can be drawn again (default: the scenario's).")
    max_fires: Whole = Field(1, ge=0, description="How many times it can fire in a game (0 = no limit).")
    priority: Whole = Field(0, description="Higher goes first among scheduled events.")
    triggered_only: Bool = Field(False, description="Never drawn; only scheduled by chains or effects.")
    on_turn: Whole | None = Field(None, ge=1, description="Scheduled on this turn (if its condition holds).")
    min_turn: Whole = Field(1, ge=1, description="Earliest turn it can be drawn.")
    max_turn: Whole = Field(999, ge=1, description="Latest turn it can be drawn.")
    options: list[Option] = Field(alias="option", min_length=1, max_length=4, description="The choices, 1–4 ([[event.option]]).")
    news: str = Field("", description="A line for the news log when it fires.")
    debrief: str = Field(min_length=1, description="What the choice teaches, for the debrief.")
    prompt: str = Field("", description="A discussion question for the debrief.")
    history: str = Field("", description="What really happened (historical background).")
    invented: Bool = Field(False, description="True when the event is invented for the game.")
    tags: list[str] = Field(default_factory=list, description="Free tags, e.g. 'basra', 'iran'.")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Move(Model):
    """An actor's own move, drawn each turn by weight among those whose condition holds."""

    id: str = Field(pattern=RULE_ID, description="Unique id, e.g. 'balloon.baghdad'.")
    actor: str = Field(description="The actor who moves.")
    label: str = Field(min_length=1, max_length=80, description="What they do, for the report.")
    when: Expr | None = Field(None, description="Condition for the move to be possible.")
    weight: Number = Field(10, description="Draw weight.")
    why: str = Field(min_length=3, description="Why they do it, for the report.")
    effects: list[Effect] = Field(description="What it does.")
    news: str = Field("", description="A line for the news log.")
    cooldown_turns: Whole = Field(0, ge=0, le=99, description="Turns before the same move can be drawn again.")


class Dynamic(Model):
    """A per-turn rule of the world, with an optional lag."""

    id: str = Field(pattern=RULE_ID, description="Unique id, e.g. 'balloon.baghdad'.")
    name: str = Field(min_length=1, description="Short name.")
    group: str = Field("", description="Which of the scenario's dynamics this belongs to, e.g. 'balloon'.")
    description: str = Field("", description="What it models.")
    when: Expr | None = Field(None, description="Condition for the rule to run this turn.")
    lag: Whole = Field(0, ge=0, le=12, description="Turns until its effects land (amounts are measured now).")
    why: str = Field(min_length=3, description="Why, for the report.")
    effects: list[Effect] = Field(description="What it does.")


class Ending(Model):
    """An ending: the game ends when its condition holds (or at the last turn)."""

    id: str = Field(pattern=ID, description="Unique id.")
    title: str = Field(min_length=1, description="Title on the end screen.")
    when: Expr | None = Field(None, description="Condition; none means always true.")
    at_end: Bool = Field(False, description="Only checked when the last turn ends.")
    priority: Whole = Field(0, description="Higher wins when several hold.")
    epilogue: str = Field(min_length=1, description="What happens next.")
    score: Number = Field(0, description="Score (number or expression).")
    tone: Literal["best", "good", "mixed", "bad", "worst"] = Field("mixed", description="How good this outcome is.")
    explain: str = Field("", description="The conditions that produce it, in words.")


class CodexEntry(Model):
    """A codex article."""

    id: str = Field(pattern=ID, description="Unique id; link to it as [[id]].")
    title: str = Field(min_length=1, description="Title.")
    category: Literal["actor", "person", "place", "term", "assumption", "mechanic"] = Field(description="Section of the codex.")
    body: str = Field(min_length=1, description="The article. May link [[other_id]].")
    see: list[str] = Field(default_factory=list, description="Related entries.")


class Flag(Model):
    """How a flag reads to players: the status it stands for, in words."""

    id: str = Field(pattern=RULE_ID, description="The flag, as effects set it: 'basra.offensive_begun', or an actor's 'sadrists.ceasefire'.")
    label: str = Field(min_length=1, max_length=80, description="The status in words, e.g. 'the Basra offensive is under way'; "
                                                                 "screens write 'now: ...' and 'no longer: ...'. No colon.")
    short: str = Field("", max_length=24, description="For an actor's flag: a tag for the actors panel, e.g. 'ceasefire' "
                                                       "(default: the words of the id).")


class PolicySpec(Model):
    """A simulated player for balance testing: how much it favours each action and option."""

    id: str = Field(pattern=ID, description="Name used with simulate --policy.")
    description: str = Field("", description="The play style in a sentence.")
    actions: dict[str, Real] = Field(default_factory=dict, description="Action id → preference weight (0 = never).")
    options: dict[str, Real] = Field(default_factory=dict, description="'event.id/option' or a bare option id → weight (default 1).")
    orders_per_turn: Whole = Field(2, ge=0, le=12, description="How many orders it gives a turn at most.")
    historical: Bool = Field(False, description="Prefer options marked historical = true.")


# ---------------------------------------------------------------- files

FILE_KINDS: dict[str, tuple[str, type[Model], bool]] = {
    # top-level key: (kind name, model, is a list)
    "scenario": ("scenario", Scenario, False),
    "metric": ("metric", Metric, True),
    "region": ("region", Region, True),
    "actor": ("actor", Actor, True),
    "action": ("action", Action, True),
    "event": ("event", Event, True),
    "reaction": ("reaction", ReactionRule, True),
    "move": ("move", Move, True),
    "dynamic": ("dynamic", Dynamic, True),
    "ending": ("ending", Ending, True),
    "entry": ("codex", CodexEntry, True),
    "policy": ("policy", PolicySpec, True),
    "flag": ("flag", Flag, True),
    "remove": ("remove", None, False),  # mods: ids to remove, by kind
}
