"""Regenerate the README screenshots in docs/ with the game's own key scripts.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from demo import library_index, playthrough, to_clean_step  # scripts/demo.py, beside this script

from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _folders() -> list:
    """The shipped scenarios, as the library lists them."""
    return [x.scenario for x in load_all([builtin_scenarios_dir()])]


def shoot(shots: dict[str, str], *options: str, stop_at: str | None = None) -> None:
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    index = library_index("premiers-pas", _folders())
    script = playthrough(scenario, shots={k: str(DOCS / v) for k, v in shots.items()}, stop_at=stop_at, library_index=index)
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env.setdefault("SDL_VIDEODRIVER", "x11" if env.get("DISPLAY") else "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "script.txt"
        f.write_text("\n".join(script), encoding="utf-8")
        # evaluation mode: the script answers without knowing the shuffled options; in practice mode a
        # wrong answer would put the focus on « Réessayer » and the script would never leave the quiz
        subprocess.run([sys.executable, "-m", "game", "--data-dir", str(Path(tmp) / "d"), "--script", f"@{f}",
                        "--mode", "evaluation", *options],
                       cwd=ROOT, env=env, check=True)


def shoot_cleaning() -> None:
    """The cleaning workshop of « Prénoms des nouveau-nés », then the operation palette."""
    scenario = load_scenario(builtin_scenarios_dir() / "prenoms").scenario
    steps = to_clean_step(scenario, library_index("prenoms", _folders()),
                          {"clean": str(DOCS / "nettoyage.png"), "palette": str(DOCS / "palette.png")})
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env.setdefault("SDL_VIDEODRIVER", "x11" if env.get("DISPLAY") else "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "script.txt"
        f.write_text("\n".join(steps), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "game", "--data-dir", str(Path(tmp) / "d"), "--script", f"@{f}"],
                       cwd=ROOT, env=env, check=True)


def _to_publish_step(data: Path, scenario_id: str, until: str = "publish") -> None:
    """Play ``scenario_id`` in-process up to its publish step (the reference recipe for the clean
    step), with a half-filled draft, so the game opens there on « Reprendre ». With
    ``until="reuse"``, publish the reference metadata and go on to the reuse step."""
    from dataclasses import replace

    from game.core.operations import operation_from_json
    from game.core.scenario import CleanStep, DialogueStep, PublishStep, QuizStep, SortStep
    from game.play.publish import reference_metadata
    from game.services import Services
    from game.storage.store import Store

    data.mkdir(parents=True, exist_ok=True)
    store = Store(data)
    try:
        services = Services(store, [builtin_scenarios_dir()])
        services.select_learner(services.create_learner("Camille").id)
        s = services.open_scenario(scenario_id)
        while not isinstance(s.step, PublishStep):
            step = s.step
            if isinstance(step, DialogueStep):
                while s.state.line < len(step.lines) - 1:
                    s.next_line()
                if step.choices:
                    s.choose(next((i for i, c in enumerate(step.choices) if c.grade == "juste"), 0))
            elif isinstance(step, QuizStep):
                for q in step.questions:
                    s.answer(q.id, q.correct_indexes)
            elif isinstance(step, SortStep):
                for c in step.cards:
                    s.place(c.id, c.bin)
            elif isinstance(step, CleanStep):
                for entry in step.reference:
                    s.clean_apply(operation_from_json(entry))
            s.proceed()
        meta = reference_metadata(s.publish_work())
        if until == "reuse":
            s.publish(meta, tuple(s.step.reference.get("drop_columns", ())))
            s.proceed()
            while s.step.kind != "reuse":
                step = s.step
                while s.state.line < len(step.lines) - 1:
                    s.next_line()
                if step.choices:
                    s.choose(next((i for i, c in enumerate(step.choices) if c.grade == "juste"), 0))
                s.proceed()
            return
        s.publish_save(replace(meta, licence="", frequency="", short_description="", keywords=()))
    finally:
        store.close()


def shoot_publishing() -> None:
    """The publishing desk of « Prénoms des nouveau-nés », resumed from the title screen: the top of
    the form, then the live quality criteria and the checks further down."""
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env.setdefault("SDL_VIDEODRIVER", "x11" if env.get("DISPLAY") else "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "d"
        _to_publish_step(data, "prenoms")
        script = ["wait:30", "key:RETURN", "wait:120", f"shot:{DOCS / 'publication.png'}"]
        script += ["key:PAGE DOWN"] * 7 + ["wait:5", f"shot:{DOCS / 'publication-score.png'}"]
        f = Path(tmp) / "script.txt"
        f.write_text("\n".join(script), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "game", "--data-dir", str(data), "--script", f"@{f}"],
                       cwd=ROOT, env=env, check=True)


def shoot_reuse() -> None:
    """The reuse desk of « Subventions aux associations »: the élue's question, a query grouped and
    summed, and its bar chart."""
    env = dict(os.environ, SDL_AUDIODRIVER="dummy")
    env.setdefault("SDL_VIDEODRIVER", "x11" if env.get("DISPLAY") else "dummy")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "d"
        _to_publish_step(data, "subventions", until="reuse")
        # « Regrouper par » la première colonne en « n », « Calcul » somme sur montant, tri décroissant, 5 premiers
        script = ["wait:30", "key:RETURN", "wait:120"]
        script += ["key:TAB"] * 4 + ["text:n"] * 1  # Regrouper par: the first column starting with « n »
        script += ["key:TAB", "key:RIGHT", "key:RIGHT", "key:TAB", "text:m", "key:TAB", "key:RIGHT",
                   "key:TAB", "text:5", "key:TAB", "key:TAB", "key:RETURN", "wait:10"]
        script += ["key:PAGE DOWN"] * 3 + ["wait:5", f"shot:{DOCS / 'reutilisation.png'}"]
        f = Path(tmp) / "script.txt"
        f.write_text("\n".join(script), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "game", "--data-dir", str(data), "--script", f"@{f}"],
                       cwd=ROOT, env=env, check=True)


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    shoot({"library": "bibliotheque.png", "dialogue": "dialogue.png", "sort": "tri.png", "debrief": "bilan.png",
           "library-done": "bibliotheque-terminee.png"})
    shoot({"dialogue": "dialogue-200.png"}, "--text-scale", "2.0", stop_at="dialogue")
    shoot({"quiz": "quiz-en.png"}, "--lang", "en", stop_at="quiz")
    shoot_cleaning()
    shoot_publishing()
    shoot_reuse()
    print("\n".join(sorted(p.name for p in DOCS.glob("*.png"))))


if __name__ == "__main__":
    main()
