"""What a quiz answer teaches: which options were missed, which were ticked wrongly, and the
explanations that speak to those mistakes.

An option may carry its own ``explanation`` (the misconception behind ticking a wrong option, or
what a learner who missed a right one overlooked); the question's explanation is the fallback for
any mistake without one, and what a right answer reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scenario import Question


@dataclass(frozen=True, slots=True)
class AnswerFeedback:
    missed: tuple[int, ...]  # right options not ticked (in option order)
    wrong: tuple[int, ...]  # options ticked that are not right
    explanations: tuple[str, ...]  # the texts to read, in the scenario's language

    @property
    def correct(self) -> bool:
        return not self.missed and not self.wrong


def answer_feedback(q: Question, selected: frozenset[int] | set[int], *, reveal: bool = True) -> AnswerFeedback:
    """With ``reveal=False`` (a learner who may still try again), the explanations of the right
    options missed are left out: they would give the answer away."""
    right = q.correct_indexes
    n = len(q.choices)
    wrong = tuple(i for i in range(n) if i in selected and i not in right)
    missed = tuple(i for i in range(n) if i in right and i not in selected)
    if not wrong and not missed:
        return AnswerFeedback((), (), (q.explanation,) if q.explanation else ())
    own: list[str] = []
    unexplained = False
    # the options wrongly ticked speak first (the learner's own choice), then the ones missed; with a
    # single answer, missing the right option is what ticking a wrong one means: nothing more to say
    for i in wrong + (missed if q.type == "multiple" and reveal else ()):
        text = q.options[i].explanation if i < len(q.options) else ""
        if text and text not in own:
            own.append(text)
        elif not text:
            unexplained = True
    if unexplained and q.explanation:  # a mistake with no word of its own: the question's explanation
        own.append(q.explanation)
    return AnswerFeedback(missed, wrong, tuple(own))


def selected_from_response(q: Question, response: str) -> frozenset[int]:
    """The options of a recorded response (« A | B », as the quiz handler writes it)."""
    given = set(response.split(" | ")) if response else set()
    return frozenset(i for i, text in enumerate(q.choices) if text in given)
