"""Shared shape of every screen: a header, a keyboard-first form, a footer of key hints."""

from __future__ import annotations

from typing import Any

import pygame

from game.engine import intents as I
from game.engine.scene import Pop, Scene, Transition
from game.i18n import _
from game.play.services import GameServices
from game.ui.widgets import Button, Form, Label, Widget

from .results import ScreenResult
from .views.text import percent, sources_text, tr_s

__all__ = ["FormScene", "StepScene", "mode_line", "percent", "sources_label", "tr_s"]


def sources_label(scenario: Any, ids: tuple[str, ...]) -> Label | None:
    text = sources_text(scenario, ids)
    return Label(text, role="small", tone="muted") if text else None


def mode_line(mode: str) -> str:
    """The mode the learner plays in, and what it means for their answers."""
    from game.core.modes import ASSESSMENT

    if mode == ASSESSMENT:
        return _("Mode évaluation : la première réponse compte.")
    return _("Mode entraînement : après une erreur, vous pouvez réessayer (la première réponse compte pour le score).")


class FormScene(Scene):
    """A screen made of one vertical form, rebuilt from its view whenever the state changes."""

    back_pops = True  # Escape returns to the previous screen

    def __init__(self, services: GameServices, **params: Any) -> None:
        self.services = services
        self.params = params
        self.size = (1280, 720)
        self.form: Form | None = None
        self.rebuild()

    # to override ------------------------------------------------------------
    def widgets(self) -> list[Widget]:
        raise NotImplementedError

    def on_action(self, action: str) -> Transition | None:
        return None

    def on_back(self) -> Transition | None:
        return Pop() if self.back_pops else None

    # machinery --------------------------------------------------------------
    def hints(self) -> str:
        return _("Tab : élément suivant · Maj+Tab : précédent · Entrée : valider · Échap : retour")

    def footer(self) -> str:
        """The line of key hints under the form."""
        return self.hints()

    def rebuild(self, focus_action: str | None = None) -> None:
        """Rebuild the widgets from the current state, keeping focus on the same action when possible."""
        old = self.form.focus.focused if self.form else None
        wanted = focus_action or getattr(old, "action", None)
        widgets = self.widgets() + [Label(self.footer(), role="small", tone="muted")]
        self.form = Form(widgets, self.services.theme)
        self.form.layout(self.size, self.services.fonts)
        target = next((w for w in self.form.focus.focusables if wanted and getattr(w, "action", None) == wanted), None)
        if target is not None:
            self.form.focus.focus(target)
        self.show_notice()

    @staticmethod
    def notice(label: Label) -> Label:
        """Mark ``label`` as the answer to what the learner just did (an error, « Rapport enregistré »):
        after a rebuild it is scrolled into view with the focused widget, even at 200 % text."""
        label.notice = True  # type: ignore[attr-defined]
        return label

    def show_notice(self) -> None:
        notes = [w for w in self.form.widgets if getattr(w, "notice", False)] if self.form else []
        note = notes[-1] if notes else None  # the last one: an error under a standing line (the profile…)
        if note is not None:
            self.form.panel.ensure_visible(note)
            focused = self.form.focus.focused
            if focused is not None:  # the focused widget wins when both do not fit
                self.form.panel.ensure_visible(focused)

    def show_all(self, predicate) -> None:
        """Scroll so that every widget matching ``predicate`` shows (the first one wins when they do not all fit)."""
        group = [w for w in self.form.widgets if predicate(w)]
        if group:
            self.form.panel.ensure_visible(group[-1])
            self.form.panel.ensure_visible(group[0])

    def layout(self, size: tuple[int, int]) -> None:
        self.size = size
        if self.form:
            self.form.layout(size, self.services.fonts)

    def on_resume(self, result: ScreenResult) -> None:
        self.rebuild()

    def handle(self, intent: I.Intent) -> Transition | None:
        if intent.kind == I.BACK:
            return self.on_back()
        action = self.form.handle(intent) if self.form else None
        return self.on_action(action) if action else None

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.services.theme.background)
        if self.form:
            self.form.draw(surface, self.services.fonts)

    # helpers ------------------------------------------------------------------
    @staticmethod
    def heading(text: str) -> Label:
        return Label(text, role="title", bold=True)

    @staticmethod
    def button(text: str, action: str, primary: bool = True) -> Button:
        return Button(text, action, primary=primary)


class StepScene(FormScene):
    """A scenario step: header with progress; Escape saves and returns to the library."""

    def hints(self) -> str:
        return _("Tab : élément suivant · Entrée : valider · Échap : retour à la bibliothèque (progression enregistrée)")

    def footer(self) -> str:
        """In the trainer's preview (``play --watch``), Escape keeps the path for the preview only:
        the hints say so instead of « progression enregistrée » (a step's hints end with Escape)."""
        text = self.hints()
        if not self.services.preview:
            return text
        keys = text.split(" · ")[:-1] + [_("Échap : retour à la bibliothèque")]
        return " · ".join(keys) + "\n" + _("Aperçu : rien n'est enregistré pour les apprenant·es")

    @property
    def session(self) -> Any:
        return self.services.session

    def header(self) -> list[Widget]:
        from game.ui.widgets import ProgressBar

        sc = self.session.scenario
        i = sc.index(self.session.step.id)
        label = _("{scenario} — étape {n} sur {total}").format(scenario=tr_s(sc.title), n=i + 1, total=len(sc.steps))
        return [ProgressBar((i + 1) / len(sc.steps), label), Label(mode_line(self.session.mode), role="small", tone="muted"),
                self.heading(tr_s(self.session.step.title))]

    def on_back(self) -> Transition | None:
        self.services.close_scenario()
        return Pop()

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self.reveal()

    def rebuild(self, focus_action: str | None = None) -> None:
        super().rebuild(focus_action)
        self.reveal()
        self.show_notice()

    def is_answer(self, widget: Widget) -> bool:
        """Whether ``widget`` is one of the answers offered (all kept in view together)."""
        return False

    def reveal(self) -> None:
        """Bring what the learner must act on into view: the header when it fits, every answer
        offered, and the focused widget."""
        if self.form and self.form.widgets:
            self.form.panel.ensure_visible(self.form.widgets[0])
            self.show_all(self.is_answer)
            focused = self.form.focus.focused
            if focused is not None:
                self.form.panel.ensure_visible(focused)
            self._no_half_line(focused)

    def _no_half_line(self, keep: Widget | None) -> None:
        """Scroll a little further rather than show a widget cut in half at the top edge."""
        panel = self.form.panel
        cut = next((w for w in self.form.widgets if w.rect.top < panel.rect.top < w.rect.bottom), None)
        if cut is None:
            return
        delta = cut.rect.bottom - panel.rect.top
        if keep is None or keep.rect.top - delta >= panel.rect.top:
            panel.scroll_to(panel.offset + delta)

    def next_item(self, last: bool) -> Transition | None:
        """Show the step's next item (question, card), or leave the step after the last one."""
        if last:
            return self.proceed()
        self.index += 1
        self.rebuild(focus_action="prompt")  # the next question's text, never one of its answers
        return None

    def proceed(self) -> Transition | None:
        from game.engine.scene import Replace

        nxt = self.session.proceed()
        if nxt is None:
            self.services.close_scenario()
            return Pop()
        return Replace(self.session.step.kind)
