"""The trainer's preview (``play --watch``, ``--warp``): the scenario file is edited while the game
runs; the game reloads it, replays the path to the same step, shows a broken save's problems and
recovers at the next save. Real scenes and services, keyboard only; the watcher is ticked by frames."""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game import preview as pv
from game.app import scene_factory
from game.cli import main
from game.engine.fonts import FontBook
from game.engine.stack import SceneStack
from game.i18n import activate
from game.scenes.dialogue import DialogueScene
from game.scenes.library import LibraryScene
from game.scenes.preview import PreviewScene
from game.scenes.quiz import QuizScene
from game.storage.scenarios import builtin_scenarios_dir
from game.storage.store import Store
from game.ui.theme import DEFAULT_THEME

from .driver import Driver
from .test_playthrough import open_first, play_step, start

LAST_LINE = "Bonne question pour commencer. Que lui répondez-vous ?"
BEST_CHOICE = ("Pour rendre l'action publique plus transparente et permettre à chacun de réutiliser des données "
               "utiles, en protégeant la vie privée des habitants.")


class PreviewDriver(Driver):
    """The keyboard driver on the preview's services and stack; each frame also ticks the watcher."""

    def __init__(self, watch=None, warp=None, size=(1280, 720)):
        activate("fr")
        args = argparse.Namespace(watch=watch, warp=warp, scenarios=None)
        item, step = pv.prepare(args)
        self.fonts = FontBook(1.0)
        self.preview = pv.start(args, item, step, theme=DEFAULT_THEME, fonts=self.fonts, language="fr")
        self.services = self.preview.services
        self.store = self.services.store
        self.stack = SceneStack(scene_factory(self.services), size)
        self.tick = self.preview.attach(self.stack)
        self.surface = pygame.Surface(size)
        self.keys, self.quit = [], False

    def frame(self):
        if self.stack.top is not None:  # as the frame loop does: the scene, then the application
            self.stack.apply(self.stack.top.update(1 / 60))
        self.tick(1 / 60)
        self.draw()

    def let_watcher_look(self):
        """A second and a half of frames: the watcher looks every half second and reads a save
        once it stopped changing."""
        for _ in range(90):
            self.frame()


@pytest.fixture
def scenario_file(tmp_path, data_dir):
    shutil.copytree(builtin_scenarios_dir() / "premiers-pas", tmp_path / "premiers-pas")
    return tmp_path / "premiers-pas" / "scenario.yaml"


@pytest.fixture
def preview(scenario_file):
    pygame.init()
    d = PreviewDriver(watch=scenario_file)
    yield d
    d.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def to_second_dialogue_last_line(d):
    assert isinstance(d.scene, DialogueScene)
    assert play_step(d) == "dialogue"  # « accueil », the best choice
    assert d.services.session.step.id == "petite-commune"
    d.activate_button("Suite")
    assert LAST_LINE in d.screen_text()


def test_a_save_reloads_the_scenario_and_replays_to_the_same_step(preview, scenario_file):
    d = preview
    to_second_dialogue_last_line(d)
    edit(scenario_file, LAST_LINE, "Question importante : que lui répondez-vous ?")
    d.let_watcher_look()
    assert isinstance(d.scene, DialogueScene)
    assert d.services.session.step.id == "petite-commune"
    assert "Question importante : que lui répondez-vous ?" in d.screen_text() and LAST_LINE not in d.screen_text()
    assert "Réplique 2 sur 2" in d.screen_text()  # the line read is replayed too
    assert d.services.session.state.choice("accueil") is not None  # and the first step's choice
    assert not any(isinstance(s, PreviewScene) for s in d.stack.scenes)  # nothing to say: no note


def test_a_yaml_error_on_save_is_shown_and_the_next_save_recovers(preview, scenario_file):
    d = preview
    to_second_dialogue_last_line(d)
    title = '    title: "Un appel de Villers-sur-Aubrelle"\n'
    line = scenario_file.read_text(encoding="utf-8").splitlines(keepends=True).index(title) + 2
    edit(scenario_file, title, title + "   oops: [\n")
    d.let_watcher_look()
    assert isinstance(d.scene, PreviewScene)
    text = d.screen_text()
    assert "Le scénario contient des erreurs" in text
    assert f"{scenario_file}:{line}:4 : Erreur de syntaxe YAML" in text
    d.activate_button("Continuer avec la version précédente")  # the previous version is still playable
    assert isinstance(d.scene, DialogueScene) and LAST_LINE in d.screen_text()

    edit(scenario_file, title + "   oops: [\n", title.replace("Un appel", "Un coup de fil"))
    d.let_watcher_look()
    assert isinstance(d.scene, DialogueScene)
    assert d.services.session.step.id == "petite-commune"
    assert "Un coup de fil de Villers-sur-Aubrelle" in d.screen_text() and LAST_LINE in d.screen_text()


