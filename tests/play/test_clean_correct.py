"""Valid is not correct: in « Prénoms », « majuscule au début » on ENFANT_PRENOM makes the file
valid but turns « AssiaAmélie » into « Assiaamélie » where the instructions expect « Assia-Amélie ».
Played through PlaySession.do, that path no longer reaches the goal, scores 100 % or claims B3
mastered, and the debrief names the wrong cell; the reference path still earns full marks, and a
value the author accepts besides the reference's counts as right."""

import dataclasses

import pytest

from game.core.actions import ApplyOperation, Choose, NextLine, Proceed
from game.core.assessment import assess
from game.core.operations import operation_from_json
from game.core.scenario import CleanStep
from game.play.session import ActionRefused, PlaySession
from game.scenes.debrief import present as debrief
from game.scenes.views.clean import goal_line
from game.storage.datasets import ScenarioDatasets
from game.storage.scenarios import builtin_scenarios_dir, load_framework, load_scenario

from .test_session import Clock, MemoryRecorder

FOLDER = builtin_scenarios_dir() / "prenoms"
REG = "0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11"
VALID_BUT_WRONG = [
    {"op": "change-case", "column": "COMMUNE_NOM", "mode": "title"},
    {"op": "edit-cell", "row": 2, "column": "COLL_INSEE", "value": "35238"},
    {"op": "map-to-enum", "column": "ENFANT_SEXE", "enum": ["M", "F", "I"], "mapping": {"H": "M"}},
    {"op": "find-replace", "column": "ENFANT_PRENOM", "find": "Ad am", "replace": "Adam", "whole_cell": True},
    {"op": "change-case", "column": "ENFANT_PRENOM", "mode": "first-letter"},  # AlexAndre fixed, AssiaAmélie broken
]


def play_to_the_workshop(scenario):
    rec = MemoryRecorder()
    s = PlaySession(scenario, "Camille", REG, rec, clock=Clock(), datasets=ScenarioDatasets({"prenoms": FOLDER}))
    s.begin()
    for _ in scenario.step("consigne").lines[1:]:
        s.do(NextLine("consigne"))
    s.do(Choose("consigne", 0))
    s.do(Proceed("consigne"))
    assert s.step.id == "nettoyage"
    return s, rec


def clean(s, recipe):
    for entry in recipe:
        s.do(ApplyOperation("nettoyage", operation_from_json(entry)))
    return s.clean_work()


def judged(scenario, rec):
    fw, _problems = load_framework()
    a = assess(rec.statements, scenario, fw)
    levels = {c.competency: c.level for c in a.competencies}
    return a, levels, debrief(a, fw, "", scenario)


def test_a_valid_file_with_a_falsified_first_name_is_not_the_goal_nor_full_marks():
    scenario = load_scenario(FOLDER).scenario
    s, rec = play_to_the_workshop(scenario)
    work = clean(s, VALID_BUT_WRONG)
    o = work.objectives()
    assert o.errors_left == 0  # the schema is satisfied…
    assert not o.reached and not s.step_done()  # …but the goal is not: one value is wrong
    line = goal_line(o, s.step)
    assert "Objectif atteint" not in line.text and line.tone == "warning"
    assert "« AssiaAmélie » devenu « Assiaamélie » (ENFANT_PRENOM)" in line.text
    with pytest.raises(ActionRefused):
        s.do(Proceed("nettoyage"))
    s.do(Proceed("nettoyage", force=True))  # the learner gives up, scored as is

    a, levels, view = judged(scenario, rec)
    assert a.score < 1.0
    assert levels["B3"] != "maitrise"
    criteria = {name: score for name, score, _d, _c in work.criteria()}
    assert criteria["donnees-justes"] == pytest.approx(6 / 7)
    review = [r for r in view.to_review if "Données justes" in r[0]]
    assert review and "ligne 7, ENFANT_PRENOM : « AssiaAmélie » devenu « Assiaamélie », attendu « Assia-Amélie »" in review[0][1]


def test_the_reference_path_still_earns_full_marks_on_correct_data():
    scenario = load_scenario(FOLDER).scenario
    s, rec = play_to_the_workshop(scenario)
    work = clean(s, s.step.reference)
    assert work.objectives().reached and work.surprise is None
    assert "Objectif atteint" in goal_line(work.objectives(), s.step).text
    s.do(Proceed("nettoyage"))
    a, levels, _view = judged(scenario, rec)
    assert a.score == 1.0
    stored = {st["object"]["id"].rsplit("/", 1)[1]: st["result"]["score"]["scaled"]
              for st in rec.statements if "/criteria/" in st["object"]["id"]}
    assert stored["donnees-justes"] == 1.0 and stored["donnees-preservees"] == 1.0


def test_a_value_the_author_accepts_besides_the_reference_is_right():
    scenario = load_scenario(FOLDER).scenario
    step = scenario.step("nettoyage")
    assert isinstance(step, CleanStep)
    note = dataclasses.replace(step.column_note("ENFANT_PRENOM"), accept=(("Assia-Amélie", ("Assia_Amélie",)),))
    accepting = dataclasses.replace(scenario, steps=tuple(
        dataclasses.replace(x, columns=(note,)) if x.id == "nettoyage" else x for x in scenario.steps))
    recipe = [*step.reference[:5],
              {"op": "find-replace", "column": "ENFANT_PRENOM", "find": "AssiaAmélie", "replace": "Assia_Amélie",
               "whole_cell": True}]
    for sc, right in ((scenario, False), (accepting, True)):
        s, _rec = play_to_the_workshop(sc)
        work = clean(s, recipe)
        assert (work.surprise is None) is right
        assert work.comparison().wrong == (0 if right else 1)
        criteria = {name: score for name, score, _d, _c in work.criteria()}
        assert (criteria["donnees-justes"] == 1.0) is right
