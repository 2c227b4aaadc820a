"""Pygame sans écran ni carte son pour les tests des widgets."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine.fonts import FontBook  # noqa: E402
from game.ui.theme import Theme  # noqa: E402


@pytest.fixture
def screen():
    pygame.init()
    return pygame.display.set_mode((1280, 720))


@pytest.fixture
def fonts():
    pygame.font.init()
    return FontBook(1.0)


@pytest.fixture
def theme():
    return Theme()
