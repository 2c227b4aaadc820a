"""« Regrouper les petits effectifs »: rare values hidden behind a label, totals kept, undoable, replayable."""

import pytest

from game.core.history import History, replay
from game.core.operations import GroupSmallCounts, OperationError, operation_from_json

from .tables import table

HEADER = ["COMMUNE_NOM", "COLL_INSEE", "ENFANT_SEXE", "ENFANT_PRENOM", "NOMBRE_OCCURRENCES", "ANNEE"]
# rows of shared/reference/scdl/prenoms/DIGNE-PRENOMS-2017.csv (Digne-les-Bains, 2017)
DIGNE = table(
    HEADER,
    ["Digne-les-Bains", "04070", "M", "Aaron", "2", "2017"],
    ["Digne-les-Bains", "04070", "F", "Abbygael", "1", "2017"],
    ["Digne-les-Bains", "04070", "F", "Aby", "1", "2017"],
    ["Digne-les-Bains", "04070", "M", "Alexandre", "1", "2017"],
    ["Digne-les-Bains", "04070", "M", "Louis", "7", "2017"],
    ["Digne-les-Bains", "04070", "F", "Giulia", "4", "2017"],
)
GROUP = GroupSmallCounts("NOMBRE_OCCURRENCES", "ENFANT_PRENOM", 2, "Autres-Prénoms")


def births(t, sex=None):
    return sum(int(n) for s, n in zip(t.column("ENFANT_SEXE"), t.column("NOMBRE_OCCURRENCES"), strict=True)
               if sex in (None, s))


def test_counts_of_one_become_one_row_per_sex_and_no_first_name_given_once_is_left():
    result = GROUP.apply(DIGNE)
    t = result.table
    assert list(zip(t.column("ENFANT_SEXE"), t.column("ENFANT_PRENOM"), t.column("NOMBRE_OCCURRENCES"),
                    strict=True)) == [
        ("M", "Aaron", "2"), ("F", "Autres-Prénoms", "2"), ("M", "Autres-Prénoms", "1"),
        ("M", "Louis", "7"), ("F", "Giulia", "4")]
    assert not {"Abbygael", "Aby", "Alexandre"} & set(t.column("ENFANT_PRENOM"))
    # the grouped row keeps the number of the first row it gathers: comparisons follow it
    assert t.row_numbers == (2, 3, 5, 6, 7)
    assert result.rows_changed
    assert result.summary.format_source() == (
        "Effectifs inférieurs à 2 regroupés sous « Autres-Prénoms » : 3 lignes devenues 2.")


def test_totals_stay_right_per_sex_and_overall():
    t = GROUP.apply(DIGNE).table
    assert (births(t), births(t, "F"), births(t, "M")) == (births(DIGNE), births(DIGNE, "F"), births(DIGNE, "M"))


def test_a_higher_threshold_hides_more_first_names():
    t = GroupSmallCounts("NOMBRE_OCCURRENCES", "ENFANT_PRENOM", 3, "Autres").apply(DIGNE).table
    assert list(t.column("ENFANT_PRENOM")) == ["Autres", "Autres", "Louis", "Giulia"]
    assert list(t.column("NOMBRE_OCCURRENCES")) == ["3", "2", "7", "4"]


def test_groups_follow_the_other_columns_the_year_too():
    t = table(HEADER, ["Digne-les-Bains", "04070", "F", "Aby", "1", "2016"],
              ["Digne-les-Bains", "04070", "F", "Ada", "1", "2017"])
    assert list(GROUP.apply(t).table.column("ANNEE")) == ["2016", "2017"]


def test_a_cell_that_is_not_a_count_is_left_alone_and_counted():
    t = table(HEADER, ["Digne-les-Bains", "04070", "F", "Aby", "un", "2017"],
              ["Digne-les-Bains", "04070", "F", "Ada", "1", "2017"])
    result = GROUP.apply(t)
    assert list(result.table.column("ENFANT_PRENOM")) == ["Aby", "Autres-Prénoms"]
    assert result.cells_skipped == 1


def test_nothing_under_the_threshold_changes_nothing_and_says_so():
    t = table(HEADER, ["Digne-les-Bains", "04070", "M", "Louis", "7", "2017"])
    result = GROUP.apply(t)
    assert result.table == t and not result.rows_changed
    assert result.summary.format_source().startswith("Aucun effectif inférieur à 2")


@pytest.mark.parametrize(("op", "message"), [
    (GroupSmallCounts("NOMBRE_OCCURENCES", "ENFANT_PRENOM", 2, "Autres"),
     "Colonne introuvable : « NOMBRE_OCCURENCES ». Vouliez-vous dire « NOMBRE_OCCURRENCES » ?"),
    (GroupSmallCounts("NOMBRE_OCCURRENCES", "ENFANT_PRENOM", 1, "Autres"),
     "Le seuil doit valoir au moins 2 : les effectifs inférieurs au seuil sont regroupés."),
    (GroupSmallCounts("NOMBRE_OCCURRENCES", "ENFANT_PRENOM", 2, "  "),
     "Donnez un libellé à la ligne de regroupement (par exemple « Autres »)."),
    (GroupSmallCounts("NOMBRE_OCCURRENCES", "NOMBRE_OCCURRENCES", 2, "Autres"),
     "La colonne des effectifs et la colonne regroupée doivent être différentes."),
])
def test_wrong_parameters_get_a_french_message(op, message):
    with pytest.raises(OperationError) as e:
        op.apply(DIGNE)
    assert e.value.message.format_source() == message


def test_undo_brings_every_first_name_back():
    history = History(DIGNE).apply(GROUP)
    assert history.table.nrows == 5
    assert history.undo().table == DIGNE


def test_recipe_json_replays_on_next_years_file():
    recipe = History(DIGNE).apply(GROUP).recipe()
    assert recipe == [{"op": "group-small-counts", "column": "NOMBRE_OCCURRENCES", "label_column": "ENFANT_PRENOM",
                       "threshold": 2, "to": "Autres-Prénoms"}]
    assert operation_from_json(recipe[0]) == GROUP
    next_year = table(HEADER, ["Digne-les-Bains", "04070", "F", "Zoé", "1", "2018"],
                      ["Digne-les-Bains", "04070", "F", "Jade", "5", "2018"])
    new, _results, problems = replay(next_year, recipe)
    assert problems == [] and list(new.column("ENFANT_PRENOM")) == ["Autres-Prénoms", "Jade"]


def test_a_threshold_written_as_text_in_a_recipe_is_refused_in_french():
    with pytest.raises(OperationError) as e:
        operation_from_json({"op": "group-small-counts", "column": "NOMBRE_OCCURRENCES",
                             "label_column": "ENFANT_PRENOM", "threshold": "3", "to": "Autres"})
    assert e.value.message.format_source() == (
        "Le paramètre « threshold » de l'opération « group-small-counts » doit être un nombre entier.")
