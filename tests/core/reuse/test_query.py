"""Filtering, grouping, aggregating, sorting a published table."""

import pytest

from game.core.reuse import Filter, Query, QueryError, run_query, skipped_note

from .tables import BADLY_CLEANED, NOT_A_NUMBER, SUBSIDIES, table


def names(result, column="nomBeneficiaire"):
    return [r[result.header.index(column)] for r in result.rows]


def where(column, op, value=""):
    return run_query(SUBSIDIES, Query(filters=(Filter(column, op, value),), select=("nomBeneficiaire",)))


# -- filters ---------------------------------------------------------------------------------------

def test_equal_keeps_cells_written_exactly_so():
    assert names(where("nomAttribuant", "=", "Sicoval")) == [
        "Cercle Paul Bert", "Les Toiles de l'Hers", "Club de couture et d'activités manuelles"]
    assert names(where("nomAttribuant", "=", "SICOVAL")) == []  # case matters: that is what cleaning is for


def test_equal_compares_numbers_as_numbers():
    assert names(where("montant", "=", "12 000")) == ["Cercle Paul Bert"]
    assert names(where("montant", "=", "5500,50")) == ["Rennes Volley 35"]


def test_equal_to_nothing_keeps_blank_cells():
    assert names(where("montant", "=")) == ["Les Toiles de l'Hers"]


def test_not_equal_keeps_the_other_rows():
    assert names(where("nomAttribuant", "!=", "Sicoval")) == ["Cercle Paul Bert", "Rennes Volley 35",
                                                              "Théâtre du Cercle"]


def test_contains_ignores_case_and_accents():
    assert names(where("objet", "contains", "sport")) == ["Cercle Paul Bert", "Rennes Volley 35", "Cercle Paul Bert"]
    assert names(where("nomBeneficiaire", "contains", "THEATRE")) == ["Théâtre du Cercle"]


def test_starts_with_ignores_case_and_accents():
    assert names(where("objet", "starts-with", "equipe")) == ["Rennes Volley 35"]


@pytest.mark.parametrize(("op", "value", "expected"), [
    (">", "5500,5", ["Cercle Paul Bert", "Théâtre du Cercle"]),
    (">=", "5500.5", ["Cercle Paul Bert", "Rennes Volley 35", "Théâtre du Cercle"]),
    ("<", "2 000", ["Club de couture et d'activités manuelles"]),
    ("<=", "2000 €", ["Cercle Paul Bert", "Club de couture et d'activités manuelles"]),
])
def test_order_filters_compare_numbers_numerically(op, value, expected):
    assert names(where("montant", op, value)) == expected


def test_order_filters_compare_iso_dates_at_the_precision_of_the_value():
    assert names(where("dateConvention", "<=", "2017")) == ["Cercle Paul Bert", "Rennes Volley 35",
                                                            "Cercle Paul Bert", "Club de couture et d'activités manuelles"]
    assert names(where("dateConvention", ">", "2017-06")) == ["Théâtre du Cercle", "Cercle Paul Bert",
                                                              "Les Toiles de l'Hers"]
    assert names(where("dateConvention", ">=", "2018-05-04")) == ["Les Toiles de l'Hers"]


def test_order_filters_compare_text_alphabetically_without_accents():
    assert names(where("nomBeneficiaire", ">=", "s")) == ["Théâtre du Cercle"]


def test_empty_and_not_empty():
    assert names(where("montant", "empty")) == ["Les Toiles de l'Hers"]
    assert len(where("montant", "not-empty").rows) == 5


def test_filters_combine_with_and():
    result = run_query(SUBSIDIES, Query(filters=(Filter("nomAttribuant", "=", "Sicoval"),
                                                 Filter("montant", ">", "1000")), select=("nomBeneficiaire",)))
    assert names(result) == ["Cercle Paul Bert"]
    assert result.rows_matched == 1


