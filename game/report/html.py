"""The report as one self-contained HTML page: no external asset (a Content-Security-Policy makes any
one fail), inline CSS and SVG, tables with captions and header scopes, every value escaped."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

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
from .style import CSS, INK, LEVEL_FILL, STATUS_FILL
from .svg import Row, Series, legend, stacked_bars

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def e(text: object) -> str:
    return escape(str(text), quote=True)


def title_of(report: Report, tr: Translator) -> str:
    if report.learner is not None:
        return tr.gettext("Rapport de {pseudonym}").format(pseudonym=report.learner)
    if report.group:
        return tr.gettext("Rapport de l'atelier {code}").format(code=report.group)
    return tr.gettext("Rapport de groupe")


def _when(report: Report, tr: Translator) -> str:
    try:
        when = datetime.fromisoformat(report.generated_at)
    except ValueError:
        return report.generated_at
    return tr.date((when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(), "medium")


def render_html(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw = report.framework
    title = title_of(report, tr)
    meta = [_("Référentiel : {framework} (version {version})").format(framework=fw.title.get(tr.language), version=fw.version),
            _("Généré le {date}").format(date=_when(report, tr)),
            tr.ngettext("{n} participant", "{n} participants", len(report.participants)).format(n=tr.number(len(report.participants))),
            tr.ngettext("{n} relevé", "{n} relevés", report.statements).format(n=tr.number(report.statements))]
    if report.ignored:
        meta.append(tr.ngettext("{n} relevé ignoré (sans apprenant ou sans scénario)",
                                "{n} relevés ignorés (sans apprenant ou sans scénario)", report.ignored)
                    .format(n=tr.number(report.ignored)))
    parts = [f'<!doctype html>\n<html lang="{e(tr.language)}">\n<head>\n<meta charset="utf-8">\n'
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f'<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n'
             f'<header><h1>{e(title)}</h1><p class="meta">{" · ".join(e(m) for m in meta)}</p></header>\n<main>\n']
    if not report.participants:
        empty = (_("Aucun relevé pour cet apprenant : rien à montrer pour l'instant.") if report.learner is not None
                 else _("Personne n'a encore participé : aucun relevé pour ce groupe."))
        parts.append(f'<p class="empty">{e(empty)}</p>\n')
    else:
        parts.append(_nav(tr))
        parts += [_participation(report, tr), _levels(report, tr), _needs(report, tr), _errors(report, tr)]
    foot = _("Niveaux calculés d'après le référentiel : sous {n} éléments notés pour une compétence, le niveau est "
             "« {level} ».").format(
        level=names.level_name(fw, INSUFFICIENT, tr), n=tr.number(fw.thresholds.min_evidence))
    made = _("Produit par Explorateurs des données.")
    parts.append(f'</main>\n<footer><p>{e(made)} {e(foot)}</p></footer>\n</body>\n</html>\n')
    return "".join(parts)


def _nav(tr: Translator) -> str:
    _ = tr.gettext
    links = [("participation", _("Participation et progression")), ("competences", _("Niveaux par compétence")),
             ("besoins", _("Besoins de formation")), ("erreurs", _("Erreurs les plus fréquentes"))]
    items = "".join(f'<li><a href="#{k}">{e(v)}</a></li>' for k, v in links)
    label = _("Sommaire")
    return f'<nav aria-label="{e(label)}"><ol>{items}</ol></nav>\n'


def _section(key: str, heading: str, body: str) -> str:
    return f'<section id="{key}" aria-labelledby="h-{key}"><h2 id="h-{key}">{e(heading)}</h2>\n{body}</section>\n'


def _table(caption: str, headers: list[str], rows: list[str], cls: str = "") -> str:
    """Headers are plain text (escaped here); rows are ready ``<tr>`` markup."""
    ths = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    klass = f' class="{cls}"' if cls else ""
    return (f'<div class="scroll"><table{klass}><caption>{e(caption)}</caption><thead><tr>{ths}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>\n')


def _small(text: str) -> str:
    return f'<span class="small">{e(text)}</span>' if text else ""


def _participation(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    people, infos = report.participants, report.scenarios
    finished = sum(p.finished for p in people)
    total = sum(p.seconds for p in people)
    summary = _("{finished} scénario(s) terminé(s) sur {total} ; temps passé : {time} en tout, {mean} en moyenne par participant.").format(
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
            status = _(names.STATUS[pr.status])
            cells.append(f'<td><span class="st st-{pr.status}">{e(status)}</span>{_small(" · ".join(bits))}</td>')
        rows.append(f'<tr><th scope="row">{e(p.learner)}</th>{"".join(cells)}'
                    f'<td class="n">{e(tr.number(p.finished))}</td><td class="n">{e(names.duration(p.seconds, tr))}</td></tr>')
    headers = [_("Pseudonyme"), *(tr.scenario(i.title) for i in infos), _("Scénarios terminés"), _("Temps passé")]
    table = _table(_("Participants : avancement, score et temps passé par scénario"), headers, rows)
    if len(people) == 1:  # one person's report: the table says it all
        chart = ""
    return _section("participation", _("Participation et progression"),
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
            score = _small(tr.percent(cell.score)) if cell.score is not None else ""
            tds.append(f'<td class="lv lv-{cell.level}">{e(names.level_name(fw, cell.level, tr))}{score}</td>')
        rows.append(f'<tr><th scope="row">{e(p.learner)}</th>{"".join(tds)}</tr>')
    caption = _("Niveau de chaque apprenant par compétence (et score moyen des réponses notées)")
    first = _("Pseudonyme")
    table = (f'<div class="scroll"><table class="heat"><caption>{e(caption)}</caption><thead><tr>'
             f'<th scope="col">{e(first)}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>\n')
    keys = "".join(f'<dt>{e(c)}</dt><dd>{e(names.competency_title(fw, c, tr))}</dd>' for c in report.competencies)
    if len(report.participants) == 1:
        chart = ""
    return _section("competences", _("Niveaux par compétence"),
                    f'{chart and chart + legend(series)}\n{table}<dl class="keys">{keys}</dl>\n')


def _needs(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw = report.framework
    if not report.needs:
        none = _("Aucun besoin repéré : chaque compétence est acquise ou maîtrisée.")
        return _section("besoins", _("Besoins de formation"), f'<p>{e(none)}</p>\n')
    rows = []
    for n in report.needs:
        links = "".join(f'<li>{_link(r.title.get(tr.language), r.url)}</li>' for r in n.resources)
        rows.append(f'<tr><th scope="row">{e(n.competency)} — {e(names.competency_title(fw, n.competency, tr))}</th>'
                    f'<td class="n">{e(tr.number(len(n.learners)))}{_small(", ".join(n.learners))}</td>'
                    f'<td class="n">{e(tr.number(len(n.to_discover)))}</td>'
                    f'<td class="n">{e(tr.number(len(n.insufficient)))}{_small(", ".join(n.insufficient))}</td>'
                    f'<td><ul class="res">{links}</ul></td></tr>')
    discover, progress = names.level_name(fw, TO_DISCOVER, tr), names.level_name(fw, IN_PROGRESS, tr)
    intro = _("Les compétences à travailler, de la plus demandée à la moins demandée : apprenants « {a} » ou « {b} », "
              "puis ceux pour qui les éléments manquent encore.").format(a=discover, b=progress)
    headers = [_("Compétence"), _("À travailler"), _("dont « {level} »").format(level=discover),
               names.level_name(fw, INSUFFICIENT, tr), _("Ressources recommandées")]
    table = _table(_("Besoins de formation par compétence, avec les ressources recommandées"), headers, rows)
    return _section("besoins", _("Besoins de formation"), f'<p>{e(intro)}</p>\n{table}')


def _link(title: str, url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{e(url)}">{e(title)}</a>'
    return e(f"{title} — {url}" if url else title)


def _errors(report: Report, tr: Translator) -> str:
    _ = tr.gettext
    fw = report.framework
    headers = [_("Type"), _("Erreur ou question"), _("Réponse donnée"), _("Réponse attendue"), _("Scénario"),
               _("Apprenants")]
    blocks = []
    for c in report.competencies:
        rows = []
        for err in report.errors_for(c):
            r = names.error_row(report, err, tr)
            rows.append(f'<tr><td>{e(r.kind)}</td><th scope="row">{e(r.what)}</th><td>{e(r.answer or "—")}</td>'
                        f'<td>{e(r.expected or "—")}</td><td>{e(r.where or "—")}</td>'
                        f'<td class="n">{e(tr.number(len(err.learners)))}{_small(", ".join(err.learners))}</td></tr>')
        if rows:
            heading = f"{c} — {names.competency_title(fw, c, tr)}"
            caption = _("Erreurs les plus fréquentes — {competency}").format(competency=c)
            blocks.append(f'<h3>{e(heading)}</h3>{_table(caption, headers, rows)}')
    none = _("Aucune erreur relevée.")
    return _section("erreurs", _("Erreurs les plus fréquentes"), "".join(blocks) or f'<p>{e(none)}</p>\n')
