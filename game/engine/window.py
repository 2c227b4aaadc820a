"""Fenêtre du jeu : 1280×720 par défaut, redimensionnable, plein écran par F11."""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

_log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (640, 480)


class GameWindow:
    """Enveloppe minimale de la surface d'affichage pygame."""

    def __init__(self, title: str, size: tuple[int, int] = DEFAULT_SIZE, icon: Path | None = None) -> None:
        if not pygame.get_init():
            pygame.init()
        pygame.display.set_caption(title)
        if icon is not None:
            try:
                pygame.display.set_icon(pygame.image.load(str(icon)))
            except (pygame.error, OSError, FileNotFoundError):
                _log.warning("Icône introuvable ou illisible : %s", icon)
        self._windowed_size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        self.fullscreen = False
        self.surface = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)
        # Touches maintenues répétées (flèches, retour arrière) ; saisie de texte active (accents).
        pygame.key.set_repeat(400, 40)
        pygame.key.start_text_input()

    @property
    def size(self) -> tuple[int, int]:
        self.surface = pygame.display.get_surface() or self.surface
        return self.surface.get_size()

    def resize(self, size: tuple[int, int]) -> None:
        """Change la taille de la fenêtre (utilisé par les scripts ; l'utilisateur redimensionne à la souris)."""
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        self._windowed_size = size
        if not self.fullscreen:
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)

    def toggle_fullscreen(self) -> None:
        """Bascule plein écran / fenêtre ; un échec est journalisé sans planter."""
        try:
            if self.fullscreen:
                self.surface = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)
            else:
                self._windowed_size = self.size
                self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            self.fullscreen = not self.fullscreen
        except pygame.error:
            _log.warning("Plein écran indisponible", exc_info=True)
            self.surface = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)
            self.fullscreen = False

    def flip(self) -> None:
        pygame.display.flip()


def open_window(title: str, size: tuple[int, int] = DEFAULT_SIZE, icon: Path | None = None) -> GameWindow:
    """Ouvre la fenêtre du jeu avec le titre donné (déjà traduit)."""
    return GameWindow(title, size, icon)
