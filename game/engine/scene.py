"""Scènes et transitions.

Une scène ne connaît pas les autres scènes : elle renvoie une transition qui les nomme par
identifiant (`Push("quiz", {...})`), et la pile demande la scène à la fabrique de l'application.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pygame

from game.engine.intents import Intent


@dataclass(frozen=True, slots=True)
class Push:
    """Empile la scène `scene_id` ; la scène courante reste dessous et reprendra (`on_resume`)."""

    scene_id: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Replace:
    """Remplace la scène courante par `scene_id`."""

    scene_id: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Pop:
    """Dépile la scène courante ; `result` est transmis à `on_resume` de la scène du dessous."""

    result: Any = None


@dataclass(frozen=True, slots=True)
class Quit:
    """Quitte le jeu proprement."""


Transition = Push | Replace | Pop | Quit


class Scene:
    """Classe de base d'une scène : toutes les méthodes ont un comportement par défaut neutre.

    `opaque = False` laisse dessiner la scène du dessous (boîte de dialogue par-dessus un écran).
    `busy` (vrai tant que la scène attend un travail fait sur un autre fil) fait attendre un
    script avant son pas suivant, comme attendrait une personne ; la fenêtre continue d'être dessinée.
    """

    opaque: bool = True
    busy: bool = False

    def layout(self, size: tuple[int, int]) -> None:
        """Recalcule la mise en page pour une fenêtre de taille `size` (appelé aussi au redimensionnement)."""

    def handle(self, intent: Intent) -> Transition | None:
        """Réagit à une intention du joueur."""
        return None

    def update(self, dt: float) -> Transition | None:
        """Avance l'état de `dt` secondes (pas fixe)."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Dessine la scène sur toute la surface."""

    def on_resume(self, result: Any) -> None:
        """Appelé quand la scène empilée au-dessus se dépile avec `result`."""