def test_a_second_broken_save_replaces_the_first_notice(preview, scenario_file):
    d = preview
    edit(scenario_file, "id: premiers-pas\n", "id: premiers-pas\n  : [\n")
    d.let_watcher_look()
    edit(scenario_file, "id: premiers-pas\n  : [\n", "id: premiers-pas\nbizarre: 1\n")
    d.let_watcher_look()
    assert sum(isinstance(s, PreviewScene) for s in d.stack.scenes) == 1
    assert "Clé inconnue : « bizarre »." in d.screen_text()


def test_an_edit_that_removes_the_choice_made_stops_on_its_step_with_a_note(preview, scenario_file):
    d = preview
    to_second_dialogue_last_line(d)
    text = scenario_file.read_text(encoding="utf-8")
    start = text.index(f'      - text: "{BEST_CHOICE}"')
    end = text.index('      - text: "Parce que la loi nous y oblige, tout simplement."')
    scenario_file.write_text(text[:start] + text[end:], encoding="utf-8")
    d.let_watcher_look()
    assert isinstance(d.scene, PreviewScene)
    assert (f"Le scénario a changé : le parcours rejoué s'arrête à l'étape « accueil » (le choix « {BEST_CHOICE} » "
            "n'existe plus).") in d.screen_text()
    d.activate_button("Continuer")
    assert isinstance(d.scene, DialogueScene) and d.services.session.step.id == "accueil"
    assert "Que répondez-vous ?" in d.screen_text()  # the choice is asked again


def test_a_scenario_broken_at_start_opens_once_fixed(scenario_file):
    edit(scenario_file, "id: premiers-pas\n", "id: premiers-pas\nbizarre: 1\n")
    pygame.init()
    d = PreviewDriver(watch=scenario_file)
    try:
        assert isinstance(d.scene, PreviewScene) and "Clé inconnue : « bizarre »." in d.screen_text()
        assert "Retour à la bibliothèque" in d.buttons()
        edit(scenario_file, "id: premiers-pas\nbizarre: 1\n", "id: premiers-pas\n")
        d.let_watcher_look()
        assert isinstance(d.scene, DialogueScene) and d.services.session.step.id == "accueil"
    finally:
        d.close()


def test_escape_then_reopen_resumes_the_preview_at_the_same_step(preview):
    d = preview
    to_second_dialogue_last_line(d)
    d.press("ESCAPE")
    assert isinstance(d.scene, LibraryScene)
    d.tab_to(lambda w: type(w).__name__ == "ListBox")
    d.press("RETURN")
    assert isinstance(d.scene, DialogueScene) and LAST_LINE in d.screen_text()


def test_warp_starts_at_the_step_with_nothing_recorded_before_it(data_dir):
    pygame.init()
    d = PreviewDriver(warp="premiers-pas:quiz-loi")
    try:
        assert isinstance(d.scene, QuizScene) and "Ce que dit la loi" in d.screen_text()
        session = d.services.session
        steps = {s["object"]["id"].rsplit("/", 1)[-1] for s in d.store.statements(registration=session.registration)}
        assert "accueil" not in steps and "petite-commune" not in steps and "quiz-loi" in steps
        assert d.services.learner.pseudonym == "Aperçu (formateur)"
    finally:
        d.close()
    assert not (data_dir / "explorateurs.sqlite3").exists()  # the learners' save is not even created


def test_warp_with_watch_takes_a_bare_step_id(scenario_file):
    pygame.init()
    d = PreviewDriver(watch=scenario_file, warp="tri-donnees")
    try:
        assert d.services.session.step.id == "tri-donnees"
    finally:
        d.close()


