"""Validate a :class:`Table` against a :class:`Schema`, fully or incrementally.

Columns are matched to fields by name, as frictionless does with ``Detector(schema_sync=True)``
and as Validata does. Header problems follow Validata's severities: a missing column, an extra
column and a column out of place are warnings; a missing *required* column is the error
``missing-required-header``. Row problems use frictionless's codes.

The work is split in *units* whose errors a :class:`Report` keeps: one per column (missing
cells, type, constraints, uniqueness), the primary key, one per custom check. ``revalidate``
recomputes only the units that read a changed column; the header checks, extra cells and blank
rows are cheap and always recomputed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from game.core.messages import N_, Message, msg
from game.core.table import Table

from . import wording
from .constraints import check_column
from .custom_checks import CUSTOM_CHECKS, Context, run_check
from .errors import ERROR, WARNING, Budget, Collected, Report, ValidationError
from .model import Field, Schema
from .types import INVALID, parser_for, too_long

Key = Any  # ("col", j) | ("pk",) | ("custom", i)


@dataclass(frozen=True, slots=True)
class _Plan:
    """How the table's header meets the schema."""

    #: field checked in each column (None: unknown, blank or repeated label)
    roles: tuple[Field | None, ...]
    #: label -> first column index
    index: Mapping[str, int]
    header_errors: tuple[ValidationError, ...]
    duplicates: bool


def _close(word: str, candidates: Sequence[str]) -> list[str]:
    """The closest candidate, ignoring case (``NOM`` → ``nom``)."""
    lowered = {c.casefold(): c for c in candidates}
    found = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=0.75)
    return [lowered[found[0]]] if found else []


def _label_key(label: str) -> str:
    """The name a label is matched by: without the spaces around it, as frictionless and Validata do."""
    return label.strip()


