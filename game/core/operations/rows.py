"""The only operations that change the number of rows: duplicates, chosen rows, blank rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..messages import N_, Message, msg
from ..table import Table
from .base import Operation, Result, is_blank, unknown_rows


def _removed(table: Table, keep: list[int], summary: Message) -> Result:
    new = table.select_rows(keep) if len(keep) != table.nrows else table
    removed = table.nrows - len(keep)
    return Result(new, frozenset() if not removed else None, bool(removed), removed * table.ncols, summary)


@dataclass(frozen=True, slots=True)
class RemoveDuplicateRows(Operation):
    op = "remove-duplicate-rows"
    label = N_("Supprimer les lignes en double")
    explanation = N_("Supprime les lignes qui sont la copie exacte d'une ligne précédente (toutes les cellules "
                     "identiques). La première ligne de chaque groupe est gardée.")
    removes_rows: ClassVar[bool] = True

    def _apply(self, table: Table) -> Result:
        seen: set[tuple[object, ...]] = set()
        keep: list[int] = []
        for r, row in enumerate(table.rows()):
            key = (row, table.extras.get(r, ()))
            if key not in seen:
                seen.add(key)
                keep.append(r)
        removed = table.nrows - len(keep)
        return _removed(table, keep, msg(N_("Lignes en double supprimées : {count}."), count=removed))


@dataclass(frozen=True, slots=True)
class RemoveRows(Operation):
    #: row numbers as the file and the error list show them (the header is row 1)
    rows: tuple[int, ...]

    op = "remove-rows"
    label = N_("Supprimer des lignes")
    explanation = N_("Supprime les lignes choisies, désignées par leur numéro dans le fichier (l'en-tête est la "
                     "ligne 1) : une ligne de titre, de total ou de notes sous le tableau. Les autres lignes "
                     "gardent leur numéro.")
    removes_rows: ClassVar[bool] = True
    row_specific: ClassVar[bool] = True

    def check(self, table: Table) -> list[Message]:
        if not self.rows:
            return [msg(N_("Choisissez les lignes à supprimer."))]
        return unknown_rows(table, self.rows)

    def _apply(self, table: Table) -> Result:
        gone = set(self.rows)
        keep = [r for r, n in enumerate(table.row_numbers) if n not in gone]
        removed = table.nrows - len(keep)
        return _removed(table, keep, msg(N_("Lignes supprimées : {count}."), count=removed))


@dataclass(frozen=True, slots=True)
class RemoveBlankRows(Operation):
    op = "remove-blank-rows"
    label = N_("Supprimer les lignes vides")
    explanation = N_("Supprime les lignes dont toutes les cellules sont vides (ou ne contiennent que des "
                     "espaces), souvent laissées par un tableur entre deux blocs ou à la fin du fichier.")
    removes_rows: ClassVar[bool] = True

    def _apply(self, table: Table) -> Result:
        keep = [r for r, row in enumerate(table.rows())
                if not (all(is_blank(c) for c in row) and all(is_blank(x) for x in table.extras.get(r, ())))]
        removed = table.nrows - len(keep)
        return _removed(table, keep, msg(N_("Lignes vides supprimées : {count}."), count=removed))
