"""Messages produced by the core, translated only when shown.

The core never calls gettext: it returns :class:`Message` objects whose ``msgid`` is a French
source string marked with :func:`N_` (so ``pybabel extract`` finds it) and whose named
placeholders are filled by :func:`game.i18n.render` in the active language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def N_(text: str) -> str:
    """Mark a French source string for extraction without translating it."""
    return text


@dataclass(frozen=True, slots=True)
class Message:
    msgid: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)

    def format_source(self) -> str:
        """The French text, without translation (for logs and tests)."""
        return self.msgid.format(**self.kwargs) if self.params else self.msgid


def msg(msgid: str, **params: Any) -> Message:
    return Message(msgid, tuple(sorted(params.items())))
