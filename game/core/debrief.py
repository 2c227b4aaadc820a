"""A debrief built from facts: what the learner published, what remains wrong, which items were
missed — the computed summary, and the author's passages shown only when their condition holds.

A passage may quote facts with ``{step.fact}`` placeholders (``{nettoyage.errors_fixed}``,
``{publication.columns_dropped}``) and ``{score}``; a passage that quotes a fact the attempt does
not have (a step not played, an empty list) is not shown: it could not be true.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .messages import N_, Message, msg
from .scenario import CleanStep, Condition, DebriefStep, Passage, PublishStep, Scenario

#: ``{step.fact}`` or ``{score}`` in a passage
PLACEHOLDER = re.compile(r"\{(?:(?P<step>[a-z0-9][a-z0-9-]*)\.(?P<fact>[a-z_]+)|(?P<plain>[a-z_]+))\}")
#: the facts a passage may quote, by step kind
CLEAN_FACTS = ("errors_met", "errors_fixed", "errors_left", "errors_expected", "errors_fixable", "errors_erased")
PUBLISH_FACTS = ("title", "licence", "columns_dropped", "personal_published", "publications")
PLAIN_FACTS = ("score",)


@dataclass(frozen=True, slots=True)
class Published:
    """The last publication of a publish step, and what the earlier ones put online."""

    step: str
    title: str
    licence: str
    columns: tuple[str, ...] | None  # the columns of the published table (None: not recorded, an older attempt)
    dropped: tuple[str, ...]  # the columns left out
    personal: tuple[str, ...]  # personal columns in the published table
    times: int = 1  # how many times it was published (the last one replaced the others on the portal)
    earlier_personal: tuple[str, ...] = ()  # personal columns an earlier publication put online


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The errors of a clean step when the learner left it."""

    step: str
    errors_met: int  # distinct errors found at the start or revealed by an operation
    errors_left: int
    errors_expected: int  # errors left that the reference recipe leaves too (the file lacks the information)
    #: errors the file lacks the information to fix that are gone all the same (a value made up or
    #: deleted): gone, not fixed
    errors_erased: int = 0
    #: values changed in a way the reference recipe does not (« AssiaAmélie » made « Assiaamélie »)
    values_wrong: int = 0

    @property
    def errors_fixed(self) -> int:
        return max(0, self.errors_met - self.errors_left - self.errors_erased)

    @property
    def errors_fixable(self) -> int:
        """Errors left that the learner could have fixed."""
        return max(0, self.errors_left - self.errors_expected)


@dataclass(frozen=True, slots=True)
class Facts:
    """What happened in one attempt, as the debrief may say it."""

    score: float | None = None
    passed: bool | None = None  # None without any graded answer
    published: Mapping[str, Published] = field(default_factory=dict)
    cleaned: Mapping[str, Cleaned] = field(default_factory=dict)
    visited: frozenset[str] = frozenset()
    missed: frozenset[str] = frozenset()  # graded item ids answered wrong (question, card, challenge, choice)
    right: frozenset[str] = frozenset()  # graded item ids answered right
    to_review: int = 0  # graded items answered wrong or partly


def _only(scenario: Scenario, kind: type, named: str) -> str:
    """The step a condition names, or the scenario's only step of ``kind``."""
    if named:
        return named
    ids = [s.id for s in scenario.steps if isinstance(s, kind)]
    return ids[0] if len(ids) == 1 else ""


def holds(when: Condition, facts: Facts, scenario: Scenario) -> bool:
    """Whether every part of ``when`` is true of the attempt."""
    if when.score and (facts.passed is None or facts.passed != (when.score == "pass")):
        return False
    if any(s not in facts.visited for s in when.reached) or any(s in facts.visited for s in when.not_reached):
        return False
    if any(i not in facts.missed for i in when.missed) or any(i not in facts.right for i in when.answered):
        return False
    if _about_publication(when):
        pub = facts.published.get(_only(scenario, PublishStep, when.step))
        if pub is None:
            return False  # nothing published: no condition on a publication is true
        if (when.published_columns_include or when.published_columns_exclude) and pub.columns is None:
            return False  # what was published is not known: nothing may be said about its columns
        if any(c not in (pub.columns or ()) for c in when.published_columns_include):
            return False
        if any(c in (pub.columns or ()) for c in when.published_columns_exclude):
            return False
        if when.personal_data and (when.personal_data == "published") != bool(pub.personal):
            return False
        if when.licence and pub.licence not in when.licence:
            return False
        if when.licence_not and pub.licence in when.licence_not:
            return False
        if when.republished is not None and when.republished != (pub.times > 1):
            return False
    if when.fixable_left is not None:
        done = facts.cleaned.get(_only(scenario, CleanStep, when.clean))
        if done is None or when.fixable_left != (done.errors_fixable > 0):
            return False
        if not when.fixable_left and (done.errors_erased or done.values_wrong):
            return False  # « only expected errors left » is no praise when some were made to vanish or values falsified
    return True


def _about_publication(when: Condition) -> bool:
    return bool(when.published_columns_include or when.published_columns_exclude or when.personal_data
                or when.licence or when.licence_not or when.republished is not None)


