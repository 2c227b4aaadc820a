"""Socle des widgets : rectangle, focus, survol, et dessin de l'anneau de focus.

Règle de géométrie : un widget calcule ses hauteurs dans `layout` et dérive tout le reste de
`self.rect` au moment du dessin ; déplacer `rect` (défilement) suffit donc à le déplacer.
"""

from __future__ import annotations

import pygame

from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.theme import Theme


class Widget:
    """Widget de base, non focalisable et muet."""

    focusable: bool = False
    uses_vertical_keys: bool = False  # vrai si Haut/Bas servent au widget (liste, choix)
    repeats_activate: bool = False  # vrai si Entrée tenue enfoncée doit se répéter (saut de ligne)

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.hovered = False

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        """Place le widget en (x, y) sur `width` pixels ; renvoie sa hauteur."""
        self.rect = pygame.Rect(x, y, width, 0)
        return 0

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        """Dessine le widget (et son anneau de focus si `focused`)."""

    def handle(self, intent: Intent) -> str | None:
        """Réagit à une intention ; renvoie un identifiant d'action ou None."""
        return None

    def contains(self, pos: tuple[int, int] | None) -> bool:
        return pos is not None and self.rect.collidepoint(pos)

    def hover(self, pos: tuple[int, int] | None) -> None:
        """Met à jour l'état de survol selon la position de la souris."""
        self.hovered = self.contains(pos)

    def shift(self, dy: int) -> None:
        """Déplace verticalement le widget (défilement)."""
        self.rect.move_ip(0, dy)


def draw_focus_ring(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> None:
    """Anneau de focus épais (≥ 3 px) tracé autour de `rect`, séparé par un petit espace."""
    ring = rect.inflate(2 * theme.focus_outset, 2 * theme.focus_outset)
    pygame.draw.rect(surface, theme.focus, ring, width=theme.focus_width,
                     border_radius=theme.radius + theme.focus_outset)


def blit_text(surface: pygame.Surface, text_surface: pygame.Surface, rect: pygame.Rect,
              align: str = "left") -> None:
    """Colle un texte dans `rect`, aligné à gauche ou centré, découpé au rectangle."""
    x = rect.x
    if align == "center":
        x = rect.x + (rect.width - text_surface.get_width()) // 2
    previous = surface.get_clip()
    surface.set_clip(rect.clip(previous) if previous else rect)
    surface.blit(text_surface, (x, rect.y))
    surface.set_clip(previous)
