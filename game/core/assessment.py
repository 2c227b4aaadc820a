"""Competency assessment: a pure function of statements, scenario and framework.

The same rule serves the learner's debrief and the trainer's group report. Each graded statement
(dialogue choice, quiz answer, card placement, clean or publish criterion, reuser's question) is a piece
of evidence for the competencies it carries; a competency's level follows the framework's rule
(:mod:`game.core.levels`): thresholds, performance evidence in several scenarios for « maîtrisé », and
failed abilities that cap the level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from .criteria_help import clean_criterion_help, publish_criterion_help, schema_source
from .framework import Framework, Resource
from .levels import (
    ACQUIRED,
    IN_PROGRESS,
    INSUFFICIENT,
    MASTERED,
    STEP_OF_KIND,
    TO_DISCOVER,
    Evidence,
    Reason,
    judge,
)
from .quiz_feedback import answer_feedback, selected_from_response
from .scenario import (
    PUBLISH_EVIDENCE,
    CleanStep,
    DialogueStep,
    FillStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
    Source,
)

#: Items earlier versions scored that are not evidence of a competency: the number of operations a
#: clean step used (exploring is no fault; it is reported to the trainer as a process measure).
NOT_EVIDENCE = {"criteria": frozenset({"operations-utilisees"})}

__all__ = ["ACQUIRED", "IN_PROGRESS", "INSUFFICIENT", "MASTERED", "TO_DISCOVER", "Evidence", "Reason"]


@dataclass(frozen=True, slots=True)
class CompetencyLevel:
    competency: str
    level: str
    score: float | None
    evidence: tuple[Evidence, ...]
    reasons: tuple[Reason, ...] = ()  # why this level (« Pourquoi ce niveau ? »)


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
    right_at_try: int | None = None  # wrong at first, right at this later try (practice mode)
    # every text to read when there are several (a quiz answer's per-option explanations); else ``explanation``
    explanations: tuple[str, ...] = ()
    # for a criterion of a clean or publish step: what it measures and why, in the game's own words
    # (translated by gettext, as the titles of its ``sources`` are)
    about: str = ""


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float | None  # share of points over graded items, None without any
    items: int
    competencies: tuple[CompetencyLevel, ...]
    went_well: tuple[ReviewItem, ...]
    to_review: tuple[ReviewItem, ...]
    resources: tuple[tuple[str, Resource], ...]
    mode: str | None = None  # the attempt's mode (game.core.modes), None for statements that do not say
    #: criteria a step marks as blocking (``PublishStep.blocking_criteria``: personal data online by
    #: default) failed at their first try: the scenario is not passed, whatever the score
    blocking: tuple[ReviewItem, ...] = ()


def extension(stmt: Mapping[str, Any], name: str) -> Any:
    """The value of the context extension ``…/extensions/<name>``, or None (also for a statement of
    an odd shape, as an imported file may hold)."""
    ctx = stmt.get("context")
    exts = ctx.get("extensions") if isinstance(ctx, Mapping) else None
    for key, value in exts.items() if isinstance(exts, Mapping) else ():
        if isinstance(key, str) and key.endswith("/extensions/" + name):
            return value
    return None


def try_of(stmt: Mapping[str, Any]) -> int:
    """Which try of its item an answer is (1 for statements that do not say: they were final)."""
    value = extension(stmt, "try")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 1


def mode_of(stmts: Iterable[Mapping[str, Any]]) -> str | None:
    """The mode the statements were recorded in (their ``mode`` extension), None when none says."""
    return next((m for m in (extension(s, "mode") for s in stmts) if isinstance(m, str) and m), None)


def corrections(stmts: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, str], int]:
    """For each item answered again in practice mode and right at a later try, that try (the
    first such). A dialogue choice is keyed ``(step, "choice", "")``: reconsidering changes its index."""
    out: dict[tuple[str, str, str], int] = {}
    for s in stmts:
        n = try_of(s)
        key = _item_key(s)
        if n > 1 and key is not None and _get_success(s):
            key = (key[0], "choice", "") if key[1] == "choice" else key
            out[key] = min(out.get(key, n), n)
    return out


def _get_success(stmt: Mapping[str, Any]) -> bool:
    result = stmt.get("result")
    return isinstance(result, Mapping) and result.get("success") is True


def _item_key(s: Mapping[str, Any]) -> tuple[str, str, str] | None:
    """(step, kind, item) of a graded statement, None for another statement."""
    result = s.get("result")
    score = result.get("score") if isinstance(result, Mapping) else None
    scaled = score.get("scaled") if isinstance(score, Mapping) else None
    step = extension(s, "step")
    if scaled is None or step is None:
        return None
    obj = s.get("object", {}).get("id", "")
    # the part after ".../steps/<step>/": "questions/<id>", "cards/<id>", "criteria/<id>"… (a step
    # may itself be called "questions": never search the whole IRI)
    tail = obj.split(f"/steps/{step}/", 1)[1] if f"/steps/{step}/" in obj else ""
    what, _sep, item = tail.partition("/")
    kinds = {"questions": "question", "cards": "card", "challenges": "challenge", "criteria": "criterion",
                 "rows": "row"}
    if what in kinds and item:
        return (step, kinds[what], item)
    if extension(s, "choice-index") is not None:
        return (step, "choice", str(extension(s, "choice-index")))
    return None  # a step or scenario result, not an item


def _result_extension(stmt: Mapping[str, Any], name: str) -> Any:
    """The value of the result extension ``…/extensions/<name>``, or None."""
    result = stmt.get("result")
    exts = result.get("extensions") if isinstance(result, Mapping) else None
    for key, value in exts.items() if isinstance(exts, Mapping) else ():
        if isinstance(key, str) and key.endswith("/extensions/" + name):
            return value
    return None


def _graded(stmts: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, str], Mapping[str, Any]]:
    """The graded statement that counts for each (step, kind, item): the first try (a later try in
    practice mode earns nothing), else the last statement (a criterion scored again)."""
    items: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for s in stmts:
        if try_of(s) > 1:
            continue
        scaled = s.get("result", {}).get("score", {}).get("scaled")
        step = extension(s, "step")
        if scaled is None or step is None:
            continue
        obj = s.get("object", {}).get("id", "")
        # the part after ".../steps/<step>/": "questions/<id>", "cards/<id>", "criteria/<id>"… (a step
        # may itself be called "questions": never search the whole IRI)
        tail = obj.split(f"/steps/{step}/", 1)[1] if f"/steps/{step}/" in obj else ""
        what, _sep, item = tail.partition("/")
        kinds = {"questions": "question", "cards": "card", "challenges": "challenge", "criteria": "criterion",
                 "rows": "row"}
        if what in kinds and item in NOT_EVIDENCE.get(what, ()):
            continue  # a process measure recorded by earlier versions: never evidence
        if what in kinds and item:
            key = (step, kinds[what], item)
        elif extension(s, "choice-index") is not None:
            key = (step, "choice", str(extension(s, "choice-index")))
        else:
            continue  # a step or scenario result, not an item
        items[key] = s
    return items


def level_for(scores: list[float], fw: Framework) -> str:
    """The level the thresholds alone give (no scenario or ability rule: see :func:`levels.judge`)."""
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
    """Whether the scenario's score reaches the pass mark and no blocking criterion failed (None
    without any graded answer)."""
    if assessment.score is None:
        return None
    return not assessment.blocking and assessment.score >= pass_mark(framework)


GIVEN_UP = "objectif-nettoyage"


def given_up(stmts: Iterable[Mapping[str, Any]], scenario: Scenario) -> tuple[ReviewItem, ...]:
    """The clean steps left without reaching their goal (``…/measures/goal``, success false; the first
    time each was left): the scenario's main task not done, which no other point makes up for."""
    seen: dict[str, bool] = {}
    for s in stmts:
        step = extension(s, "step")
        obj = s.get("object", {}).get("id", "") if isinstance(s.get("object"), Mapping) else ""
        result = s.get("result")
        if isinstance(step, str) and obj.endswith(f"/steps/{step}/measures/goal") and isinstance(result, Mapping):
            seen.setdefault(step, result.get("success") is True)
    return tuple(ReviewItem(step, "goal", GIVEN_UP, GIVEN_UP, "given-up", "reached", "", False, ())
                 for step, reached in seen.items() if not reached and scenario.has_step(step))


