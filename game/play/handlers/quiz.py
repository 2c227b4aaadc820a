"""Quiz steps: each question answered, right or wrong; in practice mode a wrong answer may be
tried again (the first answer is the one that counts)."""

from __future__ import annotations

from dataclasses import replace

from game.core import statements as xs
from game.core.actions import Action, Answer
from game.core.scenario import QuizStep

from .base import ActionRefused, Graded, Handler, LogEntry, SessionView, find_again, retry_or_first


def _answer(h: Handler, session: SessionView, step: QuizStep, action: Answer) -> bool:
    question_id, selected = action.question, action.selected
    if not any(q.id == question_id for q in step.questions):
        raise ActionRefused("no such question")
    q = step.question(question_id)
    latest = session.state.latest_answer(step.id, question_id)
    n = retry_or_first(session, "answer", f"{step.id}/{q.id}", latest is not None and q.is_correct(frozenset(latest)))
    if not selected or any(not (0 <= i < len(q.choices)) for i in selected):
        raise ActionRefused("empty answer")
    ok = q.is_correct(selected)
    response = " | ".join(q.choices[i] for i in sorted(selected))
    stmt = session.statement(xs.question_answered, step.id, q.id, q.prompt, response, ok, 1.0 if ok else 0.0,
                             q.competencies, try_number=n)
    key = (f"{step.id}/{q.id}", tuple(sorted(selected)))
    state = session.state
    state = state.with_(answers=state.answers + (key,)) if n == 1 else state.with_retry("answer", key[0], list(key[1]))
    session.commit(state, [stmt])
    return ok


class QuizHandler(Handler):
    step_type = QuizStep
    actions = {Answer: _answer}

    def done(self, session: SessionView, step: QuizStep) -> bool:
        return all(session.state.answer(step.id, q.id) is not None for q in step.questions)

    def graded(self, session: SessionView, step: QuizStep) -> list[Graded]:
        out: list[Graded] = []
        for q in step.questions:
            a = session.state.answer(step.id, q.id)
            out.append((f"{step.id}/{q.id}", None if a is None else float(q.is_correct(frozenset(a)))))
        return out

    def entry(self, step: QuizStep, action: Action) -> LogEntry:
        if not isinstance(action, Answer):
            return LogEntry(action)
        q = step.question(action.question)
        texts = tuple(q.choices[i] for i in sorted(action.selected))
        return LogEntry(action, texts, len(q.choices), q.prompt)

    def again(self, step: QuizStep, entry: LogEntry) -> Action:
        """The options are found by their texts (or at the same places, reworded)."""
        action = entry.action
        if not isinstance(action, Answer):
            return action
        q = next((q for q in step.questions if q.id == action.question), None)
        found = find_again(entry, list(q.choices) if q else [], tuple(sorted(action.selected)))
        return replace(action, selected=frozenset(found))
