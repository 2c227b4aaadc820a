"""Une partie scriptée passe par le même chemin qu'une personne ; une erreur n'arrête pas le jeu."""

import logging

import pygame
import pytest

from game.engine import intents as I
from game.engine.loop import ErrorText, run
from game.engine.scene import Pop, Push, Quit, Scene
from game.engine.script import ScriptError, parse_script
from game.engine.stack import SceneStack

BLUE, GREEN = (29, 78, 137), (30, 107, 50)


class Menu(Scene):
    def __init__(self, log):
        self.log = log
        self.typed = ""

    def handle(self, intent):
        self.log.append(("menu", intent.kind))
        if intent.kind == I.TEXT:
            self.typed += intent.text
        if intent.kind == I.ACTIVATE and not intent.from_space:
            return Push("detail", {"title": "Détail"})
        if intent.kind == I.BACK:
            return Quit()
        return None

    def on_resume(self, result):
        self.log.append(("resumed", result))

    def draw(self, surface):
        surface.fill(BLUE)


class Detail(Scene):
    def __init__(self, log, title):
        self.log, self.title = log, title

    def handle(self, intent):
        if intent.kind == I.BACK:
            return Pop("fini")
        return None

    def draw(self, surface):
        surface.fill(GREEN)


class Broken(Scene):
    def draw(self, surface):
        raise RuntimeError("bogue volontaire")


def make_stack(log):
    def factory(scene_id, params):
        if scene_id == "menu":
            return Menu(log)
        if scene_id == "detail":
            return Detail(log, **params)
        if scene_id == "broken":
            return Broken()
        raise KeyError(scene_id)

    stack = SceneStack(factory)
    stack.push("menu")
    return stack


def test_scripted_keys_push_and_pop_scenes_and_write_screenshots(window, tmp_path):
    log = []
    stack = make_stack(log)
    mid, final = tmp_path / "detail.png", tmp_path / "final.png"
    run(stack, window, script=["text:Écrire", "key:RETURN", "wait:3", f"shot:{mid}", "key:ESCAPE", "wait:3"],
        screenshot=final, fade_ms=0)
    assert stack.top.typed == "Écrire"
    assert ("resumed", "fini") in log
    assert len(stack) == 1
    assert mid.stat().st_size > 0 and final.stat().st_size > 0
    assert pygame.image.load(str(mid)).get_at((640, 360))[:3] == GREEN
    assert pygame.image.load(str(final)).get_at((640, 360))[:3] == BLUE


def test_space_key_in_a_script_gives_both_activate_and_text(window):
    log = []
    stack = make_stack(log)
    run(stack, window, script=["key:SPACE"], fade_ms=0)
    assert ("menu", I.ACTIVATE) in log and ("menu", I.TEXT) in log
    assert stack.top.typed == " "
    assert len(stack) == 1  # Espace seule n'ouvre pas le détail dans cette scène


def test_escape_on_the_menu_quits_cleanly(window):
    stack = make_stack([])
    frames = run(stack, window, script=["key:ESCAPE", "wait:100"], fade_ms=0)
    assert frames < 10


def test_window_close_ends_the_loop(window):
    stack = make_stack([])
    assert run(stack, window, script=["quit", "wait:100"]) < 10


def test_an_exception_in_draw_shows_the_error_screen_and_escape_goes_back(window, tmp_path, caplog):
    log = []
    stack = make_stack(log)
    shot = tmp_path / "erreur.png"
    with caplog.at_level(logging.ERROR, logger="game.engine.loop"):
        # Le menu ouvre une scène qui plante au dessin : pas d'exception, un écran d'erreur.
        stack.apply(Push("broken", {}))
        run(stack, window, script=["wait:2", f"shot:{shot}", "key:ESCAPE", "wait:2"], fade_ms=0,
            error_text=ErrorText("Une erreur inattendue est survenue…", "Échap pour revenir"))
    assert "bogue volontaire" in caplog.text  # la trace va au journal, pas à l'écran
    error_frame = pygame.image.load(str(shot))
    assert error_frame.get_at((5, 5))[:3] == (247, 245, 239)  # fond clair de l'écran d'erreur
    assert len(stack) == 1 and isinstance(stack.top, Menu)  # Échap a ramené au menu
    assert window.surface.get_at((640, 360))[:3] == BLUE


