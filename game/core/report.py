"""The trainer's group report and the learner's own report: a pure function of statements.

Statements may come from many desks, an LRS or JSONL files, and may repeat: they are
deduplicated by id. A learner is ``actor.account.name``, a scenario the ``scenario`` extension,
an attempt ``context.registration``. Competency levels pool, for each learner, the graded
statement that counts per item of every attempt — its first try, in practice as in assessment
mode — judged by the level rule of :mod:`game.core.levels` (the debrief's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .assessment import ACQUIRED, IN_PROGRESS, INSUFFICIENT, MASTERED, TO_DISCOVER
from .attendance import Attendance, attendance
from .framework import Framework, Resource
from .levels import Evidence, Reason, judge
from .modes import MODES
from .report_attempts import Attempt, attempts, group_of, in_group, learner_of
from .report_attempts import _when as when_of
from .scenario import Scenario

#: Status of a learner on a scenario.
NOT_STARTED, STARTED, FINISHED = "non-commence", "commence", "termine"
#: Levels in the order a report shows them.
LEVELS = (TO_DISCOVER, IN_PROGRESS, ACQUIRED, MASTERED, INSUFFICIENT)
#: Kinds of error: a validation error left (or introduced) by a clean step, a licence choice, another
#: publishing criterion missed, a card in the wrong bin, a wrong answer (quiz, dialogue, reuser's question).
VALIDATION, LICENCE, PUBLICATION, PLACEMENT, ANSWER = "validation", "licence", "publication", "placement", "answer"
ERROR_KINDS = (VALIDATION, LICENCE, PUBLICATION, PLACEMENT, ANSWER)
TOP_ERRORS = 5


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    id: str
    title: str
    competencies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Progress:
    scenario: str
    status: str  # NOT_STARTED | STARTED | FINISHED
    score: float | None  # the last finished attempt's score
    seconds: float  # finished attempts: their duration; unfinished: the sum of their finished steps
    attempts: int
    #: process measure of the last finished attempt (else the latest): operations used in its clean
    #: steps and in the reference recipes; never scored
    operations: tuple[int, int] | None = None
    mode: str | None = None  # the latest attempt's mode (game.core.modes), None when its statements do not say
    blocked: tuple[str, ...] = ()  # blocking criteria the last finished attempt missed (not passed, whatever the score)


@dataclass(frozen=True, slots=True)
class Participant:
    learner: str
    progress: tuple[Progress, ...]  # one per scenario of the report, in its order

    @property
    def seconds(self) -> float:
        return sum(p.seconds for p in self.progress)

    @property
    def finished(self) -> int:
        return sum(p.status == FINISHED for p in self.progress)


@dataclass(frozen=True, slots=True)
class Cell:
    """One learner's level on one competency (the heat map)."""

    learner: str
    competency: str
    level: str
    score: float | None
    evidence: int
    reasons: tuple[Reason, ...] = ()  # why this level (the rule of game.core.levels)
    items: tuple[Evidence, ...] = ()  # the graded items behind it, in the order they were recorded


@dataclass(frozen=True, slots=True)
class CompetencySummary:
    competency: str
    counts: tuple[tuple[str, int], ...]  # (level, learners) for each of LEVELS
    score: float | None  # mean of the learners' mean scores

    def count(self, level: str) -> int:
        return dict(self.counts).get(level, 0)


@dataclass(frozen=True, slots=True)
class ErrorItem:
    competency: str
    kind: str  # one of ERROR_KINDS
    scenario: str  # "" for validation errors and publishing criteria, pooled across scenarios
    label: str  # error code, publishing criterion (« licence » for a licence), card text or question prompt
    answer: str  # the licence, bin or answer chosen ("" for validation errors and criteria)
    expected: str  # what was expected, when the scenario is known
    learners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Need:
    """A competency to work on: who is « à découvrir » or « en cours », who lacks evidence."""

    competency: str
    to_discover: tuple[str, ...]
    in_progress: tuple[str, ...]
    insufficient: tuple[str, ...]
    resources: tuple[Resource, ...]

    @property
    def learners(self) -> tuple[str, ...]:
        return tuple(sorted(self.to_discover + self.in_progress, key=str.casefold))


