"""Noticing that a trainer saved a scenario: the file, its ``data/`` and ``locales/`` folders are
looked at (``stat`` only: modification time and size) every half second of play, from the frame
loop. No thread and no dependency; a save is reported once the files stopped changing for one
more look, so an editor that writes in two goes (empty file, then content) is read once, whole.
"""

from __future__ import annotations

from pathlib import Path

Signature = tuple[tuple[str, int, int], ...]

#: seconds between two looks at the files
INTERVAL = 0.5
_WATCHED_FOLDERS = ("data", "locales")


def signature(scenario_file: Path) -> Signature:
    """(path, mtime in ns, size) of the scenario file and of every file under its data and locales
    folders; a missing file counts as (-1, -1)."""
    folder = scenario_file.parent
    files = [scenario_file]
    for name in _WATCHED_FOLDERS:
        sub = folder / name
        if sub.is_dir():
            files += sorted(p for p in sub.rglob("*") if p.is_file())
    out = []
    for path in files:
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


class ScenarioWatch:
    """``poll(dt)`` once a frame with the time elapsed; True once after each save."""

    def __init__(self, scenario_file: Path, interval: float = INTERVAL) -> None:
        self.path = scenario_file
        self.interval = interval
        self._seen = signature(scenario_file)
        self._pending = False
        self._elapsed = 0.0

    def poll(self, dt: float) -> bool:
        self._elapsed += dt
        if self._elapsed < self.interval:
            return False
        self._elapsed = 0.0
        now = signature(self.path)
        if now != self._seen:  # still being written, perhaps: look again next time
            self._seen, self._pending = now, True
            return False
        if self._pending:
            self._pending = False
            return True
        return False
