"""A learner's actions as data: every kind goes to JSON and back unchanged, in the forms a
scenario file already uses, and a JSON action that cannot be read gets a French message saying
which action it is and what is wrong."""

import json

import pytest

from game.core.actions import (
    ACTIONS,
    Action,
    ActionError,
    Answer,
    ApplyOperation,
    CannotAnswer,
    Choose,
    FillRow,
    NextLine,
    PreviousLine,
    Proceed,
    Publish,
    Redo,
    Reply,
    RunQuery,
    SaveDraft,
    Sort,
    Undo,
    actions_from_json,
    actions_to_json,
)
from game.core.operations import operation_from_json
from game.core.problems import path_text
from game.core.publishing import Metadata
from game.core.reuse import Query

RECIPE_ENTRY = {"op": "change-case", "column": "COMMUNE_NOM", "mode": "title"}
REFERENCE_QUERY = {"filter": [{"column": "ANNEE", "op": "=", "value": "2016"}], "aggregate": "sum",
                   "measure": "NOMBRE_OCCURRENCES"}
EVERY_KIND = [
    NextLine("intro"), PreviousLine("intro"), Choose("intro", 1),
    Answer("quiz", "q1", frozenset({0, 2})), Sort("tri", "budget", "publier"),
    ApplyOperation("nettoyage", operation_from_json(RECIPE_ENTRY)), Undo("nettoyage"), Redo("nettoyage"),
    SaveDraft("publier", Metadata(title="Prénoms à Rennes", keywords=("prénoms",)), ("notice",), ("DECLARANT_COURRIEL",),
              (("notice", "Ce que dit chaque colonne."),)),
    Publish("publier", Metadata(title="Prénoms", licence="lo-2.0", frequency="annual")),
    RunQuery("reutiliser", Query.from_json(REFERENCE_QUERY), "total-2016"), RunQuery("reutiliser", Query()),
    Reply("reutiliser", "total-2016", "1 234"), CannotAnswer("reutiliser", "prenoms-filles"),
    FillRow("repertoire", "ligne-budget", (("FREQ_MAJ", "Annuelle"), ("DATE_PUBL", "2025-04-14"))),
    Proceed("nettoyage"), Proceed("nettoyage", force=True),
]


def test_every_kind_of_action_is_covered_here():
    assert {type(a) for a in EVERY_KIND} == set(ACTIONS.values())


@pytest.mark.parametrize("action", EVERY_KIND, ids=lambda a: a.to_json()["action"])
def test_an_action_goes_to_json_text_and_back_unchanged(action):
    data = json.loads(json.dumps(action.to_json()))
    assert data["action"] == action.name and data["step"] == action.step
    assert Action.from_json(data) == action
    assert type(action).from_json(data) == action


def test_a_list_of_actions_goes_to_json_and_back():
    assert actions_from_json(json.loads(json.dumps(actions_to_json(EVERY_KIND)))) == EVERY_KIND


def test_the_json_forms_are_the_ones_a_scenario_file_uses():
    apply, draft, query = (EVERY_KIND[5].to_json(), EVERY_KIND[8].to_json(), EVERY_KIND[10].to_json())
    assert apply == {"action": "apply", "step": "nettoyage", "operation": RECIPE_ENTRY}  # a recipe entry
    assert query["query"] == REFERENCE_QUERY and query["challenge"] == "total-2016"  # a reference query
    # a publish step's reference metadata: texts, keywords, the extra resources by id, the columns left out
    assert draft["metadata"] == {"title": "Prénoms à Rennes", "keywords": ["prénoms"], "resources": ["notice"],
                                 "drop_columns": ["DECLARANT_COURRIEL"]}
    assert draft["descriptions"] == {"notice": "Ce que dit chaque colonne."}
    assert Choose("intro", 0).to_json() == {"action": "choose", "step": "intro", "choice": 0}
    assert Proceed("intro").to_json() == {"action": "proceed", "step": "intro"}


def test_a_publication_written_like_a_reference_in_a_scenario_file_is_read():
    written = {"action": "publish", "step": "publier", "metadata": {
        "title": "Prénoms des enfants nés à Rennes", "licence": "lo-2.0", "frequency": "annual",
        "keywords": ["prénoms", "état civil"], "resources": ["notice"], "drop_columns": ["DECLARANT_COURRIEL"]}}
    action = Action.from_json(written)
    assert isinstance(action, Publish)
    assert action.metadata == Metadata(title="Prénoms des enfants nés à Rennes", licence="lo-2.0", frequency="annual",
                                       keywords=("prénoms", "état civil"))
    assert action.resources == ("notice",) and action.dropped == ("DECLARANT_COURRIEL",)


def refusal(data):
    with pytest.raises(ActionError) as caught:
        actions_from_json(data)
    return caught.value


