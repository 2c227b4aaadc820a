"""Smoke test of the desktop app (scripts/build_app.sh --smoke): the frozen game plays « Premiers pas »
from the title to the library under Xvfb, writes no traceback, and its title screen is the checkout's,
pixel for pixel (same scenarios, font and catalogue).

    .venv/bin/python scripts/app_smoke.py dist/app/explorateurs/explorateurs
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.storage.library import load_all  # noqa: E402
from game.storage.scenarios import builtin_scenarios_dir, load_scenario  # noqa: E402
from scripts.demo import library_index, playthrough  # noqa: E402

SCREENS = ("title", "library", "dialogue", "quiz", "sort", "debrief", "library-done")


def run(command: list[str], tmp: Path, name: str) -> tuple[dict[str, Path], float]:
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    index = library_index("premiers-pas", [x.scenario for x in load_all([builtin_scenarios_dir()])])
    shots = {s: tmp / f"{name}-{s}.png" for s in SCREENS}
    script = tmp / f"{name}.txt"
    script.write_text("\n".join(playthrough(scenario, shots={k: str(v) for k, v in shots.items()},
                                            library_index=index)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(SDL_AUDIODRIVER="dummy")
    env.setdefault("SDL_VIDEODRIVER", "x11")
    start = time.perf_counter()
    r = subprocess.run([*command, "--data-dir", str(tmp / name), "--script", f"@{script}", "--mode", "evaluation"],
                       cwd=tmp, env=env,
                       capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"{name} : code de sortie {r.returncode}\n{r.stderr[-3000:]}")
    log = (tmp / name / "explorateurs.log").read_text(encoding="utf-8")
    if "Traceback" in log or "ERROR" in log:
        sys.exit(f"{name} : erreur dans le journal\n{log[-3000:]}")
    for s, png in shots.items():
        if not png.exists() or png.stat().st_size < 5000:
            sys.exit(f"{name} : pas de capture de l'écran {s}")
    return shots, took


def pixels(path: Path) -> bytes:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame
    return pygame.image.tobytes(pygame.image.load(str(path)), "RGB")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    app = Path(sys.argv[1]).resolve()
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24", sys.executable, *sys.argv])
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        frozen, t_app = run([str(app)], tmp, "app")
        checkout, t_src = run([sys.executable, "-m", "game"], tmp, "depot")
        for s in ("title", "library", "dialogue"):
            if pixels(frozen[s]) != pixels(checkout[s]):
                sys.exit(f"l'écran {s} de l'application diffère de celui du dépôt")
        print(f"Application : parcours complet de « Premiers pas » en {t_app:.1f} s "
              f"(depuis le dépôt : {t_src:.1f} s) ; écrans titre, bibliothèque, dialogue identiques au dépôt.")


if __name__ == "__main__":
    main()
