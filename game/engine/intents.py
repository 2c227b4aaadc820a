"""Intentions du joueur : traduction des événements pygame en intentions abstraites.

Les scènes et les widgets ne lisent jamais les touches : ils reçoivent des `Intent`.

Barre d'espace : une frappe sur Espace produit **deux** événements SDL, un KEYDOWN puis un
TEXTINPUT " ". Le KEYDOWN devient `Intent(ACTIVATE, text=" ")` (propriété `from_space` vraie)
et le TEXTINPUT devient `Intent(TEXT, text=" ")`. Chaque widget choisit : un bouton réagit à
ACTIVATE et ignore TEXT ; un champ de saisie insère le TEXT et ignore un ACTIVATE venu d'Espace
(Entrée produit ACTIVATE avec text="").

Répétition automatique : une touche tenue enfoncée renvoie des KEYDOWN sans KEYUP entre eux
(`pygame.key.set_repeat`). `IntentTranslator` s'en souvient et marque ces intentions
`repeat=True` : la navigation (flèches, Tab) peut se répéter, une validation (Entrée, Espace sur un
bouton ou un choix) jamais — une touche restée enfoncée n'enregistre pas de réponse.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from game.engine import clipboard

NEXT = "next"  # Tab : élément suivant
PREV = "prev"  # Maj+Tab : élément précédent
ACTIVATE = "activate"  # Entrée, Entrée du pavé, Espace (text=" ")
BACK = "back"  # Échap
UP = "up"
DOWN = "down"
LEFT = "left"
RIGHT = "right"
HOME = "home"
END = "end"
PAGE_UP = "page_up"
PAGE_DOWN = "page_down"
TEXT = "text"  # saisie de texte (TEXTINPUT, accents compris)
BACKSPACE = "backspace"
DELETE = "delete"
COPY = "copy"  # Ctrl+C
PASTE = "paste"  # Ctrl+V, text = contenu du presse-papiers
CLICK = "click"  # bouton gauche enfoncé, pos
MOTION = "motion"  # déplacement de la souris, pos
SCROLL = "scroll"  # molette, amount > 0 vers le haut
FULLSCREEN = "fullscreen"  # F11
QUIT = "quit"  # fermeture de la fenêtre, Alt+F4
RESIZE = "resize"  # pos = nouvelle taille (largeur, hauteur)

ALL_KINDS = (
    NEXT, PREV, ACTIVATE, BACK, UP, DOWN, LEFT, RIGHT, HOME, END, PAGE_UP, PAGE_DOWN, TEXT,
    BACKSPACE, DELETE, COPY, PASTE, CLICK, MOTION, SCROLL, FULLSCREEN, QUIT, RESIZE,
)


@dataclass(frozen=True, slots=True)
class Intent:
    """Une intention du joueur, indépendante du périphérique."""

    kind: str
    text: str = ""
    pos: tuple[int, int] | None = None
    amount: int = 0
    repeat: bool = False  # KEYDOWN d'une touche déjà enfoncée (répétition automatique)

    @property
    def from_space(self) -> bool:
        """Vrai pour un ACTIVATE produit par la barre d'espace (un champ texte l'ignore)."""
        return self.kind == ACTIVATE and self.text == " "


# Touches simples → intention (sans modificateur Ctrl/Alt).
_KEYS: dict[int, str] = {
    pygame.K_RETURN: ACTIVATE,
    pygame.K_KP_ENTER: ACTIVATE,
    pygame.K_ESCAPE: BACK,
    pygame.K_UP: UP,
    pygame.K_DOWN: DOWN,
    pygame.K_LEFT: LEFT,
    pygame.K_RIGHT: RIGHT,
    pygame.K_HOME: HOME,
    pygame.K_END: END,
    pygame.K_PAGEUP: PAGE_UP,
    pygame.K_PAGEDOWN: PAGE_DOWN,
    pygame.K_BACKSPACE: BACKSPACE,
    pygame.K_DELETE: DELETE,
    pygame.K_F11: FULLSCREEN,
}


def _from_keydown(event: pygame.event.Event) -> list[Intent]:
    key = getattr(event, "key", 0)
    mod = getattr(event, "mod", 0)
    ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
    alt = bool(mod & pygame.KMOD_ALT)
    if key == pygame.K_F4 and alt:
        return [Intent(QUIT)]
    if key == pygame.K_TAB and not ctrl and not alt:
        return [Intent(PREV if mod & pygame.KMOD_SHIFT else NEXT)]
    if ctrl:
        if key == pygame.K_c:
            return [Intent(COPY)]
        if key == pygame.K_v:
            return [Intent(PASTE, text=clipboard.get_text())]
        return []
    if key == pygame.K_SPACE and not alt:
        return [Intent(ACTIVATE, text=" ")]
    kind = _KEYS.get(key)
    return [Intent(kind)] if kind else []


def intents_from_event(event: pygame.event.Event, *, repeat: bool = False) -> list[Intent]:
    """Traduit un événement pygame en zéro, une ou plusieurs intentions (sans mémoire : pour
    reconnaître la répétition automatique, passer par `IntentTranslator`)."""
    etype = event.type
    if etype == pygame.KEYDOWN:
        out = _from_keydown(event)
        return [replace(i, repeat=True) for i in out] if repeat else out
    if etype == pygame.TEXTINPUT:
        text = getattr(event, "text", "")
        return [Intent(TEXT, text=text)] if text else []
    if etype == pygame.QUIT or etype == getattr(pygame, "WINDOWCLOSE", -1):
        return [Intent(QUIT)]
    if etype == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
        return [Intent(CLICK, pos=tuple(event.pos))]
    if etype == pygame.MOUSEMOTION:
        return [Intent(MOTION, pos=tuple(event.pos))]
    if etype == pygame.MOUSEWHEEL:
        amount = int(getattr(event, "y", 0))
        return [Intent(SCROLL, amount=amount)] if amount else []
    if etype == pygame.VIDEORESIZE:
        return [Intent(RESIZE, pos=(int(event.w), int(event.h)))]
    return []


class IntentTranslator:
    """Traduction avec mémoire des touches enfoncées : un KEYDOWN d'une touche déjà enfoncée, sans
    KEYUP entre les deux, est une répétition automatique (`Intent.repeat`)."""

    def __init__(self) -> None:
        self.held: set[int] = set()

    def translate(self, event: pygame.event.Event) -> list[Intent]:
        etype = event.type
        if etype == pygame.KEYDOWN:
            key = getattr(event, "key", 0)
            repeat = key in self.held or bool(getattr(event, "repeat", 0))
            self.held.add(key)
            return intents_from_event(event, repeat=repeat)
        if etype == pygame.KEYUP:
            self.held.discard(getattr(event, "key", 0))
            return []
        if etype == getattr(pygame, "WINDOWFOCUSLOST", -1):
            self.held.clear()  # the key-up goes to another window: the next press is a fresh one
            return []
        return intents_from_event(event)
