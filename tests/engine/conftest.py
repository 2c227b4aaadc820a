"""Pygame sans écran ni carte son pour les tests du moteur."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine.fonts import FontBook  # noqa: E402


@pytest.fixture
def window():
    from game.engine.window import open_window

    pygame.init()
    win = open_window("Explorateurs des données — test", (1280, 720))
    yield win
    pygame.event.clear()


@pytest.fixture
def fonts():
    pygame.font.init()
    return FontBook(1.0)
