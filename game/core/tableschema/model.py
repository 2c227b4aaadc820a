"""The Table Schema model: frozen dataclasses for a schema, its fields and custom checks.

:mod:`.schema` reads a descriptor into them; the parsers, constraints and custom checks read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.problems import Problem

DEFAULT_MISSING_VALUES: tuple[str, ...] = ("",)
DEFAULT_TRUE_VALUES: tuple[str, ...] = ("true", "True", "TRUE", "1")
DEFAULT_FALSE_VALUES: tuple[str, ...] = ("false", "False", "FALSE", "0")

#: type -> formats we read (``default`` always allowed); ``None`` = any pattern (dates)
TYPES: dict[str, tuple[str, ...] | None] = {
    "string": ("default", "email", "uri", "uuid"),
    "number": ("default",),
    "integer": ("default",),
    "boolean": ("default",),
    "date": None,
    "datetime": None,
    "time": None,
    "year": ("default",),
    "yearmonth": ("default",),
    "geopoint": ("default", "array", "object"),
    "array": ("default",),
    "any": ("default",),
}

#: constraints each type honours (as frictionless: the others are ignored)
SUPPORTED_CONSTRAINTS: dict[str, frozenset[str]] = {
    "string": frozenset({"required", "minLength", "maxLength", "pattern", "enum"}),
    "number": frozenset({"required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "integer": frozenset({"required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "boolean": frozenset({"required", "enum"}),
    "date": frozenset({"required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "datetime": frozenset({"required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "time": frozenset({"required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "year": frozenset({"required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "yearmonth": frozenset({"required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "geopoint": frozenset({"required", "enum"}),
    "array": frozenset({"required", "minLength", "maxLength", "enum"}),
    "any": frozenset({"required", "enum"}),
}

KNOWN_CONSTRAINTS = frozenset({"required", "unique", "minLength", "maxLength", "minimum", "maximum",
                               "pattern", "enum", "exclusiveMinimum", "exclusiveMaximum"})


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str = "string"
    format: str = "default"
    title: str = ""
    description: str = ""
    example: str = ""
    required: bool = False
    unique: bool = False
    min_length: int | None = None
    max_length: int | None = None
    minimum: Any = None
    maximum: Any = None
    exclusive_minimum: Any = None
    exclusive_maximum: Any = None
    pattern: str | None = None
    enum: tuple[Any, ...] | None = None
    true_values: tuple[str, ...] = DEFAULT_TRUE_VALUES
    false_values: tuple[str, ...] = DEFAULT_FALSE_VALUES
    decimal_char: str = "."
    group_char: str = ""
    bare_number: bool = True
    #: explicit ``decimalChar``/``groupChar``/``bareNumber`` in the descriptor (frictionless then
    #: pre-processes the text)
    number_options: bool = False
    missing_values: tuple[str, ...] | None = None
    array_item: Field | None = None

    @property
    def label(self) -> str:
        return self.title or self.name


@dataclass(frozen=True, slots=True)
class CustomCheck:
    name: str
    params: tuple[tuple[str, Any], ...] = ()

    def param(self, key: str, default: Any = None) -> Any:
        for k, v in self.params:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True)
class Schema:
    fields: tuple[Field, ...]
    missing_values: tuple[str, ...] = DEFAULT_MISSING_VALUES
    primary_key: tuple[str, ...] = ()
    custom_checks: tuple[CustomCheck, ...] = ()
    name: str = ""
    title: str = ""
    version: str = ""
    problems: tuple[Problem, ...] = ()

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None
