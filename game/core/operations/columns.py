"""Operations on columns: rename, reorder, remove, split, merge, swap values."""

from __future__ import annotations

from dataclasses import dataclass

from ..messages import N_, Message, msg
from ..table import Cell, Table
from .base import Operation, Result, check_columns, new_name_problems, unknown_rows


def _moved(old: tuple[str, ...], new: tuple[str, ...], start: int = 0) -> frozenset[int]:
    return frozenset(i for i in range(start, len(new)) if i >= len(old) or old[i] != new[i])


@dataclass(frozen=True, slots=True)
class RenameColumn(Operation):
    column: str
    to: str

    op = "rename-column"
    label = N_("Renommer une colonne")
    explanation = N_("Donne à une colonne le nom attendu par le schéma (par exemple « nomBeneficiaire » au lieu "
                     "de « NOM_Beneficiaire »). Les valeurs ne changent pas : seul l'en-tête change.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column])
        if not out and self.to != self.column:
            out += new_name_problems(table, [self.to])
        return out

    def _apply(self, table: Table) -> Result:
        c = table.index(self.column)
        new = table.with_column(c, table.columns[c], name=self.to)
        changed = frozenset({c}) if self.to != self.column else frozenset()
        return Result(new, changed, False, 0,
                      msg(N_("Colonne « {column} » renommée en « {to} »."), column=self.column, to=self.to),
                      header_changed=bool(changed))


@dataclass(frozen=True, slots=True)
class ReorderColumns(Operation):
    columns: tuple[str, ...]

    op = "reorder-columns"
    label = N_("Remettre les colonnes dans l'ordre")
    explanation = N_("Range les colonnes dans l'ordre donné, par exemple celui du schéma. Les colonnes que "
                     "l'ordre ne cite pas sont placées à la fin, sans être supprimées.")

    def check(self, table: Table) -> list[Message]:
        if not self.columns:
            return [msg(N_("Indiquez l'ordre des colonnes."))]
        return []

    def _apply(self, table: Table) -> Result:
        order: list[int] = []
        taken: set[int] = set()
        for name in self.columns:
            for i, h in enumerate(table.header):
                if h == name and i not in taken:
                    order.append(i)
                    taken.add(i)
        order += [i for i in range(table.ncols) if i not in taken]
        new = table.with_columns([table.header[i] for i in order], [table.columns[i] for i in order])
        moved = frozenset(pos for pos, i in enumerate(order) if pos != i)
        return Result(new, moved, False, 0,
                      msg(N_("Colonnes remises dans l'ordre ; colonnes déplacées : {count}."), count=len(moved)),
                      header_changed=bool(moved))


@dataclass(frozen=True, slots=True)
class RemoveColumn(Operation):
    column: str

    op = "remove-column"
    label = N_("Supprimer une colonne")
    explanation = N_("Retire une colonne entière du tableau : une colonne en trop, vide, ou qui contient des "
                     "données personnelles qu'on ne doit pas publier (RGPD).")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column])

    def _apply(self, table: Table) -> Result:
        c = table.index(self.column)
        new = table.with_columns(table.header[:c] + table.header[c + 1:], table.columns[:c] + table.columns[c + 1:])
        lost = sum(1 for cell in table.columns[c] if cell)
        return Result(new, _moved(table.header, new.header, c), False, lost,
                      msg(N_("Colonne « {column} » supprimée ({count} cellules non vides)."),
                          column=self.column, count=lost),
                      header_changed=True)


