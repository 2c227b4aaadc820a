"""What the screens may ask of the game (implemented by :class:`game.services.Services`), and the data they get back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from game.core.messages import Message

if TYPE_CHECKING:  # types only: the title screen shows before the scenario model loads
    from game.core.assessment import Assessment
    from game.core.framework import Framework
    from game.core.scenario import Scenario

    from .session import PlaySession


#: The levels scenarios declare, in the order a newcomer takes them (an unknown level comes in the middle).
LEVELS = {"débutant": 0, "debutant": 0, "intermédiaire": 1, "intermediaire": 1, "avancé": 2, "avance": 2}


def library_key(key: str, scenario: Scenario | None) -> tuple[int, int, int, int, str]:
    """Where the library lists a scenario: first the campaign's, by their ``campaign: {order: N}``
    (the shipped scenarios: 10, 20, 30…), then the other playable ones from the beginners' to the
    advanced, shortest first, then by folder name; a broken one (``None``) last."""
    if scenario is None:
        return (9, 0, 0, 0, key)
    if scenario.campaign_order is not None:
        return (0, scenario.campaign_order, 0, 0, key)
    return (1, 0, LEVELS.get(scenario.level.strip().casefold(), 1), scenario.duration, key)


@dataclass(frozen=True, slots=True)
class LearnerInfo:
    id: int
    pseudonym: str
    group: str | None = None  # workshop code, if the learner joined one


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One line of the scenario library, for the current learner."""

    key: str  # folder id: stable even when the file is broken
    title: str
    summary: str = ""
    duration: int = 0
    level: str = ""
    competencies: tuple[str, ...] = ()
    valid: bool = True
    problem: Message | None = None  # first problem of an invalid scenario
    where: str = ""  # file:line of that problem
    status: str = "new"  # "new" | "in-progress" | "done" | "invalid"
    score: float | None = None  # last finished attempt's score, kept while a new attempt is in progress
    step_index: int = 0
    step_count: int = 0
    scenario: Scenario | None = None


class ServiceError(Exception):
    """A learner-facing refusal (e.g. a pseudonym already taken), with its French message."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.format_source())
        self.message = message


class GameServices(Protocol):
    theme: Any
    fonts: Any
    language: str
    text_scale: float
    learner: LearnerInfo | None
    session: PlaySession | None
    fixed_group: str | None  # the ``--group`` of a shared workshop machine: every profile joins it

    def next_mode(self) -> str:
        """The mode (game.core.modes) the next scenario opened starts in: the desk's ``--mode``, else the
        workshop code's, else practice."""
        ...

    @property
    def preview(self) -> bool:
        """The trainer's preview (``play --watch``): nothing is saved for the learners."""
        ...

    def sync_status(self) -> Message | None: ...  # the discreet LRS line, None when no LRS is configured
    def learners(self) -> list[LearnerInfo]: ...
    def create_learner(self, pseudonym: str, group: str = "") -> LearnerInfo: ...
    def join_group(self, code: str) -> None: ...
    def select_learner(self, learner_id: int) -> None: ...
    def library(self) -> list[LibraryEntry]: ...
    def resume_for(self, learner_id: int) -> LibraryEntry | None: ...
    def library_progress(self) -> float | None: ...  # None once read; the share read while it loads
    def open_scenario(self, key: str) -> PlaySession: ...
    def close_scenario(self) -> None: ...
    def export_clean(self) -> tuple[Any, Any]: ...
    def published(self) -> list[dict[str, Any]]: ...
    def export_path(self, name: str) -> Any: ...

    def export_file(self, name: str, write: Callable[[Any], object]) -> Any: ...
    def assessment(self) -> Assessment: ...
    def framework(self) -> Framework: ...
    def save_learner_report(self) -> Any: ...
    def set_language(self, language: str) -> None: ...
    def set_text_scale(self, scale: float) -> None: ...
