"""One problem found in a table, and the report that gathers them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.core.messages import Message

ERROR = "error"
WARNING = "warning"

#: codes frictionless itself reports (the others are Validata's header codes and custom checks)
FRICTIONLESS_CODES = frozenset({
    "blank-header", "blank-label", "duplicate-label", "missing-label", "extra-label", "unmatched-header",
    "blank-row", "extra-cell", "missing-cell", "type-error", "constraint-error", "unique-error", "primary-key",
})


@dataclass(frozen=True, slots=True)
class ValidationError:
    code: str
    row: int | None
    field: str | None
    column: int | None
    cell: str | None
    severity: str
    message: Message
    hint: Message | None = None
    #: which constraint failed (``required``, ``pattern``…) for a constraint-error; the variant of a
    #: custom check (``inverted`` coordinates…); None otherwise
    detail: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple[Any, ...]:
        """Row, then column, then kind (the sort is stable: ties keep the order checks ran in)."""
        return (self.row or 0, -1 if self.column is None else self.column, self.code, self.detail or "",
                self.field or "")


class Budget:
    """How many more row errors a report may detail: past it they are only counted (a file where
    every cell is wrong would otherwise hold millions of error objects, about 0.5 kB each)."""

    __slots__ = ("blank", "left", "omitted")

    def __init__(self, limit: int, blank: frozenset[int] = frozenset()) -> None:
        self.left = limit
        self.omitted = 0
        #: numbers of the blank rows, whose cell errors the report leaves out (a blank-row error says it all)
        self.blank = blank

    def take(self, error: ValidationError) -> bool:
        if error.row in self.blank and error.code not in ("primary-key", "blank-row"):
            return False  # the report leaves it out anyway (the blank-row error says it all)
        if self.left > 0:
            self.left -= 1
            return True
        self.omitted += 1
        return False


class Collected(list[ValidationError]):
    """A list of errors that keeps only what the budget allows (no budget: everything)."""

    def __init__(self, budget: Budget | None) -> None:
        super().__init__()
        self.budget = budget

    def append(self, error: ValidationError) -> None:
        if self.budget is None or self.budget.take(error):
            super().append(error)

    def extend(self, errors: Any) -> None:
        for e in errors:
            self.append(e)


@dataclass(frozen=True, slots=True)
class Report:
    errors: tuple[ValidationError, ...]
    #: private memo for :func:`revalidate` (errors per check unit); never compared
    units: Mapping[Any, tuple[ValidationError, ...]] = field(default_factory=dict, compare=False, repr=False)
    #: row errors found but not detailed, past the limit given to :func:`validate`
    omitted: int = 0

    @property
    def valid(self) -> bool:
        return not self.omitted and not any(e.severity == ERROR for e in self.errors)

    @property
    def error_count(self) -> int:
        return sum(1 for e in self.errors if e.severity == ERROR) + self.omitted

    @property
    def warning_count(self) -> int:
        return sum(1 for e in self.errors if e.severity == WARNING)

    def counts(self) -> dict[str, int]:
        """Number of problems per code."""
        return dict(Counter(e.code for e in self.errors))

    def counts_by_severity(self) -> dict[str, int]:
        return dict(Counter(e.severity for e in self.errors))

    def by_code(self, code: str) -> tuple[ValidationError, ...]:
        return tuple(e for e in self.errors if e.code == code)

    def cells(self) -> set[tuple[int | None, str | None, str]]:
        """The (row, field, code) set, as the agreement test compares it with frictionless."""
        return {(e.row, e.field, e.code) for e in self.errors}
