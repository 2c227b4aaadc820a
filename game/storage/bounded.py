"""Read a whole file only when it is a regular file of bounded size, and say why not in French.

``/dev/zero`` would be read until memory runs out, a named pipe (FIFO) blocks the reader until
someone writes into it, a folder cannot be read at all: :func:`read_bounded` looks at what the
path is (``os.stat``) before opening it, opens without waiting (``O_NONBLOCK``), checks again on
the open file (so a path swapped in between is caught) and reads at most ``limit`` bytes.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

from game.core.messages import N_, Message, msg
from game.storage.jsonerrors import located_json_reason
from game.storage.oserrors import french_reason

#: what a path is when it is not a regular file, in words a trainer understands
_KINDS = (
    (stat.S_ISDIR, N_("un dossier")),
    (stat.S_ISFIFO, N_("un tube nommé (FIFO), qui attendrait sans fin qu'un autre programme y écrive")),
    (stat.S_ISCHR, N_("un périphérique (comme /dev/zero), qui peut se lire sans fin")),
    (stat.S_ISBLK, N_("un périphérique de stockage (disque entier)")),
    (stat.S_ISSOCK, N_("une prise de communication (socket)")),
)


MB = 1024 * 1024


class FileRefused(Exception):
    """The file was not read; ``message`` says why, in French. ``reason`` is the cause alone when
    there is one (« fichier ou dossier introuvable », « ligne 2, colonne 2 : … »), for a sentence
    that already names the file."""

    def __init__(self, message: Message, reason: Message | None = None) -> None:
        super().__init__(message.format_source())
        self.message, self.reason = message, reason


class NotRegular(Exception):
    """The path opened is not a regular file; ``mode`` says what it is (``stat.S_IS*``)."""

    def __init__(self, mode: int) -> None:
        super().__init__(stat.filemode(mode))
        self.mode = mode


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """``path`` opened for reading, only if it is a regular file: opened without waiting (a FIFO
    would wait forever for a writer), then checked on the descriptor itself (so a path swapped since
    a first look is caught), and made blocking again for the reads. Raises :class:`NotRegular` or
    the :class:`OSError` of the opening."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(mode)
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def megabytes(size: int) -> float:
    """A size in MB with one decimal, as messages show it."""
    return round(size / MB, 1)


def _not_regular(name: str, mode: int) -> FileRefused:
    kind = next((k for test, k in _KINDS if test(mode)), N_("un fichier spécial"))
    return FileRefused(msg(N_("« {name} » n'est pas un fichier ordinaire : c'est {kind}. Indiquez le chemin d'un "
                              "fichier enregistré sur le disque."), name=name, kind=kind))


def _too_big(name: str, size: int, limit: int, what: str) -> FileRefused:
    return FileRefused(msg(N_("Le fichier « {name} » pèse {size} Mo : c'est plus que la limite de {limit} Mo {what}."),
                           name=name, size=megabytes(size), limit=megabytes(limit), what=what))


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = N_("pour ce type de fichier")) -> bytes:
    """The bytes of the regular file at ``path``, refused (:class:`FileRefused`) when it is anything
    else or holds more than ``limit`` bytes. ``what`` ends the « too big » sentence (« … la limite
    de 200 Mo {what}. »), telling why there is a limit."""
    p = Path(path)
    name = p.name or str(p)  # the name says which file; the path, for what is not a file (« /dev/zero »)
    try:
        st = os.stat(p)  # before opening: opening a FIFO would block
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(str(p), st.st_mode)
        if st.st_size > limit:
            raise _too_big(name, st.st_size, limit, what)
        fh = open_regular(p)  # the path may have been swapped since the first look
    except NotRegular as e:
        raise _not_regular(str(p), e.mode) from None
    except OSError as e:
        raise FileRefused(msg(N_("Impossible de lire le fichier « {name} » : {reason}."),
                              name=name, reason=french_reason(e)), french_reason(e)) from None
    with fh:
        try:
            data = fh.read(limit + 1)
        except OSError as e:
            raise FileRefused(msg(N_("Impossible de lire le fichier « {name} » : {reason}."),
                                  name=name, reason=french_reason(e)), french_reason(e)) from None
    if len(data) > limit:  # the file grew while it was read
        raise _too_big(name, len(data), limit, what)
    return data


def load_json(path: str | os.PathLike[str], limit: int) -> Any:
    """The JSON document in the regular file at ``path`` (UTF-8, at most ``limit`` bytes), or
    :class:`FileRefused` saying in French what is wrong and where (line and column)."""
    data = read_bounded(path, limit)
    name = Path(path).name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise FileRefused(msg(N_("« {name} » n'est pas un texte UTF-8 : octet invalide ligne {line} (à {offset} "
                                 "octets du début du fichier). Est-ce bien un fichier JSON ?"),
                              name=name, line=line, offset=e.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        why = located_json_reason(e)
        raise FileRefused(msg(N_("« {name} » n'est pas un JSON valide : {reason}."), name=name, reason=why), why) from None
    except RecursionError:
        raise FileRefused(msg(N_("« {name} » est un JSON imbriqué trop profondément pour être lu (des milliers de "
                                 "crochets ou d'accolades les uns dans les autres)."), name=name)) from None
