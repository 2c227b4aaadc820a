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
from typing import Any, TextIO

#: C0 and C1 controls, DEL, the bidirectional overrides and isolates, line and paragraph separators
_CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_PATTERNS: dict[str, re.Pattern[str]] = {}


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character (except those in ``keep``, e.g. ``"\\n"``) as ``\\uXXXX``."""
    pattern = _PATTERNS.get(keep)
    if pattern is None:
        kept = "".join(re.escape(c) for c in keep)
        pattern = _PATTERNS[keep] = re.compile(f"(?![{kept}])[{_CONTROLS}]" if keep else f"[{_CONTROLS}]")
    return pattern.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
        self._raw.write(visible(text, keep="\n\t").encode("utf-8", "surrogateescape"))
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """For the duration of a command, ``print`` to stdout and stderr escapes control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(out), EscapingStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
