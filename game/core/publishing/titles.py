"""Is the title specific? What it must name (who publishes, what, where, when) and whether it does.

data.gouv.fr's guide asks for a specific title: « Horaires des autobus de la ville de Brive pour la
période 2018 – 2019 », not « Horaires des cars ». A scenario lists the elements a good title names,
each with the words that show it (and their translations, from the scenario's catalogues);
:func:`title_check` says which ones the learner's title names.
Words match without case or accents, on word boundaries: « 2018 » matches « 2018-2019 », « an »
does not match « Anglais ».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ._text import words


@dataclass(frozen=True, slots=True)
class TitleElement:
    """Something a specific title names: ``label`` (« qui publie ») and the words that show it
    (``("haute-garonne", "département")``); one of the words is enough. A word of several words
    (« haute-garonne », « conseil départemental ») must appear as that sequence."""

    label: str
    words: tuple[str, ...]


class _Element(Protocol):
    @property
    def label(self) -> str: ...

    @property
    def words(self) -> tuple[str, ...]: ...


E = TypeVar("E", bound=_Element)


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    if n == 0:
        return False
    return any(list(haystack[i:i + n]) == list(needle) for i in range(len(haystack) - n + 1))


def names(title: str, word: str) -> bool:
    """True when ``title`` contains ``word`` as whole word(s), ignoring case and accents."""
    return _contains(words(title), words(word))


def accepted_words(element: _Element) -> tuple[str, ...]:
    """The words that show ``element``: its own, then those its translations give (a scenario's
    title element carries them as ``translated``), so that a title in English is judged in English."""
    return tuple(element.words) + tuple(getattr(element, "translated", ()))


def title_check(title: str, elements: Sequence[E]) -> tuple[tuple[E, bool], ...]:
    """Each element with whether the title names it (by any of its words, in any language)."""
    tokens = words(title)
    return tuple((e, any(_contains(tokens, words(w)) for w in accepted_words(e))) for e in elements)
