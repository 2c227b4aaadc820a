"""Title screen: start (or continue), settings, quit.

Nobody's scenario is resumed under someone else's name: with one profile on this computer the
title says whose progress « Continuer » resumes and offers to change; with several, « Continuer »
first asks who plays (the profile screen), then resumes that person's scenario in progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.scene import Push, Quit, Replace, Transition
from game.i18n import _, ngettext
from game.play.services import LearnerInfo, LibraryEntry
from game.ui.widgets import Label, Widget

from .common import FormScene

START, CONTINUE, CHOOSE = "start", "continue", "choose"


@dataclass(frozen=True, slots=True)
class TitleView:
    title: str
    tagline: str
    who: str  # whose progress « Continuer » resumes, or that the next screen asks who plays ("" for none)
    primary: tuple[str, str]  # (label, action): « Commencer », « Continuer — Camille » or « Continuer »
    change: str  # « Changer de profil » when « Continuer » names someone ("" otherwise)


def present(learners: Sequence[LearnerInfo] = (), resume: LibraryEntry | None = None) -> TitleView:
    title = _("Explorateurs des données")
    tagline = _("Ouvrez les données de votre territoire : nettoyez-les, publiez-les, aidez à les réutiliser.")
    if not learners:
        return TitleView(title, tagline, "", (_("Commencer"), START), "")
    if len(learners) > 1:
        who = ngettext("{n} profil sur cet ordinateur : choisissez le vôtre pour continuer.",
                       "{n} profils sur cet ordinateur : choisissez le vôtre pour continuer.",
                       len(learners)).format(n=len(learners))
        return TitleView(title, tagline, who, (_("Continuer"), CHOOSE), "")
    name = learners[0].pseudonym
    if resume is not None:
        who = _("Progression de {name} : « {title} », étape {n} sur {total}.").format(
            name=name, title=resume.title, n=resume.step_index + 1, total=resume.step_count)
    else:
        who = _("Profil de cet ordinateur : {name}.").format(name=name)
    return TitleView(title, tagline, who, (_("Continuer — {name}").format(name=name), CONTINUE),
                     _("Changer de profil"))


class TitleScene(FormScene):
    back_pops = False

    def widgets(self) -> list[Widget]:
        self.learners = self.services.learners()
        self.resume: LibraryEntry | None = None
        if len(self.learners) == 1:
            try:
                self.resume = self.services.resume_for(self.learners[0].id)
            except Exception:  # noqa: BLE001 - the title screen always opens; the library will say what is wrong
                self.resume = None
        v = present(self.learners, self.resume)
        out: list[Widget] = [self.heading(v.title), Label(v.tagline)]
        if v.who:
            out.append(Label(v.who))
        out.append(self.button(*v.primary))
        if v.change:
            out.append(self.button(v.change, CHOOSE, primary=False))
        return out + [
            self.button(_("Paramètres"), "settings", primary=False),
            self.button(_("Quitter"), "quit", primary=False),
        ]

    def on_action(self, action: str) -> Transition | None:
        if action == CONTINUE and len(self.learners) == 1:
            self.services.select_learner(self.learners[0].id)
            return Replace("library", {"open": self.resume.key} if self.resume is not None else {})
        if action == START:
            return Replace("profiles")
        if action == CHOOSE:  # who plays? then that person's scenario in progress
            return Replace("profiles", {"resume": True})
        if action == "settings":
            return Push("settings")
        if action == "quit":
            return Quit()
        return None
