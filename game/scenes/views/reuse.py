"""What the reuse desk shows for one reuser's question: who asks what, then either the query
builder (the filters set, the result as a table and a chart, what went wrong), the reuser's
word when the published table cannot answer, or the learner's answer once graded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from game.core.reuse import (
    OPERATORS,
    Filter,
    Query,
    QueryError,
    QueryResult,
    place,
    place_columns,
    result_series,
)
from game.core.scenario import Challenge, ReuseStep, Scenario
from game.i18n import _, active, render
from game.play.reuse import ReuseWork, Verdict

from .text import Line, sources_text, tr_s

#: rows of a result shown as text (the count says how many more)
MAX_ROWS_SHOWN = 12
#: charts offered, in the builder's order
CHARTS = ("bar", "line", "map")


@dataclass(frozen=True, slots=True)
class DeskState:
    """What the screen holds for the question on the desk: the filters added, the last result,
    what went wrong, the chart exported, and the chart chosen (one of :data:`CHARTS`)."""

    filters: tuple[Filter, ...] = ()
    result: QueryResult | None = None
    query_error: str = ""
    answer_error: str = ""
    exported: str = ""
    chart: str = "bar"


@dataclass(frozen=True, slots=True)
class ChartModel:
    """A chart to draw: bars or a line (``series``), or points on a map (``points``)."""

    kind: str
    series: tuple[tuple[str, float], ...] = ()
    points: tuple[tuple[float, float, str], ...] = ()
    title: str = ""
    x_label: str = ""
    y_label: str = ""
    empty_text: str = ""


@dataclass(frozen=True, slots=True)
class ResultView:
    heading: str  # « Résultat : n ligne(s) »
    no_match: str  # why no row matches the filters ("" when some do)
    table: str  # the header and the first rows, one line each
    skipped: str  # values left out of the computation ("" when none)
    chart: ChartModel | None
    map_note: str  # rows that could not be placed on the map ("" when none)
    exported: str  # where the chart was saved ("" until it is)


@dataclass(frozen=True, slots=True)
class BuilderView:
    rows: str  # what to do, on how many rows
    filters: str  # « Filtres : … » ("" when none is set)
    filter_count: int
    query_error: str
    result: ResultView | None
    answer_error: str


@dataclass(frozen=True, slots=True)
class CannotView:
    """The published table cannot answer: the reuser says so, and why."""

    said: str
    why: str
    blame: str  # the step where the problem was born ("" when unknown)
    button: str


@dataclass(frozen=True, slots=True)
class OutcomeView:
    """The question answered (or left without an answer)."""

    verdict: Line
    graded: bool  # the learner's answer was graded (not left without one)
    explanation: str
    sources: str
    button: str
    can_retry: bool = False  # practice mode, the answer wrong: « Réessayer » (the expected answer not given yet)


@dataclass(frozen=True, slots=True)
class ReuseDeskView:
    intro: str  # the step's intro, before the first question only
    counter: str  # « Question n sur total »
    asker: str  # « who demande : »
    question: str
    body: BuilderView | CannotView | OutcomeView


def open_question(step: ReuseStep, answered: Callable[[str], bool]) -> int:
    """The question to put on the desk: the first one not answered yet, else the last one."""
    return next((i for i, c in enumerate(step.challenges) if not answered(c.id)), len(step.challenges) - 1)


def default_chart(ch: Challenge) -> int:
    """The chart offered first for a question: the one its author chose, else bars."""
    return CHARTS.index(ch.chart) if ch.chart in CHARTS else 0


def who(scenario: Scenario, ch: Challenge) -> str:
    c = scenario.character(ch.who)
    if c is None:
        return ch.who
    return f"{tr_s(c.name)} ({tr_s(c.role)})" if c.role else tr_s(c.name)


def cell_text(value: Any) -> str:
    """A result cell in the learner's language (numbers by babel)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return active().number(value)
    return str(value)


def filters_text(filters: tuple[Filter, ...]) -> str:
    return _("Filtres : {filters}").format(filters=" ; ".join(
        f"{f.column} {_(OPERATORS.get(f.op, f.op))} {f.value}".strip() for f in filters)) if filters else ""


def _map(work: ReuseWork, ch: Challenge, filters: tuple[Filter, ...]) -> tuple[ChartModel, str]:
    """The rows matching the filters on a map, placed by the table's coordinate columns; and how
    many rows could not be placed."""
    fmt = active().number
    table = work.table
    try:
        rows = work.run(Query(filters=filters)) if filters else table
    except QueryError:
        rows = None
    columns = place_columns(table.header) if rows is not None else None
    if rows is None or columns is None:
        return ChartModel("map", empty_text=_("Le fichier publié n'a pas de colonnes de coordonnées (latitude, longitude).")), ""
    found = place(rows, columns)
    note = _("{n} ligne(s) sans coordonnées valables n'ont pas pu être placées.").format(
        n=fmt(found.skipped)) if found.skipped else ""
    return ChartModel("map", points=tuple((p.lat, p.lon, p.label) for p in found.points), title=tr_s(ch.question),
                      empty_text=_("Aucun point à placer.")), note


