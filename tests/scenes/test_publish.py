"""The publishing form played with the keyboard only: the live score rises as the form fills,
the personal column is unticked, the dataset is published and the portal lists it."""

from pathlib import Path

from game.core.publishing.form import parse_day
from game.scenes.clean import CleanScene
from game.scenes.portal import PortalScene
from game.scenes.publish import PublishScene
from game.ui.select import Select
from game.ui.text_area import TextArea
from game.ui.widgets import ChoiceGroup, TextInput

from .driver import Driver
from .test_playthrough import start

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


def open_publication(d):
    start(d)
    d.tab_to(lambda w: type(w).__name__ == "ListBox")
    entries = d.scene.entries
    for _ in range(next(i for i, e in enumerate(entries) if e.key == "publication")):
        d.press("DOWN")
    d.press("RETURN")
    d.wait_until(lambda: isinstance(d.scene, CleanScene))
    d.apply_operation("change-case", column="COMMUNE_NOM", mode="Une Majuscule À Chaque Mot")
    d.activate_button("Continuer")
    d.wait_until(lambda: isinstance(d.scene, PublishScene))


def field(d, label_start):
    return next(w for w in d.widgets if isinstance(w, TextInput | TextArea | Select)
                and w.label.startswith(label_start))


def type_in(d, label_start, text):
    w = field(d, label_start)
    d.tab_to(lambda x: x is w)
    d.type(text)


def select(d, label_start, wanted):
    w = field(d, label_start)
    d.tab_to(lambda x: x is w)
    for _ in range(len(w.options) + 1):
        if w.value == wanted:
            return
        d.press("RIGHT")
    raise AssertionError(f"{wanted!r} not among {w.options}")


def score_line(d):
    return next(t for t in d.texts() if t.startswith("Score de qualité :"))


def test_keyboard_publication_from_empty_form_to_portal(tmp_path):
    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        screen = d.screen_text()
        assert "Publié par : Ville de Rennes (organisation)" in screen
        assert "DECLARANT_COURRIEL — attention : données personnelles" in screen
        assert score_line(d).startswith("Score de qualité : 2 critères sur 9")  # resources available and documented
        type_in(d, "Titre", "Prénoms")
        assert "ne dit pas encore où" in d.screen_text()
        type_in(d, "Titre", " des enfants nés à Rennes en 2016")
        assert "Titre précis : il nomme où, quoi." in d.screen_text()
        type_in(d, "Description (obligatoire", "Nombre d'enfants nés à Rennes par prénom, sexe et année.")
        d.press("RETURN")  # a new paragraph, not a validation
        type_in(d, "Description (obligatoire", "Mis à jour chaque année par le service de l'état civil, au format SCDL.")
        assert "\n" in field(d, "Description (obligatoire").value
        select(d, "Licence", "Licence Ouverte / Open Licence 2.0 (Etalab)")
        select(d, "Fréquence", "Annuelle")
        type_in(d, "Couverture temporelle : début", "01/01/2016")
        type_in(d, "Couverture temporelle : fin", "31/12/2016")
        type_in(d, "Couverture géographique", "Rennes")
        select(d, "Granularité", "Commune")
        assert score_line(d).startswith("Score de qualité : 8 critères sur 9")
        assert "Manquant — Les ressources sont documentées" in d.screen_text()
        d.choose_in_group([0], group=1)  # attach the documentation offered
        assert score_line(d).startswith("Score de qualité : 9 critères sur 9"), d.screen_text()
        assert "Décochez-les avant de publier" in d.screen_text()
        columns = next(w for w in d.widgets if isinstance(w, ChoiceGroup))
        d.choose_in_group([columns.options.index(next(o for o in columns.options if o.startswith("DECLARANT")))])
        assert "Décochez-les" not in d.screen_text()
        d.activate_button("Publier sur le portail")
        screen = d.screen_text()
        assert "Jeu de données publié sur votre portail" in screen, screen
        assert "Données personnelles retirées : 100" in screen
        d.activate_button("Voir mon portail")
        assert isinstance(d.scene, PortalScene)
        assert "Prénoms des enfants nés à Rennes en 2016" in d.screen_text()
        assert "qualité excellente" in d.screen_text()
        d.press("ESCAPE")
        d.activate_button("Continuer")
        assert d.services.session.step.id == "questions"  # no consequence: nothing went wrong
        d.press("ESCAPE")  # back to the library, where the portal is one button away
        d.activate_button("Mon portail : ce que j'ai publié")
        assert "Prénoms des enfants nés à Rennes en 2016" in d.screen_text()
    finally:
        d.close()


def test_the_draft_is_kept_when_the_learner_leaves_and_comes_back(tmp_path):
    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        type_in(d, "Titre", "Prénoms à Rennes, brouillon é à ç")
        type_in(d, "Couverture géographique", "Rennes")  # moving on saves the field left
        d.press("ESCAPE")
        entries = d.scene.entries
        d.tab_to(lambda w: type(w).__name__ == "ListBox")
        d.press("HOME")
        for _ in range(next(i for i, e in enumerate(entries) if e.key == "publication")):
            d.press("DOWN")
        d.press("RETURN")
        d.wait_until(lambda: isinstance(d.scene, PublishScene))
        assert field(d, "Titre").value == "Prénoms à Rennes, brouillon é à ç"
    finally:
        d.close()


