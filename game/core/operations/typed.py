"""An operation's parameters as a learner types them in the operation palette, read into the
values its recipe entry holds: ``5`` for a number, ``A, B`` for a list, ``2, 5; 7`` for row
numbers, ``H=M, Homme=M`` for correspondences; an optional text left empty is no value.
"""

from __future__ import annotations

from typing import Any


def read_typed(kind: str, typed: str) -> Any:
    """The recipe value of a parameter of ``kind`` (see :func:`~.base.param_kind`) typed as
    ``typed``; :class:`ValueError` when a number (``int``, ``ints``) cannot be read. A ``str``
    parameter keeps its spaces: they may be what is searched or replaced."""
    text = typed.strip()
    if kind == "int":
        return int(text)
    if kind == "strs":
        return [x.strip() for x in text.split(",") if x.strip()]
    if kind == "ints":
        return [int(x) for x in text.replace(";", ",").split(",") if x.strip()]
    if kind == "mapping":
        pairs = [x.split("=", 1) for x in text.split(",") if "=" in x]
        return {a.strip(): b.strip() for a, b in pairs}
    if kind == "str?":
        return text or None
    return typed
