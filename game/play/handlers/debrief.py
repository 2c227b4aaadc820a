"""Debrief steps: nothing to do but read; arriving on one ends the scenario."""

from __future__ import annotations

from game.core.scenario import DebriefStep

from .base import Handler


class DebriefHandler(Handler):
    step_type = DebriefStep
    closes = True
