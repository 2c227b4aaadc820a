"""Presse-papiers système, protégé : une absence de presse-papiers ne plante jamais le jeu."""

from __future__ import annotations

import logging

import pygame

_log = logging.getLogger(__name__)


def get_text() -> str:
    """Texte du presse-papiers, ou "" s'il est vide ou indisponible."""
    try:
        text = pygame.scrap.get_text()
    except Exception:  # noqa: BLE001 - pilote sans presse-papiers, vidéo non initialisée…
        _log.debug("Presse-papiers indisponible en lecture", exc_info=True)
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return (text or "").replace("\x00", "")


def put_text(text: str) -> bool:
    """Copie `text` dans le presse-papiers ; renvoie False si c'est impossible."""
    try:
        pygame.scrap.put_text(text)
    except Exception:  # noqa: BLE001
        _log.debug("Presse-papiers indisponible en écriture", exc_info=True)
        return False
    return True
