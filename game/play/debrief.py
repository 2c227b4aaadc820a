"""The facts of an attempt, as its debrief says them: read from the resume state (what was cleaned
and published, which steps were played) and the assessment (the score, the items missed)."""

from __future__ import annotations

from typing import Any

from game.core.assessment import Assessment
from game.core.debrief import Cleaned, Facts, Published
from game.core.scenario import CleanStep, PublishStep, Scenario

from .state import AttemptState


def _published(step: PublishStep, saved: dict[str, Any]) -> Published | None:
    last = saved.get("published")
    if not isinstance(last, dict):
        return None
    history = [h for h in saved.get("history", []) if isinstance(h, dict)]
    dropped = tuple(str(c) for c in saved.get("dropped", ()))
    columns = tuple(str(c) for c in last["columns"]) if isinstance(last.get("columns"), list) else None
    personal = tuple(str(c) for c in last.get("personal_columns", ()))
    earlier = tuple(dict.fromkeys(str(c) for h in history for c in h.get("personal_columns", ()) if c not in personal))
    return Published(step.id, str(last.get("title", "")), str(last.get("licence", "") or ""), columns, dropped,
                     personal, 1 + len(history), earlier)


def _cleaned(step: CleanStep, saved: dict[str, Any]) -> Cleaned | None:
    result = saved.get("result")
    if not isinstance(result, dict):
        return None  # not left yet (or left before the debrief had facts)
    return Cleaned(step.id, int(result.get("errors_met", 0)), int(result.get("errors_left", 0)),
                   int(result.get("errors_expected", 0)), int(result.get("errors_erased", 0)),
                   int(result.get("values_wrong", 0)))


def facts_of(scenario: Scenario, state: AttemptState, assessment: Assessment, pass_mark: float) -> Facts:
    """What happened in this attempt: its score and band, what each publish step last put online
    (and what earlier publications did), each clean step's errors when left, the items missed."""
    published, cleaned = {}, {}
    for step in scenario.steps:
        if isinstance(step, PublishStep):
            p = _published(step, state.publishing_of(step.id))
            if p is not None:
                published[step.id] = p
        elif isinstance(step, CleanStep):
            c = _cleaned(step, state.cleaning_of(step.id))
            if c is not None:
                cleaned[step.id] = c
    score = assessment.score
    # the score band of the verdict: a blocking criterion failed is « pas encore » whatever the score
    ok = None if score is None else score >= pass_mark and not assessment.blocking
    return Facts(score=score, passed=ok, published=published,
                 cleaned=cleaned, visited=frozenset(state.visited),
                 missed=frozenset(i.item_id for i in assessment.to_review if i.kind in ("question", "card", "challenge", "row")),
                 right=frozenset(i.item_id for i in assessment.went_well if i.kind in ("question", "card", "challenge", "row")),
                 to_review=len(assessment.to_review))
