"""xAPI statement of the publishing desk: a dataset published to the in-game portal, with its
licence, its quality score and whether personal data went out with it. The criteria it is
assessed on are ``criterion_scored`` statements, as for a clean step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Unpack

from game.core.messages import N_
from game.core.statements import (
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

#: What each criterion scored at a publish step is about (the debrief and the report name them so).
CRITERIA_NAMES = {
    "licence": N_("Choix de la licence"),
    "documentation": N_("Documentation (titre précis, description, métadonnées)"),
    "publication": N_("Publication et mise à jour (schéma respecté, format ouvert, fréquence, contact)"),
    "personal-data": N_("Données personnelles retirées avant publication"),
    # not a publish criterion: a clean step left without reaching its goal (game.core.assessment)
    "objectif-nettoyage": N_("Objectif du nettoyage atteint"),
}

SHARED = XAPI + "/verbs/shared"
DATASET = "http://adlnet.gov/expapi/activities/file"
VERB_DISPLAY.setdefault(SHARED, {"fr-FR": "a publié", "en-US": "shared"})


def dataset_published(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
                      dataset_id: str, title: str, licence: str, quality_score: float,
                      personal_columns: Sequence[str], competencies: Sequence[str],
                      **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """``title`` is the learner's own title; ``personal_columns`` the personal-data columns published."""
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "datasets", dataset_id)
    result = {"response": title, "success": not personal_columns,
              "score": {"scaled": quality_score, "raw": quality_score, "min": 0.0, "max": 1.0},
              "extensions": {extension_key(cfg, "licence"): licence,
                             extension_key(cfg, "personal-columns"): list(personal_columns)}}
    return _build(cfg, learner, registration, SHARED, _activity(iri, DATASET, dataset_id), scenario_id,
                  competencies, opts, result=result, **_in_step(cfg, scenario_id, step_id))
