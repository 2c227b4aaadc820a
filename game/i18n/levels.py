"""« Pourquoi ce niveau ? » in words: the reasons of :func:`game.core.levels.judge` and the items behind
a level, in the translator's language. The learner's debrief and the trainer's report both use it, so
they explain a level the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core.framework import Framework
from game.core.levels import (
    CAPPED,
    FEW,
    LIFTED,
    MASTERY_FEW,
    MASTERY_OK,
    MASTERY_SCENARIOS,
    MEAN,
    OTHER_SCENARIOS,
    Evidence,
    Reason,
)
from game.core.messages import N_
from game.core.publish_statements import CRITERIA_NAMES
from game.core.tableschema.kinds import KINDS

from . import Translator

#: The step kinds as a learner names the task (« preuves en situation : nettoyer, publier… »).
TASKS = {"clean": N_("nettoyer un fichier"), "publish": N_("le publier"), "reuse": N_("répondre à ses réutilisateurs"),
         "dialogue": N_("un dialogue"), "quiz": N_("un quiz"), "sort": N_("un tri")}


@dataclass(frozen=True, slots=True)
class Why:
    reasons: tuple[str, ...]  # sentences, most important first
    items: tuple[tuple[str, bool], ...]  # (one line per graded item: verdict, what, step), success


def item_what(e: Evidence, tr: Translator) -> str:
    """What the item is, in the translator's language."""
    _ = tr.gettext
    if e.kind == "criterion" and e.step_kind == "publish":
        return _("Publication — {criterion}").format(criterion=_(CRITERIA_NAMES.get(e.item_id, e.item_id)))
    if e.kind == "criterion":
        return _("Nettoyage — {kind}").format(kind=_(KINDS.get(e.item_id, e.item_id)))
    if e.kind == "choice" and e.response:  # a dialogue: its title is the step's, the choice says more
        return _("votre choix « {choice} »").format(choice=tr.scenario(e.response))
    return tr.scenario(e.label) if e.label else e.item_id


def item_line(e: Evidence, tr: Translator, current: str = "") -> str:
    """« Juste — what (étape « step ») », with the scenario when it is another one."""
    _ = tr.gettext
    if e.success:
        verdict = _("Juste")
    elif e.score > 0:
        verdict = _("En partie ({score})").format(score=tr.percent(e.score))
    else:
        verdict = _("Manqué")
    step = tr.scenario(e.step_title) if e.step_title else e.step_id
    where = _("étape « {step} »").format(step=step)
    if e.scenario and e.scenario != current:
        name = tr.scenario(e.scenario_title or e.scenario)
        where = _("scénario « {scenario} », étape « {step} »").format(scenario=name, step=step)
    return _("{verdict} — {what} ({where})").format(verdict=verdict, what=item_what(e, tr), where=where)


def reason_text(r: Reason, fw: Framework, tr: Translator) -> str:
    _ = tr.gettext
    n, least = int(r.number("n")), int(r.number("min"))
    places = int(r.number("scenarios"))
    level = fw.level_title(r.level).get(tr.language) if r.level else ""
    ability = fw.ability(r.ability)
    name = ability.title.get(tr.language) if ability else r.ability
    if r.code == OTHER_SCENARIOS:
        return tr.ngettext("Vos réponses dans {n} autre scénario comptent aussi.",
                           "Vos réponses dans {n} autres scénarios comptent aussi.", places).format(n=tr.number(places))
    if r.code == FEW:
        return tr.ngettext("Pas assez d'éléments : {n} élément noté, il en faut au moins {min} pour situer un niveau.",
                           "Pas assez d'éléments : {n} éléments notés, il en faut au moins {min} pour situer un niveau.",
                           n).format(n=tr.number(n), min=tr.number(least))
    if r.code == MEAN:
        return tr.ngettext("Score moyen : {score} sur {n} élément noté.", "Score moyen : {score} sur {n} éléments notés.",
                           n).format(score=tr.percent(r.number("score")), n=tr.number(n))
    if r.code == MASTERY_FEW:
        return _("« {level} » demande au moins {min} éléments notés : il y en a {n}.").format(
            level=level, min=tr.number(least), n=tr.number(n))
    if r.code in (MASTERY_SCENARIOS, MASTERY_OK):
        tasks = ", ".join(_(TASKS.get(k, k)) for k in fw.thresholds.performance_kinds)
        if r.code == MASTERY_OK:
            return _("« {level} » : des preuves en situation ({tasks}) dans {n} scénarios.").format(
                level=level, tasks=tasks, n=tr.number(places))
        return tr.ngettext(
            "« {level} » demande des preuves en situation ({tasks}) dans au moins {min} scénarios : "
            "vous en avez dans {n} scénario. Un quiz, un tri ou un dialogue seuls ne suffisent pas.",
            "« {level} » demande des preuves en situation ({tasks}) dans au moins {min} scénarios : "
            "vous en avez dans {n} scénarios. Un quiz, un tri ou un dialogue seuls ne suffisent pas.",
            places).format(level=level, tasks=tasks, min=tr.number(least), n=tr.number(places))
    what = item_what(r.items[0], tr) if r.items else ""
    if r.code == CAPPED:
        return _("« {ability} » : manqué ({what}) et pas encore réussi depuis ; le niveau reste au plus « {level} » "
                 "jusqu'à une réussite sur ce point.").format(ability=name, what=what, level=level)
    if r.code == LIFTED:
        later = item_what(r.items[-1], tr)
        return _("« {ability} » : manqué ({what}), puis réussi ensuite ({later}) ; ce manque ne limite plus le "
                 "niveau.").format(ability=name, what=what, later=later)
    return r.code


def why(reasons: Sequence[Reason], items: Sequence[Evidence], fw: Framework, tr: Translator, current: str = "") -> Why:
    """The reasons (a cap first: it decides the level) and one line per item behind the level."""
    order = {CAPPED: 0, MASTERY_SCENARIOS: 1, MASTERY_FEW: 1, FEW: 1, MASTERY_OK: 2, MEAN: 3, LIFTED: 4}
    ranked = sorted(reasons, key=lambda r: order.get(r.code, 5))
    return Why(tuple(reason_text(r, fw, tr) for r in ranked),
               tuple((item_line(e, tr, current), e.success) for e in items))