def _plan(header: Sequence[str], schema: Schema) -> _Plan:
    errors: list[ValidationError] = []
    by_name = {f.name: f for f in schema.fields}
    index: dict[str, int] = {}
    roles: list[Field | None] = []
    duplicates = False
    for j, label in enumerate(header):
        key = _label_key(label)
        if not key:
            roles.append(None)
            errors.append(_blank_label(label, j, len(header)))
            continue
        if key in index:
            duplicates = True
            roles.append(None)
            errors.append(ValidationError(
                "duplicate-label", None, key, j, label, ERROR,
                msg(N_("Le nom de colonne « {field} » apparaît plusieurs fois (colonne n°{number})."),
                    field=key, number=str(j + 1)),
                msg(N_("Pour corriger : renommez ou supprimez la colonne en double."))))
            continue
        index[key] = j
        roles.append(by_name.get(key))
        if key != label:
            errors.append(ValidationError(
                "spaced-label-warn", None, key, j, label, WARNING,
                msg(N_("Le nom de la colonne « {field} » est entouré d'espaces (« {label} ») : la colonne est "
                       "reconnue, mais d'autres logiciels ne la reconnaîtront pas."), field=key, label=label),
                msg(N_("Pour corriger : renommez la colonne en « {field} », sans espace avant ni après."), field=key)))
        elif key.startswith("\ufeff"):
            errors.append(ValidationError(
                "bom-label-warn", None, key, j, label, WARNING,
                msg(N_("Le nom de la colonne n°{number} commence par un caractère invisible (une marque d'ordre des "
                       "octets, BOM, en trop) : « {field} » n'est donc pas reconnu."),
                    number=str(j + 1), field=key.lstrip("\ufeff")),
                _bom_hint(key.lstrip("\ufeff"))))
    if not header:
        errors.append(ValidationError(
            "blank-header", None, None, None, None, ERROR, msg(N_("Le fichier n'a pas de ligne d'en-tête.")),
            msg(N_("Pour corriger : ajoutez en première ligne le nom des colonnes du schéma."))))
        return _Plan(tuple(roles), index, tuple(errors), duplicates)
    keys = [_label_key(label) for label in header]
    unknown = [key for key, role in zip(keys, roles, strict=True) if role is None and key]
    matched_any = any(role is not None for role in roles)
    if schema.fields and not matched_any:
        errors.append(ValidationError(
            "unmatched-header", None, None, None, None, ERROR,
            msg(N_("Aucune colonne du fichier ne porte un nom prévu par le schéma.")),
            msg(N_("Pour corriger : vérifiez que c'est le bon schéma, puis renommez les colonnes avec les noms du "
                   "schéma ({fields})."), fields=", ".join(schema.field_names))))
    for j, (label, role) in enumerate(zip(keys, roles, strict=True)):
        if role is None and label and index.get(label) == j and not label.startswith("\ufeff"):
            close = _close(label.lstrip("\ufeff"), [f for f in by_name if f not in index])
            hint = (msg(N_("Pour corriger : renommez-la en « {suggestion} » si elle contient cette donnée, sinon "
                           "supprimez-la ou gardez-la si elle est utile."), suggestion=close[0]) if close else
                    msg(N_("Pour corriger : supprimez-la, ou gardez-la si elle est utile : le schéma tolère les "
                           "colonnes en plus.")))
            errors.append(ValidationError(
                "extra-header-warn", None, label, j, header[j], WARNING,
                msg(N_("La colonne « {field} » n'est pas prévue par le schéma."), field=label), hint))
    for f in schema.fields:
        if f.name in index:
            continue
        required = f.required or f.name in schema.primary_key
        close = _close(f.name, [u.lstrip("\ufeff") for u in unknown])
        if "\ufeff" + f.name in unknown:
            hint = _bom_hint(f.name)
        elif close:
            hint = msg(N_("Pour corriger : renommez la colonne « {label} » en « {field} » si elle contient cette "
                          "donnée, sinon ajoutez la colonne « {field} »."), label=close[0], field=f.name)
        else:
            hint = msg(N_("Pour corriger : ajoutez la colonne « {field} » ({title})."), field=f.name, title=f.label)
        if required:
            errors.append(ValidationError(
                "missing-required-header", None, f.name, None, None, ERROR,
                msg(N_("La colonne obligatoire « {field} » est absente du fichier."), field=f.name), hint))
        else:
            errors.append(ValidationError(
                "missing-header-warn", None, f.name, None, None, WARNING,
                msg(N_("La colonne facultative « {field} » est absente du fichier."), field=f.name), hint))
    # order: the matched columns should follow the schema's order
    order = {f.name: k for k, f in enumerate(schema.fields)}
    matched = [(j, role.name) for j, role in enumerate(roles) if role is not None]
    expected = sorted(matched, key=lambda jm: order[jm[1]])
    for (j, name), (_, want) in zip(matched, expected, strict=True):
        if name != want:
            errors.append(ValidationError(
                "disordered-header-warn", None, name, j, name, WARNING,
                msg(N_("La colonne « {field} » n'est pas à sa place : le schéma attend « {expected} » à cet "
                       "endroit."), field=name, expected=want),
                msg(N_("Pour corriger : réordonnez les colonnes dans l'ordre du schéma."))))
    return _Plan(tuple(roles), index, tuple(errors), duplicates)


def _bom_hint(field: str) -> Message:
    return msg(N_("Pour corriger : le fichier commence par deux BOM ; enregistrez-le en « UTF-8 sans BOM », ou "
                  "renommez la colonne en « {field} »."), field=field)


def _blank_label(label: str, j: int, width: int) -> ValidationError:
    """A column without a name: a warning, as frictionless reports nothing (its cells are not checked)."""
    if j == width - 1:
        return ValidationError(
            "blank-label-warn", None, None, j, label, WARNING,
            msg(N_("La dernière colonne (n°{number}) n'a pas de nom : souvent, chaque ligne se termine par un "
                   "séparateur en trop."), number=str(j + 1)),
            msg(N_("Pour corriger : supprimez cette dernière colonne si elle est vide (ou le séparateur en fin de "
                   "ligne) ; sinon, donnez-lui le nom d'une colonne du schéma.")))
    return ValidationError(
        "blank-label-warn", None, None, j, label, WARNING,
        msg(N_("La colonne n°{number} n'a pas de nom : ses valeurs ne sont pas vérifiées."), number=str(j + 1)),
        msg(N_("Pour corriger : donnez-lui le nom d'une colonne du schéma, ou supprimez-la si elle est vide.")))


