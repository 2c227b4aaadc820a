"""A table read from a CSV file: column-major, immutable, keeping every defect it was read with.

Columns are tuples of cells so that an operation touching one column replaces one tuple and
shares the others (cheap undo, incremental re-validation). Nothing is silently fixed: a short
row keeps ``None`` in its missing cells, a long row keeps its extra cells in ``extras``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

Cell = str | None  # None: the row had no cell here (missing-cell)

_EMPTY: Mapping[int, tuple[str, ...]] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    columns: tuple[tuple[Cell, ...], ...]
    #: physical row number of each data row, numbered as frictionless does (header = 1)
    row_numbers: tuple[int, ...]
    #: data row index -> cells beyond the header's width (extra-cell)
    extras: Mapping[int, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)  # (3.11: proxy unhashable)

    def __post_init__(self) -> None:
        if len(self.columns) != len(self.header):
            raise ValueError("one column per header label")
        if any(len(c) != len(self.row_numbers) for c in self.columns):
            raise ValueError("every column has one cell per row")

    @classmethod
    def from_rows(cls, header: Sequence[str], rows: Sequence[Sequence[str]],
                  row_numbers: Sequence[int] | None = None) -> Table:
        """Build from row-major cells; short rows get ``None``, long rows keep their extras."""
        width = len(header)
        cols: list[list[Cell]] = [[] for _ in range(width)]
        extras: dict[int, tuple[str, ...]] = {}
        for r, row in enumerate(rows):
            for c in range(width):
                cols[c].append(row[c] if c < len(row) else None)
            if len(row) > width:
                extras[r] = tuple(row[width:])
        numbers = tuple(row_numbers) if row_numbers is not None else tuple(range(2, len(rows) + 2))
        return cls(tuple(header), tuple(tuple(c) for c in cols), numbers,
                   MappingProxyType(extras) if extras else _EMPTY)

    @property
    def nrows(self) -> int:
        return len(self.row_numbers)

    @property
    def ncols(self) -> int:
        return len(self.header)

    def index(self, name: str) -> int:
        return self.header.index(name)

    def column(self, name: str) -> tuple[Cell, ...]:
        return self.columns[self.header.index(name)]

    def row(self, r: int) -> tuple[Cell, ...]:
        return tuple(col[r] for col in self.columns)

    def rows(self) -> Iterator[tuple[Cell, ...]]:
        return zip(*self.columns, strict=True) if self.columns else iter(() for _ in self.row_numbers)

    def cell(self, r: int, c: int) -> Cell:
        return self.columns[c][r]

    def with_column(self, c: int, values: Sequence[Cell], name: str | None = None) -> Table:
        cols = list(self.columns)
        cols[c] = tuple(values)
        header = self.header if name is None else self.header[:c] + (name,) + self.header[c + 1:]
        return replace(self, header=header, columns=tuple(cols))

    def with_columns(self, header: Sequence[str], columns: Sequence[Sequence[Cell]]) -> Table:
        return replace(self, header=tuple(header), columns=tuple(tuple(c) for c in columns))

    def select_rows(self, keep: Sequence[int]) -> Table:
        """Only the given data rows (in that order); row numbers and extras follow their rows."""
        cols = tuple(tuple(col[r] for r in keep) for col in self.columns)
        extras = {i: self.extras[r] for i, r in enumerate(keep) if r in self.extras}
        return Table(self.header, cols, tuple(self.row_numbers[r] for r in keep),
                     MappingProxyType(extras) if extras else _EMPTY)
