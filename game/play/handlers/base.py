"""What every handler shares: the play-layer code of one step kind.

A :class:`Handler` says which actions its step kind accepts and carries them out on a
:class:`SessionView` (the play session: statements built, resume state computed, both recorded in
one call, then the memory follows), when the step may be left, what it grades, and what the
trainer's preview keeps of an action to find it again after the scenario is edited.
Handlers hold no state: what a step keeps between actions is in the session (its resume state
and its work objects).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from game.core.actions import Action
from game.core.scenario import Scenario, Step

if TYPE_CHECKING:
    from game.core.table import Table

    from ..clean import CleanWork, DatasetSource
    from ..publish import Publisher
    from ..state import AttemptState

#: (item key, score from 0 to 1 or None when not answered yet)
Graded = tuple[str, float | None]
Statement = dict[str, Any]
Progress = Callable[[float], None] | None


class SessionView(Protocol):
    """What a handler sees of the play session (:class:`~game.play.session.SessionView` is one):
    handlers do not import the session, the session imports them."""

    scenario: Scenario
    learner: str
    state: AttemptState
    datasets: DatasetSource | None
    publisher: Publisher | None
    restore_problems: list[Any]

    def handler(self, step: Step) -> Handler: ...
    def work_of(self, step: Step, progress: Progress = None) -> Any: ...
    def today(self) -> Any: ...
    def statement(self, builder: Callable[..., dict[str, Any]], *args: Any,
                  try_number: int | None = None) -> dict[str, Any]: ...
    def commit(self, state: AttemptState, stmts: list[dict[str, Any]], finished: float | None = None) -> None: ...


class ActionRefused(Exception):
    """The action does not apply now (already answered, wrong step…): nothing was recorded."""


def retry_or_first(session: SessionView, kind: str, key: str, right_now: bool) -> int:
    """The try number of a new answer to an item (1 for the first). A later try is refused in
    assessment mode (the first answer counts) and once the latest answer is right."""
    from game.core.modes import retries_allowed

    tries = session.state.tries(kind, key)
    if tries and not retries_allowed(session.state.mode):
        raise ActionRefused("already answered (assessment: the first answer counts)")
    if tries and right_now:
        raise ActionRefused("already right")
    return tries + 1


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One action the session accepted, with what the learner saw (choice or option texts, how
    many were offered) to find it again after an edit, and ``label``, what names it in the note
    when it no longer applies."""

    action: Action
    texts: tuple[str, ...] = ()
    offered: int = 0
    label: str = ""

    @property
    def step_id(self) -> str:
        return self.action.step


def find_again(entry: LogEntry, now: Sequence[str], given: tuple[int, ...]) -> tuple[int, ...]:
    """The indexes to replay: the same texts wherever they are now; else, when as many items are
    offered as before (the trainer reworded them), the same indexes. ActionRefused when removed."""
    if entry.texts and all(t in now for t in entry.texts):
        return tuple(now.index(t) for t in entry.texts)
    if len(now) == entry.offered and all(0 <= i < len(now) for i in given):
        return given
    raise ActionRefused("changed since")


class Handler:
    """The play-layer code of one step kind (registered in :data:`game.play.handlers.HANDLERS`)."""

    #: the step class this handler plays
    step_type: ClassVar[type[Step]]
    #: the actions this step kind accepts, each with the function that carries it out
    #: (``function(handler, session, step, action)``, returning what the session method returns)
    actions: ClassVar[Mapping[type[Action], Callable[..., Any]]] = {}
    #: a ``Proceed(force=True)`` may leave the step before it is done (the learner gives up)
    may_give_up: ClassVar[bool] = False
    #: arriving on a step of this kind ends the scenario (the debrief)
    closes: ClassVar[bool] = False

    def do(self, session: SessionView, step: Any, action: Action) -> Any:
        carry = self.actions.get(type(action))
        if carry is None:
            raise ActionRefused(f"no {action.name} on a {step.kind} step")
        return carry(self, session, step, action)

    def done(self, session: SessionView, step: Any) -> bool:
        """Whether the step may be left with « Continuer »."""
        return True

    def graded(self, session: SessionView, step: Any) -> list[Graded]:
        """The graded items of ``step`` (only those of visited steps count)."""
        return []

    def leaving(self, session: SessionView, step: Any) -> tuple[AttemptState, list[Statement]]:
        """The state and statements to record with the step's completion (a score, for instance)."""
        return session.state, []

    def resumed(self, scenario: Scenario, state: AttemptState) -> AttemptState:
        """A saved state made to fit the scenario as it is now (answers that no longer apply dropped)."""
        return state

    # the work objects of the data steps ---------------------------------------------------
    def load(self, session: SessionView, step: Any, progress: Progress) -> Any:
        """The step's work object (its dataset read on first use); the session keeps it."""
        raise ActionRefused(f"nothing to load on a {step.kind} step")

    def clean_work(self, session: SessionView, step: Any, progress: Progress) -> CleanWork:
        """The cleaning workbench behind the step."""
        raise ActionRefused("not a clean step")

    def output(self, session: SessionView, step: Any, progress: Progress) -> Table:
        """The table this step hands on to a reuse step."""
        raise ActionRefused(f"a {step.kind} step hands no table on")

    # the trainer's preview ----------------------------------------------------------------
    def entry(self, step: Any, action: Action) -> LogEntry:
        """What the preview keeps of an accepted ``action`` (``step`` as it was then)."""
        return LogEntry(action)

    def again(self, step: Any, entry: LogEntry) -> Action:
        """The action to replay for ``entry`` on the edited ``step`` (ActionRefused: it is gone)."""
        return entry.action


def scored(step: Step, saved: Mapping[str, Any], visited: Sequence[str]) -> list[Graded]:
    """The criteria a data step scored when it was left, or one item not graded yet once visited."""
    scores = saved.get("scores")
    if scores:
        return [(f"{step.id}/{name}", float(v)) for name, v in scores.items()]
    return [(f"{step.id}/*", None)] if step.id in visited else []
