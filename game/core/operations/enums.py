"""Values mapped to the list a schema allows (``enum``): exact, then case- and accent-blind, then by hand."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..messages import N_, Message, msg
from ..table import Cell, Table
from .base import Operation, Result, check_columns, convert_column
from .clusters import fold_accents


def _loose(text: str) -> str:
    return " ".join(fold_accents(text).split())


def suggest_mapping(values: Iterable[Cell], enum: Sequence[str], cutoff: float = 0.6) -> dict[str, str | None]:
    """For each distinct value outside ``enum``: the allowed value it probably means, or None.

    Values equal but for case, accents and spaces are matched surely; the others by difflib.
    """
    allowed = set(enum)
    loose = {_loose(e): e for e in enum}
    out: dict[str, str | None] = {}
    for value in values:
        if value is None or not value.strip() or value in allowed or value in out:
            continue
        key = _loose(value)
        if key in loose:
            out[value] = loose[key]
            continue
        close = difflib.get_close_matches(key, list(loose), n=1, cutoff=cutoff)
        out[value] = loose[close[0]] if close else None
    return out


@dataclass(frozen=True, slots=True)
class MapToEnum(Operation):
    column: str
    enum: tuple[str, ...]
    #: explicit choices for values that are not simply the allowed value with other case or accents
    mapping: tuple[tuple[str, str], ...] = ()
    #: for list cells (``aide en numéraire;aide en nature``): map each part separately
    separator: str = ""

    op = "map-to-enum"
    label = N_("Faire correspondre aux valeurs autorisées")
    explanation = N_("Remplace chaque valeur par celle que le schéma autorise : « Aide en numéraire » devient "
                     "« aide en numéraire » automatiquement (seules les majuscules ou les accents diffèrent) ; "
                     "pour les autres (« no » pour « non »), vous choisissez la correspondance. Les valeurs sans "
                     "correspondance restent telles quelles et sont comptées.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column])
        if not self.enum:
            out.append(msg(N_("Indiquez la liste des valeurs autorisées.")))
        return out

    def _map_one(self, value: str, mapping: dict[str, str], loose: dict[str, str]) -> str | None:
        if value in self.enum:
            return value
        if value in mapping:
            return mapping[value]
        return loose.get(_loose(value))

    def _apply(self, table: Table) -> Result:
        mapping = dict(self.mapping)
        loose = {_loose(e): e for e in self.enum}

        def fn(cell: str) -> str | None:
            if not cell.strip():
                return cell
            whole = self._map_one(cell, mapping, loose)
            if whole is not None or not self.separator:
                return whole
            parts = [self._map_one(p.strip(), mapping, loose) for p in cell.split(self.separator)]
            if any(p is None for p in parts):
                return None
            return self.separator.join(p for p in parts if p is not None)

        return convert_column(table, self.column, fn,
                              N_("Valeurs corrigées dans la colonne « {column} » : {count}."),
                              N_("Valeurs corrigées dans la colonne « {column} » : {count} ; valeurs sans "
                                 "correspondance, laissées telles quelles : {skipped}."))
