"""Fill steps: the learner types a row, the validator checks it live; a row is checked (« Vérifier
la ligne ») only once it respects the schema, then compared with its reference row. In practice
mode a row that is not entirely right may be checked again (the first check is the one that counts)."""

from __future__ import annotations

from typing import Any

from game.core import fill
from game.core.actions import Action, FillRow
from game.core.scenario import FillStep
from game.core.tableschema import Schema, ValidationError

from .base import ActionRefused, Graded, Handler, LogEntry, Progress, SessionView, retry_or_first


class RowInvalid(ActionRefused):
    """A row checked while the validator still finds errors in it: the first one, to say where."""

    def __init__(self, error: ValidationError) -> None:
        super().__init__("the row does not respect the schema yet")
        self.error = error


def _fill(h: Handler, session: SessionView, step: FillStep, action: FillRow) -> fill.RowVerdict:
    if not any(r.id == action.row for r in step.rows):
        raise ActionRefused("no such row")
    row = step.row(action.row)
    values = {k: v for k, v in action.as_dict().items() if k in step.fields}
    unknown = sorted(set(action.as_dict()) - set(step.fields))
    if unknown:
        raise ActionRefused(f"not a field to fill: {', '.join(unknown)}")
    schema: Schema = session.work_of(step)
    errors = fill.row_errors(step, schema, values)
    if errors:
        raise RowInvalid(errors[0])
    key = f"{step.id}/{row.id}"
    latest = session.state.latest_fill(step.id, row.id)
    n = retry_or_first(session, "fill", key, latest is not None and latest.get("score") == 1.0)
    verdict = fill.judge_row(step, row, values)
    stmt = session.statement(fill.row_filled, step.id, row.id, row.document, fill.response_of(step, values),
                             verdict.score, row.competencies, try_number=n)
    saved = {"values": values, "score": verdict.score}
    state = session.state
    state = state.with_fill(step.id, row.id, saved) if n == 1 else state.with_retry("fill", key, saved)
    session.commit(state, [stmt])
    return verdict


class FillHandler(Handler):
    step_type = FillStep
    actions = {FillRow: _fill}

    def load(self, session: SessionView, step: FillStep, progress: Progress) -> Any:
        """The step's schema (read on first use; the session keeps it)."""
        if session.datasets is None:
            raise ActionRefused("no schemas to read")
        return session.datasets.schema(session.scenario, step)

    def done(self, session: SessionView, step: FillStep) -> bool:
        return all(session.state.fill_of(step.id, r.id) is not None for r in step.rows)

    def graded(self, session: SessionView, step: FillStep) -> list[Graded]:
        out: list[Graded] = []
        for r in step.rows:
            saved = session.state.fill_of(step.id, r.id)
            out.append((f"{step.id}/{r.id}", None if saved is None else float(saved.get("score", 0.0))))
        return out

    def entry(self, step: FillStep, action: Action) -> LogEntry:
        if isinstance(action, FillRow) and any(r.id == action.row for r in step.rows):
            return LogEntry(action, label=step.row(action.row).document)
        return LogEntry(action)
