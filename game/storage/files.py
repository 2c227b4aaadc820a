"""Writing a file whole or not at all, and never leaving a temporary file behind."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a hidden temporary file beside it (same disk), flushed
    to the disk, then renamed over ``path``. Whatever fails (disk full, access refused…), ``path``
    keeps its old content, the temporary file is removed and the :class:`OSError` is raised again
    for the caller to explain (:func:`game.storage.oserrors.french_reason`). Only a kill or a power
    cut can leave a temporary file, under a hidden name (``.<name>.<hex>.tmp``)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 then the user's umask, as for any file they save (mkstemp would make it private)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def replace_with(path: Path, write: Callable[[Path], object]) -> None:
    """Like :func:`replace_file` for a writer that wants a path (a PNG saved by pygame): ``write``
    fills a hidden temporary file with the same extension beside ``path``, which is then renamed
    over it; on any failure the temporary file is removed and the error raised again."""
    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")
    try:
        write(tmp)
        with open(tmp, "rb+") as out:
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
