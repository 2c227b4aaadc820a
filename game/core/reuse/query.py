"""The questions a learner asks a published table: filter, group + aggregate, sort, top-N.

A :class:`Query` is data; its JSON form is also what scenario authors write as a challenge's
reference query::

    {"filter": [{"column": "objet", "op": "contains", "value": "sport"}],
     "group": ["nomBeneficiaire"], "aggregate": "sum", "measure": "montant",
     "sort": "montant", "desc": true, "top": 5}

Rules (see :func:`run_query`):

* ``=`` / ``!=`` compare the cell as written (surrounding spaces ignored; ``RENNES`` is not
  ``Rennes``: that is what cleaning is for), or as numbers when both sides are numbers
  (``2400.0`` = ``2400``). ``contains`` / ``starts-with`` ignore case, accents and spacing.
* ``>`` ``>=`` ``<`` ``<=``: numbers when the value typed is a number (cells are read as a program
  reads them, see :func:`~.numbers.read_number`); ISO dates when the value is one, compared at the
  value's precision (``<= 2017`` keeps every date of 2017); text otherwise (case and accents
  ignored). A non-blank cell that cannot be compared that way (``2 400,00 €``, ``13/04/2017``)
  does not match and is counted in ``skipped``.
* Result columns: the group columns, then the aggregate, named after the measure for ``sum``,
  ``mean``, ``min``, ``max`` (``montant``) and ``nombre`` for ``count`` and ``count-distinct``
  (if a group column already has that name: ``montant (somme)``). A group without an aggregate
  counts its rows. ``count`` counts rows (the measure is not needed); ``count-distinct`` counts
  the distinct non-blank values of the measure.
* ``sum``/``mean``/``min``/``max`` ignore blank cells and skip non-blank cells that are not numbers,
  counting them (with up to 3 examples); the sum of no number is 0, the mean/min/max is None.
* Sorting: numbers numerically, other values alphabetically (case and accents ignored), blank
  cells always last; ties keep the table's order. Without an aggregate any column of the table
  can be the sort key, even one not selected.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from ..messages import N_, Message, msg
from ..problems import did_you_mean
from ..table import Cell, Table
from .numbers import cell_test, fold_text, read_number

Value = str | float | int | None

#: filter operators by id, with the label the query builder shows
OPERATORS: dict[str, str] = {
    "=": N_("est égal à"), "!=": N_("est différent de"), "contains": N_("contient"),
    "starts-with": N_("commence par"), ">": N_("est supérieur à"), ">=": N_("est supérieur ou égal à"),
    "<": N_("est inférieur à"), "<=": N_("est inférieur ou égal à"), "empty": N_("est vide"),
    "not-empty": N_("n'est pas vide"),
}
#: aggregates by id, with their label
AGGREGATES: dict[str, str] = {
    "count": N_("nombre de lignes"), "sum": N_("somme"), "mean": N_("moyenne"), "min": N_("minimum"),
    "max": N_("maximum"), "count-distinct": N_("nombre de valeurs différentes"),
}
_NUMERIC = ("sum", "mean", "min", "max")
_SUFFIX = {"sum": "somme", "mean": "moyenne", "min": "minimum", "max": "maximum", "count": "lignes",
           "count-distinct": "valeurs différentes"}


class QueryError(ValueError):
    """A query that cannot run on a table (or a JSON query that cannot be read), in French."""

    def __init__(self, message: Message, hint: Message | None = None) -> None:
        super().__init__(message.format_source())
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Filter:
    column: str
    op: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Query:
    filters: tuple[Filter, ...] = ()
    group_by: tuple[str, ...] = ()
    aggregate: str = ""
    measure: str = ""
    sort: str = ""
    descending: bool = False
    top: int | None = None
    select: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The short form authors write; keys at their default value are left out."""
        out: dict[str, Any] = {}
        if self.filters:
            out["filter"] = [{"column": f.column, "op": f.op, **({"value": f.value} if f.value else {})}
                             for f in self.filters]
        for key, value in (("group", list(self.group_by)), ("aggregate", self.aggregate),
                           ("measure", self.measure), ("sort", self.sort), ("desc", self.descending),
                           ("top", self.top), ("select", list(self.select))):
            if value:
                out[key] = value
        return out

    @classmethod
    def from_json(cls, data: Any) -> Query:
        """Read the JSON form; missing keys take their default. :class:`QueryError` if it cannot."""
        if not isinstance(data, dict):
            raise QueryError(msg(N_("Une requête doit être un objet JSON (entre accolades).")))
        for key in data:
            if key not in _KEYS:
                raise QueryError(msg(N_("Clé inconnue dans la requête : « {key} »."), key=key),
                                 did_you_mean(key, _KEYS))
        filters = tuple(_filter_from_json(f) for f in _list(data, "filter", (dict,)))
        if not isinstance(data.get("desc", False), bool):
            raise QueryError(msg(N_("« desc » doit valoir true ou false.")))
        top = data.get("top")
        if top is not None and (isinstance(top, bool) or not isinstance(top, int)):
            raise QueryError(msg(N_("« top » doit être un nombre entier (par exemple 5).")))
        return cls(filters, tuple(_list(data, "group", (str,))), _text(data, "aggregate"),
                   _text(data, "measure"), _text(data, "sort"), bool(data.get("desc", False)), top,
                   tuple(_list(data, "select", (str,))))


