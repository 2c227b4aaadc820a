"""A Table Schema (frictionless / SCDL) read into frozen dataclasses.

``parse_schema(descriptor)`` never raises on a well-formed JSON object: what the game does not
support (an unknown type, format or custom check, foreign keys…) becomes a :class:`Problem`
in ``schema.problems`` and the field falls back to what frictionless would do (type ``any``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.core.messages import N_, msg
from game.core.problems import Problem, did_you_mean

from .custom_checks import CUSTOM_CHECKS
from .model import (
    DEFAULT_FALSE_VALUES,
    DEFAULT_MISSING_VALUES,
    DEFAULT_TRUE_VALUES,
    KNOWN_CONSTRAINTS,
    SUPPORTED_CONSTRAINTS,
    TYPES,
    CustomCheck,
    Field,
    Schema,
)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return ()


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    return value


def parse_field(d: Mapping[str, Any], path: tuple[str | int, ...], problems: list[Problem]) -> Field:
    name = str(d.get("name", ""))
    ftype = str(d.get("type", "string"))
    fmt = str(d.get("format", "default")) or "default"
    if ftype not in TYPES:
        problems.append(Problem(path + ("type",), msg(N_("Type de colonne non pris en charge : « {type} »."),
                                                     type=ftype), did_you_mean(ftype, TYPES)))
        ftype, fmt = "any", "default"
    formats = TYPES[ftype]
    if formats is not None and fmt not in formats:
        problems.append(Problem(path + ("format",), msg(
            N_("Format « {format} » non pris en charge pour le type « {type} »."), format=fmt, type=ftype)))
        fmt = "default"
    c = d.get("constraints") or {}
    if not isinstance(c, Mapping):
        c = {}
    for key in c:
        if key not in KNOWN_CONSTRAINTS:
            problems.append(Problem(path + ("constraints", key), msg(
                N_("Contrainte non prise en charge : « {constraint} »."), constraint=key),
                did_you_mean(key, KNOWN_CONSTRAINTS)))
    supported = SUPPORTED_CONSTRAINTS[ftype]

    def get(key: str) -> Any:
        return c.get(key) if key in supported else None

    item = None
    if ftype == "array" and isinstance(d.get("arrayItem"), Mapping):
        desc = dict(d["arrayItem"])
        desc.setdefault("name", name)
        desc.setdefault("type", "any")
        item = parse_field(desc, path + ("arrayItem",), problems)
    enum = get("enum")
    example = d.get("example", d.get("examples", ""))
    return Field(
        name=name, type=ftype, format=fmt,
        title=str(d.get("title", "")), description=str(d.get("description", "")),
        example=str(example) if isinstance(example, str | int | float) else "",
        required=bool(get("required")), unique=bool(c.get("unique")),
        min_length=get("minLength"), max_length=get("maxLength"),
        minimum=get("minimum"), maximum=get("maximum"),
        exclusive_minimum=get("exclusiveMinimum"), exclusive_maximum=get("exclusiveMaximum"),
        pattern=get("pattern"),
        enum=_freeze(enum) if isinstance(enum, list) else None,
        true_values=_strings(d["trueValues"]) if "trueValues" in d else DEFAULT_TRUE_VALUES,
        false_values=_strings(d["falseValues"]) if "falseValues" in d else DEFAULT_FALSE_VALUES,
        decimal_char=str(d.get("decimalChar", ".")), group_char=str(d.get("groupChar", "")),
        bare_number=bool(d.get("bareNumber", True)),
        number_options=any(k in d for k in ("decimalChar", "groupChar", "bareNumber")),
        missing_values=_strings(d["missingValues"]) if "missingValues" in d else None,
        array_item=item,
    )


def parse_schema(descriptor: Mapping[str, Any]) -> Schema:
    """Read a Table Schema JSON object; unsupported parts become ``problems``."""
    problems: list[Problem] = []
    raw_fields = descriptor.get("fields")
    if not isinstance(raw_fields, list):
        problems.append(Problem(("fields",), msg(N_("Le schéma ne déclare aucune colonne (« fields »)."))))
        raw_fields = []
    fields = []
    seen: set[str] = set()
    for i, d in enumerate(raw_fields):
        if not isinstance(d, Mapping) or not d.get("name"):
            problems.append(Problem(("fields", i), msg(N_("Colonne sans nom dans le schéma."))))
            continue
        f = parse_field(d, ("fields", i), problems)
        if f.name in seen:
            problems.append(Problem(("fields", i, "name"), msg(
                N_("La colonne « {field} » est déclarée deux fois."), field=f.name)))
            continue
        seen.add(f.name)
        fields.append(f)
    pk = descriptor.get("primaryKey") or ()
    primary_key = _strings(pk)
    for key in primary_key:
        if key not in seen:
            problems.append(Problem(("primaryKey",), msg(
                N_("La clé primaire cite une colonne inconnue : « {field} »."), field=key),
                did_you_mean(key, seen)))
    if descriptor.get("foreignKeys"):
        problems.append(Problem(("foreignKeys",), msg(N_("Les clés étrangères ne sont pas vérifiées par le jeu."))))
    checks = []
    for i, cc in enumerate(descriptor.get("custom_checks") or ()):
        if not isinstance(cc, Mapping):
            continue
        cname = str(cc.get("name", ""))
        if cname not in CUSTOM_CHECKS:
            problems.append(Problem(("custom_checks", i, "name"), msg(
                N_("Contrôle personnalisé inconnu : « {check} »."), check=cname), did_you_mean(cname, CUSTOM_CHECKS)))
            continue
        params = cc.get("params") or {}
        check = CustomCheck(cname, tuple((str(k), _freeze(v)) for k, v in params.items()))
        for col in CUSTOM_CHECKS[cname].columns(check):
            if col not in seen:
                problems.append(Problem(("custom_checks", i, "params"), msg(
                    N_("Le contrôle « {check} » cite une colonne inconnue : « {field} »."), check=cname, field=col),
                    did_you_mean(col, seen)))
        checks.append(check)
    missing = descriptor.get("missingValues")
    return Schema(
        fields=tuple(fields),
        missing_values=_strings(missing) if missing is not None else DEFAULT_MISSING_VALUES,
        primary_key=primary_key,
        custom_checks=tuple(checks),
        name=str(descriptor.get("name", "")), title=str(descriptor.get("title", "")),
        version=str(descriptor.get("version", "")),
        problems=tuple(problems),
    )
