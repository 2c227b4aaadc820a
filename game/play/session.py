"""PlaySession: the learner's actions on a scenario, each recorded with the resume state.

Every action is an :class:`~game.core.actions.Action` handed to :meth:`PlaySession.do`, which
passes it to the handler of the current step (:mod:`game.play.handlers`). The handler builds the
action's xAPI statements with the core builders, computes the new :class:`AttemptState`, and
hands both to the :class:`Recorder` in one call (one SQLite transaction). The in-memory state
changes only once the record succeeded, so what the learner sees is always what a restart would
resume. The named methods (``choose``, ``answer``, ``clean_apply``…) build the action and call
:meth:`~PlaySession.do`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from game.core import statements as xs
from game.core.actions import (
    Action,
    Answer,
    ApplyOperation,
    CannotAnswer,
    Choose,
    FillRow,
    NextLine,
    PreviousLine,
    Proceed,
    Publish,
    Redo,
    Reply,
    RunQuery,
    SaveDraft,
    Sort,
    Undo,
)
from game.core.modes import PRACTICE, retries_allowed
from game.core.route import Route, route
from game.core.scenario import CleanStep, FillStep, PublishStep, ReuseStep, Scenario, Step

from .handlers import HANDLERS, ActionRefused, Graded, Handler, handler_for
from .handlers.publish import form
from .ports import Clock, Recorder
from .state import AttemptState

if TYPE_CHECKING:  # the cleaning workbench (validator, operations) loads on first use, not at start-up
    from game.core.operations import Operation

    from .clean import CleanWork, DatasetSource
    from .publish import Preview, Publisher, PublishWork
    from .reuse import ReuseWork

#: A scenario counts as passed (xAPI ``success``) from this share of the available points, unless the
#: caller gives the framework's pass mark (game.core.assessment.pass_mark: what the debrief says).
PASS_MARK = 0.75
S = TypeVar("S", bound=Step)

__all__ = ["PASS_MARK", "ActionRefused", "PlaySession"]


class PlaySession:
    def __init__(self, scenario: Scenario, learner: str, registration: str, recorder: Recorder,
                 state: AttemptState | None = None, *, xapi: xs.XapiConfig = xs.DEFAULT_XAPI,
                 language: str = "fr-FR", clock: Clock = time.time, datasets: DatasetSource | None = None,
                 publisher: Publisher | None = None, group: str | None = None, mode: str | None = None,
                 pass_mark: float = PASS_MARK) -> None:
        """``mode`` (:mod:`game.core.modes`, practice when None): the mode of a new attempt; a
        resumed ``state`` keeps the mode it started in."""
        self.scenario = scenario
        self.pass_mark = pass_mark  # the end statement's success says what the debrief's verdict says
        self.group = group  # workshop code carried by every statement (None outside a workshop)
        self.learner = learner
        self.registration = registration
        self._recorder = recorder
        self._xapi = xapi
        self._language = language
        self._clock = clock
        self.datasets = datasets
        self.publisher = publisher
        self._works: dict[str, Any] = {}  # step id -> its workbench or desk (see Handler.load)
        self.state = state or AttemptState(step_id=scenario.steps[0].id, mode=mode or PRACTICE)
        if not scenario.has_step(self.state.step_id):  # the scenario changed since: restart its first step
            self.state = self.state.with_(step_id=scenario.steps[0].id, line=0)
        self.restore_problems: list[Any] = []  # French messages when saved work no longer applies
        for handler in HANDLERS.values():
            self.state = handler.resumed(scenario, self.state)

    # ------------------------------------------------------------------ reading
    def order(self, key: str, n: int) -> list[int]:
        """A shuffled order of ``n`` items (options, choices, cards), fixed for this attempt.

        The right answer is not always first, and a resumed attempt shows the same order.
        """
        items = list(range(n))
        random.Random(f"{self.registration}/{key}").shuffle(items)
        return items

    @property
    def mode(self) -> str:
        """« practice » (a wrong answer may be tried again) or « assessment » (the first answer counts)."""
        return self.state.mode

    @property
    def retries_allowed(self) -> bool:
        return retries_allowed(self.state.mode)

    @property
    def step(self) -> Step:
        return self.scenario.step(self.state.step_id)

    def handler(self, step: Step) -> Handler:
        """The handler of ``step``'s kind."""
        return handler_for(step)

    def graded_items(self) -> list[Graded]:
        """(item key, score or None when not answered yet) for every graded item of visited steps."""
        return [item for step in self.scenario.steps for item in self.handler(step).graded(self, step)]

    def blocked(self) -> bool:
        """A criterion a publish step marks as blocking missed by its first publication, or a clean
        step given up with its goal not reached (see game.core.assessment.is_blocking)."""
        given_up = any(self.state.cleaning_of(s.id).get("result", {}).get("goal_reached") is False
                       for s in self.scenario.steps if isinstance(s, CleanStep))
        return given_up or any(self._missed_blocking(s) for s in self.scenario.steps if isinstance(s, PublishStep))

    def _missed_blocking(self, step: PublishStep) -> bool:
        """The first publication of ``step`` (the one that counts) missed a criterion it marks as blocking."""
        saved = self.state.publishing_of(step.id)
        first = (saved.get("history") or [saved.get("published", {})])[0]
        return any(float(score) < 1.0 and step.blocks(name, str(first.get("licence", "")))
                   for name, score in saved.get("scores", {}).items())

    def score(self) -> float:
        """Share of points earned over graded items answered (0 when none)."""
        done = [s for _, s in self.graded_items() if s is not None]
        return sum(done) / len(done) if done else 0.0

    def step_done(self) -> bool:
        """Whether the current step may be left with « Continuer »."""
        step = self.step
        return self.handler(step).done(self, step)

    def clean_ready(self) -> bool:
        """Whether the current clean, publish or reuse step's dataset is already read and checked."""
        return self.state.step_id in self._works

    def work_of(self, step: Step, progress: Callable[[float], None] | None = None) -> Any:
        """The workbench or desk of a data step, loaded by its handler on first use (this may run
        on a worker thread: it touches no store)."""
        work = self._works.get(step.id)
        if work is None:
            work = self.handler(step).load(self, step, progress)
            self._works[step.id] = work
        return work

    def clean_work(self, progress: Callable[[float], None] | None = None) -> CleanWork:
        """The cleaning workbench of the current clean step (the dataset is read on first use); on a
        publish or reuse step, the one behind the table it publishes or reuses (its desk loaded)."""
        step = self.step
        return self.handler(step).clean_work(self, step, progress)

    def _current(self, kind: type[S]) -> S:
        step = self.step
        if not isinstance(step, kind):
            raise ActionRefused(f"not a {kind.__name__}")
        return step

    def publish_work(self, progress: Callable[[float], None] | None = None) -> PublishWork:
        """The publishing desk of the current publish step, with the learner's cleaned table of
        the step it publishes (read and replayed on first use) and the saved draft."""
        desk: PublishWork = self.work_of(self._current(PublishStep), progress)
        return desk

    def reuse_work(self, progress: Callable[[float], None] | None = None) -> ReuseWork:
        """The reuse desk of the current reuse step: the table as the learner published it (or
        cleaned it, when the step reuses a clean step)."""
        work: ReuseWork = self.work_of(self._current(ReuseStep), progress)
        return work

    def publish_preview(self) -> Preview:
        desk = self.publish_work()
        return desk.preview(desk.draft, self.today())

    def today(self) -> Any:
        from datetime import date

        return date.fromtimestamp(self._clock())

    # ------------------------------------------------------------------ for the handlers
    def statement(self, builder: Callable[..., dict[str, Any]], *args: Any, try_number: int | None = None) -> dict[str, Any]:
        """An xAPI statement of this attempt: ``builder`` (a core statement builder) given who,
        in which attempt and scenario, then ``args``, in this session's language, group and mode;
        ``try_number`` for an answer: which try of its item it is (1: the first, the one that counts)."""
        opts = self._opts()
        if try_number is not None:
            opts["try_number"] = try_number
        return builder(*self._common(), *args, **opts)

    def commit(self, state: AttemptState, stmts: list[dict[str, Any]], finished: float | None = None) -> None:
        """Record the statements with the new resume state (one transaction), then take the state."""
        self._recorder.record(self.registration, state.to_json(), stmts, finished_score=finished)
        self.state = state

    def _opts(self) -> dict[str, Any]:
        opts: dict[str, Any] = {"language": self._language, "mode": self.state.mode}
        return opts | {"group": self.group} if self.group else opts

    def _common(self) -> tuple[Any, ...]:
        return (self._xapi, self.learner, self.registration, self.scenario.id)

    def _enter(self, step: Step) -> list[dict[str, Any]]:
        return [self.statement(xs.step_initialized, step.id, step.kind, step.title, step.competencies)]

    def _step_score(self, step: Step) -> float | None:
        scores = [s for key, s in self.graded_items() if (key == step.id or key.startswith(step.id + "/")) and s is not None]
        return sum(scores) / len(scores) if scores else None

    # ------------------------------------------------------------------ actions
    def begin(self) -> None:
        """Record the start of a new attempt (scenario and first step initialized)."""
        now = self._clock()
        state = self.state.with_(started_at=now, step_started_at=now, visited=(self.state.step_id,))
        stmts = [self.statement(xs.scenario_initialized, self.scenario.title, self.scenario.competencies)]
        stmts += self._enter(self.step)
        self.commit(state, stmts)

    def do(self, action: Action) -> Any:
        """Carry out ``action`` on the current step (recorded, then the state changes) and return
        what it gives (a verdict, a result, the next step id…). ActionRefused when it does not
        apply now; an operation or a query that cannot run raises its own French error."""
        step = self.step
        if action.step != step.id:
            raise ActionRefused("not the current step")
        result = self._proceed(step, action) if isinstance(action, Proceed) else self.handler(step).do(self, step, action)
        self._accepted(step, action)
        return result

    def _accepted(self, step: Step, action: Action) -> None:
        """Called with each action carried out (``step`` as it was); the preview logs them."""

    def next_line(self) -> None:
        self.do(NextLine(self.state.step_id))

    def previous_line(self) -> None:
        self.do(PreviousLine(self.state.step_id))

    def choose(self, index: int) -> None:
        self.do(Choose(self.state.step_id, index))

    def answer(self, question_id: str, selected: frozenset[int]) -> bool:
        return bool(self.do(Answer(self.state.step_id, question_id, frozenset(selected))))

    def place(self, card_id: str, bin_id: str) -> bool:
        return bool(self.do(Sort(self.state.step_id, card_id, bin_id)))

    def fill_schema(self) -> Any:
        """The schema the rows of the current fill step must respect (read on first use)."""
        return self.work_of(self._current(FillStep))

    def fill_row(self, row_id: str, values: dict[str, str]) -> Any:
        """Check a row of the current fill step (ActionRefused while the validator finds errors)."""
        return self.do(FillRow(self.state.step_id, row_id, tuple(values.items())))

    def clean_apply(self, op: Operation) -> Any:
        """Apply a cleaning operation (raises OperationError with a French message when it cannot)."""
        return self.do(ApplyOperation(self.state.step_id, op))

    def clean_undo(self) -> Operation:
        op: Operation = self.do(Undo(self.state.step_id))
        return op

    def clean_redo(self) -> Operation:
        op: Operation = self.do(Redo(self.state.step_id))
        return op

    def publish_save(self, meta: Any, dropped: tuple[str, ...] = ()) -> None:
        """Keep the draft (a crash loses nothing); no statement: nothing is published yet."""
        self.do(form(SaveDraft, self.state.step_id, meta, dropped))

    def publish(self, meta: Any, dropped: tuple[str, ...] = ()) -> Preview:
        """Publish to the portal: artefacts written (all or nothing), criteria scored, statements
        recorded. Refused while a blocking check fails (the preview says which)."""
        preview: Preview = self.do(form(Publish, self.state.step_id, meta, dropped))
        return preview

    def reuse_query(self, query: Any, challenge_id: str = "") -> Any:
        """Run the learner's query on the published table; recorded whatever its outcome.
        Raises QueryError (French message) when the query cannot run."""
        return self.do(RunQuery(self.state.step_id, query, challenge_id))

    def reuse_answer(self, challenge_id: str, given: str) -> Any:
        """Answer a reuser's question; checked against the reference query run on the published table."""
        return self.do(Reply(self.state.step_id, challenge_id, given))

    def reuse_unanswerable(self, challenge_id: str) -> None:
        """The published data cannot answer: the learner hears why and moves on (no point)."""
        self.do(CannotAnswer(self.state.step_id, challenge_id))

    def proceed(self, force: bool = False) -> str | None:
        """Leave the current step for the next one; returns the new step id, or None when the scenario ends.

        ``force`` leaves a clean step whose goal is not reached (the learner gives up; scored as is).
        """
        nxt: str | None = self.do(Proceed(self.state.step_id, force))
        return nxt

    def _proceed(self, step: Step, action: Proceed) -> str | None:
        now = self._clock()
        handler = self.handler(step)
        if not handler.done(self, step) and not (action.force and handler.may_give_up):
            raise ActionRefused("step not finished")
        saved_state = self.state
        self.state, pre_stmts = handler.leaving(self, step)
        try:
            return self._leave(step, now, pre_stmts)
        except Exception:
            self.state = saved_state
            raise

    def _leave(self, step: Step, now: float, pre_stmts: list[dict[str, Any]]) -> str | None:
        score = self._step_score(step)
        stmts = pre_stmts + [self.statement(xs.step_completed, step.id, step.kind, step.title, step.competencies,
                                            score, None if score is None else score >= self.pass_mark,
                                            max(0.0, now - self.state.step_started_at))]
        publishing = self.state.publishing_of(step.id)
        published = publishing.get("published", {})
        way = route(self.scenario, step, choice=self.state.latest_choice(step.id),
                    personal_left=bool(published.get("personal_columns")), licence=published.get("licence"),
                    played=self.state.visited if publishing.get("history") else ())
        if way.by == "republish" and step.id in self.state.publishing_of(way.target or "").get("republished_by", ()):
            nxt = self.scenario.following(step.id)  # a consequence acts once: back again, the dialogue leads on
            way = Route(nxt)
        nxt = way.target
        finished: float | None = None
        if nxt is None or self.handler(self.scenario.step(nxt)).closes:
            if not self.state.completed:
                total = self.score()
                stmts.append(self.statement(xs.scenario_completed, self.scenario.title, self.scenario.competencies,
                                            total, total >= self.pass_mark and not self.blocked(),
                                            max(0.0, now - self.state.started_at)))
                finished = total
        state = self.state.with_(completed=self.state.completed or finished is not None)
        if way.by == "republish" and nxt is not None:  # the form opens again, filled as it was published
            state = state.with_publishing(nxt, {**state.publishing_of(nxt), "republish": step.id})
        if nxt is not None:
            state = state.with_(step_id=nxt, line=0, step_started_at=now,
                                visited=state.visited + ((nxt,) if nxt not in state.visited else ()))
            stmts += self._enter(self.scenario.step(nxt))
        self.commit(state, stmts, finished)
        return nxt
