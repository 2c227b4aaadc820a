"""The debrief's words follow the learner's score: « Bravo » from the pass mark on, « Pas encore »
below it, and the scenario's congratulating closing words only for a learner who passed."""

import dataclasses

import pytest

from game.core.assessment import Assessment, pass_mark
from game.core.scenario import DebriefStep
from game.i18n import activate
from game.scenes.debrief import present
from game.scenes.views.text import percent
from game.storage.scenarios import builtin_scenarios_dir, load_framework, load_scenario


@pytest.fixture(autouse=True)
def french():
    activate("fr")


@pytest.fixture(scope="module")
def premiers_pas():
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    framework, problems = load_framework()
    assert framework is not None, problems
    step = next(s for s in scenario.steps if isinstance(s, DebriefStep))
    assert step.intro.startswith("Bravo")  # the shipped closing words congratulate
    return scenario, framework, step


def scored(score: float | None, items: int = 10) -> Assessment:
    return Assessment(score, items, (), (), (), ())


def texts(view) -> str:
    return "\n".join(str(getattr(view, f.name)) for f in dataclasses.fields(view))


def test_half_the_points_under_the_pass_mark_is_no_bravo(premiers_pas):
    scenario, framework, step = premiers_pas
    assert pass_mark(framework) > 0.5
    v = present(scored(0.5), framework, step.intro, scenario)
    assert "Bravo" not in texts(v)
    assert v.passed is False and v.intro == ""
    assert v.verdict.startswith(f"Pas encore : {percent(0.5)}") and percent(pass_mark(framework)) in v.verdict


def test_full_marks_earn_the_bravo_and_the_scenarios_closing_words(premiers_pas):
    scenario, framework, step = premiers_pas
    v = present(scored(1.0), framework, step.intro, scenario)
    assert v.passed is True and v.verdict.startswith(f"Bravo : {percent(1.0)}")
    assert v.intro == step.intro


def test_the_pass_mark_itself_passes_and_no_score_says_nothing_of_the_kind(premiers_pas):
    scenario, framework, step = premiers_pas
    assert present(scored(pass_mark(framework)), framework, step.intro, scenario).verdict.startswith("Bravo")
    v = present(scored(None, 0), framework, step.intro, scenario)
    assert v.passed is None and v.verdict == "" and v.intro == step.intro
