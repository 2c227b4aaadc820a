"""What the report calls things, in the reader's language: statuses, kinds of error, publishing
criteria (the debrief's names), levels, durations, and one error's row."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.framework import Framework
from game.core.messages import N_
from game.core.modes import ASSESSMENT, PRACTICE
from game.core.publish_statements import CRITERIA_NAMES
from game.core.report import (
    ANSWER,
    FINISHED,
    LICENCE,
    NOT_STARTED,
    PLACEMENT,
    PUBLICATION,
    STARTED,
    VALIDATION,
    ErrorItem,
    Report,
)
from game.core.scenario import TRUE_FALSE
from game.core.tableschema.kinds import criterion_name
from game.i18n import Translator

STATUS = {NOT_STARTED: N_("non commencé"), STARTED: N_("en cours"), FINISHED: N_("terminé")}
ERROR_KINDS = {
    VALIDATION: N_("Nettoyage"),
    LICENCE: N_("Licence"),
    PUBLICATION: N_("Publication"),
    PLACEMENT: N_("Tri"),
    ANSWER: N_("Réponse"),
}


@dataclass(frozen=True, slots=True)
class ErrorRow:
    kind: str
    what: str
    answer: str
    expected: str
    where: str


def level_name(fw: Framework, level: str, tr: Translator) -> str:
    return fw.level_title(level).get(tr.language) if level in dict(fw.levels) else level


def competency_title(fw: Framework, cid: str, tr: Translator) -> str:
    comp = fw.competency(cid)
    return comp.title.get(tr.language) if comp else cid


def scenario_title(report: Report, sid: str, tr: Translator) -> str:
    info = next((s for s in report.scenarios if s.id == sid), None)
    return tr.scenario(info.title) if info else sid


def duration(seconds: float, tr: Translator) -> str:
    """« 12 min », « 1 h 05 min », « moins d'une minute »."""
    minutes = round(seconds / 60)
    if seconds <= 0:
        return tr.gettext("0 min")
    if minutes < 1:
        return tr.gettext("moins d'une minute")
    if minutes < 60:
        return tr.gettext("{minutes} min").format(minutes=tr.number(minutes))
    return tr.gettext("{hours} h {minutes} min").format(hours=tr.number(minutes // 60), minutes=f"{minutes % 60:02d}")


def options(text: str, tr: Translator) -> str:
    """An answer as recorded (« A | B »), in the reader's language."""
    return " · ".join(tr.gettext(TRUE_FALSE[t]) if t in TRUE_FALSE else tr.scenario(t) for t in text.split(" | ")) if text else ""


def licence_name(lic: str) -> str:
    from game.core.publishing.licences import LICENCES

    return LICENCES[lic].name if lic in LICENCES else lic


def error_row(report: Report, e: ErrorItem, tr: Translator) -> ErrorRow:
    """One error as the reader sees it (not escaped)."""
    kind = tr.gettext(ERROR_KINDS.get(e.kind, e.kind))
    where = scenario_title(report, e.scenario, tr) if e.scenario else ""
    if e.kind == VALIDATION:
        return ErrorRow(kind, criterion_name(e.label, tr.gettext), "", "", where)
    if e.kind in (LICENCE, PUBLICATION):
        what = tr.gettext(CRITERIA_NAMES.get(e.label, e.label))
        if e.kind == LICENCE:
            accepted = ", ".join(licence_name(x) for x in e.expected.split(", ") if x)
            return ErrorRow(kind, what, licence_name(e.answer), accepted, where)
        return ErrorRow(kind, what, "", "", where)
    if e.kind == PLACEMENT:
        return ErrorRow(kind, tr.scenario(e.label), tr.scenario(e.answer), tr.scenario(e.expected), where)
    return ErrorRow(kind, tr.scenario(e.label), options(e.answer, tr), options(e.expected, tr), where)


#: the name of each mode in a participant's cell
MODE_NAMES = {PRACTICE: N_("entraînement"), ASSESSMENT: N_("évaluation")}


def mode_note(report: Report, tr: Translator) -> list[str]:
    """What the levels and scores count, in the modes the attempts were played in (none: the
    statements predate the modes)."""
    _ = tr.gettext
    if report.modes == (ASSESSMENT,):
        return [_("Mode évaluation : la première réponse compte ; niveaux et scores sont calculés sur les premières "
                  "réponses.")]
    if report.modes == (PRACTICE,):
        return [_("Mode entraînement : les apprenant·es pouvaient réessayer après une erreur ; niveaux et scores "
                  "comptent la première réponse (un essai suivant ne rapporte rien).")]
    if report.modes:
        return [_("Modes entraînement et évaluation mêlés (voir chaque case) : dans les deux cas, niveaux et scores "
                  "comptent la première réponse.")]
    return []
