"""Workshop groups: the short code a trainer gives the learners of one workshop.

A code is 3 to 20 letters, digits or hyphens, shown and stored in upper case (« RENNES-2026 »,
« K7M-4QX »). It travels in every statement's context as a grouping activity
``<activity base>groups/<CODE>`` and the extension ``group``, so a group report can gather the
workshop's statements from any desk, any export file or the LRS.
"""

from __future__ import annotations

import random
import re
import unicodedata

from .messages import N_, Message, msg

MIN_LENGTH, MAX_LENGTH = 3, 20
_CODE_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
# no 0/O, 1/I/L: a code read aloud in a training room or copied from a whiteboard
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def normalize_group(text: str) -> str | Message:
    """The code in its stored form, or why it is refused. Spaces around it and case do not matter;
    accents are dropped (« Saint-Étienne » → « SAINT-ETIENNE »), inner spaces become hyphens."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.strip()) if not unicodedata.combining(c))
    code = re.sub(r"[\s_]+", "-", plain).upper()
    if not code:
        return msg(N_("Le code de l'atelier est vide."))
    if not MIN_LENGTH <= len(code) <= MAX_LENGTH:
        return msg(N_("Le code de l'atelier « {code} » doit faire de {min} à {max} caractères."),
                   code=text.strip(), min=MIN_LENGTH, max=MAX_LENGTH)
    if not code.isascii() or not _CODE_RE.match(code):  # « ß », « 日本 »: no letter a trainer can dictate
        return msg(N_("Le code de l'atelier « {code} » ne peut contenir que des lettres, des chiffres et des "
                      "tirets (par exemple RENNES-2026)."), code=text.strip())
    return code


def new_group_code(rng: random.Random | None = None) -> str:
    """A fresh code such as ``K7M-4QX``: 6 characters easy to read aloud (31⁶ ≈ 887 million codes)."""
    pick = (rng or random.SystemRandom()).choice
    chars = "".join(pick(_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"