def _column_unit(table: Table, schema: Schema, plan: _Plan, j: int,
                 budget: Budget | None = None, seen: dict[Any, int] | None = None) -> tuple[ValidationError, ...]:
    role = plan.roles[j]
    missing = schema.missing_values if role is not None else ("",)
    name = role.name if role is not None else _label_key(table.header[j])
    return tuple(check_column(role, name, j, table.columns[j], table.row_numbers, missing, budget, seen))


def _pk_unit(table: Table, schema: Schema, plan: _Plan, budget: Budget | None = None,
             seen: dict[tuple[Any, ...], int] | None = None) -> tuple[ValidationError, ...]:
    pk = schema.primary_key
    if not pk or any(name not in plan.index or plan.roles[plan.index[name]] is None for name in pk):
        return ()
    cols = []
    for name in pk:
        j = plan.index[name]
        field = plan.roles[j]
        assert field is not None
        parse = parser_for(field)
        missing = frozenset(field.missing_values if field.missing_values is not None else schema.missing_values)
        cols.append([None if c is None or c in missing else INVALID if too_long(c) else parse(c)
                     for c in table.columns[j]])
    seen = {} if seen is None else seen
    out = Collected(budget)
    for r, key in enumerate(zip(*cols, strict=True)):
        key = tuple(None if v is INVALID else v for v in key)
        row = table.row_numbers[r]
        if all(v is None for v in key):
            m, h = wording.primary_key_error(pk, None)
            out.append(ValidationError("primary-key", row, None, None, None, ERROR, m, h))
            continue
        try:
            first = seen.get(key)
            seen[key] = row
        except TypeError:
            continue
        if first is not None:
            m, h = wording.primary_key_error(pk, first)
            out.append(ValidationError("primary-key", row, None, None, None, ERROR, m, h))
    return tuple(out)


def _custom_unit(table: Table, schema: Schema, plan: _Plan, i: int,
                 budget: Budget | None = None) -> tuple[ValidationError, ...]:
    index = {name: j for name, j in plan.index.items() if plan.roles[j] is not None}
    return tuple(run_check(schema.custom_checks[i], Context(table, schema, index, budget)))


def _blank_rows(table: Table, schema: Schema, plan: _Plan) -> set[int]:
    """Data-row indexes whose every cell is missing (frictionless's blank-row)."""
    if not table.columns:
        return set(range(table.nrows))
    candidates: Iterable[int] = range(table.nrows)
    for j, col in enumerate(table.columns):
        missing = frozenset(schema.missing_values if plan.roles[j] is not None else ("",)) | {None}
        candidates = [r for r in candidates if col[r] in missing]
        if not candidates:
            return set()
    return set(candidates)


def _assemble(table: Table, schema: Schema, plan: _Plan, units: dict[Key, tuple[ValidationError, ...]],
              budget: Budget | None = None, blank: set[int] | None = None) -> Report:
    blank = _blank_rows(table, schema, plan) if blank is None else blank
    blank_numbers = {table.row_numbers[r] for r in blank}
    errors: list[ValidationError] = list(plan.header_errors)
    rows_errors = Collected(budget)
    width = table.ncols
    for r, extra in table.extras.items():
        if r in blank:
            continue
        for k, cell in enumerate(extra):
            m, h = wording.extra_cell(cell, width)
            rows_errors.append(ValidationError("extra-cell", table.row_numbers[r], None, width + k, cell, ERROR, m, h))
    for errs in units.values():
        if blank_numbers:
            errors.extend(e for e in errs if e.row not in blank_numbers or e.code == "primary-key")
        else:
            errors.extend(errs)
    for r in sorted(blank):
        m, h = wording.blank_row()
        rows_errors.append(ValidationError("blank-row", table.row_numbers[r], None, None, None, ERROR, m, h))
    errors += rows_errors
    errors.sort(key=ValidationError.sort_key)
    return Report(tuple(errors), units, budget.omitted if budget is not None else 0)


