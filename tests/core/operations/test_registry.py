import json
import re

import pytest

from game.core.operations import OPERATIONS, OperationError, operation_from_json

from .examples import EXAMPLES
from .tables import SUBVENTIONS


def test_every_registered_operation_has_an_example():
    assert sorted(e.op for e in EXAMPLES) == sorted(OPERATIONS)


@pytest.mark.parametrize("op", EXAMPLES, ids=lambda o: o.op)
def test_every_operation_round_trips_through_json(op):
    data = json.loads(json.dumps(op.to_json(), ensure_ascii=False))
    assert data["op"] == op.op
    again = operation_from_json(data)
    assert again == op
    assert type(again).from_json(data) == op
    assert again.apply(SUBVENTIONS).table == op.apply(SUBVENTIONS).table


@pytest.mark.parametrize(("op_id", "cls"), list(OPERATIONS.items()))
def test_every_operation_has_a_french_label_and_explanation(op_id, cls):
    assert cls.op == op_id and re.fullmatch(r"[a-z]+(-[a-z]+)*", op_id)
    assert cls.label and cls.label[0].isupper() and len(cls.label) < 70
    assert len(cls.explanation) > 60 and cls.explanation.endswith(".")
    french = re.compile(r"\b(les?|la|une?|des|du|de|et)\b")
    assert french.search(cls.label.lower() + " " + cls.explanation.lower())


def test_labels_are_all_different():
    labels = [cls.label for cls in OPERATIONS.values()]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("op", EXAMPLES, ids=lambda o: o.op)
def test_every_example_applies_with_a_summary(op):
    assert op.check(SUBVENTIONS) == []
    result = op.apply(SUBVENTIONS)
    assert result.summary.format_source()
    assert result.rows_changed == (result.table.nrows != SUBVENTIONS.nrows)


def error_of(data):
    with pytest.raises(OperationError) as e:
        operation_from_json(data)
    return e.value.message.format_source()


def test_unknown_operation_gets_a_did_you_mean():
    assert error_of({"op": "rename-colum", "column": "a", "to": "b"}) == (
        "Opération inconnue : « rename-colum ». Vouliez-vous dire « rename-column » ?")
    assert error_of({"op": "transpose"}) == "Opération inconnue : « transpose »."
    assert error_of({"column": "a"}) == "Une étape de recette doit être un objet JSON avec une clé « op »."
    assert error_of(["rename-column"]) == "Une étape de recette doit être un objet JSON avec une clé « op »."


def test_unknown_or_missing_parameters_are_named():
    assert error_of({"op": "rename-column", "colum": "a", "to": "b"}) == (
        "Paramètre inconnu « colum » pour l'opération « rename-column ». Vouliez-vous dire « column » ?")
    assert error_of({"op": "rename-column", "column": "a"}) == (
        "Paramètre manquant « to » pour l'opération « rename-column ».")


def test_parameters_of_the_wrong_type_are_refused():
    assert error_of({"op": "pad-codes", "column": "a", "width": "14"}) == (
        "Le paramètre « width » de l'opération « pad-codes » doit être un nombre entier.")
    assert error_of({"op": "remove-rows", "rows": [2, "3"]}) == (
        "Le paramètre « rows » de l'opération « remove-rows » doit être une liste de nombres entiers.")
    assert error_of({"op": "dates-to-iso", "column": "a", "day_first": 1}) == (
        "Le paramètre « day_first » de l'opération « dates-to-iso » doit valoir true ou false.")


def test_a_description_is_allowed_in_a_recipe_entry():
    op = operation_from_json({"op": "remove-column", "column": "a", "description": "Supprimer la colonne a"})
    assert op.to_json() == {"op": "remove-column", "column": "a"}


def test_applying_an_operation_that_does_not_fit_raises_a_french_error():
    with pytest.raises(OperationError) as e:
        operation_from_json({"op": "remove-column", "column": "montnt"}).apply(SUBVENTIONS)
    assert e.value.message.format_source() == "Colonne introuvable : « montnt ». Vouliez-vous dire « montant » ?"