def _chart(work: ReuseWork, ch: Challenge, state: DeskState, r: QueryResult) -> tuple[ChartModel | None, str]:
    if state.chart == "map":
        return _map(work, ch, state.filters)
    series = result_series(r, state.chart)
    if series is None or not series.pairs:
        return None, ""
    return ChartModel(state.chart, series=series.pairs, title=tr_s(ch.question), x_label=r.header[0],
                      y_label=r.header[-1], empty_text=_("Rien à dessiner.")), ""


def present_result(work: ReuseWork, ch: Challenge, state: DeskState, r: QueryResult) -> ResultView:
    fmt = active().number
    lines = [" | ".join(r.header)]
    lines += [" | ".join(cell_text(v) for v in row) for row in r.rows[:MAX_ROWS_SHOWN]]
    if len(r.rows) > MAX_ROWS_SHOWN:
        lines.append(_("… et {n} autre(s) ligne(s)").format(n=fmt(len(r.rows) - MAX_ROWS_SHOWN)))
    chart, note = _chart(work, ch, state, r)
    return ResultView(
        heading=_("Résultat : {n} ligne(s)").format(n=fmt(len(r.rows))),
        no_match=_("Aucune ligne du fichier ne correspond aux filtres : vérifiez la valeur cherchée "
                   "(« est égal à » tient compte des majuscules, « contient » non).") if r.rows_matched == 0 else "",
        table="\n".join(lines),
        skipped=_("{n} valeur(s) ne sont pas des nombres et n'ont pas été comptées, par exemple « {example} ».").format(
            n=fmt(r.skipped), example=(r.skipped_examples or ("",))[0]) if r.skipped else "",
        chart=chart,
        map_note=note,
        exported=state.exported,
    )


def _outcome(scenario: Scenario, ch: Challenge, done: Mapping[str, Any], last: bool, can_retry: bool = False) -> OutcomeView:
    can_retry = can_retry and not done.get("ok") and not done.get("unanswerable")
    if can_retry:  # the learner may find it: the expected answer is not given yet
        verdict = Line(_("Votre réponse : {answer} — à revoir.").format(answer=done.get("given", "")), "error")
    elif done.get("unanswerable"):
        verdict = Line(_("Question restée sans réponse : {reason}").format(reason=done.get("reason", "")), "error")
    elif done.get("ok"):
        verdict = Line(_("Votre réponse : {answer} — c'est juste.").format(answer=done.get("given", "")), "success")
    else:
        expected = str(done.get("expected", ""))
        try:
            expected = active().number(float(expected)) if ch.answer_kind == "number" else expected
        except ValueError:
            pass
        verdict = Line(_("Votre réponse : {answer} — à revoir. La réponse, calculée sur le fichier que vous avez publié : {expected}").format(
            answer=done.get("given", ""), expected=expected), "error")
    return OutcomeView(verdict, not done.get("unanswerable"), tr_s(ch.explanation) if ch.explanation else "",
                       sources_text(scenario, ch.sources), _("Continuer") if last else _("Question suivante"), can_retry)


def _cannot(scenario: Scenario, ch: Challenge, verdict: Verdict, last: bool) -> CannotView:
    blame = ""
    if ch.blame and scenario.has_step(ch.blame):
        blame = _("Le problème est né à l'étape « {step} ».").format(step=tr_s(scenario.step(ch.blame).title))
    return CannotView(tr_s(ch.cannot) if ch.cannot else _("Avec le fichier que vous avez publié, je ne peux pas répondre."),
                      _("Pourquoi : {reason}").format(reason=render(verdict.reason)), blame,
                      _("Compris : question suivante") if not last else _("Compris"))


def present(scenario: Scenario, step: ReuseStep, work: ReuseWork, index: int, done: Mapping[str, Any] | None,
            state: DeskState, can_retry: bool = False) -> ReuseDeskView:
    """The desk for question ``index`` of ``step``; ``done``: its latest recorded answer (None until
    answered, or while it is tried again); ``can_retry``: practice mode, a wrong answer may be tried again."""
    ch = step.challenges[index]
    last = index == len(step.challenges) - 1
    body: BuilderView | CannotView | OutcomeView
    if done is not None:
        body = _outcome(scenario, ch, done, last, can_retry)
    else:
        verdict = work.verdict(ch)
        if verdict.expected is None:
            body = _cannot(scenario, ch, verdict, last)
        else:
            body = BuilderView(
                rows=_("Construisez une requête sur le fichier que vous avez publié ({rows} lignes), puis répondez.").format(
                    rows=active().number(work.table.nrows)),
                filters=filters_text(state.filters), filter_count=len(state.filters), query_error=state.query_error,
                result=present_result(work, ch, state, state.result) if state.result is not None else None,
                answer_error=state.answer_error)
    return ReuseDeskView(
        intro=tr_s(step.intro) if step.intro and index == 0 else "",
        counter=_("Question {n} sur {total}").format(n=index + 1, total=len(step.challenges)),
        asker=_("{who} demande :").format(who=who(scenario, ch)),
        question=_("« {question} »").format(question=tr_s(ch.question)),
        body=body,
    )
