"""Graphiques lisibles au clavier : barres horizontales, courbe, carte de points (sans fond de carte).

`ChartView` ne connaît ni les jeux de données ni la langue : l'appelant donne des libellés déjà
traduits et une fonction `value_format` (formatage français de babel, par exemple). Un élément du
graphique est toujours mis en évidence ; `announce` en donne la lecture textuelle (libellé et
valeur, ou libellé et coordonnées), affichée sous le graphique : c'est la lecture accessible.

Touches : Haut / Bas (barres) ou Gauche / Droite (courbe, carte) changent d'élément, Début / Fin
vont au premier / dernier, Page préc. / suiv. font défiler les barres par écran.
`render_chart_png` dessine le graphique seul (titre en haut) hors écran et l'enregistre en PNG.

Géométrie : `layout` fixe la hauteur ; toutes les positions sont recalculées à partir de
`self.rect` au moment du dessin (un simple déplacement de `rect` suffit pour défiler).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pygame

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.base import Widget, blit_text, draw_focus_ring
from game.ui.theme import DEFAULT_THEME, Theme

KINDS = ("bar", "line", "map")
ELLIPSIS = "\u2026"
MAX_PNG_HEIGHT = 8000  # au-delà, l'export des barres part de la première barre visible
_SAMPLE = 300  # au-delà, les largeurs maximales sont estimées sur les textes les plus longs

Point = tuple[int, int]


def nice_ticks(lo: float, hi: float, max_ticks: int = 5, *, inside: bool = False) -> list[float]:
    """Graduations « rondes » (1, 2, 5 × 10^k), au plus `max_ticks`.

    `inside=False` : les graduations encadrent [lo, hi] ; `inside=True` : elles restent dedans.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0]
    lo, hi = min(lo, hi), max(lo, hi)
    if hi == lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    mag = 10 ** math.floor(math.log10((hi - lo) / max(1, max_ticks - 1)))
    first = last = 0
    step = mag
    for m in (1, 2, 5, 10, 20, 50, 100):
        step = m * mag
        if inside:
            first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
        else:
            first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
        if last - first + 1 <= max_ticks:
            break
    return [_clean(k * step) for k in range(first, last + 1)]


def _clean(value: float) -> float:
    """Arrondi des erreurs binaires (0,30000000000000004) ; entier si la valeur est entière."""
    value = float(f"{value:.12g}")
    if value == 0:
        return 0
    return int(value) if value.is_integer() else value


def _coord(value: float) -> str:
    return f"{value:.4f}"


