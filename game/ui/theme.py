"""Thème visuel : palette calme (texte sombre sur fond clair) et contrastes vérifiés (WCAG 2.x)."""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def relative_luminance(color: RGB) -> float:
    """Luminance relative WCAG d'une couleur sRGB."""
    r, g, b = (_channel(v) for v in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: RGB, bg: RGB) -> float:
    """Rapport de contraste WCAG entre deux couleurs (1.0 à 21.0)."""
    la, lb = relative_luminance(fg), relative_luminance(bg)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True, slots=True)
class Theme:
    """Couleurs et mesures partagées par tous les widgets."""

    background: RGB = (247, 245, 239)  # fond de l'écran, blanc cassé chaud
    surface: RGB = (255, 255, 255)  # panneaux, champs, bulles de dialogue
    text: RGB = (31, 35, 40)
    muted: RGB = (74, 82, 90)  # texte secondaire
    accent: RGB = (29, 78, 137)  # boutons principaux, repères
    accent_hover: RGB = (20, 58, 104)
    accent_text: RGB = (255, 255, 255)
    focus: RGB = (176, 62, 0)  # anneau de focus orange foncé, distinct de l'accent bleu
    border: RGB = (107, 114, 128)  # bordures de champs, cases, pistes (contraste non textuel ≥ 3:1)
    error: RGB = (164, 30, 34)
    success: RGB = (30, 107, 50)
    warning: RGB = (138, 75, 0)
    selection: RGB = (214, 228, 245)  # fond de l'élément sélectionné
    hover: RGB = (233, 238, 245)  # fond d'un élément survolé
    spacing: int = 14
    padding: int = 10
    radius: int = 6
    focus_width: int = 3
    focus_gap: int = 2
    column_width: int = 760  # largeur maximale de la colonne de lecture à l'échelle 1.0
    margin: int = 24

    @property
    def focus_outset(self) -> int:
        """Débord de l'anneau de focus autour du widget."""
        return self.focus_width + self.focus_gap

    def tone(self, name: str) -> RGB:
        """Couleur de texte par nom de ton : "text", "muted", "accent", "error", "success", "warning"."""
        return getattr(self, name) if name in TONES else self.text

    def text_pairs(self) -> list[tuple[str, RGB, RGB]]:
        """Tous les couples (nom, texte, fond) que les widgets dessinent réellement."""
        pairs: list[tuple[str, RGB, RGB]] = []
        for bg_name in ("background", "surface"):
            bg = getattr(self, bg_name)
            for tone in TONES:
                pairs.append((f"{tone}/{bg_name}", getattr(self, tone), bg))
        pairs += [
            ("accent_text/accent", self.accent_text, self.accent),  # bouton principal
            ("accent_text/accent_hover", self.accent_text, self.accent_hover),  # bouton survolé
            ("text/selection", self.text, self.selection),  # élément de liste sélectionné
            ("muted/selection", self.muted, self.selection),  # sous-titre sélectionné
            ("text/hover", self.text, self.hover),  # élément survolé
            ("muted/hover", self.muted, self.hover),
            ("accent/hover", self.accent, self.hover),  # bouton secondaire survolé
        ]
        return pairs

    def ui_pairs(self) -> list[tuple[str, RGB, RGB]]:
        """Couples non textuels (anneau de focus, bordures, jauges) : exigence 3:1."""
        return [
            ("focus/background", self.focus, self.background),
            ("focus/surface", self.focus, self.surface),
            ("border/background", self.border, self.background),
            ("border/surface", self.border, self.surface),
            ("accent/surface", self.accent, self.surface),  # remplissage de jauge, case cochée
            ("accent/background", self.accent, self.background),
            ("text/selection", self.text, self.selection),  # barre de sélection
        ]


TONES = ("text", "muted", "accent", "error", "success", "warning")
DEFAULT_THEME = Theme()
