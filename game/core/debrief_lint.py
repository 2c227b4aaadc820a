"""``check`` on debrief passages: every condition and every quoted fact refers to something the
scenario has (a step of the right kind, a licence the form offers, a question, card or reuser's
question), and congratulations are written for the learners who passed.

Columns need the data files: :func:`unknown_columns` is run by the deep check with the columns
each publish step can publish.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from .debrief import CLEAN_FACTS, PLACEHOLDER, PLAIN_FACTS, PUBLISH_FACTS
from .messages import N_, Message, msg
from .problems import ERROR, PathPart, Problem, suggestion
from .scenario import (
    CleanStep,
    Condition,
    DebriefStep,
    FillStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
)

#: words that congratulate: only for a passage shown at or above the pass mark (``when: {score: pass}``)
PRAISE = re.compile(r"\b(?:bravo|félicitations|well done|congratulations)\b", re.IGNORECASE)

_PUBLICATION = ("published_columns_include", "published_columns_exclude", "personal_data", "licence", "licence_not",
                "republished")


def _items(scenario: Scenario) -> list[str]:
    out: list[str] = []
    for s in scenario.steps:
        if isinstance(s, QuizStep):
            out += [q.id for q in s.questions]
        elif isinstance(s, SortStep):
            out += [c.id for c in s.cards]
        elif isinstance(s, ReuseStep):
            out += [c.id for c in s.challenges]
        elif isinstance(s, FillStep):
            out += [r.id for r in s.rows]
    return out


def _problem(path: tuple[PathPart, ...], message: str, hint: Message | None = None, **params: object) -> Problem:
    return Problem(path, msg(message, **params), hint, code="debrief-passage", severity=ERROR)


def _one_step(sc: Scenario, when: Condition, path: tuple[PathPart, ...], key: str, kind: type,
              wanted: bool) -> list[Problem]:
    """The ``step`` or ``clean`` a condition names, or the scenario's only step of that kind."""
    named = getattr(when, key)
    ids = [s.id for s in sc.steps if isinstance(s, kind)]
    what = "publish" if kind is PublishStep else "clean"
    if named:
        if named not in ids:
            return [_problem(path + (key,), N_("« {value} » n'est pas une étape {kind} du scénario."),
                             suggestion(named, ids), value=named, kind=what)]
        return []
    if wanted and len(ids) != 1:
        return [_problem(path, N_("Cette condition porte sur une étape {kind}, or le scénario en a {count} : "
                                  "nommez-la avec « {key}: »."), None, kind=what, count=len(ids), key=key)]
    return []


def _condition(sc: Scenario, when: Condition, path: tuple[PathPart, ...]) -> list[Problem]:
    out = _one_step(sc, when, path, "step", PublishStep, any(getattr(when, k) not in ((), "", None) for k in _PUBLICATION))
    out += _one_step(sc, when, path, "clean", CleanStep, when.fixable_left is not None)
    steps, items = [s.id for s in sc.steps], _items(sc)
    licences: list[str] = []
    if when.licence or when.licence_not:  # the publishing rules load only for a scenario that needs them
        from .publishing.licences import LICENCES

        licences = list(LICENCES)
    for key, known, what in (("reached", steps, N_("Aucune étape ne porte l'identifiant « {value} ».")),
                             ("not_reached", steps, N_("Aucune étape ne porte l'identifiant « {value} ».")),
                             ("missed", items, N_("Aucune question, carte, question de réutilisateur ou ligne à remplir ne porte l'identifiant « {value} ».")),
                             ("answered", items, N_("Aucune question, carte, question de réutilisateur ou ligne à remplir ne porte l'identifiant « {value} ».")),
                             ("licence", licences, N_("Licence inconnue : « {value} » (le formulaire ne la propose pas).")),
                             ("licence_not", licences, N_("Licence inconnue : « {value} » (le formulaire ne la propose pas)."))):
        for j, value in enumerate(getattr(when, key)):
            if value not in known:
                out.append(_problem(path + (key, j), what, suggestion(value, known), value=value))
    return out


def _placeholders(sc: Scenario, text: str, path: tuple[PathPart, ...]) -> list[Problem]:
    out = []
    for m in PLACEHOLDER.finditer(text):
        plain, sid, fact = m.group("plain"), m.group("step"), m.group("fact")
        if plain is not None:
            if plain not in PLAIN_FACTS:
                out.append(_problem(path, N_("« {value} » ne désigne aucun fait : écrivez {{score}} ou {{étape.fait}}."),
                                    None, value=m.group(0)))
            continue
        step = next((s for s in sc.steps if s.id == sid), None)
        facts = CLEAN_FACTS if isinstance(step, CleanStep) else PUBLISH_FACTS if isinstance(step, PublishStep) else ()
        if not facts:
            out.append(_problem(path, N_("« {value} » : « {step} » n'est pas une étape clean ou publish du scénario."),
                                suggestion(sid, [s.id for s in sc.steps if isinstance(s, CleanStep | PublishStep)]),
                                value=m.group(0), step=sid))
        elif fact not in facts:
            out.append(_problem(path, N_("« {value} » : une étape {kind} n'a pas de fait « {fact} » (faits possibles : {known})."),
                                suggestion(fact, facts), value=m.group(0), kind=step.kind if step else "", fact=fact,
                                known=", ".join(facts)))
    return out


def passage_problems(sc: Scenario) -> list[Problem]:
    """Every debrief passage's condition and quoted facts checked against the scenario."""
    out: list[Problem] = []
    for i, step in enumerate(sc.steps):
        if not isinstance(step, DebriefStep):
            continue
        for j, p in enumerate(step.passages):
            path: tuple[PathPart, ...] = ("steps", i, "passages", j)
            out += _condition(sc, p.when, path + ("when",))
            out += _placeholders(sc, p.text, path + ("text",))
            if PRAISE.search(p.text) and p.when.score != "pass":
                out.append(_problem(path + ("text",), N_("Ce passage félicite (« {word} ») mais peut s'afficher sous le "
                                                         "seuil de réussite : ajoutez « score: pass » à sa condition."),
                                    None, word=PRAISE.search(p.text).group(0)))  # type: ignore[union-attr]
    return out


def unknown_columns(sc: Scenario, columns: Mapping[str, Collection[str]]) -> list[Problem]:
    """Columns named by passage conditions that the publish step cannot publish (``columns``: publish
    step id -> the columns of its schema and of its reference table; a step left out is not checked)."""
    out: list[Problem] = []
    publish = [s.id for s in sc.steps if isinstance(s, PublishStep)]
    for i, step in enumerate(sc.steps):
        if not isinstance(step, DebriefStep):
            continue
        for j, p in enumerate(step.passages):
            target = p.when.step or (publish[0] if len(publish) == 1 else "")
            if target not in columns:
                continue
            known = sorted(columns[target])
            for key in ("published_columns_include", "published_columns_exclude"):
                for k, c in enumerate(getattr(p.when, key)):
                    if c not in columns[target]:
                        out.append(_problem(("steps", i, "passages", j, "when", key, k),
                                            N_("La colonne « {value} » n'existe ni dans le schéma ni dans le fichier "
                                               "que publie l'étape « {step} »."),
                                            suggestion(c, known), value=c, step=target))
    return out
