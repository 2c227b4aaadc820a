"""The game's library: every scenario read and built, and the deep checks of the trainers' own
scenarios (folders and packs) from the cache, keyed by their content.

The shipped scenarios are never replayed here: the test suite checks them (``explorateurs check``
does too). A user scenario is checked the first time the library sees it, on the library's worker
thread, and its result kept (``storage.check_cache``): the library then shows it broken, as
``explorateurs check`` would, without replaying its reference path at each start. Each scenario
built is kept too (``storage.loaded_cache``): the next start reads it back instead of parsing,
validating and building it again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from game.core.framework import Framework
from game.core.problems import Problem
from game.storage import library, scenarios
from game.storage.check_cache import CheckCache, content_key
from game.storage.loaded_cache import LoadedCache
from game.storage.paths import checks_cache_dir
from game.storage.scenarios import SCENARIO_FILE, LoadedScenario, builtin_scenarios_dir, schema_path

if TYPE_CHECKING:  # the scenario model loads with the first scenario
    from game.core.scenario import Scenario


class CachedChecks:
    """The deep checks (:func:`.check.deep_check`) of a user scenario, replayed only when its content
    changed; none for the shipped ones. ``folder``: the cache (default ``<data_dir>/cache/verifications``)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.replayed = 0  # how many scenarios were checked (not found in the cache)
        self.read: list[Path] = []  # the cache entries the results came from (see storage.loaded_cache)

    def __call__(self, scenario: Scenario, folder: Path) -> tuple[list[Problem], Mapping[str, Collection[str]]]:
        from .check import deep_check  # the play modules: loaded once a user scenario needs checking

        if folder.resolve().is_relative_to(builtin_scenarios_dir().resolve()):
            return [], {}
        try:
            cache = CheckCache(self.folder or checks_cache_dir())
            key = content_key(folder / SCENARIO_FILE, _schema_files(scenario, folder), schema_path())
        except OSError:  # no cache folder, a file unreadable: checked now (the check says what is wrong)
            self.replayed += 1
            return deep_check(scenario, folder)
        self.read.append(cache.path(key))
        found = cache.get(key)
        if found is None:
            self.replayed += 1
            found = deep_check(scenario, folder)
            cache.put(key, found)
        return found


def _schema_files(scenario: Scenario, folder: Path) -> list[Path]:
    from game.core.scenario import CleanStep
    from game.storage.datasets import schema_ref
    from game.storage.folders import OutsideFolder
    from game.storage.schemas import SchemaNotFound

    out = []
    for step in scenario.steps:
        if isinstance(step, CleanStep):
            try:
                out.append(schema_ref(step, folder))
            except (OutsideFolder, SchemaNotFound):
                pass  # the check reports it; the scenario file names it
    return out


def load_library(dirs: list[Path], cache: Path | None = None, *, checks: Path | None = None,
                 built: Path | None = None, progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[LoadedScenario]:
    """The game's library (see the module): ``cache`` for packs, ``checks`` for the deep checks,
    ``built`` for the scenarios as built before (``storage.loaded_cache``; default in the data folder)."""
    return library.load_library(dirs, cache, progress=progress, cancelled=cancelled,
                                deep=LoadedCache(built, CachedChecks(checks)))


def load_all(dirs: list[Path]) -> list[LoadedScenario]:
    return load_library(dirs)


def load_guarded(path: Path, frameworks: dict[str, Framework | None] | None = None) -> LoadedScenario:
    """One scenario as the library would show it (its deep checks from the cache)."""
    return scenarios.load_guarded(path, frameworks, CachedChecks())


class LibraryLoad(library.LibraryLoad):
    """The game's library read on a worker thread (a user scenario seen first is checked there)."""

    def __init__(self, dirs: list[Path], cache: Path | None = None, checks: Path | None = None,
                 built: Path | None = None) -> None:
        super().__init__(dirs, cache, LoadedCache(built, CachedChecks(checks)))
