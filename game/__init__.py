"""Explorateurs des données — a serious game on opening local public data."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
