"""The learner's own report, saved from the debrief: the same report as the trainer's, for one person."""

from game.core.scenario import QuizStep
from game.scenes.debrief import DebriefScene

from .test_playthrough import open_first, play_step, start


def test_the_debrief_saves_my_report_with_what_i_got_wrong(driver):
    start(driver, "Camille")
    open_first(driver)
    quiz = next(s for s in driver.services.session.scenario.steps if isinstance(s, QuizStep))
    missed = quiz.questions[1]
    while not isinstance(driver.scene, DebriefScene):
        play_step(driver, wrong_question=missed.id)
    driver.activate_button("Enregistrer mon rapport (à garder ou à donner pour mon plan de formation)")
    html_path = driver.services.data_folder / "exports" / "rapport-Camille.html"
    assert f"Rapport enregistré : {html_path}" in driver.screen_text()
    html = html_path.read_text(encoding="utf-8")
    assert "Rapport de Camille" in html and "Premiers pas" in html
    assert missed.prompt.replace("'", "&#x27;") in html  # the question missed, among the errors to work on
    csv = html_path.with_suffix(".csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and b";Camille;" in csv


def test_a_report_that_cannot_be_written_is_explained_and_the_game_goes_on(driver):
    start(driver, "Sam")
    open_first(driver)
    while not isinstance(driver.scene, DebriefScene):
        play_step(driver)
    (driver.services.data_folder / "exports").write_text("un fichier, pas un dossier")
    driver.activate_button("Enregistrer mon rapport (à garder ou à donner pour mon plan de formation)")
    assert "Le rapport n'a pas pu être enregistré" in driver.screen_text()
    assert isinstance(driver.scene, DebriefScene)
    driver.activate_button("Retour à la bibliothèque")


def test_my_report_keeps_my_name_and_a_full_disk_is_said_in_french_without_leftovers(driver, monkeypatch):
    import errno
    import os

    start(driver, "東京")
    open_first(driver)
    while not isinstance(driver.scene, DebriefScene):
        play_step(driver)
    exports = driver.services.data_folder / "exports"
    button = "Enregistrer mon rapport (à garder ou à donner pour mon plan de formation)"
    driver.activate_button(button)
    assert f"Rapport enregistré : {exports / 'rapport-東京.html'}" in driver.screen_text()  # was rapport-rapport.html
    before = {p.name: p.read_bytes() for p in exports.iterdir()}

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    driver.activate_button(button)
    text = driver.screen_text()
    assert "Le rapport n'a pas pu être enregistré (le disque est plein)" in text and "No space" not in text
    assert {p.name: p.read_bytes() for p in exports.iterdir()} == before  # no .tmp left, the first report intact