def is_blocking(scenario: Scenario, item: ReviewItem) -> bool:
    """A failed criterion that its step marks as blocking (``blocking``; by default, personal data
    published by a step that names personal columns)."""
    if item.success or item.kind != "publish" or not scenario.has_step(item.step_id):
        return False
    step = scenario.step(item.step_id)
    return isinstance(step, PublishStep) and step.blocks(item.item_id, item.response)


def _review(scenario: Scenario, step_id: str, kind: str, item_id: str, response: str, ok: bool) -> ReviewItem | None:
    if not scenario.has_step(step_id):
        return None
    step = scenario.step(step_id)
    srcs: tuple[str, ...] = ()
    explanations: tuple[str, ...] = ()
    if kind == "question" and isinstance(step, QuizStep) and any(q.id == item_id for q in step.questions):
        q = step.question(item_id)
        # the explanations of the options the learner got wrong, else the question's
        explanations = answer_feedback(q, selected_from_response(q, response)).explanations
        prompt, explanation, srcs = q.prompt, explanations[0] if explanations else "", q.sources
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
        # the debrief names the criterion (an error code) in the learner's language, says what it
        # measures and why, and where the rule comes from
        why = clean_criterion_help(item_id)
        sources = why.sources + ((schema_source(step.schema),) if why.schema and step.schema else ())
        return ReviewItem(step_id, kind, item_id, item_id, response, "", "", ok, sources, about=why.text)
    elif kind == "criterion" and isinstance(step, PublishStep):
        # licence, documentation, publication or personal-data; the mentor's word on the licence chosen
        why = publish_criterion_help(item_id)
        expected = ", ".join(step.licences) if item_id == "licence" else ""
        mentor = step.feedback_for(response) if item_id == "licence" else ""
        return ReviewItem(step_id, "publish", item_id, item_id, response, expected, mentor, ok, why.sources,
                          about=why.text)
    elif kind == "challenge" and isinstance(step, ReuseStep) and any(c.id == item_id for c in step.challenges):
        challenge = step.challenge(item_id)
        # an unanswerable question points back to the step where the data went wrong
        prompt, explanation, srcs, expected = (challenge.question, challenge.explanation, challenge.sources,
                                               challenge.blame)
    elif kind == "row" and isinstance(step, FillStep) and any(r.id == item_id for r in step.rows):
        row = step.row(item_id)
        # what the reference row gives in each graded column
        prompt, explanation, srcs = row.document, row.explanation, row.sources
        expected = " | ".join(f"{f} = {row.value(f)}" for f in step.graded if f in step.fields)
    else:
        return None
    sources = tuple(s for s in (scenario.source(x) for x in srcs) if s is not None)
    return ReviewItem(step_id, kind, item_id, prompt, response, expected, explanation, ok, sources,
                      explanations=explanations if kind == "question" else ())


