"""A fill step: the worked example first, then one form per row (a text field per column), the
validator's messages under each field as the learner types, « Vérifier la ligne » once the row
respects the schema, and what was right or not, with the explanation."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core import fill
from game.core.scenario import FillRow, FillStep
from game.engine import intents as I
from game.engine.scene import Transition
from game.i18n import _, ngettext, render
from game.play.handlers import ActionRefused
from game.play.session import PlaySession
from game.ui.widgets import DialogueBox, Label, Prompt, TextInput, Widget

from .common import StepScene, sources_label, tr_s

#: the keys that change a text field's value (the form is checked again after each)
_EDITS = {I.TEXT, I.PASTE, I.BACKSPACE, I.DELETE}


@dataclass(frozen=True, slots=True)
class FieldView:
    name: str
    label: str  # « FREQ_MAJ — Fréquence de la mise à jour »
    allowed: tuple[str, ...]  # the schema's enum, if any
    errors: tuple[str, ...]  # the validator's messages for this column, translated


@dataclass(frozen=True, slots=True)
class FillView:
    index: int  # -1: the worked example
    total: int
    row: FillRow | None
    fields: tuple[FieldView, ...] = ()
    errors: int = 0  # errors the validator finds in the row as typed
    checked: dict | None = None  # the latest check of this row: {"values", "score"}
    wrong: tuple[str, ...] = ()
    last: bool = False
    tries: int = 0
    can_retry: bool = False
    given: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def present(session: PlaySession, index: int | None, typed: dict[str, str]) -> FillView:
    step = session.step
    assert isinstance(step, FillStep)
    if index is None:  # the example first, unless a row was already checked (resumed)
        started = any(session.state.fill_of(step.id, r.id) is not None for r in step.rows)
        index = next((i for i, r in enumerate(step.rows) if session.state.fill_of(step.id, r.id) is None),
                     len(step.rows) - 1) if started or step.example is None else -1
    if index < 0:
        return FillView(-1, len(step.rows), step.example, given=step.given)
    row = step.rows[index]
    schema = session.fill_schema()
    by_name = {f.name: f for f in schema.fields}
    errors = fill.row_errors(step, schema, typed)
    fields = tuple(
        FieldView(name, f"{name} — {by_name[name].title}" if name in by_name and by_name[name].title else name,
                  tuple(str(v) for v in (by_name[name].enum or ())) if name in by_name else (),
                  tuple(render(e.message) for e in errors if e.field == name))
        for name in step.fields)
    checked = session.state.latest_fill(step.id, row.id)
    wrong = fill.judge_row(step, row, checked["values"]).wrong if checked else ()
    return FillView(index, len(step.rows), row, fields, len(errors), checked, wrong, index == len(step.rows) - 1,
                    session.state.tries("fill", f"{step.id}/{row.id}"),
                    checked is not None and checked.get("score") != 1.0 and session.retries_allowed, step.given)


class FillScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.index: int | None = None
        self.inputs: dict[str, TextInput] = {}  # kept across rebuilds: the caret stays where it is
        self._row_id: str | None = None  # the row the fields belong to
        self.editing = False  # « Corriger la ligne » pressed (practice mode)
        self.error = ""
        self.tried = False  # « Vérifier la ligne » pressed on this row: empty fields are errors too now
        super().__init__(services, **params)

    def hints(self) -> str:
        return _("Tab : champ suivant · Entrée : champ suivant, puis vérifier la ligne · Échap : retour à la "
                 "bibliothèque (progression enregistrée)")

    def typed(self) -> dict[str, str]:
        return {name: w.value for name, w in self.inputs.items()}

    def _inputs_for(self, v: FillView) -> None:
        """Fresh fields for a new row (the values last checked, when there are some)."""
        if v.row is None or self._row_id == v.row.id:
            return
        self._row_id = v.row.id
        values = v.checked["values"] if v.checked else {}
        step = self.session.step
        self.inputs = {name: TextInput(values.get(name, ""), 500, action=f"field:{name}") for name in step.fields}

    def widgets(self) -> list[Widget]:
        v = present(self.session, self.index, self.typed())
        if self.index is None:
            self.index = v.index
        if v.row is not None and v.index >= 0:
            self._inputs_for(v)
            v = present(self.session, self.index, self.typed())
        step = self.session.step
        out: list[Widget] = self.header()
        if v.index < 0:
            return out + self._example(step, v)
        assert v.row is not None
        out.append(Label(_("Ligne {n} sur {total}").format(n=v.index + 1, total=v.total), tone="muted"))
        text = tr_s(v.row.document) + (f"\n{tr_s(v.row.detail)}" if v.row.detail else "")
        out.append(DialogueBox("", text))
        if v.checked is None or self.editing:
            out += self._form(step, v)
        else:
            out += self._verdict(step, v)
        return out

    def _example(self, step: FillStep, v: FillView) -> list[Widget]:
        assert v.row is not None
        out: list[Widget] = []
        if step.intro:
            out.append(Label(tr_s(step.intro)))
        out.append(Label(_("Exemple : {document}").format(document=tr_s(v.row.document)), bold=True))
        if v.row.detail:
            out.append(DialogueBox("", tr_s(v.row.detail)))
        lines = [f"{k} : {val}" for k, val in v.given] + [f"{k} : {v.row.value(k)}" for k in step.fields]
        out.append(Label("\n".join(lines), role="small"))
        out.append(Label(tr_s(v.row.explanation)))
        src = sources_label(self.session.scenario, v.row.sources)
        if src:
            out.append(src)
        out.append(self.button(_("À vous : première ligne"), "start"))
        return out

    def _form(self, step: FillStep, v: FillView) -> list[Widget]:
        out: list[Widget] = []
        if v.tries:
            out.append(Label(_("Essai n° {n} : corrigez la ligne.").format(n=v.tries + 1), bold=True))
        given = " · ".join(f"{k} : {val}" for k, val in v.given)
        if given:
            out.append(Label(_("Déjà rempli : {values}").format(values=given), role="small", tone="muted"))
        out.append(Prompt(_("Remplissez chaque colonne ; le validateur vérifie la ligne pendant que vous tapez.")))
        for f in v.fields:
            w = self.inputs[f.name]
            w.label = f.label
            out.append(w)
            if f.allowed:
                out.append(Label(_("Valeurs permises : {values}").format(values=" ; ".join(f.allowed)),
                                 role="small", tone="muted"))
            if self.inputs[f.name].value or self.tried:  # an empty field is not blamed before the check
                out += [Label(e, role="small", tone="error") for e in f.errors[:1]]
        if v.errors:
            out.append(Label(ngettext("Le validateur trouve {n} erreur dans cette ligne.",
                                       "Le validateur trouve {n} erreurs dans cette ligne.", v.errors).format(n=v.errors), tone="error"))
            # the fields blamed in red may be scrolled out of view: name them by the check button
            blamed = [f.name for f in v.fields if f.errors and (self.inputs[f.name].value or self.tried)]
            if blamed:
                out.append(Label(_("À corriger : {columns}").format(columns=", ".join(blamed)), role="small", tone="error"))
        else:
            out.append(Label(_("La ligne respecte le schéma."), tone="success"))
        if self.error:
            out.append(self.notice(Label(self.error, bold=True, tone="error")))
        out.append(self.button(_("Vérifier la ligne"), "check"))
        return out

    def _verdict(self, step: FillStep, v: FillView) -> list[Widget]:
        assert v.row is not None and v.checked is not None
        out: list[Widget] = []
        graded = [f for f in step.graded if f in step.fields]
        score = float(v.checked.get("score", 0.0))
        if score >= 1.0:
            out.append(Label(ngettext("Ligne juste : {n} colonne vérifiée sur {n}.",
                                      "Ligne juste : {n} colonnes vérifiées sur {n}.", len(graded)).format(n=len(graded)),
                             bold=True, tone="success"))
        else:
            right = len(graded) - len(v.wrong)
            out.append(Label(ngettext("{right} colonne juste sur {total}.", "{right} colonnes justes sur {total}.",
                                      right).format(right=right, total=len(graded)),
                             bold=True, tone="error"))
            for name in v.wrong:
                typed = v.checked["values"].get(name, "")
                line = (_("{column} : vous avez écrit « {typed} » ; attendu : « {expected} ».").format(
                    column=name, typed=typed, expected=v.row.value(name)) if not v.can_retry else
                    _("{column} : « {typed} » n'est pas la valeur attendue.").format(column=name, typed=typed))
                out.append(Label(line))
        if v.row.explanation and not v.can_retry:
            out.append(Label(tr_s(v.row.explanation)))
        src = sources_label(self.session.scenario, v.row.sources)
        if src:
            out.append(src)
        if v.can_retry:
            out.append(self.button(_("Corriger la ligne"), "edit"))
        out.append(self.button(_("Continuer") if v.last else _("Ligne suivante"), "next",
                               primary=not v.can_retry))
        return out

    def is_answer(self, widget: Widget) -> bool:
        return getattr(widget, "action", "") == "check"

    def handle(self, intent: I.Intent) -> Transition | None:
        result = super().handle(intent)
        if intent.kind in _EDITS and self.form is not None:
            focused = self.form.focus.focused
            if isinstance(focused, TextInput):
                self.error = ""
                self.rebuild(focus_action=focused.action)  # the validator's messages, as the learner types
        return result

    def on_action(self, action: str) -> Transition | None:
        if action == "start":
            self.index = 0
            self.rebuild(focus_action=f"field:{self.session.step.fields[0]}")
            return None
        if action.startswith("field:"):  # Enter: the next field, or the check after the last one
            names = list(self.session.step.fields)
            i = names.index(action.split(":", 1)[1])
            self.rebuild(focus_action=f"field:{names[i + 1]}" if i + 1 < len(names) else "check")
            return None
        if action == "check":
            v = present(self.session, self.index, self.typed())
            assert v.row is not None
            try:
                self.session.fill_row(v.row.id, self.typed())
            except ActionRefused:
                self.tried = True
                self.error = _("La ligne ne respecte pas encore le schéma : corrigez les champs signalés en rouge.")
                self.rebuild(focus_action="check")
                return None
            self.editing = False
            self.error = ""
            self.tried = False
            self.rebuild(focus_action="edit" if present(self.session, self.index, self.typed()).can_retry else "next")
            return None
        if action == "edit":
            self.editing = True
            self.rebuild(focus_action=f"field:{self.session.step.fields[0]}")
            return None
        if action == "next":
            self.editing = False
            return self.next_item(present(self.session, self.index, self.typed()).last)
        return None
