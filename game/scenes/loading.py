"""Reading and checking a large dataset on a worker thread, with a progress bar: the window keeps
drawing and answering (Escape goes back) while the file loads."""

from __future__ import annotations

import threading
from typing import Any

from game.engine.scene import Pop, Replace, Transition
from game.i18n import _, render
from game.ui.widgets import Label, ProgressBar, Widget

from .common import StepScene, tr_s


class LoadingScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.progress, self.done, self.error = 0.0, False, ""
        self.cancelled = False
        super().__init__(services, **params)
        self.thread = threading.Thread(target=self._work, name="lecture-du-fichier", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        try:
            self.services.session.clean_work(progress=self._progress)
        except Exception as e:  # noqa: BLE001 - told to the learner on the screen
            self.error = render(e.message) if hasattr(e, "message") else _("Le fichier n'a pas pu être lu ({reason}).").format(
                reason=type(e).__name__)
        self.done = True

    @property
    def busy(self) -> bool:  # a scripted run waits for the file
        return not self.done

    def _progress(self, share: float) -> None:
        self.progress = 0.85 * share  # reading; the remaining share is the first validation

    def widgets(self) -> list[Widget]:
        step = self.services.session.step
        if self.error:
            return [self.heading(tr_s(step.title)), Label(self.error, tone="error"),
                    self.button(_("Retour à la bibliothèque"), "back")]
        source = step
        while source.kind != "clean":  # publish and reuse steps work on a clean step's file
            source = self.services.session.scenario.step(source.source)
        self.bar = ProgressBar(self.progress, _("Lecture et vérification du fichier {name}…").format(name=source.dataset))
        return [self.heading(tr_s(step.title)), self.bar,
                Label(_("Un gros fichier peut prendre quelques secondes. Échap : revenir à la bibliothèque."), role="small", tone="muted")]

    def update(self, dt: float) -> Transition | None:
        if self.done and not self.error:
            return Replace(self.services.session.step.kind)  # clean, publish or reuse
        if self.done and self.error and not getattr(self, "_shown_error", False):
            self._shown_error = True
            self.rebuild(focus_action="back")
        elif hasattr(self, "bar"):
            self.bar.value = self.progress if not self.done else 1.0
        return None

    def on_action(self, action: str) -> Transition | None:
        if action == "back":
            return self.on_back()
        return None

    def on_back(self) -> Transition | None:
        self.services.close_scenario()
        return Pop()

    def is_answer(self, widget: Any) -> bool:
        return False
