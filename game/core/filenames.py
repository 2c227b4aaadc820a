"""A file name for a learner's personal report that keeps their letters and is never another's.

« Zoë » gives ``Zoë``, « 東京 » ``東京``, « 😀 » ``😀``: letters, digits and symbols of any script are
valid in file names on Windows, macOS and Linux. Only what one of them refuses is replaced by « _ »:
``< > : " / \\ | ? *``, control and other invisible format characters (a right-to-left override
would disguise the name), a trailing dot or space, a Windows device name (``CON``, ``COM1``…); a
very long name is cut (255 bytes is the limit of most file systems).

Two learners must never share a file: as soon as the name had to change, a short hash of the exact
pseudonym is added (« Zoë? » → ``Zoë_-3f1c0a9b``), so « Zoë? » and « Zoë* » stay apart; a name
that already ends like such a hash gets one too, so no pseudonym can take the name of another's
hashed file. Names that differ only by case (« Camille », « camille ») are one file on Windows and
macOS: that is settled where the file is written, which can see the folder
(:func:`game.storage.reports.learner_stem`), with :func:`hashed_stem`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_FORBIDDEN = frozenset('<>:"/\\|?*')
_KEPT_FORMAT = frozenset("\u200c\u200d")  # zero-width (non-)joiners: inside emoji sequences and some scripts
_DEVICES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$", "clock$",
                      *(f"{d}{i}" for d in ("com", "lpt") for i in (*"0123456789", "¹", "²", "³"))})
_HASHED = re.compile(r"-[0-9a-f]{8}$", re.IGNORECASE)
MAX_BYTES = 120  # « rapport- » + this + « -<hash>.html » stays far below 255 bytes
FALLBACK = "apprenant"


def _safe_char(c: str) -> str:
    category = unicodedata.category(c)
    if c in _FORBIDDEN or (category[0] == "C" and c not in _KEPT_FORMAT) or category in ("Zl", "Zp"):
        return "_"
    return c


def _cut(text: str, limit: int) -> str:
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def name_hash(name: str) -> str:
    """8 hex digits that stand for exactly this pseudonym (a lone surrogate from a JSON file too)."""
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def hashed_stem(name: str) -> str:
    """The stem with the pseudonym's hash, whatever the name."""
    return f"{_plain(name) or FALLBACK}-{name_hash(name)}"


def _plain(name: str) -> str:
    safe = _cut("".join(map(_safe_char, unicodedata.normalize("NFC", name))), MAX_BYTES).rstrip(". ")
    if safe.split(".")[0].rstrip(" ").casefold() in _DEVICES:  # « CON », « com1.txt », « Nul »
        safe = "_" + safe
    return safe


def file_stem(name: str) -> str:
    """The pseudonym itself when it is a safe file name as it is, else its safe form plus its hash."""
    safe = _plain(name)
    if safe and safe == name and not _HASHED.search(safe):
        return safe
    return f"{safe or FALLBACK}-{name_hash(name)}"
