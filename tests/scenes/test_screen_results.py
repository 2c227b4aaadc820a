"""Screens hand typed results back to the screen under them: the operation palette returns the
operation chosen (or that it was closed), and the cleaning workbench acts on each kind."""

from game.engine.scene import Pop
from game.scenes.clean import CleanScene
from game.scenes.operation import OperationScene
from game.scenes.results import Dismissed, OperationChosen

from .test_clean import errors_left, open_prenoms


def test_the_palette_returns_the_operation_filled_in(driver):
    d = driver
    scene = OperationScene(d.services, columns=["COMMUNE_NOM", "ENFANT_SEXE"], column="ENFANT_SEXE",
                           start="change-case")
    out = scene.on_action("apply")
    assert isinstance(out, Pop) and isinstance(out.result, OperationChosen)
    assert out.result.recipe == {"op": "change-case", "column": "ENFANT_SEXE", "mode": "first-letter"}  # the default mode


def test_closing_the_palette_says_nothing_was_chosen(driver):
    scene = OperationScene(driver.services, columns=["A"], column="A")
    assert scene.on_action("close") == Pop(Dismissed())
    scene = OperationScene(driver.services, columns=["A"], column="A", start="trim-spaces")
    assert scene.on_back() is None  # Escape first goes back to the list of operations
    assert scene.on_back() == Pop(Dismissed())


def test_the_workbench_applies_the_operation_chosen_and_ignores_a_dismissal(driver):
    d = driver
    open_prenoms(d)
    scene = d.scene
    assert isinstance(scene, CleanScene)
    scene.on_resume(Dismissed())
    assert errors_left(d) == 7 and "Cellules modifiées" not in d.screen_text()
    scene.on_resume(OperationChosen({"op": "change-case", "column": "COMMUNE_NOM", "mode": "title"}))
    assert errors_left(d) == 5
    assert "Cellules modifiées dans la colonne « COMMUNE_NOM » : 2." in d.screen_text()


def test_an_operation_that_cannot_be_read_is_refused_with_why(driver):
    d = driver
    open_prenoms(d)
    d.scene.on_resume(OperationChosen({"op": "change-cases", "column": "COMMUNE_NOM"}))
    assert errors_left(d) == 7
    assert "Opération inconnue : « change-cases ». Vouliez-vous dire « change-case » ?" in d.screen_text()


def test_a_parameter_that_is_not_a_number_keeps_the_palette_open_with_why(driver):
    scene = OperationScene(driver.services, columns=["COLL_INSEE"], column="COLL_INSEE", start="edit-cell", row=2)
    scene.inputs["row"].value = "deux"
    assert scene.on_action("apply") is None
    assert "« Numéro de ligne » doit être un nombre entier." in [getattr(w, "text", "") for w in scene.form.widgets]
    scene.inputs["row"].value = " 2 "
    assert scene.on_action("apply").result.recipe["row"] == 2
