"""Small counts grouped before publishing: rows whose count is under a threshold merged into one
row per group, under a label, so that a rare value (a first name given once) no longer points at
one person while the totals stay right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..messages import N_, Message, msg
from ..table import Cell, Table
from .base import Operation, Result, check_columns

#: the smallest threshold that groups anything (counts under 2: the ones)
MIN_THRESHOLD = 2


def _count(cell: Cell) -> int | None:
    text = (cell or "").strip()
    return int(text) if text.isdigit() else None


@dataclass(frozen=True, slots=True)
class GroupSmallCounts(Operation):
    #: the column of counts (NOMBRE_OCCURRENCES)
    column: str
    #: the column whose values are hidden behind the label (ENFANT_PRENOM)
    label_column: str
    #: counts strictly under this are grouped
    threshold: int
    #: the value the grouped rows get in ``label_column`` (« Autres »)
    to: str

    op = "group-small-counts"
    label = N_("Regrouper les petits effectifs")
    explanation = N_("Regroupe les lignes dont l'effectif est inférieur au seuil choisi : pour chaque "
                     "combinaison des autres colonnes (commune, sexe, année…), elles deviennent une seule "
                     "ligne, avec le libellé choisi à la place de la valeur rare et la somme de leurs "
                     "effectifs. Les totaux restent justes ; le détail des valeurs rares n'est plus publié.")
    removes_rows: ClassVar[bool] = True

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column, self.label_column])
        if not out and self.column == self.label_column:
            out.append(msg(N_("La colonne des effectifs et la colonne regroupée doivent être différentes.")))
        if self.threshold < MIN_THRESHOLD:
            out.append(msg(N_("Le seuil doit valoir au moins {minimum} : les effectifs inférieurs au seuil "
                              "sont regroupés."), minimum=MIN_THRESHOLD))
        if not self.to.strip():
            out.append(msg(N_("Donnez un libellé à la ligne de regroupement (par exemple « Autres »).")))
        return out

    def _apply(self, table: Table) -> Result:
        c_count, c_label = table.index(self.column), table.index(self.label_column)
        others = [c for c in range(table.ncols) if c not in (c_count, c_label)]
        firsts: dict[tuple[Cell, ...], int] = {}  # group key -> row index of its first small row
        sums: dict[tuple[Cell, ...], int] = {}
        members: dict[tuple[Cell, ...], int] = {}
        skipped = 0
        for r, row in enumerate(table.rows()):
            n = _count(row[c_count])
            if n is None:
                skipped += bool((row[c_count] or "").strip())  # not a count: left as it is
                continue
            if n >= self.threshold:
                continue
            key = tuple(row[c] for c in others)
            firsts.setdefault(key, r)
            sums[key] = sums.get(key, 0) + n
            members[key] = members.get(key, 0) + 1
        if not firsts:
            return Result(table, frozenset(), False, 0,
                          msg(N_("Aucun effectif inférieur à {threshold} dans la colonne « {column} » : "
                                 "rien à regrouper."), threshold=self.threshold, column=self.column),
                          cells_skipped=skipped)
        grouped_at = {r: key for key, r in firsts.items()}
        small = {r for r, row in enumerate(table.rows())
                 if (n := _count(row[c_count])) is not None and n < self.threshold}
        keep = [r for r in range(table.nrows) if r not in small or r in grouped_at]
        counts, labels = list(table.columns[c_count]), list(table.columns[c_label])
        for r, key in grouped_at.items():
            counts[r], labels[r] = str(sums[key]), self.to
        new = table.with_column(c_count, counts).with_column(c_label, labels).select_rows(keep)
        merged = sum(members.values())
        summary = msg(N_("Effectifs inférieurs à {threshold} regroupés sous « {label} » : {rows} lignes "
                         "devenues {groups}."), threshold=self.threshold, label=self.to, rows=merged,
                      groups=len(firsts))
        # every small row is gone or rewritten: its two cells changed
        return Result(new, None, len(keep) != table.nrows, merged * 2, summary, cells_skipped=skipped)
