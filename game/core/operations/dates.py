"""Dates as people type them (``05/12/2016``, ``5 déc. 2016``…) to ISO 8601 (``2016-12-05``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..messages import N_, Message
from ..table import Table
from .base import Operation, Result, check_columns, convert_column

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
_WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?\s+"
# a time part we may drop: only midnight (a spreadsheet's date stored as date-time)
_MIDNIGHT = r"(?:[t ]00:00(?::00(?:\.0+)?)?(?:z|[+-]\d\d:?\d\d)?)?"  # matched on lower-cased text

_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _MIDNIGHT)
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})" + _MIDNIGHT)
_WORDS = re.compile(r"(?:" + _WEEKDAYS + r")?(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})")


def _fold(text: str) -> str:
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:  # 5/12/16: 00–69 → 2000s, 70–99 → 1900s
        y += 2000 if y < 70 else 1900
    return y


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str, day_first: bool = True) -> str | None:
    """The ISO form of a typed date, or None when it cannot be read without guessing."""
    s = _fold(text.strip())
    if not s:
        return None
    if m := _YMD.fullmatch(s):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(s):
        a, b = int(m[1]), int(m[2])
        d, mo = (a, b) if day_first else (b, a)
        return _iso(_year(m[3]), mo, d)
    if m := _WORDS.fullmatch(s):
        month = _MONTHS.get(m[2])
        return _iso(int(m[3]), month, int(m[1])) if month else None
    return None


@dataclass(frozen=True, slots=True)
class DatesToIso(Operation):
    column: str
    #: 05/12/2016 is 5 December (French order); False reads it as May 12 (American order)
    day_first: bool = True

    op = "dates-to-iso"
    label = N_("Écrire les dates au format AAAA-MM-JJ")
    explanation = N_("Réécrit les dates saisies à la française (« 05/12/2016 », « 5/12/16 », « 5 déc. 2016 », "
                     "« 5 décembre 2016 », « 30-01-2018 ») au format international AAAA-MM-JJ demandé par "
                     "les schémas (« 2016-12-05 »). Les cellules qu'elle ne sait pas lire sans deviner sont "
                     "laissées telles quelles et comptées.")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column])

    def _apply(self, table: Table) -> Result:
        def fn(cell: str) -> str | None:
            if not cell.strip():
                return cell
            return parse_date(cell, self.day_first)

        return convert_column(table, self.column, fn,
                              N_("Dates converties dans la colonne « {column} » : {count}."),
                              N_("Dates converties dans la colonne « {column} » : {count} ; cellules illisibles "
                                 "laissées telles quelles : {skipped}."))
