"""The screens' view models and results load without pygame: a present() is tested, and could be
used, with no window at all."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_views_and_results_import_no_pygame():
    code = ("import sys, game.scenes.views.clean, game.scenes.views.publish, game.scenes.views.reuse, "
            "game.scenes.results; assert 'pygame' not in sys.modules, sorted(m for m in sys.modules if 'pygame' in m)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
