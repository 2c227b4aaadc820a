"""Checking answers against the answer computed from the learner's published table."""

import pytest

from game.core.reuse import (
    AnswerSpec,
    ExpectedAnswer,
    Filter,
    Query,
    QueryError,
    check_answer,
    expected_answer,
)
from game.core.reuse import run_query as run
from game.core.reuse.answers import split_answer

from .tables import BADLY_CLEANED, SUBSIDIES


def number(value, tolerance=0.0, relative=0.0):
    return ExpectedAnswer("number", number=value, tolerance=tolerance, relative=relative)


def items(*values, kind="list"):
    return ExpectedAnswer(kind, items=values)


# -- expected answers -------------------------------------------------------------------------------

def test_the_expected_number_is_the_single_value_of_the_result():
    result = run(SUBSIDIES, Query(filters=(Filter("objet", "contains", "sport"),), aggregate="sum", measure="montant"))
    assert expected_answer(result, AnswerSpec("number")).number == 19500.5


def test_the_expected_number_is_the_aggregate_of_a_group_or_the_sum_of_a_column():
    grouped = run(SUBSIDIES, Query(group_by=("nomBeneficiaire",), aggregate="sum", measure="montant",
                                   sort="montant", descending=True, top=1))
    assert expected_answer(grouped, AnswerSpec("number")).number == 14000.0
    rows = run(SUBSIDIES, Query(filters=(Filter("nomAttribuant", "=", "Sicoval"),), select=("montant",)))
    assert expected_answer(rows, AnswerSpec("number", column="montant")).number == 2540.0


def test_the_expected_list_is_the_distinct_values_of_the_first_column():
    result = run(SUBSIDIES, Query(filters=(Filter("objet", "contains", "sport"),), select=("nomBeneficiaire",)))
    assert expected_answer(result, AnswerSpec("list")).items == ("Cercle Paul Bert", "Rennes Volley 35")


def test_the_expected_text_is_the_first_cell():
    result = run(SUBSIDIES, Query(select=("nomBeneficiaire", "montant"), sort="montant", descending=True))
    assert expected_answer(result, AnswerSpec("text")).items == ("Cercle Paul Bert",)


def test_an_empty_result_cannot_answer_and_says_why():
    result = run(SUBSIDIES, Query(filters=(Filter("nomAttribuant", "=", "SICOVAL"),), select=("nomBeneficiaire",)))
    expected = expected_answer(result, AnswerSpec("list"))
    assert expected.unanswerable is not None
    check = check_answer("Cercle Paul Bert", expected)
    assert not check.ok and "aucune ligne dans le fichier publié" in check.message.format_source()


def test_an_expected_answer_keeps_the_skipped_cells_of_a_badly_cleaned_file():
    result = run(BADLY_CLEANED, Query(aggregate="sum", measure="montant"))
    expected = expected_answer(result, AnswerSpec("number"))
    assert expected.number == 14000.0 and expected.skipped == 3


def test_an_unknown_answer_column_has_a_did_you_mean():
    result = run(SUBSIDIES, Query(aggregate="sum", measure="montant"))
    with pytest.raises(QueryError) as caught:
        expected_answer(result, AnswerSpec("number", column="montnat"))
    assert caught.value.hint.format_source() == "Vouliez-vous dire « montant » ?"


def test_answer_spec_json():
    spec = AnswerSpec.from_json({"kind": "number", "tolerance": 1, "column": "montant"})
    assert spec == AnswerSpec("number", 1.0, 0.0, "montant") and AnswerSpec.from_json(spec.to_json()) == spec
    with pytest.raises(QueryError) as caught:
        AnswerSpec.from_json({"kind": "nombre"})
    assert caught.value.message.format_source() == "Type de réponse inconnu : « nombre »."


# -- numbers ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("given", ["12345,5", "12 345,5", "12\u00a0345,50", "12\u202f345,5 €", "12,345.5",
                                   "12345.5", "12.345,5"])
def test_a_number_typed_the_french_or_english_way_is_right(given):
    check = check_answer(given, number(12345.5))
    assert check.ok and check.expected_text == "12345.5"
    assert check.message.kwargs == {"expected": 12345.5}


def test_a_wrong_number_says_what_was_expected_as_a_number_param():
    check = check_answer("12 000", number(12345.5))
    assert not check.ok
    assert check.message.msgid == "La réponse attendue, calculée sur le fichier que vous avez publié, est {expected}."
    assert check.message.kwargs == {"expected": 12345.5}


@pytest.mark.parametrize(("given", "ok"), [("12 346", True), ("12 344,5", True), ("12 347", False)])
def test_absolute_tolerance(given, ok):
    assert check_answer(given, number(12345.5, tolerance=1)).ok is ok


@pytest.mark.parametrize(("given", "ok"), [("12 000", True), ("13 500", True), ("13 700", False)])
def test_relative_tolerance(given, ok):
    assert check_answer(given, number(12345.5, relative=0.1)).ok is ok


def test_a_text_that_is_not_a_number_gets_its_own_message():
    check = check_answer("douze mille", number(12000))
    assert not check.ok
    assert check.message.format_source() == ("« douze mille » n'est pas un nombre : écrivez-le en chiffres, "
                                             "par exemple 12\u00a0000 ou 12\u00a0000,50.")


def test_a_comma_taken_for_a_thousands_separator_is_explained():
    check = check_answer("12,345", number(12345))
    assert not check.ok and "se lit comme un nombre à virgule" in check.message.format_source()
    assert check_answer("1,5", number(1500)).message.msgid.startswith("La réponse attendue")


def test_an_empty_answer_is_not_checked():
    assert check_answer("  ", number(1)).message.format_source() == "Écrivez votre réponse avant de la valider."


# -- lists and texts --------------------------------------------------------------------------------

def test_a_list_in_any_order_with_et_is_right():
    expected = items("Cercle Paul Bert", "Rennes Volley 35", "Théâtre du Cercle")
    assert check_answer("Rennes Volley 35, theatre du cercle et CERCLE PAUL BERT", expected).ok
    assert check_answer("Théâtre du Cercle ; Cercle Paul Bert\nRennes Volley 35.", expected).ok


def test_a_name_containing_et_or_a_comma_stays_whole():
    expected = items("Club de couture et d'activités manuelles", "Comité, des fêtes", "Sicoval")
    assert check_answer("Sicoval, club de couture et d’activites manuelles et Comité, des fêtes", expected).ok
    assert split_answer("A, B et C") == ["A", "B", "C"]


def test_a_wrong_list_says_what_is_missing_and_extra():
    check = check_answer("Cercle Paul Bert et Sicoval", items("Cercle Paul Bert", "Rennes Volley 35"))
    assert not check.ok
    assert check.missing == ("Rennes Volley 35",) and check.extra == ("Sicoval",)
    assert check.message.format_source() == ("Les réponses attendues, calculées sur le fichier que vous avez "
                                             "publié, sont : Cercle Paul Bert, Rennes Volley 35.")


def test_a_text_answer_ignores_case_accents_and_punctuation():
    expected = items("Les Toiles de l'Hers", kind="text")
    assert check_answer("les toiles de l’hers", expected).ok
    check = check_answer("Le Périscope", expected)
    assert not check.ok and check.expected_text == "Les Toiles de l'Hers"
