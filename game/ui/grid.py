"""A spreadsheet-like grid for large tables: only the visible cells are drawn.

The grid reads its cells through a small :class:`GridSource` protocol, so it knows nothing about
datasets. Arrows move the cursor cell by cell, Page Up/Down by a screen, Home/End to the first
or last column; Enter returns ``action``. Marked cells (errors, warnings) get a tone and a
visible marker, never colour alone.
"""

from __future__ import annotations

from typing import Protocol

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, draw_focus_ring
from game.ui.theme import Theme


class GridSource(Protocol):
    @property
    def header(self) -> list[str]: ...
    @property
    def nrows(self) -> int: ...
    def cell(self, row: int, col: int) -> str: ...
    def row_label(self, row: int) -> str: ...
    def mark(self, row: int, col: int) -> str | None:
        """``"error"``, ``"warning"`` or None."""
        ...


class DataGrid(Widget):
    focusable = True
    uses_vertical_keys = True

    def __init__(self, source: GridSource, *, action: str = "cell", visible_rows: int = 12) -> None:
        super().__init__()
        self.source, self.action, self.visible_rows = source, action, max(3, visible_rows)
        self.row, self.col = 0, 0
        self.top, self.left = 0, 0
        self._row_h = self._head_h = self._label_w = 0
        self._widths: list[int] = []
        self._pad = 4

    # --- geometry ---------------------------------------------------------------------------
    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._pad = fonts.spacing(6)
        self._row_h = fonts.line_height("small") + 2 * self._pad
        self._head_h = fonts.line_height("small", True) + 2 * self._pad
        self._label_w = fonts.measure(str(max(1, self.source.nrows + 1)), "small")[0] + 2 * self._pad
        lo, hi = fonts.spacing(60), fonts.spacing(300)
        sample = range(min(self.source.nrows, 200))
        self._widths = []
        for c, name in enumerate(self.source.header):
            w = fonts.measure(name, "small", bold=True)[0]
            for r in sample:
                w = max(w, fonts.measure(self.source.cell(r, c)[:60], "small")[0])
            self._widths.append(min(hi, max(lo, w + 2 * self._pad)))
        self.rect = pygame.Rect(x, y, width, self._head_h + self._row_h * self.visible_rows + 4)
        self.clamp()
        return self.rect.height

    def refresh(self, fonts: FontBook) -> None:
        """Re-measure after the table changed (columns added, renamed, removed)."""
        self.layout(self.rect.x, self.rect.y, self.rect.width, fonts)

    def clamp(self) -> None:
        ncols = len(self.source.header)
        self.row = max(0, min(self.row, self.source.nrows - 1))
        self.col = max(0, min(self.col, ncols - 1))
        if self.row < self.top:
            self.top = self.row
        elif self.row >= self.top + self.visible_rows:
            self.top = self.row - self.visible_rows + 1
        self.top = max(0, min(self.top, max(0, self.source.nrows - self.visible_rows)))
        if self.col < self.left:
            self.left = self.col
        while self.left < self.col and self._span(self.left, self.col) > self.rect.width - self._label_w - 4:
            self.left += 1

    def _span(self, first: int, last: int) -> int:
        return sum(self._widths[first:last + 1]) if self._widths else 0

    def go_to(self, row: int, col: int) -> None:
        self.row, self.col = row, col
        self.clamp()

    def cell_at(self, pos: tuple[int, int] | None) -> tuple[int, int] | None:
        if pos is None or not self.rect.collidepoint(pos):
            return None
        x, y = pos
        if y < self.rect.y + self._head_h or x < self.rect.x + self._label_w:
            return None
        r = self.top + (y - self.rect.y - self._head_h) // max(1, self._row_h)
        cx = self.rect.x + self._label_w
        for c in range(self.left, len(self._widths)):
            if cx <= x < cx + self._widths[c]:
                return (r, c) if r < self.source.nrows else None
            cx += self._widths[c]
        return None

    # --- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> str | None:
        k = intent.kind
        moves = {I.UP: (-1, 0), I.DOWN: (1, 0), I.LEFT: (0, -1), I.RIGHT: (0, 1),
                 I.PAGE_UP: (-self.visible_rows, 0), I.PAGE_DOWN: (self.visible_rows, 0)}
        if k in moves:
            dr, dc = moves[k]
            self.go_to(self.row + dr, self.col + dc)
        elif k == I.HOME:
            self.go_to(self.row, 0)
        elif k == I.END:
            self.go_to(self.row, len(self.source.header) - 1)
        elif k == I.SCROLL:
            self.top = max(0, min(self.top - 3 * intent.amount, max(0, self.source.nrows - self.visible_rows)))
            self.row = max(self.top, min(self.row, self.top + self.visible_rows - 1))
        elif k == I.CLICK:
            hit = self.cell_at(intent.pos)
            if hit is not None:
                self.go_to(*hit)
        elif k == I.ACTIVATE:
            return self.action
        return None

    def scroll(self, amount: int) -> bool:
        before = self.top
        self.handle(Intent(I.SCROLL, amount=amount))
        return self.top != before

    # --- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        pygame.draw.rect(surface, theme.surface, self.rect)
        previous = surface.get_clip()
        inner = self.rect.inflate(-4, -4)
        surface.set_clip(inner.clip(previous) if previous else inner)
        x0, y0 = self.rect.x + 2, self.rect.y + 2
        pygame.draw.rect(surface, theme.hover, (x0, y0, inner.width, self._head_h))
        self._text(surface, fonts, theme.muted, "", pygame.Rect(x0, y0, self._label_w, self._head_h))
        cx = x0 + self._label_w
        visible_cols = []
        for c in range(self.left, len(self._widths)):
            if cx > inner.right:
                break
            visible_cols.append((c, cx))
            self._text(surface, fonts, theme.text, self.source.header[c], pygame.Rect(cx, y0, self._widths[c], self._head_h), bold=True)
            cx += self._widths[c]
        last = min(self.source.nrows, self.top + self.visible_rows)
        for i, r in enumerate(range(self.top, last)):
            y = y0 + self._head_h + i * self._row_h
            self._text(surface, fonts, theme.muted, self.source.row_label(r), pygame.Rect(x0, y, self._label_w, self._row_h))
            for c, cx in visible_cols:
                cell = pygame.Rect(cx, y, self._widths[c], self._row_h)
                mark = self.source.mark(r, c)
                if r == self.row and c == self.col:
                    pygame.draw.rect(surface, theme.selection, cell)
                if mark:
                    tone = theme.error if mark == "error" else theme.warning
                    pygame.draw.line(surface, tone, (cell.x + 2, cell.bottom - 3), (cell.right - 3, cell.bottom - 3), 2)
                    pygame.draw.polygon(surface, tone, [(cell.right - 9, cell.y + 1), (cell.right - 1, cell.y + 1), (cell.right - 1, cell.y + 9)])
                self._text(surface, fonts, theme.text, self.source.cell(r, c), cell)
                if r == self.row and c == self.col:
                    pygame.draw.rect(surface, theme.accent, cell, width=2)
            pygame.draw.line(surface, theme.hover, (x0, y + self._row_h - 1), (inner.right, y + self._row_h - 1))
        for _c, cx in visible_cols:
            pygame.draw.line(surface, theme.hover, (cx - 1, y0), (cx - 1, inner.bottom))
        surface.set_clip(previous)
        pygame.draw.rect(surface, theme.border, self.rect, width=2)
        if focused:
            draw_focus_ring(surface, self.rect, theme)

    def _text(self, surface: pygame.Surface, fonts: FontBook, color, text: str, cell: pygame.Rect, bold: bool = False) -> None:
        if not text:
            return
        img = fonts.render(text[:80], "small", bold=bold, color=color)
        clip = surface.get_clip()
        area = cell.inflate(-2 * self._pad, 0).clip(clip)
        if area.width <= 0:
            return
        surface.set_clip(area)
        surface.blit(img, (cell.x + self._pad, cell.y + (cell.height - img.get_height()) // 2))
        surface.set_clip(clip)
