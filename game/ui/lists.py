"""Liste d'éléments au clavier : `ListBox`."""

from __future__ import annotations

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, draw_focus_ring
from game.ui.theme import Theme

_MOVES = {I.UP: -1, I.DOWN: 1}


class ListBox(Widget):
    """Liste d'éléments « titre\\nsous-titre » : flèches, Début/Fin, Page préc./suiv., Entrée ou clic.

    `selected` est l'indice de l'élément courant (-1 si la liste est vide) ; `handle` renvoie
    `action` quand l'élément est ouvert (Entrée, Espace, clic).
    """

    focusable = True
    uses_vertical_keys = True

    def __init__(self, items: list[str], action: str, *, visible_rows: int = 5, selected: int = 0) -> None:
        super().__init__()
        self.items = list(items)
        self.action = action
        self.visible_rows = max(1, visible_rows)
        self.selected = min(max(0, selected), len(self.items) - 1)
        self.offset = 0  # défilement interne en pixels
        self._heights: list[int] = []
        self._pad = 0
        self._bar = 0
        self._hover_pos: tuple[int, int] | None = None

    # --- géométrie ----------------------------------------------------------------------
    def _split(self, item: str) -> tuple[str, str]:
        title, _, subtitle = item.partition("\n")
        return title, subtitle

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._pad = fonts.spacing(8)
        self._bar = max(4, fonts.spacing(5))
        self._text_w = max(1, width - 2 * self._pad - self._bar - 4)
        self._heights = []
        for item in self.items:
            title, subtitle = self._split(item)
            h = fonts.measure(title, "body", self._text_w, bold=True)[1]
            if subtitle:
                h += fonts.measure(subtitle, "small", self._text_w)[1]
            self._heights.append(h + 2 * self._pad)
        row = max(self._heights, default=fonts.line_height("body") + 2 * self._pad)
        viewport = min(sum(self._heights), row * self.visible_rows) or row
        self.rect = pygame.Rect(x, y, width, viewport + 4)
        self.ensure_visible()
        return self.rect.height

    @property
    def viewport(self) -> pygame.Rect:
        return self.rect.inflate(-4, -4)

    def _top_of(self, index: int) -> int:
        return sum(self._heights[:index])

    def ensure_visible(self) -> None:
        """Fait défiler la liste pour que l'élément sélectionné soit entièrement visible."""
        if not self._heights or self.selected < 0:
            self.offset = 0
            return
        top = self._top_of(self.selected)
        bottom = top + self._heights[self.selected]
        view = self.viewport.height
        if top < self.offset:
            self.offset = top
        elif bottom > self.offset + view:
            self.offset = bottom - view
        self.offset = max(0, min(self.offset, max(0, sum(self._heights) - view)))

    def selected_rect(self) -> pygame.Rect | None:
        """Where the highlighted row is drawn (clipped to the list), or None when there is none."""
        if not self._heights or self.selected < 0:
            return None
        view = self.viewport
        row = pygame.Rect(view.x, view.y - self.offset + self._top_of(self.selected), view.width,
                          self._heights[self.selected])
        return row.clip(view) or None

    def index_at(self, pos: tuple[int, int] | None) -> int | None:
        if pos is None or not self.viewport.collidepoint(pos):
            return None
        y = pos[1] - self.viewport.y + self.offset
        for i, h in enumerate(self._heights):
            if y < h:
                return i
            y -= h
        return None

    # --- comportement -------------------------------------------------------------------
    def select(self, index: int) -> None:
        if self.items:
            self.selected = max(0, min(index, len(self.items) - 1))
            self.ensure_visible()

    def _page(self) -> int:
        row = max(self._heights, default=1)
        return max(1, self.viewport.height // max(1, row))

    def handle(self, intent: Intent) -> str | None:
        if not self.items:
            return None
        kind = intent.kind
        if kind in _MOVES:
            self.select(self.selected + _MOVES[kind])
        elif kind == I.HOME:
            self.select(0)
        elif kind == I.END:
            self.select(len(self.items) - 1)
        elif kind == I.PAGE_UP:
            self.select(self.selected - self._page())
        elif kind == I.PAGE_DOWN:
            self.select(self.selected + self._page())
        elif kind == I.ACTIVATE:
            return self.action
        elif kind == I.CLICK:
            index = self.index_at(intent.pos)
            if index is not None:
                self.select(index)
                return self.action
        return None

    def scroll(self, amount: int) -> bool:
        """Molette : fait défiler sans changer la sélection ; False si rien ne bouge."""
        view = self.viewport.height
        before = self.offset
        row = max(self._heights, default=1)
        self.offset = max(0, min(self.offset - amount * row, max(0, sum(self._heights) - view)))
        return self.offset != before

    def hover(self, pos: tuple[int, int] | None) -> None:
        super().hover(pos)
        self._hover_pos = pos

    # --- dessin -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        pygame.draw.rect(surface, theme.surface, self.rect, border_radius=theme.radius)
        view = self.viewport
        previous = surface.get_clip()
        surface.set_clip(view.clip(previous) if previous else view)
        hovered = self.index_at(self._hover_pos) if self.hovered else None
        y = view.y - self.offset
        for i, item in enumerate(self.items):
            h = self._heights[i]
            if y + h >= view.y and y <= view.bottom:
                self._draw_item(surface, theme, fonts, item, pygame.Rect(view.x, y, view.width, h),
                                selected=i == self.selected, hovered=i == hovered)
            y += h
        surface.set_clip(previous)
        total = sum(self._heights)
        if total > view.height:  # ascenseur discret
            thumb_h = max(12, view.height * view.height // total)
            thumb_y = view.y + (view.height - thumb_h) * self.offset // max(1, total - view.height)
            pygame.draw.rect(surface, theme.border, (view.right - 6, thumb_y, 4, thumb_h), border_radius=2)
        pygame.draw.rect(surface, theme.border, self.rect, width=2, border_radius=theme.radius)
        if focused:
            draw_focus_ring(surface, self.rect, theme)

    def _draw_item(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, item: str,
                   row: pygame.Rect, *, selected: bool, hovered: bool) -> None:
        if selected:
            pygame.draw.rect(surface, theme.selection, row)
            pygame.draw.rect(surface, theme.accent, (row.x, row.y, self._bar, row.height))  # repère non coloré seul
        elif hovered:
            pygame.draw.rect(surface, theme.hover, row)
        title, subtitle = self._split(item)
        x = row.x + self._bar + 4 + self._pad
        y = row.y + self._pad
        img = fonts.render(title, "body", bold=True, color=theme.text, width=self._text_w)
        surface.blit(img, (x, y))
        if subtitle:
            sub = fonts.render(subtitle, "small", color=theme.muted, width=self._text_w)
            surface.blit(sub, (x, y + img.get_height()))
