"""The data of a chart (no drawing): bars, a line, points on a map, and the map's bounds.

Values are read as a program reuses the published file (:func:`~.numbers.read_number`): a cell
that is not a number is left out of the chart and counted, with up to 3 examples. Blank cells are
left out without being counted, except on a map, where every row without valid coordinates counts.

Coordinates: two number columns (DAE ``lat_coor1`` / ``long_coor1``, équipements ``EQUIP_LAT`` /
``EQUIP_LONG``) with :func:`points`, or one column with :func:`geopoints`, which reads

* a JSON array ``[lon, lat]`` (IRVE ``coordonneesXY``, Table Schema geopoint ``array``, GeoJSON),
* a JSON object ``{"lon": …, "lat": …}`` (Table Schema geopoint ``object``),
* WKT ``POINT(lon lat)``,
* text ``lat, lon`` (the ``geo_point_2d`` of French portals), read ``lon, lat`` when its first
  number cannot be a latitude (outside -90…90) — or as ``lon_first`` says.

A point is valid when -90 ≤ lat ≤ 90, -180 ≤ lon ≤ 180 and it is not (0, 0), the usual filler of
a missing position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from ..table import Table
from .numbers import iso_date, plain_number, read_number
from .query import QueryResult, Value, unknown_column


@dataclass(frozen=True, slots=True)
class Series:
    """Bars ``(label, value)`` or line points ``(x label, value)`` in drawing order."""

    pairs: tuple[tuple[str, float], ...]
    #: line charts: the position of each pair on the x axis (a number, or a day number for dates)
    xs: tuple[float, ...] = ()
    #: "number" or "date" (line charts)
    x_kind: str = ""
    skipped: int = 0
    skipped_examples: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[tuple[str, float]]:
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float
    label: str = ""


@dataclass(frozen=True, slots=True)
class PointSet:
    points: tuple[Point, ...]
    #: rows without valid coordinates (blank ones included)
    skipped: int = 0
    skipped_examples: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Point]:
        return iter(self.points)

    def __len__(self) -> int:
        return len(self.points)


@dataclass(frozen=True, slots=True)
class Bounds:
    south: float
    west: float
    north: float
    east: float


Source = Table | QueryResult


def _column(source: Source, name: str) -> Sequence[Value]:
    if name not in source.header:
        raise unknown_column(name, source.header)
    return source.column(name)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return read_number(value) if isinstance(value, str) else None


def _label(value: Value) -> str:
    if value is None or isinstance(value, str):  # a text cell, or a blank one
        return "" if value is None else value.strip()
    return plain_number(float(value))


def _blank(value: Value) -> bool:
    return value is None or isinstance(value, str) and not value.strip()


def _examples(values: Sequence[Value]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_label(v) for v in values))[:3]


def bar_series(source: Source, label_column: str, value_column: str) -> Series:
    """One bar per row, in the rows' order (sort the query to sort the bars)."""
    labels, values = _column(source, label_column), _column(source, value_column)
    pairs, bad = [], []
    for label, value in zip(labels, values, strict=True):
        x = _number(value)
        if x is not None:
            pairs.append((_label(label), x))
        elif not _blank(value):
            bad.append(value)
    return Series(tuple(pairs), skipped=len(bad), skipped_examples=_examples(bad))


def _x_position(text: str, as_date: bool) -> float | None:
    day = iso_date(text)
    if as_date and day is not None:
        year, month, d = (day.split("-") + ["1", "1"])[:3]
        return float(date(int(year), int(month), int(d)).toordinal())
    return read_number(text) if not as_date else None


def line_series(source: Source, x_column: str, value_column: str) -> Series:
    """Points sorted by x: numbers (years included) or ISO dates (``2017-04``, ``2017-04-13``;
    when some x are such dates, a lone year ``2017`` is read as 1 January)."""
    xs_raw, values = _column(source, x_column), _column(source, value_column)
    texts = [_label(x) for x in xs_raw]
    as_date = any(len(d) > 4 for d in (iso_date(t) for t in texts) if d is not None)
    found, bad = [], []
    for text, raw, value in zip(texts, xs_raw, values, strict=True):
        x, y = _x_position(text, as_date), _number(value)
        if x is not None and y is not None:
            found.append((x, text, y))
        elif not (_blank(value) or _blank(raw)):
            bad.append(raw if x is None else value)
    found.sort(key=lambda item: item[0])
    return Series(tuple((t, y) for _, t, y in found), tuple(x for x, _, _ in found),
                  "date" if as_date else "number", len(bad), _examples(bad))


