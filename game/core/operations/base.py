"""What every cleaning operation shares: parameters as data, a check, an apply, a JSON form.

An operation is a frozen dataclass whose fields are its parameters. ``check(table)`` lists what
prevents it from applying (unknown column, invalid parameter) as French messages; ``apply(table)``
returns a :class:`Result` (new table + what changed) or raises :class:`OperationError`.
``to_json``/``from_json`` give the OpenRefine-like form stored in a recipe:
``{"op": "rename-column", "column": "NOM_Beneficiaire", "to": "nomBeneficiaire"}``.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from ..messages import N_, Message, msg
from ..table import Cell, Table


class OperationError(ValueError):
    """An operation that cannot apply (or a recipe entry that cannot be read), with French messages."""

    def __init__(self, message: Message, *more: Message) -> None:
        super().__init__(message.format_source())
        self.message = message
        self.messages: tuple[Message, ...] = (message, *more)


@dataclass(frozen=True, slots=True)
class Result:
    """What an operation did: the new table and what changed in it."""

    table: Table
    #: indexes (in the NEW table) of columns whose cells or position changed; None = all of them
    changed_columns: frozenset[int] | None
    #: rows were added, removed or reordered
    rows_changed: bool
    cells_changed: int
    summary: Message
    #: the column names changed (rename, remove, reorder, split, merge)
    header_changed: bool = False
    #: cells the operation could not read and left unchanged (dates, numbers, codes, enums)
    cells_skipped: int = 0


class Operation:
    """Base of every operation. Subclasses are frozen dataclasses (fields = parameters)."""

    __slots__ = ()
    op: ClassVar[str]
    label: ClassVar[str]
    explanation: ClassVar[str]
    #: the operation removes rows (the only ones allowed to change the number of rows)
    removes_rows: ClassVar[bool] = False
    #: the operation points at rows by their number: replaying it on another file needs care
    row_specific: ClassVar[bool] = False

    # -- to override ------------------------------------------------------------------
    def check(self, table: Table) -> list[Message]:
        """What prevents this operation from applying to ``table`` (empty list: it can apply)."""
        return []

    def _apply(self, table: Table) -> Result:
        raise NotImplementedError

    # -- shared -----------------------------------------------------------------------
    def apply(self, table: Table) -> Result:
        problems = self.check(table)
        if problems:
            raise OperationError(*problems)
        return self._apply(table)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op}
        hints = _hints(type(self))
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            out[f.name] = _KINDS[_kind(hints[f.name])][0](getattr(self, f.name))
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        if not isinstance(data, dict):
            raise OperationError(msg(N_("Une étape de recette doit être un objet JSON avec une clé « op ».")))
        if data.get("op") != cls.op:
            raise OperationError(msg(N_("Cette étape est l'opération « {op} », pas « {expected} »."),
                                     op=str(data.get("op")), expected=cls.op))
        fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        hints = _hints(cls)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("op", "description"):
                continue
            if key not in fields:
                close = suggest(key, fields)
                if close:
                    raise OperationError(msg(N_("Paramètre inconnu « {param} » pour l'opération « {op} ». "
                                                "Vouliez-vous dire « {suggestion} » ?"),
                                             param=key, op=cls.op, suggestion=close))
                raise OperationError(msg(N_("Paramètre inconnu « {param} » pour l'opération « {op} »."),
                                         param=key, op=cls.op))
            kind = _kind(hints[key])
            converted = _KINDS[kind][1](value)
            if converted is _BAD:
                raise OperationError(msg(_KIND_ERRORS[kind], param=key, op=cls.op))
            kwargs[key] = converted
        for name, f in fields.items():
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if required and name not in kwargs:
                raise OperationError(msg(N_("Paramètre manquant « {param} » pour l'opération « {op} »."),
                                         param=name, op=cls.op))
        return cls(**kwargs)


# -- JSON conversion of parameters, driven by the type hints ---------------------------------

_BAD: Any = object()


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _kind(tp: Any) -> str:
    if tp is str:
        return "str"
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if tp == (str | None):
        return "str?"
    if tp == tuple[str, ...]:
        return "strs"
    if tp == tuple[int, ...]:
        return "ints"
    if tp == tuple[tuple[str, str], ...]:
        return "mapping"
    raise TypeError(f"unsupported parameter type {tp!r}")


param_kind = _kind  # for views that build a form from an operation's parameters


def _read_str(v: Any) -> Any:
    return v if isinstance(v, str) else _BAD


def _read_opt_str(v: Any) -> Any:
    return v if v is None or isinstance(v, str) else _BAD


def _read_bool(v: Any) -> Any:
    return v if isinstance(v, bool) else _BAD


def _read_int(v: Any) -> Any:
    return v if isinstance(v, int) and not isinstance(v, bool) else _BAD


def _read_strs(v: Any) -> Any:
    if isinstance(v, list | tuple) and all(isinstance(x, str) for x in v):
        return tuple(v)
    return _BAD


def _read_ints(v: Any) -> Any:
    if isinstance(v, list | tuple) and all(isinstance(x, int) and not isinstance(x, bool) for x in v):
        return tuple(v)
    return _BAD


def _read_mapping(v: Any) -> Any:
    if isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()):
        return tuple(v.items())
    return _BAD


def _same(v: Any) -> Any:
    return v


_KINDS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "str": (_same, _read_str),
    "str?": (_same, _read_opt_str),
    "bool": (_same, _read_bool),
    "int": (_same, _read_int),
    "strs": (list, _read_strs),
    "ints": (list, _read_ints),
    "mapping": (dict, _read_mapping),
}

_KIND_ERRORS = {
    "str": N_("Le paramètre « {param} » de l'opération « {op} » doit être un texte."),
    "str?": N_("Le paramètre « {param} » de l'opération « {op} » doit être un texte ou null."),
    "bool": N_("Le paramètre « {param} » de l'opération « {op} » doit valoir true ou false."),
    "int": N_("Le paramètre « {param} » de l'opération « {op} » doit être un nombre entier."),
    "strs": N_("Le paramètre « {param} » de l'opération « {op} » doit être une liste de textes."),
    "ints": N_("Le paramètre « {param} » de l'opération « {op} » doit être une liste de nombres entiers."),
    "mapping": N_("Le paramètre « {param} » de l'opération « {op} » doit être un objet « valeur » : « remplacement »."),
}


# -- helpers shared by the operations ------------------------------------------------------

def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate (same name but for case first, then difflib), or None."""
    pool = sorted(set(candidates))
    folded = [c for c in pool if c.casefold() == word.casefold()]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if close:
        return close[0]
    by_case = {c.casefold(): c for c in pool}
    close = difflib.get_close_matches(word.casefold(), list(by_case), n=1, cutoff=0.6)
    return by_case[close[0]] if close else None


