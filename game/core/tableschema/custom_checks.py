"""Validata's custom checks declared in SCDL schemas (``custom_checks`` key).

As in Validata, a single-column check skips empty cells and does nothing when its column is
absent; a multi-column check skips a row as soon as one of the cells it compares is empty.
Each check reports its own name as error code.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Decimal, InvalidOperation, localcontext
from typing import Any

from game.core.messages import N_, Message, msg
from game.core.table import Table

from .errors import ERROR, Budget, Collected, ValidationError
from .model import CustomCheck, Schema
from .types import INVALID, GeoPoint, parser_for, too_long
from .wording import quoted

Run = Callable[[CustomCheck, "Context"], list[ValidationError]]


@dataclass(frozen=True, slots=True)
class Context:
    table: Table
    schema: Schema
    #: column name -> index in the table (first occurrence)
    index: Mapping[str, int]
    #: how many more errors may be detailed (None: all)
    budget: Budget | None = None

    def collector(self) -> list[ValidationError]:
        """The list a check puts its errors in (it keeps those the budget allows)."""
        return Collected(self.budget)

    def column(self, name: str) -> tuple[int, Sequence[str | None]] | None:
        j = self.index.get(name)
        return None if j is None else (j, self.table.columns[j])

    def is_empty(self, cell: str | None) -> bool:
        return cell is None or cell in self.schema.missing_values or cell.strip() == ""

    def unreadable(self, cell: str | None) -> bool:
        """Empty, or too long to be read (the column check reports it as « cell-too-long »)."""
        return self.is_empty(cell) or too_long(cell)  # type: ignore[arg-type]

    def empty_rows(self, cells: Sequence[str | None]) -> set[int]:
        empty = {c for c in set(cells) if self.is_empty(c)}
        return {r for r, c in enumerate(cells) if c in empty}


@dataclass(frozen=True, slots=True)
class CheckSpec:
    #: the columns a check reads (the first one carries its errors)
    columns: Callable[[CustomCheck], tuple[str, ...]]
    run: Run


def _err(check: CustomCheck, ctx: Context, r: int, name: str, j: int, cell: str | None,
         message: Message, hint: Message, detail: str | None = None) -> ValidationError:
    return ValidationError(check.name, ctx.table.row_numbers[r], name, j, cell, ERROR, message, hint, detail)


# -- single-column checks -------------------------------------------------------------------

def _single(verdict: Callable[[CustomCheck, str], tuple[Message, Message, str | None] | None]) -> CheckSpec:
    def columns(check: CustomCheck) -> tuple[str, ...]:
        return (str(check.param("column", "")),)

    def run(check: CustomCheck, ctx: Context) -> list[ValidationError]:
        name = str(check.param("column", ""))
        found = ctx.column(name)
        if found is None:
            return []
        j, cells = found
        verdicts: dict[str | None, tuple[Message, Message, str | None]] = {}
        for cell in set(cells):
            if not ctx.unreadable(cell):
                assert cell is not None
                v = verdict(check, cell)
                if v is not None:
                    verdicts[cell] = v
        out = ctx.collector()
        if verdicts:
            for r in [r for r, cell in enumerate(cells) if cell in verdicts]:
                cell = cells[r]
                v = verdicts[cell]
                out.append(_err(check, ctx, r, name, j, cell, v[0], v[1], v[2]))
        return out

    return CheckSpec(columns, run)


def _siret(check: CustomCheck, cell: str) -> tuple[Message, Message, str | None] | None:
    from stdnum.fr import siret  # imported on first use: start-up stays fast

    if siret.is_valid(cell):
        return None
    return (msg(N_("La valeur « {cell} » n'est pas un numéro SIRET français valide."), cell=cell),
            msg(N_("Pour corriger : un SIRET compte 14 chiffres, sans espace ni décimale ; vérifiez-le sur "
                   "annuaire-entreprises.data.gouv.fr (une erreur de saisie ou un tableur qui a transformé le "
                   "numéro en nombre sont les causes habituelles).")), None)


def _siren(check: CustomCheck, cell: str) -> tuple[Message, Message, str | None] | None:
    from stdnum.fr import siren

    if siren.is_valid(cell):
        return None
    return (msg(N_("La valeur « {cell} » n'est pas un numéro SIREN français valide."), cell=cell),
            msg(N_("Pour corriger : un SIREN compte 9 chiffres, sans espace ; vérifiez-le sur "
                   "annuaire-entreprises.data.gouv.fr.")), None)


def _phone(check: CustomCheck, cell: str) -> tuple[Message, Message, str | None] | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(cell, "FR")
        if phonenumbers.is_valid_number(number):
            return None
    except phonenumbers.NumberParseException:
        pass
    return (msg(N_("La valeur « {cell} » n'est pas un numéro de téléphone valide."), cell=cell),
            msg(N_("Pour corriger : écrivez un numéro français à 10 chiffres (01 23 45 67 89) ou au format "
                   "international (+33 1 23 45 67 89).")), None)


def _year_interval(check: CustomCheck, cell: str) -> tuple[Message, Message, str | None] | None:
    allow_year = str(check.param("allow-year-only", "no")).lower() in ("yes", "true", "oui")
    text = cell.strip()
    parts = text.split("/")
    ok = all(len(p) == 4 and p.isdigit() for p in parts)
    if ok and len(parts) == 1 and allow_year:
        return None
    if ok and len(parts) == 2:
        if int(parts[1]) > int(parts[0]):
            return None
        return (msg(N_("Dans l'intervalle « {cell} », la seconde année doit être postérieure à la première."),
                    cell=cell),
                msg(N_("Pour corriger : écrivez l'intervalle dans l'ordre, par exemple 2017/2018.")), "order")
    if allow_year:
        return (msg(N_("La valeur « {cell} » n'est ni une année (AAAA) ni un intervalle d'années (AAAA/AAAA)."),
                    cell=cell),
                msg(N_("Pour corriger : écrivez une année comme 2017 ou un intervalle comme 2017/2018.")), None)
    return (msg(N_("La valeur « {cell} » n'est pas un intervalle d'années (AAAA/AAAA)."), cell=cell),
            msg(N_("Pour corriger : écrivez un intervalle comme 2017/2018.")), None)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.strip().casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


#: level-1 subjects of the ACTES nomenclature (the part before "/"), per the SCDL specification
ACTES_SUBJECTS = ("Commande publique", "Urbanisme", "Domaine et patrimoine", "Fonction publique",
                  "Institutions et vie politique", "Libertés publiques et pouvoirs de police", "Finances locales",
                  "Domaines de compétences par thèmes", "Autres domaines de compétences")
_ACTES_FOLDED = frozenset(_fold(s) for s in ACTES_SUBJECTS)


def _actes(check: CustomCheck, cell: str) -> tuple[Message, Message, str | None] | None:
    if "/" not in cell:
        return (msg(N_("La valeur « {cell} » ne contient pas de barre oblique entre la matière et la sous-matière "
                       "ACTES."), cell=cell),
                msg(N_("Pour corriger : écrivez « matière/sous-matière », par exemple « domaines de compétences par "
                       "thèmes/aménagement du territoire ».")), "slash")
    prefix = cell.split("/", 1)[0]
    if _fold(prefix) in _ACTES_FOLDED:
        return None
    return (msg(N_("La matière « {prefix} » n'appartient pas à la nomenclature ACTES."), prefix=prefix),
            msg(N_("Pour corriger : commencez par l'une des matières {values}."),
                values=quoted(s.lower() for s in ACTES_SUBJECTS)), "prefix")


#: (name, lon min, lon max, lat min, lat max): France métropolitaine with Corse, and the DROM
FRANCE_BOXES = (
    ("métropole", -5.3, 9.7, 41.3, 51.2),
    ("Guadeloupe", -61.9, -60.9, 15.8, 16.6),
    ("Martinique", -61.3, -60.8, 14.35, 14.9),
    ("Guyane", -54.7, -51.5, 2.1, 5.9),
    ("La Réunion", 55.2, 55.9, -21.45, -20.85),
    ("Mayotte", 44.9, 45.35, -13.05, -12.6),
)


def in_france(lon: float, lat: float) -> bool:
    return any(x0 <= lon <= x1 and y0 <= lat <= y1 for _, x0, x1, y0, y1 in FRANCE_BOXES)


def _gps_spec() -> CheckSpec:
    def columns(check: CustomCheck) -> tuple[str, ...]:
        return (str(check.param("column", "")),)

    def run(check: CustomCheck, ctx: Context) -> list[ValidationError]:
        name = str(check.param("column", ""))
        found = ctx.column(name)
        if found is None:
            return []
        j, cells = found
        field = ctx.schema.field(name)
        parse = parser_for(field) if field is not None and field.type == "geopoint" else None
        out = ctx.collector()
        for r, cell in enumerate(cells):
            if ctx.unreadable(cell):
                continue
            assert cell is not None
            point = parse(cell) if parse else _loose_point(cell)
            if point is INVALID or point is None:
                continue  # the type check already reports it
            lon, lat = float(point.lon), float(point.lat)
            if in_france(lon, lat):
                continue
            if in_france(lat, lon):
                out.append(_err(check, ctx, r, name, j, cell,
                                msg(N_("Les coordonnées « {cell} » semblent inversées : la latitude est écrite "
                                       "avant la longitude."), cell=cell),
                                msg(N_("Pour corriger : échangez les deux nombres pour écrire la longitude puis la "
                                       "latitude, ici [{lon}, {lat}]."), lon=str(lat), lat=str(lon)),
                                "inverted"))
            else:
                out.append(_err(check, ctx, r, name, j, cell,
                                msg(N_("Les coordonnées « {cell} » ne sont pas situées en France."), cell=cell),
                                msg(N_("Pour corriger : vérifiez le point sur une carte ; les coordonnées attendues "
                                       "sont la longitude puis la latitude en degrés décimaux (WGS84), par exemple "
                                       "[2.3522, 48.8566] pour Paris.")), "outside"))
        return out

    return CheckSpec(columns, run)


def _loose_point(cell: str) -> GeoPoint | None:
    text = cell.strip().strip("[]")
    try:
        lon, lat = (Decimal(p.strip()) for p in text.split(","))
    except (ValueError, InvalidOperation):
        return None
    if not (lon.is_finite() and lat.is_finite()):  # NaN, sNaN, Infinity: not a place at all
        return None
    return GeoPoint(lon, lat)


# -- multi-column checks --------------------------------------------------------------------

def _typed(ctx: Context, name: str) -> Callable[[str], Any]:
    field = ctx.schema.field(name)
    if field is None or field.type in ("string", "any"):
        def loose(cell: str) -> Any:
            try:
                return Decimal(cell.strip())
            except InvalidOperation:
                return cell
        return loose
    return parser_for(field)


def _one_of_required() -> CheckSpec:
    def columns(check: CustomCheck) -> tuple[str, ...]:
        return (str(check.param("column1", "")), str(check.param("column2", "")))

    def run(check: CustomCheck, ctx: Context) -> list[ValidationError]:
        c1, c2 = columns(check)
        f1, f2 = ctx.column(c1), ctx.column(c2)
        if f1 is None and f2 is None:
            return []
        j = f1[0] if f1 is not None else f2[0]  # type: ignore[index]
        name = c1 if f1 is not None else c2
        cells1 = f1[1] if f1 is not None else None
        cells2 = f2[1] if f2 is not None else None
        out = ctx.collector()
        empty1 = ctx.empty_rows(cells1) if cells1 is not None else None
        empty2 = ctx.empty_rows(cells2) if cells2 is not None else None
        rows = empty1 & empty2 if empty1 is not None and empty2 is not None else (empty1 or empty2 or set())
        for r in sorted(rows):
            out.append(_err(check, ctx, r, name, j, None,
                            msg(N_("Les colonnes « {column1} » et « {column2} » sont toutes deux vides : l'une "
                                   "au moins doit être renseignée."), column1=c1, column2=c2),
                            msg(N_("Pour corriger : renseignez « {column1} » ou « {column2} »."),
                                column1=c1, column2=c2)))
        return out

    return CheckSpec(columns, run)


_OPS: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
    "<": (operator.lt, N_("strictement inférieure à")),
    "<=": (operator.le, N_("inférieure ou égale à")),
    "==": (operator.eq, N_("égale à")),
    ">=": (operator.ge, N_("supérieure ou égale à")),
    ">": (operator.gt, N_("strictement supérieure à")),
}


def _compare() -> CheckSpec:
    def columns(check: CustomCheck) -> tuple[str, ...]:
        return (str(check.param("column", "")), str(check.param("column2", "")))

    def run(check: CustomCheck, ctx: Context) -> list[ValidationError]:
        a, b = columns(check)
        op_name = str(check.param("op", "=="))
        fa, fb = ctx.column(a), ctx.column(b)
        if fa is None or fb is None or op_name not in _OPS:
            return []
        op, op_text = _OPS[op_name]
        pa, pb = _typed(ctx, a), _typed(ctx, b)
        (j, ca), (_, cb) = fa, fb
        out = ctx.collector()
        for r in range(ctx.table.nrows):
            x, y = ca[r], cb[r]
            if ctx.unreadable(x) or ctx.unreadable(y):
                continue
            assert x is not None and y is not None
            vx, vy = pa(x), pb(y)
            if vx is INVALID or vy is INVALID:
                continue
            try:
                ok = op(vx, vy)
            except (TypeError, ArithmeticError):  # different types, or a NaN that orders with nothing
                continue
            if not ok:
                out.append(_err(check, ctx, r, a, j, x,
                                msg(N_("La valeur de « {column} » ({value}) devrait être {relation} celle de "
                                       "« {column2} » ({value2})."), column=a, value=x, relation=op_text,
                                    column2=b, value2=y),
                                msg(N_("Pour corriger : vérifiez ces deux valeurs ; l'une d'elles est "
                                       "probablement mal saisie."))))
        return out

    return CheckSpec(columns, run)


def _sum() -> CheckSpec:
    def columns(check: CustomCheck) -> tuple[str, ...]:
        return (str(check.param("column", "")),) + tuple(str(c) for c in check.param("columns", ()))

    def run(check: CustomCheck, ctx: Context) -> list[ValidationError]:
        names = columns(check)
        found = [ctx.column(n) for n in names]
        if any(f is None for f in found):
            return []
        j = found[0][0]  # type: ignore[index]
        cols = [f[1] for f in found]  # type: ignore[index]
        out = ctx.collector()
        for r in range(ctx.table.nrows):
            cells = [c[r] for c in cols]
            if any(ctx.unreadable(c) for c in cells):
                continue
            try:
                values = [Decimal(str(c).strip()) for c in cells]
            except InvalidOperation:
                continue
            if not all(v.is_finite() for v in values):
                continue
            with localcontext() as exact:  # « 1e999999999 » overflows the default context
                exact.Emax, exact.Emin = MAX_EMAX, MIN_EMIN
                total = sum(values[1:], Decimal(0))
            if values[0] != total:
                out.append(_err(check, ctx, r, names[0], j, cells[0],
                                msg(N_("La valeur de « {column} » ({value}) devrait être égale à la somme des "
                                       "colonnes {columns} ({total})."), column=names[0], value=cells[0],
                                    columns=quoted(names[1:]), total=str(total)),
                                msg(N_("Pour corriger : vérifiez le total et chacune des valeurs additionnées."))))
        return out

    return CheckSpec(columns, run)


def _cohesive() -> CheckSpec:
    def columns(check: CustomCheck) -> tuple[str, ...]:
        return (str(check.param("column", "")),) + tuple(str(c) for c in check.param("othercolumns", ()))

    def run(check: CustomCheck, ctx: Context) -> list[ValidationError]:
        names = columns(check)
        found = [ctx.column(n) for n in names]
        if found[0] is None:
            return []
        j = found[0][0]
        present = [(n, f[1]) for n, f in zip(names, found, strict=True) if f is not None]
        out = ctx.collector()
        for r in range(ctx.table.nrows):
            filled = [not ctx.is_empty(cells[r]) for _, cells in present]
            if all(filled) or not any(filled):
                continue
            empty = [n for (n, _), f in zip(present, filled, strict=True) if not f]
            out.append(_err(check, ctx, r, names[0], j, present[0][1][r],
                            msg(N_("Les colonnes {columns} doivent être toutes renseignées ou toutes vides ; ici "
                                   "{empty} sont vides."), columns=quoted(names), empty=quoted(empty)),
                            msg(N_("Pour corriger : complétez les colonnes vides, ou videz les autres si "
                                   "l'information n'existe pas."))))
        return out

    return CheckSpec(columns, run)


CUSTOM_CHECKS: dict[str, CheckSpec] = {
    "french-siret-value": _single(_siret),
    "french-siren-value": _single(_siren),
    "phone-number-value": _single(_phone),
    "year-interval-value": _single(_year_interval),
    "nomenclature-actes-value": _single(_actes),
    "french-gps-coordinates": _gps_spec(),
    "one-of-required": _one_of_required(),
    "compare-columns-value": _compare(),
    "sum-columns-value": _sum(),
    "cohesive-columns-value": _cohesive(),
}


def run_check(check: CustomCheck, ctx: Context) -> list[ValidationError]:
    return CUSTOM_CHECKS[check.name].run(check, ctx)
