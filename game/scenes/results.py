"""What a screen hands back to the one under it when it closes (``Pop(result)`` →
``on_resume(result)``): small frozen values both sides import from here, since screens do not
import each other. ``None`` stays the result of a screen that has nothing to report (a plain
``Pop()``), so a screen under several others can take every result by ``match``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class OperationChosen:
    """The operation palette's result: the operation the learner filled in, as a recipe entry
    (``{"op": "find-replace", "column": …}``), for the cleaning workbench to apply — and to
    refuse, with why, when its parameters do not fit the table."""

    recipe: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Dismissed:
    """The screen was closed without choosing anything (« Fermer », Escape)."""


ScreenResult = OperationChosen | Dismissed | None
