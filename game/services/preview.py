"""The trainer's preview policy (``play --watch FILE``, ``--warp STEP``): the services play one
scenario file under a throwaway profile, start at the warped step, keep the path played when the
scenario is closed and replay it on each reloaded version of the file. No LRS, and nothing saved for
the learners: the preview's store is its own (:func:`game.storage.preview_store.open_preview_store`)."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.authoring.check import load_guarded
from game.core.messages import N_, Message, msg
from game.core.problems import Problem
from game.i18n import _
from game.play.replay import LogEntry, LoggedSession, replay
from game.play.state import AttemptState
from game.services.game_services import Services
from game.services.sessions import SessionHost, SessionPolicy
from game.storage.scenarios import LoadedScenario
from game.storage.store import Store

if TYPE_CHECKING:
    from game.play.session import PlaySession

_log = logging.getLogger(__name__)


class PreviewSessions(SessionPolicy):
    """One scenario file, played from ``warp`` (or its first step), with the replay log."""

    preview = True  # the step screens say that nothing is saved for the learners

    def __init__(self, item: LoadedScenario, warp: str | None = None) -> None:
        self.path, self.warp = item.path, warp
        self.folder_id = item.folder_id  # the loader's key: the resolved folder's name (``--watch .`` has none)
        self.log: list[LogEntry] = []  # the path played, kept while the scenario is closed
        self.at: str | None = None  # the step it reached
        self.note: Message | None = None  # to show over the game (the replay stopped early)
        self.seed = str(uuid.uuid4())  # the same shuffled orders in every reloaded version
        self.opened = False

    def open(self, services: SessionHost, item: LoadedScenario) -> PlaySession:
        sc, learner = item.scenario, services.learner
        assert sc is not None and learner is not None
        start, note = sc.steps[0].id, None
        if self.warp and sc.has_step(self.warp):
            start = self.warp
        elif self.warp:
            note = msg(N_("L'étape « {step} » de --warp n'existe plus : l'aperçu commence à la première étape."),
                       step=self.warp)
        rec = services.recorder(sc, started=False, waits=False)
        session = LoggedSession(sc, learner.pseudonym, str(uuid.uuid4()), rec, AttemptState(step_id=start, mode=services.next_mode()),
                                language=services.statement_language(), datasets=services.datasets(),
                                publisher=services.publisher(item), seed=self.seed)
        session.begin()
        self.opened = True
        self.note = replay(session, self.log, self.at).note or note
        return session

    def close(self, services: SessionHost, session: PlaySession) -> None:
        """Escape keeps the path for the next opening; a finished scenario starts again."""
        if isinstance(session, LoggedSession):
            self.log, self.at = ([], None) if session.state.completed else (list(session.log), session.state.step_id)

    def reload(self, services: Services) -> tuple[Problem, ...]:
        """Read the file again; when it loads, replay the path on it (the problems otherwise, and
        the previous version stays in play). A file broken from the start opens once fixed."""
        item = load_guarded(self.path)
        if not item.valid:
            _log.info("aperçu : %s enregistré avec %d problème(s)", self.path, len(item.problems))
            return item.problems
        _log.info("aperçu : %s rechargé", self.path)
        self.folder_id = item.folder_id
        services.replace_library([item])
        s = services.session
        if isinstance(s, LoggedSession):  # on the debrief too: the path is kept
            self.log, self.at = list(s.log), s.state.step_id
        if s is not None or not self.opened:
            services.open_scenario(item.folder_id)
        return ()


def preview_services(store: Store, item: LoadedScenario, warp: str | None = None,
                     **kwargs: Any) -> tuple[Services, PreviewSessions]:
    """The game's services on one scenario file, under the preview profile (``kwargs``: theme, fonts,
    language; never an LRS), and the preview's policy."""
    sessions = PreviewSessions(item, warp)
    services = Services(store, [Path(item.path)], sessions=sessions, **kwargs)
    services.replace_library([item])
    services.select_learner(services.create_learner(_("Aperçu (formateur)")).id)
    return services, sessions
