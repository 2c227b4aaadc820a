"""A script of learner actions as JSON Lines (``explorateurs simulate``): one action per line, in
the JSON form of :mod:`game.core.actions` (``{"action": "choose", "step": "intro", "choice": 0}``).

Reading streams the file one line at a time in bounded memory: only a regular file is read (a FIFO
or ``/dev/zero`` is refused before anything is read), the whole file may not pass
:data:`MAX_FILE` bytes (checked on the open file, before reading), a line may not pass
:data:`MAX_LINE` bytes and the reading stops after :data:`MAX_LINES` lines. Blank lines, a UTF-8 BOM and CRLF ends are accepted. The first line that
cannot be read stops the reading with a :class:`ScriptError`: a French message at
``file:line:col`` (the column of the JSON error, or of the key that is wrong).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.core.actions import Action, ActionError
from game.core.messages import N_, Message, msg

from .bounded import NotRegular, megabytes, open_regular
from .jsonerrors import json_reason
from .oserrors import french_reason

#: the longest line read (bytes): a publication with long descriptions is a few kB
MAX_LINE = 1024 * 1024
#: the largest file read (bytes): a scenario's whole path is a few hundred lines
MAX_FILE = 16 * 1024 * 1024
#: the most lines read, blank ones included (reading stops there: a file of empty lines ends fast)
MAX_LINES = 100_000
BOM = b"\xef\xbb\xbf"


class ScriptError(Exception):
    """A script that cannot be read or played: ``message`` (French) and ``hint``, at ``line`` and
    ``col`` (1-based; 0 when the file itself is refused)."""

    def __init__(self, message: Message, line: int = 0, col: int = 0, hint: Message | None = None) -> None:
        super().__init__(message.format_source())
        self.message, self.line, self.col, self.hint = message, line, col, hint


def read_actions(path: str | os.PathLike[str]) -> Iterator[tuple[int, str, Action]]:
    """``(line number, line text, action)`` for each non-blank line, read as it is asked for;
    :class:`ScriptError` at the first line that is not an action (or when the file is refused)."""
    p = Path(path)
    try:
        file = open_regular(p)
    except NotRegular as e:
        raise ScriptError(msg(N_("« {path} » n'est pas un fichier ordinaire ({kind}) : indiquez un fichier .jsonl "
                                 "d'actions."), path=str(p), kind=_kind(e.mode))) from None
    except OSError as e:
        raise ScriptError(msg(N_("Impossible de lire le fichier « {path} » ({reason})."), path=str(p),
                              reason=french_reason(e))) from None
    with file:
        size = os.fstat(file.fileno()).st_size
        if size > MAX_FILE:
            raise ScriptError(msg(N_("Le fichier d'actions pèse {size} Mo : c'est plus que la limite de {limit} Mo "
                                     "(un parcours entier tient en quelques centaines de lignes)."),
                                  size=megabytes(size), limit=megabytes(MAX_FILE)))
        number = 0
        try:
            while raw := file.readline(MAX_LINE + 1):
                number += 1
                if number > MAX_LINES:
                    raise ScriptError(msg(N_("Plus de {count} lignes : un parcours entier tient en quelques centaines "
                                             "de lignes, la lecture s'arrête ici."), count=MAX_LINES), number, 1)
                if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                    raise ScriptError(msg(N_("Ligne trop longue (plus de {size} Mo) : une action tient en quelques "
                                             "centaines de caractères."), size=megabytes(MAX_LINE)), number, 1)
                if number == 1 and raw.startswith(BOM):
                    raw = raw[len(BOM):]
                found = _parse(raw, number)
                if found is not None:
                    yield found
        except OSError as e:
            raise ScriptError(msg(N_("Impossible de lire le fichier « {path} » ({reason})."), path=str(p),
                                  reason=french_reason(e)), number) from None


def _kind(mode: int) -> Message:
    if stat.S_ISDIR(mode):
        return msg(N_("c'est un dossier"))
    if stat.S_ISFIFO(mode):
        return msg(N_("c'est un tube nommé, qui attendrait sans fin"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg(N_("c'est un périphérique"))
    return msg(N_("c'est un fichier spécial"))


def _parse(raw: bytes, number: int) -> tuple[int, str, Action] | None:
    try:
        text = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as e:
        col = len(raw[:e.start].decode("utf-8", "replace")) + 1
        raise ScriptError(msg(N_("Ligne illisible : le fichier n'est pas en UTF-8.")), number, col) from None
    if not text.strip():
        return None
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise ScriptError(msg(N_("JSON illisible : {reason}."), reason=json_reason(e)), number, e.colno) from None
    except ValueError as e:  # NaN, Infinity
        raise ScriptError(msg(N_("JSON illisible : « {value} » n'est pas une valeur JSON."), value=str(e)),
                          number, text.find(str(e)) + 1) from None
    except RecursionError:
        raise ScriptError(msg(N_("JSON trop imbriqué : ce n'est pas une action.")), number, 1) from None
    try:
        action = Action.from_json(value, number - 1)
    except ActionError as e:
        raise ScriptError(e.message, number, column_of(text, e.path[1:]), e.hint) from None
    except RecursionError:
        raise ScriptError(msg(N_("JSON trop imbriqué : ce n'est pas une action.")), number, 1) from None
    return number, text, action


def column_of(text: str, path: tuple[Any, ...]) -> int:
    """The column (1-based) of the deepest key of ``path`` found in ``text`` (the line's start
    when none is); searched from the key before it, so that ``metadata.title`` points at the
    ``title`` inside ``metadata``."""
    col, start = 1, 0
    for key in path:
        if not isinstance(key, str):
            continue
        at = text.find(json.dumps(key, ensure_ascii=False), start)
        if at < 0:
            at = text.find(json.dumps(key), start)
        if at < 0:
            break
        col, start = at + 1, at + 1
    return col


def _no_constant(name: str) -> Any:
    raise ValueError(name)
