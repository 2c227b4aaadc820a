"""xAPI statements: what the builders produce is valid for us and for Ralph's pydantic models."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ralph.models.xapi.base.statements import BaseXapiStatement

from game.core import statements as xs
from game.core.ids import is_absolute_iri, is_uuid, join_iri

CFG = xs.DEFAULT_XAPI
REG = "0b6c5f3e-8a47-4f43-9d0c-2f4e8e1c7a10"
FIXED = {"statement_id": "5d8e2a0c-1f3b-4c6d-8e9f-0a1b2c3d4e5f", "timestamp": "2025-03-01T09:30:00.123Z"}
SCENARIO_EXT = CFG.activity_base + "extensions/scenario"
STEP_EXT = CFG.activity_base + "extensions/step"
COMPETENCIES_EXT = CFG.activity_base + "extensions/competencies"

BUILDERS: dict[str, Callable[..., dict[str, Any]]] = {
    "scenario_initialized": lambda who, **o: xs.scenario_initialized(
        CFG, who, REG, "prenoms", "Prénoms des nouveau-nés", ["B2", "B3"], **o),
    "scenario_completed": lambda who, **o: xs.scenario_completed(
        CFG, who, REG, "prenoms", "Prénoms des nouveau-nés", ["B2"], 0.75, True, 754.25, **o),
    "step_initialized": lambda who, **o: xs.step_initialized(
        CFG, who, REG, "prenoms", "accueil", "dialogue", "Accueil à la mairie", ["A1"], **o),
    "step_completed": lambda who, **o: xs.step_completed(
        CFG, who, REG, "prenoms", "quiz-loi", "quiz", "La loi", ["A1"], 0.5, False, 61.0, **o),
    "step_completed_unscored": lambda who, **o: xs.step_completed(
        CFG, who, REG, "prenoms", "fin", "debrief", "Bilan", [], None, None, 3.0, **o),
    "choice_selected": lambda who, **o: xs.choice_selected(
        CFG, who, REG, "prenoms", "accueil", 1, "On publie tout, sans exception.", "partly", ["A1"], **o),
    "choice_selected_ungraded": lambda who, **o: xs.choice_selected(
        CFG, who, REG, "prenoms", "accueil", 0, "Bonjour !", None, [], node_id="n1", **o),
    "question_answered": lambda who, **o: xs.question_answered(
        CFG, who, REG, "prenoms", "quiz-loi", "q1", "Quelle licence ?", "Licence Ouverte 2.0",
        True, 1.0, ["C1"], **o),
    "card_placed": lambda who, **o: xs.card_placed(
        CFG, who, REG, "prenoms", "tri", "c-agents", "Liste nominative des agents", "ne-pas-publier",
        False, ["B4"], **o),
}


def ralph_accepts(stmt: dict[str, Any]) -> None:
    BaseXapiStatement.model_validate(stmt)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_builder_output_is_valid_for_us_and_for_ralph(name: str) -> None:
    stmt = BUILDERS[name]("Élodie D.", **FIXED)
    assert xs.validate_statement(stmt) == []
    model = BaseXapiStatement.model_validate(stmt)
    # Ralph fills its default version when absent; we leave "version" to the LRS.
    assert "version" not in stmt and model.version == "1.0.0"
    assert model.timestamp is not None and model.timestamp.utcoffset() is not None


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_common_shape(name: str) -> None:
    stmt = BUILDERS[name]("Élodie D.", **FIXED)
    assert stmt["id"] == FIXED["statement_id"] and stmt["timestamp"] == FIXED["timestamp"]
    assert stmt["actor"] == {"objectType": "Agent",
                             "account": {"homePage": CFG.homepage, "name": "Élodie D."}}
    assert set(stmt["verb"]["display"]) == {"fr-FR", "en-US"}
    assert stmt["object"]["objectType"] == "Activity"
    ctx = stmt["context"]
    assert ctx["registration"] == REG and ctx["language"] == "fr-FR"
    assert ctx["contextActivities"]["category"][0]["id"] == "https://w3id.org/xapi/seriousgames"
    assert ctx["extensions"][SCENARIO_EXT] == "prenoms"
    assert isinstance(ctx["extensions"][COMPETENCIES_EXT], list)


def test_default_id_and_timestamp_are_fresh_uuid_and_utc() -> None:
    a, b = BUILDERS["scenario_initialized"]("x"), BUILDERS["scenario_initialized"]("x")
    assert is_uuid(a["id"]) and a["id"] != b["id"]
    assert a["timestamp"].endswith("Z") and len(a["timestamp"]) == len("2025-03-01T09:30:00.123Z")


def test_injectable_id_and_clock() -> None:
    stmt = BUILDERS["step_initialized"]("x", new_id=lambda: REG, clock=lambda: "2025-01-02T03:04:05+01:00")
    assert stmt["id"] == REG and stmt["timestamp"] == "2025-01-02T03:04:05+01:00"


def test_scenario_initialized_uses_serious_game_vocabulary() -> None:
    stmt = BUILDERS["scenario_initialized"]("x", **FIXED)
    assert stmt["verb"]["id"] == "http://adlnet.gov/expapi/verbs/initialized"
    assert stmt["object"] == {
        "objectType": "Activity", "id": CFG.activity_base + "scenarios/prenoms",
        "definition": {"type": "https://w3id.org/xapi/seriousgames/activity-types/serious-game",
                       "name": {"fr-FR": "Prénoms des nouveau-nés"}}}
    assert "result" not in stmt and "parent" not in stmt["context"]["contextActivities"]
    assert stmt["context"]["extensions"][COMPETENCIES_EXT] == ["B2", "B3"]


def test_scenario_completed_result() -> None:
    stmt = BUILDERS["scenario_completed"]("x", **FIXED)
    assert stmt["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert stmt["result"] == {"score": {"scaled": 0.75}, "success": True, "completion": True,
                              "duration": "PT12M34.25S"}


def test_step_statements_have_the_scenario_as_parent() -> None:
    stmt = BUILDERS["step_completed"]("x", **FIXED)
    assert stmt["object"]["id"] == CFG.activity_base + "scenarios/prenoms/steps/quiz-loi"
    assert stmt["object"]["definition"]["type"] == xs.LEVEL
    parent = stmt["context"]["contextActivities"]["parent"]
    assert [p["id"] for p in parent] == [CFG.activity_base + "scenarios/prenoms"]
    assert stmt["context"]["extensions"][STEP_EXT] == "quiz-loi"
    assert stmt["context"]["extensions"][CFG.activity_base + "extensions/step-kind"] == "quiz"
    assert stmt["result"] == {"score": {"scaled": 0.5}, "success": False, "completion": True,
                              "duration": "PT1M1S"}
    unscored = BUILDERS["step_completed_unscored"]("x", **FIXED)
    assert unscored["result"] == {"completion": True, "duration": "PT3S"}


@pytest.mark.parametrize(("grade", "success", "scaled"),
                         [("right", True, 1.0), ("partly", False, 0.5), ("wrong", False, 0.0)])
def test_choice_grade_gives_success_and_score(grade: xs.Grade, success: bool, scaled: float) -> None:
    stmt = xs.choice_selected(CFG, "x", REG, "s", "d", 2, "Oui", grade, ["A1"], **FIXED)
    assert stmt["verb"]["id"] == "http://id.tincanapi.com/verb/selected"
    assert stmt["object"]["definition"]["type"] == xs.DIALOG_NODE
    assert stmt["object"]["id"] == CFG.activity_base + "scenarios/s/steps/d/nodes/main"
    assert stmt["result"] == {"response": "Oui", "success": success, "score": {"scaled": scaled}}
    acts = stmt["context"]["contextActivities"]
    assert acts["parent"][0]["id"] == CFG.activity_base + "scenarios/s/steps/d"
    assert acts["grouping"][0]["id"] == CFG.activity_base + "scenarios/s"
    ralph_accepts(stmt)


def test_ungraded_choice_has_only_a_response() -> None:
    stmt = BUILDERS["choice_selected_ungraded"]("x", **FIXED)
    assert stmt["result"] == {"response": "Bonjour !"}
    assert stmt["object"]["id"].endswith("/steps/accueil/nodes/n1")


def test_question_answered() -> None:
    stmt = BUILDERS["question_answered"]("x", **FIXED)
    assert stmt["verb"]["id"] == xs.SELECTED
    assert stmt["object"]["definition"] == {"type": "http://adlnet.gov/expapi/activities/question",
                                            "name": {"fr-FR": "Quelle licence ?"}}
    assert stmt["result"] == {"response": "Licence Ouverte 2.0", "success": True, "score": {"scaled": 1.0}}


def test_card_placed() -> None:
    stmt = BUILDERS["card_placed"]("x", **FIXED)
    assert stmt["verb"]["id"] == "http://adlnet.gov/expapi/verbs/interacted"
    assert stmt["object"]["definition"]["type"] == "https://w3id.org/xapi/seriousgames/activity-types/item"
    assert stmt["object"]["id"] == CFG.activity_base + "scenarios/prenoms/steps/tri/cards/c-agents"
    assert stmt["result"] == {"response": "ne-pas-publier", "success": False,
                              "score": {"scaled": 0.0, "raw": 0.0, "min": 0.0, "max": 1.0}}


def test_active_language_goes_to_context_and_titles_stay_french() -> None:
    stmt = BUILDERS["card_placed"]("x", language="en-US", **FIXED)
    assert stmt["context"]["language"] == "en-US"
    assert stmt["object"]["definition"]["name"] == {"fr-FR": "Liste nominative des agents"}


def test_ids_with_spaces_accents_and_slashes_stay_valid_iris() -> None:
    stmt = xs.step_initialized(CFG, "x", REG, "sub ventions/2024", "étape 1", "sort", "Tri", [], **FIXED)
    assert stmt["object"]["id"] == CFG.activity_base + "scenarios/sub%20ventions%2F2024/steps/%C3%A9tape%201"
    assert stmt["context"]["extensions"][SCENARIO_EXT] == "sub ventions/2024"
    ralph_accepts(stmt)


def test_empty_titles_and_texts_are_left_out_rather_than_invalid() -> None:
    stmt = xs.choice_selected(CFG, "x", REG, "s", "d", 0, "", None, [], **FIXED)
    assert "result" not in stmt
    untitled = xs.step_initialized(CFG, "x", REG, "s", "d", "quiz", "  ", [])
    assert "name" not in untitled["object"]["definition"]
    ralph_accepts(stmt)


def test_verb_and_type_iris_follow_xasu() -> None:
    assert xs.INITIALIZED == "http://adlnet.gov/expapi/verbs/initialized"
    assert xs.PROGRESSED == "http://adlnet.gov/expapi/verbs/progressed"
    assert xs.ACCESSED == "https://w3id.org/xapi/seriousgames/verbs/accessed"
    assert xs.SERIOUS_GAME.endswith("/activity-types/serious-game")
    assert xs.QUESTION == "http://adlnet.gov/expapi/activities/question"
    for verb, display in xs.VERB_DISPLAY.items():
        assert is_absolute_iri(verb) and set(display) == {"fr-FR", "en-US"}


# ---------------------------------------------------------------- invalid statements are refused

def _broken(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    stmt = copy.deepcopy(BUILDERS["scenario_completed"]("x", **FIXED))
    change(stmt)
    return stmt


@pytest.mark.parametrize(("change", "where"), [
    (lambda s: s["verb"].__setitem__("id", "completed"), "verb.id"),
    (lambda s: s["result"]["score"].__setitem__("scaled", 1.5), "result.score.scaled"),
    (lambda s: s["result"].__setitem__("duration", "12s"), "result.duration"),
    (lambda s: s["context"].__setitem__("registration", "abc"), "context.registration"),
    (lambda s: s.__setitem__("id", "not-a-uuid"), "id"),
    (lambda s: s.__setitem__("timestamp", "hier à midi"), "timestamp"),
    (lambda s: s.__setitem__("timestamp", "2025-03-01T09:30:00"), "timestamp"),
    (lambda s: s["actor"]["account"].__setitem__("homePage", "explorateurs.fr"), "actor.account.homePage"),
    (lambda s: s["actor"]["account"].__setitem__("name", ""), "actor.account.name"),
    (lambda s: s["object"].__setitem__("id", "scenarios/prenoms"), "object.id"),
    (lambda s: s["object"]["definition"].__setitem__("type", "level"), "object.definition.type"),
    (lambda s: s["context"]["extensions"].__setitem__("scenario", "x"), "context.extensions key"),
    (lambda s: s["context"]["contextActivities"]["category"][0].__setitem__("id", "sg"),
     "context.contextActivities.category[0].id"),
    (lambda s: s["context"].__setitem__("language", "français"), "context.language"),
    (lambda s: s["verb"]["display"].__setitem__("fr_FR!", "x"), "verb.display"),
    (lambda s: s["result"]["score"].update(raw=12, min=0, max=10), "result.score.raw"),
    (lambda s: s["result"].__setitem__("success", "yes"), "result.success"),
    (lambda s: s.__setitem__("colour", "blue"), "colour"),
])
def test_validate_statement_rejects(change: Callable[[dict[str, Any]], None], where: str) -> None:
    problems = xs.validate_statement(_broken(change))
    assert problems and any(p.startswith(where) for p in problems), problems


def test_builder_raises_value_error_on_a_programming_error() -> None:
    with pytest.raises(ValueError, match=r"result\.score\.scaled"):
        xs.scenario_completed(CFG, "x", REG, "s", "T", [], 1.5, True, 1.0)
    with pytest.raises(ValueError, match=r"context\.registration"):
        xs.scenario_initialized(CFG, "x", "abc", "s", "T", [])
    with pytest.raises(ValueError, match=r"actor\.account\.homePage"):
        xs.scenario_initialized(xs.XapiConfig("pas une IRI", CFG.activity_base), "x", REG, "s", "T", [])
    with pytest.raises(ValueError, match=r"actor\.account\.name"):
        xs.scenario_initialized(CFG, "", REG, "s", "T", [])


def test_our_validator_agrees_with_ralph_on_the_required_invalid_cases() -> None:
    from pydantic import ValidationError

    for change in (lambda s: s["verb"].__setitem__("id", "completed"),
                   lambda s: s["result"]["score"].__setitem__("scaled", 1.5),
                   lambda s: s["result"].__setitem__("duration", "12s"),
                   lambda s: s["context"].__setitem__("registration", "abc")):
        with pytest.raises(ValidationError):
            ralph_accepts(_broken(change))


# ---------------------------------------------------------------- pseudonyms and durations

@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=64))
def test_any_pseudonym_gives_a_valid_statement(pseudonym: str) -> None:
    for name in ("scenario_initialized", "choice_selected", "card_placed"):
        stmt = BUILDERS[name](pseudonym, **FIXED)
        assert stmt["actor"]["account"]["name"] == pseudonym
        assert xs.validate_statement(stmt) == []
        ralph_accepts(stmt)


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, "PT0S"), (12.5, "PT12.5S"), (3725, "PT1H2M5S"), (60, "PT1M"), (3600, "PT1H"),
    (0.25, "PT0.25S"), (59.999, "PT1M"), (0.004, "PT0S"), (90061.05, "PT25H1M1.05S"),
])
def test_iso_duration(seconds: float, expected: str) -> None:
    assert xs.iso_duration(seconds) == expected
    ralph_accepts(_broken(lambda s: s["result"].__setitem__("duration", expected)))


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_iso_duration_refuses_negative_and_non_finite(bad: float) -> None:
    with pytest.raises(ValueError):
        xs.iso_duration(bad)


def test_join_iri_keeps_each_id_one_segment() -> None:
    assert join_iri("https://a.invalid/x", "a/b", "c d") == "https://a.invalid/x/a%2Fb/c%20d"
