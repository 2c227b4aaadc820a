import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "donnees"
    monkeypatch.setenv("EXPLORATEURS_DATA_DIR", str(d))
    return d
