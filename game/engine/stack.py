"""Pile de scènes : applique les transitions renvoyées par les scènes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pygame

from game.engine.scene import Pop, Push, Quit, Replace, Scene, Transition

SceneFactory = Callable[[str, Mapping[str, Any]], Scene]


class SceneStack:
    """Pile de scènes construites à la demande par `factory(scene_id, params)`."""

    def __init__(self, factory: SceneFactory, size: tuple[int, int] = (1280, 720)) -> None:
        self._factory = factory
        self._scenes: list[Scene] = []
        self.size = size
        self.quit_requested = False

    # --- consultation -------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    def __len__(self) -> int:
        return len(self._scenes)

    @property
    def running(self) -> bool:
        return bool(self._scenes) and not self.quit_requested

    # --- transitions --------------------------------------------------------------------
    def push(self, scene_id: str, params: Mapping[str, Any] | None = None) -> Scene:
        """Construit et empile une scène (la fabrique peut lever : rien n'est alors empilé)."""
        scene = self._factory(scene_id, dict(params or {}))
        scene.layout(self.size)
        self._scenes.append(scene)
        return scene

    def pop(self, result: Any = None) -> None:
        """Dépile ; la scène révélée est remise en page puis reçoit `result`."""
        if self._scenes:
            self._scenes.pop()
        top = self.top
        if top is not None:
            top.layout(self.size)
            top.on_resume(result)

    def truncate(self, keep: int) -> None:
        """Retire les scènes au-dessus des `keep` premières sans les reprendre : l'application
        empile ensuite les écrans qu'elle a reconstruits (un scénario rechargé en cours de partie)."""
        del self._scenes[keep:]
        if self.top is not None:
            self.top.layout(self.size)

    def apply(self, transition: Transition | None) -> bool:
        """Applique une transition ; renvoie True si la pile a changé (ou va quitter)."""
        if transition is None:
            return False
        if isinstance(transition, Push):
            self.push(transition.scene_id, transition.params)
        elif isinstance(transition, Replace):
            scene = self._factory(transition.scene_id, dict(transition.params))
            scene.layout(self.size)
            if self._scenes:
                self._scenes.pop()
            self._scenes.append(scene)
        elif isinstance(transition, Pop):
            self.pop(transition.result)
        elif isinstance(transition, Quit):
            self.quit_requested = True
        else:  # pragma: no cover - garde-fou
            raise TypeError(f"Transition inconnue : {transition!r}")
        return True

    # --- boucle -------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        """Nouvelle taille de fenêtre : seule la scène visible est remise en page tout de suite."""
        self.size = size
        for scene in self._visible():
            scene.layout(size)

    def _visible(self) -> list[Scene]:
        start = 0
        for i in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[i].opaque:
                start = i
                break
        return self._scenes[start:]

    def draw(self, surface: pygame.Surface) -> None:
        """Dessine la scène du dessus, et celles du dessous si elle n'est pas opaque."""
        for scene in self._visible():
            scene.draw(surface)
