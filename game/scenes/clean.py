"""The cleaning workbench: a grid of the dataset, the live error list, the operation palette,
undo/redo and the step's objectives, all from the keyboard. What it shows comes from
:func:`game.scenes.views.clean.present`; this module draws it and forwards the learner's intents."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, assert_never

import pygame

from game.core.operations import OperationError, operation_from_json
from game.core.profile import ColumnProfile
from game.core.table import Table
from game.engine import intents as I
from game.engine.scene import Pop, Push, Replace, Transition
from game.i18n import _, render
from game.play.clean import CleanWork
from game.play.services import ServiceError
from game.ui.grid import DataGrid
from game.ui.widgets import Button, Form, Label, ListBox, ProgressBar, Widget

from .common import StepScene
from .results import Dismissed, OperationChosen, ScreenResult
from .views.clean import (
    WorkbenchState,
    WorkbenchView,
    cell_marks,
    cell_text,
    error_cell,
    palette_request,
    present,
    profile_of,
    profile_text,
)
from .views.text import Line, tr_s


class WorkGrid:
    """The grid's view of the table being cleaned (``game.ui.grid.GridSource``)."""

    def __init__(self, work: CleanWork) -> None:
        self.work = work
        self.refresh()

    def refresh(self) -> None:
        self.marks = cell_marks(self.work.table, self.work.report)

    @property
    def header(self) -> list[str]:
        return list(self.work.table.header)

    @property
    def nrows(self) -> int:
        return self.work.table.nrows

    def cell(self, row: int, col: int) -> str:
        return self.work.table.columns[col][row] or ""

    def row_label(self, row: int) -> str:
        return str(self.work.table.row_numbers[row])

    def mark(self, row: int, col: int) -> str | None:
        return self.marks.get((row, col))


class CleanScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.workbench = WorkbenchState()
        self.active = 0
        self.work = services.session.clean_work()
        if services.session.restore_problems:  # the file or the scenario changed since the last session
            self.say(_("Une partie de vos opérations ne s'applique plus au fichier et a été retirée : {reason}").format(
                reason=" ".join(render(m) for m in services.session.restore_problems)), "error")
        self._profile: tuple[Table, int, ColumnProfile | None] | None = None
        self.source = WorkGrid(self.work)
        self.grid = DataGrid(self.source, action="cell")
        super().__init__(services, **params)

    # --- the view ---------------------------------------------------------------------------
    def profile(self) -> ColumnProfile | None:
        """The profile of the column under the cursor, counted once per table and column."""
        t, col = self.work.table, self.grid.col
        if self._profile is None or self._profile[0] is not t or self._profile[1] != col:
            self._profile = (t, col, profile_of(t, col))
        return self._profile[2]

    def present(self) -> WorkbenchView:
        self.workbench = replace(self.workbench, row=self.grid.row, col=self.grid.col)
        return present(self.work, self.session.scenario, self.session.step, self.workbench, self.profile())

    # --- building -------------------------------------------------------------------------
    def widgets(self) -> list[Widget]:  # the left column; the right one is built in rebuild()
        v = self.view
        left: list[Widget] = [ProgressBar(v.progress, v.progress_label), self.heading(v.title),
                              Label(v.status.text, bold=True, tone=v.status.tone)]
        if v.goal is not None:
            left.append(Label(v.goal.text, bold=True, tone=v.goal.tone))
        left.append(self.grid)
        # what reading the file found (encoding, delimiter, line ends) sits right under the grid, on the
        # first screen: a learner who must decide about a Windows-1252 file sees that it was one
        left += [Label(text, role="small", tone="warning") for text in v.findings]
        left += [Label(v.cell, role="small"), Label(v.profile, role="small", tone="muted")]
        return left

    def right_widgets(self) -> list[Widget]:
        v = self.view
        out: list[Widget] = []
        if v.reached:
            out += ([Label(v.goal.text, bold=True, tone=v.goal.tone)] if v.goal is not None else []) + [
                Button(_("Continuer"), "continue")]
        if v.intro:  # the instructions stay readable beside the grid, which keeps its height
            out += [Label(_("Consigne"), bold=True), Label(v.intro, role="small")]
        out.append(Label(v.errors_heading, bold=True))
        if v.errors:
            self.errors = ListBox(list(v.errors), "goto", visible_rows=3)
            out.append(self.errors)
            if v.errors_more:
                out.append(Label(v.errors_more, role="small", tone="muted"))
        else:
            self.errors = None
            out.append(Label(_("Aucune erreur."), tone="success"))
        if v.feedback is not None:
            out.append(Label(v.feedback.text, tone=v.feedback.tone))
        if v.surprise is not None:  # right above the palette's button: Maj+Tab reaches « Annuler »
            out += [Label(v.surprise.text, bold=True, tone=v.surprise.tone),
                    Button(_("Annuler cette opération"), "undo-surprise")]
        out.append(Button(_("Appliquer une opération…"), "ops"))
        self.facet = None
        if v.facet:
            out.append(Label(v.facet_heading, bold=True))
            self.facet = ListBox(list(v.facet), "facet", visible_rows=3)
            out.append(self.facet)
        if v.can_undo:
            out.append(Button(_("Annuler la dernière opération"), "undo", primary=False))
        if v.can_redo:
            out.append(Button(_("Rétablir"), "redo", primary=False))
        out.append(Button(_("Exporter le fichier et la recette"), "export", primary=False))
        if v.can_hint:
            out.append(Button(_("Un indice"), "hint", primary=False))
        if v.give_up == "confirm":
            out.append(Button(_("Confirmer : terminer avec des erreurs"), "give-up-confirmed", primary=False))
        elif v.give_up == "offer":
            out.append(Button(_("Terminer sans atteindre l'objectif"), "give-up", primary=False))
        return out

    def rebuild(self, focus_action: str | None = None) -> None:
        forms = getattr(self, "forms", None)
        old = forms[self.active].focus.focused if forms else None
        wanted = focus_action or getattr(old, "action", None)
        self.view = self.present()
        left = Form(self.widgets(), self.services.theme, max_width=100000)
        right = Form(self.right_widgets() + [Label(self.footer(), role="small", tone="muted")], self.services.theme,
                     max_width=100000)
        self.forms = [left, right]
        self.form = left
        self.layout(self.size)
        reached = self.view.reached
        order = (["continue"] if reached and wanted in ("ops", "undo", "redo", "facet") else []) + (
            [wanted, "undo", "redo", "ops"] if wanted else [])
        for candidate in order:
            hit = next(((k, w) for k, f in enumerate(self.forms) for w in f.focus.focusables
                        if candidate and getattr(w, "action", None) == candidate), None)
            if hit is not None:
                self.active = hit[0]
                self.forms[hit[0]].focus.focus(hit[1])
                break
        for k, form in enumerate(self.forms):
            if k != self.active:
                form.panel.scroll_to(0)  # the other side shows its beginning (instructions, first errors)

    def layout(self, size: tuple[int, int]) -> None:
        self.size = size
        if not getattr(self, "forms", None):
            return
        w, h = size
        split = int(w * 0.64)
        fonts = self.services.fonts
        left, right = self.forms
        self.grid.visible_rows = 3
        left.layout(pygame.Rect(0, 0, split, h), fonts)
        # the grid takes the height left under the header, keeping room for a few lines of detail
        # below it: its size does not jump with the length of the text under the cursor
        row_h = max(1, fonts.line_height("small") + 2 * fonts.spacing(6))
        reserve = 5 * fonts.line_height("small") + 3 * fonts.spacing(self.services.theme.spacing)
        below_top = self.grid.rect.top - left.area.top + fonts.line_height("small", True) + 2 * fonts.spacing(6)
        room = h - below_top - reserve - fonts.spacing(self.services.theme.margin)
        self.grid.visible_rows = max(3, room // row_h)
        left.layout(pygame.Rect(0, 0, split, h), fonts)
        right.layout(pygame.Rect(split, 0, w - split, h), fonts)
        self.forms[1 - self.active].panel.scroll_to(0)  # the other side shows its beginning

    def hints(self) -> str:
        return _("Flèches : se déplacer dans le tableau · Tab : erreurs et boutons · Entrée : valider · Échap : bibliothèque")

    # --- input ------------------------------------------------------------------------------
    def handle(self, intent: I.Intent) -> Transition | None:
        if intent.kind == I.BACK:
            return self.on_back()
        form = self.forms[self.active]
        if intent.kind in (I.NEXT, I.PREV):
            items = form.focus.focusables
            at_edge = form.focus.index == (len(items) - 1 if intent.kind == I.NEXT else 0)
            if at_edge or not items:
                self.active = 1 - self.active
                other = self.forms[self.active].focus
                if other.focusables:
                    other.focus(other.focusables[0 if intent.kind == I.NEXT else -1])
                return None
        if intent.kind in (I.CLICK, I.MOTION, I.SCROLL) and intent.pos is not None:
            for k, f in enumerate(self.forms):
                if f.area.collidepoint(intent.pos) and intent.kind == I.CLICK:
                    self.active = k
        elif intent.kind == I.SCROLL:
            pass
        before = (self.grid.row, self.grid.col)
        action = self.forms[self.active].handle(intent)
        if self.grid.col != before[1]:
            self.rebuild(focus_action="cell")  # another column: its profile and values
        elif (self.grid.row, self.grid.col) != before:
            self.forms[0].widgets[-2].text = cell_text(self.work, self.grid.row, self.grid.col)
            self.forms[0].widgets[-1].text = profile_text(self.work.table, self.grid.col, self.profile())
            self.forms[0].layout(self.forms[0].area, self.services.fonts)
        return self.on_action(action) if action else None

    def on_action(self, action: str) -> Transition | None:
        try:
            return self._on_action(action)
        except OperationError as e:
            self.say(" ".join(render(m) for m in e.messages), "error")
        except Exception as e:  # noqa: BLE001 - refused or not saved: the learner reads why, nothing is lost
            self.say(_("Cette action n'a pas pu être enregistrée ({reason}). Votre travail précédent est conservé.").format(
                reason=render(e.message) if hasattr(e, "message") else type(e).__name__), "error")
        self.after_change(action)
        return None

    def _on_action(self, action: str) -> Transition | None:
        if action == "goto" and self.errors is not None:
            cell = error_cell(self.work.table, self.work.report.errors[self.errors.selected], self.grid.row)
            if cell is not None:
                self.grid.go_to(*cell)
            self.active = 0
            self.forms[0].focus.focus(self.grid)
            self.rebuild(focus_action="cell")
            return None
        if action == "ops":
            return Push("operation", self.palette_params())
        if action == "facet" and self.facet is not None:
            params = self.palette_params() | {"value": self.view.facet_values[self.facet.selected], "start": "find-replace",
                                              "defaults": {"whole_cell": True}}
            return Push("operation", params)
        if action == "undo" or (action == "undo-surprise" and self.view.surprise is not None):
            op = self.session.clean_undo()
            self.say(_("Opération annulée : {label}").format(label=_(type(op).label)))
        elif action == "redo":
            op = self.session.clean_redo()
            self.say(_("Opération rétablie : {label}").format(label=_(type(op).label)))
        elif action == "export":
            try:
                csv_path, recipe_path = self.services.export_clean()
                self.say(_("Fichier CSV de qualité : {csv}\nRecette (à rejouer avec explorateurs clean) : {recipe}").format(
                    csv=csv_path, recipe=recipe_path), "success")
            except ServiceError as e:  # the reason in French (« le disque est plein »)
                self.say(render(e.message), "error")
        elif action == "hint":
            shown = self.workbench.hints_shown + 1
            self.workbench = replace(self.workbench, hints_shown=shown)
            self.say(_("Indice : {text}").format(text=tr_s(self.session.step.hints[shown - 1])))
        elif action == "give-up":
            self.workbench = replace(self.workbench, confirm_give_up=True)
            self.rebuild(focus_action="give-up-confirmed")
            return None
        elif action == "give-up-confirmed":
            return self.leave(force=True)
        elif action == "continue":
            return self.leave(force=False)
        else:
            return None
        self.after_change(action)
        return None

    def leave(self, force: bool) -> Transition | None:
        nxt = self.session.proceed(force=force)
        if nxt is None:
            self.services.close_scenario()
            return Pop()
        return Replace(self.session.step.kind)

    def say(self, text: str, tone: str = "text") -> None:
        self.workbench = replace(self.workbench, feedback=Line(text, tone))

    def after_change(self, focus: str | None = None) -> None:
        self.source.refresh()
        self.grid.clamp()
        self.rebuild(focus_action=focus)

    def palette_params(self) -> dict[str, Any]:
        return palette_request(self.work, self.session.step, self.grid.row, self.grid.col)

    def on_resume(self, result: ScreenResult) -> None:
        match result:
            case OperationChosen(recipe=recipe):
                self.apply(recipe)
            case Dismissed() | None:
                pass
            case _:
                assert_never(result)
        self.after_change("ops")

    def apply(self, recipe: Any) -> None:
        """Apply the operation chosen in the palette; the learner reads what changed, or why not."""
        try:
            op = operation_from_json(dict(recipe))
            res = self.session.clean_apply(op)
            self.say(render(res.summary), "success" if res.cells_changed or res.rows_changed or res.header_changed else "text")
        except OperationError as e:
            self.say(" ".join(render(m) for m in e.messages), "error")
        except Exception as e:  # noqa: BLE001 - not saved: the previous state is kept, the learner is told
            self.say(_("Cette action n'a pas pu être enregistrée ({reason}). Votre travail précédent est conservé.").format(
                reason=render(e.message) if hasattr(e, "message") else type(e).__name__), "error")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.services.theme.background)
        fonts = self.services.fonts
        for k, form in enumerate(self.forms):
            if k == self.active:
                form.draw(surface, fonts)
            else:
                form.panel.draw(surface, self.services.theme, fonts, False, focused_child=None)
