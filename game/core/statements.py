"""xAPI 1.0.3 statements for learning events, built as plain dicts and checked before use.

Vocabulary: xAPI Serious Games profile (e-UCM); where its IRIs drifted, those of Xasu, the
maintained reference tracker. ``version`` is left out on purpose: the LRS sets it.
Builders are pure: ids and timestamps come from arguments or injectable callables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, TypeGuard, Unpack

from game.core import ids
from game.core.ids import iso_duration, utc_timestamp  # re-exported for callers

XAPI = "http://adlnet.gov/expapi"
SG = "https://w3id.org/xapi/seriousgames"
SG_TYPES = SG + "/activity-types/"
PROFILE_TYPE = XAPI + "/activities/profile"
SERIOUS_GAME = SG_TYPES + "serious-game"
LEVEL = SG_TYPES + "level"
DIALOG_NODE = SG_TYPES + "dialog-node"
ITEM = SG_TYPES + "item"
QUESTION = XAPI + "/activities/question"
CONTENT_LANGUAGE = "fr-FR"  # language scenarios are written in (activity names)

INITIALIZED = XAPI + "/verbs/initialized"
COMPLETED = XAPI + "/verbs/completed"
PROGRESSED = XAPI + "/verbs/progressed"
SELECTED = "http://id.tincanapi.com/verb/selected"
INTERACTED = XAPI + "/verbs/interacted"
ACCESSED = SG + "/verbs/accessed"
VERB_DISPLAY: dict[str, dict[str, str]] = {
    INITIALIZED: {"fr-FR": "a commencé", "en-US": "initialized"},
    COMPLETED: {"fr-FR": "a terminé", "en-US": "completed"},
    PROGRESSED: {"fr-FR": "a progressé dans", "en-US": "progressed"},
    SELECTED: {"fr-FR": "a choisi", "en-US": "selected"},
    INTERACTED: {"fr-FR": "a interagi avec", "en-US": "interacted"},
    ACCESSED: {"fr-FR": "a consulté", "en-US": "accessed"},
}


@dataclass(frozen=True, slots=True)
class XapiConfig:
    homepage: str  # account homePage of every actor
    activity_base: str  # prefix of activity ids and extension keys, ends with "/"


_RESERVED = "https://explorateurs-des-donnees.invalid"  # ".invalid": organisations set their own IRIs
DEFAULT_XAPI = XapiConfig(homepage=_RESERVED, activity_base=_RESERVED + "/xapi/")

Grade = Literal["right", "partly", "wrong"]
GRADE_SCORES: dict[str, float] = {"right": 1.0, "partly": 0.5, "wrong": 0.0}


class StatementOptions(TypedDict, total=False):
    language: str  # context.language, the interface language (default fr-FR)
    group: str  # workshop group code (normalised): a grouping activity and the ``group`` extension
    mode: str  # « practice » or « assessment » (game.core.modes): the ``mode`` extension
    try_number: int  # which try of an item this answer is (1 = the first, the one that counts): ``try``
    statement_id: str  # fixed id (else ``new_id()``)
    timestamp: str  # fixed timestamp (else ``clock()``)
    new_id: Callable[[], str]
    clock: Callable[[], str]


def activity_iri(cfg: XapiConfig, scenario_id: str, *path: str) -> str:
    """``<base>scenarios/<scenario>[/steps/<step>[/…]]``, each segment percent-encoded."""
    return ids.join_iri(cfg.activity_base, "scenarios", scenario_id, *path)


def extension_key(cfg: XapiConfig, name: str) -> str:
    return ids.join_iri(cfg.activity_base, "extensions", name)


def group_iri(cfg: XapiConfig, code: str) -> str:
    """The activity of a workshop group: ``<base>groups/<CODE>`` (what an LRS is queried by)."""
    return ids.join_iri(cfg.activity_base, "groups", code)


def _group(cfg: XapiConfig, code: str) -> dict[str, Any]:
    return _activity(group_iri(cfg, code), ids.join_iri(cfg.activity_base, "activity-types", "workshop"),
                     f"Atelier {code}")


def _scenario(cfg: XapiConfig, scenario_id: str, title: str | None = None) -> dict[str, Any]:
    return _activity(activity_iri(cfg, scenario_id), SERIOUS_GAME, title)


def _activity(iri: str, type_iri: str, title: str | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": type_iri}
    if title and title.strip():
        definition["name"] = {CONTENT_LANGUAGE: title}
    return {"objectType": "Activity", "id": iri, "definition": definition}


def _build(cfg: XapiConfig, learner: str, registration: str, verb: str, obj: dict[str, Any],
           scenario_id: str, competencies: Sequence[str], opts: StatementOptions, *,
           step_id: str | None = None, parents: Sequence[dict[str, Any]] = (),
           grouping: Sequence[dict[str, Any]] = (), extra: Mapping[str, Any] | None = None,
           result: dict[str, Any] | None = None) -> dict[str, Any]:
    group = opts.get("group") or None
    named = {"scenario": scenario_id, "step": step_id, "competencies": list(competencies), "group": group,
             "mode": opts.get("mode") or None, "try": opts.get("try_number"), **(extra or {})}
    extensions = {extension_key(cfg, k): v for k, v in named.items() if v is not None}
    grouping = [*grouping, _group(cfg, group)] if group else grouping
    activities = {"parent": list(parents), "grouping": list(grouping),
                  "category": [_activity(SG, PROFILE_TYPE)]}
    stmt: dict[str, Any] = {
        "id": opts.get("statement_id") or opts.get("new_id", ids.new_uuid)(),
        "timestamp": opts.get("timestamp") or opts.get("clock", utc_timestamp)(),
        "actor": {"objectType": "Agent", "account": {"homePage": cfg.homepage, "name": learner}},
        "verb": {"id": verb, "display": dict(VERB_DISPLAY[verb])},
        "object": obj,
        "context": {"registration": registration,
                    "contextActivities": {k: v for k, v in activities.items() if v},
                    "language": opts.get("language", "fr-FR"), "extensions": extensions},
    }
    if kept := {k: v for k, v in (result or {}).items() if v is not None and v != ""}:
        stmt["result"] = kept
    problems = validate_statement(stmt)
    if problems:
        raise ValueError("invalid xAPI statement: " + "; ".join(problems))
    return stmt


def scenario_initialized(cfg: XapiConfig, learner: str, registration: str, scenario_id: str,
                         scenario_title: str, competencies: Sequence[str],
                         **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    obj = _scenario(cfg, scenario_id, scenario_title)
    return _build(cfg, learner, registration, INITIALIZED, obj, scenario_id, competencies, opts)


def scenario_completed(cfg: XapiConfig, learner: str, registration: str, scenario_id: str,
                       title: str, competencies: Sequence[str], score_scaled: float, success: bool,
                       duration_s: float, **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    obj = _scenario(cfg, scenario_id, title)
    result = {"score": {"scaled": float(score_scaled)}, "success": success, "completion": True,
              "duration": iso_duration(duration_s)}
    return _build(cfg, learner, registration, COMPLETED, obj, scenario_id, competencies, opts,
                  result=result)


def step_initialized(cfg: XapiConfig, learner: str, registration: str, scenario_id: str,
                     step_id: str, step_kind: str, step_title: str, competencies: Sequence[str],
                     **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    obj = _activity(activity_iri(cfg, scenario_id, "steps", step_id), LEVEL, step_title)
    return _build(cfg, learner, registration, INITIALIZED, obj, scenario_id, competencies, opts,
                  step_id=step_id, parents=[_scenario(cfg, scenario_id)],
                  extra={"step-kind": step_kind})


def step_completed(cfg: XapiConfig, learner: str, registration: str, scenario_id: str,
                   step_id: str, step_kind: str, step_title: str, competencies: Sequence[str],
                   score_scaled: float | None, success: bool | None, duration_s: float,
                   **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    obj = _activity(activity_iri(cfg, scenario_id, "steps", step_id), LEVEL, step_title)
    result = {"score": None if score_scaled is None else {"scaled": float(score_scaled)}, "success": success,
              "completion": True, "duration": iso_duration(duration_s)}
    return _build(cfg, learner, registration, COMPLETED, obj, scenario_id, competencies, opts,
                  step_id=step_id, parents=[_scenario(cfg, scenario_id)],
                  extra={"step-kind": step_kind}, result=result)


def _in_step(cfg: XapiConfig, scenario_id: str, step_id: str) -> dict[str, Any]:
    """Context for an event inside a step: the step is the parent, the scenario the grouping."""
    step = _activity(activity_iri(cfg, scenario_id, "steps", step_id), LEVEL)
    return {"step_id": step_id, "parents": [step], "grouping": [_scenario(cfg, scenario_id)]}


def choice_selected(cfg: XapiConfig, learner: str, registration: str, scenario_id: str,
                    step_id: str, choice_index: int, choice_text: str, grade: Grade | None,
                    competencies: Sequence[str], *, node_id: str = "main",
                    **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    """A dialogue choice. The object is the dialogue node ``…/steps/<step>/nodes/<node_id>``."""
    node = activity_iri(cfg, scenario_id, "steps", step_id, "nodes", node_id)
    result: dict[str, Any] = {"response": choice_text}
    extra: dict[str, Any] = {"choice-index": choice_index}
    if grade is not None:
        result |= {"success": grade == "right", "score": {"scaled": GRADE_SCORES[grade]}}
        extra["grade"] = grade
    return _build(cfg, learner, registration, SELECTED, _activity(node, DIALOG_NODE), scenario_id,
                  competencies, opts, extra=extra, result=result, **_in_step(cfg, scenario_id, step_id))


def question_answered(cfg: XapiConfig, learner: str, registration: str, scenario_id: str,
                      step_id: str, question_id: str, prompt: str, response: str, correct: bool,
                      score_scaled: float, competencies: Sequence[str],
                      **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "questions", question_id)
    result = {"response": response, "success": correct, "score": {"scaled": float(score_scaled)}}
    return _build(cfg, learner, registration, SELECTED, _activity(iri, QUESTION, prompt), scenario_id,
                  competencies, opts, result=result, **_in_step(cfg, scenario_id, step_id))


def card_placed(cfg: XapiConfig, learner: str, registration: str, scenario_id: str, step_id: str,
                card_id: str, card_text: str, bin_id: str, correct: bool,
                competencies: Sequence[str], **opts: Unpack[StatementOptions]) -> dict[str, Any]:
    iri = activity_iri(cfg, scenario_id, "steps", step_id, "cards", card_id)
    points = 1.0 if correct else 0.0
    result = {"response": bin_id, "success": correct,
              "score": {"scaled": points, "raw": points, "min": 0.0, "max": 1.0}}
    return _build(cfg, learner, registration, INTERACTED, _activity(iri, ITEM, card_text), scenario_id,
                  competencies, opts, result=result, **_in_step(cfg, scenario_id, step_id))


# ---------------------------------------------------------------- validation

_TOP = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
        "version", "attachments"}


def validate_statement(stmt: Mapping[str, Any]) -> list[str]:
    """Every problem found in a statement of the shapes this module builds (empty list: valid)."""
    out = [f"{k}: unknown property" for k in stmt if k not in _TOP]
    out += [f"{p}: empty value" for p in _empties(stmt, "")]
    sid, when = stmt.get("id"), stmt.get("timestamp")
    out += _when(sid is not None and not ids.is_uuid(sid), f"id: not a UUID: {sid!r}")
    out += _when(when is not None and not ids.is_timestamp(when),
                 f"timestamp: not an ISO 8601 date-time with a time zone: {when!r}")
    account = _dict(_dict(stmt.get("actor")).get("account"))
    out += _iri(account.get("homePage"), "actor.account.homePage")
    name = account.get("name")
    out += _when(not isinstance(name, str) or not name, "actor.account.name: must be a non-empty string")
    verb = _dict(stmt.get("verb"))
    out += _iri(verb.get("id"), "verb.id") + _lang_map(verb.get("display"), "verb.display")
    out += _check_activity(stmt.get("object"), "object")
    out += _check_context(_dict(stmt.get("context")))
    return out + _check_result(_dict(stmt.get("result")))


def _when(condition: bool, problem: str) -> list[str]:
    return [problem] if condition else []


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _empties(value: Any, path: str) -> list[str]:
    """Paths of empty strings, empty objects or nulls outside extensions (the spec forbids them)."""
    if isinstance(value, list):
        return [p for i, sub in enumerate(value) for p in _empties(sub, f"{path}[{i}]")]
    found: list[str] = []
    for key, sub in _dict(value).items():
        where = f"{path}.{key}" if path else str(key)
        if sub is None or sub == "" or sub == {}:
            found.append(where)
        elif key != "extensions":
            found += _empties(sub, where)
    return found


def _iri(value: Any, path: str) -> list[str]:
    return _when(not ids.is_absolute_iri(value), f"{path}: not an absolute IRI: {value!r}")


def _lang_map(value: Any, path: str) -> list[str]:
    if value is None or not isinstance(value, Mapping):
        return _when(value is not None, f"{path}: not a language map")
    return [f"{path}: bad language tag {k!r}" for k in value if not ids.is_language_tag(k)] + [
        f"{path}.{k}: not a non-empty string" for k, v in value.items() if not isinstance(v, str) or not v
    ]


def _extensions(value: Any, path: str) -> list[str]:
    if value is None or not isinstance(value, Mapping):
        return _when(value is not None, f"{path}: not an object")
    return [p for key in value for p in _iri(key, f"{path} key")]


def _check_activity(value: Any, path: str) -> list[str]:
    act = _dict(value)
    if act.get("objectType", "Activity") != "Activity":
        return [f"{path}.objectType: the game only builds Activity objects"]
    definition = _dict(act.get("definition"))
    out = _iri(act.get("id"), f"{path}.id") + _lang_map(definition.get("name"), f"{path}.definition.name")
    if "type" in definition:
        out += _iri(definition["type"], f"{path}.definition.type")
    return out + _extensions(definition.get("extensions"), f"{path}.definition.extensions")


def _check_context(ctx: Mapping[str, Any]) -> list[str]:
    reg, lang = ctx.get("registration"), ctx.get("language")
    out = _when(reg is not None and not ids.is_uuid(reg), f"context.registration: not a UUID: {reg!r}")
    out += _when(lang is not None and not ids.is_language_tag(lang), f"context.language: bad tag {lang!r}")
    for kind, acts in _dict(ctx.get("contextActivities")).items():
        for i, act in enumerate(acts if isinstance(acts, list) else [acts]):
            out += _check_activity(act, f"context.contextActivities.{kind}[{i}]")
    return out + _extensions(ctx.get("extensions"), "context.extensions")


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_result(result: Mapping[str, Any]) -> list[str]:
    score = _dict(result.get("score"))
    out = [f"result.score.{k}: not a finite number" for k, v in score.items() if not _number(v)]
    scaled, raw, lo, hi = (score.get(k) for k in ("scaled", "raw", "min", "max"))
    out += _when(_number(scaled) and not -1 <= scaled <= 1, f"result.score.scaled: {scaled} outside [-1, 1]")
    out += _when(_number(lo) and _number(hi) and lo > hi, "result.score: min greater than max")
    out += _when(_number(raw) and ((_number(lo) and raw < lo) or (_number(hi) and raw > hi)),
                 "result.score.raw: outside min..max")
    out += [f"result.{k}: not a boolean" for k in ("success", "completion")
            if k in result and not isinstance(result[k], bool)]
    out += _when("response" in result and not isinstance(result["response"], str),
                 "result.response: not a string")
    duration = result.get("duration")
    out += _when(duration is not None and not ids.is_iso_duration(duration),
                 f"result.duration: not an ISO 8601 duration: {duration!r}")
    return out + _extensions(result.get("extensions"), "result.extensions")