_KEYS = ("filter", "group", "aggregate", "measure", "sort", "desc", "top", "select")


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise QueryError(msg(N_("« {key} » doit être un texte."), key=key))
    return str(value)


def _list(data: dict[str, Any], key: str, kinds: tuple[type, ...]) -> list[Any]:
    value = data.get(key, [])
    if isinstance(value, kinds):  # one filter or one column without the brackets
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, kinds) for v in value):
        raise QueryError(msg(N_("« {key} » doit être une liste."), key=key))
    return value


def _filter_from_json(data: dict[str, Any]) -> Filter:
    for key in data:
        if key not in ("column", "op", "value"):
            raise QueryError(msg(N_("Clé inconnue dans un filtre : « {key} »."), key=key),
                             did_you_mean(key, ("column", "op", "value")))
    if not isinstance(data.get("column"), str) or not isinstance(data.get("op"), str):
        raise QueryError(msg(N_("Un filtre doit indiquer une colonne (« column ») et une opération (« op »).")))
    return Filter(data["column"], data["op"], _text(data, "value"))


@dataclass(frozen=True, slots=True)
class QueryResult:
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    #: rows of the table kept by the filters
    rows_matched: int
    #: non-blank cells left out because they are not numbers (or dates) where one was needed
    skipped: int = 0
    skipped_examples: tuple[str, ...] = ()

    def column(self, name: str) -> tuple[Value, ...]:
        i = self.header.index(name)
        return tuple(r[i] for r in self.rows)


# -- checking ---------------------------------------------------------------------------------------

def unknown_column(name: str, header: Sequence[str]) -> QueryError:
    """« La colonne … n'existe pas », with a "did you mean" over ``header``."""
    return QueryError(msg(N_("La colonne « {column} » n'existe pas dans le fichier."), column=name),
                      did_you_mean(name, header))


def _aggregate(query: Query) -> str:
    return query.aggregate or ("count" if query.group_by else "")


def result_header(query: Query, header: Sequence[str]) -> tuple[str, ...]:
    """The columns :func:`run_query` returns for this query on a table with this header."""
    aggregate = _aggregate(query)
    if not aggregate:
        return tuple(query.select) or tuple(header)
    name = query.measure if aggregate in _NUMERIC else "nombre"
    if name in query.group_by:
        name = f"{name} ({_SUFFIX[aggregate]})"
    return (*query.group_by, name)


