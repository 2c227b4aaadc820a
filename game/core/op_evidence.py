"""What one operation of the reference recipe does, and how much of it a learner's table shows.

A scenario may name an operation of its reference recipe in a clean step's ``evidence:``
(``group-small-counts: B4``): the step is then also scored on that operation's work — the rows it
removes, gone from the learner's table, and the cells it changes, holding the value the reference
gives (or one the scenario accepts). A learner who leaves the rare first names as they were gets 0
on « Regrouper les petits effectifs », whatever else they did right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .operations import Operation, Result
from .table import Table


@dataclass(frozen=True, slots=True)
class Effect:
    """What the steps of one operation id did in the reference recipe."""

    #: row numbers those steps removed
    removed: frozenset[int]
    #: (row number, column name, value the reference ends with) of each cell they changed
    cells: tuple[tuple[int, str, str | None], ...]

    @property
    def size(self) -> int:
        return len(self.removed) + len(self.cells)


def effect_of(original: Table, steps: Iterable[tuple[Operation, Result]], op: str) -> Effect:
    """The effect of the reference steps whose id is ``op`` (``steps``: the recipe replayed on
    ``original``); a cell's expected value is the final table's when it is still there."""
    removed: set[int] = set()
    changed: dict[tuple[int, str], None] = {}
    before = original
    final = original
    for operation, result in steps:
        after = result.table
        if operation.op == op:
            removed |= set(before.row_numbers) - set(after.row_numbers)
            where = {n: r for r, n in enumerate(before.row_numbers)}
            for c, name in enumerate(after.header):
                if name not in before.header:
                    continue
                old, new = before.column(name), after.columns[c]
                for r, number in enumerate(after.row_numbers):
                    if number in where and old[where[number]] != new[r]:
                        changed[(number, name)] = None
        before = final = after
    rows = {n: r for r, n in enumerate(final.row_numbers)}
    cells = tuple((n, name, final.column(name)[rows[n]]) for n, name in changed
                  if n in rows and name in final.header)
    return Effect(frozenset(removed - set(final.row_numbers)), cells)


def share_done(effect: Effect, table: Table, accepted: Mapping[str, Mapping[str, frozenset[str]]] | None = None
               ) -> tuple[int, int]:
    """(done, size): the removed rows absent from ``table`` plus its cells holding the expected
    value (or an accepted one), out of the effect's size."""
    accepted = accepted or {}
    present = {n: r for r, n in enumerate(table.row_numbers)}
    done = sum(1 for n in effect.removed if n not in present)
    for number, name, expected in effect.cells:
        if number not in present or name not in table.header:
            continue
        value = table.column(name)[present[number]]
        if value == expected or (expected is not None and value in accepted.get(name, {}).get(expected, ())):
            done += 1
    return done, effect.size
