import json

import pytest

from game.core.history import History, replay
from game.core.operations import (
    DatesToIso,
    MapToEnum,
    NormaliseNumbers,
    OperationError,
    PadCodes,
    RemoveColumn,
    RenameColumn,
)

from .examples import PIPELINE
from .tables import SUBVENTIONS, table

RECIPE_OPS = [
    DatesToIso("dateConvention"),
    NormaliseNumbers("montant"),
    PadCodes("idBeneficiaire", 14),
    MapToEnum("notificationUE", ("oui", "non"), (("no", "non"), ("yes", "oui"))),
    RenameColumn("nomAttribuant", "nom"),
]


def cleaned(ops=RECIPE_OPS):
    h = History(SUBVENTIONS)
    for op in ops:
        h = h.apply(op)
    return h


def test_undo_after_n_operations_restores_the_exact_original_table():
    h = History(SUBVENTIONS)
    for op in PIPELINE:
        h = h.apply(op)
    assert h.table != SUBVENTIONS
    while h.can_undo:
        h = h.undo()
    assert h.table == SUBVENTIONS
    assert h.table is SUBVENTIONS


def test_the_pipeline_uses_every_operation():
    from game.core.operations import OPERATIONS

    assert sorted({op.op for op in PIPELINE}) == sorted(OPERATIONS)


def test_redo_brings_back_the_undone_operations_in_order():
    h = cleaned()
    final = h.table
    h = h.undo().undo()
    assert h.can_redo and len(h.operations) == 3
    h = h.redo().redo()
    assert h.table == final and not h.can_redo


def test_a_new_operation_after_undo_drops_the_redo_list():
    h = cleaned().undo().apply(RemoveColumn("montant"))
    assert not h.can_redo
    assert h.operations[-1] == RemoveColumn("montant")


def test_nothing_to_undo_or_redo_is_a_french_error():
    h = History(SUBVENTIONS)
    assert not h.can_undo and not h.can_redo
    with pytest.raises(OperationError, match="rien à annuler"):
        h.undo()
    with pytest.raises(OperationError, match="rien à rétablir"):
        h.redo()


def test_a_refused_operation_leaves_the_history_unchanged():
    h = cleaned()
    with pytest.raises(OperationError):
        h.apply(RemoveColumn("inconnue"))
    assert len(h.operations) == len(RECIPE_OPS)


def test_recipe_is_json_and_replaying_it_on_the_original_gives_the_same_table():
    h = History(SUBVENTIONS)
    for op in PIPELINE:
        h = h.apply(op)
    recipe = json.loads(json.dumps(h.recipe()))
    assert [step["op"] for step in recipe] == [op.op for op in PIPELINE]
    table, results, problems = replay(SUBVENTIONS, recipe)
    assert problems == []
    assert table == h.table
    assert len(results) == len(PIPELINE)


def test_replay_on_next_months_file_skips_what_no_longer_applies():
    next_month = table(["nomAttribuant", "dateConvention", "montant", "notificationUE"],
                       ["Ville de Poitiers", "12/01/2017", "1 500,5", "yes"])
    recipe = cleaned().recipe()
    recipe.insert(1, {"op": "trim-space"})
    out, results, problems = replay(next_month, recipe)
    assert out.header == ("nom", "dateConvention", "montant", "notificationUE")
    assert out.row(0) == ("Ville de Poitiers", "2017-01-12", "1500.5", "oui")
    assert len(results) == 4
    assert [(p.path, p.message.format_source()) for p in problems] == [
        ((1,), "Opération inconnue : « trim-space ». Vouliez-vous dire « trim-spaces » ?"),
        ((3, "pad-codes"), "Colonne introuvable : « idBeneficiaire »."),
    ]


def test_history_from_recipe_can_be_undone_to_next_months_file():
    h, problems = History.from_recipe(SUBVENTIONS, cleaned().recipe())
    assert problems == [] and h.table == cleaned().table
    while h.can_undo:
        h = h.undo()
    assert h.table == SUBVENTIONS
