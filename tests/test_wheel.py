"""The installed wheel is the whole game: built from the checkout, installed in a fresh venv outside
it, it plays « Premiers pas » from the title to the library and draws the same screens (scenarios,
Atkinson font, French catalogue) as the checkout does."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir, load_scenario
from scripts.demo import library_index, playthrough

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ["title", "library", "dialogue", "quiz", "debrief"]

pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (pytest --xvfb-backend=xvfb)")


def pixels(path: Path) -> bytes:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    code = "import pygame,sys; sys.stdout.buffer.write(pygame.image.tobytes(pygame.image.load(sys.argv[1]), 'RGB'))"
    return subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, check=True).stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv (no access to the checkout's) with the wheel installed from ``scripts/build_wheel.sh``."""
    base = tmp_path_factory.mktemp("roue")
    subprocess.run(["bash", str(ROOT / "scripts" / "build_wheel.sh"), str(base / "dist")], check=True,
                   capture_output=True, timeout=300)
    wheel = next((base / "dist").glob("explorateurs_des_donnees-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True, timeout=120)
    subprocess.run([str(base / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(wheel)], check=True, capture_output=True, timeout=600)
    return base


def play(command: list[str], cwd: Path, data: Path, shots_dir: Path) -> dict[str, Path]:
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    index = library_index("premiers-pas", [x.scenario for x in load_all([builtin_scenarios_dir()])])
    shots = {name: shots_dir / f"{name}.png" for name in SCREENS}
    shots_dir.mkdir()
    script = shots_dir / "script.txt"
    script.write_text("\n".join(playthrough(scenario, shots={k: str(v) for k, v in shots.items()},
                                            library_index=index)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy")
    r = subprocess.run([*command, "--data-dir", str(data), "--script", f"@{script}", "--mode", "evaluation"], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-3000:]
    log = (data / "explorateurs.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]
    return shots


def test_the_wheel_installed_outside_the_checkout_plays_the_same_screens(installed, tmp_path):
    python = installed / "venv" / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import game, pathlib; print(pathlib.Path(game.__file__).parent)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(installed / "venv"), where  # not the checkout's code
    for folder in ("scenarios", "assets/fonts", "locales/en/LC_MESSAGES", "schemas/scdl"):
        assert (Path(where) / "_bundle" / folder).is_dir(), folder
    from_wheel = play([str(installed / "venv" / "bin" / "explorateurs")], tmp_path, tmp_path / "d1", tmp_path / "roue")
    from_checkout = play([sys.executable, "-m", "game"], ROOT, tmp_path / "d2", tmp_path / "depot")
    for name in ("title", "library", "dialogue"):  # later screens follow answers and options shuffled per attempt
        assert pixels(from_wheel[name]) == pixels(from_checkout[name]), f"{name} differs between the wheel and the checkout"
    assert len(pixels(from_wheel["debrief"])) == len(pixels(from_checkout["debrief"]))
