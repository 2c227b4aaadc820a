"""Why a file or the save could not be used, in French, for the sentence shown to the user.

The system says « No space left on device » or « Permission denied » (in English, whatever the
user's language) and SQLite « database or disk is full »: :func:`french_reason` turns an
:class:`OSError` (by its ``errno``) or a :class:`sqlite3.Error` (by its result code) into a short
French reason to put in « Impossible d'écrire … ({reason}). ». A case the tables do not know keeps
the system's code name (« ENXIO », « SQLITE_MISMATCH ») so a helpdesk can still look it up.
"""

from __future__ import annotations

import errno
import re
import sqlite3
import sys

from game.core.messages import N_, Message, msg

_ACCESS = N_("accès refusé")
_FULL = N_("le disque est plein")
_IO = N_("erreur de lecture ou d'écriture sur le support (disque, clé USB ou réseau)")
_BUSY = N_("le fichier est utilisé par un autre programme")
_NO_MEMORY = N_("la mémoire est insuffisante")

_BY_NAME = (  # by name: not every system defines every code (Windows has no ETXTBSY in some builds)
    ("ENOSPC", _FULL),
    ("EDQUOT", N_("le quota du disque est atteint")),
    ("EACCES", _ACCESS),
    ("EPERM", _ACCESS),
    ("EROFS", N_("le support est en lecture seule")),
    ("ENOENT", N_("fichier ou dossier introuvable")),
    ("EISDIR", N_("c'est un dossier, pas un fichier")),
    ("ENOTDIR", N_("une partie du chemin n'est pas un dossier")),
    ("ENAMETOOLONG", N_("le nom ou le chemin du fichier est trop long")),
    ("EMFILE", N_("trop de fichiers ouverts en même temps")),
    ("ENFILE", N_("trop de fichiers ouverts en même temps")),
    ("EIO", _IO),
    ("EEXIST", N_("un fichier du même nom existe déjà")),
    ("ENOTEMPTY", N_("le dossier n'est pas vide")),
    ("EBUSY", _BUSY),
    ("ETXTBSY", _BUSY),
    ("EFBIG", N_("le fichier est trop gros pour ce support")),
    ("EXDEV", N_("déplacement impossible d'un disque à un autre")),
    ("ELOOP", N_("trop de liens symboliques dans le chemin")),
    ("EINVAL", N_("nom de fichier ou opération refusé par le système")),
    ("ENODEV", N_("le support n'est plus branché")),
    ("ENXIO", N_("le support n'est plus branché")),
    ("ENOMEM", _NO_MEMORY),
    ("EAGAIN", N_("le fichier est momentanément indisponible, réessayez")),
    ("ETIMEDOUT", N_("pas de réponse dans le délai (serveur ou dossier réseau)")),
    ("ESTALE", N_("le dossier réseau n'est plus accessible")),
    ("ECONNREFUSED", N_("le serveur refuse la connexion (arrêté, ou mauvaise adresse ou mauvais port)")),
    ("ECONNRESET", N_("la connexion a été coupée")),
    ("ECONNABORTED", N_("la connexion a été coupée")),
    ("EHOSTUNREACH", N_("le serveur est injoignable sur le réseau")),
    ("ENETUNREACH", N_("le serveur est injoignable sur le réseau")),
)
_ERRNO: dict[int, str] = {getattr(errno, name): text for name, text in _BY_NAME if hasattr(errno, name)}

# SQLite primary result codes (https://sqlite.org/rescode.html), the low byte of extended ones
_SQLITE: dict[int, str] = {
    3: _ACCESS,  # SQLITE_PERM
    5: N_("la sauvegarde est utilisée par une autre fenêtre du jeu ou un autre programme"),  # SQLITE_BUSY
    6: N_("la sauvegarde est utilisée par une autre fenêtre du jeu ou un autre programme"),  # SQLITE_LOCKED
    7: _NO_MEMORY,  # SQLITE_NOMEM
    8: N_("le fichier de sauvegarde ou son dossier est en lecture seule"),  # SQLITE_READONLY
    10: _IO,  # SQLITE_IOERR
    11: N_("le fichier de sauvegarde est endommagé"),  # SQLITE_CORRUPT
    13: _FULL,  # SQLITE_FULL
    14: N_("le fichier de sauvegarde ne peut pas être ouvert"),  # SQLITE_CANTOPEN
    18: N_("une donnée est trop grosse pour la sauvegarde"),  # SQLITE_TOOBIG
    23: _ACCESS,  # SQLITE_AUTH
    26: N_("ce n'est pas un fichier de sauvegarde du jeu"),  # SQLITE_NOTADB
}

_SYSTEM = N_("erreur du système {code}")
_DATABASE = N_("erreur de la base de données {code}")


def french_reason(exc: BaseException) -> Message:
    """A short French reason for a failed file or save operation (« le disque est plein »)."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE:
            return msg(_SQLITE[code & 0xFF])
        name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
        return msg(_DATABASE, code=str(name))
    socket, ssl = sys.modules.get("socket"), sys.modules.get("ssl")  # loaded by whoever raised such an error
    if socket is not None and isinstance(exc, socket.gaierror):  # negative EAI_* numbers, not errno ones
        return msg(N_("adresse du serveur introuvable (nom inconnu du réseau)"))
    if ssl is not None and isinstance(exc, ssl.SSLCertVerificationError):
        return msg(N_("le certificat de sécurité du serveur est refusé"))
    number = getattr(exc, "errno", None)
    shutil = sys.modules.get("shutil")
    if shutil is not None and isinstance(exc, shutil.Error) and number is None:  # copytree: errors kept as text
        found = re.search(r"\[Errno (\d+)\]", str(exc.args))
        number = int(found[1]) if found else None
    if isinstance(number, int) and number in _ERRNO:
        return msg(_ERRNO[number])
    if isinstance(exc, FileNotFoundError):
        return msg(_ERRNO[errno.ENOENT])
    if isinstance(exc, PermissionError):
        return msg(_ACCESS)
    if isinstance(exc, TimeoutError):  # a socket's « timed out », without errno
        return msg(_ERRNO[errno.ETIMEDOUT])
    if isinstance(exc, MemoryError):
        return msg(_NO_MEMORY)
    name = errno.errorcode.get(number, str(number)) if isinstance(number, int) else type(exc).__name__
    return msg(_SYSTEM, code=name)
