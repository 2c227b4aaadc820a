"""The mode on screen: in practice a wrong answer offers « Réessayer » and a choice « Revenir sur mon
choix »; in assessment the first answer is final. Every step screen says which mode is played."""

import pygame
import pytest

from game.core.scenario import DialogueStep, QuizStep
from game.scenes.quiz import QuizScene

from .driver import Driver
from .test_no_accidental_answer import graded, to_graded_dialogue, to_step

PRACTICE_LINE = "Mode entraînement : après une erreur, vous pouvez réessayer"
ASSESSMENT_LINE = "Mode évaluation : la première réponse compte."


@pytest.fixture
def evaluation(tmp_path):
    pygame.init()
    d = Driver(tmp_path / "donnees", mode="assessment")
    yield d
    d.close()


def _wrong_then(d):
    """Answer the first question of the quiz wrong; returns the question."""
    q = d.services.session.step.questions[0]
    right = sorted(q.correct_indexes)
    wrong = next(j for j in range(len(q.choices)) if j not in right)
    d.choose_options([q.choices[wrong]])
    d.activate_button("Valider la réponse")
    return q


def test_in_practice_a_wrong_quiz_answer_is_tried_again_on_screen(driver):
    to_step(driver, QuizStep)
    assert PRACTICE_LINE in driver.screen_text()
    q = _wrong_then(driver)
    text = driver.screen_text()
    assert "Réponse à revoir." in text and "La bonne réponse" not in text  # not given away before the retry
    assert driver.focused.label == "Réessayer"
    driver.press("RETURN")
    assert isinstance(driver.scene, QuizScene) and "Essai n° 2 : choisissez de nouveau." in driver.screen_text()
    driver.choose_options([q.choices[i] for i in sorted(q.correct_indexes)])
    driver.activate_button("Valider la réponse")
    text = driver.screen_text()
    assert "Bonne réponse." in text and "Juste au 2e essai : le score compte votre première réponse." in text
    assert "Réessayer" not in driver.buttons()
    tries = [s for s in graded(driver) if s["object"]["id"].endswith("/questions/" + q.id)]
    assert [s["result"]["success"] for s in tries] == [False, True]


def test_in_practice_the_right_answer_can_be_shown_instead_of_a_retry(driver):
    to_step(driver, QuizStep)
    _wrong_then(driver)
    driver.activate_button("Voir la bonne réponse")
    assert "La bonne réponse" in driver.screen_text() and "Réessayer" not in driver.buttons()


def test_in_assessment_the_screen_says_the_first_answer_counts_and_offers_no_retry(evaluation):
    to_step(evaluation, QuizStep)
    assert ASSESSMENT_LINE in evaluation.screen_text() and PRACTICE_LINE not in evaluation.screen_text()
    _wrong_then(evaluation)
    assert "La bonne réponse" in evaluation.screen_text()
    assert "Réessayer" not in evaluation.buttons() and "Voir la bonne réponse" not in evaluation.buttons()


def test_in_practice_a_dialogue_choice_is_reconsidered_on_screen(driver):
    step = to_graded_dialogue(driver)
    assert isinstance(step, DialogueStep)
    while "Suite" in driver.buttons():
        driver.activate_button("Suite")
    worst = next(c for c in step.choices if c.grade != "juste")
    best = next(c for c in step.choices if c.grade == "juste")
    driver.activate_button(worst.text)
    assert "Votre choix : " + worst.text in driver.screen_text()
    driver.activate_button("Revenir sur mon choix")
    assert worst.text not in driver.buttons() and best.text in driver.buttons()
    driver.activate_button(best.text)
    text = driver.screen_text()
    assert "Votre choix : " + best.text in text and "le score compte votre premier choix" in text
    assert driver.services.session.state.latest_choice(step.id) == step.choices.index(best)


def test_in_assessment_a_dialogue_choice_cannot_be_reconsidered(evaluation):
    to_graded_dialogue(evaluation)
    while "Suite" in evaluation.buttons():
        evaluation.activate_button("Suite")
    evaluation.press("TAB")
    evaluation.press("RETURN")
    assert "Votre choix" in evaluation.screen_text() and "Revenir sur mon choix" not in evaluation.buttons()


def test_a_workshop_code_ending_with_eval_plays_every_desk_in_assessment_mode(tmp_path):
    pygame.init()
    d = Driver(tmp_path / "donnees", group="RENNES-2026-EVAL")
    try:
        from .test_playthrough import open_first, play_step, start

        start(d)
        assert ASSESSMENT_LINE in d.screen_text()  # the library says it before a scenario is opened
        open_first(d)
        while not isinstance(d.services.session.step, QuizStep):
            play_step(d)
        assert ASSESSMENT_LINE in d.screen_text()
        assert d.services.session.mode == "assessment"
    finally:
        d.close()


def test_in_practice_a_card_in_the_wrong_bin_is_placed_again_on_screen(driver):
    from game.core.scenario import SortStep

    to_step(driver, SortStep)
    step = driver.services.session.step
    card = next(c for c in step.cards if c.text in driver.screen_text())
    wrong = next(b.id for b in step.bins if b.id != card.bin)
    driver.activate_button(step.bin_label(wrong))
    assert "Pas tout à fait." in driver.screen_text() and driver.focused.label == "Réessayer"
    driver.press("RETURN")
    driver.activate_button(step.bin_label(card.bin))
    assert "Bien vu." in driver.screen_text() and "Juste au 2e essai" in driver.screen_text()