def check_query(query: Query, header: Sequence[str]) -> list[QueryError]:
    """Every reason why ``query`` cannot run on a table with this header (empty: it can)."""
    out: list[QueryError] = []
    for f in query.filters:
        if f.column not in header:
            out.append(unknown_column(f.column, header))
        if f.op not in OPERATORS:
            out.append(QueryError(msg(N_("Opération de filtre inconnue : « {op} »."), op=f.op),
                                  did_you_mean(f.op, OPERATORS)))
        elif f.op not in ("empty", "not-empty", "=", "!=") and not f.value.strip():
            out.append(QueryError(msg(N_("Le filtre sur « {column} » n'a pas de valeur."), column=f.column)))
    out.extend(unknown_column(c, header) for c in (*query.group_by, *query.select) if c not in header)
    aggregate = _aggregate(query)
    if aggregate and aggregate not in AGGREGATES:
        out.append(QueryError(msg(N_("Calcul inconnu : « {aggregate} »."), aggregate=aggregate),
                              did_you_mean(aggregate, AGGREGATES)))
    elif aggregate and aggregate != "count":
        if not query.measure:
            out.append(QueryError(msg(N_("Choisissez la colonne sur laquelle faire le calcul « {aggregate} »."),
                                      aggregate=AGGREGATES[aggregate])))
        elif query.measure not in header:
            out.append(unknown_column(query.measure, header))
    if query.top is not None and query.top < 1:
        out.append(QueryError(msg(N_("Le nombre de lignes à garder doit être au moins 1 (ici : {top})."),
                                  top=query.top)))
    if query.sort and not out:
        keys = result_header(query, header) if aggregate else header
        if query.sort not in keys:
            out.append(unknown_column(query.sort, keys))
    return out


# -- filters ----------------------------------------------------------------------------------------

class _Skipped:
    """Non-blank cells left out because they are not numbers (or dates): a count and 3 examples."""

    __slots__ = ("count", "examples")

    def __init__(self) -> None:
        self.count = 0
        self.examples: list[str] = []

    def add(self, cells: Sequence[Cell]) -> None:
        self.count += len(cells)
        for cell in cells:
            if len(self.examples) == 3:
                break
            if cell is not None and cell not in self.examples:
                self.examples.append(cell)


def _pick(col: Sequence[Cell], rows: list[int] | range) -> Sequence[Cell]:
    return col[rows.start:rows.stop] if isinstance(rows, range) else list(map(col.__getitem__, rows))


def _filter(table: Table, query: Query, skipped: _Skipped) -> list[int] | range:
    """The rows kept by every filter; each distinct cell of a column is tested once."""
    rows: list[int] | range = range(table.nrows)
    for f in query.filters:
        cells = _pick(table.column(f.column), rows)
        test = cell_test(f.op, f.value)
        blank_too = f.op in ("empty", "not-empty", "=", "!=")
        ok: set[Cell] = set()
        bad: set[Cell] = set()
        for cell in set(cells):
            text = "" if cell is None else cell.strip()
            answer = test(text) if text or blank_too else False
            if answer is None:
                bad.add(cell)
            elif answer:
                ok.add(cell)
        if bad:
            skipped.add(list(filter(bad.__contains__, cells)))
        rows = list(compress(rows, map(ok.__contains__, cells)))
    return rows


# -- group, aggregate, sort -------------------------------------------------------------------------

_IMPOSSIBLE = {
    "sum": N_("Aucune valeur de la colonne « {column} » n'est un nombre, par exemple « {example} » : "
              "la somme est impossible."),
    "mean": N_("Aucune valeur de la colonne « {column} » n'est un nombre, par exemple « {example} » : "
               "la moyenne est impossible."),
    "min": N_("Aucune valeur de la colonne « {column} » n'est un nombre, par exemple « {example} » : "
              "le minimum est impossible à trouver."),
    "max": N_("Aucune valeur de la colonne « {column} » n'est un nombre, par exemple « {example} » : "
              "le maximum est impossible à trouver."),
}


def _numbers(cells: Sequence[Cell], skipped: _Skipped, aggregate: str,
             measure: str) -> tuple[list[float | None], bool]:
    """Each cell as a number (None when blank or skipped) reading each distinct value once, and
    whether any cell is None."""
    read = {cell: read_number(cell) for cell in set(cells)}
    missing = [cell for cell, x in read.items() if x is None]
    bad = {cell for cell in missing if cell is not None and cell.strip()}
    if bad and len(missing) == len(read):
        raise QueryError(msg(_IMPOSSIBLE[aggregate], column=measure, example=next(filter(bad.__contains__, cells))),
                         msg(N_("Dans un fichier publié, un nombre s'écrit avec un point décimal, sans espace "
                                "ni unité (« 2400.5 ») : c'est ainsi que les programmes des réutilisateurs "
                                "le lisent.")))
    if bad:
        skipped.add(list(filter(bad.__contains__, cells)))
    return list(map(read.__getitem__, cells)), bool(missing)


