"""Replaying a learner's path on a new version of the scenario (the trainer's live preview).

A :class:`LoggedSession` keeps, in order, every action that the session accepted (a line read,
a choice, an answer, a card placed, a cleaning operation, a publication, a reuse answer, leaving
a step). After the trainer saves the scenario file, :func:`replay` feeds that log to a fresh
session on the new version, action by action, until one no longer applies: the session then
stands on the nearest step still reachable, and the result carries a French note saying where
and why the replay stopped. Inky replays choices the same way after each recompile.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from game.core.messages import N_, Message, msg
from game.core.scenario import DialogueStep, QuizStep, ReuseStep, SortStep

from .session import ActionRefused, PlaySession

#: actions replayed when possible and skipped otherwise (a dialogue may have gained or lost lines)
_SOFT = frozenset({"next_line", "previous_line"})

_STOPPED = {
    "gone": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
               "(l'étape « {lost} » n'existe plus)."),
    "elsewhere": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                    "(l'étape « {origin} » ne mène plus à l'étape « {lost} »)."),
    "branch": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                 "(le choix « {text} » de l'étape « {origin} » ne mène plus à l'étape « {lost} »)."),
    "start": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                "(le scénario ne commence plus par l'étape « {lost} »)."),
    "choose": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                 "(le choix « {text} » n'existe plus)."),
    "answer": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                 "(la réponse à la question « {text} » ne s'applique plus)."),
    "place": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                "(la carte « {text} » ne peut plus être classée comme avant)."),
    "clean": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                "(l'opération de nettoyage « {text} » ne s'applique plus)."),
    "publish": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                  "(la publication ne s'applique plus)."),
    "reuse": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                "(la réponse à la question de réutilisation « {text} » ne s'applique plus)."),
    "proceed": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
                  "(elle attend maintenant d'autres réponses)."),
}
_KIND = {"choose": "choose", "answer": "answer", "place": "place", "clean_apply": "clean", "clean_undo": "clean",
         "clean_redo": "clean", "publish_save": "publish", "publish": "publish", "reuse_query": "reuse",
         "reuse_answer": "reuse", "reuse_unanswerable": "reuse", "proceed": "proceed"}


@dataclass(frozen=True, slots=True)
class Intent:
    """One accepted action: on which step, which session method, its arguments, and what the
    learner saw (choice or option texts, how many were offered) to find them again after an edit."""

    step_id: str
    action: str
    args: tuple[Any, ...] = ()
    texts: tuple[str, ...] = ()
    offered: int = 0
    label: str = ""  # named in the note when the action no longer applies


@dataclass(frozen=True, slots=True)
class ReplayResult:
    applied: int  # intents of the log replayed (the rest is dropped)
    note: Message | None = None  # why the replay stopped early, or None when it went all the way


class LoggedSession(PlaySession):
    """A play session that logs the actions it accepted, for :func:`replay`.

    ``seed`` fixes the shuffled order of choices, options and cards across versions (a plain
    session draws it from its registration, which is new at each reload).
    """

    def __init__(self, *args: Any, seed: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.log: list[Intent] = []
        self.seed = seed or self.registration

    def order(self, key: str, n: int) -> list[int]:
        items = list(range(n))
        random.Random(f"{self.seed}/{key}").shuffle(items)
        return items

    def _logged(self, call: Callable[[], Any], action: str, args: tuple[Any, ...] = (), *,
                texts: tuple[str, ...] = (), offered: int = 0, label: str = "") -> Any:
        step_id = self.state.step_id
        result = call()
        self.log.append(Intent(step_id, action, args, texts, offered, label))
        return result

    def next_line(self) -> None:
        self._logged(super().next_line, "next_line")

    def previous_line(self) -> None:
        self._logged(super().previous_line, "previous_line")

    def choose(self, index: int) -> None:
        step = self.step
        choices = step.choices if isinstance(step, DialogueStep) else ()
        text = choices[index].text if 0 <= index < len(choices) else ""
        self._logged(lambda: super(LoggedSession, self).choose(index), "choose", (index,), texts=(text,),
                     offered=len(choices), label=text)

    def answer(self, question_id: str, selected: frozenset[int]) -> bool:
        step = self.step
        q = next((q for q in step.questions if q.id == question_id), None) if isinstance(step, QuizStep) else None
        texts = tuple(q.choices[i] for i in sorted(selected) if q and 0 <= i < len(q.choices))
        return bool(self._logged(lambda: super(LoggedSession, self).answer(question_id, selected), "answer",
                                 (question_id, selected), texts=texts, offered=len(q.choices) if q else 0,
                                 label=q.prompt if q else question_id))

    def place(self, card_id: str, bin_id: str) -> bool:
        step = self.step
        card = next((c for c in step.cards if c.id == card_id), None) if isinstance(step, SortStep) else None
        return bool(self._logged(lambda: super(LoggedSession, self).place(card_id, bin_id), "place",
                                 (card_id, bin_id), label=card.text if card else card_id))

    def clean_apply(self, op: Any) -> Any:
        return self._logged(lambda: super(LoggedSession, self).clean_apply(op), "clean_apply", (op,),
                            label=str(getattr(op, "op", "")))

    def clean_undo(self) -> Any:
        return self._logged(super().clean_undo, "clean_undo", label="undo")

    def clean_redo(self) -> Any:
        return self._logged(super().clean_redo, "clean_redo", label="redo")

    def publish_save(self, meta: Any, dropped: tuple[str, ...] = ()) -> None:
        self._logged(lambda: super(LoggedSession, self).publish_save(meta, dropped), "publish_save", (meta, dropped))

    def publish(self, meta: Any, dropped: tuple[str, ...] = ()) -> Any:
        return self._logged(lambda: super(LoggedSession, self).publish(meta, dropped), "publish", (meta, dropped))

    def reuse_query(self, query: Any, challenge_id: str = "") -> Any:
        return self._logged(lambda: super(LoggedSession, self).reuse_query(query, challenge_id), "reuse_query",
                            (query, challenge_id), label=self._question(challenge_id))

    def reuse_answer(self, challenge_id: str, given: str) -> Any:
        return self._logged(lambda: super(LoggedSession, self).reuse_answer(challenge_id, given), "reuse_answer",
                            (challenge_id, given), label=self._question(challenge_id))

    def reuse_unanswerable(self, challenge_id: str) -> None:
        self._logged(lambda: super(LoggedSession, self).reuse_unanswerable(challenge_id), "reuse_unanswerable",
                     (challenge_id,), label=self._question(challenge_id))

    def _question(self, challenge_id: str) -> str:
        step = self.step
        ch = next((c for c in step.challenges if c.id == challenge_id), None) if isinstance(step, ReuseStep) else None
        return ch.question if ch else challenge_id

    def proceed(self, force: bool = False) -> str | None:
        nxt: str | None = self._logged(lambda: super(LoggedSession, self).proceed(force), "proceed", (force,))
        return nxt


def _find(texts: tuple[str, ...], offered: int, now: Sequence[str], given: tuple[int, ...]) -> tuple[int, ...] | None:
    """The indexes to replay: the same texts wherever they are now; else, when as many items are
    offered as before (the trainer reworded them), the same indexes; else None (removed)."""
    if texts and all(t in now for t in texts):
        return tuple(now.index(t) for t in texts)
    if len(now) == offered and all(0 <= i < len(now) for i in given):
        return given
    return None


def _apply(session: LoggedSession, it: Intent) -> None:
    step = session.step
    if it.action == "choose":
        now = [c.text for c in step.choices] if isinstance(step, DialogueStep) else []
        found = _find(it.texts, it.offered, now, (int(it.args[0]),))
        if found is None:
            raise ActionRefused("choice gone")
        session.choose(found[0])
    elif it.action == "answer":
        qid, selected = it.args
        q = next((q for q in step.questions if q.id == qid), None) if isinstance(step, QuizStep) else None
        found = _find(it.texts, it.offered, list(q.choices) if q else [], tuple(sorted(selected)))
        if found is None:
            raise ActionRefused("options changed")
        session.answer(qid, frozenset(found))
    else:
        getattr(session, it.action)(*it.args)


def _stopped(session: PlaySession, kind: str, **params: Any) -> Message:
    return msg(_STOPPED[kind], step=session.state.step_id, **params)


def _lost(session: PlaySession, lost: str, origin: str | None) -> Message:
    """The note when the path no longer reaches ``lost``: it is gone, or the step left last
    (``origin``; None at the start), or the choice made there, now leads elsewhere."""
    if not session.scenario.has_step(lost):
        return _stopped(session, "gone", lost=lost)
    if origin is None or not session.scenario.has_step(origin):
        return _stopped(session, "start", lost=lost)
    step, chosen = session.scenario.step(origin), session.state.choice(origin)
    if isinstance(step, DialogueStep) and chosen is not None and 0 <= chosen < len(step.choices) \
            and step.choices[chosen].next:  # the choice's own ``next`` decides the way
        return _stopped(session, "branch", origin=origin, lost=lost, text=step.choices[chosen].text)
    return _stopped(session, "elsewhere", origin=origin, lost=lost)


def replay(session: LoggedSession, log: Sequence[Intent], target: str | None = None) -> ReplayResult:
    """Re-apply ``log`` to ``session`` (fresh, on the new version) until an action no longer applies.

    ``target`` is the step the learner stood on before the edit: when the whole log applies but
    the path now ends elsewhere, the note says so.
    """
    for n, it in enumerate(log):
        if it.step_id != session.state.step_id:
            return ReplayResult(n, _lost(session, it.step_id, log[n - 1].step_id if n else None))
        try:
            _apply(session, it)
        except Exception:  # noqa: BLE001 - an edit may break an action in any way: the replay stops there
            if it.action in _SOFT:
                continue
            return ReplayResult(n, _stopped(session, _KIND.get(it.action, "proceed"), text=it.label))
    if target is not None and target != session.state.step_id:
        return ReplayResult(len(log), _lost(session, target, log[-1].step_id if log else None))
    return ReplayResult(len(log))
