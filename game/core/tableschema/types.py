"""Cell parsers, one per Table Schema type and format, with frictionless 5 semantics.

``parser_for(field)`` returns ``parse(text) -> value`` that returns :data:`INVALID` for a
type error. Only the standard library is used: ``datetime`` stands in for dateutil (ISO
datetimes) and a short list of common layouts stands in for the ``any`` date format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, NamedTuple
from uuid import UUID

from .model import Field

INVALID: Any = object()

Parser = Callable[[str], Any]

#: the longest cell that is parsed and matched against patterns: the most a spreadsheet cell holds
#: (LibreOffice Calc, Excel). Real SCDL cells stay under 300 characters (the longest in the shipped
#: scenarios and fixtures: 250); a longer cell is reported as « cell-too-long » and never reaches a
#: regular expression (one of 50 MB took 6.6 GB in the ``COMMUNE_NOM`` pattern).
MAX_CELL_CHARS = 32_767


def too_long(cell: str) -> bool:
    return len(cell) > MAX_CELL_CHARS


def any_too_long(cells: Iterable[str | None]) -> bool:
    """Whether one of ``cells`` is too long (one C-speed pass, no Python loop)."""
    return max(map(len, filter(None, cells)), default=0) > MAX_CELL_CHARS


class GeoPoint(NamedTuple):
    lon: Decimal
    lat: Decimal


class YearMonth(NamedTuple):
    year: int
    month: int


# -- string formats ---------------------------------------------------------------------------
#
# frictionless decides e-mails with the ``validators`` package and URIs with ``rfc3986`` (a scheme
# required); the same libraries decide here. Each costs about 0.1 ms a cell, so the common shapes,
# which they certainly accept (tests/core/tableschema/test_formats.py checks it on generated
# samples), are answered by one regular expression first.

_FAST_EMAIL = re.compile(r"[a-z0-9]+(?:[._+-][a-z0-9]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\Z",
                         re.IGNORECASE | re.ASCII)
_FAST_URI = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._~/%=&?#+-]*)?\Z",
                       re.ASCII)


def is_email(cell: str) -> bool:
    """What ``validators.email`` accepts (frictionless's rule)."""
    if len(cell) <= 200 and _FAST_EMAIL.match(cell):
        return True
    import validators

    try:
        return bool(validators.email(cell))
    except (UnicodeError, ValueError):  # pragma: no cover - validators answers False itself
        return False


def is_uri(cell: str) -> bool:
    """What ``rfc3986`` accepts once a scheme is required (frictionless's rule)."""
    if _FAST_URI.match(cell):
        return True
    import rfc3986
    from rfc3986 import exceptions, validators

    try:
        validators.Validator().require_presence_of("scheme").validate(rfc3986.uri_reference(cell))
    except exceptions.RFC3986Exception:
        return False
    return True


def is_uuid(cell: str) -> bool:
    try:
        UUID(cell)
    except ValueError:
        return False
    return True


def _string(field: Field) -> Parser:
    check = {"email": is_email, "uri": is_uri, "uuid": is_uuid}.get(field.format)
    if check is None:
        return lambda cell: cell
    return lambda cell: cell if check(cell) else INVALID


# -- numbers --------------------------------------------------------------------------------

_NOT_BARE = re.compile(r"((^[^-\d]*)|(\D*$))")
_QUIET_NAN = Decimal("NaN")


def to_decimal(text: str) -> Any:
    """``Decimal(text)``, :data:`INVALID` when it is not a number. A signalling NaN (``sNaN``, a
    Python spelling) becomes a quiet NaN: like frictionless's ``NaN``, a number that fails every
    bound, whereas a signalling one raises on the first comparison or hash."""
    try:
        value = Decimal(text)
    except ArithmeticError:
        return INVALID
    return _QUIET_NAN.copy_sign(value) if value.is_snan() else value


def _number(field: Field) -> Parser:
    decimal_char, group_char, bare = field.decimal_char, field.group_char, field.bare_number

    if not field.number_options:
        return lambda cell: to_decimal(cell.strip())

    def parse_options(cell: str) -> Any:
        cell = cell.strip()
        if not bare:
            cell = _NOT_BARE.sub("", cell)
        if group_char:
            cell = cell.replace(group_char, "")
        if decimal_char != ".":
            if "." in cell:
                return INVALID
            cell = cell.replace(decimal_char, ".")
        return to_decimal(cell)
    return parse_options


def _integer(field: Field) -> Parser:
    bare = field.bare_number

    def parse(cell: str) -> Any:
        cell = cell.strip()
        if not bare:
            cell = _NOT_BARE.sub("", cell)
        try:
            return int(cell)
        except ValueError:
            return INVALID
    return parse


def _boolean(field: Field) -> Parser:
    mapping = {v: True for v in field.true_values}
    mapping.update({v: False for v in field.false_values})
    return lambda cell: mapping.get(cell, INVALID)


# -- dates and times ------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
ANY_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d",
                    "%d %B %Y", "%B %d, %Y", "%b %d %Y", "%d %b %Y")


def _strptime_date(fmt: str) -> Parser:
    def parse(cell: str) -> Any:
        try:
            return datetime.strptime(cell, fmt).date()
        except ValueError:
            return INVALID
    return parse


