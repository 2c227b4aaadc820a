"""Statements read back as attempts (one learner, one scenario, one registration) for the report:
status, score, time spent, evidence per competency, and the errors made."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from .assessment import _graded, _result_extension, _review, evidence_from, extension, given_up, mode_of
from .ids import duration_seconds
from .levels import Evidence
from .scenario import PUBLISH_EVIDENCE, PublishStep, Scenario
from .statements import COMPLETED

_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Mistake:
    kind: str  # see game.core.report.ERROR_KINDS
    scenario: str
    label: str
    answer: str
    expected: str
    competencies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Attempt:
    learner: str
    scenario: str
    registration: str
    title: str  # the scenario's name as recorded ("" when none)
    competencies: tuple[str, ...]  # the scenario's, as recorded when it started
    statements: tuple[Mapping[str, Any], ...]
    completed: Mapping[str, Any] | None  # the last scenario « completed » statement
    completed_at: datetime
    score: float | None
    seconds: float
    evidence: tuple[tuple[str, float], ...]  # (competency, score) per graded item: its first try
    errors: tuple[Mistake, ...]
    #: process measures, never scored: (clean step, operations used, operations of the reference recipe)
    operations: tuple[tuple[str, int, int], ...] = ()

    @property
    def operations_used(self) -> tuple[int, int] | None:
        """Operations used over the clean steps left, and how many the reference recipes use."""
        if not self.operations:
            return None
        return sum(u for _s, u, _r in self.operations), sum(r for _s, _u, r in self.operations)
    proofs: tuple[Evidence, ...] = ()  # the same items in full (step kind, ability, what), for the level rule
    mode: str | None = None  # « practice » or « assessment » (game.core.modes), None when the statements do not say
    #: criteria its scenario marks as blocking missed at their first try (``PublishStep.blocking_criteria``):
    #: not passed, whatever the score
    blocked: tuple[str, ...] = ()


def group_of(stmt: Mapping[str, Any]) -> str | None:
    value = extension(stmt, "group")
    return value.strip() if isinstance(value, str) and value.strip() else None


def in_group(stmt: Mapping[str, Any], group: str) -> bool:
    """The statement's context names the group (extension ``…/extensions/group`` or a grouping
    activity ``…/groups/<CODE>``), compared without case."""
    want = group.strip().casefold()
    value = extension(stmt, "group")
    if isinstance(value, str):
        return value.strip().casefold() == want
    grouping = _get(stmt, "context", "contextActivities", "grouping") or []
    for act in grouping if isinstance(grouping, list) else [grouping]:
        iri = str(act.get("id", "")) if isinstance(act, Mapping) else ""
        if "/groups/" in iri and unquote(iri.rsplit("/groups/", 1)[1]).casefold() == want:
            return True
    return False


def learner_of(stmt: Mapping[str, Any]) -> str | None:
    name = _get(stmt, "actor", "account", "name")
    return name if isinstance(name, str) and name else None


def attempts(stmts: list[Mapping[str, Any]], known: Mapping[str, Scenario]) -> tuple[list[Attempt], int]:
    """The attempts found in ``stmts``, and how many statements had no learner or no scenario."""
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    ignored = 0
    for s in sorted(stmts, key=_when):  # stable: statements of the same millisecond keep their order
        name = learner_of(s)
        scenario = extension(s, "scenario")
        if name is None or not isinstance(scenario, str) or not scenario or not _usable(s):
            ignored += 1
            continue
        reg = _get(s, "context", "registration")
        groups[(name, scenario, reg if isinstance(reg, str) else "")].append(s)
    return [_attempt(k, v, known.get(k[1])) for k, v in groups.items()], ignored


def _attempt(key: tuple[str, str, str], stmts: list[Mapping[str, Any]], scenario: Scenario | None) -> Attempt:
    learner, sid, reg = key
    title = ""
    comps: tuple[str, ...] = ()
    kinds: dict[str, str] = {}
    steps: dict[str, str] = {}
    done, step_seconds = None, 0.0
    for s in stmts:
        step = extension(s, "step")
        name = _name(s)
        if step is None:  # a scenario statement: its name and the competencies it targets
            comps = comps or _competencies(s)
            title = title or name
        if step is not None and extension(s, "step-kind"):
            kinds[str(step)] = str(extension(s, "step-kind"))
            steps[str(step)] = steps.get(str(step)) or name
        if _get(s, "verb", "id") == COMPLETED:
            if step is None:
                done = s
            else:
                step_seconds += duration_seconds(_get(s, "result", "duration")) or 0.0
    score = _get(done, "result", "score", "scaled") if done else None
    seconds = (duration_seconds(_get(done, "result", "duration")) or 0.0) if done else step_seconds
    evidence, errors, blocked = [], [], []
    graded = _graded(stmts)
    for (step_id, kind, item), s in graded.items():
        value = float(s["result"]["score"]["scaled"])
        if value < 1.0 and kind == "criterion" and scenario is not None and scenario.has_step(step_id):
            step_of = scenario.step(step_id)
            if isinstance(step_of, PublishStep) and step_of.blocks(item, str(s["result"].get("response", ""))):
                blocked.append(item)
        its = _competencies(s)
        evidence += [(c, value) for c in its]
        if value < 1.0:
            m = _mistake(s, sid, step_id, kind, item, scenario, kinds, steps, its)
            if m is not None:
                errors.append(m)
    if scenario is not None:  # a clean step given up: the main task not done
        blocked += [g.item_id for g in given_up(stmts, scenario)]
    return Attempt(learner, sid, reg, title, comps, tuple(stmts), done, _when(done) if done else _EPOCH,
                   float(score) if isinstance(score, int | float) else None, seconds, tuple(evidence), tuple(errors),
                   _operations(stmts), tuple(evidence_from(stmts, scenario, sid, graded=graded, kinds=kinds)),
                   mode_of(stmts), tuple(dict.fromkeys(blocked)))


def _operations(stmts: list[Mapping[str, Any]]) -> tuple[tuple[str, int, int], ...]:
    """The last process measure of each clean step (``…/steps/<step>/measures/operations``)."""
    found: dict[str, tuple[int, int]] = {}
    for s in stmts:
        step = extension(s, "step")
        if not isinstance(step, str) or not str(_get(s, "object", "id") or "").endswith("/measures/operations"):
            continue
        used, ref = (_result_extension(s, name) for name in ("operations-used", "operations-reference"))
        if isinstance(used, int) and isinstance(ref, int) and not isinstance(used, bool) and not isinstance(ref, bool):
            found[step] = (used, ref)
    return tuple((step, u, r) for step, (u, r) in found.items())


def _mistake(s: Mapping[str, Any], sid: str, step_id: str, kind: str, item: str, scenario: Scenario | None,
             kinds: dict[str, str], steps: dict[str, str], comps: tuple[str, ...]) -> Mistake | None:
    response = str(_get(s, "result", "response") or "")
    item = unquote(item)
    if kind == "criterion":
        step_kind = (scenario.step(step_id).kind if scenario is not None and scenario.has_step(step_id)
                     else kinds.get(step_id) or ("publish" if item in PUBLISH_EVIDENCE else "clean"))
        if step_kind == "clean":
            return Mistake("validation", "", item, "", "", comps)
        if item != "licence":
            return Mistake("publication", "", item, "", "", comps)
        review = _review(scenario, step_id, kind, item, response, False) if scenario is not None else None
        return Mistake("licence", sid, item, response, review.expected if review else "", comps)
    review = _review(scenario, step_id, kind, item, response, False) if scenario is not None else None
    if review is not None:
        label, answer, expected = review.prompt, review.response, review.expected
    else:
        label = _name(s) or (steps.get(step_id) or step_id if kind == "choice" else item)
        answer, expected = response, ""
    if kind == "challenge":
        expected = ""  # the blamed step, not an answer
    return Mistake("placement" if kind == "card" else "answer", sid, label, answer, expected, comps)


def _competencies(stmt: Mapping[str, Any]) -> tuple[str, ...]:
    value = extension(stmt, "competencies")
    return tuple(c for c in value if isinstance(c, str)) if isinstance(value, list) else ()


def _usable(s: Mapping[str, Any]) -> bool:
    """The shapes the report reads (an imported file may hold anything): objects where objects are
    expected, a finite score."""
    ctx, result, obj = s.get("context"), s.get("result", {}), s.get("object", {})
    if not (isinstance(ctx, Mapping) and isinstance(result, Mapping) and isinstance(obj, Mapping)):
        return False
    score = result.get("score", {})
    if not (isinstance(ctx.get("extensions", {}), Mapping) and isinstance(obj.get("id", ""), str)
            and isinstance(score, Mapping)):
        return False
    if any(not isinstance(extension(s, k), str | None) for k in ("step", "scenario")):
        return False  # a step or scenario named by a list or a number: not a statement the game wrote
    scaled = score.get("scaled")
    return scaled is None or (isinstance(scaled, int | float) and not isinstance(scaled, bool) and math.isfinite(scaled))


def _get(value: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _name(stmt: Mapping[str, Any]) -> str:
    names = _get(stmt, "object", "definition", "name")
    if not isinstance(names, Mapping) or not names:
        return ""
    for lang in ("fr-FR", "fr"):
        if isinstance(names.get(lang), str):
            return str(names[lang])
    return str(next(iter(names.values())))


def _when(stmt: Mapping[str, Any] | None) -> datetime:
    text = _get(stmt, "timestamp")
    try:
        when = datetime.fromisoformat(text) if isinstance(text, str) else _EPOCH
    except ValueError:
        return _EPOCH
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
