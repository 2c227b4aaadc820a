"""Panneau à défilement vertical pour un contenu plus haut que la fenêtre."""

from __future__ import annotations

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, draw_focus_ring
from game.ui.theme import Theme


class ScrollPanel(Widget):
    """Colonne de widgets enfants dans une fenêtre de hauteur `height` (None = tout afficher).

    Page préc./Page suiv. et la molette font défiler ; `ensure_visible(widget)` fait défiler pour
    montrer un enfant (le formulaire l'appelle à chaque changement de focus).
    """

    def __init__(self, children: list[Widget], height: int | None = None, spacing: int = 14,
                 outset: int = 5) -> None:
        super().__init__()
        self.children = list(children)
        self.height = height
        self.spacing = spacing
        self.outset = outset  # marge pour que l'anneau de focus reste visible
        self.offset = 0
        self.content_height = 0

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.rect.height)

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        top = y + self.outset
        for child in self.children:
            h = child.layout(x, top, width, fonts)
            top += h + self.spacing
        self.content_height = top - y - (self.spacing if self.children else 0) + self.outset
        view_h = self.content_height if self.height is None else min(self.height, self.content_height)
        self.rect = pygame.Rect(x, y, width, view_h)
        offset, self.offset = self.offset, 0
        self.scroll_to(offset)
        return view_h

    def scroll_to(self, offset: int) -> bool:
        """Défile jusqu'à `offset` pixels (borné) ; renvoie True si la vue a bougé."""
        offset = max(0, min(int(offset), self.max_offset))
        delta = self.offset - offset
        if delta:
            for child in self.children:
                child.shift(delta)
            self.offset = offset
        return bool(delta)

    def scroll(self, amount: int) -> bool:
        """Molette : `amount` crans (positif = vers le haut)."""
        return self.scroll_to(self.offset - amount * max(40, self.rect.height // 8))

    def ensure_visible(self, widget: Widget) -> None:
        """Fait défiler au minimum pour montrer `widget` (anneau de focus compris)."""
        self.ensure_rect_visible(widget.rect)

    def ensure_rect_visible(self, rect: pygame.Rect) -> None:
        """Fait défiler au minimum pour montrer `rect` (une ligne d'une liste, par exemple)."""
        top = rect.top - self.outset - self.rect.top
        bottom = rect.bottom + self.outset - self.rect.top
        if rect.height + 2 * self.outset > self.rect.height or top < 0:
            self.scroll_to(self.offset + top)
        elif bottom > self.rect.height:
            self.scroll_to(self.offset + bottom - self.rect.height)

    def handle(self, intent: Intent) -> str | None:
        page = max(40, self.rect.height - 3 * self.spacing)
        if intent.kind == I.PAGE_UP:
            self.scroll_to(self.offset - page)
        elif intent.kind == I.PAGE_DOWN:
            self.scroll_to(self.offset + page)
        elif intent.kind == I.SCROLL:
            self.scroll(intent.amount)
        return None

    def hover(self, pos: tuple[int, int] | None) -> None:
        super().hover(pos)
        inside = self.hovered
        for child in self.children:
            child.hover(pos if inside else None)

    def shift(self, dy: int) -> None:
        super().shift(dy)
        for child in self.children:
            child.shift(dy)

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool,
             focused_child: Widget | None = None) -> None:
        clip = self.rect.inflate(2 * self.outset, 0)
        previous = surface.get_clip()
        surface.set_clip(clip.clip(previous) if previous else clip)
        for child in self.children:
            if child.rect.bottom >= self.rect.top - self.outset and child.rect.top <= self.rect.bottom + self.outset:
                child.draw(surface, theme, fonts, child is focused_child)
        surface.set_clip(previous)
        if self.max_offset:
            self._draw_scrollbar(surface, theme)
        if focused:
            draw_focus_ring(surface, self.rect, theme)

    def _draw_scrollbar(self, surface: pygame.Surface, theme: Theme) -> None:
        view = self.rect
        x = view.right + self.outset + 4
        if x + 6 > surface.get_width():
            x = view.right - 6
        thumb_h = max(24, view.height * view.height // self.content_height)
        thumb_y = view.y + (view.height - thumb_h) * self.offset // self.max_offset
        pygame.draw.rect(surface, theme.border, (x, view.y, 6, view.height), width=1, border_radius=3)
        pygame.draw.rect(surface, theme.border, (x, thumb_y, 6, thumb_h), border_radius=3)
