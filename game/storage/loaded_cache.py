"""Scenarios as the game's library built them, kept on disk and keyed by the hash of what they were
built from: the library's start reads them back instead of parsing, validating and building again.

The key covers every file of the scenario's folder (``scenario.yaml``, its translations, its data
and the schemas it names), the frameworks, the scenario format (``scenario.schema.json``), the
shipped Table Schemas, the game's code that builds a scenario (``game/core``, ``storage``,
``authoring``), the installed libraries that word the problems, where the scenario is and how it is
shown, and :data:`FORMAT`: change any of them and the scenario is read afresh. One file per key in
``<data_dir>/cache/bibliotheque`` (safe to delete); an entry that cannot be read, written or
trusted is a miss, never an error.

Only the game's library uses it: ``explorateurs check`` and ``play --watch`` always read afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Collection, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.framework import Framework
from game.core.problems import Problem

from . import scenarios as sc
from .check_cache import hash_files
from .files import replace_file
from .limits import LIMITS
from .scenarios import SCENARIO_FILE, DeepCheck, LoadedScenario

if TYPE_CHECKING:
    from game.core.scenario import Scenario

#: Bumped when what is kept or how it is built changes without the game's code changing (it always does).
FORMAT = 1

#: A folder holding more than this (bytes) is read afresh each time: hashing it would cost more than it saves.
MAX_BYTES = 64 * 1024 * 1024

#: What builds a scenario: the game's packages the load runs, and the libraries that word or shape what it reports.
_PACKAGES = ("core", "storage", "authoring")
_LIBRARIES = ("jsonschema", "yaml", "babel")


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """The hash of the game's code that builds a scenario and of the installed libraries (once per
    process: the code does not change under a running game)."""
    from importlib.util import find_spec

    game = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    hash_files(h, game, [p for name in _PACKAGES for p in sorted((game / name).rglob("*.py"))])
    for name in _LIBRARIES:  # where it is installed and when (an upgrade rewrites it), without importing it
        spec = find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        stamp = origin.stat() if origin is not None and origin.is_file() else None
        h.update(f"{name}={origin}:{stamp and stamp.st_mtime_ns}:{stamp and stamp.st_size}\0".encode("utf-8", "surrogateescape"))
    return h.digest()


def _folder_files(folder: Path) -> list[Path] | None:
    """Every regular file under ``folder``, in order; ``None`` when there are too many or too big."""
    out: list[Path] = []
    size = 0
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            p = Path(root, name)
            out.append(p)
            size += p.stat().st_size
        if len(out) > LIMITS.folder_entries or size > MAX_BYTES:
            return None
    return out


def _digest(path: Path) -> bytes | None:
    """The hash of a file a scenario's deep checks came from (``None``: it is not there)."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


class LoadedCache:
    """The deep checks ``deep`` (none by default) of the scenarios the library builds, and each
    scenario as built, kept in ``folder`` (default ``<data_dir>/cache/bibliotheque``) one file per
    content key. Given as the library's deep check, it is what reads the scenarios back (see
    ``storage.library``). One instance per library load: the shipped files are hashed once.

    A deep check may list in ``read`` (a list attribute) the files its results came from (its own
    cache entries): a scenario kept is read back only while those files are unchanged."""

    def __init__(self, folder: Path | None = None, deep: DeepCheck | None = None) -> None:
        self.folder, self.deep = folder, deep
        self.hits = 0
        self._shipped: bytes | None = None
        self._clean: dict[str, bool] = {}

    def __call__(self, scenario: Scenario, folder: Path) -> tuple[list[Problem], Mapping[str, Collection[str]]]:
        return self.deep(scenario, folder) if self.deep is not None else ([], {})

    def _shipped_digest(self) -> bytes:
        if self._shipped is None:
            from .schemas import schemas_dir

            h = hashlib.sha256(code_digest())
            frameworks = sc.builtin_scenarios_dir() / "frameworks"
            hash_files(h, frameworks, sorted(frameworks.glob("*.yaml")))
            hash_files(h, sc.schema_path().parent, [sc.schema_path()])
            shipped = schemas_dir()
            hash_files(h, shipped, sorted(p for p in shipped.rglob("*") if p.is_file()))
            self._shipped = h.digest()
        return self._shipped

    def key(self, path: Path) -> str | None:
        """The content key of the scenario file ``path`` (``None``: not to be kept). Raises :class:`OSError`."""
        files = _folder_files(path.parent)
        if files is None:
            return None
        h = hashlib.sha256(f"explorateurs-bibliotheque-{FORMAT}\0".encode())
        h.update(self._shipped_digest())
        where = f"{path.resolve()}\0{sc._display(path)}\0{Path.cwd()}\0{self.deep is None}\0"
        h.update(where.encode("utf-8", "surrogateescape"))
        hash_files(h, path.parent, files)
        return h.hexdigest()

    def get(self, key: str, path: Path) -> LoadedScenario | None:
        try:
            # pickle: only files the game itself wrote, in the user's own cache folder
            fmt, stored, read, scenario, problems, translations, warnings = pickle.loads((self._dir() / f"{key}.pickle").read_bytes())
            if fmt != FORMAT or stored != key or any(_digest(Path(f)) != d for f, d in read):
                return None
            return LoadedScenario(path, path.resolve().parent.name, scenario, problems, translations, warnings)
        except Exception:  # noqa: BLE001 - missing, truncated, from another version: read afresh
            return None

    def put(self, key: str, item: LoadedScenario, read: list[Path]) -> None:
        """Keep ``item`` when it reads back equal (anything else is not kept)."""
        value: tuple[Any, ...] = (FORMAT, key, [(str(f), _digest(f)) for f in read], item.scenario, item.problems,
                                  item.translations, item.warnings)
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            if pickle.loads(data) != value:
                return
            folder = self._dir()
            folder.mkdir(parents=True, exist_ok=True)
            replace_file(folder / f"{key}.pickle", data)
        except Exception:  # noqa: BLE001 - a read-only folder, a value pickle cannot hold: read afresh next time
            return

    def _dir(self) -> Path:
        if self.folder is None:
            from .paths import loaded_cache_dir

            self.folder = loaded_cache_dir()
        return self.folder

    def _framework_clean(self, fw_id: str) -> bool:
        """A framework that loads without problems: the scenarios naming it do not depend on which one loaded it first."""
        if fw_id not in self._clean:
            fw, problems = sc.load_framework(fw_id)
            self._clean[fw_id] = fw is not None and not problems
        return self._clean[fw_id]

    def load(self, path: Path, frameworks: dict[str, Framework | None] | None = None,
             deep: DeepCheck | None = None) -> LoadedScenario:
        """:func:`.scenarios.load_guarded` with this cache's deep checks (``deep`` is ignored), from the
        cache when the same files were built before."""
        if path.is_dir():
            path = path / SCENARIO_FILE
        try:
            if sc.linked_files(path.parent) or not path.is_file():  # reported by the load, never kept
                return sc.load_guarded(path, frameworks, self)
            key = self.key(path)
        except OSError:
            key = None
        if key is None:
            return sc.load_guarded(path, frameworks, self)
        found = self.get(key, path)
        if found is not None:
            self.hits += 1
            return found
        used: set[str] = set()
        read: list[Path] = getattr(self.deep, "read", [])
        before = len(read)
        try:
            item = sc.load_scenario(path, frameworks, self, used)
        except Exception:  # noqa: BLE001 - load_guarded words it (and nothing is kept)
            return sc.load_guarded(path, frameworks, self)
        if all(self._framework_clean(fw_id) for fw_id in used):
            self.put(key, item, read[before:])
        return item
