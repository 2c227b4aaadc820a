"""Focus clavier et formulaire en colonne.

`FocusManager` tient la liste ordonnée des widgets focalisables : Tab / Maj+Tab circulent (en
boucle, sans piège), un clic focalise et active le widget visé, le survol est suivi. `Form`
range une colonne de widgets centrée dans la fenêtre, avec défilement si le contenu dépasse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget
from game.ui.scroll import ScrollPanel
from game.ui.theme import Theme


class FocusManager:
    """Focus clavier sur une liste ordonnée de widgets (les non focalisables sont ignorés)."""

    def __init__(self, widgets: Sequence[Widget], on_focus: Callable[[Widget], None] | None = None) -> None:
        self.widgets = list(widgets)
        self.on_focus = on_focus
        self.index = 0 if self.focusables else -1

    @property
    def focusables(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable]

    @property
    def focused(self) -> Widget | None:
        items = self.focusables
        return items[self.index] if 0 <= self.index < len(items) else None

    def focus(self, widget: Widget) -> None:
        """Donne le focus à `widget` s'il est focalisable."""
        items = self.focusables
        if widget in items:
            self.index = items.index(widget)
            if self.on_focus:
                self.on_focus(widget)

    def move(self, step: int) -> None:
        items = self.focusables
        if items:
            self.index = (self.index + step) % len(items)
            self.focus(items[self.index])

    def widget_at(self, pos: tuple[int, int] | None) -> Widget | None:
        for widget in self.focusables:
            if widget.contains(pos):
                return widget
        return None

    def handle(self, intent: Intent) -> str | None:
        """Traite NEXT/PREV/CLICK/MOTION et transmet le reste au widget focalisé."""
        kind = intent.kind
        if kind == I.NEXT:
            self.move(1)
            return None
        if kind == I.PREV:
            self.move(-1)
            return None
        if kind == I.MOTION:
            for widget in self.widgets:
                widget.hover(intent.pos)
            return None
        if kind == I.CLICK:
            target = self.widget_at(intent.pos)
            if target is None:
                return None
            self.focus(target)
            return target.handle(intent)
        focused = self.focused
        if focused is None:
            return None
        if kind == I.ACTIVATE and intent.repeat and not focused.repeats_activate:
            return None  # a held key never validates (a choice, a button): only a new press does
        if kind in (I.UP, I.DOWN) and not focused.uses_vertical_keys:
            # Haut / Bas passent d'un bouton à l'autre quand le widget n'en a pas l'usage.
            self.move(-1 if kind == I.UP else 1)
            return None
        return focused.handle(intent)


class Form:
    """Colonne de widgets centrée, de largeur au plus `theme.column_width` × échelle du texte.

    Les hauteurs viennent des polices à l'échelle courante : à 200 % la colonne est remise en
    page sans rien couper, et défile (Page préc./suiv., molette) si elle dépasse la fenêtre.
    """

    def __init__(self, widgets: Sequence[Widget], theme: Theme, *, max_width: int | None = None) -> None:
        self.theme = theme
        self.max_width = max_width
        self.panel = ScrollPanel(list(widgets), spacing=theme.spacing, outset=theme.focus_outset)
        self.focus = FocusManager(self.panel.children, on_focus=self.panel.ensure_visible)
        self.area = pygame.Rect(0, 0, 0, 0)
        self._mouse: tuple[int, int] | None = None

    @property
    def widgets(self) -> list[Widget]:
        return self.panel.children

    def layout(self, area: tuple[int, int] | pygame.Rect, fonts: FontBook) -> None:
        """Met en page dans `area` (taille de fenêtre ou rectangle d'une zone de l'écran)."""
        area = pygame.Rect(area) if isinstance(area, pygame.Rect) else pygame.Rect((0, 0), area)
        self.area = area
        margin = fonts.spacing(self.theme.margin)
        bar = 16  # place de l'ascenseur à droite de la colonne
        max_w = self.max_width or round(self.theme.column_width * fonts.scale)
        width = max(120, min(max_w, area.width - 2 * margin - 2 * bar))
        x = area.x + (area.width - width) // 2
        self.panel.spacing = fonts.spacing(self.theme.spacing)
        self.panel.height = max(60, area.height - 2 * margin)
        self.panel.layout(x, area.y + margin, width, fonts)
        if self.focus.focused is not None:
            self.panel.ensure_visible(self.focus.focused)
            self._show_selected_row()

    def _show_selected_row(self) -> None:
        """A list taller than the window (200 % text): the page follows its highlighted row."""
        row = getattr(self.focus.focused, "selected_rect", None)
        if row is not None and (rect := row()) is not None:
            self.panel.ensure_rect_visible(rect)

    def handle(self, intent: Intent) -> str | None:
        """Renvoie l'action du widget concerné (ou None)."""
        kind = intent.kind
        if kind == I.MOTION:
            self._mouse = intent.pos
            self.panel.hover(intent.pos)
            return None
        if kind == I.SCROLL:
            target = next((w for w in self.widgets if w.contains(self._mouse) and hasattr(w, "scroll")), None)
            if target is not None and target.scroll(intent.amount):
                return None
            self.panel.handle(intent)
            return None
        if kind == I.CLICK and not self.panel.contains(intent.pos):
            return None
        focused = self.focus.focused
        if kind in (I.PAGE_UP, I.PAGE_DOWN) and (focused is None or not focused.uses_vertical_keys):
            self.panel.handle(intent)
            return None
        action = self.focus.handle(intent)
        self._show_selected_row()
        return action

    def draw(self, surface: pygame.Surface, fonts: FontBook) -> None:
        self.panel.draw(surface, self.theme, fonts, False, focused_child=self.focus.focused)
