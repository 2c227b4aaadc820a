"""Small text helpers shared by the publishing rules (accent- and case-insensitive matching)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lower case without accents: « Département » → « departement », « Œuvre » → « oeuvre »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words (letters and digits) of ``text``; any other character separates them."""
    return _WORD.findall(fold(text))


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def name_tokens(column: str) -> list[str]:
    """The words of a column name: ``nomBeneficiaire`` → ``nom, beneficiaire``; ``DATE_NAISSANCE``
    → ``date, naissance``; digits are dropped (``tel1`` → ``tel``)."""
    spaced = _CAMEL.sub(" ", column)
    return [w for w in re.findall(r"[a-z]+", fold(spaced))]
