"""The reuse desk: reusers' questions one at a time, a keyboard query builder over the table the
learner published (filter, group and compute, sort, top N), the result as a table and a chart
(bars, a line or a map of points) that can be exported as PNG, and the answer typed in French.

When the published table cannot answer, the reuser says why and the learner moves on: the
debrief links the question to the step where the data went wrong. What the desk shows comes from
:func:`game.scenes.views.reuse.present`; this module draws it and forwards the learner's intents.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game.core.reuse import (
    AGGREGATES,
    OPERATORS,
    SORT_ORDERS,
    Filter,
    Query,
    QueryError,
    answer_problem,
    build_query,
)
from game.core.scenario import Challenge, ReuseStep
from game.engine.scene import Pop, Replace, Transition
from game.i18n import _, active, render
from game.play.reuse import ReuseWork
from game.play.services import ServiceError
from game.ui.widgets import Button, ChartView, Label, Select, TextInput, Widget

from .common import StepScene
from .views.reuse import (
    CHARTS,
    BuilderView,
    CannotView,
    ChartModel,
    DeskState,
    OutcomeView,
    ResultView,
    default_chart,
    open_question,
    present,
)


class ReuseScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.index: int | None = None
        self.desk = DeskState()
        self.inputs: dict[str, Any] = {}
        self.chart: ChartView | None = None
        self.retrying = False  # « Réessayer » pressed (practice mode): the desk again for the next try
        super().__init__(services, **params)

    # ------------------------------------------------------------------ state
    @property
    def work(self) -> ReuseWork:
        return self.session.reuse_work()

    @property
    def step(self) -> ReuseStep:
        return self.session.step

    def current(self) -> Challenge:
        step = self.step
        if self.index is None:
            self.index = open_question(step, lambda cid: self.session.state.reuse_of(step.id, cid) is not None)
        return step.challenges[self.index]

    # ------------------------------------------------------------------ widgets
    def widgets(self) -> list[Widget]:
        out: list[Widget] = self.header()
        ch = self.current()
        chart = self.inputs["chart"].index if "chart" in self.inputs else default_chart(ch)  # as chosen, else the author's
        self.desk = replace(self.desk, chart=CHARTS[chart or 0])
        done = self.session.state.latest_reuse(self.step.id, ch.id)
        v = present(self.session.scenario, self.step, self.work, self.index,
                    None if self.retrying else done, self.desk, self.session.retries_allowed)
        if v.intro:
            out.append(Label(v.intro))
        out.append(Label(v.counter, tone="muted"))
        out.append(Label(v.asker, bold=True))
        out.append(Label(v.question, role="heading", bold=True))
        self.chart = None
        match v.body:
            case OutcomeView():
                return out + self.outcome(v.body)
            case CannotView():
                return out + self.cannot(v.body)
            case BuilderView():
                return out + self.builder(ch, v.body)

    def builder(self, ch: Challenge, v: BuilderView) -> list[Widget]:
        header = list(self.work.table.header)
        none = _("— aucune —")
        old = {k: getattr(w, "index", None) if not isinstance(w, TextInput) else w.value for k, w in self.inputs.items()}
        self.inputs = {
            "filter_column": Select(header, old.get("filter_column"), label=_("Filtrer : colonne"), placeholder=none,
                                    on_change="q-filter-column"),
            "filter_op": Select([_(OPERATORS[o]) for o in OPERATORS], old.get("filter_op", 0), label=_("Filtrer : condition"),
                                on_change="q-filter-op"),
            "filter_value": TextInput(old.get("filter_value", ""), 200, label=_("Filtrer : valeur")),
            "group": Select([none] + header, old.get("group", 0), label=_("Regrouper par"), on_change="q-group"),
            "aggregate": Select([none] + [_(AGGREGATES[a]) for a in AGGREGATES], old.get("aggregate", 0), label=_("Calcul"),
                                on_change="q-aggregate"),
            "measure": Select(header, old.get("measure"), label=_("Sur la colonne (sauf pour le nombre de lignes)"),
                              placeholder=none, on_change="q-measure"),
            "sort": Select([_("sans tri"), _("du plus grand au plus petit"), _("du plus petit au plus grand")],
                           old.get("sort", 0), label=_("Trier le résultat"), on_change="q-sort"),
            "top": TextInput(old.get("top", ""), 4, label=_("Ne garder que les N premiers (vide : tout)")),
            "chart": Select([_("barres"), _("courbe"), _("carte des points")], old.get("chart", default_chart(ch)),
                            label=_("Graphique"), on_change="q-chart"),
            "answer": TextInput(old.get("answer", ""), 500, label=_("Votre réponse (un nombre, ou une liste séparée par des virgules)"),
                                action="answer"),
        }
        w = self.inputs
        out: list[Widget] = [Label(v.rows, role="small", tone="muted")]
        out += [w["filter_column"], w["filter_op"], w["filter_value"],
                Button(_("Ajouter ce filtre"), "add-filter", primary=False)]
        if v.filters:
            out.append(Label(v.filters))
            out.append(Button(_("Retirer le dernier filtre"), "drop-filter", primary=False))
            if v.filter_count > 1:
                out.append(Button(_("Retirer les filtres"), "clear-filters", primary=False))
        out += [w["group"], w["aggregate"], w["measure"], w["sort"], w["top"], w["chart"],
                Button(_("Lancer la requête"), "run")]
        if v.query_error:
            out.append(Label(v.query_error, tone="error"))
        if v.result is not None:
            out += self.result_widgets(v.result)
        out += [w["answer"]]
        if v.answer_error:
            out.append(Label(v.answer_error, tone="error"))
        out.append(self.button(_("Répondre"), "answer"))
        return out

    def result_widgets(self, r: ResultView) -> list[Widget]:
        self.result_label = Label(r.heading, bold=True)
        out: list[Widget] = [self.result_label]
        if r.no_match:
            out.append(Label(r.no_match, tone="error"))
        out.append(Label(r.table))
        if r.skipped:
            out.append(Label(r.skipped, tone="error"))
        self.chart = chart_view(r.chart) if r.chart is not None else None
        if self.chart is not None:
            out.append(self.chart)
            if r.map_note:
                out.append(Label(r.map_note, role="small", tone="error"))
            out.append(Button(_("Exporter le graphique (PNG)"), "export", primary=False))
            if r.exported:
                out.append(Label(r.exported, role="small", tone="muted"))
        return out

    def cannot(self, v: CannotView) -> list[Widget]:
        out: list[Widget] = [Label(v.said), Label(v.why, tone="error")]
        if v.blame:
            out.append(Label(v.blame, bold=True))
        out.append(self.button(v.button, "unanswerable"))
        return out

    def outcome(self, v: OutcomeView) -> list[Widget]:
        out: list[Widget] = [Label(v.verdict.text, bold=v.graded, tone=v.verdict.tone)]
        if v.explanation:
            out.append(Label(v.explanation))
        if v.sources:
            out.append(Label(v.sources, role="small", tone="muted"))
        if v.can_retry:
            out.append(self.button(_("Réessayer"), "retry"))
        out.append(self.button(v.button, "next"))
        return out

    def last(self) -> bool:
        return self.index == len(self.step.challenges) - 1

    # ------------------------------------------------------------------ the query
    def query(self) -> Query:
        w = self.inputs
        header = list(self.work.table.header)
        group = w["group"].index or 0
        agg = w["aggregate"].index or 0
        return build_query(header, filters=self.desk.filters, group=header[group - 1] if group else "",
                           aggregate=list(AGGREGATES)[agg - 1] if agg else "",
                           measure=header[w["measure"].index] if w["measure"].index is not None else "",
                           order=SORT_ORDERS[w["sort"].index or 0], top=w["top"].value)

    # ------------------------------------------------------------------ intents
    def hints(self) -> str:
        return _("Tab : élément suivant · flèches gauche et droite : choisir dans une liste · Entrée : valider · "
                 "Échap : retour à la bibliothèque (progression enregistrée)")

    def on_action(self, action: str) -> Transition | None:
        ch = self.current()
        desk = self.desk
        if action.startswith("q-"):  # a choice changed: nothing to recompute until « Calculer »
            if action == "q-chart" and desk.result is not None:
                self.rebuild(focus_action="q-chart")
            return None
        if action == "add-filter":
            w = self.inputs
            if w["filter_column"].index is None:
                self.desk = replace(desk, query_error=_("Choisissez d'abord la colonne à filtrer (flèches gauche et droite)."))
            else:
                added = Filter(self.work.table.header[w["filter_column"].index], list(OPERATORS)[w["filter_op"].index or 0],
                               w["filter_value"].value.strip())
                w["filter_value"].value = ""
                self.desk = replace(desk, filters=desk.filters + (added,), query_error="")
            self.rebuild(focus_action="run")
            return None
        if action == "drop-filter":
            self.desk = replace(desk, filters=desk.filters[:-1])
            self.rebuild(focus_action="drop-filter" if self.desk.filters else "add-filter")
            return None
        if action == "clear-filters":
            self.desk = replace(desk, filters=())
            self.rebuild(focus_action="add-filter")
            return None
        if action == "run":
            try:
                self.desk = replace(desk, result=self.session.reuse_query(self.query(), ch.id), query_error="", exported="")
            except QueryError as e:
                self.desk = replace(desk, result=None, exported="",
                                    query_error=render(e.message) + (" " + render(e.hint) if getattr(e, "hint", None) else ""))
            self.rebuild(focus_action="run")
            self.show_outcome()
            return None
        if action == "export" and self.chart is not None:
            self.desk = replace(desk, exported=self.export_chart(ch))
            self.rebuild(focus_action="export")
            return None
        if action == "answer":
            given = self.inputs["answer"].value.strip()
            problem = answer_problem(ch.answer_kind, given)
            if problem is not None:  # not graded: asked again
                self.desk = replace(desk, answer_error=_("Écrivez votre réponse avant de valider.") if problem == "empty" else
                                    _("« {answer} » n'est pas un nombre : écrivez-le en chiffres, par exemple 12 000 "
                                      "ou 12 000,50.").format(answer=given))
                self.rebuild(focus_action="answer")
                return None
            check = self.session.reuse_answer(ch.id, given)
            self.desk = replace(desk, answer_error="" if check.ok else render(check.message))
            self.retrying = False
            self.rebuild(focus_action="next" if check.ok or not self.session.retries_allowed else "retry")
            return None
        if action == "retry":  # practice mode: the desk again, with the query and the answer as they were
            self.retrying = True
            self.desk = replace(desk, answer_error="")
            self.rebuild(focus_action="answer")
            return None
        if action == "unanswerable":
            self.session.reuse_unanswerable(ch.id)
            return self.advance()
        if action == "next":
            self.retrying = False
            return self.advance()
        return None

    def show_outcome(self) -> None:
        """After « Lancer la requête »: the result (or the error) comes into view, then the button."""
        if self.form is None:
            return
        target = next((w for w in self.form.widgets if isinstance(w, Label) and w.tone == "error"
                       and w.text == self.desk.query_error), None) if self.desk.query_error else getattr(self, "result_label", None)
        if target is not None and target in self.form.widgets:
            if self.chart is not None and self.chart in self.form.widgets:
                self.form.focus.focus(self.chart)  # the chart is read with the arrows
                self.form.panel.ensure_visible(self.chart)
            self.form.panel.ensure_visible(target)

    def advance(self) -> Transition | None:
        if self.last():
            nxt = self.session.proceed()
            if nxt is None:
                self.services.close_scenario()
                return Pop()
            return Replace(self.session.step.kind)
        self.index = (self.index or 0) + 1
        self.desk, self.inputs = DeskState(), {}
        self.rebuild()
        return None

    def export_chart(self, ch: Challenge) -> str:
        from game.ui.widgets import render_chart_png

        try:
            path = self.services.export_file(f"{self.session.scenario.id}-{self.step.id}-{ch.id}.png",
                                             lambda p: render_chart_png(p, self.chart, theme=self.services.theme,
                                                                        fonts=self.services.fonts))
        except ServiceError as e:  # the reason in French (« le disque est plein »)
            return render(e.message)
        return _("Graphique enregistré : {path}").format(path=str(path))


def chart_view(model: ChartModel) -> ChartView:
    """The chart widget for a chart of the view (numbers and coordinates in the learner's language)."""
    fmt = active().number
    if model.kind == "map":
        return ChartView("map", points=list(model.points), title=model.title, empty_text=model.empty_text,
                         coord_format=lambda v: fmt(round(v, 5)))
    return ChartView(model.kind, series=list(model.series), title=model.title, x_label=model.x_label,
                     y_label=model.y_label, value_format=lambda v: fmt(v), empty_text=model.empty_text)
