"""Groupe de choix au clavier : boutons radio ou cases à cocher."""

from __future__ import annotations

from collections.abc import Iterable

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, draw_focus_ring
from game.ui.theme import Theme


class ChoiceGroup(Widget):
    """Groupe de choix : boutons radio (`multiple=False`) ou cases à cocher (`multiple=True`).

    Flèches : déplacer le curseur ; Espace ou Entrée : cocher / décocher (radio : choisir).
    La coche est une forme (point plein, coche tracée), jamais une simple couleur.
    """

    focusable = True
    uses_vertical_keys = True

    def __init__(self, options: list[str], multiple: bool = False, *, action: str | None = None,
                 selected: Iterable[int] = ()) -> None:
        super().__init__()
        self.options = list(options)
        self.multiple = multiple
        self.action = action
        self.selected: set[int] = set(selected)
        self.cursor = min(self.selected, default=0)  # le curseur part du choix courant
        self._rows: list[pygame.Rect] = []  # relatifs à self.rect
        self._box = 0
        self._gap = 0
        self._hover_pos: tuple[int, int] | None = None

    def hover(self, pos: tuple[int, int] | None) -> None:
        super().hover(pos)
        self._hover_pos = pos

    @property
    def values(self) -> list[int]:
        """Indices cochés, triés."""
        return sorted(self.selected)

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._box = round(fonts.line_height("body") * 0.85)
        self._gap = fonts.spacing(10)
        pad = fonts.spacing(6)
        text_w = max(1, width - self._box - 3 * self._gap)
        self._text_w = text_w
        self._rows = []
        top = 0
        for option in self.options:
            h = max(fonts.measure(option, "body", text_w)[1], self._box) + 2 * pad
            self._rows.append(pygame.Rect(0, top, width, h))
            top += h
        self.rect = pygame.Rect(x, y, width, top)
        return top

    def row_rect(self, index: int) -> pygame.Rect:
        return self._rows[index].move(self.rect.x, self.rect.y)

    def index_at(self, pos: tuple[int, int] | None) -> int | None:
        if pos is None:
            return None
        for i in range(len(self._rows)):
            if self.row_rect(i).collidepoint(pos):
                return i
        return None

    def toggle(self, index: int) -> None:
        if self.multiple:
            self.selected ^= {index}
        else:
            self.selected = {index}

    def handle(self, intent: Intent) -> str | None:
        if not self.options:
            return None
        kind = intent.kind
        moved = True
        if kind in (I.UP, I.LEFT):
            self.cursor = max(0, self.cursor - 1)
        elif kind in (I.DOWN, I.RIGHT):
            self.cursor = min(len(self.options) - 1, self.cursor + 1)
        elif kind == I.HOME:
            self.cursor = 0
        elif kind == I.END:
            self.cursor = len(self.options) - 1
        else:
            moved = False
        if moved:
            if not self.multiple:  # radio buttons: the arrows choose, as in every desktop form
                changed = self.selected != {self.cursor}
                self.selected = {self.cursor}
                return self.action if changed else None
            return None
        elif kind == I.ACTIVATE:
            self.toggle(self.cursor)
            return self.action
        elif kind == I.CLICK:
            index = self.index_at(intent.pos)
            if index is not None:
                self.cursor = index
                self.toggle(index)
                return self.action
        return None

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        hovered = self.index_at(self._hover_pos) if self.hovered else None
        for i, option in enumerate(self.options):
            row = self.row_rect(i)
            if (focused and i == self.cursor) or i == hovered:
                pygame.draw.rect(surface, theme.hover, row, border_radius=theme.radius)
            if focused and i == self.cursor:
                pygame.draw.rect(surface, theme.text, row, width=2, border_radius=theme.radius)
            box = pygame.Rect(row.x + self._gap, row.centery - self._box // 2, self._box, self._box)
            self._draw_tick(surface, theme, box, i in self.selected)
            img = fonts.render(option, "body", color=theme.text, width=self._text_w)
            surface.blit(img, (box.right + self._gap, row.centery - img.get_height() // 2))
        if focused:
            draw_focus_ring(surface, self.rect, theme)

    def _draw_tick(self, surface: pygame.Surface, theme: Theme, box: pygame.Rect, on: bool) -> None:
        if self.multiple:
            pygame.draw.rect(surface, theme.accent if on else theme.surface, box, border_radius=3)
            pygame.draw.rect(surface, theme.accent if on else theme.border, box, width=2, border_radius=3)
            if on:  # coche tracée en blanc
                w = max(2, box.width // 7)
                pts = [(box.x + box.width * 0.22, box.y + box.height * 0.52),
                       (box.x + box.width * 0.42, box.y + box.height * 0.72),
                       (box.x + box.width * 0.78, box.y + box.height * 0.30)]
                pygame.draw.lines(surface, theme.accent_text, False, pts, w)
        else:
            r = box.width // 2
            pygame.draw.circle(surface, theme.surface, box.center, r)
            pygame.draw.circle(surface, theme.accent if on else theme.border, box.center, r, width=2)
            if on:
                pygame.draw.circle(surface, theme.accent, box.center, max(3, r // 2))
