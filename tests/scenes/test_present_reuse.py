"""The reuse desk's view model, built without a window: who asks what, the query builder with its
result and chart (a map when the table has coordinates), the reuser's word when the published
table cannot answer, and the answer once graded."""


import pytest

from game.core.reuse import Filter, Query, run_query
from game.core.scenario import ReuseStep
from game.core.table import Table
from game.i18n import activate
from game.play.reuse import ReuseWork
from game.scenes.views.reuse import (
    MAX_ROWS_SHOWN,
    BuilderView,
    CannotView,
    DeskState,
    OutcomeView,
    open_question,
    present,
    present_result,
)
from game.scenes.views.text import Line

from .test_present_publish import cleaned


@pytest.fixture(autouse=True)
def french():
    activate("fr")


@pytest.fixture(scope="module")
def loaded():
    scenario, clean = cleaned()
    return scenario, next(s for s in scenario.steps if isinstance(s, ReuseStep)), clean.table


def plain(text):
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_the_first_question_opens_the_query_builder_on_the_published_rows(loaded):
    scenario, step, table = loaded
    v = present(scenario, step, ReuseWork(step, table), 0, None, DeskState())
    assert v.counter == "Question 1 sur 2" and v.asker.endswith(" demande :")
    assert v.question == "« Combien d'enfants nés en 2016 ce fichier compte-t-il ? »"
    assert isinstance(v.body, BuilderView) and v.body.result is None and v.body.filters == ""
    assert f"({table.nrows} lignes)" in v.body.rows


def test_the_filters_set_and_the_result_show_with_a_bar_per_row(loaded):
    scenario, step, table = loaded
    work = ReuseWork(step, table)
    filters = (Filter("ANNEE", "=", "2016"),)
    result = run_query(table, Query(filters=filters, group_by=("ENFANT_SEXE",), aggregate="sum",
                                    measure="NOMBRE_OCCURRENCES"))
    v = present(scenario, step, work, 0, None, DeskState(filters=filters, result=result, query_error="",
                                                         exported="Graphique enregistré : x.png"))
    assert v.body.filters == "Filtres : ANNEE est égal à 2016" and v.body.filter_count == 1
    r = v.body.result
    assert r.heading == f"Résultat : {len(result.rows)} ligne(s)" and r.no_match == ""
    assert r.table.split("\n")[0] == "ENFANT_SEXE | NOMBRE_OCCURRENCES"
    assert r.chart.kind == "bar" and [label for label, _v in r.chart.series] == [row[0] for row in result.rows]
    assert (r.chart.x_label, r.chart.y_label) == ("ENFANT_SEXE", "NOMBRE_OCCURRENCES")
    assert r.exported == "Graphique enregistré : x.png"


def test_a_long_result_shows_its_first_rows_and_how_many_more(loaded):
    scenario, step, _table = loaded
    table = Table.from_rows(["nom", "n"], [[f"p{i}", str(i)] for i in range(MAX_ROWS_SHOWN + 5)])
    r = present_result(ReuseWork(step, table), step.challenges[0], DeskState(), run_query(table, Query()))
    lines = r.table.split("\n")
    assert len(lines) == 1 + MAX_ROWS_SHOWN + 1 and lines[-1] == "… et 5 autre(s) ligne(s)"


def test_a_filter_that_keeps_no_row_says_what_to_check(loaded):
    scenario, step, table = loaded
    result = run_query(table, Query(filters=(Filter("COMMUNE_NOM", "=", "RENNES"),)))
    r = present_result(ReuseWork(step, table), step.challenges[0], DeskState(), result)
    assert r.no_match.startswith("Aucune ligne du fichier ne correspond aux filtres") and r.chart is None


def test_a_map_places_the_rows_by_their_coordinate_columns_and_counts_the_others(loaded):
    _scenario, step, _table = loaded
    table = Table.from_rows(["nom_site", "Latitude", "Longitude"],
                            [["Mairie", "48.11", "-1.68"], ["Gare", "48.10", "-1.67"], ["Inconnu", "", "?"]])
    work = ReuseWork(step, table)
    r = present_result(work, step.challenges[0], DeskState(chart="map"), run_query(table, Query()))
    assert r.chart.kind == "map" and [p[2] for p in r.chart.points] == ["Mairie", "Gare"]
    assert r.map_note == "1 ligne(s) sans coordonnées valables n'ont pas pu être placées."
    only = present_result(work, step.challenges[0], DeskState(chart="map", filters=(Filter("nom_site", "=", "Gare"),)),
                          run_query(table, Query()))
    assert [p[2] for p in only.chart.points] == ["Gare"] and only.map_note == ""


def test_a_map_of_a_table_without_coordinates_says_so(loaded):
    _scenario, step, table = loaded
    r = present_result(ReuseWork(step, table), step.challenges[0], DeskState(chart="map"), run_query(table, Query()))
    assert r.chart.points == () and r.chart.empty_text.startswith("Le fichier publié n'a pas de colonnes de coordonnées")


def test_when_the_published_table_cannot_answer_the_reuser_says_why_and_where_it_went_wrong(loaded):
    scenario, step, table = loaded
    keep = [i for i, name in enumerate(table.header) if name != "NOMBRE_OCCURRENCES"]
    without = table.with_columns([table.header[i] for i in keep], [table.columns[i] for i in keep])
    v = present(scenario, step, ReuseWork(step, without), 0, None, DeskState())
    assert isinstance(v.body, CannotView)
    assert v.body.said == "Sans les nombres d'occurrences, je ne peux pas compter."
    assert v.body.why.startswith("Pourquoi : ") and "NOMBRE_OCCURRENCES" in v.body.why
    assert v.body.blame == "Le problème est né à l'étape « Publier les prénoms »."
    assert v.body.button == "Compris : question suivante"


def test_a_graded_answer_shows_right_or_the_expected_number(loaded):
    scenario, step, table = loaded
    work = ReuseWork(step, table)
    right = present(scenario, step, work, 0, {"ok": True, "given": "317"}, DeskState()).body
    assert isinstance(right, OutcomeView) and right.graded
    assert right.verdict == Line("Votre réponse : 317 — c'est juste.", "success")
    assert right.explanation == "Le total se calcule en additionnant les occurrences de 2016."
    wrong = present(scenario, step, work, 0, {"ok": False, "given": "300", "expected": "1317"}, DeskState()).body
    assert wrong.verdict.tone == "error" and plain(wrong.verdict.text).endswith("publié : 1 317")
    left = present(scenario, step, work, 1, {"unanswerable": True, "reason": "colonne retirée"}, DeskState()).body
    assert not left.graded and left.verdict == Line("Question restée sans réponse : colonne retirée", "error")
    assert left.button == "Continuer"  # the last question


def test_the_desk_opens_on_the_first_question_not_answered():
    step = type("Step", (), {"challenges": [type("C", (), {"id": i}) for i in ("a", "b", "c")]})
    assert open_question(step, lambda cid: cid == "a") == 1
    assert open_question(step, lambda cid: True) == 2
