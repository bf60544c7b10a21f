"""Small helpers for engine tests."""

from game.engine.session import Session


def answer_all(session: Session, pick: str | None = None):
    """Answer every waiting card: the named option if available, else the first available."""
    while session.card is not None:
        opts = [o for o in session.card.options if session.option_availability(o).ok]
        chosen = next((o for o in opts if o.id == pick), opts[0])
        session.choose(chosen.id)
        if session.ended:
            return


def changes_from(report, source: str):
    return [c for c in report.changes if c.source == source]
