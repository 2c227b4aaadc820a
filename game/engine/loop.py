"""Boucle principale : événements → intentions → scène du dessus, mise à jour à pas fixe, dessin.

Une exception levée par une scène n'arrête jamais le jeu : la trace part dans le journal
(`logging`, logger « game.engine.loop » ; stderr si l'application n'a rien configuré) et un
écran d'erreur en français s'affiche. Échap (ou Entrée) le referme : la scène fautive est
dépilée s'il reste une scène dessous.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.script import Step, parse_script
from game.engine.stack import SceneStack
from game.engine.window import GameWindow

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ErrorText:
    """Textes de l'écran d'erreur, fournis traduits par l'application."""

    title: str = "Une erreur inattendue est survenue…"
    hint: str = "Échap pour revenir"


class _ErrorScreen:
    """Écran d'erreur sobre : texte sombre sur fond clair, contraste élevé."""

    BG = (247, 245, 239)
    FG = (31, 35, 40)

    def __init__(self, text: ErrorText, fonts: FontBook | None) -> None:
        self.text = text
        self._fonts = fonts

    def draw(self, surface: pygame.Surface) -> None:
        fonts = self._fonts or FontBook(1.0)
        self._fonts = fonts
        surface.fill(self.BG)
        w, h = surface.get_size()
        width = min(w - 80, round(760 * fonts.scale))
        title = fonts.render(self.text.title, "heading", bold=True, color=self.FG, width=width)
        hint = fonts.render(self.text.hint, "body", color=self.FG, width=width)
        gap = fonts.spacing(24)
        y = max(20, (h - title.get_height() - gap - hint.get_height()) // 2)
        surface.blit(title, ((w - title.get_width()) // 2, y))
        surface.blit(hint, ((w - hint.get_width()) // 2, y + title.get_height() + gap))


class _Banner:
    """Bandeau d'avertissement en bas de l'écran, sous la scène (qui reste utilisable au-dessus) :
    texte sombre sur fond ambre clair, bordure foncée, contraste élevé ; il grandit avec le texte."""

    BG = (255, 236, 179)
    FG = (31, 35, 40)
    EDGE = (138, 90, 0)

    def __init__(self, fonts: FontBook | None) -> None:
        self._fonts = fonts

    @property
    def fonts(self) -> FontBook:
        if self._fonts is None:
            self._fonts = FontBook(1.0)
        return self._fonts

    def height(self, width: int, height: int, text: str | None) -> int:
        """La hauteur du bandeau (0 sans texte), au plus la moitié de la fenêtre."""
        if not text:
            return 0
        pad = self.fonts.spacing(10)
        return min(height // 2, self.fonts.measure(text, "body", max(40, width - 2 * pad), bold=True)[1] + 2 * pad)

    def draw(self, surface: pygame.Surface, text: str, height: int) -> None:
        w, h = surface.get_size()
        pad = self.fonts.spacing(10)
        img = self.fonts.render(text, "body", bold=True, color=self.FG, width=max(40, w - 2 * pad))
        top = h - height
        surface.fill(self.BG, pygame.Rect(0, top, w, height))
        surface.fill(self.EDGE, pygame.Rect(0, top, w, max(2, self.fonts.spacing(3))))
        surface.set_clip(pygame.Rect(0, top, w, height))
        surface.blit(img, (pad, top + pad))
        surface.set_clip(None)


class Runner:
    """État d'une exécution de la boucle (séparé de `run` pour rester lisible et testable)."""

    def __init__(self, stack: SceneStack, window: GameWindow, *, fps: int, fade_ms: int,
                 error_text: ErrorText, fonts: FontBook | None,
                 on_update: Callable[[float], bool] | None = None,
                 banner: Callable[[], str | None] | None = None) -> None:
        self.stack = stack
        self.on_update = on_update
        self.banner = banner
        self._banner = _Banner(fonts)
        self._banner_h = 0  # the scenes are laid out in the window minus the banner
        self.window = window
        self.step = 1.0 / fps
        self.fade_ms = fade_ms
        self.error: _ErrorScreen | None = None
        self._error_screen = _ErrorScreen(error_text, fonts)
        self._fade_from: pygame.Surface | None = None
        self._fade_left = 0.0
        self.quit = False

    # --- garde-fou ---------------------------------------------------------------------
    def guard(self, what: str, fn: Callable[..., Any], *args: Any) -> Any:
        """Appelle `fn` ; en cas d'exception, journalise et passe en écran d'erreur."""
        try:
            return fn(*args)
        except Exception:  # noqa: BLE001 - jamais de trace montrée à l'apprenant
            _log.exception("Erreur dans %s de la scène %r", what, type(self.stack.top).__name__)
            self.error = self._error_screen
            return None

    def apply(self, transition: Any) -> None:
        if transition is None:
            return
        if self.fade_ms > 0:
            self._fade_from = self.window.surface.copy()
            self._fade_left = self.fade_ms / 1000
        self.guard("la transition", self.stack.apply, transition)
        if self.stack.quit_requested or not len(self.stack):
            self.quit = True

    # --- intentions ----------------------------------------------------------------------
    def dispatch(self, intent: I.Intent) -> None:
        if intent.kind == I.QUIT:
            self.quit = True
        elif intent.kind == I.RESIZE:
            self.guard("la mise en page", self.stack.layout, self.scene_size())
        elif intent.kind == I.FULLSCREEN:
            self.window.toggle_fullscreen()
            self.guard("la mise en page", self.stack.layout, self.scene_size())
        elif self.error is not None:
            if intent.kind == I.BACK or (intent.kind == I.ACTIVATE and not intent.from_space and not intent.repeat):
                self.dismiss_error()
        elif self.stack.top is not None:
            self.apply(self.guard("handle", self.stack.top.handle, intent))

    def dismiss_error(self) -> None:
        self.error = None
        if len(self.stack) > 1:
            self.guard("la reprise", self.stack.pop, None)

    def scene_size(self) -> tuple[int, int]:
        """Where the scenes draw: the window, minus the banner at its bottom when one shows."""
        w, h = self.window.size
        return (w, h - self._banner_h)

    # --- image -----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.error is None and self.stack.top is not None:
            self.apply(self.guard("update", self.stack.top.update, dt))
        if self.on_update is not None and self.guard("la mise à jour de l'application", self.on_update, dt):
            self.error = None  # l'application a reconstruit les écrans (scénario rechargé)
        if self._fade_left > 0:
            self._fade_left = max(0.0, self._fade_left - dt)

    def draw(self) -> None:
        surface = self.window.surface
        text = self.guard("le bandeau", self.banner) if self.banner is not None and self.error is None else None
        height = self._banner.height(*surface.get_size(), text)
        if height != self._banner_h:  # a banner comes, goes or grows: the scene moves up above it
            self._banner_h = height
            self.guard("la mise en page", self.stack.layout, self.scene_size())
        if self.error is None:
            w, h = surface.get_size()
            self.guard("draw", self.stack.draw, surface.subsurface((0, 0, w, h - height)) if height else surface)
        if text and height and self.error is None:
            self._banner.draw(surface, text, height)
        if self.error is not None:
            self.error.draw(surface)
        elif self._fade_from is not None and self._fade_left > 0:
            # Fondu enchaîné court et monotone (pas de flash) de l'ancienne image vers la nouvelle.
            self._fade_from.set_alpha(round(255 * self._fade_left * 1000 / self.fade_ms))
            surface.blit(self._fade_from, (0, 0))
        self.window.flip()


def _run_step(step: Step, runner: Runner) -> int:
    """Exécute un pas de script ; renvoie le nombre d'images à attendre."""
    if step.resize is not None:
        runner.window.resize(step.resize)
    for event in step.events:
        pygame.event.post(event)
    if step.shot:
        save_screenshot(runner.window.surface, step.shot)
    return step.wait


def save_screenshot(surface: pygame.Surface, path: str | Path) -> None:
    """Enregistre la surface en PNG (crée le dossier au besoin)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(path))


def run(stack: SceneStack, window: GameWindow, *, fps: int = 60, script: Sequence[str] | None = None,
        screenshot: str | Path | None = None, max_frames: int | None = None, fade_ms: int = 120,
        error_text: ErrorText | None = None, fonts: FontBook | None = None,
        on_update: Callable[[float], bool] | None = None, banner: Callable[[], str | None] | None = None,
        on_frame: Callable[[], None] | None = None) -> int:
    """Fait tourner le jeu jusqu'à la fermeture ; renvoie le nombre d'images dessinées.

    Avec `script`, chaque image avance d'exactement un pas de temps (partie déterministe, sans
    attente réelle) et la partie s'arrête une image après le dernier pas ; tant que la scène du
    dessus est `busy` (un travail sur un autre fil), le script l'attend en temps réel. `screenshot` enregistre
    la dernière image en PNG. `fade_ms=0` supprime le fondu (option « réduire les animations »).
    `on_update(dt)` est appelé à chaque pas après la scène (l'aperçu y surveille le fichier du
    scénario) ; s'il renvoie True, la pile a été reconstruite et l'écran d'erreur est refermé.
    `banner()` donne à chaque image un avertissement à montrer en bas de l'écran (ou None) : la
    scène reste affichée et utilisable dessous (ex. « progression pas encore enregistrée »).
    `on_frame()` est appelé après chaque image affichée (la trace du banc de fiabilité).
    """
    if script is None and screenshot is not None:
        script = ["wait:12"]  # the first screen once its fade has ended, saved, then the game quits
    steps = parse_script(list(script)) if script is not None else None
    runner = Runner(stack, window, fps=fps, fade_ms=fade_ms,
                    error_text=error_text or ErrorText(), fonts=fonts, on_update=on_update, banner=banner)
    runner.guard("la mise en page", stack.layout, window.size)
    runner.quit = not len(stack)
    clock = pygame.time.Clock()
    keys = I.IntentTranslator()  # tells a held key's auto-repeat from a new press
    accumulator, frames, wait, index = 0.0, 0, 0, 0
    while not runner.quit:
        if steps is not None:
            if wait > 0:
                wait -= 1
            elif getattr(stack.top, "busy", False) and runner.error is None:
                clock.tick(fps)  # work on a worker thread: the script waits for it, in real time
            elif index < len(steps):
                wait = _run_step(steps[index], runner)
                index += 1
            else:
                runner.quit = True
            frame_dt = runner.step
        else:
            frame_dt = min(clock.tick(fps) / 1000, 0.25)
        for event in pygame.event.get():
            for intent in keys.translate(event):
                runner.dispatch(intent)
                if runner.quit:
                    break
        if runner.quit and frames > 0:
            break
        accumulator += frame_dt
        while accumulator >= runner.step - 1e-9:
            runner.update(runner.step)
            accumulator -= runner.step
        runner.draw()
        frames += 1
        if on_frame is not None:
            on_frame()
        if max_frames is not None and frames >= max_frames:
            break
    if screenshot is not None:
        save_screenshot(window.surface, screenshot)
    return frames
