"""Title screen: start, settings, quit."""

from __future__ import annotations

from game.engine.scene import Push, Quit, Replace, Transition
from game.i18n import _
from game.ui.widgets import Label, Widget

from .common import FormScene


def present() -> dict[str, str]:
    return {
        "title": _("Explorateurs des données"),
        "tagline": _("Ouvrez les données de votre territoire : nettoyez-les, publiez-les, aidez à les réutiliser."),
    }


class TitleScene(FormScene):
    back_pops = False

    def widgets(self) -> list[Widget]:
        v = present()
        return [
            self.heading(v["title"]),
            Label(v["tagline"]),
            self.button(_("Commencer"), "start"),
            self.button(_("Paramètres"), "settings", primary=False),
            self.button(_("Quitter"), "quit", primary=False),
        ]

    def on_action(self, action: str) -> Transition | None:
        if action == "start":
            return Replace("profiles")
        if action == "settings":
            return Push("settings")
        if action == "quit":
            return Quit()
        return None
