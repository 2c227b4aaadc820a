"""A monkey at the keyboard: thousands of random keys through every screen never raise."""

import random

import pygame
import pytest

from .driver import KEYS, Driver

PRESSABLE = ["TAB", "RETURN", "SPACE", "ESCAPE", "DOWN", "UP", "LEFT", "RIGHT", "HOME", "END", "BACKSPACE", "PAGEDOWN"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_keys_never_raise(tmp_path, seed):
    pygame.init()
    assert set(PRESSABLE) <= set(KEYS)
    rng = random.Random(seed)
    d = Driver(tmp_path / "d")
    seen = set()
    try:
        for _ in range(3000):
            if d.quit or d.stack.top is None:  # « Quitter »: start the game again, same save
                from game.app import scene_factory
                from game.engine.stack import SceneStack

                d.stack = SceneStack(scene_factory(d.services), (1280, 720))
                d.stack.push("title", {})
                d.quit = False
            seen.add(type(d.scene).__name__)
            if rng.random() < 0.3:
                d.press("RETURN")
            elif rng.random() < 0.05:
                d.type(rng.choice(["Camille", "é", "x", "35238", " "]))
            elif rng.random() < 0.1:
                d.press(rng.choice(["TAB"]), shift=True)
            else:
                d.press(rng.choice(PRESSABLE))
            if type(d.scene).__name__ == "LoadingScene":
                d.wait_until(lambda: type(d.scene).__name__ != "LoadingScene" or d.scene.done)
                d.frame()
    finally:
        d.close()
    assert {"TitleScene", "LibraryScene", "DialogueScene", "CleanScene"} <= seen, seen
    assert seen & {"OperationScene", "PublishScene"}, seen  # a random walk goes deep into one or the other
