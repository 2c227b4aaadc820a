"""The cleaning workshop of one clean step: the table's history, its live validation report,
the step's objectives and how the result is scored."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from game.core.correctness import Change, Comparison, Reference, lineage
from game.core.csvquality import Finding
from game.core.history import History
from game.core.op_evidence import Effect, effect_of, share_done
from game.core.operations import OPERATIONS, Operation, OperationError, operation_from_json
from game.core.scenario import PRESERVED, CleanStep, FillStep, Scenario
from game.core.table import Table
from game.core.tableschema import Report, Schema, revalidate, validate
from game.core.tableschema.kinds import KEPT_PREFIX


class DatasetSource(Protocol):
    def open(self, scenario: Scenario, step: CleanStep,
             progress: Callable[[float], None] | None = None) -> tuple[Table, Schema, tuple[Finding, ...]]:
        """The step's dataset as published (defects kept) and its target schema; ``progress``
        receives the share of the file read (0 to 1)."""

    def schema(self, scenario: Scenario, step: FillStep) -> Schema:
        """The schema the rows of a fill step must respect."""


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
    #: the table compared with the reference recipe's (values changed otherwise, rows it keeps removed)
    comparison: Comparison = Comparison()
    #: (operation id, done, size) of each operation named in ``evidence:`` whose work the table
    #: does not show in full yet (see :meth:`CleanWork.operation_done`): the goal waits for it
    operations_left: tuple[tuple[str, int, int], ...] = ()

    @property
    def errors_expected(self) -> int:
        return sum(n for _code, n in self.expected)

    @property
    def errors_fixable(self) -> int:
        """Errors left that the learner can still fix (the reference recipe fixes errors of their kind)."""
        return self.errors_left - self.errors_expected

    @property
    def wrong(self) -> int:
        """Values the learner changed in a way the reference recipe does not."""
        return self.comparison.wrong


@dataclass(frozen=True, slots=True)
class Surprise:
    """What the last operation did that the reference recipe never does: the cells it changed
    otherwise (a few examples, how many) and the rows it removed that the recipe keeps."""

    done: int  # operations in effect once it was applied (it is the last one)
    examples: tuple[Change, ...]
    cells: int
    rows: int
    fields: tuple[str, ...] = ()  # the columns of those cells, as the schema names them


def _counted(report: Report, step: CleanStep) -> list[Any]:
    codes = set(step.goal.codes)
    return [e for e in report.errors if e.is_error and (not codes or e.code in codes)]


def _assessed(report: Report, step: CleanStep) -> Counter[str]:
    """Per kind, the problems a clean step is assessed on: the errors that count for its goal, and
    the warnings of the kinds its scenario maps to a competency (``evidence:``)."""
    mapped = {code for code, _comp in step.evidence}
    return Counter(e.code for e in _counted(report, step)) + Counter(
        e.code for e in report.errors if not e.is_error and e.code in mapped)


class CleanWork:
    """Mutable holder of a clean step in progress (the history itself is immutable)."""

    def __init__(self, step: CleanStep, original: Table, schema: Schema, findings: tuple[Finding, ...] = ()) -> None:
        self.step, self.original, self.schema, self.findings = step, original, schema, findings
        self.history = History(original)
        self.initial = validate(original, schema)
        self.report = self.initial
        self._unfixable: Counter[str] | None = None
        self._tolerated: frozenset[str] = frozenset()  # kinds of warning the reference leaves
        self._met: tuple[tuple[Any, ...], Counter[str]] | None = None  # (history it was computed on, counts)
        self._reference: Reference | None = None
        self._effects: dict[str, Effect] = {}  # per operation id named in evidence: what the reference does with it
        self._compared: tuple[Table, Comparison] | None = None
        #: what the last operation applied changed that the reference does not (None: nothing)
        self.surprise: Surprise | None = None

    @property
    def reference(self) -> Reference:
        """The reference recipe replayed on the file, to compare the learner's table with (once per step)."""
        if self._reference is None:
            history, _problems = History.from_recipe(self.original, self.step.reference)
            accepted = {n.column: {v: frozenset(alts) for v, alts in n.accept} for n in self.step.columns if n.accept}
            self._reference = Reference.replayed(self.original, [(s.operation, s.result) for s in history.done],
                                                 accepted)
        return self._reference

    def errors_met(self) -> int:
        """How many errors the learner met (the debrief's facts): per kind, the most they had in front
        of them, at the start and after each operation that revealed some (see :meth:`met`)."""
        return sum(self.met().values())

    @property
    def unfixable(self) -> Counter[str]:
        """Errors per code that even the reference recipe leaves: they cannot count against the learner."""
        if self._unfixable is None:
            report = validate(self.reference.final, self.schema)
            self._unfixable = _assessed(report, self.step)
            self._tolerated = frozenset(e.code for e in report.errors if not e.is_error)
        return self._unfixable

    def met(self) -> Counter[str]:
        """Per kind, the most problems the learner has had in front of them: on the file as read
        (after the automatic reading fixes), then after each operation in effect that changed the
        header (it makes the validator see columns it did not recognise, revealing their cells'
        errors). Errors an operation on values brings are the learner's own, not met."""
        done = self.history.done
        if self._met is not None and self._met[0] is done:
            return self._met[1]
        report, old = self.initial, self.original
        seen = _assessed(report, self.step)
        reveal = [i for i, d in enumerate(done) if d.result.table.header != (done[i - 1].result.table if i else
                                                                               self.original).header]
        for d in done[:reveal[-1] + 1] if reveal else ():  # nothing to revalidate after the last header change
            new, changed = d.result.table, d.result.changed_columns
            report = revalidate(report, old, new, self.schema, None if changed is None else set(changed),
                                d.result.rows_changed)
            if new.header != old.header:
                seen |= _assessed(report, self.step)  # | keeps the larger count of each kind
            old = new
        self._met = (done, seen)
        return seen

    def origins(self) -> dict[str, str | None]:
        """Each column of the table -> the column of the file it comes from (None: created)."""
        return lineage(self.original.header, [(s.operation, s.result) for s in self.history.done])

    def comparison(self) -> Comparison:
        """The table against the reference recipe's (only the columns changed since the last call are read)."""
        table = self.table
        if self._compared is None or self._compared[0] is not table:
            self._compared = (table, self.reference.compare(table, self.origins()))
        return self._compared[1]

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
        examples, cells, rows, fields = self.reference.unexpected(old, self.table, self.origins(),
                                                                  result.changed_columns)
        self.surprise = Surprise(len(self.history.done), examples, cells, rows, fields) if cells or rows else None
        return result

    def undo(self) -> Operation:
        old, step = self.table, self.history.done[-1]
        self.surprise = None
        self.history = self.history.undo()
        self._revalidate(old, None, step.result.rows_changed)
        return step.operation

    def redo(self) -> Operation:
        old = self.table
        self.surprise = None
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
        self.surprise = None
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
        compared = self.comparison()
        reached = (left <= goal.max_errors and (goal.max_warnings is None or warnings <= goal.max_warnings)
                   and not missing and (not step.keep_rows or (lost == 0 and compared.rows_lost == 0))
                   and (table.nrows > 0 or self.original.nrows == 0) and self.introduced() == 0
                   and compared.wrong == 0)
        pending = tuple((op, *self.operation_done(op)) for op, _comp in step.evidence if op in OPERATIONS)
        pending = tuple(p for p in pending if p[1] < p[2])
        reached = reached and not pending
        per_code = Counter(e.code for e in counted)
        expected = tuple((code, min(n, self.unfixable[code])) for code, n in sorted(per_code.items())
                         if self.unfixable.get(code, 0) > 0)
        return Objectives(left, warnings, len(_counted(self.initial, step)), lost, missing, reached, expected, compared,
                          pending)

    def introduced(self) -> int:
        """Errors of kinds the file did not have at the start and the reference recipe does not
        leave either (removing a required column, say). Kinds the reference leaves count as found,
        not introduced: a file whose column names carry spaces shows its cell errors only once the
        names are cleaned."""
        known = {e.code for e in _counted(self.initial, self.step)} | set(self.unfixable)
        return sum(1 for e in _counted(self.report, self.step) if e.code not in known)

    def errors_erased(self) -> int:
        """Errors the file lacks the information to fix (the reference recipe leaves them) that are
        gone all the same: a value made up or deleted where only the producer has the right one.
        They are not fixed: the debrief must not count them so."""
        after = _assessed(self.report, self.step)
        return sum(max(0, n - after.get(code, 0)) for code, n in self.unfixable.items() if code not in self._tolerated)

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
        """(criterion, score 0..1, detail, competency) for each kind of problem the learner met
        (see :meth:`met`) that the reference recipe fixes, plus « données préservées » (nothing lost)
        and « données justes » (as the reference recipe makes them)."""
        after, met = _assessed(self.report, self.step), self.met()
        out = []
        o = self.objectives()
        for code, n in sorted(met.items()):
            fixable = n - min(n, self.unfixable.get(code, 0))  # what the reference recipe fixes
            if fixable == 0:
                continue
            fixed = min(fixable, max(0, n - after.get(code, 0)))
            out.append((code, fixed / fixable, f"{fixed}/{fixable}", self.step.competency_for(code)))
        # errors the file lacks the information to fix, met, of a kind the scenario maps: left for
        # the data's owner (the reference leaves them too), not erased nor made up
        # — credited in proportion to the fixable errors fixed (leaving everything is no merit)
        mapped = {code for code, _comp in self.step.evidence}
        done_share = sum(score for _c, score, _d, _k in out) / len(out) if out else 1.0
        for code, expected in sorted(self.unfixable.items()):
            if code in mapped and code in met and code not in self._tolerated:
                left = min(expected, after.get(code, 0))
                out.append((KEPT_PREFIX + code, left / expected * done_share, f"{left}/{expected}",
                            self.step.competency_for(code)))
        rows = self.original.nrows or 1
        kept = 1.0 - (o.rows_lost / rows if self.step.keep_rows else 0.0)
        values = 1.0 - (len(o.values_missing) / len(self.step.keep_values) if self.step.keep_values else 0.0)
        introduced = self.introduced()
        c = o.comparison
        # a value changed into one the reference never gives has lost what the file said (« AssiaAmélie »
        # made « Assiaamélie » no longer tells there were two names): it is not preserved either
        out.append((PRESERVED, max(0.0, min(kept, values, 1.0 / (1 + introduced), 1.0 / (1 + c.wrong))),
                    f"{o.rows_lost}/{len(o.values_missing)}/{introduced}/{c.wrong}", self.step.competency_for(PRESERVED)))
        out.append(("donnees-justes", c.score, justes_detail(c), self.step.competency_for("donnees-justes")))
        for name, comp in self.step.evidence:  # an operation of the reference named in evidence: its work done
            if name in OPERATIONS:
                done, size = self.operation_done(name)
                if size:
                    out.append((name, done / size, f"{done}/{size}", comp))
        return out

    def operation_done(self, op: str) -> tuple[int, int]:
        """(done, size): how much of what the reference recipe's ``op`` steps do the table shows
        (rows they remove gone, cells they change right); size 0 when the recipe has no such step."""
        if op not in self._effects:
            history, _problems = History.from_recipe(self.original, self.step.reference)
            self._effects[op] = effect_of(self.original, [(s.operation, s.result) for s in history.done], op)
        accepted = {n.column: {v: frozenset(alts) for v, alts in n.accept} for n in self.step.columns if n.accept}
        return share_done(self._effects[op], self.table, accepted)

    def process(self) -> tuple[int, int]:
        """How the work was done, reported to the trainer but never scored: the operations in
        effect, and how many the reference recipe uses (exploring costs nothing)."""
        return len(self.history.done), len(self.step.reference)


def justes_detail(c: Comparison) -> str:
    """« right/expected/wrong/rows lost », then the first wrong cells as JSON
    ([row, column, before, after, expected], …): what the debrief and the trainer read."""
    units = c.expected + c.kept_altered + c.rows_lost
    cells = [[x.row, x.column, x.before, x.after, x.expected] for x in c.examples]
    return f"{c.right}/{units}/{c.wrong}/{c.rows_lost}" + (" " + json.dumps(cells, ensure_ascii=False) if cells else "")
