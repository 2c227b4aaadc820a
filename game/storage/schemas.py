"""Table Schemas shipped with the game (``schemas/<org>/<name>/schema.json``) or given by path."""

from __future__ import annotations

import json
from pathlib import Path

from game.core.tableschema import Schema, parse_schema


class SchemaNotFound(LookupError):
    """Neither a readable file nor a shipped schema name."""


def schemas_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "schemas"


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


def load_schema_descriptor(name_or_path: str | Path) -> dict:
    with open(schema_path(name_or_path), encoding="utf-8") as fh:
        descriptor = json.load(fh)
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("fields"), list):
        raise ValueError("un Table Schema est un objet JSON avec une liste « fields »")
    return descriptor


def load_schema(name_or_path: str | Path) -> Schema:
    return parse_schema(load_schema_descriptor(name_or_path))
