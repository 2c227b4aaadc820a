"""Learner actions the save file refused for now (disk full, read-only folder, locked by another
program), kept in memory in their order and written again at the next action and every few
seconds: the learner keeps playing, and nothing is lost once the disk has room again.

Writing an action twice is harmless (statements already stored are ignored, the resume state is
replaced), so a write that failed is simply tried again, whole, in its own transaction.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from game.storage.store import Store, StoreError

_log = logging.getLogger(__name__)

#: seconds between two tries while writes wait (each action also tries at once)
RETRY_EVERY = 5.0


@dataclass(frozen=True, slots=True)
class _Write:
    write: Callable[[Store], None]
    registration: str
    statements: tuple[dict[str, Any], ...]
    done: Callable[[], None] | None  # told once the write landed (wakes the LRS sender)


class PendingSaves:
    """The writes of learner actions, in order; those the store refused wait here for the next try."""

    def __init__(self, store: Store, *, retry_every: float = RETRY_EVERY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.store, self.retry_every, self.clock = store, retry_every, clock
        self._queue: deque[_Write] = deque()
        self._retry_at = 0.0
        self.problem: StoreError | None = None  # why the oldest waiting write was refused, None when all are written

    def __len__(self) -> int:
        return len(self._queue)

    def submit(self, write: Callable[[Store], None], registration: str, statements: Sequence[dict[str, Any]] = (),
               done: Callable[[], None] | None = None) -> bool:
        """Queue one action's write behind those still waiting and try them all now, in order.

        Returns True when everything is written; False when the store refused (``problem`` says
        why, in French): the action stays in memory and is tried again by :meth:`tick` and by the
        next action.
        """
        self._queue.append(_Write(write, registration, tuple(statements), done))
        return self.flush()

    def flush(self) -> bool:
        """Try every waiting write, oldest first; stop at the first refusal (order matters)."""
        while self._queue:
            item = self._queue[0]
            try:
                item.write(self.store)
            except StoreError as exc:
                if self.problem is None or self.problem.message != exc.message:
                    _log.error("sauvegarde refusée, %d action(s) gardée(s) en mémoire : %s", len(self._queue), exc)
                self.problem = exc
                self._retry_at = self.clock() + self.retry_every
                return False
            self._queue.popleft()
            if item.done is not None:
                item.done()
        if self.problem is not None:
            _log.info("sauvegarde de nouveau possible : toutes les actions en attente sont enregistrées")
        self.problem = None
        return True

    def tick(self) -> bool:
        """Called every frame: try again when writes wait and the pause is over. True when none waits."""
        if self._queue and self.clock() >= self._retry_at:
            return self.flush()
        return not self._queue

    def waiting(self, registration: str) -> list[dict[str, Any]]:
        """The statements of this attempt not written yet, oldest first (the debrief counts them too)."""
        return [s for item in self._queue if item.registration == registration for s in item.statements]

    def has(self, registration: str) -> bool:
        return any(item.registration == registration for item in self._queue)
