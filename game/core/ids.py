"""Identifiers and value formats of xAPI: UUIDs, IRIs, timestamps, durations, language tags.

Pure stdlib. The checks here are deliberately strict about the forms the game *produces*
(hyphenated UUIDs, absolute IRIs with a scheme); they are not a general RFC 3987 parser.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# scheme ":" then at least one character that is not a space, a control character or one of the
# characters RFC 3987 excludes from IRIs (<>"{}|\^`).
_IRI_RE = re.compile(r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\s\x00-\x1f\x7f<>"{}|\\^`]+$')
_SEGMENT_SAFE = "-._~"


def new_uuid() -> str:
    """A fresh random UUID (version 4) as a lowercase hyphenated string."""
    return str(uuid.uuid4())


def is_uuid(value: object) -> bool:
    """True for a hyphenated UUID string such as ``3f2b…-…``; braces and ``urn:uuid:`` are refused."""
    return isinstance(value, str) and _UUID_RE.match(value) is not None


def is_absolute_iri(value: object) -> bool:
    """True for an absolute IRI: a scheme, a colon, then no whitespace or forbidden character."""
    return isinstance(value, str) and _IRI_RE.match(value) is not None


def iri_segment(text: str) -> str:
    """Percent-encode one path segment so that any id (accents, spaces, slashes) stays one segment."""
    return quote(text, safe=_SEGMENT_SAFE)


def join_iri(base: str, *segments: str) -> str:
    """``base`` (a slash is added if missing) followed by the encoded ``segments``."""
    prefix = base if base.endswith("/") else base + "/"
    return prefix + "/".join(iri_segment(s) for s in segments)


# ---------------------------------------------------------------- xAPI scalar formats

_DURATION_RE = re.compile(
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
)
_LANG_RE = re.compile(r"^(?:[A-Za-z]{2,3}|und)(?:-[A-Za-z0-9]{1,8})*$")


def utc_timestamp() -> str:
    """Now, in UTC, ISO 8601 with milliseconds and ``Z``: ``2025-03-01T09:30:00.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def is_timestamp(value: object) -> bool:
    """True for an ISO 8601 date-time string that carries a time zone (``Z`` or ``+hh:mm``)."""
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration to the 0.01 s xAPI keeps: 0 → PT0S, 12.5 → PT12.5S, 3725 → PT1H2M5S."""
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"duration must be a finite number of seconds >= 0, got {seconds!r}")
    hours, rest = divmod(round(seconds * 100), 360_000)
    minutes, rest = divmod(rest, 6_000)
    secs, centis = divmod(rest, 100)
    out = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if centis:
        return out + f"{secs}.{centis:02d}".rstrip("0") + "S"
    return out + f"{secs}S" if secs or out == "PT" else out


def is_iso_duration(value: object) -> bool:
    """True for an ISO 8601 duration such as ``PT12.5S`` or ``P1DT2H``; ``12s`` is refused."""
    return isinstance(value, str) and _DURATION_RE.match(value) is not None


def is_language_tag(value: object) -> bool:
    """A plausible RFC 5646 tag: ``fr``, ``fr-FR``, ``en-US``, ``und``."""
    return isinstance(value, str) and _LANG_RE.match(value) is not None


_UNIT_SECONDS = {"Y": 365 * 86_400, "M": 30 * 86_400, "W": 7 * 86_400, "D": 86_400}
_TIME_SECONDS = {"H": 3_600, "M": 60, "S": 1}
_PART_RE = re.compile(r"(\d+(?:\.\d+)?)([YMWDHS])")


def duration_seconds(value: object) -> float | None:
    """Seconds in an ISO 8601 duration (``PT12M3.5S`` → 723.5; a year counts 365 days, a month 30),
    or None when ``value`` is not one."""
    if not is_iso_duration(value):
        return None
    assert isinstance(value, str)
    date_part, _t, time_part = value[1:].partition("T")
    return (sum(float(n) * _UNIT_SECONDS[u] for n, u in _PART_RE.findall(date_part))
            + sum(float(n) * _TIME_SECONDS[u] for n, u in _PART_RE.findall(time_part)))
