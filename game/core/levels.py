"""The level rule: what a competency's level says about a learner, and why.

A level's descriptor is a claim. The framework's ``assessment`` block holds the rule (data, not code):

- fewer graded items than ``min_evidence``: « pas assez d'éléments »;
- otherwise the mean score against the thresholds (``en_cours``, ``acquis``, ``maitrise``);
- « maîtrisé » also needs ``maitrise_min_evidence`` items and performance evidence (items of the
  ``performance_kinds`` steps: clean, publish, reuse) reaching the « acquis » threshold in at least
  ``maitrise_min_scenarios`` scenarios; short of that the level is « acquis »;
- with ``failed_ability_caps``, an item testing one of the framework's abilities (``ability:`` on the
  item) whose latest answer is wrong caps the level just below that ability's descriptor (an ability
  of the « acquis » descriptor: « en cours d'acquisition ») until a later success on that ability.

:func:`judge` is pure: the evidence of every scenario the caller knows of comes in, the level and its
reasons come out. The learner's debrief and the trainer's report both call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .framework import LEVEL_ORDER, Framework

INSUFFICIENT, TO_DISCOVER, IN_PROGRESS, ACQUIRED, MASTERED = "insuffisant", "a-decouvrir", "en-cours", "acquis", "maitrise"

#: What an evidence item's ``kind`` says of the step it comes from (a criterion: clean or publish).
STEP_OF_KIND = {"choice": "dialogue", "question": "quiz", "card": "sort", "challenge": "reuse", "row": "fill"}

#: Reasons a level is what it is (rendered in French or English by ``game.i18n.levels``).
FEW = "few"  # fewer items than min_evidence
MEAN = "mean"  # the mean score and how many items
MASTERY_FEW = "mastery-few"  # mean high enough for « maîtrisé », too few items
MASTERY_SCENARIOS = "mastery-scenarios"  # mean high enough, not enough scenarios with performance evidence
MASTERY_OK = "mastery-ok"  # « maîtrisé »: performance evidence in enough scenarios
CAPPED = "capped"  # an ability failed and not re-evidenced caps the level
LIFTED = "lifted"  # an ability failed, then succeeded later: no cap
OTHER_SCENARIOS = "other-scenarios"  # items from other scenarios count too


@dataclass(frozen=True, slots=True)
class Evidence:
    """One graded item (its latest answer in one attempt) counted for one competency."""

    competency: str
    score: float
    step_id: str
    kind: str  # "choice" | "question" | "card" | "criterion" (clean or publish step) | "challenge"
    item_id: str
    response: str
    statement_id: str
    scenario: str = ""  # the scenario's id
    step_kind: str = ""  # dialogue | quiz | sort | clean | publish | reuse ("" when unknown)
    ability: str = ""  # the framework ability the item tests ("" for none)
    when: str = ""  # the statement's timestamp (ISO 8601), to tell a later success
    label: str = ""  # what the item is (a question, a card, an error kind…), source language
    step_title: str = ""  # the step's title, source language
    order: int = 0  # position in the records, when timestamps tie
    scenario_title: str = ""  # the scenario's title, source language

    @property
    def success(self) -> bool:
        return self.score >= 1.0


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # one of the reason codes above
    numbers: tuple[tuple[str, float], ...] = ()  # named figures (n, min, score, scenarios…)
    level: str = ""  # a level id the reason names (the cap, « maîtrisé »)
    ability: str = ""  # an ability id (capped / lifted)
    items: tuple[Evidence, ...] = ()  # the items behind the reason (the failed item, the later success)

    def number(self, name: str) -> float:
        return dict(self.numbers).get(name, 0.0)


@dataclass(frozen=True, slots=True)
class Judgement:
    level: str
    score: float | None
    evidence: tuple[Evidence, ...]  # the competency's items, in the order they were recorded
    reasons: tuple[Reason, ...]


def _rank(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else -1


def _by_mean(mean: float, fw: Framework) -> str:
    t = fw.thresholds
    if mean < t.en_cours:
        return TO_DISCOVER
    if mean < t.acquis:
        return IN_PROGRESS
    return ACQUIRED if mean < t.maitrise else MASTERED


def performance_scenarios(evidence: Iterable[Evidence], fw: Framework) -> tuple[str, ...]:
    """The scenarios where the evidence holds performance items whose mean reaches « acquis »."""
    per: dict[str, list[float]] = {}
    for e in evidence:
        if e.step_kind in fw.thresholds.performance_kinds:
            per.setdefault(e.scenario, []).append(e.score)
    return tuple(sorted(s for s, v in per.items() if sum(v) / len(v) >= fw.thresholds.acquis))


def _chronological(items: Iterable[Evidence]) -> list[Evidence]:
    return sorted(items, key=lambda e: (e.when, e.order))


def ability_caps(competency: str, evidence: Iterable[Evidence], fw: Framework) -> tuple[Reason, ...]:
    """For each ability of ``competency`` tested by the evidence: a cap if its latest answer is wrong,
    a « lifted » reason if a wrong answer was followed by a success."""
    comp = fw.competency(competency)
    if comp is None or not fw.thresholds.failed_ability_caps:
        return ()
    out = []
    for ability in comp.abilities:
        seen: dict[tuple[str, str, str, str], Evidence] = {}  # one per item, across competencies
        for e in evidence:
            if e.ability == ability.id:
                seen.setdefault((e.scenario, e.statement_id, e.step_id, e.item_id), e)
        tried = _chronological(seen.values())
        failed = [e for e in tried if not e.success]
        if not failed:
            continue
        last = tried[-1]
        below = LEVEL_ORDER[max(0, _rank(ability.level) - 1)]
        if last.success:
            out.append(Reason(LIFTED, ability=ability.id, items=(failed[-1], last)))
        else:
            out.append(Reason(CAPPED, level=below, ability=ability.id, items=(last,)))
    return tuple(out)


def judge(competency: str, evidence: Sequence[Evidence], fw: Framework, *, current: str = "") -> Judgement:
    """The level of ``competency`` from ``evidence`` (items of any competency: those testing one of its
    abilities count for the cap), with its reasons. ``current``: the scenario being debriefed, to say
    when items from other scenarios count too."""
    t = fw.thresholds
    mine = tuple(_chronological(e for e in evidence if e.competency == competency))
    reasons: list[Reason] = []
    others = {e.scenario for e in mine if e.scenario and e.scenario != current}
    if current and others:
        reasons.append(Reason(OTHER_SCENARIOS, (("scenarios", float(len(others))),)))
    n = len(mine)
    mean = sum(e.score for e in mine) / n if n else None
    if mean is None or n < t.min_evidence:
        reasons.append(Reason(FEW, (("n", float(n)), ("min", float(t.min_evidence)))))
        return Judgement(INSUFFICIENT, mean, mine, tuple(reasons))
    level = _by_mean(mean, fw)
    reasons.append(Reason(MEAN, (("n", float(n)), ("score", mean))))
    if level == MASTERED:
        places = performance_scenarios(mine, fw)
        if n < t.maitrise_min_evidence:
            level = ACQUIRED
            reasons.append(Reason(MASTERY_FEW, (("n", float(n)), ("min", float(t.maitrise_min_evidence))),
                                  level=MASTERED))
        elif len(places) < t.maitrise_min_scenarios:
            level = ACQUIRED
            reasons.append(Reason(MASTERY_SCENARIOS, (("scenarios", float(len(places))),
                                                      ("min", float(t.maitrise_min_scenarios))), level=MASTERED))
        else:
            reasons.append(Reason(MASTERY_OK, (("scenarios", float(len(places))),), level=MASTERED))
    for cap in ability_caps(competency, evidence, fw):
        if cap.code == CAPPED and _rank(level) > _rank(cap.level):
            level = cap.level
        reasons.append(cap)
    return Judgement(level, mean, mine, tuple(reasons))
