"""xAPI statements of the cleaning workshop: operations applied, undone, redone, and the
criteria a clean step is assessed on (errors fixed per kind, data preserved)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Unpack

from game.core.statements import (
    ITEM,
    PROGRESSED,
    SG,
    VERB_DISPLAY,
    StatementOptions,
    XapiConfig,
    _activity,
    _build,
    _in_step,
    activity_iri,
    extension_key,
)

USED = SG + "/verbs/used"
VERB_DISPLAY.setdefault(USED, {"fr-FR": "a utilisé", "en-US": "used"})


def operation_used(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
                   action: str, operation: Mapping[str, Any], errors_before: int, errors_after: int,
                   competencies: Sequence[str], **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """``action`` is ``apply``, ``undo`` or ``redo``; the operation is its recipe JSON."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "operations", str(operation.get("op", "?")))
    result = {"response": action,
              "extensions": {extension_key(cfg, "errors-before"): errors_before,
                             extension_key(cfg, "errors-after"): errors_after}}
    return _build(cfg, learner, registration, USED, _activity(iri, ITEM, str(operation.get("op", ""))), scenario_id,
                  competencies, opts, result=result, extra={"operation": dict(operation)},
                  **_in_step(cfg, scenario_id, step_id))


def criterion_scored(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
                     criterion: str, score: float, detail: str, competencies: Sequence[str],
                     missing: Sequence[str] = (), **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """How well one criterion of a clean step was met: errors of one kind fixed, data preserved.
    ``missing``: what the criterion found missing, when it says (a publication's documentation:
    udata's quality criteria ids and ``title:<n>``, the title elements not named), in the result's
    ``missing`` extension."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "criteria", criterion)
    result: dict[str, Any] = {"response": detail, "success": score >= 1.0,
                              "score": {"scaled": score, "raw": score, "min": 0.0, "max": 1.0}}
    if missing:
        result["extensions"] = {extension_key(cfg, "missing"): list(missing)}
    return _build(cfg, learner, registration, PROGRESSED, _activity(iri, ITEM, criterion), scenario_id,
                  competencies, opts, result=result, **_in_step(cfg, scenario_id, step_id))


def process_measured(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
                     operations: int, reference: int, competencies: Sequence[str],
                     **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """How a clean step was worked, for the trainer: the operations in effect when it was left and
    how many the reference recipe uses. Not a score: exploring is never evidence against a learner."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "measures", "operations")
    result = {"response": f"{operations}/{reference}",
              "extensions": {extension_key(cfg, "operations-used"): operations,
                             extension_key(cfg, "operations-reference"): reference}}
    return _build(cfg, learner, registration, PROGRESSED, _activity(iri, ITEM, "opérations"), scenario_id,
                  competencies, opts, result=result, **_in_step(cfg, scenario_id, step_id))


def goal_measured(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
                  reached: bool, competencies: Sequence[str], **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """Whether a clean step was left with its goal reached (``success``), or given up: not a score
    (the criteria carry the points) but a blocking fact — the scenario's main task was not done."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "measures", "goal")
    result = {"success": reached, "response": "reached" if reached else "given-up"}
    return _build(cfg, learner, registration, PROGRESSED, _activity(iri, ITEM, "objectif"), scenario_id,
                  competencies, opts, result=result, **_in_step(cfg, scenario_id, step_id))
