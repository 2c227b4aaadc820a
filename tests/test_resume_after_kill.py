"""Quit brutally (SIGKILL) in the middle of a scenario: a new process resumes at the same step
with every answer already given."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.core.scenario import DialogueStep, QuizStep
from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir, load_scenario
from scripts.demo import library_index

ROOT = Path(__file__).resolve().parents[1]


def shipped():
    """The shipped scenarios, as the library lists them (see ``scripts.demo.library_index``)."""
    return [x.scenario for x in load_all([builtin_scenarios_dir()])]


def script_to_first_quiz_answer() -> list[str]:
    """Keys a learner presses from the title screen to the first quiz answer of « Premiers pas »."""
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    index = library_index("premiers-pas", shipped())
    keys = ["key:RETURN", "wait:10", "text:Camille", "key:RETURN", "wait:10"] + ["key:DOWN"] * index
    keys += ["key:RETURN", "wait:10"]
    for step in scenario.steps:
        if isinstance(step, DialogueStep):
            keys += ["key:RETURN", "wait:2"] * (len(step.lines) - 1)
            if step.choices:
                keys += ["key:TAB", "key:RETURN", "wait:2"]  # from the question to the first choice
            keys += ["key:RETURN", "wait:10"]  # Continuer
        elif isinstance(step, QuizStep):
            keys += ["key:TAB", "key:SPACE", "key:TAB", "key:RETURN", "wait:5"]  # to the options, tick the first, validate
            break
    return keys + ["wait:1000000"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL")
def test_hard_kill_then_resume_at_same_step_with_same_answers(tmp_path):
    data = tmp_path / "donnees"
    script = tmp_path / "partie.txt"
    script.write_text("\n".join(script_to_first_quiz_answer()), encoding="utf-8")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    proc = subprocess.Popen([sys.executable, "-m", "game", "--data-dir", str(data), "--script", f"@{script}"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = data / "explorateurs.sqlite3"
    state = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                    try:
                        row = con.execute("SELECT state FROM attempts").fetchone()
                    except sqlite3.OperationalError:
                        row = None
                if row and json.loads(row[0])["answers"]:
                    state = json.loads(row[0])
                    break
            time.sleep(0.05)
        assert state is not None, f"the scripted game did not reach the quiz: {proc.stderr.read1().decode() if proc.poll() is not None else ''}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    # a new process (here: the game's services in this test process) resumes
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from .scenes.driver import Driver

    pygame.init()
    d = Driver(data)
    try:
        assert "Progression de Camille : « Premiers pas », étape 3 sur 5." in d.screen_text()
        assert d.focused.label == "Continuer — Camille"  # offered first
        d.press("RETURN")
        session = d.services.session
        assert session.state.step_id == state["step_id"] == "quiz-loi"
        assert session.state.to_json()["answers"] == state["answers"]
        assert session.state.to_json()["choices"] == state["choices"]
        first, second = session.step.questions[:2]
        assert second.prompt in d.screen_text()  # the next question, the first one stays answered
        assert first.prompt not in d.screen_text()
    finally:
        d.close()
