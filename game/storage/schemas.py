"""Table Schemas shipped with the game (``schemas/<org>/<name>/schema.json``) or given by path."""

from __future__ import annotations

from pathlib import Path

from game.bundle import data_dir
from game.core.tableschema import Schema, parse_schema

from .bounded import FileRefused, load_json


class SchemaNotFound(LookupError):
    """Neither a readable file nor a shipped schema name."""


def schemas_dir() -> Path:
    return data_dir("schemas")


def shipped_schema_names() -> list[str]:
    """``scdl/subventions``… for every ``schemas/**/schema.json``."""
    root = schemas_dir()
    return sorted(p.parent.relative_to(root).as_posix() for p in root.glob("*/*/schema.json"))


def schema_path(name_or_path: str | Path) -> Path:
    """The JSON file for a path (``x.json``) or a shipped name (``scdl/subventions``)."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    shipped = schemas_dir() / str(name_or_path).strip("/") / "schema.json"
    if shipped.is_file():
        return shipped
    raise SchemaNotFound(str(name_or_path))


#: a Table Schema is a few hundred kB at most (the largest SCDL one: about 100 kB)
MAX_SCHEMA_BYTES = 16 * 1024 * 1024


def load_schema_descriptor(name_or_path: str | Path) -> dict:
    """The schema's JSON; ValueError (French) when it cannot be read or is not a Table Schema."""
    try:
        descriptor = load_json(schema_path(name_or_path), MAX_SCHEMA_BYTES)
    except FileRefused as e:
        raise ValueError(e.message.format_source()) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("fields"), list):
        raise ValueError("un Table Schema est un objet JSON avec une liste « fields »")
    return descriptor


def load_schema(name_or_path: str | Path) -> Schema:
    return parse_schema(load_schema_descriptor(name_or_path))
