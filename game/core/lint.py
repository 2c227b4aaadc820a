"""Lint rules: what ``explorateurs check`` reports on a scenario that builds.

Each rule is a pure function of a :class:`LintContext` and returns problems with document paths
(storage adds ``file:line:col``) and a stable ``code``. A rule's problems are errors (the game
refuses the scenario) or warnings (``check`` fails, the game still plays it). ``LINT_RULES`` is the
registry ``load_scenario`` runs; a new rule registers there under its code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field

from .facts import FACT_PATTERN as FACT_PATTERN  # noqa: F401 - re-exported
from .facts import citation
from .messages import N_, msg
from .problems import ERROR, WARNING, Problem
from .route import DocPath, Route, routes
from .scenario import (
    DEFAULT_EVIDENCE,
    GRADE_SCORE,
    PUBLISH_EVIDENCE,
    CleanStep,
    DebriefStep,
    DialogueStep,
    FillStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
    Step,
)
from .texts import LANGUAGE_NAMES, catalog_path, scenario_texts, short


@dataclass(frozen=True, slots=True)
class LintContext:
    """What the rules look at: the scenario, and what storage knows from its files.

    ``assessed`` gives, for clean and publish steps, the competency of each criterion they score on
    the reference path (one entry per criterion: they depend on the data file); without it a
    generous estimate is used. ``translations`` is ``{lang: {source text: translation}}`` from the
    scenario's catalogs. ``min_evidence`` is the framework's: how many graded items a competency
    needs before the debrief gives it a level (0: not checked).
    """

    scenario: Scenario
    assessed: Mapping[str, Collection[str]] = field(default_factory=dict)
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    min_evidence: int = 0


# -- paths between steps -------------------------------------------------------------------------

def _graph(scenario: Scenario) -> dict[str, list[Route]]:
    known = {s.id for s in scenario.steps}
    # a ``republish`` goes back to a publication's form, which then leads on: not a way to new steps, nor a loop
    return {s.id: [r for r in routes(scenario, s) if (r.target is None or r.target in known) and r.by != "republish"]
            for s in scenario.steps}


def reachable(scenario: Scenario, start: str | None = None) -> set[str]:
    """Ids of the steps some path from ``start`` (default: the first step) reaches, ``start`` included."""
    graph = _graph(scenario)
    first = start or scenario.steps[0].id
    seen, todo = {first}, [first]
    while todo:
        for r in graph[todo.pop()]:
            if r.target is not None and r.target not in seen:
                seen.add(r.target)
                todo.append(r.target)
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
    for s in sc.steps:
        if s.id not in reached:
            continue
        for r in routes(sc, s):
            if r.by == "republish":  # back to a publication's form: it then goes on, it does not loop
                continue
            if r.path is not None and r.target is not None and sc.has_step(r.target) and s.id in reachable(sc, r.target):
                out.append(Problem(r.path, msg(N_("Ce renvoi vers « {step} » fait tourner le scénario en rond : le jeu garde les réponses données, l'apprenant·e referait le même chemin sans fin."), step=r.target),
                                   msg(N_("Renvoyez vers une étape plus loin dans le parcours ; pour revoir une notion, écrivez une nouvelle étape.")),
                                   code="loop", severity=ERROR))
    return out


# -- competencies --------------------------------------------------------------------------------

def assessed_competencies(scenario: Scenario, assessed: Mapping[str, Collection[str]] | None = None) -> set[str]:
    """Competencies carried by at least one graded item (what the debrief can give a level to)."""
    return {c for step in scenario.steps for c in step_evidence(step, assessed or {}, unknown=1)} | {
        c for step in scenario.steps if isinstance(step, DialogueStep) for ch in step.choices if ch.grade
        for c in ch.competencies}


def unassessed_competencies(ctx: LintContext) -> list[Problem]:
    found = assessed_competencies(ctx.scenario, ctx.assessed)
    return [Problem(("competencies", i), msg(N_("Le scénario annonce la compétence {value}, mais aucune activité notée ne l'évalue."), value=c),
                    msg(N_("Ajoutez-la aux competencies d'une question, d'une carte, d'un dialogue à choix notés ou d'une question de réutilisateur, ou retirez-la de la liste.")),
                    code="unassessed-competency", severity=WARNING)
            for i, c in enumerate(ctx.scenario.competencies) if c not in found]


def _estimate(step: CleanStep | PublishStep) -> set[str]:
    """What a data step may evidence when storage could not measure it."""
    if isinstance(step, CleanStep):
        return set(DEFAULT_EVIDENCE.values()) | {v for _k, v in step.evidence} | {"B3"}
    return {step.competency_for(c) for c in PUBLISH_EVIDENCE}


def step_evidence(step: Step, assessed: Mapping[str, Collection[str]], unknown: int = 0) -> Counter[str]:
    """How many graded items of ``step`` evidence each competency when played once; a data step
    storage could not measure counts ``unknown`` for each competency it may evidence."""
    out: Counter[str] = Counter()
    if isinstance(step, DialogueStep) and any(c.grade for c in step.choices):
        # one choice is made, one graded item: what the best choices evidence (a run without mistakes)
        best = max(GRADE_SCORE[c.grade] for c in step.choices if c.grade)
        out.update({comp for c in step.choices if c.grade and GRADE_SCORE[c.grade] == best for comp in c.competencies})
    elif isinstance(step, QuizStep):
        out.update(c for q in step.questions for c in q.competencies)
    elif isinstance(step, SortStep):
        out.update(c for card in step.cards for c in card.competencies)
    elif isinstance(step, ReuseStep):
        out.update(c for ch in step.challenges for c in ch.competencies)
    elif isinstance(step, FillStep):
        out.update(c for r in step.rows for c in r.competencies)
    elif isinstance(step, CleanStep | PublishStep):
        if step.id in assessed:
            out.update(assessed[step.id])
        else:
            out.update({c: unknown for c in _estimate(step)})
    return out


def _reference_next(scenario: Scenario, index: int) -> list[str | None]:
    """Where a learner who makes no mistake may go after step ``index``: a graded dialogue's best
    choices, any choice of an ungraded one; a publication with the reference metadata has no
    consequence."""
    step = scenario.steps[index]
    # a ``republish`` goes back to a publication, which then leads on: counted as the dialogue's own way
    out = [Route(scenario.following(step.id), r.path, r.choice) if r.by == "republish" else r
           for r in routes(scenario, step)]
    if isinstance(step, DialogueStep) and step.choices:
        grades = [GRADE_SCORE[c.grade] for c in step.choices if c.grade]
        return [r.target for r, c in zip(out, step.choices, strict=False)
                if not grades or (c.grade and GRADE_SCORE[c.grade] == max(grades))]
    return [out[0].target]


def reference_evidence(scenario: Scenario, assessed: Mapping[str, Collection[str]] | None = None,
                       unknown: int = 0) -> Counter[str]:
    """The most graded items a run without mistakes can gather for each competency (per
    competency, over every path such a run may take)."""
    assessed = assessed or {}
    known = {s.id for s in scenario.steps}
    memo: dict[str, Counter[str]] = {}

    def best(step_id: str, visiting: frozenset[str]) -> Counter[str]:
        if step_id in memo:
            return memo[step_id]
        i = scenario.index(step_id)
        after: Counter[str] = Counter()
        for target in _reference_next(scenario, i):
            if target in known and target not in visiting:  # a loop is an error of its own
                after |= best(target, visiting | {step_id})  # | keeps the larger count of each
        memo[step_id] = step_evidence(scenario.steps[i], assessed, unknown) + after
        return memo[step_id]

    return best(scenario.steps[0].id, frozenset()) if scenario.steps else Counter()


_THIN = {
    0: N_("Un parcours sans faute ne rencontre aucun élément noté pour la compétence {competency} (seules des "
          "étapes hors de ce parcours l'évaluent), or le référentiel en demande au moins {min} : le bilan "
          "affichera toujours « pas assez d'éléments » pour elle."),
    1: N_("Un parcours sans faute ne rencontre qu'un seul élément noté pour la compétence {competency}, or le "
          "référentiel en demande au moins {min} : le bilan affichera toujours « pas assez d'éléments » pour elle."),
    2: N_("Un parcours sans faute ne rencontre que {count} éléments notés pour la compétence {competency}, or "
          "le référentiel en demande au moins {min} : le bilan affichera toujours « pas assez d'éléments » pour elle."),
}


def thin_evidence(ctx: LintContext) -> list[Problem]:
    """A claimed competency a run without mistakes cannot give enough graded items to get a level
    (the ones no reachable item assesses are ``unassessed-competency`` or ``unreachable-step``)."""
    need = ctx.min_evidence
    if need <= 0:
        return []
    reached = reachable(ctx.scenario)  # a competency only an unreachable step assesses: see unreachable-step
    found = {c for s in ctx.scenario.steps if s.id in reached for c in step_evidence(s, ctx.assessed, unknown=1)}
    counts = reference_evidence(ctx.scenario, ctx.assessed, unknown=need)
    out = []
    for i, c in enumerate(ctx.scenario.competencies):
        count = counts[c]
        if c not in found or count >= need:
            continue
        missing = need - count
        hint = (msg(N_("Ajoutez au moins un élément noté pour {competency} (question, carte, choix noté…) sur le "
                       "chemin d'un parcours sans faute."), competency=c) if missing == 1 else
                msg(N_("Ajoutez au moins {n} éléments notés pour {competency} (questions, cartes, choix notés…) sur "
                       "le chemin d'un parcours sans faute."), n=missing, competency=c))
        out.append(Problem(("competencies", i), msg(_THIN[min(count, 2)], competency=c, count=count, min=need), hint,
                           code="insufficient-evidence", severity=WARNING))
    return out


# -- factual statements --------------------------------------------------------------------------

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
                texts += [(f"options/{k}/explanation", o.explanation) for k, o in enumerate(q.options) if o.explanation]
                yield p + ("questions", j), q.sources, texts + [("explanation", q.explanation)]
        elif isinstance(step, SortStep):
            for j, card in enumerate(step.cards):
                yield p + ("cards", j), card.sources, [("text", card.text), ("detail", card.detail), ("reason", card.reason)]
        elif isinstance(step, ReuseStep):
            for j, ch in enumerate(step.challenges):
                yield p + ("challenges", j), ch.sources, [("question", ch.question), ("explanation", ch.explanation),
                                                          ("cannot", ch.cannot)]
        elif isinstance(step, FillStep):
            rows = [(p + ("example",), step.example)] if step.example is not None else []
            rows += [(p + ("rows", j), r) for j, r in enumerate(step.rows)]
            for rp, r in rows:
                yield rp, r.sources, [("document", r.document), ("detail", r.detail), ("explanation", r.explanation)]
        elif isinstance(step, DebriefStep):
            for j, passage in enumerate(step.passages):
                yield p + ("passages", j), passage.sources, [("text", passage.text)]


def unsourced_facts(ctx: LintContext) -> list[Problem]:
    out = []
    for path, sources, texts in _sourceable(ctx.scenario):
        if sources:
            continue
        for name, text in texts:
            cited = citation(text)
            if cited:
                where: DocPath = path + tuple(int(x) if x.isdigit() else x for x in name.split("/"))
                out.append(Problem(where, msg(N_("Ce texte cite « {cited} » sans indiquer de source."), cited=cited),
                                   msg(N_("Ajoutez sources: [identifiant] à cet élément, avec une source déclarée dans la liste sources du scénario.")),
                                   code="unsourced-fact", severity=WARNING))
                break  # one report per item: one sources list fixes them all
    return out


# -- translations ------------------------------------------------------------------------------

def missing_translations(ctx: LintContext) -> list[Problem]:
    """Lint rule: each text a scenario's catalog leaves untranslated (empty, or marked fuzzy), once,
    where it is first written. A scenario without catalogs is written in one language: nothing is
    missing. The game shows such a text in the scenario's language, so these are warnings."""
    out = []
    texts = scenario_texts(ctx.scenario)
    for lang, known in sorted(ctx.translations.items()):
        if lang == ctx.scenario.language:
            continue
        seen: set[str] = set()
        for t in texts:
            if t.text in seen or known.get(t.text):
                continue
            seen.add(t.text)
            out.append(Problem(
                t.path, msg(N_("Texte sans traduction en {language} ({lang}) : « {text} »."),
                            language=LANGUAGE_NAMES.get(lang, lang), lang=lang, text=short(t.text)),
                msg(N_("Ajoutez la traduction dans {catalog} (par exemple avec Poedit), puis relancez explorateurs check."),
                    catalog=catalog_path(lang)),
                code="missing-translation", severity=WARNING))
    return out


