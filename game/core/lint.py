"""Lint rules: what ``explorateurs check`` reports on a scenario that builds.

Each rule is a pure function of a :class:`LintContext` and returns problems with document paths
(storage adds ``file:line:col``) and a stable ``code``. A rule's problems are errors (the game
refuses the scenario) or warnings (``check`` fails, the game still plays it). ``LINT_RULES`` is the
registry ``load_scenario`` runs; a new rule registers there under its code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from .messages import N_, msg
from .problems import ERROR, WARNING, PathPart, Problem
from .scenario import (
    DEFAULT_EVIDENCE,
    PUBLISH_EVIDENCE,
    CleanStep,
    DialogueStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
)
from .texts import missing_translations

DocPath = tuple[PathPart, ...]


@dataclass(frozen=True, slots=True)
class LintContext:
    """What the rules look at: the scenario, and what storage knows from its files.

    ``assessed`` gives, for clean and publish steps, the competencies their criteria evidence on
    the reference path (they depend on the data file); without it a generous estimate is used.
    ``translations`` is ``{lang: {source text: translation}}`` from the scenario's catalogs.
    """

    scenario: Scenario
    assessed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


# -- paths between steps -------------------------------------------------------------------------

def links(scenario: Scenario, index: int) -> list[tuple[str | None, DocPath | None]]:
    """Where the learner may go after step ``index``: (step id or None for the end, path of the
    explicit link in the file or None for the default order). Mirrors ``PlaySession._leave``."""
    steps = scenario.steps
    step = steps[index]
    after = steps[index + 1].id if index + 1 < len(steps) else None
    default: tuple[str | None, DocPath | None] = (step.next, ("steps", index, "next")) if step.next else (after, None)
    out: list[tuple[str | None, DocPath | None]] = []
    if isinstance(step, DialogueStep) and step.choices:
        for j, c in enumerate(step.choices):
            out.append((c.next, ("steps", index, "choices", j, "next")) if c.next else default)
    else:
        out.append(default)
    if isinstance(step, PublishStep):
        out += [(target, ("steps", index, "consequences", what)) for what, target in step.consequences]
    return out


def _graph(scenario: Scenario) -> dict[str, list[tuple[str | None, DocPath | None]]]:
    known = {s.id for s in scenario.steps}
    return {s.id: [(t, p) for t, p in links(scenario, i) if t is None or t in known]
            for i, s in enumerate(scenario.steps)}


def reachable(scenario: Scenario, start: str | None = None) -> set[str]:
    """Ids of the steps some path from ``start`` (default: the first step) reaches, ``start`` included."""
    graph = _graph(scenario)
    first = start or scenario.steps[0].id
    seen, todo = {first}, [first]
    while todo:
        for target, _path in graph[todo.pop()]:
            if target is not None and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def unreachable_steps(ctx: LintContext) -> list[Problem]:
    reached = reachable(ctx.scenario)
    return [Problem(("steps", i, "id"), msg(N_("Aucun chemin ne mène à l'étape « {step} » : elle ne sera jamais jouée."), step=s.id),
                    msg(N_("Ajoutez un renvoi vers elle (next d'une étape ou d'un choix), ou retirez-la.")),
                    code="unreachable-step", severity=WARNING)
            for i, s in enumerate(ctx.scenario.steps) if s.id not in reached]


def loops(ctx: LintContext) -> list[Problem]:
    """A link back to a step already played. The game keeps the answers given: on its second visit
    a dialogue leads where the first choice led, so a loop is played again and again, never left."""
    sc = ctx.scenario
    reached = reachable(sc)
    out = []
    for i, s in enumerate(sc.steps):
        if s.id not in reached:
            continue
        for target, path in links(sc, i):
            if path is not None and target is not None and sc.has_step(target) and s.id in reachable(sc, target):
                out.append(Problem(path, msg(N_("Ce renvoi vers « {step} » fait tourner le scénario en rond : le jeu garde les réponses données, l'apprenant·e referait le même chemin sans fin."), step=target),
                                   msg(N_("Renvoyez vers une étape plus loin dans le parcours ; pour revoir une notion, écrivez une nouvelle étape.")),
                                   code="loop", severity=ERROR))
    return out


# -- competencies --------------------------------------------------------------------------------

def assessed_competencies(scenario: Scenario, assessed: Mapping[str, frozenset[str]] | None = None) -> set[str]:
    """Competencies carried by at least one graded item (what the debrief can give a level to)."""
    assessed = assessed or {}
    out: set[str] = set()
    for step in scenario.steps:
        if isinstance(step, DialogueStep) and any(c.grade for c in step.choices):
            out.update(step.competencies)
        elif isinstance(step, QuizStep):
            out.update(c for q in step.questions for c in q.competencies)
        elif isinstance(step, SortStep):
            out.update(c for card in step.cards for c in card.competencies)
        elif isinstance(step, ReuseStep):
            out.update(c for ch in step.challenges for c in ch.competencies)
        elif isinstance(step, CleanStep):
            out.update(assessed.get(step.id, set(DEFAULT_EVIDENCE.values()) | {v for _k, v in step.evidence} | {"B3"}))
        elif isinstance(step, PublishStep):
            out.update(assessed.get(step.id, {step.competency_for(c) for c in PUBLISH_EVIDENCE}))
    return out


def unassessed_competencies(ctx: LintContext) -> list[Problem]:
    found = assessed_competencies(ctx.scenario, ctx.assessed)
    return [Problem(("competencies", i), msg(N_("Le scénario annonce la compétence {value}, mais aucune activité notée ne l'évalue."), value=c),
                    msg(N_("Ajoutez-la aux competencies d'une question, d'une carte, d'un dialogue à choix notés ou d'une question de réutilisateur, ou retirez-la de la liste.")),
                    code="unassessed-competency", severity=WARNING)
            for i, c in enumerate(ctx.scenario.competencies) if c not in found]


# -- factual statements --------------------------------------------------------------------------

#: A text states a checkable fact when it cites a legal text or a public authority: a law, decree,
#: order, an article of a code (« article L312-1-1 », « L311-5 »), the RGPD/CRPA, an opinion of the
#: CADA or the CNIL (French and English wording). Figures and dates alone are not caught: most are
#: the story's own (a fictional commune's population).
FACT_PATTERN = re.compile(
    r"\b(?:lois?|décrets?|arrêtés?|ordonnances?|circulaires?|directives?|jurisprudence|RGPD|CRPA|GDPR|CADA|CNIL"
    r"|Conseil d'[ÉE]tat|laws?|decrees?|regulations?|statutes?)\b"
    r"|\barticles?\s+(?:[LRD]\.?\s?)?\d+(?:-\d+)*|\b[LRD]\.?\s?\d{3,4}(?:-\d+)+|\bavis\s+n\s?°\s?\d+"
    r"|\bcode\s+(?:des|de\s+la|du|de\s+l'|général)\b",
    re.IGNORECASE)


def _sourceable(scenario: Scenario) -> Iterator[tuple[DocPath, tuple[str, ...], list[tuple[str, str]]]]:
    """Each item that may carry ``sources:``: its path, its sources, its (field, text) pairs."""
    for i, step in enumerate(scenario.steps):
        p: DocPath = ("steps", i)
        if isinstance(step, DialogueStep):
            for j, ln in enumerate(step.lines):
                yield p + ("lines", j), ln.sources, [("text", ln.text)]
            for j, c in enumerate(step.choices):
                yield p + ("choices", j), c.sources, [("text", c.text), ("feedback", c.feedback)]
        elif isinstance(step, QuizStep):
            for j, q in enumerate(step.questions):
                texts = [("prompt", q.prompt)] + [(f"options/{k}/text", o.text) for k, o in enumerate(q.options)]
                yield p + ("questions", j), q.sources, texts + [("explanation", q.explanation)]
        elif isinstance(step, SortStep):
            for j, card in enumerate(step.cards):
                yield p + ("cards", j), card.sources, [("text", card.text), ("detail", card.detail), ("reason", card.reason)]
        elif isinstance(step, ReuseStep):
            for j, ch in enumerate(step.challenges):
                yield p + ("challenges", j), ch.sources, [("question", ch.question), ("explanation", ch.explanation),
                                                          ("cannot", ch.cannot)]


def unsourced_facts(ctx: LintContext) -> list[Problem]:
    out = []
    for path, sources, texts in _sourceable(ctx.scenario):
        if sources:
            continue
        for name, text in texts:
            m = FACT_PATTERN.search(text)
            if m:
                where: DocPath = path + tuple(int(x) if x.isdigit() else x for x in name.split("/"))
                out.append(Problem(where, msg(N_("Ce texte cite « {cited} » sans indiquer de source."), cited=m.group(0).strip()),
                                   msg(N_("Ajoutez sources: [identifiant] à cet élément, avec une source déclarée dans la liste sources du scénario.")),
                                   code="unsourced-fact", severity=WARNING))
                break  # one report per item: one sources list fixes them all
    return out


LintRule = Callable[[LintContext], list[Problem]]

#: Every lint rule, by the code of its problems.
LINT_RULES: dict[str, LintRule] = {
    "unreachable-step": unreachable_steps,
    "loop": loops,
    "unassessed-competency": unassessed_competencies,
    "unsourced-fact": unsourced_facts,
    "missing-translation": missing_translations,  # game.core.texts: reads LintContext.translations
}


def lint(ctx: LintContext) -> list[Problem]:
    """Every rule's problems, in registry order."""
    return [p for rule in LINT_RULES.values() for p in rule(ctx)]
