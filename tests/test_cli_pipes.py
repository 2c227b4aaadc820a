"""The command line as a Unix tool: a closed pipe ends it quietly; ``--screenshot`` saves then quits."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    big = tmp_path / "gros.csv"
    big.write_text("a;b\n" + "".join(f"{i};x\n" for i in range(60000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "game", "validate", "--schema", "scdl/subventions", "--format", "json",
                             str(big)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line (as `| head -0`; validating takes longer)
    err = proc.stderr.read().decode("utf-8")
    code = proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err, err[-2000:]
    assert code == 141


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (pytest --xvfb-backend=xvfb)")
def test_screenshot_saves_the_first_screen_then_quits(tmp_path):
    shot = tmp_path / "titre.png"
    env = dict(os.environ, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy")
    r = subprocess.run([sys.executable, "-m", "game", "--data-dir", str(tmp_path / "d"), "--screenshot", str(shot)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)  # used to wait for a close
    assert r.returncode == 0, r.stderr[-2000:]
    assert shot.stat().st_size > 5000
