"""Valid is not correct: a cleaned table compared with the table the scenario's reference recipe
produces, cell by cell and row by row.

Three things are wrong: a cell the reference changes that the learner changed to another value, a
cell the reference keeps that the learner altered, a row the reference keeps that the learner
removed. A scenario may accept other right values for a cell (``accept``: per column, the value the
reference gives -> other values accepted). Columns are matched through their lineage (the column of
the file they come from, followed through renames), rows through their row number, so a learner who
fixes values before renaming the columns is compared as fairly as one who renames first.

:class:`Reference` is built once per clean step (the reference recipe replayed); comparing a table
costs one pass over the columns that changed since the last comparison (results are kept per column).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, count
from operator import ne

from .operations import Operation, Result
from .operations.columns import RenameColumn
from .table import Cell, Table

#: wrong cells kept as examples (shown to the learner, written in a criterion's detail)
EXAMPLES = 5

#: per column (its name in the reference table): the value the reference gives -> other values accepted
Accepted = Mapping[str, Mapping[str, frozenset[str]]]


@dataclass(frozen=True, slots=True)
class Change:
    """One cell: its row number and column (as the learner's table names it), its value before,
    the learner's value, and the value the reference recipe gives."""

    row: int
    column: str
    before: Cell
    after: Cell
    expected: Cell
    field: str = ""  # the column's name in the reference table (the schema's name)


@dataclass(frozen=True, slots=True)
class Comparison:
    expected: int = 0  # cells the reference changes, in the rows and columns both tables have
    right: int = 0  # of those, the cells holding the reference's value (or an accepted one)
    #: the reference changes the cell, the learner changed it to a value the recipe never gives it
    #: (a value it gives on its way, trimmed before being upper-cased, is half-way: not right, not wrong)
    changed_wrong: int = 0
    kept_altered: int = 0  # the reference keeps the cell, the learner altered it
    rows_lost: int = 0  # rows the reference keeps that the learner removed
    examples: tuple[Change, ...] = ()
    #: wrong cells per column of the learner's table, in table order
    per_column: tuple[tuple[str, int], ...] = ()

    @property
    def wrong(self) -> int:
        """Cells the learner changed in a way the reference does not."""
        return self.changed_wrong + self.kept_altered

    @property
    def score(self) -> float:
        """« Données justes »: the share of what the reference expects that is right — each cell it
        changes, each cell it keeps that the learner altered, each row it keeps (1.0 with nothing to do)."""
        units = self.expected + self.kept_altered + self.rows_lost
        return 1.0 if units == 0 else self.right / units


def lineage(header: Sequence[str], steps: Iterable[tuple[Operation, Result]]) -> dict[str, str | None]:
    """Each column of the table after ``steps`` -> the column of the original file it comes from
    (followed through renames), None for a column an operation created (split, merge)."""
    origin: dict[str, str | None] = {h: h for h in header}
    for op, result in steps:
        after = result.table.header
        if isinstance(op, RenameColumn):
            origin = {(op.to if k == op.column else k): v for k, v in origin.items()}
        origin = {h: origin.get(h) for h in after}
    return origin


@dataclass(slots=True)
class _ColumnResult:
    expected: int
    right: int
    changed_wrong: int
    kept_altered: int
    examples: list[Change]


class Reference:
    """The reference recipe's table, ready to compare learners' tables with (pure; caches per column)."""

    def __init__(self, original: Table, final: Table, origins: Mapping[str, str | None],
                 accepted: Accepted | None = None, path: Mapping[str, Mapping[int, frozenset[Cell]]] | None = None) -> None:
        self.original, self.final = original, final
        self.accepted = accepted or {}
        self._by_origin = {o: name for name, o in origins.items() if o is not None}
        self._created = {name for name, o in origins.items() if o is None}
        self._final_pos = {n: i for i, n in enumerate(final.row_numbers)}
        self._original_pos = {n: i for i, n in enumerate(original.row_numbers)}
        #: origin column -> row number -> values the cell takes along the reference recipe
        self._path = path or {}
        self._align: tuple[tuple[int, ...], list[int | None], list[int]] | None = None
        self._cache: dict[str, tuple[tuple[Cell, ...], tuple[int, ...], str | None, _ColumnResult]] = {}
        self._ref_changed: dict[tuple[str, str | None], frozenset[int]] = {}

    @classmethod
    def replayed(cls, original: Table, steps: Sequence[tuple[Operation, Result]],
                 accepted: Accepted | None = None) -> Reference:
        """The reference from the recipe's steps as applied to ``original`` (the values each cell
        takes on the way are kept, so a learner's step that the recipe also takes is not « unexpected »)."""
        final = steps[-1][1].table if steps else original
        path: dict[str, dict[int, set[Cell]]] = {}
        table: Table = original
        done: list[tuple[Operation, Result]] = []
        for op, result in steps:
            origins = lineage(original.header, done)
            new = result.table
            if not result.rows_changed and new.row_numbers == table.row_numbers:
                new_origins = lineage(original.header, [*done, (op, result)])
                changed = range(new.ncols) if result.changed_columns is None else result.changed_columns
                for c in changed:
                    name = new.header[c]
                    o = new_origins.get(name)
                    if o is None:
                        continue
                    old_name = next((k for k, v in origins.items() if v == o), None)
                    if old_name is None:
                        continue
                    old_col, new_col = table.column(old_name), new.columns[c]
                    if old_col is new_col:
                        continue
                    cells = path.setdefault(o, {})
                    numbers = new.row_numbers
                    for i in compress(count(), map(ne, old_col, new_col)):
                        n = numbers[i]
                        if n in cells:
                            cells[n].add(new_col[i])
                        else:
                            cells[n] = {old_col[i], new_col[i]}
            done.append((op, result))
            table = new
        frozen = {o: {n: frozenset(v) for n, v in cells.items()} for o, cells in path.items()}
        return cls(original, final, lineage(original.header, steps), accepted, frozen)

    # -- matching -----------------------------------------------------------------------------
    def counterpart(self, name: str, origin: str | None) -> str | None:
        """The reference's column for a learner's column (same origin; same name for a created one)."""
        if origin is not None:
            return self._by_origin.get(origin)
        return name if name in self._created else None

    def _alignment(self, rows: tuple[int, ...]) -> tuple[list[int | None], list[int]]:
        if self._align is None or self._align[0] is not rows:
            fp, op = self._final_pos, self._original_pos
            self._align = (rows, [fp.get(n) for n in rows], [op[n] for n in rows])
        return self._align[1], self._align[2]

    def _accepts(self, ref_name: str, expected: Cell, value: Cell) -> bool:
        alts = self.accepted.get(ref_name)
        return alts is not None and expected is not None and value is not None and value in alts.get(expected, ())

    # -- comparing a whole table -----------------------------------------------------------------
    def compare(self, table: Table, origins: Mapping[str, str | None]) -> Comparison:
        """The learner's ``table`` (whose columns come from ``origins``, see :func:`lineage`) against the reference."""
        totals = [0, 0, 0, 0]
        examples: list[Change] = []
        per_column: list[tuple[str, int]] = []
        for c, name in enumerate(table.header):
            origin = origins.get(name)
            ref_name = self.counterpart(name, origin)
            if ref_name is None:
                continue
            col = table.columns[c]
            hit = self._cache.get(name)
            if hit is not None and hit[0] is col and hit[1] is table.row_numbers and hit[2] == ref_name:
                res = hit[3]
            else:
                res = self._compare_column(table, name, col, origin, ref_name)
                self._cache[name] = (col, table.row_numbers, ref_name, res)
            totals[0] += res.expected
            totals[1] += res.right
            totals[2] += res.changed_wrong
            totals[3] += res.kept_altered
            if res.changed_wrong + res.kept_altered:
                per_column.append((name, res.changed_wrong + res.kept_altered))
            examples += res.examples[:EXAMPLES - len(examples)]
        kept = set(table.row_numbers)
        lost = sum(1 for n in self.final.row_numbers if n not in kept)
        return Comparison(totals[0], totals[1], totals[2], totals[3], lost, tuple(examples), tuple(per_column))

    def _changed_by_reference(self, ref_name: str, origin: str | None) -> frozenset[int]:
        """Row numbers of the cells the reference changes in one of its columns (computed once)."""
        key = (ref_name, origin)
        found = self._ref_changed.get(key)
        if found is None:
            ref, final_rows = self.final.column(ref_name), self.final.row_numbers
            if origin is None:
                found = frozenset(n for n, w in zip(final_rows, ref, strict=True) if w is not None)
            else:
                orig, pos = self.original.column(origin), self._original_pos
                if final_rows == self.original.row_numbers:
                    found = frozenset(compress(final_rows, map(ne, ref, orig)))
                else:
                    found = frozenset(n for n, w in zip(final_rows, ref, strict=True) if w != orig[pos[n]])
            self._ref_changed[key] = found
        return found

    def _compare_column(self, table: Table, name: str, col: tuple[Cell, ...], origin: str | None,
                        ref_name: str) -> _ColumnResult:
        ref = self.final.column(ref_name)
        orig = self.original.column(origin) if origin is not None else None
        rows = table.row_numbers
        changed_by_ref = self._changed_by_reference(ref_name, origin)
        # the cells that differ from the reference's: one quick pass, then only those are looked at
        if rows == self.final.row_numbers:
            expected = len(changed_by_ref)
            to_ref: list[int | None] | None = None
            mismatches = list(compress(count(), map(ne, col, ref)))
        else:
            to_ref, _to_orig = self._alignment(rows)
            expected = sum(1 for n in rows if n in changed_by_ref)
            mismatches = [i for i, (v, j) in enumerate(zip(col, to_ref, strict=True)) if j is not None and v != ref[j]]
        _to_ref, to_orig = self._alignment(rows)
        right = expected
        changed_wrong = kept_altered = 0
        examples: list[Change] = []
        alts = self.accepted.get(ref_name)
        on_path = self._path.get(origin, {}) if origin is not None else {}
        for i in mismatches:
            value = col[i]
            want = ref[i if to_ref is None else to_ref[i]]  # type: ignore[index]
            before = orig[to_orig[i]] if orig is not None else None
            if alts and want is not None and value is not None and value in alts.get(want, ()):
                continue
            if want != before:
                right -= 1
                if value == before or value in on_path.get(rows[i], ()):
                    continue  # not done yet (or half-way, as the recipe itself goes): not wrong
                changed_wrong += 1
            else:
                kept_altered += 1
            if len(examples) < EXAMPLES:
                examples.append(Change(rows[i], name, before, value, want, ref_name))
        return _ColumnResult(expected, right, changed_wrong, kept_altered, examples)

    # -- what one operation did ------------------------------------------------------------------
    def unexpected(self, before: Table, after: Table, origins: Mapping[str, str | None],
                   changed: Iterable[int] | None) -> tuple[tuple[Change, ...], int, int, tuple[str, ...]]:
        """What an operation that turned ``before`` into ``after`` did that the reference recipe never
        does: (first examples, number of such cells, rows the reference keeps that it removed, the
        reference's names of the columns of those cells). A value
        the reference also gives a cell on its way (trimmed before its case is changed) is expected."""
        removed = 0
        if after.row_numbers != before.row_numbers:
            kept = set(after.row_numbers)
            removed = sum(1 for n in before.row_numbers if n not in kept and n in self._final_pos)
            return (), 0, removed, ()
        flagged = 0
        examples: list[Change] = []
        fields: list[str] = []
        columns = range(after.ncols) if changed is None else changed
        to_ref, _to_orig = self._alignment(after.row_numbers)
        for c in columns:
            name = after.header[c]
            if name not in before.header:
                continue
            old, new = before.column(name), after.columns[c]
            if old is new:
                continue
            origin = origins.get(name)
            ref_name = self.counterpart(name, origin)
            if ref_name is None:
                continue
            ref = self.final.column(ref_name)
            on_path = self._path.get(origin, {}) if origin is not None else {}
            for i in compress(count(), map(ne, old, new)):
                a, b = old[i], new[i]
                j = to_ref[i]
                if j is None:
                    continue
                want = ref[j]
                if b == want or self._accepts(ref_name, want, b) or b in on_path.get(after.row_numbers[i], ()):
                    continue
                flagged += 1
                if ref_name not in fields:
                    fields.append(ref_name)
                if len(examples) < EXAMPLES:
                    examples.append(Change(after.row_numbers[i], name, a, b, want, ref_name))
        return tuple(examples), flagged, removed, tuple(fields)
