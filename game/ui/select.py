"""Sélecteur compact d'une valeur parmi beaucoup : « ◀ Annuelle ▶ » sur une seule ligne."""

from __future__ import annotations

import unicodedata

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, blit_text, draw_focus_ring
from game.ui.theme import Theme

ROLE = "body"
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(text: str) -> str:
    """Forme de comparaison : sans accents ni ligatures, en minuscules, sans ponctuation de tête."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    start = next((i for i, ch in enumerate(text) if ch.isalnum()), len(text))
    return text[start:]


class Select(Widget):
    """Choix d'une valeur dans `options`, affichée seule entre deux flèches.

    ← / → (et ↑ / ↓) passent à l'option précédente / suivante, en boucle ; Début / Fin vont à la
    première / dernière ; taper une lettre va à l'option suivante qui commence par elle (sans
    tenir compte des accents) ; un clic sur une flèche change l'option. `index` vaut None tant
    que rien n'est choisi : la boîte montre alors `placeholder`. `handle` renvoie `on_change`
    quand le choix change (pour recalculer un score en direct, par exemple).
    """

    focusable = True
    uses_vertical_keys = False  # Up / Down move between fields, as everywhere in a form

    def __init__(self, options: list[str], index: int | None = None, *, label: str = "",
                 placeholder: str = "", on_change: str | None = None) -> None:
        super().__init__()
        self.options = list(options)
        self.index = index if index is not None and 0 <= index < len(self.options) else None
        self.label = label
        self.placeholder = placeholder
        self.on_change = on_change
        self._label_h = 0
        self._box_w = 0
        self._box_h = 0
        self._arrow_w = 0
        self._pad = 0
        self._hover_pos: tuple[int, int] | None = None

    @property
    def action(self) -> str | None:
        """Même nom que `on_change` : `FormScene.rebuild` retrouve ainsi le widget à refocaliser."""
        return self.on_change

    @property
    def value(self) -> str | None:
        """Option choisie, ou None."""
        return self.options[self.index] if self.index is not None else None

    @property
    def shown(self) -> str:
        """Texte affiché dans la boîte : l'option choisie ou le texte d'attente."""
        value = self.value
        return self.placeholder if value is None else value

    # --- comportement -------------------------------------------------------------------
    def choose(self, index: int | None) -> bool:
        """Choisit l'option `index` (bornée) ; renvoie True si le choix a changé."""
        if index is not None:
            if not self.options:
                return False
            index = max(0, min(index, len(self.options) - 1))
        changed = index != self.index
        self.index = index
        return changed

    def step(self, delta: int) -> bool:
        """Option précédente (-1) ou suivante (+1), en boucle ; sans choix : la première ou la dernière."""
        if not self.options:
            return False
        if self.index is None:
            return self.choose(0 if delta > 0 else len(self.options) - 1)
        return self.choose((self.index + delta) % len(self.options))

    def jump(self, typed: str) -> bool:
        """Va à l'option suivante dont le début correspond à `typed` (accents ignorés)."""
        key = fold(typed)
        if not key or not self.options:
            return False
        n = len(self.options)
        first = 0 if self.index is None else self.index + 1
        for k in range(n):
            i = (first + k) % n
            if fold(self.options[i]).startswith(key):
                return self.choose(i)
        return False

    def handle(self, intent: Intent) -> str | None:
        kind = intent.kind
        changed = False
        if kind == I.LEFT:
            changed = self.step(-1)
        elif kind == I.RIGHT:
            changed = self.step(1)
        elif kind == I.HOME:
            changed = self.choose(0)
        elif kind == I.END:
            changed = self.choose(len(self.options) - 1)
        elif kind == I.TEXT:
            changed = self.jump(intent.text)
        elif kind == I.CLICK:
            if self.left_arrow.collidepoint(intent.pos or (-1, -1)):
                changed = self.step(-1)
            elif self.right_arrow.collidepoint(intent.pos or (-1, -1)):
                changed = self.step(1)
        return self.on_change if changed else None

    def hover(self, pos: tuple[int, int] | None) -> None:
        super().hover(pos)
        self._hover_pos = pos

    # --- géométrie ----------------------------------------------------------------------
    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._pad = fonts.spacing(10)
        self._label_h = fonts.measure(self.label, ROLE, width, bold=True)[1] + fonts.spacing(4) if self.label else 0
        line_h = fonts.line_height(ROLE)
        self._arrow_w = min(max(line_h + 2 * fonts.spacing(8), fonts.spacing(44)), width // 4)
        text_w = max(1, width - 2 * self._arrow_w - 2 * self._pad)
        texts = self.options + ([self.placeholder] if self.placeholder else [])
        # La boîte prend la taille de la plus longue option : les flèches ne bougent pas quand on change.
        widest = max((fonts.measure(t, ROLE)[0] for t in texts), default=0)
        tallest = max((fonts.measure(t, ROLE, text_w)[1] for t in texts), default=line_h)
        self._box_w = min(width, max(widest + 2 * self._pad, fonts.spacing(160)) + 2 * self._arrow_w)
        self._box_h = max(tallest + 2 * fonts.spacing(8), fonts.spacing(44))
        self.rect = pygame.Rect(x, y, width, self._label_h + self._box_h)
        return self.rect.height

    @property
    def box(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y + self._label_h, self._box_w, self._box_h)

    @property
    def left_arrow(self) -> pygame.Rect:
        box = self.box
        return pygame.Rect(box.x, box.y, self._arrow_w, box.height)

    @property
    def right_arrow(self) -> pygame.Rect:
        box = self.box
        return pygame.Rect(box.right - self._arrow_w, box.y, self._arrow_w, box.height)

    # --- dessin -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        if self.label:
            img = fonts.render(self.label, ROLE, bold=True, color=theme.text, width=self.rect.width)
            blit_text(surface, img, pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self._label_h))
        box = self.box
        pygame.draw.rect(surface, theme.surface, box, border_radius=theme.radius)
        hover = self._hover_pos if self.hovered else None
        for zone, direction in ((self.left_arrow, -1), (self.right_arrow, 1)):
            if hover is not None and zone.collidepoint(hover):
                pygame.draw.rect(surface, theme.hover, zone, border_radius=theme.radius)
            self._draw_arrow(surface, theme, zone, direction)
            edge = zone.right if direction < 0 else zone.left
            pygame.draw.line(surface, theme.border, (edge, box.y + 2), (edge, box.bottom - 3), 1)
        text_rect = pygame.Rect(self.left_arrow.right + self._pad, box.y,
                                max(1, box.width - 2 * self._arrow_w - 2 * self._pad), box.height)
        img = fonts.render(self.shown, ROLE, color=theme.text if self.index is not None else theme.muted,
                           width=text_rect.width)
        blit_text(surface, img, pygame.Rect(text_rect.x, box.centery - img.get_height() // 2, text_rect.width,
                                            img.get_height()), align="center")
        pygame.draw.rect(surface, theme.text if focused else theme.border, box, width=2, border_radius=theme.radius)
        if focused:
            draw_focus_ring(surface, box, theme)

    @staticmethod
    def _draw_arrow(surface: pygame.Surface, theme: Theme, zone: pygame.Rect, direction: int) -> None:
        """Triangle plein tracé (pas de glyphe ◀ ▶ : toutes les polices ne l'ont pas)."""
        half = max(4, min(zone.width, zone.height) // 5)
        cx, cy = zone.center
        tip = (cx + direction * half, cy)
        back = cx - direction * half
        pygame.draw.polygon(surface, theme.accent, [tip, (back, cy - half), (back, cy + half)])
