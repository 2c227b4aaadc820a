"""One learner's attempt at a scenario, written statement by statement with the real builders."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from game.core import clean_statements as xc
from game.core import publish_statements as xp
from game.core import reuse_statements as xr
from game.core import statements as xs

CFG = xs.DEFAULT_XAPI
START = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
_counter = iter(range(1, 10**9))


class Desk:
    def __init__(self, learner: str, scenario: str = "sc", *, group: str | None = "ATELIER",
                 title: str = "Un scénario", competencies: tuple[str, ...] = ("B2", "C1")) -> None:
        self.learner, self.scenario, self.group = learner, scenario, group
        self.title, self.competencies = title, competencies
        self.registration = str(uuid.uuid4())
        self.t = START + timedelta(hours=next(_counter))
        self.statements: list[dict[str, Any]] = []

    def _opts(self) -> dict[str, Any]:
        self.t += timedelta(seconds=3)
        opts = {"statement_id": str(uuid.uuid4()), "timestamp": self.t.isoformat().replace("+00:00", "Z")}
        return {**opts, "group": self.group} if self.group else opts

    def _add(self, stmt: dict[str, Any]) -> Desk:
        self.statements.append(stmt)
        return self

    def _common(self) -> tuple[Any, ...]:
        return (CFG, self.learner, self.registration, self.scenario)

    def begin(self) -> Desk:
        return self._add(xs.scenario_initialized(*self._common(), self.title, self.competencies, **self._opts()))

    def step(self, step: str, kind: str, seconds: float, title: str = "Étape") -> Desk:
        self._add(xs.step_initialized(*self._common(), step, kind, title, self.competencies, **self._opts()))
        return self._add(xs.step_completed(*self._common(), step, kind, title, self.competencies, None, None, seconds,
                                           **self._opts()))

    def question(self, step: str, qid: str, prompt: str, response: str, ok: bool, comps: tuple[str, ...] = ("B2",)) -> Desk:
        return self._add(xs.question_answered(*self._common(), step, qid, prompt, response, ok, float(ok), comps,
                                              **self._opts()))

    def card(self, step: str, card: str, text: str, bin_id: str, ok: bool, comps: tuple[str, ...] = ("B4",)) -> Desk:
        return self._add(xs.card_placed(*self._common(), step, card, text, bin_id, ok, comps, **self._opts()))

    def choice(self, step: str, index: int, text: str, grade: xs.Grade, comps: tuple[str, ...] = ("A1",)) -> Desk:
        return self._add(xs.choice_selected(*self._common(), step, index, text, grade, comps, **self._opts()))

    def criterion(self, step: str, code: str, score: float, comp: str, detail: str = "1/2") -> Desk:
        return self._add(xc.criterion_scored(*self._common(), step, code, score, detail, [comp], **self._opts()))

    def publish(self, step: str, licence: str) -> Desk:
        return self._add(xp.dataset_published(*self._common(), step, "jeu", "Titre", licence, 0.8, (), ["C1"],
                                              **self._opts()))

    def challenge(self, step: str, cid: str, question: str, response: str, ok: bool, comps: tuple[str, ...] = ("D1",)) -> Desk:
        return self._add(xr.challenge_answered(*self._common(), step, cid, question, response, ok, False, comps,
                                               **self._opts()))

    def finish(self, score: float, seconds: float) -> Desk:
        return self._add(xs.scenario_completed(*self._common(), self.title, self.competencies, score, score >= 0.7,
                                               seconds, **self._opts()))