@dataclass(frozen=True, slots=True)
class SplitColumn(Operation):
    column: str
    separator: str
    into: tuple[str, ...]
    keep_original: bool = False
    trim: bool = True

    op = "split-column"
    label = N_("Découper une colonne en plusieurs")
    explanation = N_("Coupe chaque cellule à un séparateur (par exemple l'espace de « 75001 Paris ») et range "
                     "les morceaux dans de nouvelles colonnes nommées. S'il y a plus de morceaux que de "
                     "colonnes, la dernière colonne reçoit le reste.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column])
        if not self.separator:
            out.append(msg(N_("Indiquez le séparateur.")))
        if len(self.into) < 2:
            out.append(msg(N_("Donnez au moins deux noms de nouvelles colonnes.")))
        freed = () if self.keep_original else (self.column,)
        return out + new_name_problems(table, self.into, freed)

    def _apply(self, table: Table) -> Result:
        c = table.index(self.column)
        n = len(self.into)
        parts: list[list[Cell]] = [[] for _ in range(n)]
        for cell in table.columns[c]:
            if cell is None:
                for p in parts:
                    p.append(None)
                continue
            pieces = cell.split(self.separator, n - 1)
            if self.trim:
                pieces = [x.strip() for x in pieces]
            pieces += [""] * (n - len(pieces))
            for p, x in zip(parts, pieces, strict=True):
                p.append(x)
        keep = c + 1 if self.keep_original else c
        header = table.header[:keep] + self.into + table.header[c + 1:]
        columns = table.columns[:keep] + tuple(tuple(p) for p in parts) + table.columns[c + 1:]
        new = table.with_columns(header, columns)
        filled = sum(1 for p in parts for x in p if x)
        return Result(new, _moved(table.header, new.header, c), False, filled,
                      msg(N_("Colonne « {column} » découpée en {count} colonnes."), column=self.column, count=n),
                      header_changed=True)


@dataclass(frozen=True, slots=True)
class MergeColumns(Operation):
    columns: tuple[str, ...]
    to: str
    separator: str = " "
    keep_originals: bool = False
    skip_empty: bool = True

    op = "merge-columns"
    label = N_("Fusionner des colonnes")
    explanation = N_("Réunit plusieurs colonnes en une seule, en mettant le séparateur choisi entre les valeurs "
                     "(par exemple « numéro » et « voie » deviennent « adresse »). Les cellules vides sont sautées. La "
                     "nouvelle colonne prend la place de la première.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, self.columns)
        if len(self.columns) < 2:
            out.append(msg(N_("Choisissez au moins deux colonnes à fusionner.")))
        elif len(set(self.columns)) != len(self.columns):
            out.append(msg(N_("Une même colonne est citée deux fois.")))
        freed = () if self.keep_originals else self.columns
        return out + new_name_problems(table, [self.to], freed)

    def _apply(self, table: Table) -> Result:
        idx = [table.index(name) for name in self.columns]
        merged: list[Cell] = []
        for r in range(table.nrows):
            cells = [table.columns[c][r] for c in idx]
            if self.skip_empty:
                cells = [x for x in cells if x and x.strip()]
            merged.append(self.separator.join(x or "" for x in cells))
        first = min(idx)
        header: list[str] = []
        columns: list[tuple[Cell, ...]] = []
        for c, (h, col) in enumerate(zip(table.header, table.columns, strict=True)):
            if c == first:
                if self.keep_originals:
                    header.append(h)
                    columns.append(col)
                header.append(self.to)
                columns.append(tuple(merged))
            elif self.keep_originals or c not in idx:
                header.append(h)
                columns.append(col)
        new = table.with_columns(header, columns)
        filled = sum(1 for x in merged if x)
        return Result(new, _moved(table.header, new.header, first), False, filled,
                      msg(N_("Colonnes fusionnées dans « {column} » : {count}."), column=self.to,
                          count=len(self.columns)),
                      header_changed=True)


@dataclass(frozen=True, slots=True)
class SwapColumnsValues(Operation):
    column: str
    other: str
    #: row numbers (header = 1) where to swap; empty = every row
    rows: tuple[int, ...] = ()

    op = "swap-columns-values"
    label = N_("Échanger les valeurs de deux colonnes (latitude et longitude)")
    explanation = N_("Échange les valeurs de deux colonnes, sur toutes les lignes ou seulement sur celles "
                     "choisies : utile quand la latitude et la longitude ont été saisies à l'envers. Les noms "
                     "des colonnes ne bougent pas.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column, self.other])
        if self.column == self.other:
            out.append(msg(N_("Choisissez deux colonnes différentes.")))
        return out + unknown_rows(table, self.rows)

    def _apply(self, table: Table) -> Result:
        a, b = table.index(self.column), table.index(self.other)
        col_a, col_b = list(table.columns[a]), list(table.columns[b])
        wanted = set(self.rows)
        changed = 0
        for r, number in enumerate(table.row_numbers):
            if wanted and number not in wanted:
                continue
            if col_a[r] != col_b[r]:
                col_a[r], col_b[r] = col_b[r], col_a[r]
                changed += 2
        new = table.with_column(a, col_a).with_column(b, col_b)
        return Result(new, frozenset({a, b}) if changed else frozenset(), False, changed,
                      msg(N_("Valeurs échangées entre « {column} » et « {other} » ; cellules modifiées : {count}."),
                          column=self.column, other=self.other, count=changed))

