"""What the command line prints never drives the terminal: control characters become visible escapes.

A pseudonym, a group code or a scenario text comes from other desks' files, an LRS or a scenario
pack; printed raw, ``\\x1b]0;…\\x07`` renames the trainer's window, ``\\x1b[2J`` clears it, ``\\r``
overwrites a line, U+202E turns text around. :func:`visible` writes each such character as
``\\u001b`` — text a person can read, and still valid inside a JSON string (``records export``,
``check --format json`` print JSON, whose strings decode to the same characters).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

#: C0 and C1 controls, DEL, the bidirectional marks, overrides and isolates, line and paragraph separators
_CONTROLS = (*range(0x00, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
             *range(0x2066, 0x206A), 0x2028, 0x2029)
_PATTERNS: dict[str, re.Pattern[str]] = {}


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character (except those in ``keep``, e.g. ``"\\n"``) as ``\\uXXXX``."""
    pattern = _PATTERNS.get(keep)
    if pattern is None:  # one character class (no look-ahead): about 40 MB/s on clean text
        chars = "".join(re.escape(chr(c)) for c in _CONTROLS if chr(c) not in keep)
        pattern = _PATTERNS[keep] = re.compile(f"[{chars}]")
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class EscapingStream:
    """A text stream that writes :func:`visible` text (line breaks and tabs kept) to ``stream``; its
    ``buffer`` (UTF-8 bytes, used for JSON Lines) escapes the same way; the rest is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        raw = getattr(stream, "buffer", None)
        if raw is not None:
            self.buffer = _EscapingBuffer(raw)

    def write(self, text: str) -> int:
        self._stream.write(visible(text, keep="\n\t"))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _EscapingBuffer:
    """Bytes written as UTF-8 text go through :func:`visible`; any other byte is passed on as it is."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def write(self, data: bytes) -> int:
        text = bytes(data).decode("utf-8", "surrogateescape")
        shown = visible(text, keep="\n\t")
        self._raw.write(data if shown == text else shown.encode("utf-8", "surrogateescape"))
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """For the duration of a command, ``print`` to stdout and stderr escapes control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, EscapingStream(out)), cast(TextIO, EscapingStream(err))  # duck-typed streams
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
