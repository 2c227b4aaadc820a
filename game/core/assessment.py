"""Competency assessment: a pure function of statements, scenario and framework.

The same function serves the learner's debrief and (later) the trainer's group report. Each
graded statement (dialogue choice, quiz answer, card placement) is a piece of evidence for the
competencies it carries; a competency's level follows the framework's thresholds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .framework import Framework, Resource
from .scenario import CleanStep, DialogueStep, PublishStep, QuizStep, ReuseStep, Scenario, SortStep, Source

INSUFFICIENT, TO_DISCOVER, IN_PROGRESS, ACQUIRED, MASTERED = "insuffisant", "a-decouvrir", "en-cours", "acquis", "maitrise"


@dataclass(frozen=True, slots=True)
class Evidence:
    competency: str
    score: float
    step_id: str
    kind: str  # "choice" | "question" | "card" | "criterion" (clean step) | "publish" (publish criterion)
    item_id: str
    response: str
    statement_id: str


@dataclass(frozen=True, slots=True)
class CompetencyLevel:
    competency: str
    level: str
    score: float | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ReviewItem:
    step_id: str
    kind: str
    item_id: str
    prompt: str
    response: str
    expected: str
    explanation: str
    success: bool
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float | None  # share of points over graded items, None without any
    items: int
    competencies: tuple[CompetencyLevel, ...]
    went_well: tuple[ReviewItem, ...]
    to_review: tuple[ReviewItem, ...]
    resources: tuple[tuple[str, Resource], ...]


def extension(stmt: Mapping[str, Any], name: str) -> Any:
    """The value of the context extension ``…/extensions/<name>``, or None (also for a statement of
    an odd shape, as an imported file may hold)."""
    ctx = stmt.get("context")
    exts = ctx.get("extensions") if isinstance(ctx, Mapping) else None
    for key, value in exts.items() if isinstance(exts, Mapping) else ():
        if isinstance(key, str) and key.endswith("/extensions/" + name):
            return value
    return None


def _result_extension(stmt: Mapping[str, Any], name: str) -> Any:
    """The value of the result extension ``…/extensions/<name>``, or None."""
    result = stmt.get("result")
    exts = result.get("extensions") if isinstance(result, Mapping) else None
    for key, value in exts.items() if isinstance(exts, Mapping) else ():
        if isinstance(key, str) and key.endswith("/extensions/" + name):
            return value
    return None


def _graded(stmts: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, str], Mapping[str, Any]]:
    """The last graded statement for each (step, kind, item)."""
    items: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for s in stmts:
        scaled = s.get("result", {}).get("score", {}).get("scaled")
        step = extension(s, "step")
        if scaled is None or step is None:
            continue
        obj = s.get("object", {}).get("id", "")
        # the part after ".../steps/<step>/": "questions/<id>", "cards/<id>", "criteria/<id>"… (a step
        # may itself be called "questions": never search the whole IRI)
        tail = obj.split(f"/steps/{step}/", 1)[1] if f"/steps/{step}/" in obj else ""
        what, _sep, item = tail.partition("/")
        kinds = {"questions": "question", "cards": "card", "challenges": "challenge", "criteria": "criterion"}
        if what in kinds and item:
            key = (step, kinds[what], item)
        elif extension(s, "choice-index") is not None:
            key = (step, "choice", str(extension(s, "choice-index")))
        else:
            continue  # a step or scenario result, not an item
        items[key] = s
    return items


def level_for(scores: list[float], fw: Framework) -> str:
    t = fw.thresholds
    if len(scores) < t.min_evidence:
        return INSUFFICIENT
    mean = sum(scores) / len(scores)
    if mean < t.en_cours:
        return TO_DISCOVER
    if mean < t.acquis:
        return IN_PROGRESS
    if mean < t.maitrise or len(scores) < t.maitrise_min_evidence:
        return ACQUIRED
    return MASTERED


def pass_mark(framework: Framework) -> float:
    """The score from which a scenario is passed: the framework's « acquis » threshold, the share
    of points from which a competency counts as acquired."""
    return framework.thresholds.acquis


def passed(assessment: Assessment, framework: Framework) -> bool | None:
    """Whether the scenario's score reaches the pass mark (None without any graded answer)."""
    return None if assessment.score is None else assessment.score >= pass_mark(framework)


