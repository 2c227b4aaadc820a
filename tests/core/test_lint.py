"""Lint rules on the scenario model: paths between steps follow the play session's moves."""

import copy
from pathlib import Path

import yaml

from game.core.build import build_scenario
from game.core.lint import FACT_PATTERN, LintContext, assessed_competencies, lint, reachable
from game.core.problems import path_text

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


def doc(name):
    return yaml.load((FIX / name / "scenario.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def build(d):
    scenario, problems = build_scenario(d)
    assert problems == []
    return scenario


def codes(d, **ctx):
    return [(p.code, path_text(p.path)) for p in lint(LintContext(build(d), **ctx))]


def test_steps_reached_only_through_publishing_consequences_are_reachable():
    d = doc("publication")
    assert codes(d) == []
    del d["steps"][1]["consequences"]
    assert codes(d) == [("unreachable-step", "steps[2].id"), ("unreachable-step", "steps[3].id")]


def test_a_choice_that_jumps_ahead_leaves_the_skipped_step_reachable_by_the_other_choice():
    d = doc("mini")
    d["steps"][0]["choices"][0]["next"] = "tri"
    assert reachable(build(d)) == {"intro", "quiz", "tri", "bilan"}
    d["steps"][0]["choices"][1]["next"] = "tri"
    assert reachable(build(d)) == {"intro", "tri", "bilan"}


def test_a_step_that_sends_back_to_itself_is_a_loop():
    d = doc("mini")
    d["steps"][1]["next"] = "quiz"
    found = lint(LintContext(build(d)))
    assert [(p.code, p.severity, path_text(p.path)) for p in found if p.code == "loop"] == [("loop", "erreur", "steps[1].next")]


def test_branches_that_join_again_are_not_a_loop():
    d = doc("mini")
    d["steps"][0]["choices"][0]["next"] = "tri"  # one choice skips the quiz, both meet at the sort
    assert codes(d) == []


def test_a_dialogue_without_graded_choices_assesses_nothing():
    d = doc("mini")
    for c in d["steps"][0]["choices"]:
        del c["grade"]
    d["steps"][1]["competencies"] = ["B4"]  # the quiz no longer assesses A1 either
    assert "A1" not in assessed_competencies(build(d))
    assert codes(d) == [("unassessed-competency", "competencies[0]")]


def test_data_steps_assess_what_storage_measured_on_the_reference_path():
    d = doc("publication")
    d["competencies"].append("A2")
    assert ("unassessed-competency", "competencies[6]") in codes(d)
    assert ("unassessed-competency", "competencies[6]") not in codes(d, assessed={"publier": frozenset({"A2"})})
    assert ("unassessed-competency", "competencies[0]") in codes(d, assessed={"nettoyage": frozenset({"B2"})})  # no B3


def test_facts_are_citations_of_legal_texts_or_authorities():
    cited = ["l'article L312-1-1 du CRPA", "le décret n° 2016-1922", "la loi pour une République numérique",
             "avis n° 20174366", "selon la CNIL", "the GDPR"]
    plain = ["Je prépare un article sur les subventions", "Nous sommes 850 habitants et 4 agents.",
             "Le fichier compte 2016 lignes.", "Une belle loire"]
    assert all(FACT_PATTERN.search(t) for t in cited)
    assert not any(FACT_PATTERN.search(t) for t in plain)


def test_an_unsourced_fact_is_reported_once_per_item_at_the_text_that_cites():
    d = doc("mini")
    q = d["steps"][1]["questions"][1]
    q["prompt"] = "Le décret de 2016 ?"
    q["explanation"] = "Oui, l'article L312-1-1."
    assert codes(d) == [("unsourced-fact", "steps[1].questions[1].prompt")]
    d2 = copy.deepcopy(d)
    d2["steps"][1]["questions"][1]["sources"] = ["loi"]
    assert codes(d2) == []
