"""« Données justes » on a 100,000-row subventions file: what comparing the learner's table with the
reference recipe's costs, against the operation itself and the incremental re-validation measured in
the same run.

    .venv/bin/python bench/correctness.py [--rows 100000]

Printed: the reference recipe replayed and indexed once per step; the first full comparison (every
column); after one more operation, the « unexpected change » check of that operation and the
comparison again (only the changed column is read again); peak memory. The comparison runs on every
operation, so its cost should stay of the order of the re-validation's.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.operations import operation_from_json  # noqa: E402
from game.core.scenario import CleanStep  # noqa: E402
from game.play.clean import CleanWork  # noqa: E402
from game.storage.csvfile import read_csv  # noqa: E402
from game.storage.schemas import load_schema  # noqa: E402

REFERENCE = (
    {"op": "trim-spaces"},
    {"op": "change-case", "column": "nomAttribuant", "mode": "upper"},
    {"op": "normalise-numbers", "column": "montant"},
    {"op": "rename-column", "column": "objet", "to": "objetSubvention"},
)


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "subventions.csv"
        # generated in another process, so the peak memory below is the game's alone
        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
                        f"from validate import generate; from pathlib import Path; generate(Path({str(path)!r}), {args.rows})"],
                       check=True)
        table = read_csv(path).table
    step = CleanStep("bench", "Bench", dataset=path.name, schema="scdl/subventions", reference=REFERENCE)
    work = CleanWork(step, table, load_schema("scdl/subventions"))
    from game.core.history import History

    t0 = time.perf_counter()
    History.from_recipe(table, REFERENCE)  # what the goal line already replayed before the comparison existed
    replay_ms = ms(t0)
    t0 = time.perf_counter()
    work.reference  # noqa: B018 - the replay and its index, built once per step
    ref_ms = ms(t0)
    for entry in REFERENCE[:2]:
        work.apply(operation_from_json(entry))
    t0 = time.perf_counter()
    first = work.comparison()
    first_ms = ms(t0)

    op = operation_from_json({"op": "change-case", "column": "nomBeneficiaire", "mode": "lower"})  # not in the recipe
    old = work.table
    t0 = time.perf_counter()
    result = op.apply(old)
    op_ms = ms(t0)
    from game.core.tableschema import revalidate

    t0 = time.perf_counter()
    revalidate(work.report, old, result.table, work.schema, set(result.changed_columns or ()), result.rows_changed)
    reval_ms = ms(t0)
    t0 = time.perf_counter()
    work.apply(op)  # the operation, the re-validation and the « unexpected change » check
    apply_ms = ms(t0)
    t0 = time.perf_counter()
    surprise = work.reference.unexpected(old, work.table, work.origins(), result.changed_columns)
    surprise_ms = ms(t0)
    t0 = time.perf_counter()
    after = work.comparison()
    again_ms = ms(t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.rows} rows, {table.ncols} columns, reference of {len(REFERENCE)} operations")
    print(f"reference replayed and indexed (once per step): {ref_ms:.0f} ms, of which the replay alone "
          f"(already done for the goal line before) {replay_ms:.0f} ms: {ref_ms / max(1e-9, replay_ms):.2f}×")
    print(f"first comparison (every column): {first_ms:.0f} ms — {first.expected} cells to change, {first.right} right")
    print(f"one operation outside the recipe (change-case on nomBeneficiaire): operation {op_ms:.0f} ms, "
          f"incremental re-validation {reval_ms:.0f} ms (baseline)")
    print(f"  « unexpected change » check of that operation: {surprise_ms:.0f} ms "
          f"({surprise_ms / max(1e-9, reval_ms):.2f}× the re-validation) — {surprise[1]} cells flagged")
    print(f"  comparison after it (one column read again): {again_ms:.0f} ms "
          f"({again_ms / max(1e-9, reval_ms):.2f}× the re-validation) — {after.wrong} wrong cells")
    print(f"  apply as the workshop does it (operation + re-validation + check): {apply_ms:.0f} ms")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
