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
        out: list[Widget] = [self.heading(v["title"]), Label(v["tagline"])]
        try:
            self.resume = self.services.resume_candidate()
        except Exception:  # noqa: BLE001 - the title screen always opens; the library will say what is wrong
            self.resume = None
        if self.resume is not None:
            learner, entry = self.resume
            out.append(self.button(_("Reprendre « {title} » — {name}, étape {n} sur {total}").format(
                title=entry.title, name=learner.pseudonym, n=entry.step_index + 1, total=entry.step_count), "resume"))
        return out + [
            self.button(_("Commencer") if self.resume is None else _("Autre profil ou autre scénario"), "start",
                        primary=self.resume is None),
            self.button(_("Paramètres"), "settings", primary=False),
            self.button(_("Quitter"), "quit", primary=False),
        ]

    def on_action(self, action: str) -> Transition | None:
        if action == "resume" and self.resume is not None:
            learner, entry = self.resume
            self.services.select_learner(learner.id)
            return Replace("library", {"open": entry.key})
        if action == "start":
            return Replace("profiles")
        if action == "settings":
            return Push("settings")
        if action == "quit":
            return Quit()
        return None