def ability_of(scenario: Scenario | None, step_id: str, kind: str, item_id: str) -> str:
    """The framework ability a scenario item tests (``ability:`` in the file), or ""."""
    if scenario is None or not scenario.has_step(step_id):
        return ""
    step = scenario.step(step_id)
    if kind == "question" and isinstance(step, QuizStep) and any(q.id == item_id for q in step.questions):
        return step.question(item_id).ability
    if kind == "card" and isinstance(step, SortStep) and any(c.id == item_id for c in step.cards):
        return step.card(item_id).ability
    if kind == "choice" and isinstance(step, DialogueStep):
        return step.ability
    if kind == "challenge" and isinstance(step, ReuseStep) and any(c.id == item_id for c in step.challenges):
        return step.challenge(item_id).ability
    if kind == "criterion" and isinstance(step, CleanStep):
        return step.ability_for(item_id)
    if kind == "row" and isinstance(step, FillStep) and any(r.id == item_id for r in step.rows):
        return step.row(item_id).ability
    return ""


def _step_kinds(stmts: list[Mapping[str, Any]]) -> dict[str, str]:
    """The kind of each step, as the step statements recorded it."""
    out: dict[str, str] = {}
    for s in stmts:
        step, kind = extension(s, "step"), extension(s, "step-kind")
        if isinstance(step, str) and isinstance(kind, str):
            out[step] = kind
    return out


def evidence_from(statements: Iterable[Mapping[str, Any]], scenario: Scenario | None, scenario_id: str = "",
                  start: int = 0, *, graded: Mapping[tuple[str, str, str], Mapping[str, Any]] | None = None,
                  kinds: Mapping[str, str] | None = None) -> list[Evidence]:
    """The evidence of one attempt's statements (the latest answer per item), each item with its step
    kind, the ability it tests and what it is. ``scenario`` resolves these when known; otherwise the
    statements' own records (step kinds, names) are used. ``graded`` and ``kinds``: the attempt's
    graded items and step kinds, when the caller already has them."""
    stmts = list(statements)
    kinds = _step_kinds(stmts) if kinds is None else kinds
    sid = scenario.id if scenario is not None else scenario_id
    named = scenario.title if scenario is not None else next(
        (_object_name(s) for s in stmts if extension(s, "step") is None and _object_name(s)), sid)
    out: list[Evidence] = []
    for n, ((step_id, kind, item_id), s) in enumerate((_graded(stmts) if graded is None else graded).items(), start):
        score = float(s["result"]["score"]["scaled"])
        response = str(s["result"].get("response", ""))
        known = scenario is not None and scenario.has_step(step_id)
        step_kind = (scenario.step(step_id).kind if known and scenario is not None else kinds.get(step_id, "")) \
            or STEP_OF_KIND.get(kind, "") or ("publish" if item_id in PUBLISH_EVIDENCE else "clean")
        review = _review(scenario, step_id, kind, item_id, response, score >= 1.0) if scenario is not None else None
        label = review.prompt if review is not None else _object_name(s) or item_id
        title = scenario.step(step_id).title if known and scenario is not None else ""
        when = _instant(s.get("timestamp"))
        comps = extension(s, "competencies")
        for comp in comps if isinstance(comps, list) else ():
            if isinstance(comp, str):
                out.append(Evidence(comp, score, step_id, kind, item_id, response, str(s.get("id", "")), sid, step_kind,
                                    ability_of(scenario, step_id, kind, item_id), when,
                                    label, title, n, named))
    return out


