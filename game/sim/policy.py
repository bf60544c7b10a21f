"""The protocol every simulation policy follows."""

from __future__ import annotations

import random
from typing import Protocol

from game.content.runtime import REvent, ROption
from game.engine.session import Order, Session


class Policy(Protocol):
    """Plays the player's side: answers event cards and gives orders."""

    name: str

    def choose(self, session: Session, event: REvent, options: list[ROption], rng: random.Random) -> str:
        """The id of one of `options` (all available)."""

    def orders(self, session: Session, rng: random.Random) -> list[Order]:
        """Orders for this turn, within the budget."""
