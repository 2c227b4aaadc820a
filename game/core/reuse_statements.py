"""xAPI statements of the reuse desk: every query the learner builds, and every reuser's question
answered (or found unanswerable from the published data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Unpack

from game.core.statements import (
    INTERACTED,
    QUESTION,
    SG,
    VERB_DISPLAY,
    XAPI,
    StatementOptions,
    XapiConfig,
    _activity,
    _build,
    _in_step,
    activity_iri,
    extension_key,
)

QUERY = SG + "/activity-types/item"
ANSWERED = XAPI + "/verbs/answered"
VERB_DISPLAY.setdefault(ANSWERED, {"fr-FR": "a répondu à", "en-US": "answered"})


def query_run(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
              challenge_id: str, query: Mapping[str, Any], rows: int, error: str,
              competencies: Sequence[str], **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """``query`` is its JSON; ``rows`` the result's size; ``error`` the French refusal, if any."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "queries", challenge_id or "libre")
    result = {"response": error or str(rows), "success": not error,
              "extensions": {extension_key(cfg, "result-rows"): rows}}
    return _build(cfg, learner, registration, INTERACTED, _activity(iri, QUERY, "requête"), scenario_id,
                  competencies, opts, result=result, extra={"query": dict(query)}, **_in_step(cfg, scenario_id, step_id))


def challenge_answered(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
                       challenge_id: str, question: str, response: str, success: bool, unanswerable: bool,
                       competencies: Sequence[str], **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """A reuser's question: the learner's answer, or ``unanswerable`` when the published data could not answer."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "challenges", challenge_id)
    result = {"response": response, "success": success,
              "score": {"scaled": 1.0 if success else 0.0, "raw": 1.0 if success else 0.0, "min": 0.0, "max": 1.0},
              "extensions": {extension_key(cfg, "unanswerable"): unanswerable}}
    return _build(cfg, learner, registration, ANSWERED, _activity(iri, QUESTION, question), scenario_id,
                  competencies, opts, result=result, **_in_step(cfg, scenario_id, step_id))
