"""Regenerate the README screenshots in docs/ with the game's own key scripts.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from game.demo import playthrough, to_clean_step
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def shoot(shots: dict[str, str], *options: str, stop_at: str | None = None) -> None:
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    script = playthrough(scenario, shots={k: str(DOCS / v) for k, v in shots.items()}, stop_at=stop_at)
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env.setdefault("SDL_VIDEODRIVER", "x11" if env.get("DISPLAY") else "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "script.txt"
        f.write_text("\n".join(script), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "game", "--data-dir", str(Path(tmp) / "d"), "--script", f"@{f}", *options],
                       cwd=ROOT, env=env, check=True)


def shoot_cleaning() -> None:
    """The cleaning workshop of « Prénoms des nouveau-nés », then the operation palette."""
    scenario = load_scenario(builtin_scenarios_dir() / "prenoms").scenario
    steps = to_clean_step(scenario, 1, {"clean": str(DOCS / "nettoyage.png"), "palette": str(DOCS / "palette.png")})
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env.setdefault("SDL_VIDEODRIVER", "x11" if env.get("DISPLAY") else "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "script.txt"
        f.write_text("\n".join(steps), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "game", "--data-dir", str(Path(tmp) / "d"), "--script", f"@{f}"],
                       cwd=ROOT, env=env, check=True)


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    shoot({"library": "bibliotheque.png", "dialogue": "dialogue.png", "sort": "tri.png", "debrief": "bilan.png",
           "library-done": "bibliotheque-terminee.png"})
    shoot({"dialogue": "dialogue-200.png"}, "--text-scale", "2.0", stop_at="dialogue")
    shoot({"quiz": "quiz-en.png"}, "--lang", "en", stop_at="quiz")
    shoot_cleaning()
    print("\n".join(sorted(p.name for p in DOCS.glob("*.png"))))


if __name__ == "__main__":
    main()
