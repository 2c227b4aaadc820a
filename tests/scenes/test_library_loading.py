"""The library is read on a worker thread: while a slow library loads, the window keeps drawing, shows
how far it got, and answers Escape and quit."""

from __future__ import annotations

import threading

import pygame
import pytest

from game.scenes.library import LibraryScene
from game.scenes.title import TitleScene
from game.storage import library

from .driver import Driver


class SlowLibrary:
    """``load_library`` that stops half-way until the test lets it go (never on the frame thread)."""

    def __init__(self) -> None:
        self.real = library.load_library
        self.release, self.started, self.finished = threading.Event(), threading.Event(), threading.Event()
        self.calls = 0

    def __call__(self, dirs, cache=None, *, progress=None, cancelled=None, deep=None):
        if threading.current_thread() is threading.main_thread():
            raise AssertionError("the library is read on the frame thread: the window would freeze")
        self.calls += 1
        progress(0.5)
        self.started.set()
        while not self.release.wait(0.005):
            if cancelled():
                return []
        try:
            return self.real(dirs, cache, deep=deep)
        finally:
            self.finished.set()


@pytest.fixture
def slow(monkeypatch):
    s = SlowLibrary()
    monkeypatch.setattr(library, "load_library", s)
    yield s
    s.release.set()


def to_library(d: Driver) -> None:
    d.activate_button("Commencer")
    d.fill_text("Camille")
    d.activate_button("Créer le profil")


def test_frames_go_on_with_a_progress_bar_while_a_slow_library_loads(tmp_path, slow):
    pygame.init()
    d = Driver(tmp_path / "d", wait_busy=False)
    try:
        to_library(d)
        assert slow.started.wait(10)
        for _ in range(30):  # thirty frames while the worker is stuck
            d.frame()
        assert isinstance(d.scene, LibraryScene) and d.scene.busy
        assert d.scene.bar.label == "Lecture et vérification des scénarios…" and d.scene.bar.value == 0.5
        assert "Échap : revenir à l'écran d'accueil." in d.screen_text()
        assert not slow.finished.is_set()

        slow.release.set()
        d.wait_until(lambda: not d.scene.busy)  # a generous bound: the shipped scenarios then load
        assert "Premiers pas — à faire" in d.screen_text()
        assert slow.calls == 1
    finally:
        d.close()


def test_escape_while_the_library_loads_goes_back_and_the_reading_goes_on(tmp_path, slow):
    pygame.init()
    d = Driver(tmp_path / "d", wait_busy=False)
    try:
        to_library(d)
        assert slow.started.wait(10)
        d.press("ESCAPE")
        assert isinstance(d.scene, TitleScene)
        slow.release.set()
        assert slow.finished.wait(30)
        assert slow.calls == 1 and d.services.library_progress() is None  # read once, ready for next time
    finally:
        d.close()


def test_quit_ends_the_game_loop_while_the_library_loads(tmp_path, slow):
    """SDL turns SIGTERM and the window's close button into a quit event: the loop must get to it."""
    from game.engine.loop import run
    from game.engine.window import open_window

    pygame.init()
    d = Driver(tmp_path / "d", wait_busy=False)
    try:
        to_library(d)
        assert slow.started.wait(10)
        window = open_window("test", (1280, 720))
        pygame.event.clear()
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        frames = run(d.stack, window, max_frames=500, fade_ms=0)
        assert frames == 1 and not slow.finished.is_set()
        d.services.close()  # the game closes: the worker stops reading
        assert slow.release.wait(0) is False and _stops(slow)
    finally:
        d.close()


def _stops(slow: SlowLibrary) -> bool:
    for t in threading.enumerate():
        if t.name == "bibliotheque":
            t.join(10)
            return not t.is_alive()
    return True