def result_series(result: QueryResult, kind: str) -> Series | None:
    """What a query's result draws as bars (``kind`` "bar") or as a line (any other kind): its first
    column labels the bars or places the points, its last column gives the values. None when the
    result has fewer than two columns or no row."""
    if len(result.header) < 2 or not result.rows:
        return None
    label_column, value_column = result.header[0], result.header[-1]
    if kind == "bar":
        return bar_series(result, label_column, value_column)
    return line_series(result, label_column, value_column)


def _valid(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0)


def _point_set(found: list[Point], bad: Sequence[Value], blank: int) -> PointSet:
    return PointSet(tuple(found), len(bad) + blank, _examples(bad))


def points(source: Source, lat_column: str, lon_column: str, label_column: str = "") -> PointSet:
    """Points from a latitude column and a longitude column (numbers with a decimal point)."""
    lats, lons = _column(source, lat_column), _column(source, lon_column)
    labels = _column(source, label_column) if label_column else [None] * len(lats)
    found, bad, blank = [], [], 0
    for lat, lon, label in zip(lats, lons, labels, strict=True):
        y, x = _number(lat), _number(lon)
        if y is not None and x is not None and _valid(y, x):
            found.append(Point(y, x, _label(label)))
        elif _blank(lat) and _blank(lon):
            blank += 1
        else:
            bad.append(f"{_label(lat)} ; {_label(lon)}")
    return _point_set(found, bad, blank)


_WKT = re.compile(r"(?i)point\s*\(\s*(\S+)\s+(\S+)\s*\)")


def parse_geopoint(text: str, lon_first: bool | None = None) -> tuple[float, float] | None:
    """``(lat, lon)`` from one cell (forms: module docstring), or None when it holds no valid point."""
    s = text.strip()
    pair: list[float | None]
    if s.startswith(("[", "{")):
        try:
            data = json.loads(s)
        except ValueError:
            return None
        if isinstance(data, dict):
            pair, lon_first = [_number(data.get("lat")), _number(data.get("lon"))], False
        elif isinstance(data, list) and len(data) == 2:
            pair = [_number(v) if not isinstance(v, str) else None for v in data]
            lon_first = True if lon_first is None else lon_first
        else:
            return None
    elif m := _WKT.fullmatch(s):
        pair, lon_first = [read_number(m[1]), read_number(m[2])], True
    else:
        parts = s.split(",")
        if len(parts) != 2:
            return None
        pair = [read_number(p) for p in parts]
    a, b = pair
    if a is None or b is None:
        return None
    if lon_first is None:
        lon_first = not -90 <= a <= 90 and -90 <= b <= 90
    lat, lon = (b, a) if lon_first else (a, b)
    return (lat, lon) if _valid(lat, lon) else None


def geopoints(source: Source, column: str, label_column: str = "", lon_first: bool | None = None) -> PointSet:
    """Points from one coordinates column (IRVE ``coordonneesXY``, ``geo_point_2d``…)."""
    cells = _column(source, column)
    labels = _column(source, label_column) if label_column else [None] * len(cells)
    found, bad, blank = [], [], 0
    for cell, label in zip(cells, labels, strict=True):
        point = parse_geopoint(cell, lon_first) if isinstance(cell, str) else None
        if point is not None:
            found.append(Point(point[0], point[1], _label(label)))
        elif _blank(cell):
            blank += 1
        else:
            bad.append(cell)
    return _point_set(found, bad, blank)


def bounds(found: Sequence[Point] | PointSet, margin: float = 0.05, minimum: float = 0.005) -> Bounds | None:
    """The area to draw: the points' extent plus ``margin`` of its size on each side (at least
    ``minimum`` degrees, so that one point or a row of points still gets an area). None: no point."""
    pts = found.points if isinstance(found, PointSet) else found
    if not pts:
        return None
    south, north = min(p.lat for p in pts), max(p.lat for p in pts)
    west, east = min(p.lon for p in pts), max(p.lon for p in pts)
    dy = max((north - south) * margin, minimum)
    dx = max((east - west) * margin, minimum)
    return Bounds(max(south - dy, -90.0), max(west - dx, -180.0), min(north + dy, 90.0), min(east + dx, 180.0))
