"""Reuse steps: reusers' questions answered from the table the learner published."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.core import reuse_statements as xr
from game.core.actions import Action, CannotAnswer, Reply, RunQuery
from game.core.scenario import ReuseStep

from .base import ActionRefused, Graded, Handler, LogEntry, Progress, SessionView, retry_or_first

if TYPE_CHECKING:
    from ..clean import CleanWork
    from ..reuse import ReuseWork


def _query(h: Handler, session: SessionView, step: ReuseStep, action: RunQuery) -> Any:
    """Run the learner's query on the published table; recorded whatever its outcome.
    Raises QueryError (French message) when the query cannot run."""
    from game.core.reuse import QueryError

    work: ReuseWork = session.work_of(step)
    query, challenge_id = action.query, action.challenge
    comps = step.challenge(challenge_id).competencies if challenge_id else step.competencies
    try:
        result = work.run(query)
    except QueryError as e:
        session.commit(session.state, [session.statement(xr.query_run, step.id, challenge_id, query.to_json(), 0,
                                                         e.message.format_source(), comps)])
        raise
    session.commit(session.state, [session.statement(xr.query_run, step.id, challenge_id, query.to_json(),
                                                     len(result.rows), "", comps)])
    return result


def _reply(h: Handler, session: SessionView, step: ReuseStep, action: Reply) -> Any:
    """Answer a reuser's question; checked against the reference query run on the published table."""
    work: ReuseWork = session.work_of(step)
    if not any(c.id == action.challenge for c in step.challenges):
        raise ActionRefused("no such challenge")
    latest = session.state.latest_reuse(step.id, action.challenge)
    n = retry_or_first(session, "reuse", f"{step.id}/{action.challenge}", bool(latest and latest.get("ok")))
    ch = step.challenge(action.challenge)
    if work.verdict(ch).expected is None:
        raise ActionRefused("unanswerable")
    check = work.check(ch, action.answer)
    stmt = session.statement(xr.challenge_answered, step.id, ch.id, ch.question, action.answer, check.ok, False,
                             ch.competencies, try_number=n)
    saved = {"given": action.answer, "ok": check.ok, "expected": check.expected_text}
    state = session.state
    session.commit(state.with_reuse(step.id, ch.id, saved) if n == 1
                   else state.with_retry("reuse", f"{step.id}/{ch.id}", saved), [stmt])
    return check


def _cannot_answer(h: Handler, session: SessionView, step: ReuseStep, action: CannotAnswer) -> None:
    """The published data cannot answer: the learner hears why and moves on (no point)."""
    work: ReuseWork = session.work_of(step)
    if session.state.reuse_of(step.id, action.challenge) is not None:
        raise ActionRefused("already answered")
    ch = step.challenge(action.challenge)
    v = work.verdict(ch)
    if v.expected is not None:
        raise ActionRefused("answerable")
    reason = v.reason.format_source() if v.reason else ""
    stmt = session.statement(xr.challenge_answered, step.id, ch.id, ch.question, reason, False, True,
                             ch.competencies)
    session.commit(session.state.with_reuse(step.id, ch.id, {"ok": False, "unanswerable": True, "reason": reason}),
                   [stmt])


class ReuseHandler(Handler):
    step_type = ReuseStep
    actions = {RunQuery: _query, Reply: _reply, CannotAnswer: _cannot_answer}

    def load(self, session: SessionView, step: ReuseStep, progress: Progress) -> ReuseWork:
        """The reuse desk: the table as the learner published it (or cleaned it, when the step
        reuses a clean step)."""
        from ..reuse import ReuseWork

        source = session.scenario.step(step.source)
        return ReuseWork(step, session.handler(source).output(session, source, progress))

    def clean_work(self, session: SessionView, step: ReuseStep, progress: Progress) -> CleanWork:
        session.work_of(step, progress)
        source = session.scenario.step(step.source)
        return session.handler(source).clean_work(session, source, progress)

    def done(self, session: SessionView, step: ReuseStep) -> bool:
        return all(session.state.reuse_of(step.id, c.id) is not None for c in step.challenges)

    def graded(self, session: SessionView, step: ReuseStep) -> list[Graded]:
        out: list[Graded] = []
        for c in step.challenges:
            done = session.state.reuse_of(step.id, c.id)
            out.append((f"{step.id}/{c.id}", None if done is None else float(bool(done.get("ok")))))
        return out

    def entry(self, step: ReuseStep, action: Action) -> LogEntry:
        """Named by the reuser's question it was about."""
        challenge = getattr(action, "challenge", "")
        ch = next((c for c in step.challenges if c.id == challenge), None)
        return LogEntry(action, label=ch.question if ch else challenge)
