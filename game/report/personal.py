"""The learner's own report (``report.learner`` set): the group report's page, worded for one person —
my progress, my competencies, what to work on, my most frequent errors; no head count, no averages
over participants, no column of learners."""

from __future__ import annotations

from game.core.report import (
    ACQUIRED,
    IN_PROGRESS,
    INSUFFICIENT,
    LEVELS,
    MASTERED,
    NOT_STARTED,
    TO_DISCOVER,
    Cell,
    Report,
)
from game.i18n import Translator

from . import names
from .markup import (
    data_table,
    e,
    errors_section,
    generated_on,
    ignored_note,
    nav,
    page,
    resource_list,
    section,
    small,
)
from .style import LEVEL_FILL
from .svg import Bar, Series, legend, score_bars
from .why import why_section

DASH = "—"


def render_personal(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw = report.framework
    meta = [_("Référentiel : {framework} (version {version})").format(framework=fw.title.get(tr.language), version=fw.version)]
    if report.group:
        meta.append(_("Atelier {code}").format(code=report.group))
    meta += [tr.ngettext("{n} relevé", "{n} relevés", report.statements).format(n=tr.number(report.statements)),
             _("Généré le {date}").format(date=generated_on(report, tr)), *ignored_note(report, tr),
             *names.mode_note(report, tr)]
    if not report.participants:
        empty = _("Aucun relevé pour cet apprenant : rien à montrer pour l'instant.")
        return page(report, tr, meta, f'<p class="empty">{e(empty)}</p>\n')
    links = [("avancement", _("Mon avancement")), ("competences", _("Mes compétences")),
             ("pourquoi", _("Pourquoi ces niveaux ?")), ("a-travailler", _("À travailler")),
             ("erreurs", _("Mes erreurs les plus fréquentes"))]
    body = "".join([nav(links, tr), _progress(report, tr), _competencies(report, tr),
                    why_section(report, tr, personal=True), _to_work_on(report, tr), _errors(report, tr)])
    return page(report, tr, meta, body)


def _mine(report: Report) -> list[Cell]:
    return [c for c in report.cells if c.learner == report.learner]


def _progress(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    me = report.participants[0]
    summary = tr.ngettext("{finished} scénario terminé sur {total} ; temps passé : {time} en tout.",
                          "{finished} scénarios terminés sur {total} ; temps passé : {time} en tout.", me.finished).format(
        finished=tr.number(me.finished), total=tr.number(len(me.progress)), time=names.duration(me.seconds, tr))
    rows = []
    for info, pr in zip(report.scenarios, me.progress, strict=True):
        status = _(names.STATUS[pr.status])
        score = tr.percent(pr.score) if pr.score is not None else DASH
        spent = names.duration(pr.seconds, tr) if pr.status != NOT_STARTED else DASH
        rows.append(f'<tr><th scope="row">{e(tr.scenario(info.title))}</th>'
                    f'<td><span class="st st-{pr.status}">{e(status)}</span></td>'
                    f'<td class="n">{e(score)}</td><td class="n">{e(spent)}</td></tr>')
    table = data_table(_("Mes scénarios : état, score et temps passé"),
                       [_("Scénario"), _("État"), _("Score"), _("Temps passé")], rows)
    return section("avancement", _("Mon avancement"), f'<p>{e(summary)}</p>\n{table}')


def _competencies(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw, th = report.framework, report.framework.thresholds
    rows, bars = [], []
    for cell in _mine(report):
        title = names.competency_title(fw, cell.competency, tr)
        level = names.level_name(fw, cell.level, tr)
        score = tr.percent(cell.score) if cell.score is not None else DASH
        rows.append(f'<tr><th scope="row">{e(cell.competency)} — {e(title)}</th>'
                    f'<td class="lv lv-{cell.level}">{e(level)}</td><td class="n">{e(score)}</td>'
                    f'<td class="n">{e(tr.number(cell.evidence))}</td></tr>')
        label = f"{cell.competency} — {title}"
        bars.append(Bar(label, cell.score, LEVEL_FILL.get(cell.level, LEVEL_FILL[INSUFFICIENT]), score,
                        f"{label} — {score}, {level}"))
    table = data_table(_("Mon niveau par compétence, mon score moyen et le nombre d'éléments notés"),
                       [_("Compétence"), _("Niveau"), _("Score moyen"), _("Éléments notés")], rows)
    chart = ""
    if any(c.score is not None for c in _mine(report)):
        marks = [(0.0, tr.percent(0)), (th.en_cours, tr.percent(th.en_cours)), (th.acquis, tr.percent(th.acquis)),
                 (th.maitrise, tr.percent(th.maitrise)), (1.0, tr.percent(1))]
        chart = score_bars("scores", _("Mon score moyen par compétence"), " ; ".join(b.tooltip for b in bars),
                           bars, marks)
        shown = {c.level for c in _mine(report)}
        key = legend([Series(names.level_name(fw, lv, tr), LEVEL_FILL[lv], "") for lv in LEVELS if lv in shown])
        lines = _("Traits pointillés : les seuils des niveaux — « {a} » dès {x}, « {b} » dès {y}, « {c} » dès {z} "
                  "(et au moins {n} éléments notés).").format(
            a=names.level_name(fw, IN_PROGRESS, tr), b=names.level_name(fw, ACQUIRED, tr),
            c=names.level_name(fw, MASTERED, tr), x=tr.percent(th.en_cours), y=tr.percent(th.acquis),
            z=tr.percent(th.maitrise), n=tr.number(th.maitrise_min_evidence))
        chart = f'{chart}{key}<p class="small">{e(lines)}</p>\n'
    return section("competences", _("Mes compétences"), f'{chart}{table}')


def _to_work_on(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw = report.framework
    if not report.needs:
        none = _("Rien à travailler en priorité : chaque compétence est acquise ou maîtrisée.")
        return section("a-travailler", _("À travailler"), f'<p>{e(none)}</p>\n')
    cells = {c.competency: c for c in _mine(report)}
    target = names.level_name(fw, ACQUIRED, tr)
    rows = []
    for need in report.needs:
        cell = cells[need.competency]
        comp = fw.competency(need.competency)
        if cell.level == INSUFFICIENT:
            now = tr.ngettext("{n} élément noté : il en faut au moins {min} pour situer un niveau.",
                              "{n} éléments notés : il en faut au moins {min} pour situer un niveau.", cell.evidence).format(
                n=tr.number(cell.evidence), min=tr.number(fw.thresholds.min_evidence))
        else:
            here = comp.descriptor(cell.level) if comp else None
            now = here.get(tr.language) if here else ""
        goal = comp.descriptor(ACQUIRED) if comp else None
        aim = _("Objectif « {level} » : {descriptor}").format(level=target, descriptor=goal.get(tr.language)) if goal else ""
        rows.append(f'<tr><th scope="row">{e(need.competency)} — {e(names.competency_title(fw, need.competency, tr))}</th>'
                    f'<td class="lv lv-{cell.level}">{e(names.level_name(fw, cell.level, tr))}</td>'
                    f'<td>{e(now)}{small(aim)}</td><td>{resource_list(need.resources, tr)}</td></tr>')
    intro = _("Les compétences où mon niveau est « {a} » ou « {b} », puis celles où les éléments manquent encore pour "
              "le situer ; avec ce que cela veut dire et les ressources recommandées par le référentiel.").format(
        a=names.level_name(fw, TO_DISCOVER, tr), b=names.level_name(fw, IN_PROGRESS, tr))
    table = data_table(_("Les compétences à travailler, avec les ressources recommandées"),
                       [_("Compétence"), _("Mon niveau"), _("Ce que cela veut dire"), _("Ressources recommandées")], rows)
    return section("a-travailler", _("À travailler"), f'<p>{e(intro)}</p>\n{table}')


def _errors(report: Report, tr: Translator) -> str:
    return errors_section(report, tr, personal=True)
