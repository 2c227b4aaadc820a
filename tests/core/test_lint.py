"""Lint rules on the scenario model: paths between steps follow the play session's moves."""

import copy
from pathlib import Path

import pytest
import yaml

from game.core.build import build_scenario
from game.core.facts import citation
from game.core.lint import (
    FACT_PATTERN,
    LintContext,
    assessed_competencies,
    lint,
    reachable,
    reference_evidence,
)
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
    assert [(p.code, p.severity, path_text(p.path)) for p in found if p.code == "loop"] == [("loop", "error", "steps[1].next")]


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
    assert ("unassessed-competency", "competencies[2]") in codes(d)
    assert ("unassessed-competency", "competencies[2]") not in codes(d, assessed={"publier": ("A2",)})
    assert ("unassessed-competency", "competencies[0]") in codes(d, assessed={"nettoyage": ("B2",)})  # no B3


CITED = {  # text: the citation quoted in the warning
    "l'article L312-1-1 du CRPA": "article L312-1-1 du CRPA",
    "le décret n° 2016-1922": "le décret n° 2016-1922",
    "Voir la loi pour une République numérique.": "la loi pour une République numérique",
    "la loi n° 2016-1321 du 7 octobre 2016 pour une République numérique": "la loi n° 2016-1321 du 7 octobre 2016 pour",
    "avis n° 20174366": "avis n° 20174366",
    "selon la CNIL, oui": "CNIL",
    "the GDPR": "GDPR",
    "La loi nous y oblige.": "La loi nous y oblige",
    "Une loi « Informatique et libertés » existe": "loi « Informatique et libertés » existe",
    "le code général des collectivités territoriales": "code général des collectivités territoriales",
    "le code des relations entre le public et l'administration": "code des relations entre le public et l'administration",
    "le Code du patrimoine": "Code du patrimoine",
    "le code civil": "code civil",
    "l'arrêté du 17 novembre 2017": "arrêté du 17 novembre 2017",
    "l'arrêté n° 2020-12": "arrêté n° 2020-12",
    "la directive (UE) 2019/1024": "directive (UE) 2019/1024",
    "le règlement (UE) 2016/679": "règlement (UE) 2016/679",
    "décret du 28 décembre 2016": "décret du 28 décembre 2016",
    "L2121-25 du CGCT": "L2121-25 du CGCT",
    "Law No. 2016-1321": "Law No. 2016-1321",
    "the law requires it": "the law requires it",
}
PLAIN = ["Je prépare un article sur les subventions", "Nous sommes 850 habitants et 4 agents.",
         "Le fichier compte 2016 lignes.", "Une belle loire", "le code de la commune", "le code du département",
         "Le bus s'est arrêté.", "Il s'est arrêté devant la mairie", "la directive de votre cheffe", "D 2023-01",
         "law of large numbers", "the law of large numbers", "la loi des grands nombres", "la loi normale",
         "le code INSEE", "le code postal", "le code du projet lauréat", "le règlement intérieur de la médiathèque",
         "Suivez les directives", "ordonnance du médecin", "the regulations"]


@pytest.mark.parametrize("text", sorted(CITED))
def test_a_citation_of_a_legal_text_or_an_authority_is_quoted_whole(text):
    assert FACT_PATTERN.search(text)
    assert citation(text) == CITED[text]


@pytest.mark.parametrize("text", PLAIN)
def test_words_that_only_look_legal_are_no_citation(text):
    assert citation(text) is None and not FACT_PATTERN.search(text)


def test_an_unsourced_fact_is_reported_once_per_item_at_the_text_that_cites():
    d = doc("mini")
    q = d["steps"][1]["questions"][1]
    q["prompt"] = "Le décret n° 2016-1922 ?"
    q["explanation"] = "Oui, l'article L312-1-1."
    assert codes(d) == [("unsourced-fact", "steps[1].questions[1].prompt")]
    d2 = copy.deepcopy(d)
    d2["steps"][1]["questions"][1]["sources"] = ["loi"]
    assert codes(d2) == []


def _thin(d, **ctx):
    return [(path_text(p.path), p.message.format_source(), p.hint.format_source())
            for p in lint(LintContext(build(d), min_evidence=2, **ctx)) if p.code == "insufficient-evidence"]


def test_a_competency_a_faultless_run_meets_once_gets_a_warning_with_how_many_items_to_add():
    d = doc("mini")  # A1: the dialogue and the two questions; B4: the two cards
    del d["steps"][2]["cards"][1]
    assert _thin(d) == [("competencies[1]",
                         "Un parcours sans faute ne rencontre qu'un seul élément noté pour la compétence B4, or le "
                         "référentiel en demande au moins 2 : le bilan affichera toujours « pas assez d'éléments » "
                         "pour elle.",
                         "Ajoutez au moins un élément noté pour B4 (question, carte, choix noté…) sur le chemin d'un "
                         "parcours sans faute.")]
    assert _thin(doc("mini")) == []
    assert [p for p in lint(LintContext(build(d))) if p.code == "insufficient-evidence"] == []  # no framework: off


def test_items_counted_are_those_of_the_path_a_faultless_run_takes():
    d = doc("mini")
    d["steps"][0]["choices"][0]["next"] = "tri"  # the right choice skips the quiz: one A1 item left
    assert reference_evidence(build(d)) == {"A1": 1, "B4": 2}
    assert [t[0] for t in _thin(d)] == ["competencies[0]"]
    d["steps"][0]["choices"][0]["next"] = "quiz"
    d["steps"][0]["choices"][1]["next"] = "tri"  # only the wrong choice skips it
    assert reference_evidence(build(d)) == {"A1": 3, "B4": 2}


def test_ungraded_choices_may_lead_anywhere_the_best_branch_counts():
    d = doc("mini")
    for c in d["steps"][0]["choices"]:
        del c["grade"]  # the dialogue no longer assesses A1; both choices stay open to a faultless run
    d["steps"][0]["choices"][0]["next"] = "tri"
    assert reference_evidence(build(d))["A1"] == 2  # the quiz, through the second choice
    assert _thin(d) == []
    d["steps"][1]["questions"][1]["competencies"] = ["B4"]
    assert [t[0] for t in _thin(d)] == ["competencies[0]"]


def test_a_data_step_storage_could_not_measure_never_causes_the_warning():
    d = doc("publication")  # claims B3 and D1; the clean step's criteria are B3 (unmeasured here)
    assert _thin(d) == []
    assert [t[0] for t in _thin(d, assessed={"nettoyage": ("B3",)})] == ["competencies[0]"]
