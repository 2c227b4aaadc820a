"""The resume state of one attempt: where the learner is and every answer given (JSON-ready)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from game.core.modes import MODES, PRACTICE


@dataclass(frozen=True, slots=True)
class AttemptState:
    step_id: str
    line: int = 0
    choices: tuple[tuple[str, int], ...] = ()  # dialogue step id -> choice index
    answers: tuple[tuple[str, tuple[int, ...]], ...] = ()  # "step/question" -> selected indexes
    placements: tuple[tuple[str, str], ...] = ()  # "step/card" -> bin id
    cleaning: tuple[tuple[str, str], ...] = ()  # clean step id -> JSON {"ops": [...], "done": n, "scores": [...]}
    publishing: tuple[tuple[str, str], ...] = ()  # publish step id -> JSON {"draft": {...}, "dropped": [...], "published": {...}}
    reusing: tuple[tuple[str, str], ...] = ()  # "step/challenge" -> JSON {"given": ..., "ok": ..., "unanswerable": ...}
    filling: tuple[tuple[str, str], ...] = ()  # "step/row" -> JSON {"values": {...}, "score": ...} (fill steps)
    visited: tuple[str, ...] = ()
    completed: bool = False
    started_at: float = 0.0
    step_started_at: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)
    mode: str = PRACTICE  # game.core.modes: an attempt keeps the mode it started in
    # the tries after the first: "choice:<step>", "answer:<step>/<question>", "placement:<step>/<card>",
    # "reuse:<step>/<challenge>" -> JSON list of the later answers (the fields above keep the first, which counts)
    retries: tuple[tuple[str, str], ...] = ()

    def choice(self, step_id: str) -> int | None:
        return dict(self.choices).get(step_id)

    def answer(self, step_id: str, question_id: str) -> tuple[int, ...] | None:
        return dict(self.answers).get(f"{step_id}/{question_id}")

    def placement(self, step_id: str, card_id: str) -> str | None:
        return dict(self.placements).get(f"{step_id}/{card_id}")

    def later(self, kind: str, key: str) -> list[Any]:
        """The answers given after the first to one item (``kind`` « choice », « answer »,
        « placement » or « reuse »; ``key`` as in its field), oldest first."""
        raw = dict(self.retries).get(f"{kind}:{key}")
        return list(json.loads(raw)) if raw else []

    def tries(self, kind: str, key: str) -> int:
        """How many times the item was answered (0: not yet)."""
        first = {"choice": self.choices, "answer": self.answers, "placement": self.placements,
                 "reuse": self.reusing, "fill": self.filling}[kind]
        return (key in dict(first)) + len(self.later(kind, key))

    def with_retry(self, kind: str, key: str, value: Any) -> AttemptState:
        """One more try of an item already answered (its first answer stays where it is)."""
        name = f"{kind}:{key}"
        tries = self.later(kind, key) + [value]
        rest = tuple((k, v) for k, v in self.retries if k != name)
        return replace(self, retries=rest + ((name, json.dumps(tries, ensure_ascii=False)),))

    def latest_choice(self, step_id: str) -> int | None:
        """The dialogue choice the learner stands by now (the first one unless reconsidered)."""
        later = self.later("choice", step_id)
        return int(later[-1]) if later else self.choice(step_id)

    def latest_answer(self, step_id: str, question_id: str) -> tuple[int, ...] | None:
        later = self.later("answer", f"{step_id}/{question_id}")
        return tuple(int(i) for i in later[-1]) if later else self.answer(step_id, question_id)

    def latest_placement(self, step_id: str, card_id: str) -> str | None:
        later = self.later("placement", f"{step_id}/{card_id}")
        return str(later[-1]) if later else self.placement(step_id, card_id)

    def latest_reuse(self, step_id: str, challenge_id: str) -> dict[str, Any] | None:
        later = self.later("reuse", f"{step_id}/{challenge_id}")
        return dict(later[-1]) if later else self.reuse_of(step_id, challenge_id)

    def cleaning_of(self, step_id: str) -> dict[str, Any]:
        raw = dict(self.cleaning).get(step_id)
        return json.loads(raw) if raw else {}

    def with_cleaning(self, step_id: str, saved: dict[str, Any]) -> AttemptState:
        rest = tuple((k, v) for k, v in self.cleaning if k != step_id)
        return replace(self, cleaning=rest + ((step_id, json.dumps(saved, ensure_ascii=False, sort_keys=True)),))

    def publishing_of(self, step_id: str) -> dict[str, Any]:
        raw = dict(self.publishing).get(step_id)
        return json.loads(raw) if raw else {}

    def with_publishing(self, step_id: str, saved: dict[str, Any]) -> AttemptState:
        rest = tuple((k, v) for k, v in self.publishing if k != step_id)
        return replace(self, publishing=rest + ((step_id, json.dumps(saved, ensure_ascii=False, sort_keys=True)),))

    def reuse_of(self, step_id: str, challenge_id: str) -> dict[str, Any] | None:
        raw = dict(self.reusing).get(f"{step_id}/{challenge_id}")
        return json.loads(raw) if raw else None

    def with_reuse(self, step_id: str, challenge_id: str, saved: dict[str, Any]) -> AttemptState:
        key = f"{step_id}/{challenge_id}"
        rest = tuple((k, v) for k, v in self.reusing if k != key)
        return replace(self, reusing=rest + ((key, json.dumps(saved, ensure_ascii=False, sort_keys=True)),))

    def fill_of(self, step_id: str, row_id: str) -> dict[str, Any] | None:
        raw = dict(self.filling).get(f"{step_id}/{row_id}")
        return json.loads(raw) if raw else None

    def latest_fill(self, step_id: str, row_id: str) -> dict[str, Any] | None:
        later = self.later("fill", f"{step_id}/{row_id}")
        return dict(later[-1]) if later else self.fill_of(step_id, row_id)

    def with_fill(self, step_id: str, row_id: str, saved: dict[str, Any]) -> AttemptState:
        key = f"{step_id}/{row_id}"
        rest = tuple((k, v) for k, v in self.filling if k != key)
        return replace(self, filling=rest + ((key, json.dumps(saved, ensure_ascii=False, sort_keys=True)),))

    def with_(self, **changes: Any) -> AttemptState:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "step_id": self.step_id, "line": self.line,
            "choices": dict(self.choices),
            "answers": {k: list(v) for k, v in self.answers},
            "placements": dict(self.placements),
            "cleaning": {k: json.loads(v) for k, v in self.cleaning},
            "publishing": {k: json.loads(v) for k, v in self.publishing},
            "reusing": {k: json.loads(v) for k, v in self.reusing},
            "filling": {k: json.loads(v) for k, v in self.filling},
            "visited": list(self.visited), "completed": self.completed,
            "started_at": self.started_at, "step_started_at": self.step_started_at,
            "mode": self.mode, "retries": {k: json.loads(v) for k, v in self.retries},
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> AttemptState:
        return cls(
            step_id=str(d["step_id"]), line=int(d.get("line", 0)),
            choices=tuple((k, int(v)) for k, v in d.get("choices", {}).items()),
            answers=tuple((k, tuple(int(i) for i in v)) for k, v in d.get("answers", {}).items()),
            placements=tuple((k, str(v)) for k, v in d.get("placements", {}).items()),
            cleaning=tuple((k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in d.get("cleaning", {}).items()),
            publishing=tuple((k, json.dumps(v, ensure_ascii=False, sort_keys=True))
                             for k, v in d.get("publishing", {}).items()),
            reusing=tuple((k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in d.get("reusing", {}).items()),
            filling=tuple((k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in d.get("filling", {}).items()),
            visited=tuple(d.get("visited", ())), completed=bool(d.get("completed", False)),
            started_at=float(d.get("started_at", 0.0)), step_started_at=float(d.get("step_started_at", 0.0)),
            mode=d["mode"] if d.get("mode") in MODES else PRACTICE,
            retries=tuple((str(k), json.dumps(v, ensure_ascii=False)) for k, v in d.get("retries", {}).items()
                          if isinstance(v, list)),
        )
