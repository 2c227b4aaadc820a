"""What the play layer needs from the outside world, as protocols (storage implements them)."""

from __future__ import annotations

from typing import Any, Protocol


class Recorder(Protocol):
    def record(self, registration: str, state: dict[str, Any], statements: list[dict[str, Any]], *,
               finished_score: float | None = None) -> None:
        """Write the statements and the resume state of one learner action in one transaction."""


class Clock(Protocol):
    def __call__(self) -> float:
        """Seconds since the epoch."""
