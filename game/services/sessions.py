"""How :class:`~game.services.Services` opens and closes a scenario's play session: a policy. The
learners' (:class:`Attempts`) resumes the attempt in progress; the trainer's preview has its own
(:class:`game.services.preview.PreviewSessions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from game.play.session import PlaySession
    from game.services.game_services import Services
    from game.storage.scenarios import LoadedScenario


class SessionPolicy(Protocol):
    """How :class:`Services` opens and closes a scenario's play session."""

    @property
    def preview(self) -> bool:
        """True for the trainer's preview: nothing is saved for the learners (the step screens say so)."""

    def open(self, services: Services, item: LoadedScenario) -> PlaySession:
        """The session of ``item`` for ``services.learner`` (begun, or resumed)."""

    def close(self, services: Services, session: PlaySession) -> None:
        """``session`` was left (Escape, or the debrief's end)."""


class Attempts(SessionPolicy):
    """The learners' policy: an attempt in progress is resumed from the save; a session whose last
    actions wait in memory (the disk refused them) is reopened as it is, not as saved."""

    preview = False

    def __init__(self) -> None:
        self.unsaved: dict[tuple[int, str], PlaySession] = {}  # sessions left while their actions wait

    def open(self, services: Services, item: LoadedScenario) -> PlaySession:
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
                               group=services.attempt_group(current.registration))
        rec = services.recorder(sc, started=False)
        session = PlaySession(sc, learner.pseudonym, str(uuid.uuid4()), rec, language=services.statement_language(),
                              datasets=services.datasets(), publisher=services.publisher(item), group=services.next_group())
        session.begin()
        return session

    def close(self, services: Services, session: PlaySession) -> None:
        if services.learner is not None and services.saves.has(session.registration):
            self.unsaved[(services.learner.id, session.scenario.id)] = session  # reopened as it is, not as saved
