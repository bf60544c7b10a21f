"""Small helpers for the words the game prints (no Textual, no Rich: the engine uses them too)."""


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 turn', '2 turns', '0 turns'; `many` for an irregular plural."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