def _review(scenario: Scenario, step_id: str, kind: str, item_id: str, response: str, ok: bool) -> ReviewItem | None:
    if not scenario.has_step(step_id):
        return None
    step = scenario.step(step_id)
    srcs: tuple[str, ...] = ()
    if kind == "question" and isinstance(step, QuizStep) and any(q.id == item_id for q in step.questions):
        q = step.question(item_id)
        prompt, explanation, srcs = q.prompt, q.explanation, q.sources
        expected = " | ".join(q.choices[i] for i in sorted(q.correct_indexes))
    elif kind == "card" and isinstance(step, SortStep) and any(c.id == item_id for c in step.cards):
        c = step.card(item_id)
        prompt, explanation, srcs = c.text, c.reason, c.sources
        expected, response = step.bin_label(c.bin), step.bin_label(response)
    elif kind == "choice" and isinstance(step, DialogueStep) and item_id.isdigit() and int(item_id) < len(step.choices):
        ch = step.choices[int(item_id)]
        prompt, explanation, srcs = step.title, ch.feedback, ch.sources
        best = [c.text for c in step.choices if c.grade == "juste"]
        expected = best[0] if best else ""
    elif kind == "criterion" and isinstance(step, CleanStep):
        # the debrief names the criterion (an error code) in the learner's language
        prompt, explanation, expected = item_id, "", ""
    elif kind == "criterion" and isinstance(step, PublishStep):
        # licence, documentation, publication or personal-data; the mentor's word on the licence chosen
        prompt, expected = item_id, ", ".join(step.licences) if item_id == "licence" else ""
        explanation = step.feedback_for(response) if item_id == "licence" else ""
        kind = "publish"
    elif kind == "challenge" and isinstance(step, ReuseStep) and any(c.id == item_id for c in step.challenges):
        challenge = step.challenge(item_id)
        # an unanswerable question points back to the step where the data went wrong
        prompt, explanation, srcs, expected = (challenge.question, challenge.explanation, challenge.sources,
                                               challenge.blame)
    else:
        return None
    sources = tuple(s for s in (scenario.source(x) for x in srcs) if s is not None)
    return ReviewItem(step_id, kind, item_id, prompt, response, expected, explanation, ok, sources)


def assess(statements: Iterable[Mapping[str, Any]], scenario: Scenario, framework: Framework) -> Assessment:
    graded = _graded(statements)
    per_comp: dict[str, list[Evidence]] = {c: [] for c in scenario.competencies}
    went_well: list[ReviewItem] = []
    to_review: list[ReviewItem] = []
    scores = []
    for (step_id, kind, item_id), s in graded.items():
        result = s["result"]
        score = float(result["score"]["scaled"])
        scores.append(score)
        response = str(result.get("response", ""))
        for comp in extension(s, "competencies") or []:
            per_comp.setdefault(comp, []).append(Evidence(comp, score, step_id, kind, item_id, response, s.get("id", "")))
        item = _review(scenario, step_id, kind, item_id, response, score >= 1.0)
        missing = _result_extension(s, "missing")
        if item is not None and item.kind == "publish" and isinstance(missing, list):
            item = replace(item, expected="|".join(str(m) for m in missing))  # what the criterion found missing
        if item is not None:
            (went_well if item.success else to_review).append(item)
    levels = tuple(
        CompetencyLevel(c, level_for([e.score for e in ev], framework),
                        sum(e.score for e in ev) / len(ev) if ev else None, tuple(ev))
        for c, ev in per_comp.items() if framework.competency(c) is not None
    )
    weak = [lv.competency for lv in levels if lv.level in (TO_DISCOVER, IN_PROGRESS, INSUFFICIENT)]
    chosen = weak or [lv.competency for lv in levels]
    resources: list[tuple[str, Resource]] = []
    seen: set[str] = set()
    for cid in chosen:
        comp = framework.competency(cid)
        for r in comp.resources if comp else ():
            if r.url not in seen:
                seen.add(r.url)
                resources.append((cid, r))
    return Assessment(sum(scores) / len(scores) if scores else None, len(scores), levels,
                      tuple(went_well), tuple(to_review), tuple(resources))
