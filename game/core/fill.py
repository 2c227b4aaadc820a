"""Fill steps: a row the learner typed, checked by the Table Schema validator and compared, field
by field, with the reference row. Pure: the schema comes parsed, the row as a dict of texts."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Unpack

from .scenario import FillRow, FillStep
from .statements import (
    INTERACTED,
    ITEM,
    StatementOptions,
    XapiConfig,
    _activity,
    _build,
    _in_step,
    activity_iri,
)
from .table import Table
from .tableschema import Schema, ValidationError, validate


def header(step: FillStep, schema: Schema) -> tuple[str, ...]:
    """The columns of the filled table: every field of the schema, in its order."""
    return tuple(f.name for f in schema.fields)


def full_row(step: FillStep, values: Mapping[str, str]) -> dict[str, str]:
    """The learner's values with the step's given ones (the learner cannot change those)."""
    return {**{k: str(v) for k, v in values.items() if k in step.fields}, **dict(step.given)}


def row_table(step: FillStep, schema: Schema, rows: Sequence[Mapping[str, str]]) -> Table:
    cols = header(step, schema)
    return Table.from_rows(cols, [[full_row(step, r).get(c, "") for c in cols] for r in rows])


def row_errors(step: FillStep, schema: Schema, values: Mapping[str, str]) -> tuple[ValidationError, ...]:
    """The errors the validator finds in one row (its warnings left out), in column order."""
    report = validate(row_table(step, schema, [values]), schema)
    return tuple(sorted((e for e in report.errors if e.is_error), key=lambda e: e.sort_key()))


def _norm(value: str) -> str:
    """Compared without case, accents of the same letters, or spaces in excess."""
    text = unicodedata.normalize("NFC", " ".join(str(value).split())).casefold()
    return text


def field_right(row: FillRow, field_name: str, value: str) -> bool:
    return _norm(value) in {_norm(v) for v in row.accepted(field_name)}


@dataclass(frozen=True, slots=True)
class RowVerdict:
    score: float  # share of the graded fields that are right (1.0 when none is graded)
    wrong: tuple[str, ...]  # the graded fields whose value is not the reference's


def judge_row(step: FillStep, row: FillRow, values: Mapping[str, str]) -> RowVerdict:
    graded = [f for f in step.graded if f in step.fields]
    wrong = tuple(f for f in graded if not field_right(row, f, values.get(f, "")))
    return RowVerdict(1.0 if not graded else (len(graded) - len(wrong)) / len(graded), wrong)


def row_filled(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
               row_id: str, document: str, response: str, score: float, competencies: Sequence[str],
               **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """A row of a fill step, checked: the object is ``…/steps/<step>/rows/<row>``, the response its
    graded values (``FIELD = value``), the score the share of them that are right."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "rows", row_id)
    result = {"response": response, "success": score >= 1.0,
              "score": {"scaled": float(score), "raw": float(score), "min": 0.0, "max": 1.0}}
    return _build(cfg, learner, registration, INTERACTED,
                  _activity(iri, ITEM, document), scenario_id, competencies, opts, result=result,
                  **_in_step(cfg, scenario_id, step_id))


def response_of(step: FillStep, values: Mapping[str, str]) -> str:
    return " | ".join(f"{f} = {values.get(f, '')}" for f in step.graded if f in step.fields)
