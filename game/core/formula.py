"""Cells that a spreadsheet would run as a formula, made plain text (CSV injection, as OWASP advises).

Every CSV the game writes for people who open it in Excel or LibreOffice (the group report, the
learner's ``catalogue.csv``) goes through :func:`neutralise`: a text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so ``=HYPERLINK(…)`` is shown,
never run.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``; any other text unchanged."""
    return "'" + text if text.startswith(FORMULA_START) else text
