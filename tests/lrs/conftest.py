"""A real LRS (xapi-statements 5.0.1, in memory, 127.0.0.1) started by ``scripts/lrs.sh`` for the session.

Without ``node`` the tests that use it fail (they never skip): CI must install Node.js
(``bash scripts/setup.sh --test`` does it with apt).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "lrs.sh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LrsServer:
    """One LRS process on its own port; ``start()`` again after ``stop()`` gives an empty LRS."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.endpoint = f"http://127.0.0.1:{port}/xAPI/"
        self.start_seconds = 0.0

    def _env(self) -> dict[str, str]:
        return {**os.environ, "LRS_PORT": str(self.port), "LRS_WAIT_S": "60"}

    def start(self) -> None:
        if shutil.which("node") is None or shutil.which("npm") is None:
            pytest.fail("node/npm introuvables : les tests LRS ont besoin de Node.js (lancez "
                        "« bash scripts/setup.sh --test », qui installe nodejs et npm avec apt).", pytrace=False)
        began = time.perf_counter()
        done = subprocess.run(["bash", str(SCRIPT), "start"], env=self._env(), capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0:
            pytest.fail(f"le LRS n'a pas démarré :\n{done.stderr[-3000:]}", pytrace=False)
        self.start_seconds = time.perf_counter() - began
        assert f"LRS_ENDPOINT={self.endpoint}" in done.stdout

    def stop(self) -> None:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=self._env(), capture_output=True, timeout=30)


@pytest.fixture(scope="session")
def lrs() -> Iterator[LrsServer]:
    server = LrsServer(free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_lrs() -> Iterator[LrsServer]:
    """A second LRS that a test may stop and restart without disturbing the others."""
    server = LrsServer(free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()
