"""A scenario reads only the files of its own folder.

Every path a scenario names (a clean step's ``dataset:``, a local ``schema:``, a publish step's
resource ``file:``) goes through :func:`inside`: refused when written as an absolute path, with a
drive letter or ``:`` (``C:\\…``, ``C:fichier``), a backslash (``\\\\serveur\\partage``), ``..`` or a
control character — tested on the string as written, whatever the system the game runs on — and
refused again when, resolved, it lands outside the folder. :func:`symlinks` finds the symbolic
links inside a scenario folder: a folder shared by copy or by ``git`` may hold one to any file of
the machine, so the game refuses them there, as packs already do.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.core.messages import N_, Message, msg

from .limits import LIMITS

#: Names Windows gives to devices, whatever the folder and the extension (``data/CON.csv`` reads the console).
_DEVICE = re.compile(r"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])(\.|$)", re.IGNORECASE)
HINT = N_("Rangez le fichier dans le dossier du scénario et nommez-le à partir de ce dossier, sans « .. » ni "
          "chemin absolu (par exemple dataset: mon-fichier.csv pour data/mon-fichier.csv).")


class OutsideFolder(ValueError):
    """A path a scenario names that would read outside its folder; ``message`` says why, in French."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.format_source())
        self.message = message
        self.hint = msg(HINT)


def _why(name: str) -> Message | None:
    """Why ``name``, as written, may not be read (None: it may, if it stays inside once resolved)."""
    if not name.strip():
        return msg(N_("Le chemin « {value} » est vide."), value=name)
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return msg(N_("Le chemin « {value} » contient un caractère de contrôle : refusé."), value=name.encode("unicode_escape").decode())
    if "\\" in name:
        return msg(N_("Le chemin « {value} » contient une barre oblique inverse (\\) : écrivez les chemins avec « / », "
                      "à partir du dossier du scénario."), value=name)
    if ":" in name:
        return msg(N_("Le chemin « {value} » contient une lettre de lecteur ou « : » : un scénario ne lit que les "
                      "fichiers de son propre dossier."), value=name)
    if name.startswith("/"):
        return msg(N_("Le chemin « {value} » est absolu : un scénario ne lit que les fichiers de son propre dossier."),
                   value=name)
    parts = name.split("/")
    if ".." in parts:
        return msg(N_("Le chemin « {value} » remonte hors du dossier du scénario (« .. ») : refusé."), value=name)
    if any(_DEVICE.match(p.strip()) for p in parts):
        return msg(N_("Le chemin « {value} » porte un nom que Windows réserve à un périphérique (CON, NUL, COM1…) : "
                      "renommez le fichier."), value=name)
    return None


def inside(folder: Path, name: str, sub: str = "") -> Path:
    """``folder / sub / name``, checked to stay inside ``folder / sub`` once resolved (``sub``: a
    sub-folder such as ``data``); raises :class:`OutsideFolder` otherwise."""
    why = _why(name)
    if why is not None:
        raise OutsideFolder(why)
    path = folder / sub / name if sub else folder / name
    try:
        resolved = path.resolve()
        base = folder.resolve() / sub if sub else folder.resolve()
    except (OSError, RuntimeError) as e:  # a loop of links, a name too long for the system
        raise OutsideFolder(msg(N_("Le chemin « {value} » ne peut pas être suivi ({detail})."), value=name,
                                detail=getattr(e, "strerror", None) or str(e))) from e
    if not resolved.is_relative_to(base):
        raise OutsideFolder(msg(N_("Le chemin « {value} » mène hors du dossier du scénario : refusé."), value=name))
    return path


def symlinks(folder: Path, limit: int = LIMITS.folder_entries) -> list[Path]:
    """The symbolic links inside ``folder`` (``folder`` itself not included), in name order.
    Hidden folders (``.git``…) are not walked into, and at most ``limit`` entries are looked at:
    a path a scenario names is resolved and checked anyway (:func:`inside`)."""
    found: list[Path] = []
    seen = 0
    todo = [folder]
    while todo and seen < limit:
        current = todo.pop()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if entry.is_symlink():
                found.append(Path(entry.path))
            elif not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                todo.append(Path(entry.path))
    return sorted(found)
