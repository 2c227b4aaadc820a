"""« Je republie sans les colonnes », on screen: the choice opens the publishing form again, filled
in as it was published, with the e-mail columns still ticked; publishing from it replaces the file."""

from game.scenes.dialogue import DialogueScene
from game.scenes.publish import PublishScene

from ..play.test_debrief_facts import play
from .test_playthrough import open_first, start


def test_the_republish_choice_opens_the_form_filled_as_it_was_published(driver):
    start(driver)
    open_first(driver, "hackathon")
    session = driver.services.session
    play(session, dropped={"publication-dae": ()}, stop="donnees-personnelles")  # the e-mails went online
    driver.press("ESCAPE")  # back to the library, then the scenario resumes where the learner stands
    open_first(driver, "hackathon")
    assert isinstance(driver.scene, DialogueScene)
    step = driver.services.session.step
    while "Suite" in driver.buttons():
        driver.activate_button("Suite")
    driver.press("TAB")
    driver.activate_button(step.choices[0].text)
    driver.activate_button("Continuer")
    assert isinstance(driver.scene, PublishScene)
    text = driver.screen_text()
    assert "Publiez à nouveau : le formulaire reprend votre publication précédente" in text
    assert "Publier sur le portail" in driver.buttons() and "Continuer" not in driver.buttons()
    form = driver.scene.fields
    assert form is not None and form.title.value == session.state.publishing_of("publication-dae")["published"]["title"]
    header = driver.services.session.publish_work().source.header
    ticked = {header[i] for i in form.columns.selected}
    assert {"site_email", "expt_email"} <= ticked  # as published the first time: the learner unticks them
