"""Who the trainer expected at a workshop against who left records: a missing desk is named.

The trainer gives the report the expected pseudonyms (« Camille, Léa, Yann ») or only how many people
came. Pseudonyms match without case, accents or extra spaces (« lea » is « Léa »), as a learner types
them on one desk and the trainer on a sheet.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def pseudonym_key(name: str) -> str:
    """What two spellings of one pseudonym share: « Léa », « LEA » and « lea » give « lea »."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True, slots=True)
class Attendance:
    expected: int  # how many people the trainer expected
    present: int  # expected people who left records (a count: every participant)
    missing: tuple[str, ...]  # expected pseudonyms without any record, as the trainer wrote them (a list only)
    unlisted: tuple[str, ...]  # participants who are not on the list: a typo on a desk, a late arrival
    named: bool  # the trainer gave names (else a count)

    @property
    def absent(self) -> int:
        """How many desks are missing."""
        return len(self.missing) if self.named else max(0, self.expected - self.present)


def attendance(participants: Iterable[str], expected: Sequence[str] | int) -> Attendance:
    """``expected`` is a list of pseudonyms (repeats and blanks ignored) or a number of people."""
    people = list(participants)
    if isinstance(expected, int):
        return Attendance(expected, len(people), (), (), named=False)
    wanted: dict[str, str] = {}
    for name in expected:
        if pseudonym_key(name):
            wanted.setdefault(pseudonym_key(name), " ".join(name.split()))
    here = {pseudonym_key(p) for p in people}
    missing = tuple(name for key, name in wanted.items() if key not in here)
    unlisted = tuple(p for p in people if pseudonym_key(p) not in wanted)
    return Attendance(len(wanted), len(wanted) - len(missing), missing, unlisted, named=True)