@dataclass(frozen=True, slots=True)
class Report:
    framework: Framework
    generated_at: str  # ISO 8601
    group: str | None  # the workshop code; in the learner's own report, their latest one
    learner: str | None  # the learner's own report
    scenarios: tuple[ScenarioInfo, ...]
    participants: tuple[Participant, ...]  # sorted by pseudonym
    competencies: tuple[str, ...]  # the heat map's columns, in the framework's order
    cells: tuple[Cell, ...]  # participant-major, then competency, in those orders
    summaries: tuple[CompetencySummary, ...]  # one per competency
    errors: tuple[ErrorItem, ...]  # up to TOP_ERRORS per competency, most frequent first
    needs: tuple[Need, ...]  # most learners to train first
    statements: int  # distinct statements kept
    ignored: int  # statements without a learner or a scenario
    attendance: Attendance | None = None  # who the trainer expected (``report --expected``), if they said
    modes: tuple[str, ...] = ()  # the modes the attempts were played in (game.core.modes.MODES order)

    def cell(self, learner: str, competency: str) -> Cell | None:
        return next((c for c in self.cells if c.learner == learner and c.competency == competency), None)

    def errors_for(self, competency: str) -> tuple[ErrorItem, ...]:
        return tuple(e for e in self.errors if e.competency == competency)

    def completion(self, scenario: str) -> dict[str, int]:
        """Learners per status on one scenario."""
        out = dict.fromkeys((FINISHED, STARTED, NOT_STARTED), 0)
        for p in self.participants:
            for pr in p.progress:
                if pr.scenario == scenario:
                    out[pr.status] += 1
        return out


def build_report(statements: Iterable[Mapping[str, Any]], framework: Framework, *,
                 scenarios: Mapping[str, Scenario] | None = None, group: str | None = None,
                 learner: str | None = None, generated_at: str,
                 expected: Sequence[str] | int | None = None) -> Report:
    """``expected``: the pseudonyms (or the number of people) the trainer expected at the workshop."""
    known = dict(scenarios or {})
    kept: list[Mapping[str, Any]] = []
    seen: set[str] = set()
    shown: str | None = None  # the group code as the desks wrote it, not as typed for the report
    for s in statements:
        sid = s.get("id") if isinstance(s, Mapping) else None
        if not isinstance(s, Mapping) or (isinstance(sid, str) and sid in seen):
            continue
        if isinstance(sid, str):
            seen.add(sid)
        if (group is not None and not in_group(s, group)) or (learner is not None and learner_of(s) != learner):
            continue
        if group is not None and shown is None:
            shown = group_of(s)
        kept.append(s)
    if learner is not None and group is None:  # the learner's own report names their latest workshop
        shown = _latest_group(kept)
    tries, ignored = attempts(kept, known)
    infos = _scenarios(tries, known)
    learners = sorted({a.learner for a in tries}, key=lambda x: (x.casefold(), x))
    by_learner: dict[str, list[Attempt]] = defaultdict(list)
    for a in tries:
        by_learner[a.learner].append(a)
    participants = tuple(Participant(n, tuple(_progress(by_learner[n], info.id) for info in infos)) for n in learners)
    ids = framework.ids
    wanted = {c for info in infos for c in info.competencies} | {c for a in tries for c, _s in a.evidence}
    comps = tuple(c.id for c in framework.competencies if c.id in wanted and c.id in ids)
    cells = []
    for n in learners:
        proofs = [e for a in by_learner[n] for e in a.proofs]  # in time order by their timestamps
        for c in comps:
            j = judge(c, proofs, framework)
            cells.append(Cell(n, c, j.level, j.score, len(j.evidence), j.reasons, j.evidence))
    summaries = tuple(_summary(c, [x for x in cells if x.competency == c]) for c in comps)
    return Report(framework, generated_at, shown or group, learner, infos, participants, comps, tuple(cells), summaries,
                  _errors(tries, comps), _needs(framework, comps, cells), len(kept) - ignored, ignored,
                  None if expected is None else attendance(learners, expected),
                  tuple(m for m in MODES if any(a.mode == m for a in tries)))


