"""The deep checks of a scenario, for its author: its reference path replayed step by step.

``explorateurs check``, ``play --watch`` and the game's first sight of a user scenario run them;
reading a scenario (``game.storage.scenarios``) builds it and stops.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from game.core.debrief_lint import unknown_columns
from game.core.framework import Framework
from game.core.problems import Problem
from game.core.scenario import CleanStep, FillStep, PublishStep, ReuseStep, Scenario
from game.storage import library, scenarios
from game.storage.scenarios import LoadedScenario

from .fill_reference import check_fill_step
from .reference import (
    References,
    check_clean_step,
    check_publish_step,
    check_reuse_step,
    dead_evidence,
    step_competencies,
)


def deep_check(scenario: Scenario, folder: Path) -> tuple[list[Problem], Mapping[str, Collection[str]]]:
    """The problems of the scenario's reference path (coded by step kind, document paths), and the
    competency of each criterion its clean and publish steps score on it (see ``storage.scenarios.DeepCheck``)."""
    refs = References()  # each clean step read and replayed once, for this check only
    found: list[Problem] = []
    for i, step in enumerate(scenario.steps):
        if isinstance(step, CleanStep):
            found += [p.coded("clean-reference") for p in check_clean_step(step, folder, i, refs)]
        elif isinstance(step, PublishStep):
            found += [p.coded("publish-reference") for p in check_publish_step(scenario, step, folder, i, refs)]
        elif isinstance(step, ReuseStep):
            found += [p.coded("reuse-reference") for p in check_reuse_step(scenario, step, folder, i, refs)]
        elif isinstance(step, FillStep):
            found += [p.coded("fill-reference") for p in check_fill_step(step, folder, i)]
    found += [p.coded("debrief-passage") for p in unknown_columns(scenario, _publishable(scenario, folder, refs))]
    assessed: dict[str, tuple[str, ...]] = {}
    for step in scenario.steps:
        if isinstance(step, CleanStep | PublishStep):
            comps = step_competencies(scenario, step, folder, refs)
            if comps is not None:
                assessed[step.id] = comps
            found += dead_evidence(scenario, step, folder, scenario.index(step.id), refs)
    return found, assessed


def _publishable(scenario: Scenario, folder: Path, refs: References) -> dict[str, set[str]]:
    """Each publish step's columns: its schema's and its reference table's (steps whose file fails are left out)."""
    out: dict[str, set[str]] = {}
    for step in scenario.steps:
        if isinstance(step, PublishStep) and scenario.has_step(step.source):
            clean = scenario.step(step.source)
            work = refs.work(clean, folder) if isinstance(clean, CleanStep) else None
            if work is not None:
                out[step.id] = set(work.schema.field_names) | set(work.table.header)
    return out


def load_scenario(path: Path, frameworks: dict[str, Framework | None] | None = None) -> LoadedScenario:
    """One ``scenario.yaml`` (or its folder) read and fully checked, its reference path replayed."""
    return scenarios.load_scenario(path, frameworks, deep_check)


def load_guarded(path: Path, frameworks: dict[str, Framework | None] | None = None) -> LoadedScenario:
    """:func:`load_scenario` that turns anything unexpected into a problem (see ``storage.scenarios``)."""
    return scenarios.load_guarded(path, frameworks, deep_check)


def load_all(dirs: list[Path], cache: Path | None = None) -> list[LoadedScenario]:
    """Every scenario found, read and fully checked: what ``explorateurs check`` reports on."""
    return library.load_library(dirs, cache, deep=deep_check)
