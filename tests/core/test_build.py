"""Building the scenario model from a document: references are checked, problems carry paths."""

import copy
from pathlib import Path

import yaml

from game.core.build import build_scenario, text_fields
from game.core.problems import path_text
from game.core.scenario import DialogueStep, QuizStep, SortStep

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "mini" / "scenario.yaml"
COMPS = frozenset({"A1", "A2", "B4", "C1"})


def doc():
    return yaml.load(MINI.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def test_valid_document_builds_every_step_kind():
    scenario, problems = build_scenario(doc(), COMPS)
    assert problems == []
    assert [type(s) for s in scenario.steps][:3] == [DialogueStep, QuizStep, SortStep]
    assert scenario.following("intro", scenario.steps[0].choices[1]) == "quiz"
    assert scenario.following("quiz") == "tri"
    assert scenario.step("quiz").questions[1].correct_indexes == {1}  # « Faux »


def test_dangling_branch_and_unknown_character_are_reported_with_a_suggestion():
    d = doc()
    d["steps"][0]["choices"][1]["next"] = "quizz"
    d["steps"][0]["lines"][0]["who"] = "mentr"
    scenario, problems = build_scenario(d, COMPS)
    assert scenario is None
    by_path = {path_text(p.path): p for p in problems}
    assert "steps[0].choices[1].next" in by_path
    assert by_path["steps[0].choices[1].next"].hint.kwargs == {"suggestion": "quiz"}
    assert by_path["steps[0].lines[0].who"].hint.kwargs == {"suggestion": "mentor"}


def test_unknown_competency_and_source_and_bin_are_reported():
    d = doc()
    d["steps"][1]["questions"][0]["competencies"] = ["A9"]
    d["steps"][1]["questions"][0]["sources"] = ["lois"]
    d["steps"][2]["cards"][0]["bin"] = "publie"
    _, problems = build_scenario(d, COMPS)
    paths = {path_text(p.path) for p in problems}
    assert {"steps[1].questions[0].competencies[0]", "steps[1].questions[0].sources[0]", "steps[2].cards[0].bin"} <= paths


def test_unique_question_needs_exactly_one_right_option():
    d = doc()
    d["steps"][1]["questions"][0]["options"][1]["correct"] = True
    _, problems = build_scenario(d, COMPS)
    assert [p.message.kwargs["count"] for p in problems] == [2]


def test_duplicate_step_ids_are_reported():
    d = doc()
    d["steps"].insert(1, copy.deepcopy(d["steps"][3]))
    d["steps"][1]["id"] = "intro"
    _, problems = build_scenario(d, COMPS)
    assert any(p.message.kwargs.get("value") == "intro" for p in problems)


def test_text_fields_lists_every_display_string_once():
    scenario, _ = build_scenario(doc(), COMPS)
    fields = text_fields(scenario)
    assert "Première réplique." in fields and "Données personnelles." in fields
    assert len(fields) == len(set(fields))
