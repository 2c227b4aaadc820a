"""Undo/redo over cleaning operations, and the recipe: the operations as JSON, replayable on next month's file.

A :class:`History` is immutable: ``apply``, ``undo`` and ``redo`` return a new one. Each step keeps
its result, so undo and redo cost nothing and the tables share their unchanged columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .messages import N_, msg
from .operations import Operation, OperationError, Result, operation_from_json
from .problems import Problem
from .table import Table


@dataclass(frozen=True, slots=True)
class Step:
    operation: Operation
    result: Result


@dataclass(frozen=True, slots=True)
class History:
    original: Table
    #: applied steps, oldest first
    done: tuple[Step, ...] = ()
    #: undone steps that redo can bring back, the next one to redo last
    undone: tuple[Step, ...] = ()

    @property
    def table(self) -> Table:
        return self.done[-1].result.table if self.done else self.original

    @property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(s.operation for s in self.done)

    @property
    def results(self) -> tuple[Result, ...]:
        return tuple(s.result for s in self.done)

    @property
    def last(self) -> Step | None:
        return self.done[-1] if self.done else None

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    def apply(self, operation: Operation) -> History:
        """The history with ``operation`` applied (raises OperationError); the redo list is dropped."""
        result = operation.apply(self.table)
        return History(self.original, self.done + (Step(operation, result),), ())

    def undo(self) -> History:
        if not self.done:
            raise OperationError(msg(N_("Il n'y a rien à annuler.")))
        return History(self.original, self.done[:-1], self.undone + (self.done[-1],))

    def redo(self) -> History:
        if not self.undone:
            raise OperationError(msg(N_("Il n'y a rien à rétablir.")))
        return History(self.original, self.done + (self.undone[-1],), self.undone[:-1])

    def recipe(self) -> list[dict[str, Any]]:
        """The applied operations as JSON-ready dicts (OpenRefine-like), oldest first."""
        return [s.operation.to_json() for s in self.done]

    @classmethod
    def from_recipe(cls, table: Table, recipe: Iterable[dict[str, Any] | Operation]
                    ) -> tuple[History, list[Problem]]:
        """A history that starts from ``table`` with the recipe's operations applied (those that can)."""
        history = cls(table)
        problems: list[Problem] = []
        for i, entry in enumerate(recipe):
            try:
                op = entry if isinstance(entry, Operation) else operation_from_json(entry)
            except OperationError as e:
                problems += [Problem((i,), m) for m in e.messages]
                continue
            found = op.check(history.table)
            if found:
                problems += [Problem((i, op.op), m) for m in found]
                continue
            history = history.apply(op)
        return history, problems


def replay(table: Table, recipe: Iterable[dict[str, Any] | Operation]
           ) -> tuple[Table, list[Result], list[Problem]]:
    """Apply a recipe to a (new) table; steps that no longer apply are skipped and reported.

    Each problem's ``path`` is ``(step index,)`` for an entry that cannot be read, or
    ``(step index, op id)`` for an operation that does not apply to this table.
    """
    history, problems = History.from_recipe(table, recipe)
    return history.table, list(history.results), problems
