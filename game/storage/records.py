"""Learning records as JSON Lines: one xAPI statement per line, for workshops without an LRS.

Each desk writes its statements with :func:`write_jsonl`; the trainer reads the files back with
:func:`read_jsonl` and hands them to :meth:`game.storage.store.Store.import_statements`.
Reading is tolerant of what file copies and editors do: a UTF-8 BOM, CRLF line ends, blank lines.
A bad line never stops the reading: it is reported with its number and the next lines still count.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from game.core.messages import N_, Message, msg

from .jsonerrors import json_reason
from .oserrors import french_reason

BOM = b"\xef\xbb\xbf"

_CANNOT_READ = N_("Impossible de lire le fichier « {path} » ({reason}).")
_CANNOT_WRITE = N_("Impossible d'écrire le fichier « {path} » ({reason}).")
_BAD_JSON = N_("JSON illisible, colonne {column} ({reason})")
_BAD_CONSTANT = N_("JSON illisible ({reason})")
_NOT_UTF8 = N_("ligne illisible : le fichier n'est pas en UTF-8")
_NOT_AN_OBJECT = N_("ce n'est pas un relevé (un objet JSON est attendu)")


class RecordsError(Exception):
    """A records file that cannot be read or written at all, described in French (``message``)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.format_source())
        self.message = message


def _line(statement: Mapping[str, Any]) -> bytes:
    text = json.dumps(statement, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def write_jsonl(statements: Iterable[Mapping[str, Any]], target: str | Path | IO[Any]) -> int:
    """Write one compact JSON object per line (UTF-8, no BOM, LF) and return how many were written.

    ``target`` is a file path (written to a temporary file renamed at the end, so a failure never
    leaves half a file) or an open stream such as ``sys.stdout`` (its bytes buffer is used when it
    has one, so the output is UTF-8 whatever the terminal's locale).
    """
    if not isinstance(target, str | Path):
        return _write_stream(statements, target)
    path = Path(target)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            count = _write_stream(statements, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise RecordsError(msg(_CANNOT_WRITE, path=str(path), reason=french_reason(exc))) from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return count


def _write_stream(statements: Iterable[Mapping[str, Any]], stream: IO[Any]) -> int:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:  # a text stream over bytes (sys.stdout): write UTF-8 bytes underneath
        stream.flush()
        stream = buffer
    binary = not hasattr(stream, "encoding")
    count = 0
    for statement in statements:
        data = _line(statement)
        stream.write(data if binary else data.decode("utf-8"))
        count += 1
    stream.flush()
    return count


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | Message]]:
    """``(line number, statement)`` for each non-blank line; a :class:`Message` replaces a bad line.

    Line numbers start at 1 and count blank lines, as an editor shows them. A file that cannot be
    opened raises :class:`RecordsError` (on the first ``next()``).
    """
    try:
        with Path(path).open("rb") as file:
            for number, raw in enumerate(file, start=1):
                if number == 1 and raw.startswith(BOM):
                    raw = raw[len(BOM):]
                found = _parse(raw)
                if found is not None:
                    yield number, found
    except OSError as exc:
        raise RecordsError(msg(_CANNOT_READ, path=str(path), reason=french_reason(exc))) from exc


def _parse(raw: bytes) -> dict[str, Any] | Message | None:
    try:
        text = raw.decode("utf-8").strip()  # strip: "\r\n" ends, trailing spaces
    except UnicodeDecodeError:
        return msg(_NOT_UTF8)
    if not text:
        return None
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return msg(_BAD_JSON, column=exc.colno, reason=json_reason(exc))
    except ValueError as exc:  # NaN, Infinity: accepted by Python, not by JSON nor by an LRS
        return msg(_BAD_CONSTANT, reason=msg(N_("« {value} » n'est pas une valeur JSON"), value=str(exc)))
    return value if isinstance(value, dict) else msg(_NOT_AN_OBJECT)


def _no_constant(name: str) -> Any:
    raise ValueError(name)