def _instant(value: Any) -> str:
    """A timestamp as a string that sorts in time order (UTC, microseconds), "" when unreadable:
    statements from other desks or an LRS may write « Z » or « +02:00 », with or without fractions."""
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return ""
    if when is None:
        return ""
    when = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _object_name(stmt: Mapping[str, Any]) -> str:
    obj = stmt.get("object")
    names = obj.get("definition", {}).get("name") if isinstance(obj, Mapping) else None
    if not isinstance(names, Mapping) or not names:
        return ""
    value = names.get("fr-FR", names.get("fr", next(iter(names.values()))))
    return value if isinstance(value, str) else ""


def _registration(stmt: Mapping[str, Any]) -> str:
    ctx = stmt.get("context")
    reg = ctx.get("registration") if isinstance(ctx, Mapping) else None
    return reg if isinstance(reg, str) else ""


def history_evidence(history: Iterable[Mapping[str, Any]], scenarios: Mapping[str, Scenario] | None = None,
                     start: int = 0) -> list[Evidence]:
    """The evidence of a learner's other attempts (statements of any scenario, grouped by attempt)."""
    attempts: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for s in history:
        sid = extension(s, "scenario")
        if isinstance(sid, str) and sid:
            attempts.setdefault((sid, _registration(s)), []).append(s)
    out: list[Evidence] = []
    for (sid, _reg), stmts in attempts.items():
        out += evidence_from(stmts, (scenarios or {}).get(sid), sid, start + len(out))
    return out


def assess(statements: Iterable[Mapping[str, Any]], scenario: Scenario, framework: Framework, *,
           history: Iterable[Mapping[str, Any]] = (), scenarios: Mapping[str, Scenario] | None = None) -> Assessment:
    """The debrief of one attempt. ``history``: the same learner's statements from their other attempts
    (other scenarios, earlier tries), which count for the levels (never for the score); ``scenarios``
    resolves their items when known."""
    stmts = list(statements)
    graded = _graded(stmts)
    mine = evidence_from(stmts, scenario)
    everything = mine + history_evidence(history, scenarios, len(mine))
    fixed = corrections(stmts)
    went_well: list[ReviewItem] = []
    to_review: list[ReviewItem] = []
    scores = []
    for (step_id, kind, item_id), s in graded.items():
        result = s["result"]
        score = float(result["score"]["scaled"])
        scores.append(score)
        response = str(result.get("response", ""))
        item = _review(scenario, step_id, kind, item_id, response, score >= 1.0)
        later = fixed.get((step_id, kind, "" if kind == "choice" else item_id))
        if item is not None and later is not None and not item.success:
            item = replace(item, right_at_try=later)
        missing = _result_extension(s, "missing")
        if item is not None and item.kind == "publish" and isinstance(missing, list):
            item = replace(item, expected="|".join(str(m) for m in missing))  # what the criterion found missing
        if item is not None:
            (went_well if item.success else to_review).append(item)
    blocking = tuple(i for i in to_review if is_blocking(scenario, i)) + given_up(stmts, scenario)
    shown = list(scenario.competencies) + [e.competency for e in mine if e.competency not in scenario.competencies]
    levels = []
    for c in dict.fromkeys(shown):
        if framework.competency(c) is None:
            continue
        j = judge(c, everything, framework, current=scenario.id)
        if j.level == INSUFFICIENT and c not in scenario.competencies:
            continue  # the scenario does not claim to assess it: one stray item says nothing (it still counts elsewhere)
        levels.append(CompetencyLevel(c, j.level, j.score, j.evidence, j.reasons))
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
    return Assessment(sum(scores) / len(scores) if scores else None, len(scores), tuple(levels),
                      tuple(went_well), tuple(to_review), tuple(resources), mode_of(stmts), blocking)
