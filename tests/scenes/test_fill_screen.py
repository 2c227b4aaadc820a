"""The fill step on screen: the worked example first, then a row typed field by field with the
validator's French message under the field being typed, « Vérifier la ligne » refused while the row
breaks the schema, and what was right once checked."""

from game.authoring.reference_path import _step_actions
from game.core.scenario import FillStep
from game.scenes.fill import FillScene

from .test_playthrough import open_first, start


def _to_the_repertoire(driver) -> None:
    session = driver.services.session
    while not isinstance(session.step, FillStep):
        for action in _step_actions(session):  # the reference path of each step before it
            session.do(action)
        session.proceed()
    driver.press("ESCAPE")  # back to the library; the scenario resumes on the fill step
    open_first(driver, "demande-cada")


def test_a_row_is_typed_checked_live_and_compared_with_the_reference(driver):
    start(driver)
    open_first(driver, "demande-cada")
    _to_the_repertoire(driver)
    assert isinstance(driver.scene, FillScene)
    assert "Exemple : Délibérations du conseil municipal de 2024" in driver.screen_text()
    driver.activate_button("À vous : première ligne")
    step = driver.services.session.step
    row = step.rows[0]
    assert driver.focused.action == f"field:{step.fields[0]}"
    for name in step.fields:
        value = row.value(name)
        if name == "DATE_PUBL":
            value = "02/04/2025"  # the French way: the validator says so under the field
        driver.type(value)
        if name == "DATE_PUBL":
            assert "n'est pas une date au format AAAA-MM-JJ" in driver.screen_text()
        driver.press("RETURN")
    driver.activate_button("Vérifier la ligne")
    assert driver.services.session.state.fill_of(step.id, row.id) is None  # refused: nothing recorded
    assert "La ligne ne respecte pas encore le schéma" in driver.screen_text()
    field = driver.scene.inputs["DATE_PUBL"]
    field.value, field.caret = "2025-04-02", len("2025-04-02")
    driver.scene.rebuild(focus_action="check")
    assert "La ligne respecte le schéma." in driver.screen_text()
    driver.activate_button("Vérifier la ligne")
    assert driver.services.session.state.fill_of(step.id, row.id)["score"] == 1.0
    assert "Ligne juste" in driver.screen_text() and "Ligne suivante" in driver.buttons()


def test_the_debrief_names_only_the_columns_of_a_row_that_were_wrong():
    from game.core.assessment import ReviewItem
    from game.scenes.debrief import _review
    from game.storage.scenarios import load_scenario

    from ..test_demande_cada import SCENARIO

    scenario = load_scenario(SCENARIO).scenario
    item = ReviewItem("repertoire", "row", "ligne-convention", "Convention", "COUV_SPAT_MAILLE = communale | "
                      "FREQ_MAJ = Inconnue | LICENCE = Creative Commons-CC", "COUV_SPAT_MAILLE = Communale | "
                      "FREQ_MAJ = Ponctuelle | LICENCE = Licence Ouverte-LO", "", False, ())
    _what, answer, _explanation, _sources = _review(item, scenario)
    assert answer == "• LICENCE : vous avez écrit « Creative Commons-CC » ; attendu : « Licence Ouverte-LO »."


def test_the_columns_to_correct_are_named_beside_the_check_button(driver):
    """At 1280×720 the field blamed in red has scrolled out of view when the learner reaches
    « Vérifier la ligne »: the summary names it, so the learner knows where to go back."""
    start(driver)
    open_first(driver, "demande-cada")
    _to_the_repertoire(driver)
    driver.activate_button("À vous : première ligne")
    step = driver.services.session.step
    row = step.rows[0]
    for name in step.fields:
        driver.type("02/04/2025" if name == "DATE_PUBL" else row.value(name))
        driver.press("RETURN")
    assert "Le validateur trouve 1 erreur dans cette ligne." in driver.screen_text()
    assert "À corriger : DATE_PUBL" in driver.screen_text()
