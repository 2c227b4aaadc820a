"""An opt-in trace of a running game for the reliability bench (hidden option ``--trace FILE``).

The bench watches the game from another process: it must know which actions the game told the
learner were saved, and whether the window kept drawing. The trace says both, one line each:

``f <seconds>``                      a frame was drawn (``time.monotonic()``, same clock as the bench)
``r <registration> <state> <id>…``   an action was committed to the save: its attempt, a digest of the
                                     resume state it saved (:func:`state_digest`), its statement ids

Each line is one unbuffered ``write`` on a file opened for appending, so a line the game wrote is in
the file even if the process is killed right after. A trace that cannot be written is dropped
silently: it never stops the game.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def state_digest(state: Mapping[str, Any]) -> str:
    """A short fingerprint of a resume state, the same for the state saved and the state read back."""
    text = json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class Trace:
    def __init__(self, path: str | Path) -> None:
        self._fd: int | None = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)

    def frame(self) -> None:
        self._write(f"f {time.monotonic():.6f}\n")

    def committed(self, registration: str, state: Mapping[str, Any], statement_ids: Sequence[str]) -> None:
        self._write(" ".join(["r", registration, state_digest(state), *statement_ids]) + "\n")

    def _write(self, line: str) -> None:
        if self._fd is None:
            return
        try:
            os.write(self._fd, line.encode("utf-8"))
        except OSError:  # disk full…: the bench sees the trace stop, the learner sees nothing
            self.close()

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)
