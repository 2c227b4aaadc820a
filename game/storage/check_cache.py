"""The results of a scenario's deep checks kept on disk, keyed by the hash of what they read.

The key covers ``scenario.yaml``, every file of its ``data/`` folder, the Table Schemas its clean
steps name and the scenario format (``scenario.schema.json``): change any of them and the scenario
is checked again. One small JSON file per key in ``<data_dir>/cache/verifications`` (safe to delete);
a file that cannot be read or written is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from game.core.messages import Message
from game.core.problems import Problem

from .files import replace_file

#: Bumped when the checks or this format change: older results are then ignored.
FORMAT = 2  # 2: dead-evidence warnings, clean criteria as the learner meets them (issue 14)

Result = tuple[list[Problem], Mapping[str, Collection[str]]]


def content_key(scenario_file: Path, schemas: Iterable[Path], scenario_format: Path) -> str:
    """The hash of what the deep checks of the scenario read (raises :class:`OSError` when a file cannot be read)."""
    h = hashlib.sha256(f"explorateurs-verifications-{FORMAT}\0".encode())
    folder = scenario_file.parent
    data = folder / "data"
    files = [scenario_file, scenario_format, *sorted(set(schemas))]
    files += sorted(p for p in data.rglob("*") if p.is_file()) if data.is_dir() else []
    hash_files(h, folder, files)
    return h.hexdigest()


def hash_files(h: Any, folder: Path, files: Iterable[Path]) -> None:
    """Feed ``h`` (a :mod:`hashlib` object) each file's name (relative to ``folder`` when inside it)
    and content; a file missing is hashed as such, so that its arrival changes the hash. Raises
    :class:`OSError` when a file cannot be read."""
    for f in files:
        name = f.relative_to(folder).as_posix() if f.is_relative_to(folder) else f.name
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        if not f.is_file():  # a schema named but missing: its arrival changes the key
            h.update(b"missing")
            continue
        with open(f, "rb") as src:
            h.update(hashlib.file_digest(src, "sha256").digest())


def _value(v: Any) -> Any:
    if isinstance(v, Message):
        return {"msgid": v.msgid, "params": [[k, _value(x)] for k, x in v.params]}
    return v


def _message(d: dict[str, Any]) -> Message:
    return Message(d["msgid"], tuple((k, _message(x) if isinstance(x, dict) else x) for k, x in d["params"]))


def _encode(result: Result) -> dict[str, Any]:
    problems, assessed = result
    return {"format": FORMAT,
            "problems": [{"path": list(p.path), "message": _value(p.message), "hint": _value(p.hint), "file": p.file,
                          "line": p.line, "col": p.col, "at_key": p.at_key, "code": p.code, "severity": p.severity}
                         for p in problems],
            "assessed": {k: list(v) for k, v in assessed.items()}}


def _decode(doc: dict[str, Any]) -> Result:
    if doc.get("format") != FORMAT:
        raise ValueError("older format")
    problems = [Problem(tuple(p["path"]), _message(p["message"]), None if p["hint"] is None else _message(p["hint"]),
                        p["file"], p["line"], p["col"], p["at_key"], p["code"], p["severity"]) for p in doc["problems"]]
    return problems, {k: tuple(v) for k, v in doc["assessed"].items()}


class CheckCache:
    """Deep check results in ``folder``, one file per content key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        """The file of ``key``'s results."""
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Result | None:
        try:
            return _decode(json.loads(self.path(key).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, unreadable or from another version: checked again

    def put(self, key: str, result: Result) -> None:
        """Keep ``result`` when it reads back the same (a value JSON cannot hold is not kept)."""
        problems, assessed = result
        try:
            text = json.dumps(_encode(result), ensure_ascii=False)
            back = _decode(json.loads(text))
        except (TypeError, ValueError):
            return
        if back != (list(problems), {k: tuple(v) for k, v in assessed.items()}):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            replace_file(self.path(key), text.encode("utf-8"))
        except OSError:
            pass  # a read-only cache: checked again next time
