"""What the group report and the learner's own report share: the page around the sections (head with its
Content-Security-Policy, header, footer), sections, tables with captions and header scopes, links; every
value escaped here."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from game.core.framework import Resource
from game.core.report import INSUFFICIENT, Report
from game.i18n import Translator

from . import names
from .style import CSS

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def e(text: object) -> str:
    return escape(str(text), quote=True)


def title_of(report: Report, tr: Translator) -> str:
    if report.learner is not None:
        return tr.gettext("Rapport de {pseudonym}").format(pseudonym=report.learner)
    if report.group:
        return tr.gettext("Rapport de l'atelier {code}").format(code=report.group)
    return tr.gettext("Rapport de groupe")


def generated_on(report: Report, tr: Translator) -> str:
    try:
        at = datetime.fromisoformat(report.generated_at)
    except ValueError:
        return report.generated_at
    return tr.date((at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(), "medium")


def ignored_note(report: Report, tr: Translator) -> list[str]:
    if not report.ignored:
        return []
    return [tr.ngettext("{n} relevé ignoré (sans apprenant ou sans scénario)",
                        "{n} relevés ignorés (sans apprenant ou sans scénario)", report.ignored)
            .format(n=tr.number(report.ignored))]


def page(report: Report, tr: Translator, meta: list[str], body: str) -> str:
    """The whole document: ``meta`` is plain text (escaped here), ``body`` ready markup."""
    _ = tr.gettext
    title = title_of(report, tr)
    fw = report.framework
    foot = _("Niveaux calculés d'après le référentiel : sous {n} éléments notés pour une compétence, le niveau est "
             "« {level} ».").format(
        level=names.level_name(fw, INSUFFICIENT, tr), n=tr.number(fw.thresholds.min_evidence))
    made = _("Produit par Explorateurs des données.")
    return (f'<!doctype html>\n<html lang="{e(tr.language)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n'
            f'<header><h1>{e(title)}</h1><p class="meta">{" · ".join(e(m) for m in meta)}</p></header>\n<main>\n'
            f'{body}</main>\n<footer><p>{e(made)} {e(foot)}</p></footer>\n</body>\n</html>\n')


def nav(links: list[tuple[str, str]], tr: Translator) -> str:
    items = "".join(f'<li><a href="#{k}">{e(v)}</a></li>' for k, v in links)
    label = tr.gettext("Sommaire")
    return f'<nav aria-label="{e(label)}"><ol>{items}</ol></nav>\n'


def section(key: str, heading: str, body: str) -> str:
    return f'<section id="{key}" aria-labelledby="h-{key}"><h2 id="h-{key}">{e(heading)}</h2>\n{body}</section>\n'


def data_table(caption: str, headers: list[str], rows: list[str], cls: str = "") -> str:
    """Headers are plain text (escaped here); rows are ready ``<tr>`` markup."""
    ths = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    klass = f' class="{cls}"' if cls else ""
    return (f'<div class="scroll"><table{klass}><caption>{e(caption)}</caption><thead><tr>{ths}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>\n')


def small(text: str) -> str:
    return f'<span class="small">{e(text)}</span>' if text else ""


def link(title: str, url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{e(url)}">{e(title)}</a>'
    return e(f"{title} — {url}" if url else title)


def resource_list(resources: tuple[Resource, ...], tr: Translator) -> str:
    """Recommended resources (the framework's) as a list of links."""
    items = "".join(f'<li>{link(r.title.get(tr.language), r.url)}</li>' for r in resources)
    return f'<ul class="res">{items}</ul>'


def errors_section(report: Report, tr: Translator, *, personal: bool) -> str:
    """The most frequent errors per competency; the group report adds who made each one."""
    _ = tr.gettext
    fw = report.framework
    headers = [_("Type"), _("Erreur ou question"), _("Ma réponse") if personal else _("Réponse donnée"),
               _("Réponse attendue"), _("Scénario"), *([] if personal else [_("Apprenants")])]
    blocks = []
    for c in report.competencies:
        rows = []
        for err in report.errors_for(c):
            r = names.error_row(report, err, tr)
            who = "" if personal else \
                f'<td class="n">{e(tr.number(len(err.learners)))}{small(", ".join(err.learners))}</td>'
            rows.append(f'<tr><td>{e(r.kind)}</td><th scope="row">{e(r.what)}</th><td>{e(r.answer or "—")}</td>'
                        f'<td>{e(r.expected or "—")}</td><td>{e(r.where or "—")}</td>{who}</tr>')
        if rows:
            heading = f"{c} — {names.competency_title(fw, c, tr)}"
            caption = (_("Mes erreurs les plus fréquentes — {competency}") if personal
                       else _("Erreurs les plus fréquentes — {competency}")).format(competency=c)
            blocks.append(f'<h3>{e(heading)}</h3>{data_table(caption, headers, rows)}')
    none = _("Aucune erreur relevée.")
    title = _("Mes erreurs les plus fréquentes") if personal else _("Erreurs les plus fréquentes")
    return section("erreurs", title, "".join(blocks) or f'<p>{e(none)}</p>\n')
