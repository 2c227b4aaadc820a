"""The reuse desk: reusers' questions one at a time, a keyboard query builder over the table the
learner published (filter, group and compute, sort, top N), the result as a table and a chart
(bars, a line or a map of points) that can be exported as PNG, and the answer typed in French.

When the published table cannot answer, the reuser says why and the learner moves on: the
debrief links the question to the step where the data went wrong.
"""

from __future__ import annotations

from typing import Any

from game.core.messages import N_, msg
from game.core.reuse import (
    AGGREGATES,
    OPERATORS,
    Filter,
    Query,
    QueryError,
    QueryResult,
    bar_series,
    geopoints,
    line_series,
    parse_number,
    points,
)
from game.core.scenario import Challenge, ReuseStep
from game.engine import intents as I
from game.engine.scene import Pop, Replace, Transition
from game.i18n import _, active, render
from game.play.services import ServiceError
from game.ui.widgets import Button, ChartView, Label, Select, TextInput, Widget

from .common import StepScene, sources_label, tr_s

MAX_ROWS_SHOWN = 12
SORTS = ("", "desc", "asc")
CHARTS = ("bar", "line", "map")


def cell_text(value: Any) -> str:
    """A result cell in the learner's language (numbers by babel)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return active().number(value)
    return str(value)


class ReuseScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.index: int | None = None
        self.filters: list[Filter] = []
        self.result: QueryResult | None = None
        self.query_error = ""
        self.answer_error = ""
        self.exported = ""
        self.inputs: dict[str, Any] = {}
        self.chart: ChartView | None = None
        self.map_note = ""
        super().__init__(services, **params)

    # ------------------------------------------------------------------ state
    @property
    def work(self) -> Any:
        return self.session.reuse_work()

    @property
    def step(self) -> ReuseStep:
        return self.session.step

    def current(self) -> Challenge:
        step = self.step
        if self.index is None:  # the first question not answered yet, else the last one
            self.index = next((i for i, c in enumerate(step.challenges)
                               if self.session.state.reuse_of(step.id, c.id) is None), len(step.challenges) - 1)
        return step.challenges[self.index]

    def who(self, ch: Challenge) -> str:
        c = self.session.scenario.character(ch.who)
        if c is None:
            return ch.who
        return f"{tr_s(c.name)} ({tr_s(c.role)})" if c.role else tr_s(c.name)

    # ------------------------------------------------------------------ widgets
    def widgets(self) -> list[Widget]:
        out: list[Widget] = self.header()
        step, ch = self.step, self.current()
        if step.intro and self.index == 0:
            out.append(Label(tr_s(step.intro)))
        out.append(Label(_("Question {n} sur {total}").format(n=self.index + 1, total=len(step.challenges)), tone="muted"))
        out.append(Label(_("{who} demande :").format(who=self.who(ch)), bold=True))
        out.append(Label(_("« {question} »").format(question=tr_s(ch.question)), role="heading", bold=True))
        done = self.session.state.reuse_of(step.id, ch.id)
        verdict = self.work.verdict(ch)
        if done is not None:
            return out + self.outcome(ch, done)
        if verdict.expected is None:
            return out + self.cannot(ch, verdict)
        return out + self.builder(ch)

    def builder(self, ch: Challenge) -> list[Widget]:
        header = list(self.work.table.header)
        none = _("— aucune —")
        old = {k: getattr(w, "index", None) if not isinstance(w, TextInput) else w.value for k, w in self.inputs.items()}
        ops = list(OPERATORS)
        aggs = list(AGGREGATES)
        self.inputs = {
            "filter_column": Select(header, old.get("filter_column"), label=_("Filtrer : colonne"), placeholder=none,
                                    on_change="q-filter-column"),
            "filter_op": Select([_(OPERATORS[o]) for o in ops], old.get("filter_op", 0), label=_("Filtrer : condition"),
                                on_change="q-filter-op"),
            "filter_value": TextInput(old.get("filter_value", ""), 200, label=_("Filtrer : valeur")),
            "group": Select([none] + header, old.get("group", 0), label=_("Regrouper par"), on_change="q-group"),
            "aggregate": Select([none] + [_(AGGREGATES[a]) for a in aggs], old.get("aggregate", 0), label=_("Calcul"),
                                on_change="q-aggregate"),
            "measure": Select(header, old.get("measure"), label=_("Sur la colonne (sauf pour le nombre de lignes)"),
                              placeholder=none, on_change="q-measure"),
            "sort": Select([_("sans tri"), _("du plus grand au plus petit"), _("du plus petit au plus grand")],
                           old.get("sort", 0), label=_("Trier le résultat"), on_change="q-sort"),
            "top": TextInput(old.get("top", ""), 4, label=_("Ne garder que les N premiers (vide : tout)")),
            "chart": Select([_("barres"), _("courbe"), _("carte des points")],
                            old.get("chart", CHARTS.index(ch.chart) if ch.chart in CHARTS else 0),
                            label=_("Graphique"), on_change="q-chart"),
            "answer": TextInput(old.get("answer", ""), 500, label=_("Votre réponse (un nombre, ou une liste séparée par des virgules)"),
                                action="answer"),
        }
        w = self.inputs
        out: list[Widget] = [Label(_("Construisez une requête sur le fichier que vous avez publié ({rows} lignes), puis répondez.").format(
            rows=active().number(self.work.table.nrows)), role="small", tone="muted")]
        out += [w["filter_column"], w["filter_op"], w["filter_value"],
                Button(_("Ajouter ce filtre"), "add-filter", primary=False)]
        if self.filters:
            out.append(Label(_("Filtres : {filters}").format(filters=" ; ".join(
                f"{f.column} {_(OPERATORS.get(f.op, f.op))} {f.value}".strip() for f in self.filters))))
            out.append(Button(_("Retirer le dernier filtre"), "drop-filter", primary=False))
            if len(self.filters) > 1:
                out.append(Button(_("Retirer les filtres"), "clear-filters", primary=False))
        out += [w["group"], w["aggregate"], w["measure"], w["sort"], w["top"], w["chart"],
                Button(_("Lancer la requête"), "run")]
        if self.query_error:
            out.append(Label(self.query_error, tone="error"))
        if self.result is not None:
            out += self.result_widgets()
        out += [w["answer"]]
        if self.answer_error:
            out.append(Label(self.answer_error, tone="error"))
        out.append(self.button(_("Répondre"), "answer"))
        return out

    def result_widgets(self) -> list[Widget]:
        r = self.result
        assert r is not None
        self.result_label = Label(_("Résultat : {n} ligne(s)").format(n=active().number(len(r.rows))), bold=True)
        out: list[Widget] = [self.result_label]
        if r.rows_matched == 0:
            out.append(Label(_("Aucune ligne du fichier ne correspond aux filtres : vérifiez la valeur cherchée "
                               "(« est égal à » tient compte des majuscules, « contient » non)."), tone="error"))
        lines = [" | ".join(r.header)]
        lines += [" | ".join(cell_text(v) for v in row) for row in r.rows[:MAX_ROWS_SHOWN]]
        if len(r.rows) > MAX_ROWS_SHOWN:
            lines.append(_("… et {n} autre(s) ligne(s)").format(n=active().number(len(r.rows) - MAX_ROWS_SHOWN)))
        out.append(Label("\n".join(lines)))
        if r.skipped:
            out.append(Label(_("{n} valeur(s) ne sont pas des nombres et n'ont pas été comptées, par exemple « {example} ».").format(
                n=active().number(r.skipped), example=(r.skipped_examples or ("",))[0]), tone="error"))
        self.map_note = ""
        self.chart = self.make_chart(r)
        if self.chart is not None:
            out.append(self.chart)
            if self.map_note:
                out.append(Label(self.map_note, role="small", tone="error"))
            out.append(Button(_("Exporter le graphique (PNG)"), "export", primary=False))
            if self.exported:
                out.append(Label(self.exported, role="small", tone="muted"))
        return out

    def make_chart(self, r: QueryResult) -> ChartView | None:
        kind = CHARTS[self.inputs["chart"].index or 0]
        fmt = active().number
        if kind == "map":
            found = self.map_points()
            if found is None:
                return ChartView("map", points=[], empty_text=_("Le fichier publié n'a pas de colonnes de coordonnées (latitude, longitude)."))
            if found.skipped:
                self.map_note = _("{n} ligne(s) sans coordonnées valables n'ont pas pu être placées.").format(
                    n=fmt(found.skipped))
            return ChartView("map", points=[(p.lat, p.lon, p.label) for p in found.points],
                             title=tr_s(self.current().question), empty_text=_("Aucun point à placer."),
                             coord_format=lambda v: fmt(round(v, 5)))
        if len(r.header) < 2 or not r.rows:
            return None
        label_col, value_col = r.header[0], r.header[-1]
        series = bar_series(r, label_col, value_col) if kind == "bar" else line_series(r, label_col, value_col)
        if not series.pairs:
            return None
        return ChartView(kind, series=list(series.pairs), title=tr_s(self.current().question), x_label=label_col,
                         y_label=value_col, value_format=lambda v: fmt(v), empty_text=_("Rien à dessiner."))

    def map_points(self) -> Any:
        """The rows matching the filters, placed by their coordinate columns, if the table has some."""
        table = self.work.table
        header = [h.lower() for h in table.header]
        query = Query(filters=tuple(self.filters))
        try:
            rows = self.work.run(query) if self.filters else table
        except QueryError:
            return None
        label = next((table.header[i] for i, h in enumerate(header) if "nom" in h), "")
        lat = next((table.header[i] for i, h in enumerate(header) if h.startswith("lat") or h.endswith("_lat")), None)
        lon = next((table.header[i] for i, h in enumerate(header) if h.startswith(("lon", "lng")) or h.endswith(("_long", "_lon"))), None)
        if lat and lon:
            return points(rows, lat, lon, label)
        geo = next((table.header[i] for i, h in enumerate(header) if "coordonnees" in h or "geo" in h), None)
        if geo:
            return geopoints(rows, geo, label)
        return None

    def cannot(self, ch: Challenge, verdict: Any) -> list[Widget]:
        said = tr_s(ch.cannot) if ch.cannot else _("Avec le fichier que vous avez publié, je ne peux pas répondre.")
        out: list[Widget] = [Label(said), Label(_("Pourquoi : {reason}").format(reason=render(verdict.reason)), tone="error")]
        if ch.blame and self.session.scenario.has_step(ch.blame):
            out.append(Label(_("Le problème est né à l'étape « {step} ».").format(
                step=tr_s(self.session.scenario.step(ch.blame).title)), bold=True))
        out.append(self.button(_("Compris : question suivante") if not self.last() else _("Compris"), "unanswerable"))
        return out

    def outcome(self, ch: Challenge, done: dict[str, Any]) -> list[Widget]:
        out: list[Widget] = []
        if done.get("unanswerable"):
            out.append(Label(_("Question restée sans réponse : {reason}").format(reason=done.get("reason", "")), tone="error"))
        elif done.get("ok"):
            out.append(Label(_("Votre réponse : {answer} — c'est juste.").format(answer=done.get("given", "")), bold=True, tone="success"))
        else:
            expected = str(done.get("expected", ""))
            try:
                expected = active().number(float(expected)) if ch.answer_kind == "number" else expected
            except ValueError:
                pass
            out.append(Label(_("Votre réponse : {answer} — à revoir. La réponse, calculée sur le fichier que vous avez publié : {expected}").format(
                answer=done.get("given", ""), expected=expected), bold=True, tone="error"))
        if ch.explanation:
            out.append(Label(tr_s(ch.explanation)))
        src = sources_label(self.session.scenario, ch.sources)
        if src:
            out.append(src)
        out.append(self.button(_("Continuer") if self.last() else _("Question suivante"), "next"))
        return out

    def last(self) -> bool:
        return self.index == len(self.step.challenges) - 1

    # ------------------------------------------------------------------ the query
    def query(self) -> Query:
        w = self.inputs
        header = list(self.work.table.header)
        group = w["group"].index or 0
        agg = w["aggregate"].index or 0
        aggregate = list(AGGREGATES)[agg - 1] if agg else ""
        measure = header[w["measure"].index] if w["measure"].index is not None else ""
        top_text = w["top"].value.strip()
        if top_text and not (top_text.isdigit() and int(top_text) > 0):
            raise QueryError(msg(N_("« {value} » n'est pas un nombre entier : écrivez par exemple 3 pour garder les "
                                    "trois premières lignes, ou laissez vide."), value=top_text))
        top = int(top_text) if top_text else None
        group_by = (header[group - 1],) if group else ()
        sort, desc = "", False
        order = SORTS[w["sort"].index or 0]
        if order:
            result_header = _result_header(group_by, aggregate, measure, header)
            sort, desc = (result_header[-1] if result_header else ""), order == "desc"
        return Query(filters=tuple(self.filters), group_by=group_by, aggregate=aggregate, measure=measure,
                     sort=sort, descending=desc, top=top)

    # ------------------------------------------------------------------ intents
    def hints(self) -> str:
        return _("Tab : élément suivant · flèches gauche et droite : choisir dans une liste · Entrée : valider · "
                 "Échap : retour à la bibliothèque (progression enregistrée)")

    def on_action(self, action: str) -> Transition | None:
        ch = self.current()
        if action.startswith("q-"):  # a choice changed: nothing to recompute until « Calculer »
            if action == "q-chart" and self.result is not None:
                self.rebuild(focus_action="q-chart")
            return None
        if action == "add-filter":
            w = self.inputs
            if w["filter_column"].index is None:
                self.query_error = _("Choisissez d'abord la colonne à filtrer (flèches gauche et droite).")
            else:
                column = self.work.table.header[w["filter_column"].index]
                self.filters.append(Filter(column, list(OPERATORS)[w["filter_op"].index or 0], w["filter_value"].value.strip()))
                w["filter_value"].value = ""
                self.query_error = ""
            self.rebuild(focus_action="run")
            return None
        if action == "drop-filter":
            if self.filters:
                self.filters.pop()
            self.rebuild(focus_action="drop-filter" if self.filters else "add-filter")
            return None
        if action == "clear-filters":
            self.filters.clear()
            self.rebuild(focus_action="add-filter")
            return None
        if action == "run":
            self.exported = ""
            try:
                self.result = self.session.reuse_query(self.query(), ch.id)
                self.query_error = ""
            except QueryError as e:
                self.result = None
                self.query_error = render(e.message) + (" " + render(e.hint) if getattr(e, "hint", None) else "")
            self.rebuild(focus_action="run")
            self.show_outcome()
            return None
        if action == "export" and self.chart is not None:
            self.exported = self.export_chart(ch)
            self.rebuild(focus_action="export")
            return None
        if action == "answer":
            given = self.inputs["answer"].value.strip()
            if not given:
                self.answer_error = _("Écrivez votre réponse avant de valider.")
                self.rebuild(focus_action="answer")
                return None
            if ch.answer_kind == "number" and parse_number(given) is None:  # not graded: asked again
                self.answer_error = _("« {answer} » n'est pas un nombre : écrivez-le en chiffres, par exemple 12 000 "
                                      "ou 12 000,50.").format(answer=given)
                self.rebuild(focus_action="answer")
                return None
            check = self.session.reuse_answer(ch.id, given)
            self.answer_error = ""
            if not check.ok:
                self.answer_error = render(check.message)
            self.rebuild(focus_action="next")
            return None
        if action == "unanswerable":
            self.session.reuse_unanswerable(ch.id)
            return self.advance()
        if action == "next":
            return self.advance()
        return None

    def show_outcome(self) -> None:
        """After « Lancer la requête »: the result (or the error) comes into view, then the button."""
        if self.form is None:
            return
        target = next((w for w in self.form.widgets if isinstance(w, Label) and w.tone == "error"
                       and w.text == self.query_error), None) if self.query_error else getattr(self, "result_label", None)
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
        self.filters, self.result, self.inputs = [], None, {}
        self.query_error = self.answer_error = self.exported = ""
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

    def handle(self, intent: I.Intent) -> Transition | None:
        return super().handle(intent)


def _result_header(group_by: tuple[str, ...], aggregate: str, measure: str, header: list[str]) -> tuple[str, ...]:
    from game.core.reuse import result_header

    return result_header(Query(group_by=group_by, aggregate=aggregate, measure=measure), header)
