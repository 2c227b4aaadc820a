"""Join a workshop (the code the trainer gives), change it, or leave it — for the current profile."""

from __future__ import annotations

from game.core.groups import normalize_group
from game.engine.scene import Pop, Transition
from game.i18n import _, render
from game.play.services import ServiceError
from game.ui.widgets import Label, TextInput, Widget

from .common import FormScene


class WorkshopScene(FormScene):
    def __init__(self, services, **params) -> None:
        self.error = ""
        self.draft = ""
        super().__init__(services, **params)

    def widgets(self) -> list[Widget]:
        learner, fixed = self.services.learner, self.services.fixed_group
        current = fixed or (learner.group if learner is not None else None)
        out: list[Widget] = [self.heading(_("Atelier"))]
        out.append(Label(_("Vos résultats vont à l'atelier {code} : votre formateur·rice les retrouve dans le rapport "
                           "de l'atelier.").format(code=current) if current
                         else _("Vous ne faites partie d'aucun atelier : vos résultats restent sur ce poste.")))
        self.input = None
        if fixed:
            out.append(Label(_("Ce poste est réservé à l'atelier {code} : le code ne se change pas ici.").format(code=fixed),
                             role="small", tone="muted"))
        else:
            out.append(Label(_("Le code vous est donné par votre formateur·rice (par exemple K7M-4QX). Il vaut pour les "
                               "scénarios que vous commencerez ensuite : un scénario en cours reste dans l'atelier où "
                               "vous l'avez commencé."), role="small", tone="muted"))
            self.input = TextInput(self.draft, 20, label=_("Code de l'atelier"), action="join")
            out.append(self.input)
            if self.error:
                out.append(self.notice(Label(self.error, tone="error")))
            out.append(self.button(_("Rejoindre cet atelier"), "join"))
            if current:
                out.append(self.button(_("Quitter l'atelier {code}").format(code=current), "leave", primary=False))
        out.append(self.button(_("Retour"), "back", primary=False))
        return out

    def on_action(self, action: str) -> Transition | None:
        if action == "back":
            return Pop()
        if action in ("join", "leave"):
            self.draft = self.input.value if self.input is not None and action == "join" else ""
            if action == "join" and not self.draft.strip():
                self.error = render(normalize_group(""))  # type: ignore[arg-type]  # « Le code … est vide. »
                self.rebuild(focus_action="join")
                self.form.focus.focus(self.input)
                return None
            try:
                self.services.join_group(self.draft)
            except ServiceError as e:
                self.error = render(e.message)
                self.rebuild(focus_action="join")
                self.form.focus.focus(self.input)
                return None
            return Pop()
        return None
