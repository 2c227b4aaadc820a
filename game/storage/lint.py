"""Run the lint rules of :mod:`game.core.lint` on a scenario read from its folder.

Storage adds what only the files can tell: the competency of each criterion the clean and publish
steps score on the reference path (they depend on the data file).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from game.core.lint import LintContext, lint
from game.core.problems import Problem
from game.core.scenario import CleanStep, PublishStep, Scenario

from .datasets import step_competencies


def lint_scenario(scenario: Scenario, folder: Path, translations: Mapping[str, Mapping[str, str]],
                  min_evidence: int = 0) -> list[Problem]:
    """``min_evidence``: the framework's threshold (0: the insufficient-evidence rule is off)."""
    assessed: dict[str, tuple[str, ...]] = {}
    for step in scenario.steps:
        if isinstance(step, CleanStep | PublishStep):
            comps = step_competencies(scenario, step, folder)
            if comps is not None:
                assessed[step.id] = comps
    return lint(LintContext(scenario, assessed, translations, min_evidence))
