"""Problems found in a trainer's file, with where they are and how to fix them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .messages import N_, Message, msg

PathPart = str | int

#: How serious a problem is. An error makes the scenario unplayable (the game refuses it); a warning
#: is reported by ``explorateurs check`` (which then fails) but the game still plays the scenario.
#: Stable machine values (``check --format json`` prints them as they are, in every language).
ERROR, WARNING = "error", "warning"

#: A list of the possible ids is given as a hint when no id is close and there are at most this many.
LISTED_IDS = 12


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a scenario or framework file.

    ``path`` locates it inside the document (keys and list indexes); storage adds
    ``file``, ``line`` and ``col`` (1-based) from the YAML node marks. ``code`` is a stable rule id
    for tools (``unknown-reference``, ``unreachable-step``…; empty: not classified).
    """

    path: tuple[PathPart, ...]
    message: Message
    hint: Message | None = None
    file: str = ""
    line: int = 0
    col: int = 0
    at_key: bool = False  # point at the key itself rather than its value
    code: str = ""
    severity: str = ERROR

    def coded(self, code: str) -> Problem:
        """This problem with a rule id, unless it already has one."""
        return self if self.code else replace(self, code=code)

    def located(self, file: str, line: int, col: int) -> Problem:
        return replace(self, file=file, line=line, col=col)

    @property
    def where(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


def did_you_mean(word: str, candidates: Iterable[str]) -> Message | None:
    """A "did you mean" hint for a misspelt key or id, or None when nothing is close."""
    close = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    if not close:
        return None
    return msg(N_("Vouliez-vous dire « {suggestion} » ?"), suggestion=close[0])


def suggestion(word: str, candidates: Iterable[str]) -> Message | None:
    """``did_you_mean``, else the possible ids when there are few (« E5 » among A1…D2), else None."""
    known = list(dict.fromkeys(str(c) for c in candidates))
    close = did_you_mean(word, known)
    if close is not None:
        return close
    if not known or len(known) > LISTED_IDS:
        return None
    return msg(N_("Identifiants possibles : {ids}."), ids=", ".join(known))


def path_text(path: tuple[PathPart, ...]) -> str:
    """``steps[2].choices[0].next`` style text for a document path."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
