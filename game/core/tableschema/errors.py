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


@dataclass(frozen=True, slots=True)
class Report:
    errors: tuple[ValidationError, ...]
    #: private memo for :func:`revalidate` (errors per check unit); never compared
    units: Mapping[Any, tuple[ValidationError, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def valid(self) -> bool:
        return not any(e.severity == ERROR for e in self.errors)

    @property
    def error_count(self) -> int:
        return sum(1 for e in self.errors if e.severity == ERROR)

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
