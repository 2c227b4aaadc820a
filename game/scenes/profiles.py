"""Choose or create a learner profile (a pseudonym, nothing else personal).

Reached from the title's « Continuer » (``resume=True``), choosing a profile resumes that person's
scenario in progress; from the library, it only changes who plays."""

from __future__ import annotations

from game.core.groups import normalize_group
from game.engine.scene import Replace, Transition
from game.i18n import _, render
from game.play.services import ServiceError
from game.ui.widgets import Label, ListBox, TextInput, Widget

from .common import FormScene


class ProfilesScene(FormScene):
    back_pops = False

    def on_back(self) -> Transition | None:
        return Replace("title")

    def __init__(self, services, **params) -> None:
        self.error = ""
        self.draft = ""
        self.group_draft = ""
        super().__init__(services, **params)

    def widgets(self) -> list[Widget]:
        learners = self.services.learners()
        out: list[Widget] = [self.heading(_("Qui joue ?"))]
        if learners:
            out.append(Label(_("Choisissez votre profil dans la liste, puis appuyez sur Entrée : vous reprendrez là où "
                               "vous en étiez.") if self.params.get("resume") else
                             _("Choisissez votre profil dans la liste, puis appuyez sur Entrée.")))
            self.list = ListBox([p.pseudonym for p in learners], "pick", visible_rows=min(6, len(learners)))
            out.append(self.list)
        else:
            self.list = None
            out.append(Label(_("Aucun profil pour l'instant : créez le vôtre.")))
        out.append(Label(_("Nouveau profil : un pseudonyme suffit (pas votre nom, ni votre adresse e-mail)."), role="small", tone="muted"))
        self.input = TextInput(self.draft, 64, label=_("Pseudonyme (64 caractères au plus)"), action="create")
        out.append(self.input)
        fixed = self.services.fixed_group
        if fixed:
            self.group_input = None
            out.append(Label(_("Atelier : {code} (ce poste est réservé à cet atelier)").format(code=fixed), role="small"))
        else:
            self.group_input = TextInput(self.group_draft, 20, label=_("Code de l'atelier (facultatif : si on vous en a "
                                                                     "donné un)"), action="create")
            out.append(self.group_input)
        if self.error:
            out.append(self.notice(Label(self.error, tone="error")))
        out.append(self.button(_("Créer le profil"), "create"))
        return out

    def on_action(self, action: str) -> Transition | None:
        if action == "pick" and self.list is not None:
            learner = self.services.learners()[self.list.selected]
            self.services.select_learner(learner.id)
            entry = self.services.resume_for(learner.id) if self.params.get("resume") else None
            return Replace("library", {"open": entry.key} if entry is not None else {})
        if action == "create":
            self.draft = self.input.value
            self.group_draft = self.group_input.value if self.group_input is not None else ""
            try:
                learner = self.services.create_learner(self.input.value, self.group_draft)
            except ServiceError as e:
                self.error = render(e.message)
                self.rebuild(focus_action="create")
                bad_code = self.group_input is not None and self.group_draft.strip() \
                    and not isinstance(normalize_group(self.group_draft), str)
                self.form.focus.focus(self.group_input if bad_code else self.input)
                return None
            self.services.select_learner(learner.id)
            return Replace("library")
        return None
