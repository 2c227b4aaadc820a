"""PlaySession: the learner's actions on a scenario, each recorded with the resume state.

Every public action builds its xAPI statements with the core builder, computes the new
:class:`AttemptState`, and hands both to the :class:`Recorder` in one call (one SQLite
transaction). The in-memory state changes only once the record succeeded, so what the learner
sees is always what a restart would resume.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from game.core import clean_statements as xc
from game.core import publish_statements as xp
from game.core import reuse_statements as xr
from game.core import statements as xs
from game.core.scenario import (
    GRADE_SCORE,
    CleanStep,
    DebriefStep,
    DialogueStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
    Step,
)

from .ports import Clock, Recorder
from .state import AttemptState

if TYPE_CHECKING:  # the cleaning workshop (validator, operations) loads on first use, not at start-up
    from game.core.operations import Operation

    from .clean import CleanWork, DatasetSource
    from .publish import Preview, Publisher, PublishWork
    from .reuse import ReuseWork

_GRADE_XAPI = {"juste": "right", "partiel": "partly", "faux": "wrong"}
#: A scenario counts as passed (xAPI ``success``) from this share of the available points.
PASS_MARK = 0.7


class ActionRefused(Exception):
    """The action does not apply now (already answered, wrong step…): nothing was recorded."""


class PlaySession:
    def __init__(self, scenario: Scenario, learner: str, registration: str, recorder: Recorder,
                 state: AttemptState | None = None, *, xapi: xs.XapiConfig = xs.DEFAULT_XAPI,
                 language: str = "fr-FR", clock: Clock = time.time, datasets: DatasetSource | None = None,
                 publisher: Publisher | None = None, group: str | None = None) -> None:
        self.scenario = scenario
        self.group = group  # workshop code carried by every statement (None outside a workshop)
        self.learner = learner
        self.registration = registration
        self._recorder = recorder
        self._xapi = xapi
        self._language = language
        self._clock = clock
        self._datasets = datasets
        self._publisher = publisher
        self._works: dict[str, CleanWork] = {}
        self._desks: dict[str, PublishWork] = {}
        self._reuses: dict[str, ReuseWork] = {}
        self.state = state or AttemptState(step_id=scenario.steps[0].id)
        if not scenario.has_step(self.state.step_id):  # the scenario changed since: restart its first step
            self.state = self.state.with_(step_id=scenario.steps[0].id, line=0)
        self.restore_problems: list[Any] = []  # French messages when saved work no longer applies
        step = self.step
        if isinstance(step, DialogueStep) and not 0 <= self.state.line < len(step.lines):  # fewer lines now
            self.state = self.state.with_(line=max(0, len(step.lines) - 1))
        valid = {s.id: s for s in scenario.steps}
        choices = tuple((k, v) for k, v in self.state.choices
                        if isinstance(valid.get(k), DialogueStep) and 0 <= v < len(valid[k].choices))
        if choices != self.state.choices:
            self.state = self.state.with_(choices=choices)

    # ------------------------------------------------------------------ reading
    def order(self, key: str, n: int) -> list[int]:
        """A shuffled order of ``n`` items (options, choices, cards), fixed for this attempt.

        The right answer is not always first, and a resumed attempt shows the same order.
        """
        items = list(range(n))
        random.Random(f"{self.registration}/{key}").shuffle(items)
        return items

    @property
    def step(self) -> Step:
        return self.scenario.step(self.state.step_id)

    def graded_items(self) -> list[tuple[str, float | None]]:
        """(item key, score or None when not answered yet) for every graded item of visited steps."""
        out: list[tuple[str, float | None]] = []
        for step in self.scenario.steps:
            if isinstance(step, DialogueStep) and any(c.grade for c in step.choices):
                i = self.state.choice(step.id)
                if step.id in self.state.visited or i is not None:
                    grade = step.choices[i].grade if i is not None else None
                    if i is None or grade is not None:
                        out.append((step.id, GRADE_SCORE[grade] if grade else None))
            elif isinstance(step, QuizStep):
                for q in step.questions:
                    a = self.state.answer(step.id, q.id)
                    out.append((f"{step.id}/{q.id}", None if a is None else float(q.is_correct(frozenset(a)))))
            elif isinstance(step, SortStep):
                for c in step.cards:
                    b = self.state.placement(step.id, c.id)
                    out.append((f"{step.id}/{c.id}", None if b is None else float(b == c.bin)))
            elif isinstance(step, PublishStep):
                scores = self.state.publishing_of(step.id).get("scores")
                if scores:
                    out += [(f"{step.id}/{name}", float(v)) for name, v in scores.items()]
                elif step.id in self.state.visited:
                    out.append((f"{step.id}/*", None))
            elif isinstance(step, ReuseStep):
                for c in step.challenges:
                    done = self.state.reuse_of(step.id, c.id)
                    out.append((f"{step.id}/{c.id}", None if done is None else float(bool(done.get("ok")))))
            elif isinstance(step, CleanStep):
                scores = self.state.cleaning_of(step.id).get("scores")
                if scores:
                    out += [(f"{step.id}/{name}", float(v)) for name, v in scores.items()]
                elif step.id in self.state.visited:
                    out.append((f"{step.id}/*", None))
        return out

    def score(self) -> float:
        """Share of points earned over graded items answered (0 when none)."""
        done = [s for _, s in self.graded_items() if s is not None]
        return sum(done) / len(done) if done else 0.0

    def step_done(self) -> bool:
        """Whether the current step may be left with « Continuer »."""
        step = self.step
        if isinstance(step, DialogueStep):
            if self.state.line < len(step.lines) - 1:
                return False
            return not step.choices or self.state.choice(step.id) is not None
        if isinstance(step, QuizStep):
            return all(self.state.answer(step.id, q.id) is not None for q in step.questions)
        if isinstance(step, SortStep):
            return all(self.state.placement(step.id, c.id) is not None for c in step.cards)
        if isinstance(step, CleanStep):
            return self.clean_work().objectives().reached
        if isinstance(step, PublishStep):
            return "published" in self.state.publishing_of(step.id)
        if isinstance(step, ReuseStep):
            return all(self.state.reuse_of(step.id, c.id) is not None for c in step.challenges)
        return True

    def clean_ready(self) -> bool:
        """Whether the current clean or publish step's dataset is already read and checked."""
        step = self.step
        if isinstance(step, PublishStep):
            return step.id in self._desks
        if isinstance(step, ReuseStep):
            return step.id in self._reuses
        return self.state.step_id in self._works

    def clean_work(self, progress: Callable[[float], None] | None = None) -> CleanWork:
        """The cleaning workshop of the current clean step (the dataset is read on first use; this
        may run on a worker thread: it touches no store). On a publish step, loads its desk."""
        step = self.step
        if isinstance(step, PublishStep):
            return self.publish_work(progress).clean
        if isinstance(step, ReuseStep):
            self.reuse_work(progress)
            return self._works[self._clean_source(step).id]
        if not isinstance(step, CleanStep):
            raise ActionRefused("not a clean step")
        return self._clean_work_of(step, progress)

    def _clean_work_of(self, step: CleanStep, progress: Callable[[float], None] | None = None) -> CleanWork:
        work = self._works.get(step.id)
        if work is None:
            from .clean import CleanWork

            if self._datasets is None:
                raise ActionRefused("no dataset source")
            table, schema, findings = self._datasets.open(self.scenario, step, progress)
            work = CleanWork(step, table, schema, findings)
            self.restore_problems = work.restore(self.state.cleaning_of(step.id))
            self._works[step.id] = work
        return work

    def _clean_source(self, step: ReuseStep) -> CleanStep:
        source = self.scenario.step(step.source)
        if isinstance(source, PublishStep):
            source = self.scenario.step(source.source)
        assert isinstance(source, CleanStep)
        return source

    def reuse_work(self, progress: Callable[[float], None] | None = None) -> ReuseWork:
        """The reuse desk of the current reuse step: the table as the learner published it (or
        cleaned it, when the step reuses a clean step)."""
        step = self.step
        if not isinstance(step, ReuseStep):
            raise ActionRefused("not a reuse step")
        work = self._reuses.get(step.id)
        if work is None:
            from .reuse import ReuseWork

            source = self.scenario.step(step.source)
            if isinstance(source, PublishStep):
                desk = self._desk_of(source, progress)
                published = self.state.publishing_of(source.id)
                desk.set_dropped(published.get("dropped", ()))
                table = desk.table
            else:
                assert isinstance(source, CleanStep)
                table = self._clean_work_of(source, progress).table
            work = ReuseWork(step, table)
            self._reuses[step.id] = work
        return work

    def reuse_query(self, query: Any, challenge_id: str = "") -> Any:
        """Run the learner's query on the published table; recorded whatever its outcome.
        Raises QueryError (French message) when the query cannot run."""
        from game.core.reuse import QueryError

        work, step = self.reuse_work(), self.step
        comps = step.challenge(challenge_id).competencies if challenge_id else step.competencies
        try:
            result = work.run(query)
        except QueryError as e:
            self._commit(self.state, [xr.query_run(*self._common(), step.id, challenge_id, query.to_json(), 0,
                                                   e.message.format_source(), comps, **self._opts())])
            raise
        self._commit(self.state, [xr.query_run(*self._common(), step.id, challenge_id, query.to_json(),
                                               len(result.rows), "", comps, **self._opts())])
        return result

    def reuse_answer(self, challenge_id: str, given: str) -> Any:
        """Answer a reuser's question; checked against the reference query run on the published table."""
        work, step = self.reuse_work(), self.step
        if not any(c.id == challenge_id for c in step.challenges):
            raise ActionRefused("no such challenge")
        if self.state.reuse_of(step.id, challenge_id) is not None:
            raise ActionRefused("already answered")
        ch = step.challenge(challenge_id)
        if work.verdict(ch).expected is None:
            raise ActionRefused("unanswerable")
        check = work.check(ch, given)
        stmt = xr.challenge_answered(*self._common(), step.id, ch.id, ch.question, given, check.ok, False,
                                     ch.competencies, **self._opts())
        saved = {"given": given, "ok": check.ok, "expected": check.expected_text}
        self._commit(self.state.with_reuse(step.id, ch.id, saved), [stmt])
        return check

    def reuse_unanswerable(self, challenge_id: str) -> None:
        """The published data cannot answer: the learner hears why and moves on (no point)."""
        work, step = self.reuse_work(), self.step
        if self.state.reuse_of(step.id, challenge_id) is not None:
            raise ActionRefused("already answered")
        ch = step.challenge(challenge_id)
        v = work.verdict(ch)
        if v.expected is not None:
            raise ActionRefused("answerable")
        reason = v.reason.format_source() if v.reason else ""
        stmt = xr.challenge_answered(*self._common(), step.id, ch.id, ch.question, reason, False, True,
                                     ch.competencies, **self._opts())
        self._commit(self.state.with_reuse(step.id, ch.id, {"ok": False, "unanswerable": True, "reason": reason}), [stmt])

    def publish_work(self, progress: Callable[[float], None] | None = None) -> PublishWork:
        """The publishing desk of the current publish step, with the learner's cleaned table of
        the step it publishes (read and replayed on first use) and the saved draft."""
        step = self.step
        if not isinstance(step, PublishStep):
            raise ActionRefused("not a publish step")
        return self._desk_of(step, progress)

    def _desk_of(self, step: PublishStep, progress: Callable[[float], None] | None = None) -> PublishWork:
        desk = self._desks.get(step.id)
        if desk is None:
            from game.core.publishing import Metadata

            from .publish import PublishWork

            source = self.scenario.step(step.source)
            assert isinstance(source, CleanStep)
            desk = PublishWork(step, self._clean_work_of(source, progress))
            saved = self.state.publishing_of(step.id)
            if "draft" in saved:
                draft = Metadata.from_json(saved["draft"])
                chosen = {r.id: r for r in draft.resources}
                resources = tuple(chosen.get(r.id, r) for r in desk.offered())  # offered ones only, in order
                desk.draft = replace(draft, resources=resources)
            desk.set_dropped(saved.get("dropped", ()))
            self._desks[step.id] = desk
        return desk

    def publish_preview(self) -> Preview:
        desk = self.publish_work()
        return desk.preview(desk.draft, self.today())

    def publish_save(self, meta: Any, dropped: tuple[str, ...] = ()) -> None:
        """Keep the draft (a crash loses nothing); no statement: nothing is published yet."""
        desk = self.publish_work()
        header = desk.source.header
        saved = self.state.publishing_of(desk.step.id)
        new = {**saved, "draft": meta.to_json(), "dropped": [c for c in header if c in set(dropped)]}
        if new != saved:
            self._commit(self.state.with_publishing(desk.step.id, new), [])
        desk.draft = meta  # memory follows what the store holds
        desk.set_dropped(dropped)

    def publish(self, meta: Any, dropped: tuple[str, ...] = ()) -> Preview:
        """Publish to the portal: artefacts written (all or nothing), criteria scored, statements
        recorded. Refused while a blocking check fails (the preview says which)."""
        desk = self.publish_work()
        before = (desk.draft, desk.dropped)
        desk.set_dropped(dropped)
        try:
            return self._publish(desk, meta)
        except Exception:
            desk.draft, desk.dropped = before  # memory stays what the store holds
            raise

    def _publish(self, desk: PublishWork, meta: Any) -> Preview:
        step = desk.step
        today = self.today()
        preview = desk.preview(meta, today)
        if preview.blocking:
            raise ActionRefused("blocking checks")
        if self._publisher is None:
            raise ActionRefused("no portal")
        jsonld, row = desk.artefacts(meta, today=today, base_url=f"portail://{_slug(self.learner)}")
        personal = [p.column for p in preview.personal_left]
        summary = {"title": meta.title, "licence": meta.licence, "quality": round(preview.quality.score, 4),
                   "published": today.isoformat(), "personal_columns": personal, "scenario": self.scenario.id,
                   "step": step.id, "rows": desk.table.nrows, "schema_errors": preview.schema_errors}
        extra = {r.file.rsplit("/", 1)[-1]: r.file for r in step.resources
                 if r.file and any(m.id == r.id and m.included for m in meta.resources)}
        criteria = desk.criteria(meta, today)
        stmts = [xc.criterion_scored(*self._common(), step.id, name, score, detail, [comp], **self._opts())
                 for name, score, detail, comp in criteria]
        stmts.append(xp.dataset_published(*self._common(), step.id, step.dataset_id, meta.title, meta.licence,
                                          preview.quality.score, personal, step.competencies, **self._opts()))
        where = self._publisher.publish(self.learner, step.dataset_id, table=desk.table, metadata=jsonld,
                                        summary=summary, catalogue_header=desk.catalogue_header(), catalogue_row=row,
                                        extra_files=extra)
        saved = {"draft": meta.to_json(), "dropped": list(desk.dropped),
                 "published": {**summary, "path": where}, "scores": {n: round(sc, 4) for n, sc, _d, _c in criteria}}
        self._commit(self.state.with_publishing(step.id, saved), stmts)
        desk.draft = meta
        return preview

    def today(self) -> Any:
        from datetime import date

        return date.fromtimestamp(self._clock())

    # ------------------------------------------------------------------ helpers
    def _opts(self) -> dict[str, Any]:
        return {"language": self._language, "group": self.group} if self.group else {"language": self._language}

    def _common(self) -> tuple[Any, ...]:
        return (self._xapi, self.learner, self.registration, self.scenario.id)

    def _commit(self, state: AttemptState, stmts: list[dict[str, Any]], finished: float | None = None) -> None:
        self._recorder.record(self.registration, state.to_json(), stmts, finished_score=finished)
        self.state = state

    def _enter(self, step: Step, now: float) -> list[dict[str, Any]]:
        return [xs.step_initialized(*self._common(), step.id, step.kind, step.title, step.competencies, **self._opts())]

    def _step_score(self, step: Step) -> float | None:
        scores = [s for key, s in self.graded_items() if (key == step.id or key.startswith(step.id + "/")) and s is not None]
        return sum(scores) / len(scores) if scores else None

    # ------------------------------------------------------------------ actions
    def begin(self) -> None:
        """Record the start of a new attempt (scenario and first step initialized)."""
        now = self._clock()
        state = self.state.with_(started_at=now, step_started_at=now, visited=(self.state.step_id,))
        stmts = [xs.scenario_initialized(*self._common(), self.scenario.title, self.scenario.competencies, **self._opts())]
        stmts += self._enter(self.step, now)
        self._commit(state, stmts)

    def next_line(self) -> None:
        step = self.step
        if not isinstance(step, DialogueStep) or self.state.line >= len(step.lines) - 1:
            raise ActionRefused("no next line")
        self._commit(self.state.with_(line=self.state.line + 1), [])

    def previous_line(self) -> None:
        if not isinstance(self.step, DialogueStep) or self.state.line == 0:
            raise ActionRefused("no previous line")
        self._commit(self.state.with_(line=self.state.line - 1), [])

    def choose(self, index: int) -> None:
        step = self.step
        if not isinstance(step, DialogueStep) or not (0 <= index < len(step.choices)):
            raise ActionRefused("no such choice")
        if self.state.choice(step.id) is not None:
            raise ActionRefused("already chosen")
        if self.state.line < len(step.lines) - 1:
            raise ActionRefused("lines not read")
        c = step.choices[index]
        stmt = xs.choice_selected(*self._common(), step.id, index, c.text, _GRADE_XAPI.get(c.grade or ""),
                                  step.competencies, **self._opts())
        self._commit(self.state.with_(choices=self.state.choices + ((step.id, index),)), [stmt])

    def answer(self, question_id: str, selected: frozenset[int]) -> bool:
        step = self.step
        if not isinstance(step, QuizStep) or not any(q.id == question_id for q in step.questions):
            raise ActionRefused("no such question")
        if self.state.answer(step.id, question_id) is not None:
            raise ActionRefused("already answered")
        q = step.question(question_id)
        if not selected or any(not (0 <= i < len(q.choices)) for i in selected):
            raise ActionRefused("empty answer")
        ok = q.is_correct(selected)
        response = " | ".join(q.choices[i] for i in sorted(selected))
        stmt = xs.question_answered(*self._common(), step.id, q.id, q.prompt, response, ok, 1.0 if ok else 0.0,
                                    q.competencies, **self._opts())
        key = (f"{step.id}/{q.id}", tuple(sorted(selected)))
        self._commit(self.state.with_(answers=self.state.answers + (key,)), [stmt])
        return ok

    def place(self, card_id: str, bin_id: str) -> bool:
        step = self.step
        if not isinstance(step, SortStep) or not any(c.id == card_id for c in step.cards):
            raise ActionRefused("no such card")
        if not any(b.id == bin_id for b in step.bins):
            raise ActionRefused("no such bin")
        if self.state.placement(step.id, card_id) is not None:
            raise ActionRefused("already placed")
        card = step.card(card_id)
        ok = card.bin == bin_id
        stmt = xs.card_placed(*self._common(), step.id, card.id, card.text, bin_id, ok, card.competencies, **self._opts())
        self._commit(self.state.with_(placements=self.state.placements + ((f"{step.id}/{card_id}", bin_id),)), [stmt])
        return ok

    def _clean_action(self, action: str, op: Operation, before: int, work: CleanWork) -> None:
        step = self.step
        stmt = xc.operation_used(*self._common(), step.id, action, op.to_json(), before,
                                 work.report.error_count, step.competencies, **self._opts())
        saved = work.to_json()
        self._commit(self.state.with_cleaning(step.id, saved), [stmt])

    def clean_apply(self, op: Operation) -> Any:
        """Apply a cleaning operation (raises OperationError with a French message when it cannot)."""
        work = self.clean_work()
        saved = (work.history, work.report)
        before = work.report.error_count
        result = work.apply(op)
        try:
            self._clean_action("apply", op, before, work)
        except Exception:
            work.history, work.report = saved  # memory stays what the store holds
            raise
        return result

    def clean_undo(self) -> Operation:
        return self._clean_history("undo")

    def clean_redo(self) -> Operation:
        return self._clean_history("redo")

    def _clean_history(self, action: str) -> Operation:
        work = self.clean_work()
        if not (work.history.can_undo if action == "undo" else work.history.can_redo):
            raise ActionRefused(f"nothing to {action}")
        saved = (work.history, work.report)
        before = work.report.error_count
        op = work.undo() if action == "undo" else work.redo()
        try:
            self._clean_action(action, op, before, work)
        except Exception:
            work.history, work.report = saved
            raise
        return op

    def _clean_scores(self, step: CleanStep, state: AttemptState) -> tuple[AttemptState, list[dict[str, Any]]]:
        work = self.clean_work()
        stmts, scores = [], {}
        for name, score, detail, comp in work.criteria():
            scores[name] = round(score, 4)
            stmts.append(xc.criterion_scored(*self._common(), step.id, name, score, detail, [comp], **self._opts()))
        saved = work.to_json() | {"scores": scores}
        return state.with_cleaning(step.id, saved), stmts

    def proceed(self, force: bool = False) -> str | None:
        """Leave the current step for the next one; returns the new step id, or None when the scenario ends.

        ``force`` leaves a clean step whose goal is not reached (the learner gives up; scored as is).
        """
        step, now = self.step, self._clock()
        if not self.step_done() and not (force and isinstance(step, CleanStep)):
            raise ActionRefused("step not finished")
        pre_state, pre_stmts = self.state, []
        if isinstance(step, CleanStep):
            pre_state, pre_stmts = self._clean_scores(step, self.state)
            self.state, saved_state = pre_state, self.state
        try:
            return self._leave(step, now, pre_stmts)
        except Exception:
            if isinstance(step, CleanStep):
                self.state = saved_state
            raise

    def _leave(self, step: Step, now: float, pre_stmts: list[dict[str, Any]]) -> str | None:
        score = self._step_score(step)
        stmts = pre_stmts + [xs.step_completed(*self._common(), step.id, step.kind, step.title, step.competencies,
                                   score, None if score is None else score >= PASS_MARK,
                                   max(0.0, now - self.state.step_started_at), **self._opts())]
        choice = None
        if isinstance(step, DialogueStep) and step.choices:
            choice = step.choices[self.state.choice(step.id) or 0]
        nxt = self.scenario.following(step.id, choice)
        if isinstance(step, PublishStep):  # what went out with the data has consequences
            published = self.state.publishing_of(step.id).get("published", {})
            if published.get("personal_columns") and step.consequence("personal-data"):
                nxt = step.consequence("personal-data")
            elif published.get("licence") not in step.licences and step.consequence("licence"):
                nxt = step.consequence("licence")
        finished: float | None = None
        if nxt is None or isinstance(self.scenario.step(nxt), DebriefStep):
            if not self.state.completed:
                total = self.score()
                stmts.append(xs.scenario_completed(*self._common(), self.scenario.title, self.scenario.competencies,
                                                   total, total >= PASS_MARK, max(0.0, now - self.state.started_at),
                                                   **self._opts()))
                finished = total
        state = self.state.with_(completed=self.state.completed or finished is not None)
        if nxt is not None:
            state = state.with_(step_id=nxt, line=0, step_started_at=now,
                                visited=state.visited + ((nxt,) if nxt not in state.visited else ()))
            stmts += self._enter(self.scenario.step(nxt), now)
        self._commit(state, stmts, finished)
        return nxt


def _slug(text: str) -> str:
    """A pseudonym as it can appear in an IRI: its folded words joined by hyphens."""
    from game.core.publishing._text import words

    return "-".join(words(text)) or "apprenant"
