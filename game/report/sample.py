"""A workshop's statements, generated with the real builders from real scenarios, for the report's
screenshot, its browser test and its benchmark (and a trainer's demonstration).

Each learner gets an ability; each graded item is right with that probability. Most learners finish
a scenario, some stop half-way, a few never start it. Seeded: the same arguments give the same
statements.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from game.core import clean_statements as xc
from game.core import publish_statements as xp
from game.core import reuse_statements as xr
from game.core import statements as xs
from game.core.scenario import (
    PRESERVED,
    CleanStep,
    DialogueStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
    Step,
)

PSEUDONYMS = ("Camille", "Dominique", "Lou", "Sacha", "Noa", "Alix", "Maxime", "Charlie", "Eden", "Yael",
              "Morgane", "Claude", "Ange", "Jordan", "Loïc", "Émilie", "Soizic", "Nour", "Inès", "Bastien")
_CLEAN_CODES = ("type-error", "constraint-error", "blank-row", "missing-cell")
_GRADES: dict[str, xs.Grade] = {"juste": "right", "partiel": "partly", "faux": "wrong"}
_WRONG_ANSWERS = ("17", "1 204", "je ne sais pas", "aucune")
_WRONG_LICENCES = ("cc-by-nc-4.0", "tous-droits-reserves", "cc-by-sa-4.0", "licence-maison")


def workshop(scenarios: Sequence[Scenario], learners: Sequence[str] = PSEUDONYMS, *, group: str = "ATELIER",
             seed: int = 1, cfg: xs.XapiConfig = xs.DEFAULT_XAPI,
             start: datetime = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    out: list[dict[str, Any]] = []
    for i, learner in enumerate(learners):
        ability = 0.35 + 0.6 * rnd.random()
        t = start + timedelta(minutes=i)
        for sc in scenarios:
            fate = rnd.random()
            if fate < 0.08:
                continue  # never started
            stop = rnd.randrange(1, len(sc.steps)) if fate < 0.25 else len(sc.steps)
            stmts, t = _attempt(sc, learner, ability, stop, rnd, cfg, t, group)
            out += stmts
    return out


class _Clock:
    """Timestamps, seeded ids and the workshop code (the builders put it in each statement's context)."""

    def __init__(self, rnd: random.Random, t: datetime, group: str | None) -> None:
        self.rnd, self.t, self.group = rnd, t, group

    def opts(self, after: float = 4.0) -> dict[str, Any]:
        self.t += timedelta(seconds=after)
        stamp = self.t.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        opts = {"statement_id": str(uuid.UUID(int=self.rnd.getrandbits(128), version=4)), "timestamp": stamp}
        return {**opts, "group": self.group} if self.group else opts


def _attempt(sc: Scenario, learner: str, ability: float, stop: int, rnd: random.Random, cfg: xs.XapiConfig,
             t: datetime, group: str | None) -> tuple[list[dict[str, Any]], datetime]:
    clock = _Clock(rnd, t, group)
    reg = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
    common = (cfg, learner, reg, sc.id)
    out = [xs.scenario_initialized(*common, sc.title, sc.competencies, **clock.opts())]
    scores: list[float] = []
    total = 0.0
    for step in sc.steps[:stop]:
        out.append(xs.step_initialized(*common, step.id, step.kind, step.title, step.competencies, **clock.opts(1)))
        seconds = rnd.uniform(40, 420) if step.kind in ("clean", "publish", "reuse") else rnd.uniform(15, 120)
        mine = _graded(step, common, ability, rnd, clock)
        out += [s for s, _score in mine]
        step_scores = [sc_ for _s, sc_ in mine if sc_ is not None]
        scores += step_scores
        if step.kind == "debrief":
            break
        score = sum(step_scores) / len(step_scores) if step_scores else None
        total += seconds
        out.append(xs.step_completed(*common, step.id, step.kind, step.title, step.competencies, score,
                                     None if score is None else score >= 0.7, seconds, **clock.opts(seconds)))
    if stop == len(sc.steps):
        final = sum(scores) / len(scores) if scores else 0.0
        out.append(xs.scenario_completed(*common, sc.title, sc.competencies, final, final >= 0.7, total,
                                         **clock.opts(1)))
    return out, clock.t + timedelta(minutes=2)


def _graded(step: Step, common: tuple[Any, ...], p: float, rnd: random.Random,
            clock: _Clock) -> list[tuple[dict[str, Any], float | None]]:
    def ok() -> bool:
        return rnd.random() < p

    out: list[tuple[dict[str, Any], float | None]] = []
    if isinstance(step, DialogueStep) and any(c.grade for c in step.choices):
        right = [i for i, c in enumerate(step.choices) if c.grade == "juste"] or [0]
        i = rnd.choice(right) if ok() else rnd.randrange(len(step.choices))
        grade = _GRADES.get(step.choices[i].grade or "")
        choice = step.choices[i]
        stmt = xs.choice_selected(*common, step.id, i, choice.text, grade, choice.competencies, **clock.opts(20))
        out.append((stmt, xs.GRADE_SCORES[grade] if grade else None))
    elif isinstance(step, QuizStep):
        for q in step.questions:
            good = sorted(q.correct_indexes)
            chosen = good if ok() else [rnd.choice([i for i in range(len(q.choices)) if i not in good] or good)]
            right = chosen == good
            response = " | ".join(q.choices[i] for i in chosen)
            out.append((xs.question_answered(*common, step.id, q.id, q.prompt, response, right, float(right),
                                             q.competencies or step.competencies, **clock.opts(12)), float(right)))
    elif isinstance(step, SortStep):
        for c in step.cards:
            bin_id = c.bin if ok() else rnd.choice([b.id for b in step.bins if b.id != c.bin] or [c.bin])
            out.append((xs.card_placed(*common, step.id, c.id, c.text, bin_id, bin_id == c.bin,
                                       c.competencies or step.competencies, **clock.opts(6)), float(bin_id == c.bin)))
    elif isinstance(step, CleanStep):
        for op in step.reference[: rnd.randrange(1, len(step.reference) + 1)] if step.reference else ():
            out.append((xc.operation_used(*common, step.id, "apply", op, 30, 20, step.competencies,
                                          **clock.opts(25)), None))
        if step.reference:  # how many operations, reported to the trainer (never scored)
            used = len(step.reference) + (0 if ok() else rnd.randrange(1, 8))
            out.append((xc.process_measured(*common, step.id, used, len(step.reference), step.competencies,
                                            **clock.opts(1)), None))
        for code in tuple(k for k, _v in step.evidence) or _CLEAN_CODES:
            score = 1.0 if ok() else round(rnd.choice((0.0, 0.25, 0.5, 0.75)), 2)
            out.append((xc.criterion_scored(*common, step.id, code, score, f"{int(score * 4)}/4",
                                            [step.competency_for(code)], **clock.opts(1)), score))
        kept = 1.0 if ok() else 0.5
        out.append((xc.criterion_scored(*common, step.id, PRESERVED, kept, "0/0/1" if kept < 1 else "0/0/0",
                                        [step.competency_for(PRESERVED)], **clock.opts(1)), kept))
    elif isinstance(step, PublishStep):
        lic = (step.best_licence or rnd.choice(step.licences)) if ok() else rnd.choice(_WRONG_LICENCES)
        criteria = [("licence", 1.0 if lic in step.licences else 0.0, lic),
                    ("documentation", 1.0 if ok() else 0.5, "3/6"), ("publication", 1.0 if ok() else 0.75, "3/4")]
        if step.personal_columns:
            criteria.append(("personal-data", 1.0 if ok() else 0.0, f"0/{len(step.personal_columns)}"))
        for name, score, detail in criteria:
            out.append((xc.criterion_scored(*common, step.id, name, score, detail, [step.competency_for(name)],
                                            **clock.opts(30)), score))
        out.append((xp.dataset_published(*common, step.id, step.dataset_id or "jeu", "Titre", lic, 0.8, (),
                                         step.competencies, **clock.opts(1)), None))
    elif isinstance(step, ReuseStep):
        for ch in step.challenges:
            right = ok()
            out.append((xr.challenge_answered(*common, step.id, ch.id, ch.question, "42" if right else rnd.choice(_WRONG_ANSWERS), right,
                                              False, ch.competencies or step.competencies, **clock.opts(40)),
                        float(right)))
    return out
