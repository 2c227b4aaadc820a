"""Editing one cell by hand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..messages import N_, Message, msg
from ..table import Table
from .base import Operation, Result, check_columns, unknown_rows


@dataclass(frozen=True, slots=True)
class EditCell(Operation):
    #: the row number as the file and the error list show it (the header is row 1)
    row: int
    column: str
    value: str

    op = "edit-cell"
    label = N_("Modifier une cellule")
    explanation = N_("Corrige à la main la valeur d'une seule cellule, quand aucune opération générale ne "
                     "convient (une faute de frappe, un code à retrouver dans un autre document).")
    row_specific: ClassVar[bool] = True

    @classmethod
    def at(cls, table: Table, index: int, column: str, value: str) -> EditCell:
        """The edit of the cell at data row ``index`` (0-based, as the grid counts) of ``table``."""
        return cls(table.row_numbers[index], column, value)

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column]) + unknown_rows(table, (self.row,))

    def _apply(self, table: Table) -> Result:
        c = table.index(self.column)
        r = table.row_numbers.index(self.row)
        if table.columns[c][r] == self.value:
            new, changed = table, 0
        else:
            col = list(table.columns[c])
            col[r] = self.value
            new, changed = table.with_column(c, col), 1
        return Result(new, frozenset({c}) if changed else frozenset(), False, changed,
                      msg(N_("Cellule modifiée : ligne {row}, colonne « {column} »."), row=self.row,
                          column=self.column))