def test_an_unknown_scene_id_does_not_crash_the_game(window):
    stack = make_stack([])
    run(stack, window, script=["wait:1"], fade_ms=0)
    stack.top.handle = lambda intent: Push("inconnue", {})
    run(stack, window, script=["key:RETURN", "wait:1"], fade_ms=0)
    assert len(stack) == 1


def test_max_frames_bounds_an_unscripted_run(window):
    stack = make_stack([])
    assert run(stack, window, max_frames=3, fps=240) == 3


def test_fade_does_not_break_transitions(window):
    log = []
    stack = make_stack(log)
    run(stack, window, script=["key:RETURN", "wait:20"], fade_ms=120)
    assert isinstance(stack.top, Detail)
    assert window.surface.get_at((640, 360))[:3] == GREEN  # fondu terminé


def test_resize_step_relays_out(window):
    sizes = []
    stack = make_stack([])
    stack.top.layout = sizes.append
    run(stack, window, script=["resize:1024,768", "wait:1"], fade_ms=0)
    assert sizes[-1] == (1024, 768)
    window.resize((1280, 720))


def test_typos_in_a_script_are_reported_before_playing():
    with pytest.raises(ScriptError):
        parse_script(["key:PASUNETOUCHE"])
    with pytest.raises(ScriptError):
        parse_script(["sauter:3"])
    assert parse_script(["# commentaire", "", "wait:2"])[0].wait == 2


def test_a_banner_shows_over_the_scene_which_stays_usable(window, tmp_path):
    log = []
    stack = make_stack(log)
    notice = ["Progression pas encore enregistrée : le disque est plein."]
    shot = tmp_path / "bandeau.png"
    run(stack, window, script=["wait:1", f"shot:{shot}", "key:RETURN", "wait:2"], fade_ms=0,
        banner=lambda: notice[0])
    frame = pygame.image.load(str(shot))
    assert frame.get_at((5, 715))[:3] == (255, 236, 179)  # the banner at the bottom, light amber
    assert frame.get_at((640, 300))[:3] == BLUE  # the scene above it
    assert isinstance(stack.top, Detail)  # keys still reach the scene: no error screen
    width, height = stack.size  # the scenes are laid out above the banner: it hides none of their widgets
    assert width == 1280 and 600 < height < 700 and frame.get_at((640, height - 1))[:3] == BLUE
    assert frame.get_at((640, height + 10))[:3] == (255, 236, 179)
    notice[0] = None
    run(stack, window, script=["wait:1"], fade_ms=0, banner=lambda: notice[0])
    assert window.surface.get_at((5, 715))[:3] == GREEN  # gone once there is nothing to say
    assert stack.size == (1280, 720)


def test_on_frame_is_called_once_for_each_frame_drawn(window):
    drawn = []
    frames = run(make_stack([]), window, script=["key:RETURN", "wait:4", "key:ESCAPE"], fade_ms=0,
                 on_frame=lambda: drawn.append(1))
    assert frames > 0 and len(drawn) == frames


def test_the_loop_marks_a_held_keys_auto_repeat(window):
    seen = []

    class Recorder(Scene):
        def handle(self, intent):
            seen.append((intent.kind, intent.repeat))

        def draw(self, surface):
            surface.fill(BLUE)

    stack = SceneStack(lambda scene_id, params: Recorder())
    stack.push("recorder")
    pygame.event.clear()
    down = {"key": pygame.K_RETURN, "mod": 0, "unicode": "", "scancode": 0}
    for event in (pygame.KEYDOWN, pygame.KEYDOWN, pygame.KEYUP, pygame.KEYDOWN):  # held (SDL repeats), released, pressed
        pygame.event.post(pygame.event.Event(event, **down))
    run(stack, window, max_frames=2, fade_ms=0)
    assert seen == [(I.ACTIVATE, False), (I.ACTIVATE, True), (I.ACTIVATE, False)]
