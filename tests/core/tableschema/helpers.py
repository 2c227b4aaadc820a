"""Shared helpers: fixture paths, shipped schemas, and small tables built in the tests."""

from __future__ import annotations

from pathlib import Path

from game.core.table import Table
from game.core.tableschema import Schema, parse_schema
from game.storage.csvfile import read_csv
from game.storage.schemas import load_schema

ROOT = Path(__file__).resolve().parents[3]
SCDL = ROOT / "tests" / "fixtures" / "scdl"


def scdl(name: str) -> Schema:
    return load_schema(f"scdl/{name}")


def read_fixture(relative: str) -> Table:
    return read_csv(SCDL / relative, keep_initial_spaces=False).table


def one_field(**field) -> Schema:
    """A schema with the field under test ``x`` and a plain ``n`` column beside it."""
    field.setdefault("name", "x")
    return parse_schema({"fields": [{"name": "n"}, field]})


def column(*cells: str | None) -> Table:
    """Rows ``n, x`` where ``n`` is never empty (so an empty ``x`` is not a blank row); None: short row."""
    return Table.from_rows(["n", "x"], [[str(i), c] if c is not None else [str(i)] for i, c in enumerate(cells)])
