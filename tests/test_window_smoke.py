"""A real window under Xvfb: every screen opens once, the screenshots show it, nothing crashes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir, load_scenario
from scripts.demo import library_index, playthrough, to_clean_step

ROOT = Path(__file__).resolve().parents[1]


def shipped():
    """The shipped scenarios, as the library lists them (see ``scripts.demo.library_index``)."""
    return [x.scenario for x in load_all([builtin_scenarios_dir()])]
SCREENS = ["title", "settings", "profiles", "library", "dialogue", "quiz", "sort", "debrief", "library-done"]

pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (pytest --xvfb-backend=xvfb)")


def colours(path: Path) -> int:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    code = ("import pygame,sys; s=pygame.image.load(sys.argv[1]); w,h=s.get_size();"
            "print(len({tuple(s.get_at((x,y)))[:3] for x in range(0,w,7) for y in range(0,h,7)}))")
    return int(subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True, check=True).stdout)


def run_game(tmp_path, script, *extra):
    env = dict(os.environ, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy")
    script_file = tmp_path / "script.txt"
    script_file.write_text("\n".join(script), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "game", "--data-dir", str(tmp_path / "d"), "--script", f"@{script_file}", *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def test_every_screen_opens_in_a_real_window(tmp_path):
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    shots = {name: str(tmp_path / f"{name}.png") for name in SCREENS}
    index = library_index("premiers-pas", shipped())
    # evaluation mode: the script cannot know the shuffled options, and in practice mode a wrong answer
    # puts the focus on « Réessayer »
    r = run_game(tmp_path, playthrough(scenario, shots=shots, library_index=index), "--mode", "evaluation")
    assert r.returncode == 0, r.stderr[-3000:]
    from game.storage.store import Store

    with Store(tmp_path / "d") as store:  # the script went through every step: the scenario is completed
        assert any(s["verb"]["id"].endswith("/completed") and s["object"]["id"].endswith("/scenarios/premiers-pas")
                   for s in store.statements())
    log = (tmp_path / "d" / "explorateurs.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]
    for name in SCREENS:
        png = Path(shots[name])
        assert png.exists() and png.stat().st_size > 5000, name
        assert colours(png) > 8, f"{name} looks blank"


def test_unreadable_save_file_shows_a_french_notice_not_a_crash(tmp_path):
    (tmp_path / "d").mkdir()
    bad = tmp_path / "d" / "explorateurs.sqlite3"
    bad.write_bytes(b"ceci n'est pas une base SQLite" * 50)
    before = bad.read_bytes()
    shot = tmp_path / "notice.png"
    r = run_game(tmp_path, ["wait:5", f"shot:{shot}"])
    assert r.returncode == 0, r.stderr[-3000:]
    assert shot.exists() and colours(shot) > 4
    assert bad.read_bytes() == before


@pytest.mark.parametrize("scenario_id", ["prenoms", "subventions"])
def test_cleaning_workshop_and_palette_open_in_a_real_window(tmp_path, scenario_id):
    scenario = load_scenario(builtin_scenarios_dir() / scenario_id).scenario
    index = library_index(scenario_id, shipped())
    shots = {"clean": str(tmp_path / "clean.png"), "palette": str(tmp_path / "palette.png")}
    r = run_game(tmp_path, to_clean_step(scenario, index, shots))
    assert r.returncode == 0, r.stderr[-3000:]
    log = (tmp_path / "d" / "explorateurs.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]
    for png in shots.values():
        assert colours(Path(png)) > 8
