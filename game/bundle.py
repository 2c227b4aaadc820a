"""Where the game's read-only data lives: scenarios, fonts, translations, schemas.

In a checkout they stay at the repository's root (``scenarios/``, ``assets/``, ``locales/``,
``schemas/``); the wheel (``setup.py``) and the desktop app (``packaging/explorateurs.spec``) carry a
copy inside the package, under ``game/_bundle/``. Both are found through ``importlib.resources``, so
the game runs the same from a checkout, an installed wheel or a frozen app. A leaf module: it imports
nothing of the game, every layer may use it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

BUNDLED = ("scenarios", "assets", "locales", "schemas")


def data_dir(name: str) -> Path:
    """The folder ``name`` (one of ``BUNDLED``): the packaged copy when there is one, otherwise the
    checkout's."""
    package = Path(str(files("game")))
    bundled = package / "_bundle" / name
    return bundled if bundled.is_dir() else package.parent / name
