"""Polices : Atkinson Hyperlegible, repli sur DejaVu Sans puis sur la police par défaut de pygame.

`FontBook.render` et `FontBook.measure` utilisent le même découpage en lignes : une mise en page
calculée avec `measure` correspond exactement à ce qui est dessiné.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.bundle import data_dir

_log = logging.getLogger(__name__)

NNBSP = "\u202f"  # espace fine insécable (séparateur de milliers de babel en français)
NBSP = "\u00a0"

_FRENCH_SPACES = re.compile(r"(?<=«) | (?=[?!:;»])")

# Taille en pixels de chaque rôle à l'échelle 1.0.
ROLE_SIZES: dict[str, int] = {"small": 17, "body": 21, "heading": 27, "title": 36}
MIN_SCALE, MAX_SCALE = 1.0, 2.0

# Familles dans l'ordre de préférence : (nom, fichier normal, fichier gras, substitutions).
# Atkinson Hyperlegible n'a pas U+202F (vérifié avec fontTools dans tests/engine/test_glyphs.py).
FAMILIES: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("Atkinson Hyperlegible", "AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf",
     {NNBSP: NBSP}),
    ("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", {}),
)
# La police intégrée de pygame (freesansbold) n'a ni U+00A0 ni U+202F.
DEFAULT_FONT_SUBSTITUTIONS = {NNBSP: " ", NBSP: " "}

Color = tuple[int, int, int] | tuple[int, int, int, int]


def assets_dir() -> Path:
    """Racine des ressources du jeu (`assets/` à la racine du dépôt)."""
    return data_dir("assets")


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


@dataclass(frozen=True, slots=True)
class FontChoice:
    """Police retenue : nom, fichiers (None = police intégrée) et substitutions de caractères."""

    family: str
    regular: Path | None
    bold: Path | None
    substitutions: dict[str, str]


def choose_font(directory: Path | None = None) -> FontChoice:
    """Première famille dont les deux fichiers existent ; sinon la police intégrée de pygame."""
    directory = directory or fonts_dir()
    for family, regular, bold, subs in FAMILIES:
        reg, bld = directory / regular, directory / bold
        if reg.is_file() and bld.is_file():
            return FontChoice(family, reg, bld, subs)
        _log.warning("Police « %s » introuvable dans %s : police de repli utilisée.", family, directory)
    _log.warning("Aucune police du jeu trouvée : police par défaut de pygame (accents limités).")
    return FontChoice("pygame", None, None, DEFAULT_FONT_SUBSTITUTIONS)


class FontBook:
    """Polices par rôle ("small", "body", "heading", "title") × échelle du texte (1.0 à 2.0)."""

    def __init__(self, scale: float = 1.0, directory: Path | None = None, cache_size: int = 512) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.choice = choose_font(directory)
        self._fonts: dict[tuple[str, bool], pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._sizes: OrderedDict[tuple, tuple[int, int]] = OrderedDict()
        self._cache_size = cache_size
        self.scale = MIN_SCALE
        self.set_scale(scale)

    # --- échelle et polices --------------------------------------------------------------
    def set_scale(self, scale: float) -> None:
        """Change l'échelle du texte (bornée à 1.0–2.0) et vide les caches."""
        self.scale = min(MAX_SCALE, max(MIN_SCALE, float(scale)))
        self._fonts.clear()
        self._surfaces.clear()
        self._sizes.clear()

    def size_of(self, role: str) -> int:
        return round(ROLE_SIZES.get(role, ROLE_SIZES["body"]) * self.scale)

    def font(self, role: str = "body", bold: bool = False) -> pygame.font.Font:
        key = (role, bold)
        font = self._fonts.get(key)
        if font is None:
            font = self._load(self.size_of(role), bold)
            self._fonts[key] = font
        return font

    def _load(self, size: int, bold: bool) -> pygame.font.Font:
        path = self.choice.bold if bold else self.choice.regular
        if path is not None:
            try:
                return pygame.font.Font(str(path), size)
            except (OSError, pygame.error):
                _log.warning("Police illisible : %s ; police par défaut utilisée.", path)
                self.choice = FontChoice("pygame", None, None, DEFAULT_FONT_SUBSTITUTIONS)
        font = pygame.font.Font(None, size)
        font.bold = bold
        return font

    def line_height(self, role: str = "body", bold: bool = False) -> int:
        return self.font(role, bold).get_linesize()

    def spacing(self, base: int) -> int:
        """Un espacement de base mis à l'échelle du texte."""
        return round(base * self.scale)

    # --- texte -----------------------------------------------------------------------
    def prepare(self, text: str) -> str:
        """Remplace les caractères absents de la police active (U+202F → U+00A0 pour Atkinson).

        L'espace ordinaire avant « ? ! : ; » » et après « « » devient insécable : la ponctuation
        double française ne se retrouve jamais seule en début de ligne. Un caractère nul (qu'un CSV
        peut contenir et que pygame refuse de dessiner) s'affiche « [NUL] ».
        """
        text = _FRENCH_SPACES.sub("\u00a0", text)
        if "\x00" in text:  # pygame refuses to draw it (ValueError): shown where a dataset holds one
            text = text.replace("\x00", "[NUL]")
        for src, dst in self.choice.substitutions.items():
            text = text.replace(src, dst)
        return text

    def _key_width(self, text: str, role: str, bold: bool, width: int | None) -> int:
        """Largeur de coupure effective : 0 si le texte tient sur ses lignes sans couper."""
        if not width or width <= 0:
            return 0
        font = self.font(role, bold)
        if all(font.size(line)[0] <= width for line in text.split("\n")):
            return 0
        return int(width)

    def render(self, text: str, role: str = "body", *, bold: bool = False,
               color: Color = (0, 0, 0), width: int | None = None) -> pygame.Surface:
        """Surface du texte (anticrénelé, fond transparent), coupé en mots à `width` pixels."""
        text = self.prepare(text)
        wrap = self._key_width(text, role, bold, width)
        key = (text, role, bold, tuple(color), wrap)
        surface = self._surfaces.get(key)
        if surface is not None:
            self._surfaces.move_to_end(key)
            return surface
        surface = self.font(role, bold).render(text, True, color, None, wrap)
        self._surfaces[key] = surface
        if len(self._surfaces) > self._cache_size:
            self._surfaces.popitem(last=False)
        return surface

    def measure(self, text: str, role: str = "body", width: int | None = None, *,
                bold: bool = False) -> tuple[int, int]:
        """(largeur, hauteur) de ce que `render` dessinera avec les mêmes arguments."""
        text = self.prepare(text)
        wrap = self._key_width(text, role, bold, width)
        key = (text, role, bold, wrap)
        size = self._sizes.get(key)
        if size is None:
            if text == "":
                size = (0, self.line_height(role, bold))
            else:
                size = self.font(role, bold).render(text, True, (0, 0, 0), None, wrap).get_size()
            self._sizes[key] = size
            if len(self._sizes) > self._cache_size * 4:
                self._sizes.popitem(last=False)
        else:
            self._sizes.move_to_end(key)
        return size