def _mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


_REDUCE: dict[str, Callable[[list[Any]], Value]] = {
    "sum": math.fsum, "mean": _mean, "min": lambda v: min(v, default=None), "max": lambda v: max(v, default=None),
    "count-distinct": lambda v: len({c.strip() for c in v if c is not None and c.strip()}),
}


def _group(table: Table, query: Query, rows: list[int] | range, skipped: _Skipped) -> list[tuple[Value, ...]]:
    aggregate, by = _aggregate(query), query.group_by
    keys: Sequence[Any] = _pick(table.column(by[0]), rows) if len(by) == 1 else \
        list(zip(*(_pick(table.column(g), rows) for g in by), strict=True))
    if aggregate == "count":
        counted: Iterable[tuple[Any, int]] = Counter(keys).items() if by else [((), len(rows))]
        return [(k, n) if len(by) == 1 else (*k, n) for k, n in counted]
    cells = _pick(table.column(query.measure), rows)
    values: Sequence[Value] = cells
    gaps = False
    if aggregate in _NUMERIC:
        values, gaps = _numbers(cells, skipped, aggregate, query.measure)
    groups: dict[Any, list[Any]] = defaultdict(list)
    if by:
        for key, value in zip(keys, values, strict=True):
            groups[key].append(value)
    else:
        groups[()] = list(values)
    reduce = _REDUCE[aggregate]
    out = []
    for key, bucket in groups.items():
        result = reduce([v for v in bucket if v is not None] if gaps else bucket)
        out.append((key, result) if len(by) == 1 else (*key, result))
    return out


def _sort_key(value: Value) -> tuple[int, float, str]:
    if isinstance(value, int | float):
        return (0, float(value), "")
    x = read_number(value)
    return (0, x, "") if x is not None else (1, 0.0, fold_text(value))


def _order(values: Sequence[Value], descending: bool) -> list[int]:
    """Row positions sorted by ``values``; blank values last whatever the direction."""
    keys: dict[Value, tuple[int, float, str]] = {v: _sort_key(v) for v in set(values) if v is not None and (not isinstance(v, str) or v.strip())}
    filled = [i for i, v in enumerate(values) if v in keys]
    blank = [i for i, v in enumerate(values) if v not in keys]
    filled.sort(key=lambda i: keys[values[i]], reverse=descending)
    return filled + blank


def run_query(table: Table, query: Query) -> QueryResult:
    """Filter, then group + aggregate, then sort, then keep the top rows (rules: module docstring)."""
    problems = check_query(query, table.header)
    if problems:
        raise problems[0]
    skipped = _Skipped()
    rows = _filter(table, query, skipped)
    header = result_header(query, table.header)
    out: list[tuple[Value, ...]]
    if _aggregate(query):
        out = _group(table, query, rows, skipped)
        if query.sort:
            column = header.index(query.sort)
            out = [out[i] for i in _order([r[column] for r in out], query.descending)]
    else:
        if query.sort:
            col = table.column(query.sort)
            positions = _order(_pick(col, rows), query.descending)
            rows = [rows[i] for i in positions]
        columns = [table.column(c) for c in header]
        out = list(zip(*(_pick(col, rows[:query.top]) for col in columns), strict=True))
    if query.top is not None:
        out = out[:query.top]
    return QueryResult(header, tuple(out), len(rows), skipped.count, tuple(skipped.examples))


def skipped_note(result: QueryResult) -> Message | None:
    """What the learner is told about the cells left out of a result (None: nothing was)."""
    if not result.skipped:
        return None
    return msg(N_("Valeurs laissées de côté parce qu'elles ne sont pas des nombres (ou des dates) lisibles : "
                  "{count}, par exemple « {example} »."), count=result.skipped,
               example=result.skipped_examples[0] if result.skipped_examples else "")
