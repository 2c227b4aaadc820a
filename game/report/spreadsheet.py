"""The report as a CSV file French Excel opens as it is: UTF-8 with a BOM, « ; » between cells,
CRLF line ends, decimal comma in French; one row per learner and competency.

A cell that a spreadsheet could take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is prefixed with an apostrophe, as OWASP advises against CSV injection
(:func:`game.core.formula.neutralise`, shared with the portal's ``catalogue.csv``).
"""

from __future__ import annotations

import csv
import io

from game.core.formula import neutralise
from game.core.report import NOT_STARTED, Report
from game.i18n import Translator

from . import names
from .attendance import attendance_lines

BOM = "\ufeff"
__all__ = ["neutralise", "render_csv"]


def _decimal(mark: str, value: float, digits: int = 1) -> str:
    """A number without thousands separator (Excel would read « 1 234,5 » as text) and with the
    locale's decimal mark."""
    return f"{value:.{digits}f}".replace(".", mark)


def render_csv(report: Report, tr: Translator) -> bytes:
    _ = tr.gettext
    fw = report.framework
    mark = tr.number(1.5, 1)[1]  # « , » in French, « . » in English
    header = [_("Groupe"), _("Pseudonyme"), _("Compétence"), _("Intitulé de la compétence"), _("Niveau"),
              _("Score moyen (%)"), _("Éléments notés"), _("Scénarios terminés"), _("Scénarios commencés"),
              _("Temps passé (min)")]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    cells = iter(report.cells)
    for p in report.participants:
        started = sum(pr.status != NOT_STARTED for pr in p.progress)
        for c in report.competencies:
            cell = next(cells)
            text = [report.group or "", p.learner, c, names.competency_title(fw, c, tr),
                    names.level_name(fw, cell.level, tr)]
            numbers = ["" if cell.score is None else _decimal(mark, cell.score * 100), str(cell.evidence),
                       str(p.finished), str(started), _decimal(mark, p.seconds / 60)]
            writer.writerow([neutralise(t) for t in text] + numbers)
    a = report.attendance
    if a is not None:  # a missing desk shows as a row (named), or the count in the « Niveau » column
        absent = _("absent·e : aucun relevé")
        for name in a.missing:
            writer.writerow([neutralise(report.group or ""), neutralise(name), "", "", absent, "", "0", "0", "0",
                             _decimal(mark, 0)])
        if not a.named or a.unlisted:
            for line in attendance_lines(report, tr)[-1:]:
                writer.writerow([neutralise(report.group or ""), "", "", "", neutralise(line), "", "", "", "", ""])
    for line in names.mode_note(report, tr):  # what the levels count, in the modes played
        writer.writerow([neutralise(report.group or ""), "", "", "", neutralise(line), "", "", "", "", ""])
    return (BOM + out.getvalue()).encode("utf-8")
