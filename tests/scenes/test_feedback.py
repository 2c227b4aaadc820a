"""Feedback that teaches: a wrong option's own explanation, the items missed or ticked wrongly by
name, a true/false statement with its truth value, criteria explained with their source, and the
verdict kept in view at 200 % text."""

from pathlib import Path

from game.core.assessment import Assessment, ReviewItem, assess
from game.core.scenario import QuizStep
from game.i18n import activate
from game.play.publish import reference_metadata
from game.scenes.debrief import DebriefScene, present
from game.scenes.quiz import QuizScene
from game.storage.scenarios import load_framework, load_scenario
from game.ui.widgets import Label

from ..play.test_do import FIX, data_session
from .driver import Driver
from .test_no_accidental_answer import to_step
from .test_playthrough import play_step

RGPD = "Le règlement général sur la protection des données (RGPD)"
SMALL_TOWN = "Une commune de 2 900 habitants qui emploie 60 agents"
FEW_AGENTS = "Une commune de 4 000 habitants qui emploie 35 agents en équivalent temps plein"


def answer(d, texts):
    d.choose_options(texts)
    d.activate_button("Valider la réponse")


def next_question(d):
    d.activate_button("Question suivante")


def test_a_wrong_option_shows_its_own_explanation_on_the_quiz_screen(driver):
    to_step(driver, QuizStep)
    first = driver.services.session.step.question("texte-fondateur")
    answer(driver, [RGPD])
    text = driver.screen_text()
    own = next(o.explanation for o in first.options if o.text == RGPD)
    assert "Réponse à revoir" in text and own in text
    assert first.explanation not in text  # the question's explanation is only the fallback


def test_a_multiple_answer_question_with_one_missed_item_names_that_item(driver):
    to_step(driver, QuizStep)
    answer(driver, [RGPD])
    next_question(driver)
    answer(driver, [SMALL_TOWN])  # one of the two right options missed, nothing ticked wrongly
    # practice mode: the learner may try again, the missed option is not named yet
    assert "Il manque encore au moins une réponse juste." in driver.screen_text()
    assert FEW_AGENTS not in driver.screen_text().split("Réponse à revoir", 1)[1]
    driver.activate_button("Voir la bonne réponse")
    text = driver.screen_text()
    assert f"Oubliée (elle était juste) : {FEW_AGENTS}" in text
    assert "Cochée à tort" not in text
    assert "La bonne réponse" not in text  # not the whole right list in red
    assert f"• Cochée, et juste : {SMALL_TOWN}" in driver.texts()


def test_the_debrief_repeats_the_wrong_options_explanation_names_missed_items_and_says_false(driver):
    to_step(driver, QuizStep)
    step = driver.services.session.step
    for i, q in enumerate(step.questions):
        if q.id == "texte-fondateur":
            answer(driver, [RGPD])
        elif q.id == "qui-est-concerne":
            answer(driver, [SMALL_TOWN])
        else:  # right, « Faux » for the false statements
            answer(driver, [q.choices[j] for j in sorted(q.correct_indexes)])
        driver.activate_button("Continuer" if i == len(step.questions) - 1 else "Question suivante")
    while not isinstance(driver.scene, DebriefScene):
        play_step(driver)
    text = driver.screen_text()
    well = text.split("Ce qui s'est bien passé", 1)[1].split("À revoir", 1)[0]
    review = text.split("À revoir", 1)[1]
    assert f"• Oubliée (elle était juste) : {FEW_AGENTS}" in review and "Cochée à tort" not in review
    assert f"• Cochée, et juste : {SMALL_TOWN}" in review
    false_statement = step.question("donnees-personnelles")
    assert false_statement.answer is False
    # never a false statement listed as if it were true
    assert "• Faux : Une collectivité peut publier tel quel un fichier contenant des données personnelles" in well
    assert "• " + false_statement.prompt not in well
    own = next(o.explanation for o in step.question("texte-fondateur").options if o.text == RGPD)
    assert own in review


def debrief_after_publication(tmp_path):
    scenario = load_scenario(FIX / "publication").scenario
    s, rec = data_session(scenario, tmp_path)
    s.proceed(force=True)  # nothing cleaned: the clean criteria are to review
    desk = s.publish_work()
    s.publish(reference_metadata(desk), ())  # the personal column published
    framework, _problems = load_framework()
    return present(assess(rec.statements, scenario, framework), framework, "", scenario)


