"""The cleaning workshop of one clean step: the table's history, its live validation report,
the step's objectives and how the result is scored."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from game.core.csvquality import Finding
from game.core.history import History, replay
from game.core.operations import Operation, OperationError, operation_from_json
from game.core.scenario import CleanStep, Scenario
from game.core.table import Table
from game.core.tableschema import Report, Schema, revalidate, validate


class DatasetSource(Protocol):
    def open(self, scenario: Scenario, step: CleanStep,
             progress: Callable[[float], None] | None = None) -> tuple[Table, Schema, tuple[Finding, ...]]:
        """The step's dataset as published (defects kept) and its target schema; ``progress``
        receives the share of the file read (0 to 1)."""


@dataclass(frozen=True, slots=True)
class Objectives:
    errors_left: int  # errors that count for the goal
    warnings_left: int
    errors_at_start: int
    rows_lost: int  # data rows removed that were neither blank nor duplicates
    values_missing: tuple[str, ...]  # keep_values no longer found ("column = value")
    reached: bool
    #: (code, count) of the errors left that the reference recipe leaves too: the file lacks the
    #: information to fix them, the goal expects them
    expected: tuple[tuple[str, int], ...] = ()

    @property
    def errors_expected(self) -> int:
        return sum(n for _code, n in self.expected)

    @property
    def errors_fixable(self) -> int:
        """Errors left that the learner can still fix (the reference recipe fixes errors of their kind)."""
        return self.errors_left - self.errors_expected


def _counted(report: Report, step: CleanStep) -> list[Any]:
    codes = set(step.goal.codes)
    return [e for e in report.errors if e.is_error and (not codes or e.code in codes)]


def _scored(report: Report, step: CleanStep) -> list[Any]:
    """The problems the criteria score: the counted errors, and the warnings whose code the step names
    in ``evidence`` (a label with spaces around it, for instance: a warning, yet a skill to show)."""
    named = {code for code, _ in step.evidence}
    return _counted(report, step) + [e for e in report.errors if not e.is_error and e.code in named]


class CleanWork:
    """Mutable holder of a clean step in progress (the history itself is immutable)."""

    def __init__(self, step: CleanStep, original: Table, schema: Schema, findings: tuple[Finding, ...] = ()) -> None:
        self.step, self.original, self.schema, self.findings = step, original, schema, findings
        self.history = History(original)
        self.initial = validate(original, schema)
        self.report = self.initial
        self._unfixable: Counter[str] | None = None

    @property
    def unfixable(self) -> Counter[str]:
        """Errors per code that even the reference recipe leaves: they cannot count against the learner."""
        if self._unfixable is None:
            final, _results, _problems = replay(self.original, self.step.reference)
            self._unfixable = Counter(e.code for e in _counted(validate(final, self.schema), self.step))
        return self._unfixable

    @property
    def table(self) -> Table:
        return self.history.table

    def _revalidate(self, old: Table, changed: frozenset[int] | None, rows_changed: bool) -> None:
        self.report = revalidate(self.report, old, self.table, self.schema,
                                 None if changed is None else set(changed), rows_changed)

    def apply(self, operation: Operation) -> Any:
        old = self.table
        self.history = self.history.apply(operation)
        result = self.history.results[-1]
        self._revalidate(old, result.changed_columns, result.rows_changed)
        return result

    def undo(self) -> Operation:
        old, step = self.table, self.history.done[-1]
        self.history = self.history.undo()
        self._revalidate(old, None, step.result.rows_changed)
        return step.operation

    def redo(self) -> Operation:
        old = self.table
        self.history = self.history.redo()
        step = self.history.done[-1]
        self._revalidate(old, None, step.result.rows_changed)
        return step.operation

    # persistence: every operation ever applied and how many are in effect (the rest can be redone)
    def to_json(self) -> dict[str, Any]:
        done = [s.operation.to_json() for s in self.history.done]
        undone = [s.operation.to_json() for s in reversed(self.history.undone)]
        return {"ops": done + undone, "done": len(done)}

    def restore(self, saved: dict[str, Any]) -> list[Any]:
        """Replay the saved operations; stops at the first one that no longer applies (the dataset
        or scenario changed since) and returns its French messages, keeping everything before it."""
        ops = saved.get("ops", [])
        done = int(saved.get("done", len(ops)))
        applied, problems = 0, []
        for d in ops:
            try:
                self.history = self.history.apply(operation_from_json(d))
            except OperationError as e:
                problems = list(e.messages)
                break
            applied += 1
        for _ in range(max(0, applied - done)):
            self.history = self.history.undo()
        self.report = validate(self.table, self.schema)
        return problems

    # objectives and score ----------------------------------------------------------------
    def objectives(self) -> Objectives:
        step, table = self.step, self.table
        counted = _counted(self.report, step)
        left = len(counted)
        warnings = self.report.warning_count
        lost = self.rows_lost()
        missing = tuple(f"{k.column} = {k.value}" for k in step.keep_values
                        if k.column not in table.header or k.value not in table.column(k.column))
        goal = step.goal
        reached = (left <= goal.max_errors and (goal.max_warnings is None or warnings <= goal.max_warnings)
                   and not missing and (not step.keep_rows or lost == 0)
                   and (table.nrows > 0 or self.original.nrows == 0) and self.introduced() == 0)
        per_code = Counter(e.code for e in counted)
        expected = tuple((code, min(n, self.unfixable[code])) for code, n in sorted(per_code.items())
                         if self.unfixable.get(code, 0) > 0)
        return Objectives(left, warnings, len(_counted(self.initial, step)), lost, missing, reached, expected)

    def introduced(self) -> int:
        """Errors of kinds the file did not have at the start and the reference recipe does not
        leave either (removing a required column, say). Kinds the reference leaves count as found,
        not introduced: a file whose column names carry spaces shows its cell errors only once the
        names are cleaned."""
        known = {e.code for e in _counted(self.initial, self.step)} | set(self.unfixable)
        return sum(1 for e in _counted(self.report, self.step) if e.code not in known)

    def rows_lost(self) -> int:
        """Original data rows no longer present, not counting blank rows and exact duplicates."""
        kept = set(self.table.row_numbers)
        seen: set[tuple[str | None, ...]] = set()
        lost = 0
        for r, number in enumerate(self.original.row_numbers):
            row = self.original.row(r)
            blank = all(not (c or "").strip() for c in row)
            duplicate = row in seen
            seen.add(row)
            if number not in kept and not blank and not duplicate:
                lost += 1
        return lost

    def criteria(self) -> list[tuple[str, float, str, str]]:
        """(criterion, score 0..1, detail, competency) for each kind of error found at the start,
        plus « données préservées »."""
        before = Counter(e.code for e in _scored(self.initial, self.step))
        after = Counter(e.code for e in _scored(self.report, self.step))
        out = []
        o = self.objectives()
        for code, n in sorted(before.items()):
            fixable = n - min(n, self.unfixable.get(code, 0))  # what the reference recipe fixes
            if fixable == 0:
                continue
            fixed = min(fixable, max(0, n - after.get(code, 0)))
            out.append((code, fixed / fixable, f"{fixed}/{fixable}", self.step.competency_for(code)))
        rows = self.original.nrows or 1
        kept = 1.0 - (o.rows_lost / rows if self.step.keep_rows else 0.0)
        values = 1.0 - (len(o.values_missing) / len(self.step.keep_values) if self.step.keep_values else 0.0)
        used = len(self.history.done)
        if self.step.reference and used:
            # as few operations as the reference, or fewer: full marks — once the work is done;
            # before that, only in proportion to what was fixed
            done_share = 1.0 if o.reached else sum(score for _c, score, _d, _k in out) / max(1, len(out))
            out.append(("operations-utilisees", min(1.0, len(self.step.reference) / used) * done_share,
                        f"{used}/{len(self.step.reference)}", "B3"))
        introduced = self.introduced()
        out.append(("donnees-preservees", max(0.0, min(kept, values, 1.0 / (1 + introduced))),
                    f"{o.rows_lost}/{len(o.values_missing)}/{introduced}", "B3"))
        return out
