"""Zone de saisie de plusieurs lignes (une description en Markdown, par exemple).

Le texte est coupé en mots à la largeur de la zone ; une « ligne visuelle » est un morceau de
paragraphe tel qu'il est affiché. Haut / Bas passent d'une ligne visuelle à l'autre en gardant
l'abscisse du curseur ; la zone défile d'elle-même pour que le curseur reste visible.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple

import pygame

from game.engine import clipboard
from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, blit_text, draw_focus_ring
from game.ui.text_input import CARET_KEYS, edit_at_caret
from game.ui.theme import Theme

ROLE = "body"
WHEEL_LINES = 3  # lignes défilées par cran de molette
_HANDLED = frozenset({I.TEXT, I.PASTE, I.ACTIVATE, I.BACKSPACE, I.DELETE, I.LEFT, I.RIGHT, I.HOME, I.END,
                      I.UP, I.DOWN, I.PAGE_UP, I.PAGE_DOWN, I.COPY, I.CLICK})


class Line(NamedTuple):
    """Une ligne visuelle : `value[start:end]` (sans le « \\n ») ; `soft` si le paragraphe continue."""

    start: int
    end: int
    soft: bool


def wrap_paragraph(text: str, width: int, measure: Callable[[str], int]) -> list[tuple[int, int]]:
    """Coupe un paragraphe en morceaux (début, fin) de largeur ≤ `width`, aux espaces ordinaires.

    Les espaces de fin de morceau « pendent » (elles ne comptent pas dans la largeur) ; un mot
    plus long que la ligne est coupé entre deux caractères. Les espaces insécables ne coupent pas.
    """
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    most = 2 * width // max(1, measure("i")) + 8  # au-delà, un morceau ne tient sûrement pas

    def fits(a: int, b: int) -> bool:  # sans mesurer un très long mot en entier à chaque ligne
        return (b - a <= most or measure(text[a:a + most]) <= width) and measure(text[a:b]) <= width

    while True:
        best = None
        k = text.find(" ", start)
        while fits(start, n if k == -1 else k):
            end = n if k == -1 else k + 1
            while end < n and text[end] == " ":  # une suite d'espaces reste sur la même ligne
                end += 1
            if end >= n:
                pieces.append((start, n))
                return pieces
            best = end
            k = text.find(" ", end)
        if best is None:  # mot trop long : coupe au dernier caractère qui tient (recherche dichotomique)
            lo, hi = start + 1, min(n if k == -1 else k, start + most)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if measure(text[start:mid]) <= width:
                    lo = mid
                else:
                    hi = mid - 1
            best = lo
        pieces.append((start, best))
        start = best


class TextArea(Widget):
    """Saisie de plusieurs lignes (au plus `max_len` caractères, retours à la ligne compris).

    TEXT et Ctrl+V insèrent au curseur (le collage garde ses retours à la ligne) ; **Entrée insère
    un retour à la ligne** (elle ne valide rien) ; Espace insère une espace. Retour arrière, Suppr,
    ←, →, Début / Fin (de la ligne affichée), ↑ / ↓ (ligne affichée précédente / suivante),
    Page préc. / suiv. (`rows` lignes). Tab / Maj+Tab ne sont jamais vus par le widget : le
    `FocusManager` les traite avant lui, on sort donc de la zone comme de tout autre widget.
    `label` s'affiche au-dessus ; `footer` (modifiable par l'appelant) dessous, en petit et discret.
    """

    focusable = True
    repeats_activate = True  # Entrée tenue : des sauts de ligne, comme tout éditeur
    uses_vertical_keys = True

    def __init__(self, value: str = "", max_len: int = 5000, *, label: str = "", footer: str = "",
                 rows: int = 6) -> None:
        super().__init__()
        self.max_len = max_len
        self.value = self._clean(value)[:max_len]
        self.caret = len(self.value)
        self.label = label
        self.footer = footer
        self.rows = max(1, rows)
        self.top = 0  # première ligne visuelle affichée
        self._sticky = False  # curseur en fin de ligne coupée (et non au début de la suivante)
        self._goal_x: int | None = None  # abscisse gardée par ↑ / ↓
        self._fonts: FontBook | None = None
        self._text_w = 0
        self._cache_key: tuple | None = None
        self._shown = ""
        self._lines: list[Line] = []
        self._starts: list[int] = []
        self._para_cache: dict[tuple[str, int, float], list[tuple[int, int]]] = {}
        self._label_h = self._footer_h = self._gap = self._pad = self._line_h = self._bar = 0

    @staticmethod
    def _clean(text: str) -> str:
        """Retours à la ligne normalisés en « \\n », tabulations en espaces, sans caractères de contrôle."""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        return "".join(ch for ch in text if ch == "\n" or ch.isprintable() or ch in "\u00a0\u202f")

    # --- lignes visuelles -------------------------------------------------------------------
    def _measure(self, text: str) -> int:
        return self._fonts.font(ROLE).size(text)[0] if self._fonts else len(text)

    def lines(self) -> list[Line]:
        """Lignes visuelles du texte (avant la première mise en page : les paragraphes entiers)."""
        scale = self._fonts.scale if self._fonts else 0.0
        key = (self.value, self._text_w, scale)
        if key != self._cache_key:
            self._shown = self._fonts.prepare(self.value) if self._fonts else self.value
            lines: list[Line] = []
            pos = 0
            for para in self._shown.split("\n"):
                pieces = self._wrap(para)
                for i, (a, b) in enumerate(pieces):
                    lines.append(Line(pos + a, pos + b, i < len(pieces) - 1))
                pos += len(para) + 1
            self._lines, self._starts, self._cache_key = lines, [line.start for line in lines], key
        return self._lines

    def _wrap(self, para: str) -> list[tuple[int, int]]:
        """Morceaux d'un paragraphe, gardés en cache : une frappe ne recoupe que son paragraphe."""
        if self._fonts is None or self._text_w <= 0:
            return [(0, len(para))]
        key = (para, self._text_w, self._fonts.scale)
        pieces = self._para_cache.get(key)
        if pieces is None:
            if len(self._para_cache) > 512:
                self._para_cache.clear()
            pieces = self._para_cache[key] = wrap_paragraph(para, self._text_w, self._measure)
        return pieces

    def line_of(self, caret: int | None = None) -> int:
        """Indice de la ligne visuelle qui porte le curseur."""
        caret = self.caret if caret is None else caret
        lines = self.lines()
        i = max(0, bisect_right(self._starts, caret) - 1)
        if self._sticky and i > 0 and lines[i - 1].soft and lines[i - 1].end == caret:
            i -= 1
        return i

    def _x_of(self, caret: int) -> int:
        line = self.lines()[self.line_of(caret)]
        return self._measure(self._shown[line.start:caret])

    def _last_col(self, line: Line) -> int:
        """Dernière position du curseur sur `line` (avant l'espace qui pend d'une ligne coupée)."""
        if line.soft and line.end > line.start and self._shown[line.end - 1] == " ":
            return line.end - 1
        return line.end

    def _place(self, index: int, x: int) -> None:
        """Met le curseur sur la ligne visuelle `index`, au plus près de l'abscisse `x`."""
        line = self.lines()[index]
        best, best_d = line.start, abs(x)
        for col in range(line.start + 1, self._last_col(line) + 1):
            d = abs(self._measure(self._shown[line.start:col]) - x)
            if d > best_d:
                break
            best, best_d = col, d
        self.caret = best
        self._sticky = line.soft and best == line.end

    def ensure_caret_visible(self) -> None:
        """Fait défiler au minimum pour que la ligne du curseur soit affichée."""
        count = len(self.lines())
        i = self.line_of()
        if i < self.top:
            self.top = i
        elif i >= self.top + self.rows:
            self.top = i - self.rows + 1
        self.top = max(0, min(self.top, count - self.rows))

    # --- édition ----------------------------------------------------------------------------
    def insert(self, text: str) -> None:
        text = self._clean(text)[: max(0, self.max_len - len(self.value))]
        self.value = self.value[: self.caret] + text + self.value[self.caret:]
        self.caret += len(text)

    def _vertical(self, delta: int, clamp: bool) -> None:
        goal = self._goal_x if self._goal_x is not None else self._x_of(self.caret)
        target = self.line_of() + delta
        count = len(self.lines())
        if not clamp and target < 0:
            self.caret, self._sticky = 0, False
        elif not clamp and target >= count:
            self.caret, self._sticky = len(self.value), False
        else:
            self._place(max(0, min(target, count - 1)), goal)
        self._goal_x = goal

    def handle(self, intent: Intent) -> str | None:
        kind = intent.kind
        if kind not in _HANDLED:
            return None
        self.caret = min(self.caret, len(self.value))  # la valeur a pu être changée par l'appelant
        goal, sticky, self._sticky = self._goal_x, self._sticky, False
        self._goal_x = None
        if kind in (I.TEXT, I.PASTE):
            self.insert(intent.text)
        elif kind == I.ACTIVATE:
            if intent.from_space:  # l'espace arrive aussi en TEXT " " : rien à faire ici
                self._goal_x, self._sticky = goal, sticky
                return None
            self.insert("\n")
        elif kind in CARET_KEYS:
            edit_at_caret(self, kind)
        elif kind in (I.HOME, I.END):
            self._sticky = sticky
            line = self.lines()[self.line_of()]
            self.caret = line.start if kind == I.HOME else self._last_col(line)
            self._sticky = kind == I.END and line.soft and self.caret == line.end
        elif kind in (I.UP, I.DOWN, I.PAGE_UP, I.PAGE_DOWN):
            self._goal_x, self._sticky = goal, sticky
            step = 1 if kind in (I.UP, I.DOWN) else self.rows
            self._vertical(-step if kind in (I.UP, I.PAGE_UP) else step, clamp=step > 1)
        elif kind == I.COPY:  # copie tout le texte ; le curseur ne bouge pas
            clipboard.put_text(self.value)
            self._goal_x, self._sticky = goal, sticky
        elif kind == I.CLICK and self._line_h and self.box.collidepoint(intent.pos or (-1, -1)):
            inner = self.inner
            index = self.top + (intent.pos[1] - inner.y) // self._line_h
            self._place(max(0, min(index, len(self.lines()) - 1)), intent.pos[0] - inner.x)
        if self._fonts is not None:
            self.ensure_caret_visible()
        return None

    def scroll(self, amount: int) -> bool:
        """Molette : fait défiler sans bouger le curseur ; False si rien ne bouge."""
        before = self.top
        self.top = max(0, min(self.top - amount * WHEEL_LINES, len(self.lines()) - self.rows))
        return self.top != before

    # --- géométrie et dessin -----------------------------------------------------------------
    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._fonts = fonts
        self._pad = fonts.spacing(8)
        self._bar = max(4, fonts.spacing(5))
        self._line_h = fonts.line_height(ROLE)
        self._text_w = max(1, width - 2 * self._pad - self._bar - fonts.spacing(4))
        self._label_h = fonts.measure(self.label, ROLE, width, bold=True)[1] + fonts.spacing(4) if self.label else 0
        self._gap = fonts.spacing(4) if self.footer else 0
        self._footer_h = fonts.measure(self.footer, "small", width)[1] if self.footer else 0
        box_h = self.rows * self._line_h + 2 * self._pad
        self.rect = pygame.Rect(x, y, width, self._label_h + box_h + self._gap + self._footer_h)
        self.ensure_caret_visible()
        return self.rect.height

    @property
    def box(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y + self._label_h, self.rect.width,
                           self.rows * self._line_h + 2 * self._pad)

    @property
    def inner(self) -> pygame.Rect:
        """Zone du texte dans la boîte (sans la marge intérieure ni l'ascenseur)."""
        box = self.box
        return pygame.Rect(box.x + self._pad, box.y + self._pad, self._text_w, self.rows * self._line_h)

    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        if fonts is not self._fonts:
            self.layout(self.rect.x, self.rect.y, self.rect.width, fonts)
        self.caret = min(self.caret, len(self.value))
        if self.label:
            img = fonts.render(self.label, ROLE, bold=True, color=theme.text, width=self.rect.width)
            blit_text(surface, img, pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self._label_h))
        box, inner = self.box, self.inner
        pygame.draw.rect(surface, theme.surface, box, border_radius=theme.radius)
        pygame.draw.rect(surface, theme.text if focused else theme.border, box, width=2, border_radius=theme.radius)
        lines = self.lines()
        self.top = max(0, min(self.top, len(lines) - self.rows))
        clip = inner.inflate(4, 0)  # le curseur en début ou fin de ligne reste visible
        previous = surface.get_clip()
        surface.set_clip(clip.clip(previous) if previous else clip)
        for row, line in enumerate(lines[self.top:self.top + self.rows]):
            text = self._shown[line.start:line.end]
            if text.strip():
                surface.blit(fonts.render(text, ROLE, color=theme.text), (inner.x, inner.y + row * self._line_h))
        current = self.line_of()
        if focused and self.top <= current < self.top + self.rows:  # curseur fixe (pas de clignotement)
            w = max(2, fonts.spacing(2))
            cx = inner.x + self._x_of(self.caret) - w // 2  # centré sur la limite entre deux lettres
            cy = inner.y + (current - self.top) * self._line_h
            pygame.draw.rect(surface, theme.text, (cx, cy, w, self._line_h))
        surface.set_clip(previous)
        if len(lines) > self.rows:  # ascenseur discret
            track_h = inner.height
            thumb_h = max(self._bar * 3, track_h * self.rows // len(lines))
            thumb_y = inner.y + (track_h - thumb_h) * self.top // (len(lines) - self.rows)
            pygame.draw.rect(surface, theme.border, (box.right - self._pad // 2 - self._bar, thumb_y, self._bar, thumb_h),
                             border_radius=self._bar // 2)
        if self.footer and self._footer_h:
            img = fonts.render(self.footer, "small", color=theme.muted, width=self.rect.width)
            blit_text(surface, img, pygame.Rect(self.rect.x, box.bottom + self._gap, self.rect.width, self._footer_h))
        if focused:
            draw_focus_ring(surface, box, theme)
