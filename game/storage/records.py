"""Learning records as JSON Lines: one xAPI statement per line, for workshops without an LRS.

Each desk writes its statements with :func:`write_jsonl`; the trainer reads the files back with
:func:`read_jsonl` and hands them to :meth:`game.storage.store.Store.import_statements`.
Reading is tolerant of what file copies and editors do: a UTF-8 BOM, CRLF line ends, blank lines.
A bad line never stops the reading: it is reported with its number and the next lines still count.
Reading streams the file line by line in bounded memory: a line longer than :data:`MAX_LINE` bytes
or nested deeper than :data:`MAX_DEPTH` is refused alone, and only regular files are read (a FIFO,
a device such as ``/dev/zero`` or a folder is refused at once, before anything is read).
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from game.core.messages import N_, Message, msg

from .bounded import NotRegular, open_regular
from .jsonerrors import json_reason
from .oserrors import french_reason

BOM = b"\xef\xbb\xbf"
#: the longest line read (bytes): an xAPI statement is a few kB; longer is not one
MAX_LINE = 1024 * 1024
#: the deepest nesting of objects and lists accepted in a line (a statement needs about ten)
MAX_DEPTH = 100
_SKIP = 64 * 1024  # what is read at a time from the rest of a line too long

_CANNOT_READ = N_("Impossible de lire le fichier « {path} » ({reason}).")
_CANNOT_WRITE = N_("Impossible d'écrire le fichier « {path} » ({reason}).")
_BAD_JSON = N_("JSON illisible, colonne {column} ({reason})")
_BAD_CONSTANT = N_("JSON illisible ({reason})")
_NOT_UTF8 = N_("ligne illisible : le fichier n'est pas en UTF-8")
_NOT_AN_OBJECT = N_("ce n'est pas un relevé (un objet JSON est attendu)")
_TOO_LONG = N_("ligne trop longue (plus de {size} Mo) : ce n'est pas un relevé, elle est ignorée")
_TOO_DEEP = N_("JSON trop imbriqué (plus de {depth} niveaux) : ce n'est pas un relevé, la ligne est ignorée")
_NOT_A_FILE = N_("« {path} » n'est pas un fichier ordinaire ({kind}) : il n'est pas lu. Indiquez un fichier "
                 ".jsonl écrit par « records export ».")
_KIND_DIR = N_("c'est un dossier")
_KIND_FIFO = N_("c'est un tube nommé, qui attendrait sans fin")
_KIND_DEVICE = N_("c'est un périphérique")
_KIND_OTHER = N_("c'est un fichier spécial")


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


def read_jsonl(path: str | Path, *, max_line: int = MAX_LINE) -> Iterator[tuple[int, dict[str, Any] | Message]]:
    """``(line number, statement)`` for each non-blank line; a :class:`Message` replaces a bad line.

    Line numbers start at 1 and count blank lines, as an editor shows them. The file is read one
    line at a time (at most ``max_line`` bytes of a line are kept). A file that cannot be opened,
    or is not a regular file, raises :class:`RecordsError` (on the first ``next()``).
    """
    try:
        with _open_regular(Path(path)) as file:
            number = 0
            while raw := file.readline(max_line + 1):
                number += 1
                if len(raw) > max_line and not raw.endswith(b"\n"):  # too long: skip the rest of it
                    while (rest := file.readline(_SKIP)) and not rest.endswith(b"\n"):
                        pass
                    mb, rest = divmod(max_line, 1024 * 1024)
                    yield number, msg(_TOO_LONG, size=mb if not rest else round(max_line / (1024 * 1024), 3))
                    continue
                if number == 1 and raw.startswith(BOM):
                    raw = raw[len(BOM):]
                found = _parse(raw)
                if found is not None:
                    yield number, found
    except OSError as exc:
        raise RecordsError(msg(_CANNOT_READ, path=str(path), reason=french_reason(exc))) from exc


def _open_regular(path: Path) -> IO[bytes]:
    """Open ``path`` for reading only if it is a regular file (see :func:`bounded.open_regular`):
    a FIFO would otherwise wait forever for a writer, ``/dev/zero`` would never end."""
    try:
        return open_regular(path)
    except NotRegular as e:
        mode = e.mode
        kind = (_KIND_DIR if stat.S_ISDIR(mode) else _KIND_FIFO if stat.S_ISFIFO(mode)
                else _KIND_DEVICE if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else _KIND_OTHER)
        raise RecordsError(msg(_NOT_A_FILE, path=str(path), kind=kind)) from None
    except IsADirectoryError:
        raise RecordsError(msg(_NOT_A_FILE, path=str(path), kind=_KIND_DIR)) from None
    except PermissionError:
        if path.is_dir():  # Windows refuses to open a folder
            raise RecordsError(msg(_NOT_A_FILE, path=str(path), kind=_KIND_DIR)) from None
        raise


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
    except RecursionError:  # [[[[… thousands deep: refused by the parser itself, alone
        return msg(_TOO_DEEP, depth=MAX_DEPTH)
    if not isinstance(value, dict):
        return msg(_NOT_AN_OBJECT)
    # with fewer brackets than the limit a line cannot nest deeper: real statements skip the walk
    if text.count("{") + text.count("[") > MAX_DEPTH and _deeper_than(value, MAX_DEPTH):
        return msg(_TOO_DEEP, depth=MAX_DEPTH)
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and lists nest more than ``limit`` levels (without recursion: checked before
    anything recursive — validation, encoding — sees the statement)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack += [(child, depth + 1) for child in children if isinstance(child, dict | list)]
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(name)
