"""A column's profile, as the cleaning workbench shows it beside the grid: how many cells are
empty, how many different values the others hold, and the values with their counts, most
frequent first (ties in the table's order) — the facet a learner picks a value from to fix it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .table import Cell


@dataclass(frozen=True, slots=True)
class ColumnProfile:
    empty: int  # empty or missing cells
    distinct: int  # different non-empty values
    #: the most frequent values, empty ("") included, with their counts
    values: tuple[tuple[str, int], ...]
    #: the most frequent non-empty values with their counts
    frequent: tuple[tuple[str, int], ...]


def column_profile(cells: Sequence[Cell], *, values: int = 50, frequent: int = 4) -> ColumnProfile:
    """The profile of one column: at most ``values`` values and ``frequent`` non-empty ones."""
    counts = Counter(v or "" for v in cells)
    listed = tuple(counts.most_common(values))
    empty = counts.pop("", 0)
    return ColumnProfile(empty, len(counts), listed, tuple(counts.most_common(frequent)))
