"""What the play layer needs from the outside world, as protocols (storage implements them)."""

from __future__ import annotations

from typing import Any, Protocol


class Recorder(Protocol):
    def record(self, registration: str, state: dict[str, Any], statements: list[dict[str, Any]], *,
               finished_score: float | None = None) -> None:
        """Write the statements and the resume state of one learner action in one transaction.

        Raising means nothing was recorded (the session keeps its previous state). The game's
        recorder does not raise when the disk refuses the write: it keeps the action in memory,
        tries it again and tells the learner (``game.storage.pending_saves``)."""


class Clock(Protocol):
    def __call__(self) -> float:
        """Seconds since the epoch."""
