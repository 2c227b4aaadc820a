"""Which columns of a published table place its rows on a map, guessed from the header's names
as a reuser would: a latitude and a longitude column (``lat_coor1`` / ``long_coor1``,
``EQUIP_LAT`` / ``EQUIP_LONG``), else one column of coordinates (``coordonneesXY``,
``geo_point_2d``); and a column of names to label the points (``nom_station``).

Names are compared without regard to case; the first column that fits wins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .charts import PointSet, Source, geopoints, points

LATITUDE_PREFIXES = ("lat",)
LATITUDE_SUFFIXES = ("_lat",)
LONGITUDE_PREFIXES = ("lon", "lng")
LONGITUDE_SUFFIXES = ("_long", "_lon")
COORDINATES_PARTS = ("coordonnees", "geo")
LABEL_PART = "nom"


@dataclass(frozen=True, slots=True)
class PlaceColumns:
    """Where a row's position is read: ``lat`` and ``lon``, or else ``coordinates``; ``label``
    ("" when none) names each point."""

    lat: str | None
    lon: str | None
    coordinates: str | None
    label: str


def _first(header: Sequence[str], fits: Callable[[str], bool]) -> str | None:
    return next((name for name in header if fits(name.lower())), None)


def place_columns(header: Sequence[str]) -> PlaceColumns | None:
    """The columns that place a row on a map, or None when the table has none."""
    label = _first(header, lambda h: LABEL_PART in h) or ""
    lat = _first(header, lambda h: h.startswith(LATITUDE_PREFIXES) or h.endswith(LATITUDE_SUFFIXES))
    lon = _first(header, lambda h: h.startswith(LONGITUDE_PREFIXES) or h.endswith(LONGITUDE_SUFFIXES))
    if lat and lon:
        return PlaceColumns(lat, lon, None, label)
    coordinates = _first(header, lambda h: any(part in h for part in COORDINATES_PARTS))
    if coordinates:
        return PlaceColumns(None, None, coordinates, label)
    return None


def place(source: Source, columns: PlaceColumns) -> PointSet:
    """The rows of ``source`` as points, read from ``columns``."""
    if columns.lat and columns.lon:
        return points(source, columns.lat, columns.lon, columns.label)
    assert columns.coordinates is not None
    return geopoints(source, columns.coordinates, columns.label)
