"""The report as one self-contained HTML page: no external asset (a Content-Security-Policy makes any
one fail), inline CSS and SVG, tables with captions and header scopes, every value escaped."""

from __future__ import annotations

from game.core.publish_statements import CRITERIA_NAMES
from game.core.report import (
    FINISHED,
    IN_PROGRESS,
    INSUFFICIENT,
    LEVELS,
    NOT_STARTED,
    STARTED,
    TO_DISCOVER,
    Report,
)
from game.i18n import Translator

from . import names
from .attendance import attendance_lines
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
from .personal import render_personal
from .style import INK, LEVEL_FILL, STATUS_FILL
from .svg import Row, Series, legend, stacked_bars
from .why import why_section


def render_html(report: Report, tr: Translator) -> str:
    """The trainer's group report; the learner's own report when ``report.learner`` is set."""
    if report.learner is not None:
        return render_personal(report, tr)
    _ = tr.gettext
    fw = report.framework
    meta = [_("Référentiel : {framework} (version {version})").format(framework=fw.title.get(tr.language), version=fw.version),
            _("Généré le {date}").format(date=generated_on(report, tr)),
            tr.ngettext("{n} participant", "{n} participants", len(report.participants)).format(n=tr.number(len(report.participants))),
            tr.ngettext("{n} relevé", "{n} relevés", report.statements).format(n=tr.number(report.statements)),
            *ignored_note(report, tr), *names.mode_note(report, tr)]
    if not report.participants:
        empty = _("Personne n'a encore participé : aucun relevé pour ce groupe.")
        body = f'<p class="empty">{e(empty)}</p>\n'
    else:
        links = [("participation", _("Participation et progression")), ("competences", _("Niveaux par compétence")),
                 ("pourquoi", _("Pourquoi ces niveaux ?")), ("besoins", _("Besoins de formation")),
                 ("erreurs", _("Erreurs les plus fréquentes"))]
        body = "".join([_attendance(report, tr), nav(links, tr), _participation(report, tr), _levels(report, tr),
                        why_section(report, tr, personal=False), _needs(report, tr), _errors(report, tr)])
    return page(report, tr, meta, body)


def _attendance(report: Report, tr: Translator) -> str:
    """Who was expected and left no record, first thing on the page (``report --expected``)."""
    lines = attendance_lines(report, tr)
    missing = report.attendance is not None and (report.attendance.absent or report.attendance.unlisted)
    return "".join(f'<p class="{"alert" if missing else "note"}">{e(line)}</p>\n' for line in lines)


