"""The regular-expression shortcuts in front of the libraries frictionless uses never change an answer.

E-mails (``validators``), URIs (``rfc3986``) and ISO datetimes and times (dateutil's ``isoparse``)
cost about 0.1 ms each through the library; the common shapes are answered by one regular
expression. On seeded samples of those shapes (and of near misses), the answer is the library's.
"""

from __future__ import annotations

import random

import pytest
import rfc3986
import validators
from dateutil.parser import isoparse
from rfc3986 import exceptions
from rfc3986 import validators as uri_validators

from game.core.tableschema import parse_schema
from game.core.tableschema.types import (
    _FAST_DATETIME,
    _FAST_EMAIL,
    _FAST_TIME,
    _FAST_URI,
    INVALID,
    is_email,
    is_uri,
    parser_for,
)

ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _word(rng, alphabet, n=8):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, n)))


def _emails(rng):
    for _ in range(1000):
        user = ".".join(_word(rng, ALNUM + "_+-", 6) for _ in range(rng.randint(1, 3)))
        host = ".".join(_word(rng, ALNUM + "-", 8) for _ in range(rng.randint(1, 3)))
        yield f"{user}@{host}.{_word(rng, 'abcdefghijklmnopqrstuvwxyz0', 5)}"


def _uris(rng):
    for _ in range(1000):
        host = ".".join(_word(rng, ALNUM + "-", 8) for _ in range(rng.randint(1, 3)))
        path = "/".join(_word(rng, ALNUM + "._~%=&?#+-", 8) for _ in range(rng.randint(0, 3)))
        yield f"{rng.choice(['http', 'https'])}://{host}" + (f"/{path}" if path or rng.random() < 0.5 else "")


def test_the_email_shortcut_only_accepts_what_validators_accepts():
    for cell in _emails(random.Random(15)):
        if _FAST_EMAIL.match(cell):
            assert validators.email(cell), cell
        assert is_email(cell) == bool(validators.email(cell)), cell


def _rfc3986(cell):
    try:
        uri_validators.Validator().require_presence_of("scheme").validate(rfc3986.uri_reference(cell))
    except exceptions.RFC3986Exception:
        return False
    return True


def test_the_uri_shortcut_only_accepts_what_rfc3986_accepts():
    for cell in _uris(random.Random(15)):
        assert _FAST_URI.match(cell) is None or _rfc3986(cell), cell
        assert is_uri(cell) == _rfc3986(cell), cell


def _stamps(rng):
    for _ in range(1000):
        d = f"{rng.randint(0, 9999):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}"
        t = f"{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}:{rng.randint(0, 61):02d}"
        if rng.random() < 0.5:
            t += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 7)))
        t += rng.choice(["", "Z", "z", f"+{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}",
                         f"-{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}"])
        yield d, t


@pytest.mark.parametrize("kind", ["datetime", "time"])
def test_the_datetime_and_time_shortcuts_answer_as_isoparse(kind):
    parse = parser_for(parse_schema({"fields": [{"name": "x", "type": kind}]}).fields[0])
    for d, t in _stamps(random.Random(kind)):
        text = f"{d}T{t}" if kind == "datetime" else t
        full = text if kind == "datetime" else f"2000-01-01T{t}"
        try:
            expected = isoparse(full)
        except (ValueError, OverflowError):
            expected = None
        got = parse(text)
        assert (got is INVALID) == (expected is None), text
        if expected is not None and (_FAST_DATETIME if kind == "datetime" else _FAST_TIME).match(text):
            value = expected if kind == "datetime" else expected.timetz()
            assert got == value and got.utcoffset() == value.utcoffset(), text
