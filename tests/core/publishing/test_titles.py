"""A specific title names who, what, where and when — matched without case or accents, on whole words."""

from game.core.publishing import TitleElement, title_check
from game.core.publishing.titles import names

WHO = TitleElement("qui publie", ("haute-garonne", "département"))
WHEN = TitleElement("quand", ("2018",))
WHAT = TitleElement("quoi", ("subventions",))


def test_each_element_is_found_or_not():
    result = title_check("Subventions versées en 2018", (WHO, WHEN, WHAT))
    assert [(e.label, found) for e, found in result] == [("qui publie", False), ("quand", True), ("quoi", True)]


def test_case_and_accents_do_not_matter():
    assert names("SUBVENTIONS DU DEPARTEMENT", "département")
    assert names("subventions du Département", "DEPARTEMENT")


def test_a_year_matches_inside_a_period():
    assert names("Horaires des autobus de Brive pour la période 2018-2019", "2018")
    assert names("Horaires 2018 – 2019", "2019")


def test_words_match_on_word_boundaries_only():
    assert not names("Cours d'Anglais", "an")
    assert not names("Subventions 20180", "2018")
    assert names("Un an de subventions", "an")


def test_a_hyphenated_word_matches_as_a_sequence():
    assert names("Subventions de la Haute-Garonne", "haute-garonne")
    assert names("Subventions de la haute garonne", "Haute-Garonne")
    assert not names("Garonne haute", "haute-garonne")


def test_any_object_with_label_and_words_can_be_checked():
    class Hint:
        label, words = "où", ("roques",)

    ((hint, found),) = title_check("Subventions de Roques", [Hint()])
    assert found and hint.label == "où"


def test_an_empty_title_names_nothing():
    assert all(not found for _e, found in title_check("", (WHO, WHEN)))
