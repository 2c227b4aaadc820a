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
        if not self.params:
            return self.msgid
        return self.msgid.format(**{k: v.format_source() if isinstance(v, Message) else v for k, v in self.params})


def msg(msgid: str, **params: Any) -> Message:
    return Message(msgid, tuple(sorted(params.items())))