def test_dates_are_read_the_french_way():
    assert parse_day("31/12/2016") == "2016-12-31"
    assert parse_day("2016-01-05") == "2016-01-05"
    assert parse_day("") == ""
    assert parse_day("31/02/2016") is None
    assert parse_day("demain") is None


def test_the_debrief_names_what_went_wrong_in_the_publication(tmp_path):
    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        type_in(d, "Titre", "Prénoms à Rennes en 2016")
        type_in(d, "Description (obligatoire", "Nombre d'enfants nés à Rennes par prénom, sexe et année.")
        select(d, "Licence", "Creative Commons Attribution – Pas d'utilisation commerciale 4.0 (CC BY-NC 4.0)")
        assert "Licence non permise" in d.screen_text()
        d.activate_button("Publier sur le portail")
        assert "Attention : des données personnelles ont été publiées (DECLARANT_COURRIEL)." in d.screen_text()
        d.activate_button("Continuer")
        assert d.services.session.step.id == "fuite"  # personal data: the consequence comes first
        d.activate_button("Continuer")
        d.wait_until(lambda: type(d.scene).__name__ == "ReuseScene")
        for ch in d.services.session.step.challenges:  # the reusers' questions, answered wrong
            d.fill_text("0", index=[w for w in d.widgets if isinstance(w, TextInput)].index(
                next(w for w in d.widgets if isinstance(w, TextInput) and w.label.startswith("Votre réponse"))))
            d.activate_button("Répondre")
            d.activate_button("Continuer" if ch is d.services.session.step.challenges[-1] else "Question suivante")
        screen = d.screen_text()
        assert "Publication — Choix de la licence" in screen
        assert "licence choisie : Creative Commons Attribution – Pas d'utilisation commerciale 4.0 (CC BY-NC 4.0)" in screen
        assert "Une licence non commerciale n'est pas permise pour des données publiques." in screen
        assert "Publication — Données personnelles retirées avant publication" in screen
    finally:
        d.close()


def test_a_date_the_form_cannot_read_blocks_publication_with_how_to_fix_it(tmp_path):
    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        type_in(d, "Titre", "Prénoms des enfants nés à Rennes en 2016")
        type_in(d, "Description (obligatoire", "Nombre d'enfants nés à Rennes par prénom, sexe et année.")
        select(d, "Licence", "Licence Ouverte / Open Licence 2.0 (Etalab)")
        type_in(d, "Couverture temporelle : début", "le 1er de l'an")
        assert "Date non reconnue" in d.screen_text()
        d.activate_button("Publier sur le portail")
        screen = d.screen_text()
        assert "Publication impossible pour l'instant :" in screen
        assert "« le 1er de l'an » n'est pas une date" in screen and "par exemple 31/12/2017" in screen
        assert d.services.session.state.publishing_of("publier").get("published") is None
    finally:
        d.close()


def test_dates_typed_in_words_or_as_a_year_are_understood():
    assert parse_day("1er janvier 2016") == "2016-01-01"
    assert parse_day("31 déc. 2017") == "2017-12-31"
    assert parse_day("2016") == "2016-01-01" and parse_day("2016", end=True) == "2016-12-31"
    assert parse_day("31 truc 2017") is None


def publish_to_reuse(d, untick=("DECLARANT",)):
    """A short publication (title, description, licence, these columns left out), then on to the
    reusers' questions. ``untick`` goes in the order of the columns (the driver only moves down)."""
    from game.scenes.reuse import ReuseScene

    type_in(d, "Titre", "Prénoms des enfants nés à Rennes en 2016")
    type_in(d, "Description (obligatoire", "Nombre d'enfants nés à Rennes par prénom, sexe et année.")
    select(d, "Licence", "Licence Ouverte / Open Licence 2.0 (Etalab)")
    columns = next(w for w in d.widgets if isinstance(w, ChoiceGroup))
    for name in untick:
        d.choose_in_group([columns.options.index(next(o for o in columns.options if o.startswith(name)))])
    d.activate_button("Publier sur le portail")
    d.activate_button("Continuer")
    d.wait_until(lambda: isinstance(d.scene, ReuseScene))


def answer_field(d):
    return next(w for w in d.widgets if isinstance(w, TextInput) and w.label.startswith("Votre réponse"))


