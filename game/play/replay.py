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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.core.actions import Action, NextLine, PreviousLine
from game.core.messages import N_, Message, msg
from game.core.route import routes
from game.core.scenario import DialogueStep, Step

from .handlers import LogEntry
from .session import PlaySession

__all__ = ["LogEntry", "LoggedSession", "ReplayResult", "replay"]

#: actions replayed when possible and skipped otherwise (a dialogue may have gained or lost lines)
_SOFT = frozenset({NextLine.name, PreviousLine.name})

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
    "fill": N_("Le scénario a changé : le parcours rejoué s'arrête à l'étape « {step} » "
               "(la ligne « {text} » ne s'applique plus)."),
}
#: the note's reason, by the action that no longer applies
_KIND = {"choose": "choose", "answer": "answer", "sort": "place", "apply": "clean", "undo": "clean", "redo": "clean",
         "save-draft": "publish", "publish": "publish", "query": "reuse", "reply": "reuse", "cannot-answer": "reuse",
         "fill-row": "fill", "proceed": "proceed"}


@dataclass(frozen=True, slots=True)
class ReplayResult:
    applied: int  # entries of the log replayed (the rest is dropped)
    note: Message | None = None  # why the replay stopped early, or None when it went all the way


class LoggedSession(PlaySession):
    """A play session that logs the actions it accepted, for :func:`replay`.

    ``seed`` fixes the shuffled order of choices, options and cards across versions (a plain
    session draws it from its registration, which is new at each reload).
    """

    def __init__(self, *args: Any, seed: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.log: list[LogEntry] = []
        self.seed = seed or self.registration

    def order(self, key: str, n: int) -> list[int]:
        items = list(range(n))
        random.Random(f"{self.seed}/{key}").shuffle(items)
        return items

    def _accepted(self, step: Step, action: Action) -> None:
        self.log.append(self.handler(step).entry(step, action))

    @property
    def actions(self) -> list[Action]:
        """The actions accepted so far, in order."""
        return [e.action for e in self.log]


def _stopped(session: PlaySession, kind: str, **params: Any) -> Message:
    return msg(_STOPPED[kind], step=session.state.step_id, **params)


def _lost(session: PlaySession, lost: str, origin: str | None) -> Message:
    """The note when the path no longer reaches ``lost``: it is gone, or the step left last
    (``origin``; None at the start), or the choice made there, now leads elsewhere."""
    if not session.scenario.has_step(lost):
        return _stopped(session, "gone", lost=lost)
    if origin is None or not session.scenario.has_step(origin):
        return _stopped(session, "start", lost=lost)
    step, chosen = session.scenario.step(origin), session.state.latest_choice(origin)
    way = next((r for r in routes(session.scenario, step) if r.choice is not None and r.choice == chosen), None)
    if way is not None and way.by == "choice":  # the choice's own ``next`` decides the way (a dialogue's choice)
        assert isinstance(step, DialogueStep) and chosen is not None  # only a dialogue's choice routes "by choice"
        return _stopped(session, "branch", origin=origin, lost=lost, text=step.choices[chosen].text)
    return _stopped(session, "elsewhere", origin=origin, lost=lost)


def replay(session: LoggedSession, log: Sequence[LogEntry], target: str | None = None) -> ReplayResult:
    """Re-apply ``log`` to ``session`` (fresh, on the new version) until an action no longer applies.

    ``target`` is the step the learner stood on before the edit: when the whole log applies but
    the path now ends elsewhere, the note says so.
    """
    for n, entry in enumerate(log):
        if entry.step_id != session.state.step_id:
            return ReplayResult(n, _lost(session, entry.step_id, log[n - 1].step_id if n else None))
        try:
            step = session.step
            session.do(session.handler(step).again(step, entry))
        except Exception:  # noqa: BLE001 - an edit may break an action in any way: the replay stops there
            if entry.action.name in _SOFT:
                continue
            return ReplayResult(n, _stopped(session, _KIND.get(entry.action.name, "proceed"), text=entry.label))
    if target is not None and target != session.state.step_id:
        return ReplayResult(len(log), _lost(session, target, log[-1].step_id if log else None))
    return ReplayResult(len(log))