def _participation(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    people, infos = report.participants, report.scenarios
    finished = sum(p.finished for p in people)
    total = sum(p.seconds for p in people)
    summary = tr.ngettext(
        "{finished} scénario terminé sur {total} ; temps passé : {time} en tout, {mean} en moyenne par participant.",
        "{finished} scénarios terminés sur {total} ; temps passé : {time} en tout, {mean} en moyenne par participant.",
        finished).format(
        finished=tr.number(finished), total=tr.number(len(people) * len(infos)), time=names.duration(total, tr),
        mean=names.duration(total / len(people), tr))
    order = (FINISHED, STARTED, NOT_STARTED)
    series = [Series(_(names.STATUS[s]), *STATUS_FILL[s]) for s in order]
    bars = []
    for info in infos:
        done = report.completion(info.id)
        label = tr.scenario(info.title)
        counts = tuple(done[s] for s in order)
        detail = ", ".join(f"{s.name} : {tr.number(n)}" for s, n in zip(series, counts, strict=True))
        bars.append(Row(label, counts, f"{label} — {detail}"))
    chart = stacked_bars("completion", _("Avancement par scénario"), " ; ".join(b.tooltip for b in bars), series, bars)
    rows = []
    for p in people:
        cells = []
        for pr in p.progress:
            bits = [names.duration(pr.seconds, tr)] if pr.status != NOT_STARTED else []
            if pr.score is not None:
                bits.insert(0, tr.percent(pr.score))
            if pr.operations is not None:  # how the cleaning was done: shown, never scored
                used, reference = pr.operations
                bits.append(tr.ngettext("{n} opération (référence : {reference})",
                                        "{n} opérations (référence : {reference})", used).format(
                    n=tr.number(used), reference=tr.number(reference)))
            if pr.mode in names.MODE_NAMES and pr.status != NOT_STARTED:
                bits.append(_(names.MODE_NAMES[pr.mode]))
            if pr.blocked:  # « Pas encore » whatever the score: personal data online…
                bits.append(_("critère bloquant manqué : {criteria}").format(
                    criteria=", ".join(_(CRITERIA_NAMES.get(c, c)) for c in pr.blocked)))
            status = _(names.STATUS[pr.status])
            cells.append(f'<td><span class="st st-{pr.status}">{e(status)}</span>{small(" · ".join(bits))}</td>')
        rows.append(f'<tr><th scope="row">{e(p.learner)}</th>{"".join(cells)}'
                    f'<td class="n">{e(tr.number(p.finished))}</td><td class="n">{e(names.duration(p.seconds, tr))}</td></tr>')
    absent = _("absent·e : aucun relevé")
    for name in report.attendance.missing if report.attendance is not None else ():
        rows.append(f'<tr class="absent"><th scope="row">{e(name)}</th><td colspan="{len(infos) + 2}">'
                    f'<span class="st st-non-commence">{e(absent)}</span></td></tr>')
    headers = [_("Pseudonyme"), *(tr.scenario(i.title) for i in infos), _("Scénarios terminés"), _("Temps passé")]
    table = data_table(_("Participants : avancement, score et temps passé par scénario"), headers, rows)
    if len(people) == 1:  # one person's report: the table says it all
        chart = ""
    return section("participation", _("Participation et progression"),
                    f'<p>{e(summary)}</p>\n{chart and chart + legend(series)}\n{table}')


def _levels(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw = report.framework
    series = [Series(names.level_name(fw, lv, tr), LEVEL_FILL[lv], INK) for lv in LEVELS]
    bars = []
    for s in report.summaries:
        counts = tuple(s.count(lv) for lv in LEVELS)
        label = f"{s.competency} — {names.competency_title(fw, s.competency, tr)}"
        detail = ", ".join(f"{x.name} : {tr.number(n)}" for x, n in zip(series, counts, strict=True) if n)
        bars.append(Row(label, counts, f"{label} — {detail}"))
    chart = stacked_bars("levels", _("Nombre d'apprenants à chaque niveau, par compétence"),
                         " ; ".join(b.tooltip for b in bars), series, bars)
    head = "".join(f'<th scope="col"><abbr title="{e(names.competency_title(fw, c, tr))}">{e(c)}</abbr></th>'
                   for c in report.competencies)
    rows, cells = [], iter(report.cells)
    for p in report.participants:
        tds = []
        for _c in report.competencies:
            cell = next(cells)
            score = small(tr.percent(cell.score)) if cell.score is not None else ""
            tds.append(f'<td class="lv lv-{cell.level}">{e(names.level_name(fw, cell.level, tr))}{score}</td>')
        rows.append(f'<tr><th scope="row">{e(p.learner)}</th>{"".join(tds)}</tr>')
    caption = _("Niveau de chaque apprenant par compétence (et score moyen des réponses notées)")
    first = _("Pseudonyme")
    table = (f'<div class="scroll"><table class="heat"><caption>{e(caption)}</caption><thead><tr>'
             f'<th scope="col">{e(first)}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>\n')
    keys = "".join(f'<dt>{e(c)}</dt><dd>{e(names.competency_title(fw, c, tr))}</dd>' for c in report.competencies)
    if len(report.participants) == 1:
        chart = ""
    return section("competences", _("Niveaux par compétence"),
                    f'{chart and chart + legend(series)}\n{table}<dl class="keys">{keys}</dl>\n')


def _needs(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw = report.framework
    if not report.needs:
        none = _("Aucun besoin repéré : chaque compétence est acquise ou maîtrisée.")
        return section("besoins", _("Besoins de formation"), f'<p>{e(none)}</p>\n')
    rows = []
    for n in report.needs:
        rows.append(f'<tr><th scope="row">{e(n.competency)} — {e(names.competency_title(fw, n.competency, tr))}</th>'
                    f'<td class="n">{e(tr.number(len(n.learners)))}{small(", ".join(n.learners))}</td>'
                    f'<td class="n">{e(tr.number(len(n.to_discover)))}</td>'
                    f'<td class="n">{e(tr.number(len(n.insufficient)))}{small(", ".join(n.insufficient))}</td>'
                    f'<td>{resource_list(n.resources, tr)}</td></tr>')
    discover, progress = names.level_name(fw, TO_DISCOVER, tr), names.level_name(fw, IN_PROGRESS, tr)
    intro = _("Les compétences à travailler, de la plus demandée à la moins demandée : apprenants « {a} » ou « {b} », "
              "puis ceux pour qui les éléments manquent encore.").format(a=discover, b=progress)
    headers = [_("Compétence"), _("À travailler"), _("dont « {level} »").format(level=discover),
               names.level_name(fw, INSUFFICIENT, tr), _("Ressources recommandées")]
    table = data_table(_("Besoins de formation par compétence, avec les ressources recommandées"), headers, rows)
    return section("besoins", _("Besoins de formation"), f'<p>{e(intro)}</p>\n{table}')


def _errors(report: Report, tr: Translator) -> str:
    return errors_section(report, tr, personal=False)
