"""Champ de saisie d'une ligne : accents, curseur, copier-coller protégé."""

from __future__ import annotations

import pygame

from game.engine import clipboard
from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, blit_text, draw_focus_ring
from game.ui.theme import Theme

CARET_KEYS = (I.BACKSPACE, I.DELETE, I.LEFT, I.RIGHT)


def edit_at_caret(field: TextInput | object, kind: str) -> None:
    """Retour arrière, Suppr, ← et → sur ``field.value`` / ``field.caret`` (saisie d'une ou plusieurs lignes)."""
    value, caret = field.value, field.caret  # type: ignore[attr-defined]
    if kind == I.BACKSPACE and caret > 0:
        field.value, field.caret = value[: caret - 1] + value[caret:], caret - 1  # type: ignore[attr-defined]
    elif kind == I.DELETE:
        field.value = value[:caret] + value[caret + 1:]  # type: ignore[attr-defined]
    elif kind == I.LEFT:
        field.caret = max(0, caret - 1)  # type: ignore[attr-defined]
    elif kind == I.RIGHT:
        field.caret = min(len(value), caret + 1)  # type: ignore[attr-defined]


class TextInput(Widget):
    """Saisie d'une ligne de texte (au plus `max_len` caractères).

    TEXT insère au curseur (é, ç, œ, « »…) ; Retour arrière, Suppr, ←, →, Début, Fin ; Ctrl+V
    colle, Ctrl+C copie tout le champ. Espace insère une espace (l'ACTIVATE venu d'Espace est
    ignoré) ; Entrée renvoie `action` (validation) si elle est donnée. `label` s'affiche au-dessus.
    """

    focusable = True

    def __init__(self, value: str = "", max_len: int = 200, *, label: str = "", action: str | None = None) -> None:
        super().__init__()
        self.max_len = max_len
        self.value = self._clean(value)[:max_len]
        self.caret = len(self.value)
        self.label = label
        self.action = action
        self._label_h = 0
        self._pad = 0
        self._scroll_x = 0

    @staticmethod
    def _clean(text: str) -> str:
        """Une seule ligne, sans caractères de contrôle (les retours à la ligne deviennent des espaces)."""
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
        return "".join(ch for ch in text if ch.isprintable() or ch in "\u00a0\u202f")

    def insert(self, text: str) -> None:
        text = self._clean(text)[: max(0, self.max_len - len(self.value))]
        self.value = self.value[: self.caret] + text + self.value[self.caret:]
        self.caret += len(text)

    def handle(self, intent: Intent) -> str | None:
        kind = intent.kind
        if kind in (I.TEXT, I.PASTE):
            self.insert(intent.text)
        elif kind in CARET_KEYS:
            edit_at_caret(self, kind)
        elif kind == I.HOME:
            self.caret = 0
        elif kind == I.END:
            self.caret = len(self.value)
        elif kind == I.COPY:
            clipboard.put_text(self.value)
        elif kind == I.ACTIVATE and not intent.from_space:
            return self.action
        elif kind == I.CLICK and self.contains(intent.pos):
            self.caret = len(self.value)
        return None

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._pad = fonts.spacing(8)
        self._label_h = fonts.measure(self.label, "body", width, bold=True)[1] + fonts.spacing(4) if self.label else 0
        box_h = fonts.line_height("body") + 2 * self._pad
        self.rect = pygame.Rect(x, y, width, self._label_h + box_h)
        return self.rect.height

    @property
    def box(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y + self._label_h, self.rect.width,
                           self.rect.height - self._label_h)

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        if self.label:
            img = fonts.render(self.label, "body", bold=True, color=theme.text, width=self.rect.width)
            blit_text(surface, img, pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self._label_h))
        box = self.box
        pygame.draw.rect(surface, theme.surface, box, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.text if focused else theme.border, box, width=2, border_radius=theme.radius)
        inner = box.inflate(-2 * self._pad, -2 * self._pad)
        font = fonts.font("body")
        caret_x = font.size(fonts.prepare(self.value[: self.caret]))[0]
        # Défilement horizontal : le curseur reste toujours visible.
        if caret_x - self._scroll_x > inner.width - 2:
            self._scroll_x = caret_x - inner.width + 2
        elif caret_x < self._scroll_x:
            self._scroll_x = caret_x
        img = fonts.render(self.value, "body", color=theme.text)
        previous = surface.get_clip()
        surface.set_clip(inner.clip(previous) if previous else inner)
        surface.blit(img, (inner.x - self._scroll_x, inner.y))
        if focused:  # curseur fixe (pas de clignotement)
            x = inner.x + caret_x - self._scroll_x
            pygame.draw.line(surface, theme.text, (x, inner.y), (x, inner.bottom - 1), 2)
        surface.set_clip(previous)
        if focused:
            draw_focus_ring(surface, box, theme)