def test_clean_and_publish_criteria_in_the_debrief_say_why_and_where_the_rule_comes_from(tmp_path):
    activate("fr")
    v = debrief_after_publication(tmp_path)
    clean = [r for r in v.to_review if r[0].startswith("Nettoyage — ")]
    assert clean
    for what, _answer, explanation, _sources in clean:
        assert explanation, what  # each criterion says what it measures and why
    conform = next(r for r in clean if r[0] == "Nettoyage — Valeur non conforme")
    assert "contrainte que le schéma pose" in conform[2]
    assert "Source : le schéma « scdl/prenoms », que vérifie l'étape" in conform[3]
    personal = next(r for r in v.to_review if r[0] == "Publication — Données personnelles retirées avant publication")
    assert "L312-1-2" in personal[2] and any("legifrance" in s for s in personal[3])
    notes = dict(zip(v.went_well, v.well_notes, strict=True))
    assert "Source : Décret n° 2017-638" in notes["Publication — Choix de la licence"]


def test_at_200_percent_the_verdict_is_in_view_after_answering(tmp_path):
    d = Driver(tmp_path / "d", scale=2.0)
    try:
        to_step(d, QuizStep)
        step = d.services.session.step
        answer(d, [RGPD])
        assert isinstance(d.scene, QuizScene)
        panel = d.scene.form.panel
        verdict = next(w for w in d.widgets if isinstance(w, Label) and w.text.startswith("Réponse à revoir"))
        assert panel.rect.top <= verdict.rect.top and verdict.rect.bottom <= panel.rect.bottom
        assert panel.max_offset > 0  # the page is taller than the window at this size: it had to choose
        # the explanation starts right below, in view too
        own = next(o.explanation for o in step.question("texte-fondateur").options if o.text == RGPD)
        explanation = next(w for w in d.widgets if isinstance(w, Label) and w.text == own)
        assert panel.rect.top <= explanation.rect.top < panel.rect.bottom
    finally:
        d.close()


def test_answer_feedback_falls_back_on_the_question_for_a_mistake_without_its_own_words():
    from game.core.quiz_feedback import answer_feedback

    q = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "premiers-pas").scenario
    q = next(s for s in q.steps if isinstance(s, QuizStep)).question("documents-vises")
    right = sorted(q.correct_indexes)
    paper = next(i for i, o in enumerate(q.options) if not o.correct)
    fb = answer_feedback(q, frozenset(right[1:]) | {paper})  # a right option missed (no words) + paper
    assert fb.wrong == (paper,) and fb.missed == (right[0],)
    assert fb.explanations == (q.options[paper].explanation, q.explanation)
    assert answer_feedback(q, frozenset(right)).explanations == (q.explanation,)
    statement = next(s for s in load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "premiers-pas")
                     .scenario.steps if isinstance(s, QuizStep)).question("partage-identique")
    wrong = answer_feedback(statement, frozenset({0}))  # « Vrai » to a false statement
    assert wrong.wrong == (0,) and wrong.explanations == (statement.explanation,)


def test_a_false_statement_answered_right_is_listed_as_false_in_the_debrief():
    activate("fr")
    scenario = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "premiers-pas").scenario
    step = next(s for s in scenario.steps if isinstance(s, QuizStep))
    q = step.question("donnees-personnelles")
    framework, _problems = load_framework()
    right = ReviewItem(step.id, "question", q.id, q.prompt, "Faux", "Faux", q.explanation, True, ())
    wrong = ReviewItem(step.id, "question", q.id, q.prompt, "Vrai", "Faux", q.explanation, False, ())
    v = present(Assessment(0.5, 2, (), (right,), (wrong,), ()), framework, "", scenario)
    assert v.went_well == ("Faux : Une collectivité peut publier tel quel un fichier contenant des données "
                           "personnelles, dès qu'elle le juge utile.",)
    assert v.to_review[0][0] == v.went_well[0]
    assert v.to_review[0][1] == "Votre réponse : Vrai — attendu : Faux"


def test_a_learner_who_may_try_again_is_not_given_the_missed_items():
    """For practice mode (retries): the wrongly ticked are named, the missed right ones are not."""
    from game.core.quiz_feedback import answer_feedback
    from game.scenes.quiz import QuizView, verdict_lines

    activate("fr")
    scenario = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "premiers-pas").scenario
    q = next(s for s in scenario.steps if isinstance(s, QuizStep)).question("qui-est-concerne")
    small, big = (next(i for i, o in enumerate(q.options) if o.text.startswith(t))
                  for t in ("Une commune de 2 900", "Une commune de 12 000"))
    fb = answer_feedback(q, {small, big}, reveal=False)
    v = QuizView(1, 6, q, (small, big), False, False, feedback=fb)
    lines = [t for t, _tone in verdict_lines(v, reveal=False)]
    assert "• Cochée à tort : " + q.options[big].text in lines
    assert not any(FEW_AGENTS in t for t in lines) and "• Il manque encore au moins une réponse juste." in lines
    assert fb.explanations == (q.options[big].explanation,)
    assert any(FEW_AGENTS in t for t, _tone in verdict_lines(v))
