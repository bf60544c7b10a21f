"""The expression language content is written in: compiler, quick reader, functions, intervals."""

from game.expr import compiler  # first, so that its quick reader (game/expr/quick.py) can import from it

__all__ = ["compiler"]