def test_reuse_questions_answered_from_the_keyboard_with_a_query_and_a_chart(tmp_path):

    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        publish_to_reuse(d)
        assert "Léa (journaliste) demande :" in d.screen_text()
        # group by year, sum of occurrences: a bar per year
        select(d, "Regrouper par", "ANNEE")
        select(d, "Calcul", "somme")
        select(d, "Sur la colonne", "NOMBRE_OCCURRENCES")
        d.activate_button("Lancer la requête")
        assert type(d.focused).__name__ == "ChartView"  # the result comes into view, its chart focused
        screen = d.screen_text()
        assert "Résultat : 2 ligne(s)" in screen and "ANNEE | NOMBRE_OCCURRENCES" in screen
        assert "2016 | 317" in screen and "2015 | 50" in screen
        chart = next(w for w in d.widgets if type(w).__name__ == "ChartView")
        d.tab_to(lambda w: w is chart)
        d.press("HOME")
        assert chart.announce == "2016 : 317"  # the years in the order of the file
        d.press("DOWN")
        assert chart.announce == "2015 : 50"
        d.activate_button("Exporter le graphique (PNG)")
        shot = next(t for t in d.texts() if t.startswith("Graphique enregistré : "))
        assert Path(shot.split(" : ", 1)[1]).stat().st_size > 1000
        d.fill_text("trois cent dix-sept", index=[w for w in d.widgets if isinstance(w, TextInput)].index(answer_field(d)))
        d.activate_button("Répondre")  # words: asked again, not graded
        assert "« trois cent dix-sept » n'est pas un nombre : écrivez-le en chiffres" in d.screen_text()
        assert d.services.session.state.reuse_of("questions", "naissances-2016") is None
        d.fill_text("317", index=[w for w in d.widgets if isinstance(w, TextInput)].index(answer_field(d)))
        d.activate_button("Répondre")
        assert "Votre réponse : 317 — c'est juste." in d.screen_text()
        d.activate_button("Question suivante")
        d.fill_text("Noémie et Louise", index=[w for w in d.widgets if isinstance(w, TextInput)].index(answer_field(d)))
        d.activate_button("Répondre")
        assert "c'est juste" in d.screen_text()
        d.activate_button("Continuer")
        assert d.services.session.step.id == "bilan"
    finally:
        d.close()


def test_a_question_the_published_file_cannot_answer_says_why_and_the_debrief_points_back(tmp_path):

    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        publish_to_reuse(d, untick=("NOMBRE_OCCURRENCES", "DECLARANT"))  # no counts: no total can be computed
        screen = d.screen_text()
        assert "Sans les nombres d'occurrences, je ne peux pas compter." in screen
        assert "Pourquoi : " in screen and "NOMBRE_OCCURRENCES" in screen
        assert "Le problème est né à l'étape « Publier les prénoms »." in screen
        d.activate_button("Compris : question suivante")
        d.fill_text("Noémie, Louise", index=[w for w in d.widgets if isinstance(w, TextInput)].index(answer_field(d)))
        d.activate_button("Répondre")
        d.activate_button("Continuer")
        screen = d.screen_text()
        assert "Combien d'enfants nés en 2016 ce fichier compte-t-il ?" in screen
        assert "le problème est né à l'étape « Publier les prénoms »" in screen
    finally:
        d.close()


def test_filters_are_added_and_removed_one_by_one_from_the_keyboard(tmp_path):

    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        publish_to_reuse(d)
        for column, value in (("ANNEE", "2016"), ("ENFANT_SEXE", "F")):
            select(d, "Filtrer : colonne", column)
            type_in(d, "Filtrer : valeur", value)
            d.activate_button("Ajouter ce filtre")
        assert "Filtres : ANNEE est égal à 2016 ; ENFANT_SEXE est égal à F" in d.screen_text()
        d.activate_button("Lancer la requête")
        assert "Résultat : 1 ligne(s)" in d.screen_text() and "Louise" in d.screen_text()
        d.activate_button("Retirer le dernier filtre")
        assert "Filtres : ANNEE est égal à 2016" in d.screen_text() and "ENFANT_SEXE est égal" not in d.screen_text()
        d.activate_button("Lancer la requête")
        assert "Résultat : 2 ligne(s)" in d.screen_text()
        select(d, "Filtrer : colonne", "ANNEE")
        type_in(d, "Filtrer : valeur", "1999")
        d.activate_button("Ajouter ce filtre")
        d.activate_button("Lancer la requête")
        assert "Aucune ligne du fichier ne correspond aux filtres" in d.screen_text()
    finally:
        d.close()


def test_a_chart_that_cannot_be_saved_is_said_in_french_and_the_game_goes_on(tmp_path, monkeypatch):
    import errno
    import os

    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        publish_to_reuse(d)
        select(d, "Regrouper par", "ANNEE")
        d.activate_button("Lancer la requête")
        exports = d.services.data_folder / "exports"
        before = sorted(p.name for p in exports.iterdir()) if exports.exists() else []

        def disk_full(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "replace", disk_full)
        d.activate_button("Exporter le graphique (PNG)")
        text = d.screen_text()
        assert "n'a pas pu être enregistré (le disque est plein)." in text and "No space" not in text
        assert sorted(p.name for p in exports.iterdir()) == before  # no PNG, no temporary file
        monkeypatch.undo()
        d.activate_button("Exporter le graphique (PNG)")
        assert any(t.startswith("Graphique enregistré : ") for t in d.texts())
    finally:
        d.close()