def debrief_passages(ctx: LintContext) -> list[Problem]:
    """Debrief passages whose condition or quoted fact refers to nothing (see game.core.debrief_lint)."""
    from .debrief_lint import passage_problems

    return passage_problems(ctx.scenario)


LintRule = Callable[[LintContext], list[Problem]]

#: Every lint rule, by the code of its problems.
# -- abilities ------------------------------------------------------------------------------------

def _ability_items(scenario: Scenario) -> Iterator[tuple[DocPath, str, tuple[str, ...]]]:
    """(path of ``ability:``, ability, the item's competencies) for each item that names an ability."""
    for i, step in enumerate(scenario.steps):
        p: DocPath = ("steps", i)
        if isinstance(step, DialogueStep) and step.ability:
            yield p + ("ability",), step.ability, step.competencies
        elif isinstance(step, QuizStep):
            yield from ((p + ("questions", j, "ability"), q.ability, q.competencies)
                        for j, q in enumerate(step.questions) if q.ability)
        elif isinstance(step, SortStep):
            yield from ((p + ("cards", j, "ability"), c.ability, c.competencies)
                        for j, c in enumerate(step.cards) if c.ability)
        elif isinstance(step, ReuseStep):
            yield from ((p + ("challenges", j, "ability"), c.ability, c.competencies)
                        for j, c in enumerate(step.challenges) if c.ability)
        elif isinstance(step, FillStep):
            yield from ((p + ("rows", j, "ability"), r.ability, r.competencies)
                        for j, r in enumerate(step.rows) if r.ability)


def ability_outside_competencies(ctx: LintContext) -> list[Problem]:
    """An item testing an ability of a competency it is no evidence for: its miss would cap a level its
    answers never count in."""
    out = []
    for path, ability, comps in _ability_items(ctx.scenario):
        competency = ability.split(".", 1)[0]
        if competency not in comps:
            out.append(Problem(path, msg(N_("Cet élément teste la capacité {ability}, mais ne compte pas pour la "
                                            "compétence {competency}."), ability=ability, competency=competency),
                               msg(N_("Ajoutez {competency} à ses competencies, ou retirez ability."),
                                   competency=competency),
                               code="ability-competency", severity=WARNING))
    return out


LINT_RULES: dict[str, LintRule] = {
    "unreachable-step": unreachable_steps,
    "loop": loops,
    "unassessed-competency": unassessed_competencies,
    "insufficient-evidence": thin_evidence,
    "unsourced-fact": unsourced_facts,
    "missing-translation": missing_translations,
    "debrief-passage": debrief_passages,
    "ability-competency": ability_outside_competencies,
}


def lint(ctx: LintContext) -> list[Problem]:
    """Every rule's problems, in registry order."""
    return [p for rule in LINT_RULES.values() for p in rule(ctx)]
