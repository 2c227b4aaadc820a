"""How the reuse tools read and compare values: numbers typed by a person, numbers and dates
written in a published file, text keys that ignore case, accents and spacing.

Two readers of numbers, on purpose:

* :func:`parse_number` reads what a **person types** in an answer or a filter value, the French or
  the English way: ``1 234,56`` (plain space, NBSP U+00A0 or NNBSP U+202F between thousands),
  ``1.234,56``, ``1,234.56``, ``1234.56``, ``-12``, ``+3,5``, ``12 €``, ``12,5 %`` (the unit is
  dropped: 12.5). Rules:

  - a **single** ``,`` or ``.`` is the decimal separator: ``1,234`` is read the French way (1.234)
    and so is ``1.234``; a separator is a thousands separator only when it repeats (``1.234.567``),
    when the other one follows it (``1.234,56``) or when it is a space;
  - thousands groups are checked: ``1 2`` or ``12,5,3`` are not numbers;
  - exponent notation (``1e3``), ``inf``, ``nan``, ``1_000`` and hexadecimal are refused: a
    learner does not type them, and a guess would hide a typo.

* :func:`read_number` reads a **cell** as a program reusing the published file reads it (the Table
  Schema ``number`` lexical form): a decimal point, no thousands separator, no unit, exponent
  allowed; surrounding spaces are ignored. ``2 400,00 €`` is *not* a number there — that is how a
  badly cleaned file shows up in reuse (its cells are left out of sums and counted).
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections.abc import Callable
from typing import Any

_SIMPLE = re.compile(r"[+-]?\d+(?:\.\d+)?", re.ASCII)
_UNIT = re.compile(r"\s*(?:€|%|eur|euros?)$", re.IGNORECASE)
_SPACES = re.compile("[ \u00a0\u202f\u2009]")
_DIGITS = re.compile(r"\d+", re.ASCII)
_HEAD = re.compile(r"\d{1,3}", re.ASCII)
_GROUP = re.compile(r"\d{3}", re.ASCII)
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?", re.ASCII)


def _whole(text: str, grouping: str | None) -> str | None:
    """The digits of an integer part, checking its thousands groups; None when badly grouped."""
    if grouping is None and _SPACES.search(text):
        parts = _SPACES.split(text)
    elif grouping is not None:
        if _SPACES.search(text):
            return None  # two kinds of thousands separators: 1.234 567
        parts = text.split(grouping)
    else:
        return text if not text or _DIGITS.fullmatch(text) else None
    if not _HEAD.fullmatch(parts[0]) or not all(_GROUP.fullmatch(p) for p in parts[1:]):
        return None
    return "".join(parts)


def parse_number(text: str) -> float | None:
    """The number a person typed (French or English way, unit dropped), or None when it is not one."""
    s = text.strip()
    if _SIMPLE.fullmatch(s):  # the usual case in files: 2400.0, -12
        return float(s)
    s = _UNIT.sub("", s.replace("\u2212", "-"))
    sign = ""
    if s[:1] in ("+", "-"):
        sign, s = s[0], s[1:]
    if not s:
        return None
    commas, dots = s.count(","), s.count(".")
    if commas and dots:  # the last one is the decimal separator: 1.234,56 or 1,234.56
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        grouping: str | None = "." if decimal == "," else ","
    elif commas == 1 or dots == 1:
        decimal, grouping = ("," if commas else "."), None
    elif commas or dots:  # 1.234.567 or 1,234,567
        decimal, grouping = "", ("," if commas else ".")
    else:
        decimal, grouping = "", None
    if decimal:
        if s.count(decimal) > 1:
            return None
        whole, _, fraction = s.partition(decimal)
        if not _DIGITS.fullmatch(fraction):
            return None
    else:
        whole, fraction = s, ""
    digits = _whole(whole, grouping)
    if digits is None or not digits and not fraction:
        return None
    value = float(f"{sign}{digits or '0'}.{fraction or '0'}")
    return value if math.isfinite(value) else None


def read_number(cell: str | None) -> float | None:
    """A cell as a program reads a published number (``1234.56``, ``-3``, ``1E3``), else None."""
    if cell is None:
        return None
    try:
        value = float(cell)  # fast, but also reads 1_000, nan, inf and non-ASCII digits: refused below
    except ValueError:
        return None
    if "_" in cell or not math.isfinite(value) or not cell.isascii():
        return None
    return value


def iso_date(text: str | None) -> str | None:
    """The date part of an ISO date (``2017``, ``2017-04``, ``2017-04-13``, with an optional time)
    when the text is one, else None. Month and day are checked (``2017-13`` is not a date)."""
    if text is None:
        return None
    m = _ISO.fullmatch(text.strip())
    if m is None:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None and not 1 <= int(day) <= _month_days(int(year), int(month)):
        return None
    return "-".join(p for p in (year, month, day) if p is not None)


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


_PUNCTUATION = re.compile(r"[\W_]+")


def fold_text(text: str | None) -> str:
    """A key that ignores case, accents and spacing: ``« École  Saint-Exupéry »`` and
    ``ecole saint-exupery`` give the same key (hyphens and apostrophes are kept)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def fold_words(text: str | None) -> str:
    """Like :func:`fold_text`, punctuation also ignored (``L’Union`` = ``l union``): for answers."""
    return " ".join(_PUNCTUATION.sub(" ", fold_text(text)).split())


def plain_number(value: float) -> str:
    """A number as data, not for display: ``12345.5``, ``2400`` (integers without ``.0``)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}


def cell_test(op: str, value: str) -> Callable[[str], bool | None]:
    """The test a filter ``op`` with the typed ``value`` applies to a (stripped) cell.

    The test answers None when the cell cannot be compared (counted as skipped by the query):
    for ``>`` ``>=`` ``<`` ``<=``, a cell that is neither a number (when the value is one) nor an
    ISO date (when the value is one); dates are compared at the value's precision, so
    ``<= 2017`` keeps ``2017-12-31``. Text is compared ignoring case and accents.
    """
    value = value.strip()
    number = parse_number(value)
    if op in ("=", "!="):
        equal = op == "="
        if number is None:
            return lambda cell: (cell == value) is equal

        def same(cell: str) -> bool:
            x = read_number(cell)
            return (cell == value if x is None else x == number) is equal
        return same
    if op == "contains":
        key = fold_text(value)
        return lambda cell: key in fold_text(cell)
    if op == "starts-with":
        key = fold_text(value)
        return lambda cell: fold_text(cell).startswith(key)
    if op in ("empty", "not-empty"):
        empty = op == "empty"
        return lambda cell: (cell == "") is empty
    compare = _ORDER[op]
    day = iso_date(value)
    if number is None and day is None:
        key = fold_text(value)
        return lambda cell: compare(fold_text(cell), key)

    def ordered(cell: str) -> bool | None:
        if number is not None and (x := read_number(cell)) is not None:
            return compare(x, number)
        if day is not None and (d := iso_date(cell)) is not None:
            return compare(d[:len(day)], day)
        return None
    return ordered
