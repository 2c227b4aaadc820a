"""The pure layers (core, play) pass mypy in strict mode (config: ``[tool.mypy]`` in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Packages checked strictly; a new pure package (e.g. game/services) is one more entry here and in
#: the strict override of ``[tool.mypy]``.
STRICT = ["game/core", "game/play", "game/services"]


def test_core_and_play_are_typed_strictly(tmp_path):
    r = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / ".mypy_cache"), *STRICT],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
    assert "Success: no issues found" in r.stdout


def test_the_strict_settings_apply_to_core_and_play(tmp_path):
    """An unannotated function in core is refused: the strict override really covers the package."""
    pkg = tmp_path / "game" / "core"
    pkg.mkdir(parents=True)
    (tmp_path / "game" / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "loose.py").write_text("def double(x):\n    return x * 2\n")
    r = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                        "--cache-dir", str(tmp_path / ".mypy_cache"), "game/core"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stdout
    assert "[no-untyped-def]" in r.stdout
