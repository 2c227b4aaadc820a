"""The title screen on a shared computer: nobody's scenario is resumed under someone else's name."""

from __future__ import annotations

import pygame

from game.scenes.dialogue import DialogueScene
from game.scenes.library import LibraryScene
from game.scenes.profiles import ProfilesScene
from game.ui.widgets import Button, ListBox

from .driver import Driver
from .test_playthrough import open_first, play_step, start


def _camille_half_way(data):
    """Camille played the first step of « Premiers pas » on this computer, then left it."""
    d = Driver(data)
    try:
        start(d, "Camille")
        open_first(d)
        play_step(d)
        d.press("ESCAPE")
        assert "Premiers pas — en cours, étape 2 sur" in d.screen_text()
    finally:
        d.close()


def _add_profile(data, pseudonym):
    d = Driver(data)
    try:
        d.activate_button("Changer de profil")
        d.fill_text(pseudonym)
        d.activate_button("Créer le profil")
        assert f"Profil : {pseudonym}" in d.screen_text()
    finally:
        d.close()


def _camille_attempt(d):
    camille = next(x for x in d.store.learners() if x.pseudonym == "Camille")
    return d.store.current_attempt(camille.id, "premiers-pas")


def test_a_first_learner_is_invited_to_start(tmp_path):
    pygame.init()
    d = Driver(tmp_path / "d")
    try:
        assert d.focused.label == "Commencer"
        assert d.buttons() == ["Commencer", "Paramètres", "Quitter"]
        d.press("RETURN")
        assert isinstance(d.scene, ProfilesScene) and "Aucun profil pour l'instant" in d.screen_text()
    finally:
        d.close()


def test_with_one_profile_the_title_names_whose_progress_continue_resumes(tmp_path):
    pygame.init()
    _camille_half_way(tmp_path / "d")
    d = Driver(tmp_path / "d")
    try:
        assert "Progression de Camille : « Premiers pas », étape 2 sur 5." in d.screen_text()
        assert d.focused.label == "Continuer — Camille"
        assert "Changer de profil" in d.buttons()  # a visible way out for whoever is not Camille
        d.press("RETURN")
        assert isinstance(d.scene, DialogueScene)
        assert d.services.learner.pseudonym == "Camille" and d.services.session.learner == "Camille"
    finally:
        d.close()


def test_someone_else_on_a_one_profile_computer_changes_profile_from_the_title(tmp_path):
    pygame.init()
    _camille_half_way(tmp_path / "d")
    d = Driver(tmp_path / "d")
    try:
        before = _camille_attempt(d)
        d.activate_button("Changer de profil")
        assert isinstance(d.scene, ProfilesScene) and "Qui joue ?" in d.screen_text()
        d.fill_text("Léa")
        d.activate_button("Créer le profil")
        assert isinstance(d.scene, LibraryScene) and "Profil : Léa" in d.screen_text()
        assert "Premiers pas — à faire" in d.screen_text()
        assert _camille_attempt(d).state == before.state  # Camille's step untouched
    finally:
        d.close()


def test_with_several_profiles_continue_asks_who_plays_before_resuming_anything(tmp_path):
    pygame.init()
    _camille_half_way(tmp_path / "d")
    _add_profile(tmp_path / "d", "Léa")
    d = Driver(tmp_path / "d")
    try:
        text = d.screen_text()
        assert "2 profils sur cet ordinateur : choisissez le vôtre pour continuer." in text
        assert "Camille" not in text and "Premiers pas" not in text  # nobody's progress offered to anyone
        assert d.focused.label == "Continuer"
        assert [b for b in d.buttons() if b.startswith("Reprendre")] == []
        d.press("RETURN")
        assert isinstance(d.scene, ProfilesScene) and "Qui joue ?" in d.screen_text()
        assert isinstance(d.focused, ListBox) and d.focused.items == ["Camille", "Léa"]  # keyboard first
        assert d.services.learner is None and d.services.session is None  # nothing resumed yet
        before = _camille_attempt(d)
        d.press("DOWN")
        d.press("RETURN")  # Léa: her own library, not Camille's scenario
        assert isinstance(d.scene, LibraryScene) and "Profil : Léa" in d.screen_text()
        assert d.services.session is None and "Premiers pas — à faire" in d.screen_text()
        assert _camille_attempt(d).state == before.state
        d.press("ESCAPE")  # back to the title: still asks
        assert d.focused.label == "Continuer"
        d.press("RETURN")
        d.press("HOME")
        d.press("RETURN")  # Camille: her scenario, where she left it
        d.wait_until(lambda: isinstance(d.scene, DialogueScene))
        assert d.services.session.learner == "Camille"
        assert d.services.session.step.id == before.state["step_id"]
    finally:
        d.close()


def test_at_200_percent_whose_progress_and_the_continue_button_are_in_view(tmp_path):
    pygame.init()
    _camille_half_way(tmp_path / "d")
    d = Driver(tmp_path / "d", scale=2.0)
    try:
        view = d.scene.form.panel.rect
        who = next(w for w in d.widgets if getattr(w, "text", "").startswith("Progression de Camille"))
        button = d.focused
        assert isinstance(button, Button) and button.label == "Continuer — Camille"
        assert view.contains(who.rect) and view.contains(button.rect)
    finally:
        d.close()
