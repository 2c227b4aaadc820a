"""Cold start to the first frame of the title screen, against a bare pygame-ce window.

Each measure is a fresh Python process (cold imports), timed from launch to exit after the first
frame was flipped. Baseline: ``pygame.init()`` + a 1280×720 window + one flip, in the same
conditions. Prints the medians and the ratio; the target is ≤ 1.0 s and ≤ 2× the baseline.

    .venv/bin/python bench/startup.py [--runs 7] [--driver dummy|x11]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = ("import pygame; pygame.init(); s = pygame.display.set_mode((1280, 720), pygame.RESIZABLE);"
        "s.fill((247, 245, 239)); pygame.display.flip(); pygame.quit()")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--driver", default="x11" if os.environ.get("DISPLAY") else "dummy")
    args = ap.parse_args()
    env = dict(os.environ, SDL_VIDEODRIVER=args.driver, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    with tempfile.TemporaryDirectory() as data:
        game = [sys.executable, "-m", "game", "--data-dir", data, "--max-frames", "1"]
        bare = [sys.executable, "-c", BARE]
        timed(game, env)  # first run creates the save file; not counted
        g, b = [], []
        for _ in range(args.runs):  # interleaved so machine noise hits both alike
            b.append(timed(bare, env))
            g.append(timed(game, env))
    gm, bm = statistics.median(g), statistics.median(b)
    print(f"driver: {args.driver}, runs: {args.runs}")
    print(f"bare pygame-ce window + first flip : {bm * 1000:7.0f} ms (median)")
    print(f"game to first title frame          : {gm * 1000:7.0f} ms (median, min {min(g) * 1000:.0f})")
    print(f"ratio game / bare                  : {gm / bm:7.2f}×   (target ≤ 2×, and ≤ 1000 ms)")


if __name__ == "__main__":
    main()
