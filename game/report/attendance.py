"""The sentences that name the missing desks, the same in the HTML page, the CSV and the terminal."""

from __future__ import annotations

from game.core.report import Report
from game.i18n import Translator


def attendance_lines(report: Report, tr: Translator) -> list[str]:
    """« Attendu·es mais absent·es : Yann », « 2 participant·es sur 3 attendu·es : 1 poste manque »…
    (nothing when the trainer did not say whom they expected)."""
    a = report.attendance
    if a is None:
        return []
    _ = tr.gettext
    if a.named:
        lines = [_("Attendu·es mais absent·es : {names}").format(names=", ".join(a.missing)) if a.missing else
                 tr.ngettext("La personne attendue a participé.", "Les {n} personnes attendues ont participé.",
                             a.expected).format(n=tr.number(a.expected))]
        if a.unlisted:
            lines.append(_("Présent·es mais pas sur la liste : {names}").format(names=", ".join(a.unlisted)))
        return lines
    people = len(report.participants)
    count = tr.ngettext("{n} participant·e sur {expected} attendu·es", "{n} participant·es sur {expected} attendu·es",
                        people).format(n=tr.number(people), expected=tr.number(a.expected))
    if not a.absent:
        return [count]
    return [tr.ngettext("{count} : {missing} poste manque", "{count} : {missing} postes manquent", a.absent)
            .format(count=count, missing=tr.number(a.absent))]
