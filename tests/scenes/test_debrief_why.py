"""« Pourquoi ce niveau ? » in the debrief: reached with the keyboard, it shows the rule's reasons and the
graded items behind each level (what, step, right or wrong), readable at 200 % text."""

from game.scenes.debrief import DebriefScene
from game.ui.widgets import Button, Label

from .driver import Driver
from .test_playthrough import open_first, play_step, start

WHY, HIDE = "Pourquoi ce niveau ?", "Masquer le détail"
CAP = "« Dit si une collectivité est concernée (3 500 habitants, 50 agents en équivalent temps plein) » : manqué"
ITEM = ("Manqué — Lesquelles de ces administrations NE sont PAS concernées par l'obligation de publier par défaut ? "
        "(étape « Ce que dit la loi »)")


def to_debrief(d, wrong=None):
    start(d, "Camille")
    open_first(d)
    while not isinstance(d.scene, DebriefScene):
        play_step(d, wrong_question=wrong)


def test_the_keyboard_opens_why_a1_is_capped_after_the_concernee_question_was_missed(driver):
    to_debrief(driver, wrong="qui-est-concerne")
    text = driver.screen_text()
    assert "A1 — Connaître le cadre juridique de l'ouverture (open data par défaut, seuils, exceptions) : " \
           "en cours d'acquisition" in text
    assert CAP not in text  # closed until asked
    driver.activate_button(WHY)  # the first one: A1, the scenario's first competency
    assert isinstance(driver.focused, Button) and driver.focused.label == HIDE  # the focus stays on it
    text = driver.screen_text()
    assert CAP in text and ITEM in text
    assert "Juste — Quel article pose le principe de l'open data par défaut" in text
    driver.press("RETURN")  # closes again
    assert CAP not in driver.screen_text() and driver.focused.label == WHY


def test_at_200_percent_the_reasons_and_items_are_readable(tmp_path):
    d = Driver(tmp_path / "d", scale=2.0)
    try:
        to_debrief(d, wrong="qui-est-concerne")
        d.activate_button(WHY)
        panel = d.scene.form.panel.rect
        for text in (CAP, ITEM):
            label = next(w for w in d.widgets if isinstance(w, Label) and text[:40] in w.text)
            for _ in range(30):  # read on with Page Down, as the debrief says
                if panel.top <= label.rect.top and label.rect.bottom <= panel.bottom:
                    break
                d.press("PAGEDOWN")
            assert panel.top <= label.rect.top and label.rect.bottom <= panel.bottom, text
            assert label.rect.left >= panel.left and label.rect.right <= panel.right  # wrapped, not cut
    finally:
        d.close()


def test_the_debrief_counts_my_earlier_attempt_and_a_later_success_lifts_the_cap(driver):
    to_debrief(driver, wrong="qui-est-concerne")
    driver.activate_button("Retour à la bibliothèque")
    open_first(driver)
    while not isinstance(driver.scene, DebriefScene):
        play_step(driver)
    assert "A1 — Connaître le cadre juridique de l'ouverture (open data par défaut, seuils, exceptions) : acquis" \
        in driver.screen_text()
    driver.activate_button(WHY)
    text = driver.screen_text()
    assert "Vos réponses dans" not in text  # the same scenario played again: no other scenario
    assert ("« Dit si une collectivité est concernée (3 500 habitants, 50 agents en équivalent temps plein) » : "
            "manqué (Lesquelles de ces administrations NE sont PAS concernées") in text
    assert "puis réussi ensuite" in text
    assert text.count(ITEM) == 1 and "Juste — Lesquelles de ces administrations" in text  # both tries listed
