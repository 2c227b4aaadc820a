"""Clean steps: operations applied to the dataset, undone and redone, scored when the step is left."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.core import clean_statements as xc
from game.core.actions import Action, ApplyOperation, Redo, Undo
from game.core.scenario import CleanStep

from .base import ActionRefused, Graded, Handler, LogEntry, Progress, SessionView, Statement, scored

if TYPE_CHECKING:
    from game.core.operations import Operation
    from game.core.table import Table

    from ..clean import CleanWork
    from ..state import AttemptState


def _record(session: SessionView, step: CleanStep, what: str, op: Operation, before: int, work: CleanWork) -> None:
    stmt = session.statement(xc.operation_used, step.id, what, op.to_json(), before, work.report.error_count,
                             step.competencies)
    session.commit(session.state.with_cleaning(step.id, work.to_json()), [stmt])


def _apply(h: Handler, session: SessionView, step: CleanStep, action: ApplyOperation) -> Any:
    """Raises OperationError (a French message) when the operation cannot apply."""
    work: CleanWork = session.work_of(step)
    saved = (work.history, work.report)
    before = work.report.error_count
    result = work.apply(action.operation)
    try:
        _record(session, step, "apply", action.operation, before, work)
    except Exception:
        work.history, work.report = saved  # memory stays what the store holds
        raise
    return result


def _history(h: Handler, session: SessionView, step: CleanStep, action: Undo | Redo) -> Operation:
    work: CleanWork = session.work_of(step)
    undo = isinstance(action, Undo)
    if not (work.history.can_undo if undo else work.history.can_redo):
        raise ActionRefused(f"nothing to {action.name}")
    saved = (work.history, work.report)
    before = work.report.error_count
    op = work.undo() if undo else work.redo()
    try:
        _record(session, step, action.name, op, before, work)
    except Exception:
        work.history, work.report = saved
        raise
    return op


class CleanHandler(Handler):
    step_type = CleanStep
    actions = {ApplyOperation: _apply, Undo: _history, Redo: _history}
    may_give_up = True

    def load(self, session: SessionView, step: CleanStep, progress: Progress) -> CleanWork:
        """The cleaning workbench: the dataset read (this may run on a worker thread: it touches
        no store), the saved operations replayed on it."""
        from ..clean import CleanWork

        if session.datasets is None:
            raise ActionRefused("no dataset source")
        table, schema, findings = session.datasets.open(session.scenario, step, progress)
        work = CleanWork(step, table, schema, findings)
        session.restore_problems = work.restore(session.state.cleaning_of(step.id))
        return work

    def clean_work(self, session: SessionView, step: CleanStep, progress: Progress) -> CleanWork:
        work: CleanWork = session.work_of(step, progress)
        return work

    def output(self, session: SessionView, step: CleanStep, progress: Progress) -> Table:
        return self.clean_work(session, step, progress).table

    def done(self, session: SessionView, step: CleanStep) -> bool:
        return self.clean_work(session, step, None).objectives().reached

    def graded(self, session: SessionView, step: CleanStep) -> list[Graded]:
        return scored(step, session.state.cleaning_of(step.id), session.state.visited)

    def leaving(self, session: SessionView, step: CleanStep) -> tuple[AttemptState, list[Statement]]:
        """The cleaning scored on each criterion."""
        work = self.clean_work(session, step, None)
        stmts, scores = [], {}
        for name, score, detail, comp in work.criteria():
            scores[name] = round(score, 4)
            stmts.append(session.statement(xc.criterion_scored, step.id, name, score, detail, [comp]))
        used, reference = work.process()
        if reference:  # reported to the trainer, never scored
            stmts.append(session.statement(xc.process_measured, step.id, used, reference, step.competencies))
        o = work.objectives()  # what the debrief says of this step: the errors found, left, expected
        # given up (« force ») with the goal not reached: the main task was not done, whatever the points
        stmts.append(session.statement(xc.goal_measured, step.id, o.reached, step.competencies))
        result = {"errors_met": work.errors_met(), "errors_left": o.errors_left, "errors_expected": o.errors_expected,
                  "errors_erased": work.errors_erased(), "values_wrong": o.wrong, "goal_reached": o.reached}
        return session.state.with_cleaning(step.id, work.to_json() | {"scores": scores, "result": result}), stmts

    def entry(self, step: CleanStep, action: Action) -> LogEntry:
        if isinstance(action, ApplyOperation):
            return LogEntry(action, label=str(getattr(action.operation, "op", "")))
        return LogEntry(action, label=action.name)
