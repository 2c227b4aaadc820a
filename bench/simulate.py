"""``explorateurs simulate`` on each shipped scenario's reference path, in-process, against a baseline
measured in the same run: loading the scenario alone (read, validated, built; no reference replay).

    .venv/bin/python bench/simulate.py [--runs 5]

For each scenario (median of ``--runs``, after one warm-up run that pays the imports):

- **load**: ``storage.scenarios.load_scenario`` (the baseline), what ``simulate`` loads, as the game's
  library does;
- **check**: ``authoring.check.load_guarded``, the same with every reference path replayed by the
  checks (what ``explorateurs check`` costs, for comparison);
- **reference**: a fresh simulation (save in memory, portal in a temporary folder) playing the
  reference path (``--reference``) and building the result: statements, evidence and levels, debrief;
- **script**: the same path read from a ``.jsonl`` file written by ``--write-reference`` and played
  line by line (``simulate SCENARIO ACTIONS.jsonl``), result included.

Target: the simulation itself (reference or script) well under a second per scenario. Peak memory of
the process is printed at the end.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's game, whatever the venv has installed

from game.authoring.check import load_guarded  # noqa: E402
from game.cli import simulate as simulate_cli  # noqa: E402
from game.i18n import activate  # noqa: E402
from game.storage.scenarios import builtin_scenarios_dir, load_scenario  # noqa: E402


def _median_ms(fn, runs: int) -> float:
    fn()  # warm-up: imports, caches of the first call
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tr = activate("fr")
    shipped = sorted(p for p in builtin_scenarios_dir().iterdir() if (p / "scenario.yaml").is_file())
    print(f"{'scénario':<14} {'load':>8} {'check':>8} {'reference':>10} {'script':>8}   reference/load  script/load")
    with tempfile.TemporaryDirectory() as tmp:
        for folder in shipped:
            item = load_guarded(folder)
            assert item.valid, folder
            path = Path(tmp) / f"{folder.name}.jsonl"

            def reference(item=item) -> None:
                with simulate_cli.Simulation(item, "fr") as sim:
                    sim.play_reference()
                    sim.result()

            with simulate_cli.Simulation(item, "fr") as sim:
                sim.play_reference()
                path.write_text("".join(simulate_cli.to_json_line(a.to_json()) + "\n" for a in sim.played),
                                encoding="utf-8")

            def script(item=item, path=path) -> None:
                with simulate_cli.Simulation(item, "fr") as sim:
                    problem = simulate_cli._play_script(sim, path, str(path), tr)
                    assert problem is None, problem
                    sim.result()

            load = _median_ms(lambda folder=folder: load_scenario(folder), args.runs)
            check = _median_ms(lambda folder=folder: load_guarded(folder), args.runs)
            ref = _median_ms(reference, args.runs)
            scr = _median_ms(script, args.runs)
            print(f"{folder.name:<14} {load:>6.1f}ms {check:>6.1f}ms {ref:>8.1f}ms {scr:>6.1f}ms   "
                  f"{ref / load:>13.1f}× {scr / load:>11.1f}×")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mémoire maximale du processus : {peak:.0f} Mo")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
