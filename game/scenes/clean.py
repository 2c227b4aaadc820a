"""The cleaning workshop: a grid of the dataset, the live error list, the operation palette,
undo/redo and the step's objectives, all from the keyboard."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pygame

from game.core.operations import OperationError, clusters, operation_from_json
from game.core.scenario import CleanStep
from game.engine import intents as I
from game.engine.scene import Push, Transition
from game.i18n import _, render
from game.play.clean import CleanWork
from game.play.services import ServiceError
from game.ui.grid import DataGrid
from game.ui.widgets import Button, Form, Label, ListBox, ProgressBar, Widget

from .common import StepScene, tr_s

MAX_LISTED = 200


class WorkGrid:
    """The grid's view of the table being cleaned (``game.ui.grid.GridSource``)."""

    def __init__(self, work: CleanWork) -> None:
        self.work = work
        self.refresh()

    def refresh(self) -> None:
        t = self.work.table
        rows = {n: i for i, n in enumerate(t.row_numbers)}
        cols = {name: j for j, name in enumerate(t.header)}
        self.marks: dict[tuple[int, int], str] = {}
        for e in self.work.report.errors:
            if e.row in rows and e.field in cols:
                key = (rows[e.row], cols[e.field])
                if self.marks.get(key) != "error":
                    self.marks[key] = e.severity

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


def error_line(e: Any) -> str:
    where = _("Ligne {row}").format(row=e.row) if e.row else _("En-tête")
    if e.field:
        where += f" · {e.field}"
    kind = _("avertissement") if e.severity == "warning" else _("erreur")
    return f"{where} ({kind})\n{render(e.message)}"


class CleanScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.feedback, self.feedback_tone = "", "text"
        self.hints_shown = 0
        self.confirm_give_up = False
        self.active = 0
        self.work = services.session.clean_work()
        if services.session.restore_problems:  # the file or the scenario changed since the last session
            self.feedback = _("Une partie de vos opérations ne s'applique plus au fichier et a été retirée : {reason}").format(
                reason=" ".join(render(m) for m in services.session.restore_problems))
            self.feedback_tone = "error"
        self.source = WorkGrid(self.work)
        self.grid = DataGrid(self.source, action="cell")
        super().__init__(services, **params)

    # --- building -------------------------------------------------------------------------
    def widgets(self) -> list[Widget]:  # the left column; the right one is built in rebuild()
        step: CleanStep = self.session.step
        sc = self.session.scenario
        i = sc.index(step.id)
        o = self.work.objectives()
        left: list[Widget] = [
            ProgressBar((i + 1) / len(sc.steps), _("{scenario} — étape {n} sur {total}").format(
                scenario=tr_s(sc.title), n=i + 1, total=len(sc.steps))),
            self.heading(tr_s(step.title)),
        ]
        text = _("Erreurs restantes : {left} (au départ : {start}) · avertissements : {warnings} · lignes perdues : {lost}").format(
            left=o.errors_left, start=o.errors_at_start, warnings=o.warnings_left, lost=o.rows_lost)
        left.append(Label(text, bold=True, tone="success" if o.reached else "text"))
        if o.reached:
            left.append(Label(_("Objectif atteint : le fichier respecte le schéma."), bold=True, tone="success"))
        left.append(self.grid)
        left.append(Label(self.cell_detail(), role="small"))
        left.append(Label(self.column_profile(), role="small", tone="muted"))
        return left

    def facet_values(self) -> list[tuple[str, int]]:
        """The column's values with their counts, most frequent first (at most 50)."""
        t = self.work.table
        if not t.ncols:
            return []
        c = min(self.grid.col, t.ncols - 1)
        return Counter(v or "" for v in t.columns[c]).most_common(50)

    def column_profile(self) -> str:
        """Empty cells, distinct values and the most frequent ones of the column under the cursor."""
        t = self.work.table
        if not t.ncols:
            return ""
        c = min(self.grid.col, t.ncols - 1)
        key = (len(self.work.history.done), len(self.work.history.undone), c)
        if getattr(self, "_profile_key", None) != key:
            counts = Counter(v or "" for v in t.columns[c])
            empty = counts.pop("", 0)
            top = " · ".join(_("« {value} » ({count})").format(value=v, count=n) for v, n in counts.most_common(4))
            self._profile = _("Colonne {column} : {empty} vide(s), {distinct} valeur(s) différente(s). Les plus fréquentes : {top}").format(
                column=t.header[c], empty=empty, distinct=len(counts), top=top or "—")
            self._profile_key = key
        return self._profile

    def right_widgets(self) -> list[Widget]:
        report = self.work.report
        out: list[Widget] = []
        if self.work.objectives().reached:
            out += [Label(_("Objectif atteint : le fichier respecte le schéma."), bold=True, tone="success"),
                    Button(_("Continuer"), "continue")]
        if self.session.step.intro:  # the instructions stay readable beside the grid, which keeps its height
            out += [Label(_("Consigne"), bold=True), Label(tr_s(self.session.step.intro), role="small")]
        out.append(Label(_("Erreurs et avertissements ({n})").format(n=len(report.errors)), bold=True))
        shown = report.errors[:MAX_LISTED]
        if shown:
            self.errors = ListBox([error_line(e) for e in shown], "goto", visible_rows=3)
            out.append(self.errors)
            if len(report.errors) > MAX_LISTED:
                out.append(Label(_("… et {n} autres.").format(n=len(report.errors) - MAX_LISTED), role="small", tone="muted"))
        else:
            self.errors = None
            out.append(Label(_("Aucune erreur."), tone="success"))
        if self.feedback:
            out.append(Label(self.feedback, tone=self.feedback_tone))
        out.append(Button(_("Appliquer une opération…"), "ops"))
        facet = self.facet_values()
        if facet:
            out.append(Label(_("Valeurs de la colonne {column} (Entrée : chercher et remplacer cette valeur)").format(
                column=self.work.table.header[min(self.grid.col, self.work.table.ncols - 1)]), bold=True))
            self.facet = ListBox([_("« {value} »\n{count} ligne(s)").format(value=v or _("(vide)"), count=n) for v, n in facet],
                                 "facet", visible_rows=3)
            self.facet_items = [v for v, _n in facet]
            out.append(self.facet)
        if self.work.history.can_undo:
            out.append(Button(_("Annuler la dernière opération"), "undo", primary=False))
        if self.work.history.can_redo:
            out.append(Button(_("Rétablir"), "redo", primary=False))
        out.append(Button(_("Exporter le fichier et la recette"), "export", primary=False))
        reached = self.work.objectives().reached
        if self.session.step.hints and self.hints_shown < len(self.session.step.hints) and not reached:
            out.append(Button(_("Un indice"), "hint", primary=False))
        if reached:
            pass  # « Continuer » is at the top of this column
        elif self.confirm_give_up:
            out.append(Button(_("Confirmer : terminer avec des erreurs"), "give-up-confirmed", primary=False))
        else:
            out.append(Button(_("Terminer sans atteindre l'objectif"), "give-up", primary=False))
        for f in self.work.findings:
            out.append(Label(render(f.message), role="small", tone="muted"))
        return out

    def cell_detail(self) -> str:
        t = self.work.table
        if not t.nrows or not t.ncols:
            return _("Le tableau est vide.")
        r, c = self.grid.row, self.grid.col
        r, c = min(r, t.nrows - 1), min(c, t.ncols - 1)
        value = t.columns[c][r]
        text = _("Ligne {row} · {column} : « {value} »").format(row=t.row_numbers[r], column=t.header[c], value=value or "")
        here = [e for e in self.work.report.errors if e.row == t.row_numbers[r] and e.field == t.header[c]]
        for e in here[:2]:
            text += "\n" + render(e.message)
            if e.hint is not None:
                text += " " + render(e.hint)
        return text

    def rebuild(self, focus_action: str | None = None) -> None:
        forms = getattr(self, "forms", None)
        old = forms[self.active].focus.focused if forms else None
        wanted = focus_action or getattr(old, "action", None)
        left = Form(self.widgets(), self.services.theme, max_width=100000)
        right = Form(self.right_widgets() + [Label(self.footer(), role="small", tone="muted")], self.services.theme,
                     max_width=100000)
        self.forms = [left, right]
        self.form = left
        self.layout(self.size)
        reached = self.work.objectives().reached
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
            self.forms[0].widgets[-2].text = self.cell_detail()
            self.forms[0].widgets[-1].text = self.column_profile()
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
        t = self.work.table
        if action == "goto" and self.errors is not None:
            e = self.work.report.errors[self.errors.selected]
            if e.row in t.row_numbers:
                self.grid.go_to(t.row_numbers.index(e.row), t.header.index(e.field) if e.field in t.header else 0)
            elif e.field in t.header:
                self.grid.go_to(self.grid.row, t.header.index(e.field))
            self.active = 0
            self.forms[0].focus.focus(self.grid)
            self.rebuild(focus_action="cell")
            return None
        if action == "ops":
            return Push("operation", self.palette_params())
        if action == "facet" and getattr(self, "facet", None) is not None:
            params = self.palette_params() | {"value": self.facet_items[self.facet.selected], "start": "find-replace",
                                              "defaults": {"whole_cell": True}}
            return Push("operation", params)
        if action == "undo":
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
            self.hints_shown += 1
            self.say(_("Indice : {text}").format(text=tr_s(self.session.step.hints[self.hints_shown - 1])))
        elif action == "give-up":
            self.confirm_give_up = True
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
        from game.engine.scene import Pop, Replace

        nxt = self.session.proceed(force=force)
        if nxt is None:
            self.services.close_scenario()
            return Pop()
        return Replace(self.session.step.kind)

    def say(self, text: str, tone: str = "text") -> None:
        self.feedback, self.feedback_tone = text, tone

    def after_change(self, focus: str | None = None) -> None:
        self._profile_key = None  # the table changed: recount the column profile
        self.source.refresh()
        self.grid.clamp()
        self.rebuild(focus_action=focus)

    def palette_params(self) -> dict[str, Any]:
        t = self.work.table
        r, c = min(self.grid.row, max(0, t.nrows - 1)), min(self.grid.col, max(0, t.ncols - 1))
        column = t.header[c] if t.ncols else ""
        enums = {f.name: [str(v) for v in f.enum] for f in self.work.schema.fields if f.enum}
        groups = clusters(t.columns[c]) if t.ncols else []
        return {"columns": list(t.header), "column": column, "row": t.row_numbers[r] if t.nrows else 0,
                "value": (t.columns[c][r] or "") if t.nrows and t.ncols else "",
                "schema_names": [f.name for f in self.work.schema.fields], "enums": enums,
                "cluster": {"values": [v for v, _n in groups[0].values], "to": groups[0].suggestion} if groups else {},
                "offered": list(self.session.step.operations)}

    def on_resume(self, result: Any) -> None:
        if isinstance(result, dict):
            try:
                op = operation_from_json(result)
                res = self.session.clean_apply(op)
                self.say(render(res.summary), "success" if res.cells_changed or res.rows_changed or res.header_changed else "text")
            except OperationError as e:
                self.say(" ".join(render(m) for m in e.messages), "error")
            except Exception as e:  # noqa: BLE001 - not saved: the previous state is kept, the learner is told
                self.say(_("Cette action n'a pas pu être enregistrée ({reason}). Votre travail précédent est conservé.").format(
                    reason=render(e.message) if hasattr(e, "message") else type(e).__name__), "error")
        self.after_change("ops")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.services.theme.background)
        fonts = self.services.fonts
        for k, form in enumerate(self.forms):
            if k == self.active:
                form.draw(surface, fonts)
            else:
                form.panel.draw(surface, self.services.theme, fonts, False, focused_child=None)