def fact_values(facts: Facts, licence_name: Callable[[str], str] = str,
                percent: Callable[[float], str] = lambda x: f"{round(x * 100)} %") -> dict[str, str]:
    """Every fact a passage may quote, as text (``"step.fact"`` or ``"score"``); empty lists are left out."""
    out: dict[str, str] = {}
    if facts.score is not None:
        out["score"] = percent(facts.score)
    for sid, c in facts.cleaned.items():
        for name in CLEAN_FACTS:
            out[f"{sid}.{name}"] = str(getattr(c, name))
    for sid, p in facts.published.items():
        values = {"title": p.title, "licence": licence_name(p.licence) if p.licence else "",
                  "columns_dropped": ", ".join(p.dropped), "personal_published": ", ".join(p.personal),
                  "publications": str(p.times)}
        out.update({f"{sid}.{k}": v for k, v in values.items() if v})
    return out


def fill(text: str, values: Mapping[str, str]) -> str | None:
    """``text`` with its placeholders replaced, or None when it quotes a fact ``values`` lacks."""
    missing = False

    def one(m: re.Match[str]) -> str:
        nonlocal missing
        key = m.group("plain") or f"{m.group('step')}.{m.group('fact')}"
        if key not in values:
            missing = True
            return ""
        return values[key]

    out = PLACEHOLDER.sub(one, text)
    return None if missing else out


def shown(step: DebriefStep, facts: Facts, scenario: Scenario) -> list[Passage]:
    """The passages whose condition holds, in the file's order (their texts not yet filled)."""
    return [p for p in step.passages if holds(p.when, facts, scenario)]


def summary(scenario: Scenario, facts: Facts, text: Callable[[str], str] = str,
            licence_name: Callable[[str], str] = str) -> list[tuple[Message, str]]:
    """What happened, computed: (message, tone) for each clean step left and each publication,
    then the count of graded items to review. Tones: ``text``, ``warning``, ``error``. ``text``
    translates the scenario's texts quoted (step titles), ``licence_name`` names a licence."""
    out: list[tuple[Message, str]] = []
    for step in scenario.steps:
        if isinstance(step, CleanStep) and step.id in facts.cleaned:
            c = facts.cleaned[step.id]
            if not c.errors_left:
                line = N_("« {step} » : {fixed} erreur(s) corrigée(s) sur {met} rencontrée(s) ; aucune ne reste.")
            elif not c.errors_fixable:
                line = N_("« {step} » : {fixed} erreur(s) corrigée(s) sur {met} rencontrée(s) ; {left} restante(s), "
                          "toutes attendues faute d'information : à signaler, pas à inventer.")
            else:
                line = N_("« {step} » : {fixed} erreur(s) corrigée(s) sur {met} rencontrée(s) ; {left} restante(s), "
                          "dont {expected} attendue(s) faute d'information.")
            out.append((msg(line, step=text(step.title), fixed=c.errors_fixed, met=c.errors_met, left=c.errors_left,
                            expected=min(c.errors_expected, c.errors_left)), "text"))
            if c.errors_erased:
                out.append((msg(N_("{count} erreur(s) de « {step} » ont disparu sans être corrigées : une valeur que "
                                   "seul le producteur connaît a été inventée ou effacée."),
                                count=c.errors_erased, step=text(step.title)), "error"))
            if c.values_wrong:
                out.append((msg(N_("{count} valeur(s) de « {step} » modifiée(s) d'une façon que la consigne n'attend "
                                   "pas : le fichier peut passer la validation et être faux."),
                                count=c.values_wrong, step=text(step.title)), "error"))
            if c.errors_fixable:
                out.append((msg(N_("Encore {count} erreur(s) que vous pouviez corriger dans « {step} »."),
                                count=c.errors_fixable, step=text(step.title)), "warning"))
        elif isinstance(step, PublishStep) and step.id in facts.published:
            p = facts.published[step.id]
            licence = licence_name(p.licence) if p.licence else "-"
            if p.columns is None:  # an attempt published before the columns were recorded
                out.append((msg(N_("Publié sur votre portail : « {title} », licence : {licence}."), title=p.title,
                                licence=licence), "text"))
            else:
                out.append((msg(N_("Publié sur votre portail : « {title} », {columns} colonne(s), licence : {licence}."),
                                title=p.title, columns=len(p.columns), licence=licence), "text"))
            if p.dropped:
                out.append((msg(N_("Colonnes retirées avant publication : {columns}."),
                                columns=", ".join(p.dropped)), "text"))
            if p.personal:
                out.append((msg(N_("Données personnelles en ligne : {columns}."), columns=", ".join(p.personal)),
                            "error"))
            elif step.personal_columns or p.earlier_personal:
                out.append((msg(N_("Aucune donnée personnelle dans le fichier publié.")), "text"))
            if p.times > 1:
                out.append((msg(N_("Publié {count} fois : la dernière publication a remplacé les précédentes sur le portail."),
                                count=p.times), "text"))
            if p.earlier_personal and not p.personal:
                out.append((msg(N_("Une publication précédente a mis en ligne {columns} avant d'être remplacée : "
                                   "un fichier en ligne a pu être téléchargé entre-temps."),
                                columns=", ".join(p.earlier_personal)), "warning"))
    if facts.to_review:
        out.append((msg(N_("{count} réponse(s) notée(s) à revoir : voir « À revoir » plus bas."),
                        count=facts.to_review), "warning"))
    return out
