"""Dialogue steps: lines read one by one, then at most one choice, graded or not; in practice
mode a choice may be reconsidered (the story follows the latest, the first one is what counts)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from game.core import statements as xs
from game.core.actions import Action, Choose, NextLine, PreviousLine
from game.core.scenario import GRADE_SCORE, DialogueStep, Scenario

from .base import ActionRefused, Graded, Handler, LogEntry, SessionView, find_again, retry_or_first

if TYPE_CHECKING:
    from ..state import AttemptState

_GRADE_XAPI = {"juste": "right", "partiel": "partly", "faux": "wrong"}


def _next_line(h: Handler, session: SessionView, step: DialogueStep, action: NextLine) -> None:
    if session.state.line >= len(step.lines) - 1:
        raise ActionRefused("no next line")
    session.commit(session.state.with_(line=session.state.line + 1), [])


def _previous_line(h: Handler, session: SessionView, step: DialogueStep, action: PreviousLine) -> None:
    if session.state.line == 0:
        raise ActionRefused("no previous line")
    session.commit(session.state.with_(line=session.state.line - 1), [])


def _choose(h: Handler, session: SessionView, step: DialogueStep, action: Choose) -> None:
    state, index = session.state, action.choice
    if not 0 <= index < len(step.choices):
        raise ActionRefused("no such choice")
    if state.line < len(step.lines) - 1:
        raise ActionRefused("lines not read")
    if state.latest_choice(step.id) == index:
        raise ActionRefused("already chosen")
    n = retry_or_first(session, "choice", step.id, False)  # any choice may be reconsidered, even a right one
    c = step.choices[index]
    stmt = session.statement(xs.choice_selected, step.id, index, c.text, _GRADE_XAPI.get(c.grade or ""),
                             c.competencies, try_number=n)
    session.commit(state.with_(choices=state.choices + ((step.id, index),)) if n == 1
                   else state.with_retry("choice", step.id, index), [stmt])


class DialogueHandler(Handler):
    step_type = DialogueStep
    actions = {NextLine: _next_line, PreviousLine: _previous_line, Choose: _choose}

    def done(self, session: SessionView, step: DialogueStep) -> bool:
        if session.state.line < len(step.lines) - 1:
            return False
        return not step.choices or session.state.choice(step.id) is not None

    def graded(self, session: SessionView, step: DialogueStep) -> list[Graded]:
        """One item when the choices are graded: the choice made, once the dialogue is visited."""
        if not any(c.grade for c in step.choices):
            return []
        i = session.state.choice(step.id)
        if step.id not in session.state.visited and i is None:
            return []
        grade = step.choices[i].grade if i is not None else None
        if i is not None and grade is None:
            return []
        return [(step.id, GRADE_SCORE[grade] if grade else None)]

    def resumed(self, scenario: Scenario, state: AttemptState) -> AttemptState:
        """The line read kept within the dialogue (it may have fewer lines now); choices that no
        longer exist dropped."""
        step = scenario.step(state.step_id)
        if isinstance(step, DialogueStep) and not 0 <= state.line < len(step.lines):
            state = state.with_(line=max(0, len(step.lines) - 1))
        dialogues = {s.id: s for s in scenario.steps if isinstance(s, DialogueStep)}
        choices = tuple((k, v) for k, v in state.choices if k in dialogues and 0 <= v < len(dialogues[k].choices))
        if choices != state.choices:
            state = state.with_(choices=choices)
        kept = {k for k, _v in choices}
        retries = tuple((k, v) for k, v in state.retries if not k.startswith("choice:") or (
            k[len("choice:"):] in kept and all(0 <= int(i) < len(dialogues[k[len("choice:"):]].choices)
                                                for i in state.later("choice", k[len("choice:"):]))))
        return state if retries == state.retries else state.with_(retries=retries)

    def entry(self, step: DialogueStep, action: Action) -> LogEntry:
        if not isinstance(action, Choose):
            return LogEntry(action)
        text = step.choices[action.choice].text
        return LogEntry(action, (text,), len(step.choices), text)

    def again(self, step: DialogueStep, entry: LogEntry) -> Action:
        """A choice is found by its text, wherever it is now (or at the same place, reworded)."""
        action = entry.action
        if not isinstance(action, Choose):
            return action
        found = find_again(entry, [c.text for c in step.choices], (action.choice,))
        return replace(action, choice=found[0])
