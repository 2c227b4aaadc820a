"""Evidence per competency on each shipped scenario's reference path: how many graded items the
debrief receives for each competency when a learner makes no mistake (the best choice of each
dialogue, every right answer, the reference recipe, the reference metadata, every reuser's answer).

    .venv/bin/python bench/evidence_table.py [scenario …]

Prints one table per scenario (competency, items, and the step/item each one comes from with -v).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.authoring.reference_path import play_reference  # noqa: E402
from game.core.assessment import assess  # noqa: E402
from game.play.session import PlaySession  # noqa: E402
from game.storage.datasets import ScenarioDatasets  # noqa: E402
from game.storage.portal import Portal  # noqa: E402
from game.storage.publisher import PortalPublisher  # noqa: E402
from game.storage.scenarios import builtin_scenarios_dir, load_framework, load_scenario  # noqa: E402


class _Recorder:
    def __init__(self) -> None:
        self.statements: list[dict] = []

    def record(self, registration, state, statements, *, finished_score=None) -> None:
        self.statements += statements


class _Clock:
    def __init__(self) -> None:
        self.t = 1_795_000_000.0  # 20 November 2026: after the periods the shipped data cover

    def __call__(self) -> float:
        self.t += 1.0
        return self.t


def reference_run(scenario, folder: Path, portal: Path) -> list[dict]:
    """The statements of a run without mistakes (game.authoring.reference_path, as `simulate --reference`)."""
    rec = _Recorder()
    s = PlaySession(scenario, "Camille", "0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11", rec, clock=_Clock(),
                    datasets=ScenarioDatasets({scenario.id: folder}),
                    publisher=PortalPublisher(Portal(portal), folder / "data"))
    s.begin()
    play_reference(s)
    return rec.statements


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")] or sorted(
        p.name for p in builtin_scenarios_dir().iterdir() if (p / "scenario.yaml").is_file())
    for name in names:
        folder = builtin_scenarios_dir() / name
        scenario = load_scenario(folder).scenario
        framework, _problems = load_framework(scenario.framework)
        with tempfile.TemporaryDirectory() as tmp:
            stmts = reference_run(scenario, folder, Path(tmp) / "portail")
        a = assess(stmts, scenario, framework)
        counts = Counter({lv.competency: len(lv.evidence) for lv in a.competencies})
        print(f"\n{name} (score {a.score:.0%}, {a.items} graded items)")
        print("| competency | evidence items | level |")
        print("|---|---|---|")
        for lv in a.competencies:
            print(f"| {lv.competency} | {counts[lv.competency]} | {lv.level} |")
            if verbose:
                for e in lv.evidence:
                    print(f"|   | {e.step_id}/{e.kind}/{e.item_id} = {e.score:g} | |")


if __name__ == "__main__":
    main(sys.argv[1:])
