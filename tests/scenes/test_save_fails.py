"""A save that cannot be written (disk full): the learner reads why, stays on the screen with their
answer, and nothing is lost once the disk has room again."""

from __future__ import annotations

from game.core.scenario import DialogueStep
from game.scenes.dialogue import DialogueScene
from game.storage.store import Store

from ..storage.full_disk import fill, make_room
from .test_playthrough import open_first, start


def test_an_answer_given_on_a_full_disk_stays_on_screen_and_is_written_once_there_is_room(driver):
    start(driver)
    open_first(driver)
    step = driver.services.session.step
    assert isinstance(step, DialogueStep) and step.choices
    while "Suite" in driver.buttons():
        driver.activate_button("Suite")
    registration = driver.services.session.registration
    before = len(driver.store.statements(registration))

    fill(driver.store)
    best = next(c for c in step.choices if c.grade == "juste")
    driver.activate_button(best.text)  # the store refuses: no exception, no error screen

    assert isinstance(driver.scene, DialogueScene)  # the same screen, with the answer given
    assert "Votre choix : " + best.text in driver.screen_text()
    notice = driver.services.save_notice()
    assert notice is not None and "le disque est plein" in notice and "réessaie tout seul" in notice
    with Store(driver.store.path) as other:  # what another program would read: not written yet
        assert len(other.statements(registration)) == before

    driver.press("ESCAPE")  # back to the library and in again: the answer is still there
    open_first(driver)
    assert isinstance(driver.scene, DialogueScene)
    assert "Votre choix : " + best.text in driver.screen_text()
    assert driver.services.session.registration == registration

    make_room(driver.store)  # room again: the timer's next try writes everything
    saves = driver.services.saves
    saves.clock = lambda: saves._retry_at
    assert saves.tick() is True
    assert driver.services.save_notice() is None
    with Store(driver.store.path) as other:
        assert len(other.statements(registration)) > before
        attempt = other.current_attempt(other.learners()[0].id, "premiers-pas")
        assert attempt is not None and attempt.registration == registration
        assert attempt.state["choices"][step.id] == step.choices.index(best)
