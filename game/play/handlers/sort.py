"""Sort steps: each card put in one bin; in practice mode a card in the wrong bin may be moved
(its first bin is the one that counts)."""

from __future__ import annotations

from game.core import statements as xs
from game.core.actions import Action, Sort
from game.core.scenario import SortStep

from .base import ActionRefused, Graded, Handler, LogEntry, SessionView, retry_or_first


def _sort(h: Handler, session: SessionView, step: SortStep, action: Sort) -> bool:
    card_id, bin_id = action.card, action.bin
    if not any(c.id == card_id for c in step.cards):
        raise ActionRefused("no such card")
    if not any(b.id == bin_id for b in step.bins):
        raise ActionRefused("no such bin")
    card = step.card(card_id)
    key = f"{step.id}/{card_id}"
    n = retry_or_first(session, "placement", key, session.state.latest_placement(step.id, card_id) == card.bin)
    ok = card.bin == bin_id
    stmt = session.statement(xs.card_placed, step.id, card.id, card.text, bin_id, ok, card.competencies, try_number=n)
    state = session.state
    state = state.with_(placements=state.placements + ((key, bin_id),)) if n == 1 else state.with_retry("placement", key, bin_id)
    session.commit(state, [stmt])
    return ok


class SortHandler(Handler):
    step_type = SortStep
    actions = {Sort: _sort}

    def done(self, session: SessionView, step: SortStep) -> bool:
        return all(session.state.placement(step.id, c.id) is not None for c in step.cards)

    def graded(self, session: SessionView, step: SortStep) -> list[Graded]:
        out: list[Graded] = []
        for c in step.cards:
            b = session.state.placement(step.id, c.id)
            out.append((f"{step.id}/{c.id}", None if b is None else float(b == c.bin)))
        return out

    def entry(self, step: SortStep, action: Action) -> LogEntry:
        return LogEntry(action, label=step.card(action.card).text) if isinstance(action, Sort) else LogEntry(action)
