"""The campaign's coverage: for each competency of the framework, how many graded items the
reference path of each scenario assesses, and whether the campaign rule holds.

The rule (issue 16): every competency has at least :data:`MIN_ITEMS` graded items on the
scenarios' reference paths, coming from at least :data:`MIN_SCENARIOS` different scenarios — a
level then never rests on one scenario's idea of the competency. The evidence comes from
:func:`game.core.assessment.assess` on the statements the reference path records (what
``explorateurs simulate --reference`` shows), so an item counts only when the game really grades it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .levels import Evidence
from .messages import N_, Message, msg

MIN_ITEMS = 3
MIN_SCENARIOS = 2


@dataclass(frozen=True, slots=True)
class Item:
    """One graded item of a reference path: where it is (scenario, step, kind, item id)."""

    scenario: str
    step: str
    kind: str  # "choice" | "question" | "card" | "criterion" | "challenge"
    item: str


@dataclass(frozen=True, slots=True)
class CompetencyCoverage:
    competency: str
    counts: tuple[int, ...]  # per scenario, in the order of :attr:`Coverage.scenarios`
    items: tuple[Item, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def scenarios(self) -> int:
        """How many scenarios give at least one item."""
        return sum(1 for n in self.counts if n)

    @property
    def holds(self) -> bool:
        return self.total >= MIN_ITEMS and self.scenarios >= MIN_SCENARIOS


@dataclass(frozen=True, slots=True)
class Coverage:
    scenarios: tuple[str, ...]
    rows: tuple[CompetencyCoverage, ...]

    @property
    def holds(self) -> bool:
        return all(r.holds for r in self.rows)

    @property
    def short(self) -> tuple[CompetencyCoverage, ...]:
        return tuple(r for r in self.rows if not r.holds)


def coverage(competencies: Sequence[str], evidence: Mapping[str, Iterable[Evidence]]) -> Coverage:
    """The table for ``competencies`` (the framework's, in its order) from each scenario's reference
    path evidence (scenario id -> the evidence of every competency, as ``assess`` gives it), in the
    order of ``evidence``. An item counted twice for one competency (it cannot be) counts once;
    evidence for a competency outside ``competencies`` is ignored."""
    scenarios = tuple(evidence)
    found: dict[str, dict[str, list[Item]]] = {c: {s: [] for s in scenarios} for c in competencies}
    for sid, items in evidence.items():
        for e in items:
            per = found.get(e.competency)
            if per is None:
                continue
            item = Item(sid, e.step_id, e.kind, e.item_id)
            if item not in per[sid]:
                per[sid].append(item)
    rows = tuple(CompetencyCoverage(c, tuple(len(found[c][s]) for s in scenarios),
                                    tuple(i for s in scenarios for i in found[c][s])) for c in competencies)
    return Coverage(scenarios, rows)


def shortfall(row: CompetencyCoverage) -> Message:
    """Why ``row`` falls short of the campaign rule, in French (rendered by i18n)."""
    if row.total == 0:
        return msg(N_("La compétence {competency} n'est évaluée par aucun élément noté sur les parcours de référence : "
                      "la campagne en demande au moins {min} venant d'au moins {scenarios} scénarios."),
                   competency=row.competency, min=MIN_ITEMS, scenarios=MIN_SCENARIOS)
    if row.scenarios < MIN_SCENARIOS:
        return msg(N_("La compétence {competency} n'est évaluée que dans un seul scénario ({total} élément(s) noté(s) "
                      "sur les parcours de référence) : la campagne en demande au moins {min} venant d'au moins "
                      "{scenarios} scénarios."),
                   competency=row.competency, total=row.total, min=MIN_ITEMS, scenarios=MIN_SCENARIOS)
    return msg(N_("La compétence {competency} n'a que {total} élément(s) noté(s) sur les parcours de référence : "
                  "la campagne en demande au moins {min}."),
               competency=row.competency, total=row.total, min=MIN_ITEMS)
