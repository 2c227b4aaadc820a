"""The trainer's preview's own save: ``<data dir>/apercu/<process id>``, emptied at each start, so a
preview never touches the learners' save (see :mod:`game.preview`)."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from game.core.messages import N_, msg
from game.storage.oserrors import french_reason
from game.storage.paths import data_dir
from game.storage.store import Store, StoreError

PREVIEW_DIRNAME = "apercu"
_log = logging.getLogger(__name__)


def open_preview_store() -> Store:
    """The throwaway save of this preview, ``<data dir>/apercu/<pid>``, emptied at each start. Two
    previews at once each keep their own; the folders of previews that ended are swept."""
    root = data_dir() / PREVIEW_DIRNAME
    folder = root / str(os.getpid())
    try:
        _sweep(root)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        return Store(folder, synchronous="NORMAL")
    except OSError as e:
        raise StoreError(msg(N_("Le dossier de l'aperçu {path} n'a pas pu être préparé ({reason})."),
                             path=str(folder), reason=french_reason(e))) from e


def _sweep(root: Path) -> None:
    """Remove what previews that no longer run left in ``root`` (and the files of the former
    layout, when every preview shared ``root``); the folders of running previews stay."""
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.name.isdigit() and _running(int(entry.name)):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except OSError:  # still open elsewhere: left for the next sweep
            _log.info("aperçu : %s n'a pas pu être supprimé", entry)


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (another user's counts; a reused number keeps a folder
    one run longer, which is harmless)."""
    if pid == os.getpid():
        return False  # our own folder: emptied anyway
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(ctypes.get_last_error() == 5)  # ERROR_ACCESS_DENIED: it exists
        code = ctypes.c_ulong()
        try:
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