def validate(table: Table, schema: Schema, *, max_errors: int | None = None) -> Report:
    """Every problem of ``table`` against ``schema``, sorted by row then column.

    ``max_errors``: detail at most that many row errors (header problems are always all there)
    and only count the others (``Report.omitted``), so that a file where every cell is wrong still
    gets a report in bounded memory. The errors detailed then come column by column, not by row.
    """
    plan = _plan(table.header, schema)
    budget = blank = None
    if max_errors is not None:
        blank = _blank_rows(table, schema, plan)
        budget = Budget(max_errors, frozenset(table.row_numbers[r] for r in blank))
    units: dict[Key, tuple[ValidationError, ...]] = {}
    for j in range(table.ncols):
        units[("col", j)] = _column_unit(table, schema, plan, j, budget)
    units[("pk",)] = _pk_unit(table, schema, plan, budget)
    for i, check in enumerate(schema.custom_checks):
        if check.name in CUSTOM_CHECKS:
            units[("custom", i)] = _custom_unit(table, schema, plan, i, budget)
    return _assemble(table, schema, plan, units, budget, blank)


def revalidate(previous_report: Report, old: Table, new: Table, schema: Schema,
               changed_columns: set[int] | None, rows_changed: bool) -> Report:
    """The report of ``new``, reusing ``previous_report`` (the report of ``old``) where nothing it read changed.

    ``changed_columns``: indexes in ``new`` whose cells differ from the old column of the same name
    (or of the same index when the header did not change — so swapping two same-named columns
    reports both); None: find them by comparing the columns. ``rows_changed``: rows were added,
    removed or reordered, so everything is recomputed. A renamed, moved, added or removed column
    is found from the headers.
    """
    previous = previous_report
    if (rows_changed or not previous.units or old.row_numbers != new.row_numbers):
        return validate(new, schema)
    old_plan = _plan(old.header, schema)
    plan = _plan(new.header, schema)
    header_same = old.header == new.header
    if not header_same and (old_plan.duplicates or plan.duplicates):
        return validate(new, schema)
    # new column index -> old column index holding the same, unchanged cells checked the same way
    same: dict[int, int] = {}
    for j, label in enumerate(new.header):
        i = j if header_same else old_plan.index.get(_label_key(label))
        if i is None or old_plan.roles[i] is not plan.roles[j]:
            continue
        if changed_columns is not None:
            if j in changed_columns:
                continue
        elif old.columns[i] is not new.columns[j] and old.columns[i] != new.columns[j]:
            continue
        same[j] = i

    def remap(errs: tuple[ValidationError, ...]) -> tuple[ValidationError, ...]:
        if header_same:
            return errs
        return tuple(e if e.field is None or e.column is None or e.field not in plan.index
                     else replace(e, column=plan.index[e.field]) for e in errs)

    def unchanged(names: Iterable[str]) -> bool:
        for name in names:
            j, i = plan.index.get(name), old_plan.index.get(name)
            if j is None and i is None:
                continue
            if j is None or i is None or same.get(j) != i:
                return False
        return True

    units: dict[Key, tuple[ValidationError, ...]] = {}
    for j in range(new.ncols):
        i = same.get(j)
        old_unit = previous.units.get(("col", i)) if i is not None else None
        if old_unit is not None:
            units[("col", j)] = old_unit if i == j else tuple(replace(e, column=j) for e in old_unit)
        else:
            units[("col", j)] = _column_unit(new, schema, plan, j)
    old_pk = previous.units.get(("pk",))
    units[("pk",)] = old_pk if old_pk is not None and unchanged(schema.primary_key) else _pk_unit(new, schema, plan)
    for k, check in enumerate(schema.custom_checks):
        if check.name not in CUSTOM_CHECKS:
            continue
        old_unit = previous.units.get(("custom", k))
        if old_unit is not None and unchanged(CUSTOM_CHECKS[check.name].columns(check)):
            units[("custom", k)] = remap(old_unit)
        else:
            units[("custom", k)] = _custom_unit(new, schema, plan, k)
    return _assemble(new, schema, plan, units)
