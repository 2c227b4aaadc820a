"""Widgets simples : texte, bouton, bulle de dialogue, jauge de progression."""

from __future__ import annotations

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, blit_text, draw_focus_ring
from game.ui.theme import Theme


class Label(Widget):
    """Texte (déjà traduit), coupé en mots à la largeur de la colonne si `wrap`."""

    def __init__(self, text: str, role: str = "body", wrap: bool = True, *, bold: bool = False,
                 tone: str = "text") -> None:
        super().__init__()
        self.text, self.role, self.wrap, self.bold, self.tone = text, role, wrap, bold, tone

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        _, h = fonts.measure(self.text, self.role, width if self.wrap else None, bold=self.bold)
        self.rect = pygame.Rect(x, y, width, h)
        return h

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        img = fonts.render(self.text, self.role, bold=self.bold, color=theme.tone(self.tone),
                           width=self.rect.width if self.wrap else None)
        blit_text(surface, img, self.rect)


class Prompt(Label):
    """The question asked, focusable: where the focus lands when answers appear, so that a stray
    Enter (a run of « Suite », a held key) chooses nothing. Enter does nothing here; Tab or an
    arrow moves on to the answers. The focus ring shows around it like around any control."""

    focusable = True

    def __init__(self, text: str, action: str = "prompt", role: str = "body", *, bold: bool = True) -> None:
        super().__init__(text, role, bold=bold)
        self.action = action

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        """The text inset inside its rect, as in a button: the focus ring never touches its letters."""
        self._pad = (fonts.spacing(10), fonts.spacing(4))
        inner = max(1, width - 2 * self._pad[0])
        _, h = fonts.measure(self.text, self.role, inner if self.wrap else None, bold=self.bold)
        self.rect = pygame.Rect(x, y, width, h + 2 * self._pad[1])
        return self.rect.height

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        inner = self.rect.inflate(-2 * self._pad[0], -2 * self._pad[1])
        img = fonts.render(self.text, self.role, bold=self.bold, color=theme.tone(self.tone),
                           width=inner.width if self.wrap else None)
        blit_text(surface, img, inner)
        if focused:
            draw_focus_ring(surface, self.rect, theme)


class Button(Widget):
    """Bouton : Entrée, Espace ou clic renvoient `action`. `primary=False` : bouton secondaire."""

    focusable = True

    def __init__(self, label: str, action: str, *, primary: bool = True, full_width: bool = False) -> None:
        super().__init__()
        self.label, self.action, self.primary, self.full_width = label, action, primary, full_width
        self._text_width = 0

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        pad_x, pad_y = fonts.spacing(20), fonts.spacing(10)
        inner = max(1, width - 2 * pad_x)
        tw, th = fonts.measure(self.label, "body", inner, bold=True)
        self._text_width = inner
        w = width if self.full_width else min(width, tw + 2 * pad_x)
        h = max(th + 2 * pad_y, fonts.spacing(44))  # cible d'au moins 44 px
        self.rect = pygame.Rect(x, y, w, h)
        return h

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        if self.primary:
            bg = theme.accent_hover if self.hovered else theme.accent
            fg = theme.accent_text
        else:
            bg = theme.hover if self.hovered else theme.surface
            fg = theme.accent
        pygame.draw.rect(surface, bg, self.rect, border_radius=theme.radius)
        if not self.primary:
            pygame.draw.rect(surface, theme.accent, self.rect, width=2, border_radius=theme.radius)
        img = fonts.render(self.label, "body", bold=True, color=fg, width=self._text_width)
        box = pygame.Rect(self.rect.x, self.rect.centery - img.get_height() // 2, self.rect.width,
                          img.get_height())
        blit_text(surface, img, box, align="center")
        if focused:
            draw_focus_ring(surface, self.rect, theme)

    def handle(self, intent: Intent) -> str | None:
        if intent.kind == I.ACTIVATE or (intent.kind == I.CLICK and self.contains(intent.pos)):
            return self.action
        return None


class DialogueBox(Widget):
    """Bulle de dialogue : nom du personnage en gras puis sa réplique, sur un panneau clair."""

    def __init__(self, speaker: str, text: str) -> None:
        super().__init__()
        self.speaker, self.text = speaker, text
        self._pad = 0
        self._gap = 0
        self._speaker_h = 0

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._pad = fonts.spacing(16)
        inner = max(1, width - 2 * self._pad)
        self._speaker_h = fonts.measure(self.speaker, "heading", inner, bold=True)[1] if self.speaker else 0
        gap = fonts.spacing(6) if self.speaker else 0
        text_h = fonts.measure(self.text, "body", inner)[1]
        h = self._speaker_h + gap + text_h + 2 * self._pad
        self._gap = gap
        self.rect = pygame.Rect(x, y, width, h)
        return h

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        pygame.draw.rect(surface, theme.surface, self.rect, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.border, self.rect, width=2, border_radius=theme.radius)
        inner = self.rect.inflate(-2 * self._pad, -2 * self._pad)
        y = inner.y
        if self.speaker:
            img = fonts.render(self.speaker, "heading", bold=True, color=theme.accent, width=inner.width)
            blit_text(surface, img, pygame.Rect(inner.x, y, inner.width, self._speaker_h))
            y += self._speaker_h + self._gap
        img = fonts.render(self.text, "body", color=theme.text, width=inner.width)
        blit_text(surface, img, pygame.Rect(inner.x, y, inner.width, inner.bottom - y))


class ProgressBar(Widget):
    """Jauge de progression (0 à 1) avec son libellé au-dessus (ex. « Étape 2 sur 5 »)."""

    def __init__(self, value: float, label: str = "") -> None:
        super().__init__()
        self.value = value
        self.label = label
        self._label_h = 0
        self._gap = 0

    @property
    def value(self) -> float:
        return self._value

    @value.setter
    def value(self, v: float) -> None:
        self._value = min(1.0, max(0.0, float(v)))

    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._label_h = fonts.measure(self.label, "small", width)[1] if self.label else 0
        self._gap = fonts.spacing(4) if self.label else 0
        h = self._label_h + self._gap + fonts.spacing(14)
        self.rect = pygame.Rect(x, y, width, h)
        return h

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        if self.label:
            img = fonts.render(self.label, "small", color=theme.text, width=self.rect.width)
            blit_text(surface, img, pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self._label_h))
        track = pygame.Rect(self.rect.x, self.rect.y + self._label_h + self._gap, self.rect.width,
                            self.rect.bottom - (self.rect.y + self._label_h + self._gap))
        pygame.draw.rect(surface, theme.surface, track, border_radius=track.height // 2)
        fill = track.copy()
        fill.width = round(track.width * self.value)
        if fill.width > 0:
            pygame.draw.rect(surface, theme.accent, fill, border_radius=track.height // 2)
        pygame.draw.rect(surface, theme.border, track, width=2, border_radius=track.height // 2)
