"""Numbers as spreadsheets write them (``17 833``, ``100000,1``, ``1.234,56 €``) to ``1234.56``;
codes damaged by spreadsheets (``32402138500000.0``, ``3.2402138500000E+13``, ``3238``) repaired."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..messages import N_, Message, msg
from ..table import Table
from .base import Operation, Result, check_columns, convert_column

_UNITS = re.compile(r"(?i)(€|%|(?<![a-z])eur(?:os?)?\b)")
_BLANKS = re.compile("[\\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def parse_number(text: str) -> tuple[str, bool] | None:
    """``(number with a decimal point, had a % sign)`` or None when the cell is not a number."""
    s = text.strip().replace("\u2212", "-")
    if not s:
        return None
    percent = "%" in s
    s = _BLANKS.sub("", _UNITS.sub("", s))
    sign = ""
    if s and s[0] in "+-":
        sign, s = ("-" if s[0] == "-" else ""), s[1:]
    if not s or not s[0].isdigit() and not s.startswith((",", ".")):
        return None
    commas, dots = s.count(","), s.count(".")
    if commas and dots:  # the last separator is the decimal one: 1.234,56 or 1,234.56
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        if s.count(dec) > 1:
            return None
        whole, _, frac = s.partition(dec)
        if not _GROUPED.fullmatch(whole) or grp not in whole:
            return None
        s = whole.replace(grp, "") + "." + frac
    elif commas > 1 or dots > 1:  # 1.234.567 or 1,234,567
        if not _GROUPED.fullmatch(s):
            return None
        s = s.replace(",", "").replace(".", "")
    else:  # one comma (French decimal) or one dot
        s = s.replace(",", ".")
    if s.startswith("."):
        s = "0" + s
    if s.endswith("."):
        s = s[:-1]
    if not _PLAIN.fullmatch(s):
        return None
    return sign + s, percent


def _ratio(number: str) -> str:
    value = Decimal(number) / 100
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True, slots=True)
class NormaliseNumbers(Operation):
    column: str
    #: 45 % → 0.45 (only cells written with a % sign)
    percent_to_ratio: bool = False

    op = "normalise-numbers"
    label = N_("Écrire les nombres avec un point décimal")
    explanation = N_("Réécrit les nombres comme les schémas les attendent : virgule décimale remplacée par un "
                     "point (« 100000,1 » devient « 100000.1 »), séparateurs de milliers enlevés (espaces, espaces "
                     "insécables, points de « 1.234,56 ») et unités retirées (€, EUR, %). En option, « 45 % » "
                     "devient « 0.45 ». Les cellules qui ne sont pas des nombres restent telles quelles et "
                     "sont comptées.")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column])

    def _apply(self, table: Table) -> Result:
        def fn(cell: str) -> str | None:
            if not cell.strip():
                return cell
            parsed = parse_number(cell)
            if parsed is None:
                return None
            number, percent = parsed
            return _ratio(number) if percent and self.percent_to_ratio else number

        return convert_column(table, self.column, fn,
                              N_("Nombres réécrits dans la colonne « {column} » : {count}."),
                              N_("Nombres réécrits dans la colonne « {column} » : {count} ; cellules qui ne sont "
                                 "pas des nombres, laissées telles quelles : {skipped}."))


# -- pad-codes ---------------------------------------------------------------------------------

#: widths of the codes French open data uses
CODE_WIDTHS: dict[str, int] = {"insee": 5, "code-postal": 5, "siren": 9, "siret": 14}

_FLOAT_ZERO = re.compile(r"(\d+)[.,]0+")
_SCIENTIFIC = re.compile(r"(\d)[.,]?(\d*)[eE]\+?(\d+)")


def repair_code(text: str, width: int, max_zeros: int = 2) -> str | None:
    """The code written with ``width`` characters, or None when it cannot be repaired safely.

    At most ``max_zeros`` zeros are added: a spreadsheet removes one or two, a 9-digit SIREN
    in a 14-digit SIRET column is another mistake that zeros would only hide.
    """
    s = _BLANKS.sub("", text)
    if m := _FLOAT_ZERO.fullmatch(s):  # 32402138500000.0
        s = m[1]
    elif m := _SCIENTIFIC.fullmatch(s):  # 3.2402138500000E+13
        digits, exponent = m[1] + m[2], int(m[3])
        if len(digits) < exponent + 1:
            return None  # the spreadsheet kept fewer digits than the code has: they cannot be guessed
        if digits[exponent + 1:].strip("0"):
            return None  # not a whole number
        s = digits[:exponent + 1]
    if s.isdigit():
        return s.zfill(width) if width - max_zeros <= len(s) <= width else None
    return s if len(s) == width and s.isalnum() else None  # 2A004 (Corse)


@dataclass(frozen=True, slots=True)
class PadCodes(Operation):
    column: str
    width: int
    #: at most this many zeros added (more means another kind of mistake, e.g. a SIREN instead of a SIRET)
    max_zeros: int = 2

    op = "pad-codes"
    label = N_("Réparer les codes (zéros en tête)")
    explanation = N_("Remet les zéros de tête qu'un tableur a enlevés en prenant les codes pour des nombres "
                     "(code INSEE ou code postal sur 5 caractères, SIREN sur 9, SIRET sur 14) et répare les "
                     "codes abîmés en « 32402138500000.0 » ou « 3.2402138500000E+13 ». Les codes trop longs, "
                     "beaucoup trop courts (un SIREN à la place d'un SIRET) ou dont des chiffres ont été "
                     "perdus restent tels quels et sont comptés.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column])
        if not 1 <= self.width <= 64:
            out.append(msg(N_("La longueur des codes doit être un nombre entre 1 et 64.")))
        if self.max_zeros < 0:
            out.append(msg(N_("Le nombre de zéros à ajouter ne peut pas être négatif.")))
        return out

    def _apply(self, table: Table) -> Result:
        def fn(cell: str) -> str | None:
            return cell if not cell.strip() else repair_code(cell, self.width, self.max_zeros)

        return convert_column(table, self.column, fn,
                              N_("Codes réparés dans la colonne « {column} » : {count}."),
                              N_("Codes réparés dans la colonne « {column} » : {count} ; codes impossibles à "
                                 "réparer, laissés tels quels : {skipped}."))
