"""A scenario's reference path as learner actions: what a learner who makes no mistake does, step
by step, in the JSON form of :mod:`game.core.actions`.

Dialogues are read to the end and answered with their best choice (« juste », then « partiel »;
the first choice when none is graded); quizzes get their right options; cards go to their bins;
rows of fill steps are typed as their reference rows; clean steps apply their reference recipe; publish steps publish their reference metadata (with
the columns it leaves out); reuse steps run each reuser's reference query and give the answer it
returns (or say the data cannot answer). The path stops on the debrief.

``explorateurs simulate SCENARIO --reference`` plays it, ``--write-reference FILE`` writes it as
JSON Lines for trainers to start from a path that works and edit it.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.core.actions import (
    Action,
    Answer,
    ApplyOperation,
    CannotAnswer,
    Choose,
    FillRow,
    NextLine,
    Proceed,
    Publish,
    Reply,
    RunQuery,
    Sort,
)
from game.core.operations import operation_from_json
from game.core.reuse import Query
from game.core.scenario import CleanStep, DialogueStep, FillStep, PublishStep, QuizStep, ReuseStep, SortStep
from game.play.handlers.publish import form
from game.play.publish import reference_metadata
from game.play.session import PlaySession

#: the best choice of a dialogue first
_RANKS = {"juste": 3, "partiel": 2, "faux": 1}


def _step_actions(session: PlaySession) -> Iterator[Action]:
    """The actions of the current step's reference path (the session plays each one before the
    next is asked for: a reuser's expected answer depends on the table published)."""
    step = session.step
    if isinstance(step, DialogueStep):
        for _line in step.lines[1:]:
            yield NextLine(step.id)
        if step.choices:
            yield Choose(step.id, max(range(len(step.choices)),
                                      key=lambda i: (_RANKS.get(step.choices[i].grade or "", 0), -i)))
    elif isinstance(step, QuizStep):
        for q in step.questions:
            yield Answer(step.id, q.id, frozenset(q.correct_indexes))
    elif isinstance(step, SortStep):
        for card in step.cards:
            yield Sort(step.id, card.id, card.bin)
    elif isinstance(step, FillStep):
        for row in step.rows:
            yield FillRow(step.id, row.id, tuple((f, row.value(f)) for f in step.fields))
    elif isinstance(step, CleanStep):
        for entry in step.reference:
            yield ApplyOperation(step.id, operation_from_json(entry))
    elif isinstance(step, PublishStep):
        desk = session.publish_work()
        yield form(Publish, step.id, reference_metadata(desk), tuple(step.reference.get("drop_columns", ())))
    elif isinstance(step, ReuseStep):
        work = session.reuse_work()
        for ch in step.challenges:
            expected = work.verdict(ch).expected
            if expected is None:
                yield CannotAnswer(step.id, ch.id)
                continue
            yield RunQuery(step.id, Query.from_json(ch.reference), ch.id)
            yield Reply(step.id, ch.id, expected.text.replace(", ", " ; "))


def play_reference(session: PlaySession) -> list[Action]:
    """Play the reference path on ``session`` (begun, on its first step) up to the debrief (or the
    end); the actions played, in order. An action the session refuses raises as ``do`` does."""
    played: list[Action] = []
    while True:
        step = session.step
        if session.handler(step).closes:
            return played
        for action in _step_actions(session):
            session.do(action)
            played.append(action)
        proceed = Proceed(step.id)
        nxt = session.do(proceed)
        played.append(proceed)
        if nxt is None:
            return played
