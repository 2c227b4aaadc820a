"""How :class:`~game.services.Services` opens and closes a scenario's play session: a policy. The
learners' (:class:`Attempts`) resumes the attempt in progress; the trainer's preview has its own
(:class:`game.services.preview.PreviewSessions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from game.core.scenario import Scenario
    from game.play.clean import DatasetSource
    from game.play.publish import Publisher
    from game.play.services import LearnerInfo
    from game.play.session import PlaySession
    from game.storage.pending_saves import PendingSaves
    from game.storage.recorder import StoreRecorder
    from game.storage.scenarios import LoadedScenario
    from game.storage.store import Store


class SessionHost(Protocol):
    """What a policy uses of :class:`game.services.Services` (which implements it): named here so
    that the policies and the services do not import each other."""

    @property
    def learner(self) -> LearnerInfo | None: ...
    @property
    def store(self) -> Store: ...
    @property
    def saves(self) -> PendingSaves: ...

    def recorder(self, scenario: Scenario, *, started: bool, waits: bool = True) -> StoreRecorder: ...
    def statement_language(self) -> str: ...
    def datasets(self) -> DatasetSource: ...
    def publisher(self, item: LoadedScenario) -> Publisher: ...
    def attempt_group(self, registration: str) -> str | None: ...
    def next_group(self) -> str | None: ...
    def next_mode(self) -> str: ...
    def pass_mark(self) -> float: ...


class SessionPolicy(Protocol):
    """How :class:`game.services.Services` opens and closes a scenario's play session."""

    @property
    def preview(self) -> bool:
        """True for the trainer's preview: nothing is saved for the learners (the step screens say so)."""

    def open(self, services: SessionHost, item: LoadedScenario) -> PlaySession:
        """The session of ``item`` for ``services.learner`` (begun, or resumed)."""

    def close(self, services: SessionHost, session: PlaySession) -> None:
        """``session`` was left (Escape, or the debrief's end)."""


class Attempts(SessionPolicy):
    """The learners' policy: an attempt in progress is resumed from the save; a session whose last
    actions wait in memory (the disk refused them) is reopened as it is, not as saved."""

    preview = False

    def __init__(self) -> None:
        self.unsaved: dict[tuple[int, str], PlaySession] = {}  # sessions left while their actions wait

    def open(self, services: SessionHost, item: LoadedScenario) -> PlaySession:
        import uuid

        from game.play.session import PlaySession
        from game.play.state import AttemptState

        learner, sc = services.learner, item.scenario
        assert learner is not None and sc is not None
        services.saves.flush()
        kept = self.unsaved.pop((learner.id, sc.id), None)
        if kept is not None and services.saves.has(kept.registration):  # its last actions are only in memory
            return kept
        current = services.store.current_attempt(learner.id, sc.id)
        if current is not None:
            rec = services.recorder(sc, started=True)
            return PlaySession(sc, learner.pseudonym, current.registration, rec,
                               AttemptState.from_json(current.state), language=services.statement_language(),
                               datasets=services.datasets(), publisher=services.publisher(item),
                               group=services.attempt_group(current.registration), pass_mark=services.pass_mark())
        rec = services.recorder(sc, started=False)
        session = PlaySession(sc, learner.pseudonym, str(uuid.uuid4()), rec, language=services.statement_language(),
                              datasets=services.datasets(), publisher=services.publisher(item), group=services.next_group(),
                              mode=services.next_mode(), pass_mark=services.pass_mark())
        session.begin()
        return session

    def close(self, services: SessionHost, session: PlaySession) -> None:
        if services.learner is not None and services.saves.has(session.registration):
            self.unsaved[(services.learner.id, session.scenario.id)] = session  # reopened as it is, not as saved
