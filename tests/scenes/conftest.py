"""Scene tests: the real scenes and services, driven by key events, on SDL's dummy driver."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from .driver import Driver  # noqa: E402


@pytest.fixture
def driver(tmp_path):
    pygame.init()
    d = Driver(tmp_path / "donnees")
    yield d
    d.close()