class ChartView(Widget):
    """Un graphique : `kind` vaut "bar", "line" ou "map".

    `series` (libellé, valeur) sert aux barres et à la courbe ; `points` (latitude, longitude,
    libellé) à la carte, dessinée en projection équirectangulaire corrigée par le cosinus de la
    latitude moyenne, sur `outline` (polygones (lat, lon) du territoire) ou, à défaut, sur un cadre
    quadrillé autour des points. Les valeurs non finies sont ignorées. `height_lines` règle la
    hauteur (nombre maximal de barres visibles). `coord_format` formate les coordonnées,
    `on_change` est renvoyé par `handle` quand l'élément mis en évidence change.
    """

    focusable = True

    def __init__(self, kind: str, series: list[tuple[str, float]] | None = None,
                 points: list[tuple[float, float, str]] | None = None, *, title: str = "",
                 x_label: str = "", y_label: str = "", value_format: Callable[[float], str] = str,
                 outline: list[list[tuple[float, float]]] | None = None, height_lines: int = 12,
                 empty_text: str = "", coord_format: Callable[[float], str] = _coord,
                 on_change: str | None = None) -> None:
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"unknown chart kind {kind!r}, expected one of {KINDS}")
        self.kind = kind
        self.uses_vertical_keys = kind == "bar"
        self.title, self.x_label, self.y_label = title, x_label, y_label
        self.value_format, self.coord_format = value_format, coord_format
        self.height_lines = max(3, int(height_lines))
        self.empty_text = empty_text
        self.on_change = on_change
        ok = math.isfinite
        self.series = [(str(lb), float(v)) for lb, v in (series or []) if ok(float(v))]
        self.points = [(float(la), float(lo), str(lb)) for la, lo, lb in (points or [])
                       if ok(float(la)) and ok(float(lo)) and -90 <= float(la) <= 90]
        self.outline = [[(float(la), float(lo)) for la, lo in poly if ok(float(la)) and ok(float(lo))]
                        for poly in (outline or [])]
        self.outline = [poly for poly in self.outline if len(poly) >= 2]
        if kind == "map":
            self._order = sorted(range(len(self.points)), key=lambda i: (self.points[i][1], -self.points[i][0]))
        else:
            self._order = list(range(len(self.series)))
        self._pos = 0
        self.top = 0  # première barre visible
        self._visible = self.height_lines
        self._announce_h = 0
        self._export = False
        self._fonts: FontBook | None = None
        self._geo: SimpleNamespace | None = None
        self._geo_key: tuple | None = None
        self._fit_cache: dict[tuple, str] = {}

    # --- état ---------------------------------------------------------------------------
    @property
    def action(self) -> str:
        """Nom repris par les scènes pour refocaliser le widget après reconstruction."""
        return self.on_change or ""

    @property
    def count(self) -> int:
        return len(self._order)

    @property
    def index(self) -> int | None:
        """Indice (dans `series` ou `points`) de l'élément mis en évidence, None si vide."""
        return self._order[self._pos] if self._order else None

    def describe(self, i: int) -> str:
        """Lecture textuelle de l'élément `i` : « libellé : valeur » ou « libellé : lat ; lon »."""
        if self.kind == "map":
            lat, lon, label = self.points[i]
            return f"{label} : {self.coord_format(lat)} ; {self.coord_format(lon)}"
        label, value = self.series[i]
        return f"{label} : {self.value_format(value)}"

    @property
    def announce(self) -> str:
        """Texte de l'élément mis en évidence (ou `empty_text` s'il n'y a rien à montrer)."""
        i = self.index
        return self.empty_text if i is None else self.describe(i)

    def highlight(self, i: int) -> bool:
        """Met en évidence l'élément d'indice `i` (dans `series` ou `points`)."""
        return i in self._order and self._go(self._order.index(i))

    def _go(self, pos: int) -> bool:
        if not self._order:
            return False
        before = self._pos
        self._pos = max(0, min(pos, len(self._order) - 1))
        self._clamp()
        return self._pos != before

    def _clamp(self) -> None:
        n, vis = len(self._order), max(1, self._visible)
        if self._pos < self.top:
            self.top = self._pos
        elif self._pos >= self.top + vis:
            self.top = self._pos - vis + 1
        self.top = max(0, min(self.top, max(0, n - vis)))

    # --- clavier et souris ------------------------------------------------------------------
    def handle(self, intent: Intent) -> str | None:
        kind = intent.kind
        back, forward = (I.UP, I.DOWN) if self.kind == "bar" else (I.LEFT, I.RIGHT)
        changed = False
        if kind == back:
            changed = self._go(self._pos - 1)
        elif kind == forward:
            changed = self._go(self._pos + 1)
        elif kind == I.HOME:
            changed = self._go(0)
        elif kind == I.END:
            changed = self._go(self.count - 1)
        elif kind in (I.PAGE_UP, I.PAGE_DOWN) and self.kind == "bar":
            changed = self._go(self._pos + (self._visible if kind == I.PAGE_DOWN else -self._visible))
        elif kind == I.SCROLL and self.kind == "bar":
            changed = self._wheel(intent.amount)
        elif kind == I.CLICK:
            hit = self.item_at(intent.pos)
            changed = hit is not None and self._go(hit)
        return self.on_change if changed and self.on_change else None

    def _wheel(self, amount: int) -> bool:
        before = self._pos
        n, vis = self.count, max(1, self._visible)
        self.top = max(0, min(self.top - 3 * amount, max(0, n - vis)))
        self._pos = max(self.top, min(self._pos, self.top + vis - 1)) if n else 0
        return self._pos != before

    def scroll(self, amount: int) -> bool:
        """Molette (appelée par `Form`) : fait défiler les barres ; False si rien n'a bougé."""
        if self.kind != "bar":
            return False
        before = self.top
        self._wheel(amount)
        return self.top != before

    def item_at(self, pos: tuple[int, int] | None) -> int | None:
        """Position (dans l'ordre de lecture) de l'élément sous `pos`, ou None."""
        if pos is None or self._fonts is None or not self._order or not self.rect.collidepoint(pos):
            return None
        geo = self._geometry(self._fonts)
        if not geo.plot.collidepoint(pos):
            return None
        if self.kind == "bar":
            row = self.top + (pos[1] - geo.plot.y) // max(1, geo.row_h)
            return row if self.top <= row < min(self.count, self.top + geo.visible) else None
        spots = geo.spots
        best = min(range(len(spots)), key=lambda p: (spots[p][0] - pos[0]) ** 2 + (spots[p][1] - pos[1]) ** 2)
        if self.kind == "map" and math.dist(spots[best], pos) > 4 * geo.radius:
            return None
        return best

    # --- mise en page -----------------------------------------------------------------------
    def layout(self, x: int, y: int, width: int, fonts: FontBook) -> int:
        self._fonts = fonts
        self._fit_cache.clear()
        pad = self._pad(fonts)
        inner = max(1, width - 2 * pad)
        texts = [self.describe(i) for i in self._order] or [self.empty_text]
        if len(texts) > _SAMPLE:
            texts = sorted(texts, key=len)[-_SAMPLE // 10:]
        self._announce_h = max(fonts.measure(t, "body", inner)[1] for t in texts)
        if self.kind == "bar":
            self._visible = max(1, min(self.count, self.height_lines))
            self._clamp()
        height = self._fixed_height(fonts, width) + self._natural_plot_h(fonts, inner)
        self.rect = pygame.Rect(x, y, width, height)
        self._geo_key = None
        return height

    def _pad(self, fonts: FontBook) -> int:
        return fonts.spacing(24 if self._export else 10)

    def _title_role(self) -> str:
        return "title" if self._export else "body"

    def _captions(self) -> tuple[str, str]:
        """(légende au-dessus du tracé, légende sous les graduations)."""
        return (self.x_label, self.y_label) if self.kind == "bar" else (self.y_label, self.x_label)

    def _row_h(self, fonts: FontBook) -> int:
        return fonts.line_height("body") + 2 * fonts.spacing(5)

    def _natural_plot_h(self, fonts: FontBook, inner: int) -> int:
        if not self._order:
            return max(3 * fonts.line_height("body"), fonts.measure(self.empty_text, "body", inner)[1]
                       + 2 * fonts.spacing(10))
        if self.kind == "bar":
            return self._visible * self._row_h(fonts) + fonts.spacing(4)
        if self.kind == "line":
            return self.height_lines * fonts.line_height("small")
        return self.height_lines * fonts.line_height("body")

    def _parts(self, fonts: FontBook, width: int) -> list[int]:
        """Hauteurs des bandes au-dessus puis au-dessous du tracé (titre, légendes, lecture)."""
        pad, gap = self._pad(fonts), fonts.spacing(6)
        inner = max(1, width - 2 * pad)
        top_cap, bottom_cap = self._captions()
        title_h = fonts.measure(self.title, self._title_role(), inner, bold=True)[1] + gap if self.title else 0
        top_h = fonts.measure(top_cap, "small", inner)[1] + gap if top_cap else 0
        ticks_h = fonts.line_height("small") + gap if self._order else 0
        bottom_h = fonts.measure(bottom_cap, "small", inner)[1] + gap // 2 if bottom_cap and self._order else 0
        announce_h = 0 if self._export or not self._order else 2 * gap + 2 + self._announce_h
        return [pad, title_h, top_h, ticks_h, bottom_h, announce_h, pad]

    def _fixed_height(self, fonts: FontBook, width: int) -> int:
        return sum(self._parts(fonts, width))

    def _geometry(self, fonts: FontBook) -> SimpleNamespace:
        """Positions de tout ce qui est dessiné, dérivées de `self.rect` (mises en cache)."""
        key = (tuple(self.rect), fonts.scale, id(fonts), self.top, self._export)
        if self._geo is not None and self._geo_key == key:
            return self._geo
        pad, title_h, top_h, ticks_h, bottom_h, announce_h, _ = self._parts(fonts, self.rect.width)
        gap = fonts.spacing(6)
        x, w = self.rect.x + pad, max(1, self.rect.width - 2 * pad)
        y = self.rect.y + pad
        geo = SimpleNamespace(gap=gap, pad=pad)
        geo.title = pygame.Rect(x, y, w, max(0, title_h - gap))
        y += title_h
        geo.top_caption = pygame.Rect(x, y, w, max(0, top_h - gap))
        y += top_h
        plot_h = max(fonts.spacing(60), self.rect.bottom - pad - announce_h - bottom_h - ticks_h - y)
        geo.plot = pygame.Rect(x, y, w, plot_h)
        geo.ticks = pygame.Rect(x, geo.plot.bottom + gap // 2, w, fonts.line_height("small"))
        geo.bottom_caption = pygame.Rect(x, geo.plot.bottom + ticks_h, w, max(0, bottom_h - gap // 2))
        geo.announce = pygame.Rect(x, self.rect.bottom - pad - self._announce_h, w, self._announce_h)
        if self._order:
            {"bar": self._arrange_bar, "line": self._arrange_line, "map": self._arrange_map}[self.kind](geo, fonts)
        self._geo, self._geo_key = geo, key
        return geo

    def _widest(self, fonts: FontBook, texts: list[str], role: str, bold: bool = False) -> int:
        if len(texts) > _SAMPLE:
            texts = sorted(texts, key=len)[-_SAMPLE // 10:]
        return max((fonts.measure(t, role, bold=bold)[0] for t in texts), default=0)

    def _fit(self, fonts: FontBook, text: str, role: str, width: int, bold: bool = False) -> str:
        """`text` raccourci avec « … » pour tenir dans `width` pixels."""
        key = (text, role, width, bold, fonts.scale)
        fitted = self._fit_cache.get(key)
        if fitted is None:
            fitted = text
            if fonts.measure(text, role, bold=bold)[0] > width:
                lo, hi = 0, len(text)
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if fonts.measure(text[:mid].rstrip() + ELLIPSIS, role, bold=bold)[0] <= width:
                        lo = mid
                    else:
                        hi = mid - 1
                fitted = text[:lo].rstrip() + ELLIPSIS
            if len(self._fit_cache) > 2000:
                self._fit_cache.clear()
            self._fit_cache[key] = fitted
        return fitted

    def _arrange_bar(self, geo: SimpleNamespace, fonts: FontBook) -> None:
        plot, gap, n = geo.plot, geo.gap, self.count
        row_h = self._row_h(fonts)
        usable = plot.height - fonts.spacing(4)
        visible = max(1, min(n, usable // row_h))
        if not self._export:
            visible = min(visible, self._visible)
        elif n <= visible:  # export : peu de barres, lignes plus hautes (jusqu'au double)
            row_h = min(2 * row_h, usable // n)
        if self._export:  # autant de barres que la place le permet, à partir de la première visible
            self.top = max(0, min(self.top, n - visible))
        geo.row_h, geo.visible = row_h, visible
        geo.bar_h = max(4, round(min(row_h * 0.62, fonts.line_height("body") * 1.4)))
        geo.scrollbar = fonts.spacing(10) if n > visible and not self._export else 0
        values = [v for _, v in self.series]
        vmin, vmax = min(values), max(values)
        pos_w = self._widest(fonts, [self.value_format(v) for v in values if v >= 0], "body")
        neg_w = self._widest(fonts, [self.value_format(v) for v in values if v < 0], "body")
        label_w = min(self._widest(fonts, [lb for lb, _ in self.series], "body") + gap, int(plot.width * 0.4))
        right = plot.right - (geo.scrollbar + gap if geo.scrollbar else 0)
        reserve = (neg_w + gap if vmin < 0 else 0) + (pos_w + gap if vmax >= 0 else 0)
        wanted = max(fonts.spacing(80), int(plot.width * 0.3))
        lead = 3 * gap if vmin < 0 else gap  # « -800 € » bien séparé du libellé
        short = wanted - (right - (plot.x + label_w + lead) - reserve)
        if short > 0:
            label_w = max(fonts.spacing(48), label_w - short)
        geo.label_w = label_w
        zone_left = plot.x + label_w + lead
        geo.zone = pygame.Rect(zone_left, plot.y, max(1, right - zone_left), plot.height)
        x0 = zone_left + (neg_w + gap if vmin < 0 else 0)
        x1 = max(x0 + 1, right - (pos_w + gap if vmax >= 0 else 0))
        lo, hi = min(0.0, vmin), max(0.0, vmax)
        if hi == lo:
            hi = lo + 1
        geo.x0, geo.x1, geo.lo, geo.hi = x0, x1, lo, hi
        geo.ticks.y = plot.y + visible * row_h + gap // 2  # graduations juste sous les barres
        geo.bottom_caption.y = geo.ticks.y + fonts.line_height("small") + gap // 2
        geo.ticks_values = nice_ticks(lo, hi, 5, inside=True)

    def _arrange_line(self, geo: SimpleNamespace, fonts: FontBook) -> None:
        plot, gap, n = geo.plot, geo.gap, self.count
        values = [v for _, v in self.series]
        lo, hi = min(values), max(values)
        if lo > 0 and hi - lo > 0.25 * hi:  # zéro inclus sauf si les valeurs en sont loin
            lo = 0.0
        elif hi < 0 and hi - lo > 0.25 * -lo:
            hi = 0.0
        ticks = nice_ticks(lo, hi, 5)
        geo.ticks_values, geo.lo, geo.hi = ticks, ticks[0], ticks[-1]
        tick_w = self._widest(fonts, [self.value_format(t) for t in ticks], "small")
        axis_x = plot.x + tick_w + gap
        width = max(1, plot.right - axis_x)
        label_w = min(self._widest(fonts, [lb for lb, _ in self.series], "small", bold=True),
                      max(fonts.spacing(48), width // 4))
        margin = max(fonts.spacing(12), min(label_w // 2 + gap, width // 4))
        geo.axis_x, geo.label_w = axis_x, label_w
        geo.radius = max(3, fonts.spacing(5))
        half = fonts.line_height("small") // 2
        top, bottom = plot.y + half + geo.radius, plot.bottom - half
        geo.y_top, geo.y_bottom = top, bottom
        x0, x1 = axis_x + margin, plot.right - margin
        xs = [(x0 + x1) / 2] if n == 1 else [x0 + i * (x1 - x0) / (n - 1) for i in range(n)]
        geo.spots = [(round(xs[i]), round(self._y(geo, values[i]))) for i in range(n)]
        dx = (x1 - x0) / (n - 1) if n > 1 else float("inf")
        geo.label_step = max(1, math.ceil((label_w + gap) / dx)) if dx > 0 else n

    def _y(self, geo: SimpleNamespace, value: float) -> float:
        return geo.y_bottom - (value - geo.lo) / ((geo.hi - geo.lo) or 1) * (geo.y_bottom - geo.y_top)

    def _arrange_map(self, geo: SimpleNamespace, fonts: FontBook) -> None:
        plot, gap = geo.plot, geo.gap
        lats = [p[0] for p in self.points] + [la for poly in self.outline for la, _ in poly]
        lons = [p[1] for p in self.points] + [lo for poly in self.outline for _, lo in poly]
        margin = 0.03 if self.outline else 0.08
        lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
        dlat, dlon = max(lat1 - lat0, 0.01), max(lon1 - lon0, 0.01)
        cy, cx = (lat0 + lat1) / 2, (lon0 + lon1) / 2
        lat0, lat1 = cy - dlat * (0.5 + margin), cy + dlat * (0.5 + margin)
        lon0, lon1 = cx - dlon * (0.5 + margin), cx + dlon * (0.5 + margin)
        lat0, lat1 = max(-90.0, lat0), min(90.0, lat1)
        k = max(0.05, math.cos(math.radians((lat0 + lat1) / 2)))
        geo.bounds = (lat0, lat1, lon0, lon1)
        geo.lat_texts = (self.coord_format(lat1), self.coord_format(lat0))
        geo.lon_texts = (self.coord_format(lon0), self.coord_format(lon1))
        lat_w = self._widest(fonts, list(geo.lat_texts), "small")
        avail = pygame.Rect(plot.x + lat_w + gap, plot.y, max(1, plot.width - lat_w - gap), plot.height)
        scale = min(avail.width / ((lon1 - lon0) * k), avail.height / (lat1 - lat0))
        fw, fh = round((lon1 - lon0) * k * scale), round((lat1 - lat0) * scale)
        frame = pygame.Rect(avail.x + (avail.width - fw) // 2, avail.y + (avail.height - fh) // 2, fw, fh)
        geo.frame = frame

        def project(lat: float, lon: float) -> Point:
            return (round(frame.x + (lon - lon0) * k * scale), round(frame.y + (lat1 - lat) * scale))

        geo.project = project
        geo.radius = max(4, fonts.spacing(6))
        geo.spots = [project(self.points[i][0], self.points[i][1]) for i in self._order]

    # --- dessin -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, focused: bool) -> None:
        geo = self._geometry(fonts)
        if not self._export:
            pygame.draw.rect(surface, theme.surface, self.rect, border_radius=theme.radius)
            pygame.draw.rect(surface, theme.border, self.rect, width=2, border_radius=theme.radius)
        previous = surface.get_clip()
        inner = self.rect.inflate(-4, -4)
        surface.set_clip(inner.clip(previous) if previous else inner)
        if self.title:
            img = fonts.render(self.title, self._title_role(), bold=True, color=theme.text, width=geo.title.width)
            blit_text(surface, img, geo.title)
        top_cap, bottom_cap = self._captions()
        if top_cap:
            img = fonts.render(top_cap, "small", color=theme.muted, width=geo.top_caption.width)
            blit_text(surface, img, geo.top_caption)
        if not self._order:
            img = fonts.render(self.empty_text, "body", color=theme.muted, width=geo.plot.width)
            blit_text(surface, img, pygame.Rect(geo.plot.x, geo.plot.centery - img.get_height() // 2,
                                                geo.plot.width, img.get_height()), align="center")
        else:
            {"bar": self._draw_bar, "line": self._draw_line, "map": self._draw_map}[self.kind](
                surface, theme, fonts, geo)
            if bottom_cap:
                img = fonts.render(bottom_cap, "small", color=theme.muted, width=geo.bottom_caption.width)
                blit_text(surface, img, geo.bottom_caption, align="center")
        if not self._export and self._order:  # vide : `empty_text` est déjà au centre
            sep_y = geo.announce.y - geo.gap - 1
            pygame.draw.line(surface, theme.border, (geo.announce.x, sep_y), (geo.announce.right, sep_y), 1)
            img = fonts.render(self.announce, "body", color=theme.text, width=geo.announce.width)
            blit_text(surface, img, geo.announce)
        surface.set_clip(previous)
        if focused:
            draw_focus_ring(surface, self.rect, theme)

    def _highlighted(self, pos: int) -> bool:
        return not self._export and pos == self._pos

    def _tick_labels(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, geo: SimpleNamespace,
                     items: list[tuple[float, str]], limit: pygame.Rect, avoid: pygame.Rect | None = None) -> None:
        """Libellés centrés sur leurs x, en sautant ceux qui en chevaucheraient un autre."""
        last_right = -10**9
        for x, text in items:
            img = fonts.render(text, "small", color=theme.muted)
            w = img.get_width()
            left = max(limit.x, min(round(x - w / 2), limit.right - w))
            box = pygame.Rect(left, geo.ticks.y, w, img.get_height())
            if left < last_right + geo.gap or (avoid is not None and box.inflate(geo.gap, 0).colliderect(avoid)):
                continue
            surface.blit(img, box)
            last_right = box.right

    def _draw_bar(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, geo: SimpleNamespace) -> None:
        plot, gap = geo.plot, geo.gap
        rows_h = geo.visible * geo.row_h
        stroke = max(2, fonts.spacing(2))

        def xof(v: float) -> int:
            return round(geo.x0 + (v - geo.lo) / (geo.hi - geo.lo) * (geo.x1 - geo.x0))

        def row_rect(pos: int) -> pygame.Rect:
            return pygame.Rect(plot.x, plot.y + (pos - self.top) * geo.row_h, geo.zone.right - plot.x, geo.row_h)

        lit_row = row_rect(self._pos) if self.top <= self._pos < self.top + geo.visible and not self._export else None
        if lit_row is not None:
            pygame.draw.rect(surface, theme.selection, lit_row)
        for t in geo.ticks_values:
            pygame.draw.line(surface, theme.selection, (xof(t), plot.y), (xof(t), plot.y + rows_h), 1)
        zero = xof(0.0)
        # L'axe du zéro passe sous les barres : leur longueur en pixels reste exactement proportionnelle.
        pygame.draw.line(surface, theme.text, (zero, plot.y), (zero, plot.y + rows_h), stroke)
        last = min(self.count, self.top + geo.visible)
        for pos in range(self.top, last):
            label, value = self.series[self._order[pos]]
            row = row_rect(pos)
            lit = self._highlighted(pos)
            by = row.y + (row.height - geo.bar_h) // 2
            end = xof(value)
            bar = pygame.Rect(min(zero, end), by, abs(end - zero), geo.bar_h)
            if bar.width > 0:
                pygame.draw.rect(surface, theme.accent, bar)
                if lit:
                    pygame.draw.rect(surface, theme.text, bar.inflate(2 * stroke + 2, 2 * stroke + 2), width=stroke)
            text = self._fit(fonts, label, "body", geo.label_w - (2 * gap + stroke if lit else gap), bold=lit)
            img = fonts.render(text, "body", bold=lit, color=theme.text)
            surface.blit(img, (plot.x + fonts.spacing(4), row.centery - img.get_height() // 2))
            img = fonts.render(self.value_format(value), "body", color=theme.text)
            vx = end + gap if value >= 0 else end - gap - img.get_width()
            surface.blit(img, (vx, row.centery - img.get_height() // 2))
        if lit_row is not None:
            pygame.draw.rect(surface, theme.text, lit_row, width=stroke)
        self._tick_labels(surface, theme, fonts, geo, [(xof(t), self.value_format(t)) for t in geo.ticks_values],
                          geo.zone)
        if geo.scrollbar:
            track = pygame.Rect(plot.right - geo.scrollbar, plot.y, geo.scrollbar, rows_h)
            pygame.draw.rect(surface, theme.hover, track)
            pygame.draw.rect(surface, theme.border, track, width=1)
            n = self.count
            thumb_h = max(fonts.spacing(16), track.height * geo.visible // n)
            thumb_y = track.y + (track.height - thumb_h) * self.top // max(1, n - geo.visible)
            pygame.draw.rect(surface, theme.accent, (track.x, thumb_y, track.width, thumb_h))

    def _draw_line(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, geo: SimpleNamespace) -> None:
        plot, gap, r = geo.plot, geo.gap, geo.radius
        for t in geo.ticks_values:
            y = round(self._y(geo, t))
            pygame.draw.line(surface, theme.selection, (geo.axis_x, y), (plot.right, y), 1)
            img = fonts.render(self.value_format(t), "small", color=theme.muted)
            surface.blit(img, (geo.axis_x - gap - img.get_width(), y - img.get_height() // 2))
        if geo.lo < 0 < geo.hi:
            y = round(self._y(geo, 0))
            pygame.draw.line(surface, theme.muted, (geo.axis_x, y), (plot.right, y), 1)
        pygame.draw.line(surface, theme.border, (geo.axis_x, geo.y_top - r), (geo.axis_x, geo.y_bottom), 2)
        pygame.draw.line(surface, theme.border, (geo.axis_x, geo.y_bottom), (plot.right, geo.y_bottom), 2)
        spots = geo.spots
        lit = None if self._export else self._pos
        if lit is not None:
            x, y = spots[lit]
            for yy in range(y + r + 4, geo.y_bottom, 8):  # repère vertical en pointillés
                pygame.draw.line(surface, theme.border, (x, yy), (x, min(yy + 4, geo.y_bottom)), 2)
        if len(spots) > 1:
            pygame.draw.lines(surface, theme.accent, False, spots, max(2, fonts.spacing(3)))
        if len(spots) < 2 or spots[1][0] - spots[0][0] >= 3 * r:  # points serrés : la ligne seule
            for x, y in spots:
                pygame.draw.circle(surface, theme.surface, (x, y), r + 2)
                pygame.draw.circle(surface, theme.accent, (x, y), r)
        avoid = None
        if lit is not None:
            x, y = spots[lit]
            side = 2 * (r + 5)
            pygame.draw.circle(surface, theme.surface, (x, y), r + 2)
            pygame.draw.circle(surface, theme.accent, (x, y), r)
            pygame.draw.rect(surface, theme.text, (x - side // 2, y - side // 2, side, side), width=3)
            text = self._fit(fonts, self.series[lit][0], "small", geo.label_w, bold=True)
            img = fonts.render(text, "small", bold=True, color=theme.text)
            box = pygame.Rect(0, geo.ticks.y, img.get_width(), img.get_height())
            box.centerx = x
            box.x = max(plot.x, min(box.x, plot.right - box.width))
            pygame.draw.rect(surface, theme.selection, box.inflate(gap, 0))
            surface.blit(img, box)
            avoid = box.inflate(2 * gap, 0)
        step, n = geo.label_step, self.count
        picks = list(range(0, n, step))
        if picks[-1] != n - 1:
            picks.append(n - 1)
        labels = [(spots[i][0], self._fit(fonts, self.series[i][0], "small", geo.label_w)) for i in picks]
        self._tick_labels(surface, theme, fonts, geo, labels, plot, avoid)

    def _draw_map(self, surface: pygame.Surface, theme: Theme, fonts: FontBook, geo: SimpleNamespace) -> None:
        frame, gap, r, project = geo.frame, geo.gap, geo.radius, geo.project
        if self.outline:
            for poly in self.outline:
                pts = [project(la, lo) for la, lo in poly]
                if len(pts) >= 3:
                    pygame.draw.polygon(surface, theme.background, pts)
                    pygame.draw.polygon(surface, theme.border, pts, width=2)
                else:
                    pygame.draw.lines(surface, theme.border, False, pts, 2)
        else:
            for k in range(1, 4):
                x = frame.x + frame.width * k // 4
                y = frame.y + frame.height * k // 4
                pygame.draw.line(surface, theme.selection, (x, frame.y), (x, frame.bottom), 1)
                pygame.draw.line(surface, theme.selection, (frame.x, y), (frame.right, y), 1)
        pygame.draw.rect(surface, theme.border, frame, width=1)
        north, south = (fonts.render(t, "small", color=theme.muted) for t in geo.lat_texts)
        surface.blit(north, (frame.x - gap - north.get_width(), frame.y))
        surface.blit(south, (frame.x - gap - south.get_width(), frame.bottom - south.get_height()))
        west, east = geo.lon_texts
        self._tick_labels(surface, theme, fonts, geo, [(frame.x, west), (frame.right, east)], geo.plot)
        lit = None if self._export else self._pos
        for pos, spot in enumerate(geo.spots):
            if pos != lit:
                pygame.draw.circle(surface, theme.surface, spot, r + 2)
                pygame.draw.circle(surface, theme.accent, spot, r)
        if lit is None:
            return
        spot = geo.spots[lit]
        pygame.draw.circle(surface, theme.surface, spot, r + 9)
        pygame.draw.circle(surface, theme.text, spot, r + 7, width=3)
        pygame.draw.circle(surface, theme.accent, spot, r + 2)
        label = self.points[self._order[lit]][2]
        text = self._fit(fonts, label, "small", max(fonts.spacing(60), geo.plot.width // 2), bold=True)
        img = fonts.render(text, "small", bold=True, color=theme.text)
        box = pygame.Rect(0, 0, img.get_width() + 2 * gap, img.get_height() + gap)
        box.midleft = (spot[0] + r + 12, spot[1])
        if box.right > geo.plot.right:
            box.midright = (spot[0] - r - 12, spot[1])
        box.y = max(geo.plot.y, min(box.y, geo.plot.bottom - box.height))
        pygame.draw.rect(surface, theme.surface, box)
        pygame.draw.rect(surface, theme.text, box, width=1)
        surface.blit(img, (box.x + gap, box.y + gap // 2))


def render_chart_png(path: str | Path, chart: ChartView, size: tuple[int, int] = (1200, 800),
                     theme: Theme | None = None, fonts: FontBook | None = None) -> Path:
    """Dessine `chart` seul (titre en haut, sans mise en évidence) hors écran et l'enregistre en PNG.

    Un graphique en barres qui ne tient pas dans `size` allonge l'image pour montrer toutes ses
    barres (sans dépasser `MAX_PNG_HEIGHT` pixels de haut).

    Fonctionne sans fenêtre (pilote vidéo SDL « dummy ») ; le widget affiché n'est pas modifié.
    """
    theme = theme or DEFAULT_THEME
    fonts = fonts or FontBook(1.0)
    view = copy.copy(chart)
    view._export = True
    view._geo = view._geo_key = None
    view._fit_cache = {}
    width, height = size
    if chart.kind == "bar" and chart.count:  # toutes les barres, l'image s'allonge (jusqu'à MAX_PNG_HEIGHT)
        rows = view._fixed_height(fonts, width) + chart.count * view._row_h(fonts) + fonts.spacing(4)
        height = max(height, min(rows, MAX_PNG_HEIGHT))
    view.rect = pygame.Rect(0, 0, width, height)
    size = (width, height)
    surface = pygame.Surface(size)
    surface.fill(theme.surface)
    view.draw(surface, theme, fonts, False)
    path = Path(path)
    pygame.image.save(surface, str(path))
    return path
