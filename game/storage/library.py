"""The scenario library: what the given folders hold, in order, each scenario once.

A folder given may be a scenario itself or hold scenario folders and ``.zip`` packs; a file given
may be a ``scenario.yaml`` or a pack. Pack scenarios are loaded from their extraction in the cache
(see ``packs``) but every problem names the zip: ``mon-paquet.zip/mon-scenario/scenario.yaml:4:3``.

One scenario per id: the first found is kept (the shipped scenarios come first), a later one with
the same id is refused with a message naming both. It is not allowed to replace the shipped one,
because the learners' progress and learning records are keyed by the scenario id: a different
scenario under the same id would resume someone's attempt at a step that does not exist.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Self

from game.core.framework import Framework
from game.core.messages import N_, msg
from game.core.problems import Problem

from .loaded_cache import LoadedCache
from .pack_errors import os_problem
from .packs import Pack, display, is_pack, open_pack
from .scenarios import SCENARIO_FILE, DeepCheck, LoadedScenario, load_guarded, symlink_problem


def sources(dirs: list[Path]) -> list[Path]:
    """Scenario files and ``.zip`` packs, in the order of ``dirs`` then by name, each listed once."""
    found: list[Path] = []
    seen: set[Path] = set()
    for d in dirs:
        if d.is_symlink():  # named by the user: followed; a link found inside it is not (see load_library)
            d = d.resolve()
        if d.is_file():
            candidates = [d]
        elif (d / SCENARIO_FILE).is_file():
            candidates = [d / SCENARIO_FILE]
        elif d.is_dir():
            candidates = sorted(d.glob(f"*/{SCENARIO_FILE}")) + sorted(p for p in d.glob("*") if is_pack(p) and p.is_file())
        else:
            candidates = []
        for c in candidates:
            key = c.resolve()
            if key not in seen:
                seen.add(key)
                found.append(c)
    return found


def _open(path: Path, cache: Path | None) -> Pack:
    if cache is None:
        from .paths import packs_cache_dir

        try:
            cache = packs_cache_dir()
        except OSError as e:  # the data folder is read-only: the pack is reported, the library still opens
            problem = Problem((), *os_problem(e, None), file=display(path), code="pack")
            return Pack(path, None, (), (problem,))
    return open_pack(path, cache)


def scenario_files(dirs: list[Path], cache: Path | None = None) -> list[Path]:
    """The scenario files, packs opened (extracted once); refused packs are left out (``load_library`` names them)."""
    out: list[Path] = []
    for p in sources(dirs):
        out += _open(p, cache).files if is_pack(p) else [p]
    return out


def discover(dirs: list[Path]) -> list[Path]:
    """Scenario files under the given folders (a folder may itself be a scenario) or files given directly;
    ``.zip`` packs are extracted once into the cache and their scenario files listed."""
    return scenario_files(dirs)


def load_all(dirs: list[Path]) -> list[LoadedScenario]:
    """Every scenario found, read and checked, one per id; refused packs as invalid entries."""
    return load_library(dirs)


def load_library(dirs: list[Path], cache: Path | None = None, *, progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, deep: DeepCheck | None = None) -> list[LoadedScenario]:
    """Every scenario found, read and checked; a refused pack is an invalid entry with its problem.

    ``progress`` receives the share done (0 to 1) before each scenario; when ``cancelled()`` turns
    true the scenarios read so far are returned (the game is closing). ``deep``: the checks that
    replay each scenario's reference path (``game.authoring``), none by default; a
    :class:`.loaded_cache.LoadedCache` (the game's library) also reads back each scenario as built
    before from the same files."""
    load = deep.load if isinstance(deep, LoadedCache) else load_guarded
    frameworks: dict[str, Framework | None] = {}
    loaded: list[LoadedScenario] = []
    found = sources(dirs)
    for i, p in enumerate(found):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(i / len(found))
        link = p if p.is_symlink() and is_pack(p) else p.parent if p.parent.is_symlink() else None
        if link is not None:  # a scenario folder or a pack that is a link, in a scenarios folder
            problem = symlink_problem(link)
            loaded.append(LoadedScenario(p, link.name, None, (problem,), shown=problem.file))
        elif is_pack(p):
            share = None if progress is None else lambda done, i=i: progress((i + done) / len(found))
            loaded += _pack_entries(_open(p, cache), frameworks, share, cancelled, deep)
        else:
            loaded.append(load(p, frameworks, deep))
    if progress is not None:
        progress(1.0)
    return _one_per_id(loaded)


class LibraryLoad:
    """The library read on a worker thread: the window keeps drawing and answering while it loads
    (a pack is extracted, and ``deep`` may read datasets and replay reference recipes: seconds)."""

    def __init__(self, dirs: list[Path], cache: Path | None = None, deep: DeepCheck | None = None) -> None:
        self.dirs, self.cache, self.deep = dirs, cache, deep
        self.progress = 0.0
        self._result: list[LoadedScenario] = []
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bibliotheque", daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._result = load_library(self.dirs, self.cache, progress=self._progress, cancelled=self._cancelled.is_set,
                                        deep=self.deep)
        except BaseException as e:  # noqa: BLE001 - handed to the main thread by result()
            self._error = e
        finally:
            self._done.set()

    def _progress(self, share: float) -> None:
        self.progress = share

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def result(self) -> list[LoadedScenario]:
        """The scenarios, once read (waits for the worker); re-raises what stopped it."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result

    def cancel(self) -> None:
        """Stop after the scenario being read (the game is closing)."""
        self._cancelled.set()


def _pack_entries(pack: Pack, frameworks: dict[str, Framework | None], progress: Callable[[float], None] | None = None,
                  cancelled: Callable[[], bool] | None = None, deep: DeepCheck | None = None) -> list[LoadedScenario]:
    shown = display(pack.zip)
    if pack.root is None:
        return [LoadedScenario(pack.zip, pack.zip.name, None, pack.problems, shown=shown)]
    inside = display(pack.root)

    def rehome(p: Problem) -> Problem:
        if not p.file.startswith(inside):
            return p
        return replace(p, file=shown + p.file[len(inside):].replace(os.sep, "/"))

    load = deep.load if isinstance(deep, LoadedCache) else load_guarded
    out = []
    for j, f in enumerate(pack.files):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(j / len(pack.files))
        item = load(f, frameworks, deep)
        out.append(replace(item, problems=tuple(map(rehome, item.problems)), warnings=tuple(map(rehome, item.warnings)),
                           shown=f"{shown}/{f.relative_to(pack.root).as_posix()}"))
    return out


def _one_per_id(loaded: list[LoadedScenario]) -> list[LoadedScenario]:
    first: dict[str, LoadedScenario] = {}
    out = []
    for item in loaded:
        kept = first.setdefault(item.folder_id, item)
        if kept is item:
            out.append(item)
            continue
        where = item.shown or display(item.path)
        problem = Problem((), msg(N_("Un autre scénario porte déjà l'identifiant « {id} » ({other}) : celui-ci n'est pas chargé."),
                                  id=item.folder_id, other=kept.shown or display(kept.path)),
                          msg(N_("Donnez à ce scénario un autre identifiant (son id: et le nom de son dossier).")), file=where,
                          code="duplicate-id")
        out.append(replace(item, folder_id=f"{item.folder_id} ({where})", scenario=None, problems=(problem, *item.problems)))
    return out
