"""The deep check of a fill step: its schema read, its columns found in it, its worked example
and each reference row valid (what a learner who makes no mistake types must pass the validator)."""

from __future__ import annotations

import json
from pathlib import Path

from game.core import fill
from game.core.messages import N_, msg
from game.core.problems import Problem, did_you_mean
from game.core.scenario import FillRow, FillStep
from game.core.tableschema import Schema
from game.storage.datasets import SchemaTooBig, schema_for
from game.storage.folders import OutsideFolder
from game.storage.jsonerrors import located_json_reason
from game.storage.oserrors import french_reason
from game.storage.schemas import SchemaNotFound, shipped_schema_names


def _schema(step: FillStep, folder: Path, base: tuple) -> Schema | Problem:
    try:
        return schema_for(step, folder)
    except OutsideFolder as e:
        return Problem(base + ("schema",), e.message, e.hint, code="unsafe-path")
    except SchemaNotFound:
        return Problem(base + ("schema",), msg(N_("Schéma introuvable : « {value} »."), value=step.schema),
                       did_you_mean(step.schema, shipped_schema_names()), code="unknown-reference")
    except SchemaTooBig as e:
        return Problem(base + ("schema",), e.message, code="limit")
    except (OSError, ValueError, json.JSONDecodeError, RecursionError) as e:
        return Problem(base + ("schema",), msg(N_("Schéma illisible : « {value} » ({detail})."), value=step.schema,
                                               detail=french_reason(e) if isinstance(e, OSError) else
                                               located_json_reason(e) if isinstance(e, json.JSONDecodeError) else str(e)))


def _row_problems(step: FillStep, schema: Schema, row: FillRow, path: tuple) -> list[Problem]:
    out: list[Problem] = []
    values = dict(row.reference)
    for name in step.fields:
        if name not in values:
            out.append(Problem(path + ("values",), msg(N_("La ligne de référence ne donne pas de valeur à la colonne "
                                                          "« {value} », que l'apprenant·e doit remplir."), value=name)))
    for name in values:
        if name not in step.fields:
            out.append(Problem(path + ("values", name), msg(N_("La colonne « {value} » n'est pas dans fields : "
                                                               "l'apprenant·e ne la remplit pas."), value=name),
                               did_you_mean(name, list(step.fields)), code="unknown-reference"))
    for name, _alt in row.accept:
        if name not in step.graded:
            out.append(Problem(path + ("accept", name), msg(N_("La colonne « {value} » n'est pas notée (graded) : "
                                                               "ses autres valeurs justes ne serviraient pas."), value=name)))
    if out:
        return out
    given = dict(step.given)
    for e in fill.row_errors(step, schema, values)[:3]:
        where = (path + ("values", e.field) if e.field in values else
                 ("steps", path[1], "given", e.field) if e.field in given else path + ("values",))
        out.append(Problem(where, msg(N_("La ligne de référence ne respecte pas le schéma : {message}"), message=e.message),
                           e.hint, code="fill-reference"))
    return out


def check_fill_step(step: FillStep, folder: Path, index: int) -> list[Problem]:
    """Problems of one fill step, with document paths for located messages."""
    base = ("steps", index)
    schema = _schema(step, folder, base)
    if isinstance(schema, Problem):
        return [schema]
    known = list(schema.field_names)
    out: list[Problem] = []
    for i, name in enumerate(step.fields):
        if name not in known:
            out.append(Problem(base + ("fields", i), msg(N_("Colonne inconnue du schéma « {schema} » : « {value} »."),
                                                         schema=step.schema, value=name),
                               did_you_mean(name, known), code="unknown-reference"))
    for name, _v in step.given:
        if name not in known:
            out.append(Problem(base + ("given", name), msg(N_("Colonne inconnue du schéma « {schema} » : « {value} »."),
                                                           schema=step.schema, value=name),
                               did_you_mean(name, known), code="unknown-reference"))
    covered = set(step.fields) | {k for k, _v in step.given}
    left = [n for n in known if n not in covered]
    if left:
        out.append(Problem(base + ("fields",), msg(N_("Ces colonnes du schéma ne sont ni à remplir (fields) ni données "
                                                      "(given) : {value}."), value=", ".join(left)),
                           msg(N_("Ajoutez-les à fields, ou donnez leur valeur dans given."))))
    if out:
        return out
    if step.example is not None:
        out += _row_problems(step, schema, step.example, base + ("example",))
    for i, row in enumerate(step.rows):
        out += _row_problems(step, schema, row, base + ("rows", i))
    return out
