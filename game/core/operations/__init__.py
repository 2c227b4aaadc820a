"""Cleaning operations: one frozen dataclass each, registered by id in :data:`OPERATIONS`.

>>> op = operation_from_json({"op": "rename-column", "column": "NOM_Beneficiaire", "to": "nomBeneficiaire"})
>>> op.apply(table).table  # a new table; the old one is untouched
"""

from __future__ import annotations

from typing import Any

from ..messages import N_, msg
from .base import Operation, OperationError, Result, suggest
from .cells import EditCell
from .clusters import Cluster, MergeCluster, clusters, fingerprint
from .columns import MergeColumns, RemoveColumn, RenameColumn, ReorderColumns, SplitColumn, SwapColumnsValues
from .counts import GroupSmallCounts
from .dates import DatesToIso, parse_date
from .enums import MapToEnum, suggest_mapping
from .missing import DEFAULT_MISSING, FillDown, NormaliseMissing
from .numbers import CODE_WIDTHS, NormaliseNumbers, PadCodes, parse_number, repair_code
from .personal import PseudonymiseColumn, pseudonym
from .rows import RemoveBlankRows, RemoveDuplicateRows, RemoveRows
from .text import ChangeCase, FindReplace, FixEncoding, TrimSpaces, repair_mojibake

#: every operation by id, in the order of a typical cleaning (the palette's order)
OPERATIONS: dict[str, type[Operation]] = {
    FixEncoding.op: FixEncoding,
    TrimSpaces.op: TrimSpaces,
    RenameColumn.op: RenameColumn,
    ReorderColumns.op: ReorderColumns,
    RemoveColumn.op: RemoveColumn,
    RemoveBlankRows.op: RemoveBlankRows,
    RemoveDuplicateRows.op: RemoveDuplicateRows,
    RemoveRows.op: RemoveRows,
    NormaliseMissing.op: NormaliseMissing,
    DatesToIso.op: DatesToIso,
    NormaliseNumbers.op: NormaliseNumbers,
    PadCodes.op: PadCodes,
    ChangeCase.op: ChangeCase,
    MergeCluster.op: MergeCluster,
    MapToEnum.op: MapToEnum,
    SplitColumn.op: SplitColumn,
    MergeColumns.op: MergeColumns,
    FillDown.op: FillDown,
    SwapColumnsValues.op: SwapColumnsValues,
    PseudonymiseColumn.op: PseudonymiseColumn,
    GroupSmallCounts.op: GroupSmallCounts,
    FindReplace.op: FindReplace,
    EditCell.op: EditCell,
}


def operation_from_json(data: Any) -> Operation:
    """The operation a recipe entry describes; :class:`OperationError` (French, did-you-mean) if it cannot."""
    if not isinstance(data, dict) or not isinstance(data.get("op"), str):
        raise OperationError(msg(N_("Une étape de recette doit être un objet JSON avec une clé « op ».")))
    name = data["op"]
    cls = OPERATIONS.get(name)
    if cls is None:
        close = suggest(name, OPERATIONS)
        if close is not None:
            raise OperationError(msg(N_("Opération inconnue : « {op} ». Vouliez-vous dire « {suggestion} » ?"),
                                     op=name, suggestion=close))
        raise OperationError(msg(N_("Opération inconnue : « {op} »."), op=name))
    return cls.from_json(data)


__all__ = [
    "CODE_WIDTHS", "DEFAULT_MISSING", "OPERATIONS", "ChangeCase", "Cluster", "DatesToIso", "EditCell",
    "FillDown", "FindReplace", "FixEncoding", "GroupSmallCounts", "MapToEnum", "MergeCluster", "MergeColumns", "NormaliseMissing",
    "NormaliseNumbers", "Operation", "OperationError", "PadCodes", "PseudonymiseColumn", "RemoveBlankRows",
    "RemoveColumn", "RemoveDuplicateRows", "RemoveRows", "RenameColumn", "ReorderColumns", "Result",
    "SplitColumn", "SwapColumnsValues", "TrimSpaces", "clusters", "fingerprint", "operation_from_json",
    "parse_date", "parse_number", "pseudonym", "repair_code", "repair_mojibake", "suggest_mapping",
]
