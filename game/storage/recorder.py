"""The play session's ``Recorder`` (:class:`game.play.ports.Recorder`) over the SQLite store."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.play.ports import Recorder

if TYPE_CHECKING:
    from game.core.scenario import Scenario
    from game.storage.pending_saves import PendingSaves
    from game.storage.store import Store


class StoreRecorder(Recorder):
    """Records a session's actions; the first one also creates the attempt (same transaction).

    With ``saves`` (the game's), a write the store refuses (disk full…) waits in memory and is tried
    again: the session goes on and the learner keeps their answer. Without it, the error is raised.
    """

    def __init__(self, store: Store, learner_id: int, scenario: Scenario, started: bool,
                 recorded: Callable[[], None] | None = None, saves: PendingSaves | None = None,
                 committed: Callable[[str, dict[str, Any], list[str]], None] | None = None) -> None:
        self.store, self.learner_id, self.scenario, self.started = store, learner_id, scenario, started
        self.recorded = recorded  # wakes the LRS sender: statements leave now, not at its next poll
        self.saves = saves
        self.committed = committed  # ``--trace``: (registration, state, statement ids) once they are saved

    def record(self, registration: str, state: dict[str, Any], statements: list[dict[str, Any]], *,
               finished_score: float | None = None) -> None:
        starts, self.started = not self.started, True  # the first write creates the attempt, whenever it lands
        sc, learner_id, committed = self.scenario, self.learner_id, self.committed

        def write(store: Store) -> None:
            if starts:
                store.start_attempt(learner_id, sc.id, sc.version, registration, state, statements)
                if finished_score is not None:
                    store.record(registration, state, [], finished_score=finished_score)
            else:
                store.record(registration, state, statements, finished_score=finished_score)
            if committed is not None:
                committed(registration, state, [str(s["id"]) for s in statements])

        done = self.recorded if statements else None
        if self.saves is not None:
            self.saves.submit(write, registration, statements, done)
            return
        try:
            write(self.store)
        except Exception:
            self.started = not starts  # nothing was written: the next action creates the attempt
            raise
        if done is not None:
            done()