def _date(field: Field) -> Parser:
    fmt = field.format
    if fmt == "any":
        def parse_any(cell: str) -> Any:
            for f in ANY_DATE_FORMATS:
                try:
                    return datetime.strptime(cell.strip(), f).date()
                except ValueError:
                    pass
            return INVALID
        return parse_any
    if fmt == "default":
        fmt = "%Y-%m-%d"
    slow = _strptime_date(fmt)
    if fmt != "%Y-%m-%d":
        return slow

    def parse(cell: str) -> Any:
        if _ISO_DATE.match(cell):  # fast path, same answer as strptime for this shape
            try:
                return date.fromisoformat(cell)
            except ValueError:
                return INVALID
        return slow(cell)
    return parse


#: the common ISO 8601 shapes, on which ``datetime.fromisoformat`` and dateutil's ``isoparse`` (what
#: frictionless uses) agree; any other text goes to ``isoparse`` (about 40 times slower), which
#: refuses ``+02:60``, `` +02:00`` and ``32.Z`` and accepts a lowercase ``t``/``z`` and ``24:00``
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?"
_FAST_DATETIME = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])-\d{2}T" + _TIME + r"\Z", re.ASCII)
_FAST_TIME = re.compile(_TIME + r"\Z", re.ASCII)
#: what dateutil raises on a text it cannot read (an ``OverflowError`` for a huge year or number)
_DATEUTIL_ERRORS = (ValueError, OverflowError, TypeError, ArithmeticError)


def _isoparse(text: str) -> Any:
    from dateutil.parser import isoparse

    try:
        return isoparse(text)
    except _DATEUTIL_ERRORS:
        return INVALID


def _parse_any(text: str) -> Any:
    """dateutil's free-form reading, as frictionless's ``any`` format."""
    from dateutil.parser import parse

    try:
        return parse(text)
    except _DATEUTIL_ERRORS:
        return INVALID


def _datetime(field: Field) -> Parser:
    fmt = field.format

    def parse_default(cell: str) -> Any:
        if len(cell) < 19 or cell[16] != ":":  # frictionless's guard against dateutil's shorter forms
            return INVALID
        if _FAST_DATETIME.match(cell):
            try:
                return datetime.fromisoformat(cell)
            except ValueError:
                return INVALID
        return _isoparse(cell)

    def parse_format(cell: str) -> Any:
        try:
            return datetime.strptime(cell, fmt)
        except ValueError:
            return INVALID

    if fmt == "default":
        return parse_default
    if fmt == "any":
        return _parse_any
    return parse_format


def _time(field: Field) -> Parser:
    fmt = field.format

    def parse_default(cell: str) -> Any:
        if len(cell) < 8 or cell[5] != ":":
            return INVALID
        if _FAST_TIME.match(cell):
            try:
                return time.fromisoformat(cell.replace("Z", "+00:00"))
            except ValueError:
                return INVALID
        value = _isoparse("2000-01-01T" + cell)
        return value if value is INVALID else value.timetz()

    def parse_any(cell: str) -> Any:
        value = _parse_any(cell)
        return value if value is INVALID else value.timetz()

    def parse_format(cell: str) -> Any:
        try:
            return datetime.strptime(cell, fmt).timetz()
        except ValueError:
            return INVALID

    if fmt == "default":
        return parse_default
    if fmt == "any":
        return parse_any
    return parse_format


def _year(field: Field) -> Parser:
    def parse(cell: str) -> Any:
        if len(cell) != 4:
            return INVALID
        try:
            value = int(cell)
        except ValueError:
            return INVALID
        return value if 0 <= value <= 9999 else INVALID
    return parse


def _yearmonth(field: Field) -> Parser:
    def parse(cell: str) -> Any:
        try:
            year, month = cell.split("-")
            value = YearMonth(int(year), int(month))
        except ValueError:
            return INVALID
        return value if 1 <= value.month <= 12 else INVALID
    return parse


# -- structured -----------------------------------------------------------------------------

def _geopoint(field: Field) -> Parser:
    fmt = field.format

    def parse(cell: str) -> Any:
        try:
            if fmt == "array":
                lon, lat = json.loads(cell)
            elif fmt == "object":
                obj = json.loads(cell)
                if len(obj) != 2:
                    return INVALID
                lon, lat = obj["lon"], obj["lat"]
            else:
                lon, lat = cell.split(",")
                lon, lat = lon.strip(), lat.strip()
            point = GeoPoint(Decimal(lon), Decimal(lat))
            if not (-180 <= point.lon <= 180 and -90 <= point.lat <= 90):
                return INVALID
        except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError):
            return INVALID  # RecursionError: « [[[[… » nested deeper than the JSON decoder goes
        return point
    return parse


def _array(field: Field) -> Parser:
    def parse(cell: str) -> Any:
        try:
            value = json.loads(cell)
        except (ValueError, RecursionError):  # RecursionError: « [[[[… » nested too deep
            return INVALID
        return value if isinstance(value, list) else INVALID
    return parse


def _any(field: Field) -> Parser:
    return lambda cell: cell


PARSERS: dict[str, Callable[[Field], Parser]] = {
    "string": _string, "number": _number, "integer": _integer, "boolean": _boolean,
    "date": _date, "datetime": _datetime, "time": _time, "year": _year, "yearmonth": _yearmonth,
    "geopoint": _geopoint, "array": _array, "any": _any,
}


def parser_for(field: Field) -> Parser:
    return PARSERS[field.type](field)


def read_constraint_value(field: Field, value: Any) -> Any:
    """A schema bound or enum item as the typed value cells are compared with."""
    if isinstance(value, str):
        parsed = parser_for(field)(value)
        return None if parsed is INVALID else parsed
    if field.type == "number" and isinstance(value, float):
        return to_decimal(str(value))
    return value
