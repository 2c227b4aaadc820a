"""No accidental answer: a run of Enter (« Suite », « Question suivante »…) or a held key never
records a graded answer; the focus lands on the question, and a deliberate move reaches the answers."""

from game.core.scenario import DialogueStep, QuizStep, SortStep
from game.scenes.dialogue import DialogueScene
from game.scenes.quiz import QuizScene
from game.scenes.sort import SortScene
from game.ui.widgets import Button, ChoiceGroup, Prompt

from .test_playthrough import open_first, play_step, start


def graded(d):
    """The statements that carry a result (an answer was recorded)."""
    return [s for s in d.store.statements(learner_id=d.services.learner.id) if s.get("result")]


def to_graded_dialogue(d):
    start(d)
    open_first(d)
    step = d.services.session.step
    assert isinstance(step, DialogueStep) and len(step.lines) > 1 and any(c.grade for c in step.choices)
    return step


def test_a_run_of_enter_through_a_dialogue_stops_on_the_question_without_answering(driver):
    step = to_graded_dialogue(driver)
    for _ in range(len(step.lines) + 10):  # « Suite », « Suite »… and on, without looking
        driver.press("RETURN")
    assert isinstance(driver.scene, DialogueScene)
    assert graded(driver) == []
    assert "Votre choix" not in driver.screen_text()
    assert all(c.text in driver.buttons() for c in step.choices)  # the answers are still offered
    assert isinstance(driver.focused, Prompt) and driver.focused.text == "Que répondez-vous ?"


def test_a_held_enter_through_a_dialogue_answers_nothing(driver):
    step = to_graded_dialogue(driver)
    driver.press("RETURN")
    for _ in range(len(step.lines) + 10):  # the key stays down: SDL repeats it
        driver.press("RETURN", held=True)
    assert graded(driver) == [] and "Votre choix" not in driver.screen_text()


def test_an_auto_repeated_enter_on_a_focused_choice_does_nothing(driver):
    step = to_graded_dialogue(driver)
    while "Suite" in driver.buttons():
        driver.activate_button("Suite")
    driver.tab_to(lambda w: isinstance(w, Button) and w.label == step.choices[0].text)
    driver.press("RETURN", held=True)
    assert graded(driver) == [] and "Votre choix" not in driver.screen_text()
    assert all(c.text in driver.buttons() for c in step.choices)


def test_a_deliberate_tab_then_enter_still_answers(driver):
    step = to_graded_dialogue(driver)
    for _ in range(len(step.lines) + 3):
        driver.press("RETURN")
    driver.press("TAB")
    chosen = driver.focused.label
    driver.press("RETURN")
    assert "Votre choix : " + chosen in driver.screen_text()
    assert len(graded(driver)) == 1


def to_step(d, kind):
    start(d)
    open_first(d)
    while not isinstance(d.services.session.step, kind):
        play_step(d)


def test_a_quiz_question_opens_with_the_focus_on_its_text_and_a_held_enter_validates_nothing(driver):
    to_step(driver, QuizStep)
    step = driver.services.session.step
    before = len(graded(driver))
    assert isinstance(driver.scene, QuizScene) and isinstance(driver.focused, Prompt)
    assert driver.focused.text == step.questions[0].prompt
    driver.press("RETURN")  # on the question's text: nothing
    driver.press("TAB")  # to the answers
    assert isinstance(driver.focused, ChoiceGroup)
    driver.press("RETURN", held=True)  # the key was already down: a repeat
    assert len(graded(driver)) == before and "Votre réponse" not in driver.screen_text()
    driver.press("RETURN")  # a new press validates
    assert len(graded(driver)) == before + 1 and "Votre réponse" in driver.screen_text()
    driver.activate_button("Question suivante")
    for _ in range(5):  # « Question suivante » pressed again and again
        driver.press("RETURN", held=True)
    driver.press("RETURN")
    assert len(graded(driver)) == before + 1
    assert isinstance(driver.focused, Prompt) and driver.focused.text == step.questions[1].prompt


def test_a_run_of_enter_on_next_card_never_sorts_a_card(driver):
    to_step(driver, SortStep)
    step = driver.services.session.step
    before = len(graded(driver))
    assert isinstance(driver.scene, SortScene) and isinstance(driver.focused, Prompt)
    driver.press("TAB")
    driver.press("RETURN")  # a deliberate choice: the first bin
    assert len(graded(driver)) == before + 1
    for _ in range(6):  # « Carte suivante », then on and on
        driver.press("RETURN")
    assert len(graded(driver)) == before + 1
    # the next card (or, after a wrong placement in practice mode, the same card again after « Réessayer »)
    # waits on its prompt: a deliberate move is needed to place it
    assert isinstance(driver.focused, Prompt) and all(b.label in driver.buttons() for b in step.bins)
