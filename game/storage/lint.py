"""Run the lint rules of :mod:`game.core.lint` on a scenario read from its folder.

Storage adds what only the files can tell: the competencies the clean and publish steps' criteria
evidence on the reference path (they depend on the data file).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from game.core.lint import LintContext, lint
from game.core.problems import Problem
from game.core.scenario import CleanStep, PublishStep, Scenario

from .datasets import step_competencies


def lint_scenario(scenario: Scenario, folder: Path, translations: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    assessed: dict[str, frozenset[str]] = {}
    for step in scenario.steps:
        if isinstance(step, CleanStep | PublishStep):
            comps = step_competencies(scenario, step, folder)
            if comps is not None:
                assessed[step.id] = comps
    return lint(LintContext(scenario, assessed, translations))
