"""Where the game keeps its data. Computed when asked, never at import."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "explorateurs-des-donnees"
DATA_DIR_ENV = "EXPLORATEURS_DATA_DIR"
DB_FILENAME = "explorateurs.sqlite3"
USER_SCENARIOS_DIRNAME = "scenarios"
PACKS_CACHE_DIRNAME = "cache/paquets"


def data_dir(explicit: str | Path | None = None, *, create: bool = True) -> Path:
    """The data folder, created if missing (unless ``create`` is false: for help texts).

    Order: the ``explicit`` argument, else ``$EXPLORATEURS_DATA_DIR`` (if set and not empty),
    else the platform's user data folder (``~/.local/share/explorateurs-des-donnees`` on Linux).
    """
    if explicit is not None and str(explicit) != "":
        path = Path(explicit).expanduser()
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV]).expanduser()
    else:
        path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(explicit: str | Path | None = None) -> Path:
    """``<data_dir>/explorateurs.sqlite3`` (the folder is created, not the file)."""
    return data_dir(explicit) / DB_FILENAME


def user_scenarios_dir(*, create: bool = True) -> Path:
    """``<data_dir>/scenarios``: where a trainer drops scenario folders and ``.zip`` packs."""
    path = data_dir(create=create) / USER_SCENARIOS_DIRNAME
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def packs_cache_dir() -> Path:
    """``<data_dir>/cache/paquets``: ``.zip`` packs extracted once (safe to delete)."""
    path = data_dir() / PACKS_CACHE_DIRNAME
    path.mkdir(parents=True, exist_ok=True)
    return path


CHECKS_CACHE_DIRNAME = "cache/verifications"


def checks_cache_dir() -> Path:
    """``<data_dir>/cache/verifications``: the deep checks of user scenarios, by content (safe to delete)."""
    path = data_dir() / CHECKS_CACHE_DIRNAME
    path.mkdir(parents=True, exist_ok=True)
    return path


LOADED_CACHE_DIRNAME = "cache/bibliotheque"


def loaded_cache_dir() -> Path:
    """``<data_dir>/cache/bibliotheque``: scenarios as the library last built them, by content (safe to delete)."""
    path = data_dir() / LOADED_CACHE_DIRNAME
    path.mkdir(parents=True, exist_ok=True)
    return path