def test_cells_that_cannot_be_compared_do_not_match_and_are_counted():
    result = run_query(BADLY_CLEANED, Query(filters=(Filter("montant", ">", "1000"),)))
    assert names(result) == ["Cercle Paul Bert", "Cercle Paul Bert"]
    assert result.skipped == 3
    assert result.skipped_examples == ("5 500,50", "8000 €")
    dated = run_query(BADLY_CLEANED, Query(filters=(Filter("dateConvention", ">=", "2017-01-01"),)))
    assert dated.rows_matched == 3 and dated.skipped_examples == ("15/06/2017",)


# -- group and aggregate ---------------------------------------------------------------------------

def test_sum_by_group_names_the_result_after_the_measure():
    result = run_query(SUBSIDIES, Query(group_by=("nomAttribuant",), aggregate="sum", measure="montant"))
    assert result.header == ("nomAttribuant", "montant")
    assert result.rows == (("Ville de Rennes", 25500.5), ("Sicoval", 2540.0))
    assert result.rows_matched == 6 and result.skipped == 0  # a blank cell is not a skipped one


@pytest.mark.parametrize(("aggregate", "rennes", "sicoval"), [
    ("count", 3, 3), ("mean", 25500.5 / 3, 1270.0), ("min", 5500.5, 540.0), ("max", 12000.0, 2000.0),
])
def test_aggregates_by_group(aggregate, rennes, sicoval):
    result = run_query(SUBSIDIES, Query(group_by=("nomAttribuant",), aggregate=aggregate, measure="montant"))
    assert dict(result.rows) == {"Ville de Rennes": pytest.approx(rennes), "Sicoval": pytest.approx(sicoval)}
    assert result.header[-1] == ("nombre" if aggregate == "count" else "montant")


def test_count_distinct_counts_different_values():
    result = run_query(SUBSIDIES, Query(aggregate="count-distinct", measure="nomBeneficiaire"))
    assert result.header == ("nombre",) and result.rows == ((5,),)


def test_aggregate_without_group_gives_one_row():
    result = run_query(SUBSIDIES, Query(filters=(Filter("objet", "contains", "sport"),), aggregate="sum",
                                        measure="montant"))
    assert result.rows == ((19500.5,),) and result.rows_matched == 3


def test_sum_of_no_row_is_zero_and_mean_is_none():
    nothing = (Filter("nomAttribuant", "=", "Paris"),)
    assert run_query(SUBSIDIES, Query(nothing, aggregate="sum", measure="montant")).rows == ((0.0,),)
    assert run_query(SUBSIDIES, Query(nothing, aggregate="mean", measure="montant")).rows == ((None,),)
    assert run_query(SUBSIDIES, Query(nothing, group_by=("nomAttribuant",), aggregate="sum",
                                      measure="montant")).rows == ()


def test_group_without_aggregate_counts_rows():
    result = run_query(SUBSIDIES, Query(group_by=("nomBeneficiaire",), sort="nombre", descending=True, top=1))
    assert result.header == ("nomBeneficiaire", "nombre") and result.rows == (("Cercle Paul Bert", 2),)


def test_group_by_two_columns():
    result = run_query(SUBSIDIES, Query(group_by=("nomAttribuant", "nomBeneficiaire"), aggregate="count"))
    assert result.rows[0] == ("Ville de Rennes", "Cercle Paul Bert", 1) and len(result.rows) == 6


def test_aggregate_named_like_a_group_column_gets_a_suffix():
    result = run_query(SUBSIDIES, Query(group_by=("montant",), aggregate="sum", measure="montant"))
    assert result.header == ("montant", "montant (somme)")


def test_sum_skips_cells_that_are_not_numbers_and_counts_them():
    result = run_query(BADLY_CLEANED, Query(aggregate="sum", measure="montant"))
    assert result.rows == ((14000.0,),)
    assert result.skipped == 3 and result.skipped_examples == ("5 500,50", "8000 €")
    note = skipped_note(result)
    assert note is not None and "3, par exemple « 5 500,50 »" in note.format_source()
    assert skipped_note(run_query(SUBSIDIES, Query())) is None


def test_a_measure_without_any_number_makes_the_sum_impossible():
    with pytest.raises(QueryError) as caught:
        run_query(NOT_A_NUMBER, Query(aggregate="sum", measure="montant"))
    assert caught.value.message.format_source() == (
        "Aucune valeur de la colonne « montant » n'est un nombre, par exemple « 2 400,00 € » : "
        "la somme est impossible.")
    assert "point décimal" in caught.value.hint.format_source()


