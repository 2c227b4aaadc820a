"""« Pourquoi ces niveaux ? » in the report: for each learner and competency, the level rule's reasons and
the graded items behind the level (the same words as the learner's debrief, :mod:`game.i18n.levels`)."""

from __future__ import annotations

from game.core.report import Cell, Report
from game.i18n import Translator
from game.i18n.levels import why

from . import names
from .markup import data_table, e, section


def _rows(report: Report, cells: list[Cell], tr: Translator) -> list[str]:
    fw = report.framework
    rows = []
    for cell in cells:
        w = why(cell.reasons, cell.items, fw, tr)
        reasons = "".join(f"<li>{e(r)}</li>" for r in w.reasons)
        items = "".join(f'<li class="{"ok" if ok else "ko"}">{e(line)}</li>' for line, ok in w.items)
        rows.append(f'<tr><th scope="row">{e(cell.competency)} — {e(names.competency_title(fw, cell.competency, tr))}</th>'
                    f'<td class="lv lv-{cell.level}">{e(names.level_name(fw, cell.level, tr))}</td>'
                    f'<td><ul>{reasons}</ul></td><td>{f"<ul>{items}</ul>" if items else ""}</td></tr>')
    return rows


def why_section(report: Report, tr: Translator, *, personal: bool) -> str:
    _ = tr.gettext
    th = report.framework.thresholds
    rule = _("Un niveau ne dit que ce que les réponses montrent : « {mastered} » demande des preuves en situation "
             "(nettoyer, publier, réutiliser) dans au moins {n} scénarios ; une capacité manquée et pas encore "
             "réussie depuis plafonne le niveau sous son descripteur.").format(
        mastered=names.level_name(report.framework, "maitrise", tr), n=tr.number(th.maitrise_min_scenarios))
    headers = [_("Compétence"), _("Niveau"), _("Pourquoi"), _("Éléments notés (du plus ancien au plus récent)")]
    if personal:
        mine = [c for c in report.cells if c.learner == report.learner]
        body = data_table(_("Pourquoi mon niveau, compétence par compétence"), headers, _rows(report, mine, tr))
        return section("pourquoi", _("Pourquoi ces niveaux ?"), f'<p>{e(rule)}</p>\n{body}')
    parts = []
    for p in report.participants:
        mine = [c for c in report.cells if c.learner == p.learner]
        table = data_table(_("Pourquoi ces niveaux : {learner}").format(learner=p.learner), headers,
                           _rows(report, mine, tr))
        parts.append(f'<details class="why"><summary>{e(p.learner)}</summary>\n{table}</details>\n')
    return section("pourquoi", _("Pourquoi ces niveaux ?"), f'<p>{e(rule)}</p>\n{"".join(parts)}')