def unknown_column(table: Table, name: str) -> Message | None:
    """A message when ``name`` is not a column of ``table`` (with a did-you-mean when one is close)."""
    if name in table.header:
        return None
    close = suggest(name, table.header)
    if close is not None:
        return msg(N_("Colonne introuvable : « {column} ». Vouliez-vous dire « {suggestion} » ?"),
                   column=name, suggestion=close)
    return msg(N_("Colonne introuvable : « {column} »."), column=name)


def check_columns(table: Table, names: Iterable[str | None]) -> list[Message]:
    return [m for n in names if n is not None for m in [unknown_column(table, n)] if m is not None]


def check_choice(param: str, value: str, choices: Sequence[str]) -> list[Message]:
    if value in choices:
        return []
    return [msg(N_("Valeur « {value} » impossible pour « {param} » ; valeurs possibles : {choices}."),
                value=value, param=param, choices=", ".join(choices))]


def new_name_problems(table: Table, names: Sequence[str], freed: Iterable[str] = ()) -> list[Message]:
    """Problems with column names an operation will create (empty, repeated, already taken)."""
    out: list[Message] = []
    taken = set(table.header) - set(freed)
    seen: set[str] = set()
    for name in names:
        if not name.strip():
            out.append(msg(N_("Le nom d'une nouvelle colonne ne peut pas être vide.")))
        elif name in taken or name in seen:
            out.append(msg(N_("Une colonne s'appelle déjà « {column} » : choisissez un autre nom."), column=name))
        seen.add(name)
    return out


def is_blank(cell: Cell) -> bool:
    return cell is None or not cell.strip()


def map_cells(table: Table, indexes: Iterable[int], fn: Callable[[str], str | None]
              ) -> tuple[Table, frozenset[int], int, int]:
    """Apply ``fn`` to every non-missing cell of some columns.

    ``fn`` returns the new text, or None when it cannot read the cell (left unchanged, counted
    as skipped). Returns the new table, changed column indexes, cells changed, cells skipped.
    """
    changed_cols: set[int] = set()
    changed = skipped = 0
    cache: dict[str, str | None] = {}  # columns repeat their values: each is worked out once
    for c in indexes:
        col = table.columns[c]
        new: list[Cell] = list(col)
        n = 0
        for r, cell in enumerate(col):
            if cell is None:
                continue
            if cell in cache:
                out = cache[cell]
            else:
                out = cache[cell] = fn(cell)
            if out is None:
                skipped += 1
            elif out != cell:
                new[r] = out
                n += 1
        if n:
            table = table.with_column(c, new)
            changed_cols.add(c)
            changed += n
    return table, frozenset(changed_cols), changed, skipped


def target_indexes(table: Table, column: str | None) -> list[int]:
    """Indexes of the named column, or of every column when ``column`` is None."""
    return list(range(table.ncols)) if column is None else [table.index(column)]


def cells_summary(column: str | None, changed: int) -> Message:
    if column is None:
        return msg(N_("Cellules modifiées dans tout le tableau : {count}."), count=changed)
    return msg(N_("Cellules modifiées dans la colonne « {column} » : {count}."), column=column, count=changed)


def cells_result(table: Table, new: Table, column: str | None, cols: frozenset[int], changed: int,
                 skipped: int = 0, summary: Message | None = None) -> Result:
    return Result(new, cols, False, changed, summary or cells_summary(column, changed),
                  header_changed=new.header != table.header, cells_skipped=skipped)


def convert_column(table: Table, column: str, fn: Callable[[str], str | None], done: str, partial: str) -> Result:
    """Rewrite one column cell by cell. ``fn`` returns None for a cell it cannot read: the cell is
    left as it is and counted. ``done`` and ``partial`` are the summaries (``{column}``,
    ``{count}``, and ``{skipped}`` for ``partial`` when cells were left)."""
    new, cols, changed, skipped = map_cells(table, [table.index(column)], fn)
    summary = (msg(partial, column=column, count=changed, skipped=skipped) if skipped
               else msg(done, column=column, count=changed))
    return cells_result(table, new, column, cols, changed, skipped, summary)


def unknown_rows(table: Table, rows: tuple[int, ...]) -> list[Message]:
    known = set(table.row_numbers)
    missing = [r for r in rows if r not in known]
    if not missing:
        return []
    return [msg(N_("Ligne introuvable dans ce fichier : {rows}."), rows=", ".join(map(str, missing[:10])))]