# -- sort and top ----------------------------------------------------------------------------------

def test_sort_numbers_numerically_blanks_last():
    result = run_query(SUBSIDIES, Query(select=("nomBeneficiaire", "montant"), sort="montant"))
    assert [r[1] for r in result.rows] == ["540", "2000", "5500.5", "8000", "12000", ""]
    result = run_query(SUBSIDIES, Query(select=("montant",), sort="montant", descending=True))
    assert [r[0] for r in result.rows] == ["12000", "8000", "5500.5", "2000", "540", ""]


def test_sort_text_ignoring_case_and_accents_and_by_a_column_not_selected():
    t = table(["nom", "rang"], ["zoé", "1"], ["Émile", "2"], ["arthur", "3"], ["Ecole", "4"])
    assert [r[0] for r in run_query(t, Query(select=("rang",), sort="nom")).rows] == ["3", "4", "2", "1"]


def test_sort_an_aggregate_and_keep_the_top():
    result = run_query(SUBSIDIES, Query(group_by=("nomBeneficiaire",), aggregate="sum", measure="montant",
                                        sort="montant", descending=True, top=2))
    assert result.rows == (("Cercle Paul Bert", 14000.0), ("Théâtre du Cercle", 8000.0))
    assert result.rows_matched == 6


def test_without_aggregate_all_columns_are_kept():
    result = run_query(SUBSIDIES, Query(top=1))
    assert result.header == SUBSIDIES.header and result.rows == (SUBSIDIES.row(0),)


# -- errors ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "message", "hint"), [
    (Query(filters=(Filter("montnat", ">", "1"),)), "La colonne « montnat » n'existe pas dans le fichier.",
     "Vouliez-vous dire « montant » ?"),
    (Query(group_by=("beneficiaire",)), "La colonne « beneficiaire » n'existe pas dans le fichier.",
     "Vouliez-vous dire « nomBeneficiaire » ?"),
    (Query(aggregate="sum", measure="Montant"), "La colonne « Montant » n'existe pas dans le fichier.",
     "Vouliez-vous dire « montant » ?"),
    (Query(filters=(Filter("montant", "contient", "1"),)), "Opération de filtre inconnue : « contient ».",
     "Vouliez-vous dire « contains » ?"),
    (Query(aggregate="somme", measure="montant"), "Calcul inconnu : « somme ».", None),
    (Query(aggregate="summ", measure="montant"), "Calcul inconnu : « summ ».", "Vouliez-vous dire « sum » ?"),
    (Query(aggregate="mean"), "Choisissez la colonne sur laquelle faire le calcul « moyenne ».", None),
    (Query(top=0), "Le nombre de lignes à garder doit être au moins 1 (ici : 0).", None),
    (Query(group_by=("nomAttribuant",), aggregate="sum", measure="montant", sort="somme"),
     "La colonne « somme » n'existe pas dans le fichier.", None),
    (Query(aggregate="count", sort="nombres"), "La colonne « nombres » n'existe pas dans le fichier.",
     "Vouliez-vous dire « nombre » ?"),
    (Query(filters=(Filter("objet", "contains", " "),)), "Le filtre sur « objet » n'a pas de valeur.", None),
])
def test_query_errors_are_french_with_did_you_mean(query, message, hint):
    with pytest.raises(QueryError) as caught:
        run_query(SUBSIDIES, query)
    assert caught.value.message.format_source() == message
    assert (caught.value.hint.format_source() if caught.value.hint else None) == hint


def test_count_needs_no_measure():
    assert run_query(SUBSIDIES, Query(aggregate="count")).rows == ((6,),)


def test_top_without_filter_or_sort_keeps_the_first_rows():
    result = run_query(SUBSIDIES, Query(select=("nomBeneficiaire",), top=2))
    assert result.rows == (("Cercle Paul Bert",), ("Rennes Volley 35",)) and result.rows_matched == 6
