"""Why a scenario pack could not be read or extracted, said in French.

Python's own wording (« File is not a zip file », « No space left on device », « File exists »)
never reaches the trainer: each failure gets a sentence that says what is wrong with the pack or
the disk, and what to do. The system's text is kept only for a failure not foreseen here.
"""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

from game.core.messages import N_, Message, msg
from game.storage.oserrors import french_reason

RECOMPRESS = N_("Recréez le paquet (clic droit sur le dossier du scénario, puis « Compresser ») et déposez-le "
                "à nouveau.")
REBUILD = N_("Ce paquet n'a pas été fait en compressant un dossier ordinaire : ne l'utilisez pas, recréez-le "
             "à partir du dossier du scénario.")

_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_DENIED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_SAME_NAME = frozenset({errno.EEXIST, errno.EISDIR, errno.ENOTDIR})


def _method(e: Exception) -> bool:
    return isinstance(e, NotImplementedError)  # zipfile: « That compression method is not supported »


def archive_problem(e: Exception) -> tuple[Message, Message]:
    """The whole ``.zip`` cannot be read (``zipfile``, ``zlib`` or ``struct`` refused it)."""
    text = str(e)
    if _method(e):
        return msg(N_("Ce paquet utilise une méthode de compression que le jeu ne sait pas lire.")), msg(RECOMPRESS)
    if "span multiple disks" in text:
        return (msg(N_("Ce paquet est une archive zip en plusieurs morceaux : le jeu ne lit que les archives "
                       "d'un seul tenant.")), msg(RECOMPRESS))
    if isinstance(e, zipfile.BadZipFile) and "not a zip file" in text:
        return (msg(N_("Ce fichier n'est pas une archive zip lisible : il n'est pas au format zip, ou il est "
                       "incomplet (copie ou téléchargement interrompu).")), msg(RECOMPRESS))
    return msg(N_("Ce fichier n'est pas une archive zip lisible : il est abîmé ou incomplet.")), msg(RECOMPRESS)


def member_problem(member: str, e: Exception) -> tuple[Message, Message]:
    """One member cannot be decompressed while it is copied."""
    if _method(e):
        return (msg(N_("« {member} » est illisible dans le paquet : il est compressé avec une méthode que le jeu "
                       "ne sait pas lire."), member=member), msg(RECOMPRESS))
    return msg(N_("« {member} » est illisible dans le paquet : son contenu est abîmé."), member=member), msg(RECOMPRESS)


def os_problem(e: OSError, folder: Path | None) -> tuple[Message, Message]:
    """The pack could not be read from disk or extracted into ``folder`` (the cache)."""
    where = str(folder) if folder is not None else str(e.filename or "")
    if e.errno in _FULL:
        return (msg(N_("Le paquet n'a pas pu être extrait : le disque est plein.")),
                msg(N_("Libérez de la place sur le disque du dossier {folder}, puis relancez le jeu."), folder=where))
    if e.errno in _DENIED:
        return (msg(N_("Le paquet n'a pas pu être lu ou extrait : accès refusé à {path}."),
                    path=str(e.filename or where)),
                msg(N_("Vérifiez que vous avez le droit de lire le paquet et d'écrire dans le dossier {folder}."),
                    folder=where))
    if e.errno == errno.ENAMETOOLONG:
        return (msg(N_("Le paquet n'a pas pu être extrait : un chemin y est trop long pour ce système.")),
                msg(N_("Raccourcissez les noms des dossiers et des fichiers du scénario, puis recréez le paquet.")))
    if e.errno in _SAME_NAME:  # names this system takes for the same one (the member check sees most)
        return (msg(N_("Le paquet n'a pas pu être extrait : deux de ses fichiers ou dossiers portent le même nom "
                       "pour ce système.")), msg(REBUILD))
    return (msg(N_("Le paquet n'a pas pu être lu ou extrait ({detail})."), detail=french_reason(e)),
            msg(N_("Vérifiez la place libre sur le disque et les droits sur le dossier {folder}."), folder=where))
