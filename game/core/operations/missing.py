"""Empty cells: fill down what merged spreadsheet cells left blank, one convention for missing values."""

from __future__ import annotations

from dataclasses import dataclass

from ..messages import N_, Message, msg
from ..table import Cell, Table
from .base import Operation, Result, cells_result, check_columns, is_blank, map_cells, target_indexes

#: what people write for "no value" (compared without case and surrounding spaces)
DEFAULT_MISSING: tuple[str, ...] = ("NA", "N/A", "N.A.", "-", "--", "null", "?", "nc", "n.c.",
                                    "néant", "non renseigné", "#N/A", "#VALEUR!")


@dataclass(frozen=True, slots=True)
class FillDown(Operation):
    column: str

    op = "fill-down"
    label = N_("Recopier vers le bas")
    explanation = N_("Remplit chaque cellule vide avec la valeur de la cellule au-dessus. Utile quand un "
                     "tableur avait des cellules fusionnées : la valeur n'était écrite que sur la première "
                     "ligne du groupe.")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column])

    def _apply(self, table: Table) -> Result:
        c = table.index(self.column)
        new: list[Cell] = []
        last: Cell = None
        changed = 0
        for cell in table.columns[c]:
            if is_blank(cell) and last is not None:
                new.append(last)
                changed += 1
            else:
                new.append(cell)
                if not is_blank(cell):
                    last = cell
        out = table.with_column(c, new) if changed else table
        return cells_result(table, out, self.column, frozenset({c}) if changed else frozenset(), changed)


@dataclass(frozen=True, slots=True)
class NormaliseMissing(Operation):
    column: str | None = None
    values: tuple[str, ...] = DEFAULT_MISSING
    case_sensitive: bool = False

    op = "normalise-missing"
    label = N_("Vider les cellules « NA », « - », « néant »…")
    explanation = N_("Une valeur manquante s'écrit avec une cellule vide. Cette opération vide les cellules "
                     "qui contiennent seulement « NA », « N/A », « - », « null », « nc », « néant »… (liste "
                     "modifiable) ou seulement des espaces, dans une colonne ou dans tout le tableau.")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column])

    def _apply(self, table: Table) -> Result:
        if self.case_sensitive:
            wanted = {v.strip() for v in self.values}

            def fn(cell: str) -> str:
                s = cell.strip()
                return "" if not s or s in wanted else cell
        else:
            folded = {v.strip().casefold() for v in self.values}

            def fn(cell: str) -> str:
                s = cell.strip().casefold()
                return "" if not s or s in folded else cell

        new, cols, changed, _ = map_cells(table, target_indexes(table, self.column), fn)
        if self.column is None:
            summary = msg(N_("Cellules vidées dans tout le tableau : {count}."), count=changed)
        else:
            summary = msg(N_("Cellules vidées dans la colonne « {column} » : {count}."),
                          column=self.column, count=changed)
        return cells_result(table, new, self.column, cols, changed, summary=summary)
