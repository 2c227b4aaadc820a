"""A learner plays « Premiers pas » from the title screen to the debrief with the keyboard only."""

from ralph.models.xapi.base.statements import BaseXapiStatement

from game.core.quiz_feedback import answer_feedback
from game.core.scenario import DebriefStep, DialogueStep, QuizStep, SortStep
from game.core.statements import validate_statement
from game.scenes.debrief import DebriefScene
from game.scenes.library import LibraryScene


def start(driver, pseudonym="Camille"):
    driver.activate_button("Commencer")
    driver.fill_text(pseudonym)
    driver.activate_button("Créer le profil")
    assert isinstance(driver.scene, LibraryScene)
    assert f"Profil : {pseudonym}" in driver.screen_text()
    assert "Premiers pas — à faire" in driver.screen_text()


def open_first(driver, key="premiers-pas"):
    """Open « Premiers pas » (or ``key``) from the library, wherever the list shows it."""
    driver.tab_to(lambda w: type(w).__name__ == "ListBox")
    driver.press("HOME")
    for _ in range(next(i for i, e in enumerate(driver.scene.entries) if e.key == key)):
        driver.press("DOWN")
    driver.press("RETURN")


def play_step(driver, wrong_question=None, wrong_card=None):
    """Play the current step as a careful learner; returns the kind played."""
    step = driver.services.session.step
    if isinstance(step, DialogueStep):
        while "Suite" in driver.buttons():
            driver.activate_button("Suite")
        assert step.lines[-1].text in driver.screen_text()
        if step.choices:
            best = next((c for c in step.choices if c.grade == "juste"), step.choices[0])
            driver.activate_button(best.text)
            assert "Votre choix : " + best.text in driver.screen_text()
        driver.activate_button("Continuer")
    elif isinstance(step, QuizStep):
        for i, q in enumerate(step.questions):
            assert q.prompt in driver.screen_text()
            right = sorted(q.correct_indexes)
            answer = right if q.id != wrong_question else [next(j for j in range(len(q.choices)) if j not in right)]
            driver.choose_options([q.choices[j] for j in answer])
            driver.activate_button("Valider la réponse")
            # the explanations of the options got wrong (the question's for a right answer); in practice
            # mode (the default) a wrong answer may be tried again: the right options are not explained yet
            shown = answer_feedback(q, frozenset(answer), reveal=answer == right).explanations
            assert shown and all(e in driver.screen_text() for e in shown)
            driver.activate_button("Continuer" if i == len(step.questions) - 1 else "Question suivante")
    elif isinstance(step, SortStep):
        placed: set[str] = set()
        for i in range(len(step.cards)):
            card = next(c for c in step.cards if c.id not in placed and c.text in driver.screen_text())
            placed.add(card.id)
            target = card.bin if card.id != wrong_card else next(b.id for b in step.bins if b.id != card.bin)
            driver.activate_button(step.bin_label(target))
            assert card.reason in driver.screen_text()
            driver.activate_button("Continuer" if i == len(step.cards) - 1 else "Carte suivante")
    return step.kind


def test_keyboard_only_playthrough_to_debrief(driver):
    start(driver)
    open_first(driver)
    scenario = driver.services.session.scenario
    quiz = next(s for s in scenario.steps if isinstance(s, QuizStep))
    sort = next(s for s in scenario.steps if isinstance(s, SortStep))
    missed_q, missed_card = quiz.questions[1], sort.cards[2]
    while not isinstance(driver.scene, DebriefScene):
        play_step(driver, wrong_question=missed_q.id, wrong_card=missed_card.id)
    assert isinstance(driver.services.session.step, DebriefStep)

    text = driver.screen_text()
    graded = sum(1 for s in scenario.steps if isinstance(s, DialogueStep) and any(c.grade for c in s.choices))
    total = graded + len(quiz.questions) + len(sort.cards)
    assert f"Score : {round(100 * (total - 2) / total)}" in text
    assert "À revoir" in text and missed_q.prompt in text and missed_card.reason in text
    wrong = next(j for j in range(len(missed_q.choices)) if j not in missed_q.correct_indexes)
    assert all(e in text for e in answer_feedback(missed_q, frozenset({wrong})).explanations)
    source = scenario.source(missed_q.sources[0])
    assert f"Source : {source.title} — {source.url}" in text
    assert "Vos compétences" in text and "A1 — " in text
    assert "Pour aller plus loin" in text and "https://" in text

    registration = driver.services.session.registration
    stored = driver.store.statements(registration=registration)
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in stored]
    assert verbs.count("selected") == graded + len(quiz.questions)
    assert verbs.count("interacted") == len(sort.cards)
    assert verbs.count("completed") == (len(scenario.steps) - 1) + 1  # every step left + the scenario
    for s in stored:
        assert validate_statement(s) == []
        BaseXapiStatement.model_validate(s)
    assert {s["actor"]["account"]["name"] for s in stored} == {"Camille"}

    driver.activate_button("Retour à la bibliothèque")
    assert isinstance(driver.scene, LibraryScene)
    assert f"Premiers pas — terminé, score {round(100 * (total - 2) / total)}" in driver.screen_text().replace("\u202f", " ").replace("\xa0", " ")


def test_escape_returns_to_library_and_reopening_resumes(driver):
    start(driver)
    open_first(driver)
    play_step(driver)
    step_id = driver.services.session.step.id
    driver.press("ESCAPE")
    assert isinstance(driver.scene, LibraryScene)
    assert "Premiers pas — en cours, étape 2 sur" in driver.screen_text()
    open_first(driver)
    assert driver.services.session.step.id == step_id


def test_duplicate_pseudonym_is_refused_in_french(driver):
    start(driver)
    driver.activate_button("Changer de profil")
    driver.fill_text("camille")
    driver.activate_button("Créer le profil")
    assert "camille" in driver.screen_text()  # the typed text is kept
    assert any("existe déjà" in t or "déjà" in t for t in driver.texts())


def test_title_offers_to_resume_the_only_profile_s_scenario_in_progress(driver):
    start(driver)
    open_first(driver)
    play_step(driver)
    driver.press("ESCAPE")
    driver.activate_button("Changer de profil")
    # a new game on this machine: the title screen comes first
    from game.app import scene_factory
    from game.engine.stack import SceneStack

    driver.stack = SceneStack(scene_factory(driver.services), (1280, 720))
    driver.stack.push("title", {})
    assert "Progression de Camille : « Premiers pas », étape 2 sur" in driver.screen_text()
    assert driver.focused.label == "Continuer — Camille"
    driver.press("RETURN")
    assert type(driver.scene).__name__ == "DialogueScene"
    driver.press("ESCAPE")
    assert type(driver.scene).__name__ == "LibraryScene"
