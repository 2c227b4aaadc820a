"""Validate a table that comes in consecutive chunks of rows, in memory bounded by the chunk.

``StreamValidator(schema).feed(chunk)`` for each chunk (a :class:`Table` with the file's header
and its own row numbers), then ``.report()``: the same report as :func:`validate` on the whole table.
Between chunks only what ``unique`` and ``primaryKey`` need is kept (the values met, with the row
of their first appearance) and the errors detailed so far (at most ``max_errors`` row errors; the
others are counted). Every other check reads one row at a time, custom checks included.
"""

from __future__ import annotations

from typing import Any

from game.core.table import Table

from .custom_checks import CUSTOM_CHECKS
from .errors import Budget, Report, ValidationError
from .model import Schema
from .validate import Key, _assemble, _blank_rows, _column_unit, _custom_unit, _pk_unit, _Plan, _plan


class StreamValidator:
    def __init__(self, schema: Schema, *, max_errors: int | None = None) -> None:
        self.schema = schema
        self.max_errors = max_errors
        self._plan: _Plan | None = None
        self._errors: list[ValidationError] = []
        self._row_errors = 0
        self._omitted = 0
        #: column index -> value -> first row, for the unique columns
        self._unique: dict[int, dict[Any, int]] = {}
        self._pk: dict[tuple[Any, ...], int] = {}

    def feed(self, table: Table) -> None:
        schema = self.schema
        if self._plan is None:
            self._plan = _plan(table.header, schema)
            self._errors.extend(self._plan.header_errors)
        plan = self._plan
        budget = None
        blank = _blank_rows(table, schema, plan)
        if self.max_errors is not None:
            budget = Budget(max(0, self.max_errors - self._row_errors),
                            frozenset(table.row_numbers[r] for r in blank))
        units: dict[Key, tuple[ValidationError, ...]] = {}
        for j in range(table.ncols):
            role = plan.roles[j]
            seen = self._unique.setdefault(j, {}) if role is not None and role.unique else None
            units[("col", j)] = _column_unit(table, schema, plan, j, budget, seen)
        units[("pk",)] = _pk_unit(table, schema, plan, budget, self._pk)
        for i, check in enumerate(schema.custom_checks):
            if check.name in CUSTOM_CHECKS:
                units[("custom", i)] = _custom_unit(table, schema, plan, i, budget)
        report = _assemble(table, schema, plan, units, budget, blank)
        rows = [e for e in report.errors if e.row is not None]
        self._errors.extend(rows)
        self._row_errors += len(rows)
        self._omitted += report.omitted

    def report(self) -> Report:
        """The report of every chunk fed so far, sorted by row then column."""
        return Report(tuple(sorted(self._errors, key=ValidationError.sort_key)), {}, self._omitted)
