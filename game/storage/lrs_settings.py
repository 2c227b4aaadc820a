"""Where to send learning records (xAPI): the LRS settings, read at every start from the command
line, the environment or ``lrs.json``. Kept apart from :mod:`game.storage.lrs` (the HTTP client and
the sender), which loads only when an LRS is configured."""

from __future__ import annotations

import json
import logging
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from game.storage.paths import APP_NAME

_log = logging.getLogger("game.storage.lrs")  # the same log lines as before the split

ENV_ENDPOINT, ENV_USER, ENV_PASSWORD = "EXPLORATEURS_LRS_ENDPOINT", "EXPLORATEURS_LRS_USER", "EXPLORATEURS_LRS_PASSWORD"
CONFIG_FILENAME = "lrs.json"


def config_path() -> Path:
    """``lrs.json`` in the platform's user config folder (``~/.config/explorateurs-des-donnees``)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILENAME


@dataclass(frozen=True, slots=True)
class LrsSettings:
    """Where to send statements. ``endpoint`` None means off (local only)."""

    endpoint: str | None = None
    username: str = ""
    password: str = field(default="", repr=False)

    @property
    def enabled(self) -> bool:
        return bool(self.endpoint)

    def __repr__(self) -> str:
        hidden = "'***'" if self.password else "''"
        return f"LrsSettings(endpoint={self.endpoint!r}, username={self.username!r}, password={hidden})"

    __str__ = __repr__

    @classmethod
    def load(cls, args: Any = None, env: Mapping[str, str] | None = None, file: Path | None = None) -> LrsSettings:
        """Each value from, in order: the CLI flags (``args.lrs_endpoint``…), the environment, ``lrs.json``.

        A missing or unreadable file counts as empty (a warning is logged, never its content).
        """
        env = os.environ if env is None else env
        path = config_path() if file is None else file
        stored: dict[str, Any] = {}
        if path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                stored = loaded if isinstance(loaded, dict) else {}
                if not isinstance(loaded, dict):
                    _log.warning("réglages LRS ignorés : %s n'est pas un objet JSON", path)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                _log.warning("réglages LRS ignorés : %s illisible (%s)", path, type(exc).__name__)

        def pick(flag: str, var: str, *keys: str) -> str:
            for value in (getattr(args, flag, None), env.get(var), *(stored.get(k) for k in keys)):
                if isinstance(value, str) and value.strip():
                    return value.strip()
            return ""

        endpoint = pick("lrs_endpoint", ENV_ENDPOINT, "endpoint")
        if endpoint and not endpoint.endswith("/"):
            endpoint += "/"
        user, password = pick("lrs_user", ENV_USER, "username", "user"), pick("lrs_password", ENV_PASSWORD, "password")
        parts = urllib.parse.urlsplit(endpoint) if endpoint else None
        if parts is not None and (parts.username or parts.password):
            # « https://nom:secret@lrs… »: the credentials leave the address, which is shown and logged
            host = parts.hostname or ""
            netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
            endpoint = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
            user = user or urllib.parse.unquote(parts.username or "")
            password = password or urllib.parse.unquote(parts.password or "")
        return cls(endpoint or None, user, password)
