"""Small pieces every view uses: a line of text with its tone, scenario strings and percentages
in the active language, the sources of a scenario's claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.i18n import _, active


@dataclass(frozen=True, slots=True)
class Line:
    """A text and how it reads: ``text``, ``muted``, ``success`` or ``error``."""

    text: str
    tone: str = "text"


def tr_s(text: str) -> str:
    """A scenario string in the active language (falls back to the scenario's own language)."""
    return active().scenario(text)


def percent(ratio: float) -> str:
    return active().percent(ratio)


def sources_text(scenario: Any, ids: Sequence[str]) -> str:
    """« Source : title — url », one line per source of the scenario cited ("" when none is known)."""
    srcs = [s for s in (scenario.source(i) for i in ids) if s is not None]
    return "\n".join(_("Source : {title} — {url}").format(title=tr_s(s.title), url=s.url) for s in srcs)