def _latest_group(stmts: list[Mapping[str, Any]]) -> str | None:
    """The workshop code (``group`` extension) of the most recent statement that carries one."""
    dated = [(when_of(s), i, code) for i, s in enumerate(stmts) if (code := group_of(s)) is not None]
    return max(dated)[2] if dated else None


def _scenarios(tries: list[Attempt], known: Mapping[str, Scenario]) -> tuple[ScenarioInfo, ...]:
    played: dict[str, Attempt] = {}
    for a in tries:
        if a.scenario not in played or (a.title and not played[a.scenario].title):
            played[a.scenario] = a
    order = [k for k in known if k in played] + sorted(k for k in played if k not in known)
    out = []
    for sid in order:
        sc = known.get(sid)
        if sc is not None:
            out.append(ScenarioInfo(sid, sc.title, tuple(sc.competencies)))
        else:
            comps = {c: None for a in tries if a.scenario == sid for c in a.competencies}
            out.append(ScenarioInfo(sid, played[sid].title or sid, tuple(comps)))
    return tuple(out)


def _progress(mine: list[Attempt], scenario: str) -> Progress:
    here = [a for a in mine if a.scenario == scenario]
    if not here:
        return Progress(scenario, NOT_STARTED, None, 0.0, 0)
    done = [a for a in here if a.completed is not None]
    last = max(done, key=lambda a: a.completed_at) if done else None
    shown = last or max(here, key=lambda a: a.completed_at)
    return Progress(scenario, FINISHED if done else STARTED, last.score if last else None,
                    sum(a.seconds for a in here), len(here), shown.operations_used, shown.mode,
                    last.blocked if last else ())


def _summary(competency: str, cells: list[Cell]) -> CompetencySummary:
    means = [c.score for c in cells if c.score is not None]
    return CompetencySummary(competency, tuple((lv, sum(c.level == lv for c in cells)) for lv in LEVELS),
                             sum(means) / len(means) if means else None)


def _errors(tries: list[Attempt], comps: tuple[str, ...]) -> tuple[ErrorItem, ...]:
    found: dict[tuple[str, str, str, str, str], tuple[str, set[str]]] = {}
    for a in tries:
        for e in a.errors:
            for c in e.competencies:
                key = (c, e.kind, e.scenario, e.label, e.answer)
                expected, who = found.setdefault(key, (e.expected, set()))
                who.add(a.learner)
    out: list[ErrorItem] = []
    for comp in comps:
        mine = [ErrorItem(c, k, sc, label, answer, exp, tuple(sorted(who, key=str.casefold)))
                for (c, k, sc, label, answer), (exp, who) in found.items() if c == comp]
        mine.sort(key=lambda e: (-len(e.learners), ERROR_KINDS.index(e.kind), e.scenario, e.label, e.answer))
        out += mine[:TOP_ERRORS]
    return tuple(out)


def _needs(fw: Framework, comps: tuple[str, ...], cells: list[Cell]) -> tuple[Need, ...]:
    out = []
    for c in comps:
        mine = [x for x in cells if x.competency == c]

        def who(level: str, mine: list[Cell] = mine) -> tuple[str, ...]:
            return tuple(x.learner for x in mine if x.level == level)

        comp = fw.competency(c)
        need = Need(c, who(TO_DISCOVER), who(IN_PROGRESS), who(INSUFFICIENT), comp.resources if comp else ())
        if need.learners or need.insufficient:
            out.append(need)
    out.sort(key=lambda n: (-len(n.learners), -len(n.to_discover), -len(n.insufficient), comps.index(n.competency)))
    return tuple(out)
