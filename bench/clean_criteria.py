"""Scoring a clean step when it is left, on a 100,000-row subventions file: the criteria count the
kinds of error as the learner met them, which revalidates the history up to its last header change.

    .venv/bin/python bench/clean_criteria.py [--rows 100000]

Prints the time of ``criteria()`` after a path without header change and after one where a column
is renamed between value operations, as ratios to one full validation of the table measured in
the same run, and the peak memory. Target: scoring stays within a few full validations.
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
from game.core.tableschema import validate  # noqa: E402
from game.play.clean import CleanWork  # noqa: E402
from game.storage.csvfile import read_csv  # noqa: E402
from game.storage.schemas import load_schema  # noqa: E402

VALUES = [{"op": "trim-spaces", "column": "nomBeneficiaire"},
          {"op": "normalise-numbers", "column": "montant"},
          {"op": "dates-to-iso", "column": "dateConvention"}]
RENAME = [{"op": "rename-column", "column": "objet", "to": "objet2"},
          {"op": "rename-column", "column": "objet2", "to": "objet"}]


def timed(work: CleanWork) -> tuple[float, int]:
    t0 = time.perf_counter()
    out = work.criteria()
    return time.perf_counter() - t0, len(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "subventions.csv"
        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
                        f"from validate import generate; from pathlib import Path; generate(Path({str(path)!r}), {args.rows})"],
                       check=True)
        table = read_csv(path).table
    schema = load_schema("scdl/subventions")
    t0 = time.perf_counter()
    validate(table, schema)
    base = time.perf_counter() - t0
    print(f"rows: {table.nrows}; one full validation: {base * 1000:.0f} ms (baseline)")
    for name, recipe in (("values only", VALUES), ("a column renamed between them", VALUES[:1] + RENAME + VALUES[1:])):
        step = CleanStep("bench", "Bench", dataset=path.name, schema="scdl/subventions", reference=tuple(VALUES))
        work = CleanWork(step, table, schema)
        for entry in recipe:
            work.apply(operation_from_json(entry))
        spent, n = timed(work)
        again, _n = timed(work)
        print(f"{name}: {len(recipe)} operations, {n} criteria in {spent * 1000:.0f} ms "
              f"({spent / base:.2f}× a validation; scored again: {again / base:.2f}×)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
