"""A blocking notice (e.g. the save file cannot be opened): the message and a way out."""

from __future__ import annotations

from game.engine.scene import Quit, Transition
from game.i18n import _
from game.ui.widgets import Label, Widget

from .common import FormScene


class NoticeScene(FormScene):
    back_pops = False

    def widgets(self) -> list[Widget]:
        return [
            self.heading(self.params.get("title", _("Impossible de continuer"))),
            Label(self.params.get("text", ""), tone="error"),
            Label(_("Rien n'a été effacé. Notez ce message pour la personne qui gère ce poste."), tone="muted"),
            self.button(_("Quitter"), "quit"),
        ]

    def on_action(self, action: str) -> Transition | None:
        return Quit() if action == "quit" else None

    def on_back(self) -> Transition | None:
        return Quit()
