"""The operation palette: choose a cleaning operation, fill its parameters, apply it.

Parameters are read from the operation's own fields (their types), pre-filled from where the
learner stands in the grid (column, row, value) and from the schema (names, allowed values).
The screen returns the operation as a recipe entry (:class:`~game.scenes.results.OperationChosen`);
the cleaning workbench applies it.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from game.core.messages import N_
from game.core.operations import OPERATIONS
from game.core.operations.base import param_kind
from game.core.operations.personal import PSEUDONYMISE_METHODS
from game.core.operations.text import CASE_MODES
from game.core.operations.typed import read_typed
from game.engine.scene import Pop, Transition
from game.i18n import _
from game.ui.widgets import ChoiceGroup, Label, ListBox, TextInput, Widget

from .common import FormScene
from .results import Dismissed, OperationChosen

#: operations whose ``to`` is a value, not a column name: the schema's names would mislead
NO_SCHEMA_NAMES = {"merge-cluster", "group-small-counts"}
CHOICES = {"mode": CASE_MODES, "method": PSEUDONYMISE_METHODS}
COLUMN_PARAMS = {"column", "other", "label_column"}
CHOICE_LABELS = {"upper": N_("MAJUSCULES"), "lower": N_("minuscules"), "title": N_("Une Majuscule À Chaque Mot"),
                 "first-letter": N_("Une majuscule au début seulement"), "token": N_("un jeton stable (personne-3f9a1c0b)"),
                 "initials": N_("les initiales (J.-P. D.)")}
OP_PARAM_LABELS = {
    ("rename-column", "to"): N_("Nouveau nom de la colonne"), ("merge-cluster", "to"): N_("Valeur à garder"),
    ("merge-columns", "to"): N_("Nom de la nouvelle colonne"),
    ("group-small-counts", "column"): N_("Colonne des effectifs"),
    ("group-small-counts", "label_column"): N_("Colonne dont les valeurs rares sont regroupées"),
    ("group-small-counts", "threshold"): N_("Seuil : regrouper les effectifs inférieurs à (2 regroupe ceux qui valent 1)"),
    ("group-small-counts", "to"): N_("Libellé de la ligne de regroupement"), ("merge-cluster", "values"): N_("Valeurs à fusionner (séparées par des virgules)"),
}
PARAM_LABELS = {
    "column": N_("Colonne"), "other": N_("Autre colonne"), "to": N_("Nouveau nom ou valeur"), "find": N_("Texte à chercher"),
    "replace": N_("Remplacer par"), "value": N_("Nouvelle valeur"), "row": N_("Numéro de ligne"), "rows": N_("Numéros de lignes (séparés par des virgules)"),
    "width": N_("Nombre de caractères"), "separator": N_("Séparateur"), "into": N_("Noms des nouvelles colonnes (séparés par des virgules)"),
    "columns": N_("Colonnes (séparées par des virgules)"), "enum": N_("Valeurs permises, séparées par des virgules (vide : celles du schéma pour la colonne)"),
    "mapping": N_("Correspondances (ex. H=M, Homme=M)"), "values": N_("Valeurs (séparées par des virgules)"),
    "mode": N_("Casse"), "method": N_("Méthode"), "salt": N_("Clé secrète (8 caractères au moins)"), "prefix": N_("Préfixe"),
    "whole_cell": N_("Cellule entière seulement"), "case_sensitive": N_("Respecter majuscules et minuscules"),
    "keep_original": N_("Garder la colonne d'origine"), "keep_originals": N_("Garder les colonnes d'origine"),
    "skip_empty": N_("Ignorer les cellules vides"), "day_first": N_("Jour avant le mois (05/12/2016 = 5 décembre)"),
    "percent_to_ratio": N_("Convertir les pourcentages (45 %) en proportions (0.45)"), "max_zeros": N_("Zéros ajoutés au plus"),
    "threshold": N_("Seuil"), "label_column": N_("Colonne regroupée"),
}


class OperationScene(FormScene):
    def __init__(self, services, **params) -> None:
        start = params.get("start")
        self.chosen: type | None = OPERATIONS.get(start) if start else None
        self.inputs: dict[str, Widget] = {}
        self.error = ""
        super().__init__(services, **params)

    def offered(self) -> list[type]:
        names = self.params.get("offered") or list(OPERATIONS)
        return [OPERATIONS[n] for n in names if n in OPERATIONS]

    def widgets(self) -> list[Widget]:
        if self.chosen is None:
            ops = self.offered()
            self.list = ListBox([_(o.label) for o in ops], "choose", visible_rows=7, selected=getattr(self, "last_index", 0))
            self.explain = Label(_(ops[self.list.selected].explanation) if ops else "", role="small", tone="muted")
            return [self.heading(_("Choisir une opération")),
                    Label(_("Colonne sélectionnée : {column}").format(column=self.params.get("column", "")), tone="muted"),
                    self.list, self.explain, self.button(_("Fermer"), "close", primary=False)]
        op = self.chosen
        out: list[Widget] = [self.heading(_(op.label)), Label(_(op.explanation), role="small", tone="muted")]
        hints = typing.get_type_hints(op)
        self.inputs = {}
        for f in dataclasses.fields(op):
            kind = param_kind(hints[f.name])
            label = _(OP_PARAM_LABELS.get((op.op, f.name)) or PARAM_LABELS.get(f.name, f.name))
            default = None if f.default is dataclasses.MISSING else f.default
            widget = self.input_for(f.name, kind, default)
            if not isinstance(widget, TextInput):
                out.append(Label(label, bold=True))
            else:
                widget.label = label
            out.append(widget)
            self.inputs[f.name] = widget
        if any(n in self.inputs for n in ("to", "columns")) and op.op not in NO_SCHEMA_NAMES:
            out.append(Label(_("Noms du schéma : {names}").format(names=", ".join(self.params.get("schema_names", []))),
                             role="small", tone="muted"))
        if self.error:
            out.append(Label(self.error, tone="error"))
        out += [self.button(_("Appliquer"), "apply"), self.button(_("Retour à la liste"), "back-list", primary=False)]
        return out

    def input_for(self, name: str, kind: str, default: Any) -> Widget:
        p = self.params
        columns = list(p.get("columns", []))
        if name in COLUMN_PARAMS and kind in ("str", "str?"):
            options = columns if kind == "str" else [_("(toutes les colonnes)")] + columns
            current = p.get("column", "")
            index = options.index(current) if current in options else 0
            g = ChoiceGroup(options, selected=[index])
            g.cursor = index
            return g
        if name in CHOICES:
            options = list(CHOICES[name])
            index = options.index(default) if default in options else 0
            g = ChoiceGroup([_(CHOICE_LABELS.get(o, o)) for o in options], selected=[index])
            g.cursor = index
            return g
        default = p.get("defaults", {}).get(name, default)
        if kind == "bool":
            g = ChoiceGroup([_("oui"), _("non")], selected=[0 if default else 1])
            g.cursor = 0 if default else 1
            return g
        cluster = p.get("cluster") or {}
        if self.chosen is not None and self.chosen.op == "merge-cluster" and cluster and name in ("values", "to"):
            return TextInput(", ".join(cluster["values"]) if name == "values" else cluster["to"], 500)
        prefill = {
            "row": str(p.get("row", "")), "rows": str(p.get("row", "")), "value": p.get("value", ""),
            "find": p.get("value", ""), "enum": "", "columns": ", ".join(p.get("schema_names", [])),
            "width": "5",
        }.get(name)
        if prefill is None:
            prefill = "" if default in (None, (), "") else (str(default) if not isinstance(default, tuple) else ", ".join(map(str, default)))
        return TextInput(prefill, 500)

    def collect(self) -> dict[str, Any]:
        op = self.chosen
        hints = typing.get_type_hints(op)
        out: dict[str, Any] = {"op": op.op}
        for name, w in self.inputs.items():
            kind = param_kind(hints[name])
            if isinstance(w, ChoiceGroup):
                if not w.options:
                    raise ValueError(_("Le tableau n'a plus de colonne : annulez d'abord la suppression."))
                i = next(iter(w.selected), 0)
                if kind == "bool":
                    out[name] = i == 0
                elif kind == "str?":
                    out[name] = None if i == 0 else w.options[i]
                elif name in CHOICES:
                    out[name] = CHOICES[name][i]
                else:
                    out[name] = w.options[i]
                continue
            try:
                out[name] = read_typed(kind, w.value)
            except ValueError:
                wrong = (_("« {label} » doit être un nombre entier.") if kind == "int" else
                         _("« {label} » : des nombres entiers séparés par des virgules."))
                raise ValueError(wrong.format(label=_(PARAM_LABELS.get(name, name)))) from None
            if name == "enum" and kind == "strs" and not out[name]:  # the schema's values for the column
                out[name] = list(self.params.get("enums", {}).get(out.get("column") or "", []))
        return out

    def handle(self, intent: Any) -> Transition | None:
        before = self.list.selected if self.chosen is None else None
        result = super().handle(intent)
        if self.chosen is None and before is not None and self.list.selected != before:
            self.explain.text = _(self.offered()[self.list.selected].explanation)  # what the highlighted one does
            self.form.layout(self.size, self.services.fonts)
        return result

    def on_action(self, action: str) -> Transition | None:
        if action == "choose":
            self.last_index = self.list.selected
            self.chosen = self.offered()[self.list.selected]
            self.rebuild()
            return None
        if action in ("close",):
            return Pop(Dismissed())
        if action == "back-list":
            self.chosen, self.error = None, ""
            self.rebuild(focus_action="choose")
            return None
        if action == "apply":
            try:
                return Pop(OperationChosen(self.collect()))
            except ValueError as e:
                self.error = str(e)
                self.rebuild(focus_action="apply")
        return None

    def on_back(self) -> Transition | None:
        if self.chosen is not None:
            return self.on_action("back-list")
        return Pop(Dismissed())