@pytest.mark.parametrize(("argv", "expected"), [
    (["--warp", "premiers-pas:quizz-loi"], "Étape inconnue : « quizz-loi » dans"),
    (["--warp", "premiers-pas:quizz-loi"], "Vouliez-vous dire « quiz-loi » ?"),
    (["--warp", "premier-pas:quiz-loi"], "Scénario inconnu : « premier-pas ». Vouliez-vous dire « premiers-pas » ?"),
    (["--warp", "quiz-loi"], "--warp SCÉNARIO:ÉTAPE"),
    (["--watch", "nulle-part/scenario.yaml"], "Fichier de scénario introuvable : nulle-part/scenario.yaml."),
])
def test_an_unknown_warp_step_or_file_is_refused_before_the_window_opens(data_dir, capsys, argv, expected):
    assert main(["play", *argv]) == 2
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize("scenario_id", ["premiers-pas", "prenoms", "subventions", "hackathon"])
def test_every_step_of_a_shipped_scenario_can_be_warped_to(data_dir, scenario_id):
    from game.storage.scenarios import load_scenario

    pygame.init()
    for step in load_scenario(builtin_scenarios_dir() / scenario_id).scenario.steps:
        d = PreviewDriver(warp=f"{scenario_id}:{step.id}")
        try:
            d.wait_until(lambda d=d: type(d.scene).__name__ != "LoadingScene")  # a dataset read on a worker thread
            assert d.services.session.step.id == step.id
            assert type(d.scene).__name__.lower() == f"{step.kind}scene", d.screen_text()
        finally:
            d.close()


@pytest.mark.parametrize("watch", ["scenario.yaml", ".", "../lien/scenario.yaml", "../lien"])
def test_watch_works_from_inside_the_scenario_folder_and_through_a_link(scenario_file, monkeypatch, watch):
    folder = scenario_file.parent
    (folder.parent / "lien").symlink_to(folder, target_is_directory=True)  # beside it: none is allowed inside
    monkeypatch.chdir(folder)
    pygame.init()
    d = PreviewDriver(watch=watch)
    try:
        assert isinstance(d.scene, DialogueScene) and d.services.session.step.id == "accueil"
        edit(folder / "scenario.yaml", "title: \"Bienvenue au Val d'Aubrelle\"", 'title: "Bienvenue, formateur"')
        d.let_watcher_look()  # the save is noticed and read again
        assert "Bienvenue, formateur" in d.screen_text()
    finally:
        d.close()


OTHER_PREVIEW = """
import sys
from game.storage.preview_store import open_preview_store
store = open_preview_store()
store.set_setting("marque", "autre aperçu")
print(store.path, flush=True)
sys.stdin.readline()
"""


def test_two_previews_at_once_keep_their_own_save_and_an_ended_one_is_swept(data_dir):
    other = subprocess.Popen([sys.executable, "-c", OTHER_PREVIEW], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        other_save = Path(other.stdout.readline().strip())
        mine = pv.open_preview_store()  # a second preview starts while the first one runs
        mine.close()
        assert other_save.is_file() and other_save.parent != mine.path.parent
        still = Store(other_save)
        assert still.get_setting("marque") == "autre aperçu"
        still.close()
    finally:
        other.communicate("\n", timeout=60)
    pv.open_preview_store().close()  # the next preview sweeps what the ended one left
    assert not other_save.parent.exists()
    assert [p.name for p in (data_dir / "apercu").iterdir()] == [str(os.getpid())]


PREVIEW_FOOTER = "Aperçu : rien n'est enregistré pour les apprenant·es"


@pytest.mark.parametrize("warp", ["premiers-pas:accueil", "prenoms:nettoyage", "subventions:publication"])
def test_the_step_screens_of_a_preview_say_nothing_is_saved_for_learners(data_dir, warp):
    pygame.init()
    d = PreviewDriver(warp=warp)
    try:
        d.wait_until(lambda: type(d.scene).__name__ != "LoadingScene")
        text = d.screen_text()
        assert PREVIEW_FOOTER in text and "Échap : retour à la bibliothèque" in text
        assert "enregistré)" not in text  # neither « progression enregistrée » nor « brouillon enregistré »
    finally:
        d.close()


def test_the_learners_game_keeps_its_footer(driver):
    start(driver)
    open_first(driver)
    assert isinstance(driver.scene, DialogueScene)
    assert "Échap : retour à la bibliothèque (progression enregistrée)" in driver.screen_text()
    assert PREVIEW_FOOTER not in driver.screen_text()