@pytest.mark.parametrize(("data", "where", "message", "hint"), [
    ([{"action": "choose", "step": "intro", "choice": 0}, {"action": "chose", "step": "intro", "choice": 1}],
     "[1].action", "Action inconnue : « chose ».", "Vouliez-vous dire « choose » ?"),
    ([{"action": "choose", "step": "intro", "choise": 1}],
     "[0].choise", "Clé inconnue dans l'action « choose » : « choise ».", "Vouliez-vous dire « choice » ?"),
    ([{"action": "choose", "step": "intro"}], "[0].choice", "Il manque la clé « choice » à l'action « choose ».", None),
    ([{"action": "choose", "choice": 0}], "[0].step", "Il manque la clé « step » à l'action « choose ».", None),
    ([{"action": "choose", "step": "intro", "choice": "0"}], "[0].choice",
     "Dans l'action « choose », « choice » doit être un nombre entier.", None),
    ([{"action": "choose", "step": "intro", "choice": True}], "[0].choice",
     "Dans l'action « choose », « choice » doit être un nombre entier.", None),
    ([{"action": "answer", "step": "quiz", "question": "q1", "selected": [0, "1"]}], "[0].selected",
     "Dans l'action « answer », « selected » doit être une liste de nombres entiers.", None),
    ([{"action": "proceed", "step": "quiz", "force": "oui"}], "[0].force",
     "Dans l'action « proceed », « force » doit valoir true ou false.", None),
    ([{"action": "sort", "step": "tri", "card": 3, "bin": "publier"}], "[0].card",
     "Dans l'action « sort », « card » doit être un texte.", None),
    ([["choose", "intro", 0]], "[0]",
     "Une action doit être un objet JSON avec une clé « action » (par exemple « choose » ou « answer »).", None),
    ([{"step": "intro"}], "[0]",
     "Une action doit être un objet JSON avec une clé « action » (par exemple « choose » ou « answer »).", None),
])
def test_a_malformed_action_is_named_by_its_number_and_explained_in_french(data, where, message, hint):
    e = refusal(data)
    assert path_text(e.path) == where
    assert e.message.format_source() == message
    assert (e.hint.format_source() if e.hint else None) == hint
    assert e.where.format_source() == f"Action n° {e.index + 1}"
    assert str(e) == f"Action n° {e.index + 1} : {message}"


def test_the_number_counts_from_one_as_a_trainer_counts():
    e = refusal([{"action": "next-line", "step": "intro"}] * 3 + [{"action": "undo", "step": 4}])
    assert e.index == 3 and e.where.format_source() == "Action n° 4"


def test_an_operation_that_cannot_be_read_gets_the_recipe_message():
    e = refusal([{"action": "apply", "step": "nettoyage", "operation": {"op": "change-cas", "column": "A"}}])
    assert path_text(e.path) == "[0].operation"
    assert e.message.format_source() == "Opération inconnue : « change-cas ». Vouliez-vous dire « change-case » ?"
    e = refusal([{"action": "apply", "step": "nettoyage", "operation": {"op": "rename-column"}}])
    assert e.message.format_source() == "Paramètre manquant « column » pour l'opération « rename-column »."


def test_a_query_that_cannot_be_read_gets_the_query_message():
    e = refusal([{"action": "query", "step": "reutiliser", "query": {"filtre": []}}])
    assert path_text(e.path) == "[0].query"
    assert e.message.format_source() == "Clé inconnue dans la requête : « filtre »."
    assert e.hint.format_source() == "Vouliez-vous dire « filter » ?"


def test_a_publication_with_a_misspelt_or_mistyped_field_is_refused():
    e = refusal([{"action": "publish", "step": "publier", "metadata": {"titre": "Prénoms"}}])
    assert path_text(e.path) == "[0].metadata.titre" and e.hint.format_source() == "Vouliez-vous dire « title » ?"
    e = refusal([{"action": "publish", "step": "publier", "metadata": {"keywords": "prénoms"}}])
    assert e.message.format_source() == "Dans l'action « publish », « keywords » doit être une liste de textes."
    e = refusal([{"action": "publish", "step": "publier", "metadata": {}, "descriptions": {"notice": 3}}])
    assert path_text(e.path) == "[0].descriptions.notice"


def test_something_else_than_a_list_is_refused_as_a_whole():
    e = refusal({"action": "choose", "step": "intro", "choice": 0})
    assert e.index is None and e.path == ()
    assert str(e) == "Liste des actions : Les actions doivent former une liste JSON (entre crochets)."


def test_the_error_is_also_a_problem_that_storage_can_locate():
    p = refusal([{"action": "sort", "step": "tri", "card": "budget"}]).problem()
    assert p.path == (0, "bin") and p.code == "action"


def test_a_row_whose_value_is_not_a_text_is_refused_in_french():
    with pytest.raises(ActionError) as e:
        Action.from_json({"action": "fill-row", "step": "repertoire", "row": "r", "values": {"NOMBRE_RESSOURCES": 2}}, 0)
    assert "NOMBRE_RESSOURCES" in e.value.message.format_source() and "texte" in e.value.message.format_source()
