"""The scenario library: every scenario with its duration, level, competencies and progress."""

from __future__ import annotations

from game.core.messages import N_
from game.core.modes import ASSESSMENT
from game.engine.scene import Push, Replace, Transition
from game.i18n import _, active, render
from game.play.services import LibraryEntry
from game.ui.widgets import Label, ListBox, ProgressBar, Widget

from .common import FormScene, percent

LEVELS = {"débutant": N_("débutant"), "intermédiaire": N_("intermédiaire"), "avancé": N_("avancé")}


def entry_lines(e: LibraryEntry) -> tuple[str, str]:
    """The two lines a library entry shows: title with status, then details."""
    if not e.valid:
        title = _("{title} — invalide").format(title=e.title)
        detail = f"{e.where} : {render(e.problem)}" if e.problem else ""
        return title, detail
    if e.status == "done":
        status = _("terminé, score {score} — Entrée pour rejouer").format(score=percent(e.score or 0.0))
    elif e.status == "in-progress" and e.score is not None:
        status = _("en cours, étape {n} sur {total} (score précédent {score})").format(
            n=e.step_index + 1, total=e.step_count, score=percent(e.score))
    elif e.status == "in-progress":
        status = _("en cours, étape {n} sur {total}").format(n=e.step_index + 1, total=e.step_count)
    else:
        status = _("à faire")
    title = f"{e.title} — {status}"
    minutes = active().ngettext("{n} minute", "{n} minutes", e.duration).format(n=e.duration)
    detail = _("{duration} · niveau {level} · compétences {competencies}").format(
        duration=minutes, level=_(LEVELS.get(e.level, e.level)), competencies=", ".join(e.competencies))
    return title, detail


class LibraryScene(FormScene):
    back_pops = False

    def on_back(self) -> Transition | None:
        return Replace("title")

    def __init__(self, services, **params) -> None:
        self.message = ""
        self.entries: list[LibraryEntry] = []
        self.loading = False
        super().__init__(services, **params)

    @property
    def busy(self) -> bool:  # a scripted run waits for the library
        return self.loading

    def widgets(self) -> list[Widget]:
        progress = self.services.library_progress()
        self.loading = progress is not None
        if progress is not None:  # read on a worker thread: the window keeps answering (Échap)
            self.list = None
            self.bar = ProgressBar(progress, _("Lecture et vérification des scénarios…"))
            return [self.heading(_("Bibliothèque des scénarios")), self.bar,
                    Label(_("Les scénarios et leurs fichiers de données sont lus et vérifiés. Échap : revenir à "
                            "l'écran d'accueil."), role="small", tone="muted")]
        self.entries = self.services.library()
        learner = self.services.learner
        out: list[Widget] = [self.heading(_("Bibliothèque des scénarios"))]
        if learner is not None:
            group = self.services.fixed_group or learner.group
            # who plays, and for which workshop: kept in view (a learner checks it after joining one)
            out.append(self.notice(Label(_("Profil : {name} — atelier {code}").format(name=learner.pseudonym, code=group)
                                         if group else _("Profil : {name}").format(name=learner.pseudonym), tone="muted")))
            if self.services.next_mode() == ASSESSMENT:  # the trainer's choice for this desk or workshop
                out.append(Label(_("Mode évaluation : la première réponse compte."), role="small", tone="muted"))
        sync = self.services.sync_status()  # only when an LRS is configured
        if sync is not None:
            out.append(Label(render(sync), role="small", tone="muted"))
        if self.entries:
            out.append(Label(_("Choisissez un scénario avec les flèches, puis Entrée pour le jouer ou le reprendre.")))
            items = ["\n".join(entry_lines(e)) for e in self.entries]
            # at large text sizes fewer rows, so the profile line and the buttons stay in view
            rows = 5 if self.services.text_scale < 1.5 else 3 if self.services.text_scale < 1.75 else 2
            self.list = ListBox(items, "open", visible_rows=min(rows, len(items)))
            out.append(self.list)
        else:
            self.list = None
            out.append(Label(_("Aucun scénario n'a été trouvé.")))
        if self.message:
            out.append(self.notice(Label(self.message, tone="error")))
        out.append(self.button(_("Mon portail : ce que j'ai publié"), "portal", primary=False))
        out.append(self.button(_("Atelier : rejoindre ou quitter"), "workshop", primary=False))
        out.append(self.button(_("Paramètres"), "settings", primary=False))
        out.append(self.button(_("Changer de profil"), "profiles", primary=False))
        return out

    def update(self, dt: float) -> Transition | None:
        if self.loading:
            progress = self.services.library_progress()
            if progress is not None:
                self.bar.value = progress
                return None
            self.rebuild()  # read: the list shows
        key = self.params.pop("open", None)  # « Reprendre » on the title screen: open it at once
        if key is not None and any(e.key == key and e.valid for e in self.entries):
            return Push(self.services.open_scenario(key).step.kind)
        return None

    def on_action(self, action: str) -> Transition | None:
        if action == "open" and self.list is not None:
            entry = self.entries[self.list.selected]
            if not entry.valid:
                self.message = _("Ce scénario est invalide : un·e formateur·rice doit corriger son fichier ({where}).").format(where=entry.where)
                self.rebuild(focus_action="open")
                return None
            session = self.services.open_scenario(entry.key)
            self.message = ""
            return Push(session.step.kind)
        if action == "settings":
            return Push("settings")
        if action == "workshop":
            return Push("workshop")
        if action == "portal":
            return Push("portal")
        if action == "profiles":
            return Replace("profiles")
        return None

    def on_resume(self, result) -> None:
        selected = self.list.selected if self.list is not None else 0
        self.rebuild()
        if self.list is not None:
            self.list.select(min(selected, len(self.entries) - 1))
