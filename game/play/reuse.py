"""The reuse desk of one reuse step: the table the learner published, the queries they build to
answer reusers, and each challenge's expected answer — always computed from that table with the
scenario's reference query, never written down.

A challenge the published table cannot answer (a column removed, amounts left as text with
decimal commas or units) is *unanswerable*: the reuser says why, and the debrief links it to the
step where it went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.messages import N_, Message, msg
from game.core.reuse import (
    AnswerCheck,
    AnswerSpec,
    ExpectedAnswer,
    Query,
    QueryError,
    QueryResult,
    check_answer,
    expected_answer,
    run_query,
)
from game.core.scenario import Challenge, ReuseStep
from game.core.table import Table


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the published table allows for one challenge."""

    expected: ExpectedAnswer | None  # None: the table cannot answer
    reason: Message | None = None  # why it cannot (French)
    result: QueryResult | None = None


class ReuseWork:
    def __init__(self, step: ReuseStep, table: Table) -> None:
        self.step, self.table = step, table
        self._verdicts: dict[str, Verdict] = {}

    def run(self, query: Query) -> QueryResult:
        """The learner's own query (raises QueryError with a French message)."""
        return run_query(self.table, query)

    def verdict(self, challenge: Challenge) -> Verdict:
        if challenge.id not in self._verdicts:
            self._verdicts[challenge.id] = verdict(self.table, challenge)
        return self._verdicts[challenge.id]

    def check(self, challenge: Challenge, given: str) -> AnswerCheck:
        v = self.verdict(challenge)
        assert v.expected is not None
        return check_answer(given, v.expected)


def spec_of(challenge: Challenge) -> AnswerSpec:
    return AnswerSpec(challenge.answer_kind, challenge.tolerance, challenge.relative, challenge.column)


def verdict(table: Table, challenge: Challenge) -> Verdict:
    """Run the challenge's reference query on ``table``: the expected answer, or why there is none."""
    try:
        result = run_query(table, Query.from_json(challenge.reference))
    except QueryError as e:
        return Verdict(None, e.message)
    if result.skipped:
        return Verdict(None, msg(N_("{count} valeur(s) ne sont pas des nombres dans le fichier publié, par exemple "
                                    "« {example} » : le calcul serait faux."),
                                 count=result.skipped, example=(result.skipped_examples or ("",))[0]), result)
    if not result.rows:
        return Verdict(None, msg(N_("Aucune ligne du fichier publié ne correspond à la question.")), result)
    try:
        return Verdict(expected_answer(result, spec_of(challenge)), None, result)
    except QueryError as e:
        return Verdict(None, e.message, result)
