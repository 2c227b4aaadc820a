"""Time reuse queries (filter, group, aggregate, sort) on 100,000 generated rows (printed, never asserted).

The rows are drawn from the shipped ``scenarios/subventions/data/haute-garonne-2018.csv`` (read with the
stdlib csv module: the bench is not core) with varied amounts, beneficiaries and attributors, plus one
column, so the table has 15 columns. Each query is compared with a plain-Python baseline measured in
the same run: a naive loop over row tuples doing the same work.

    .venv/bin/python bench/reuse_query.py [--rows N] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core.reuse import Filter, Query, run_query  # noqa: E402
from game.core.table import Table  # noqa: E402

SOURCE = ROOT / "scenarios" / "subventions" / "data" / "haute-garonne-2018.csv"
TOWNS = ["COMMUNE DE ROQUES", "COMMUNAUTE D AGGLOMERATION DU SICOVAL", "COMMUNE DE MURET",
         "COMMUNE DE BLAGNAC", "COMMUNE DE COLOMIERS", "MAIRIE DE TOULOUSE", "COMMUNE DE BALMA",
         "COMMUNE DE L'UNION", "COMMUNE DE CUGNAUX", "COMMUNE DE TOURNEFEUILLE"]


def generate(rows: int, badly_cleaned: float = 0.0) -> Table:
    """``rows`` rows of the shipped file with varied cells; ``badly_cleaned`` of the amounts in French."""
    with SOURCE.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        header = next(reader)
        models = list(reader)
    rnd = random.Random(1)
    out = []
    m, b, a = header.index("montant"), header.index("nomBeneficiaire"), header.index("nomAttribuant")
    for _ in range(rows):
        row = list(rnd.choice(models))
        row[a] = rnd.choice(TOWNS)
        row[b] = f"{row[b]} {rnd.randrange(3000)}"
        amount = rnd.randrange(100, 50_000) + rnd.choice((0, 0.5, 0.25))
        row[m] = f"{amount:.1f}"
        if badly_cleaned and rnd.random() < badly_cleaned:
            row[m] = f"{amount:,.2f} €".replace(",", " ").replace(".", ",")
        row.append(f"{31000 + rnd.randrange(1000):05d}")
        out.append(row)
    return Table.from_rows([*header, "codePostal"], out)


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# -- plain-Python baselines: a loop over row tuples ------------------------------------------------

def naive_sum(rows: list[tuple[Any, ...]], a: int, m: int) -> float:
    total = []
    for row in rows:
        if "sicoval" in row[a].lower():
            total.append(float(row[m]))
    return math.fsum(total)


def naive_group_sum(rows: list[tuple[Any, ...]], a: int, b: int, m: int) -> list[tuple[str, float]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if "sicoval" in row[a].lower():
            groups[row[b]].append(float(row[m]))
    return sorted(((k, math.fsum(v)) for k, v in groups.items()), key=lambda kv: -kv[1])[:10]


def naive_count(rows: list[tuple[Any, ...]], a: int, m: int) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        if float(row[m]) > 5000:
            counts[row[a]] += 1
    return counts


def naive_group_mean(rows: list[tuple[Any, ...]], b: int, m: int) -> dict[str, float]:
    groups: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        groups[row[b]].append(float(row[m]))
    return {k: math.fsum(v) / len(v) for k, v in groups.items()}


def naive_rows(rows: list[tuple[Any, ...]], a: int, b: int, m: int) -> list[tuple[Any, ...]]:
    kept = [(row[b], row[m]) for row in rows if row[a] == "COMMUNE DE ROQUES"]
    return sorted(kept, key=lambda r: -float(r[1]))[:20]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    table = generate(args.rows)
    print(f"table: {table.nrows:,} rows × {table.ncols} columns (generated in {time.perf_counter() - start:.2f} s)")
    rows = list(table.rows())
    a, b, m = table.index("nomAttribuant"), table.index("nomBeneficiaire"), table.index("montant")
    sicoval = Filter("nomAttribuant", "contains", "Sicoval")
    cases: list[tuple[str, Table, Query, Callable[[], Any] | None]] = [
        ("filter contains + sum", table, Query((sicoval,), aggregate="sum", measure="montant"),
         lambda: naive_sum(rows, a, m)),
        ("filter + group + sum + sort + top 10", table,
         Query((sicoval,), ("nomBeneficiaire",), "sum", "montant", "montant", True, 10),
         lambda: naive_group_sum(rows, a, b, m)),
        ("filter > 5000 + group + count", table,
         Query((Filter("montant", ">", "5 000"),), ("nomAttribuant",), "count"),
         lambda: naive_count(rows, a, m)),
        ("group (≈ many groups) + mean", table, Query(group_by=("nomBeneficiaire",), aggregate="mean",
                                                      measure="montant"),
         lambda: naive_group_mean(rows, b, m)),
        ("filter = + select + sort + top 20", table,
         Query((Filter("nomAttribuant", "=", "COMMUNE DE ROQUES"),), sort="montant", descending=True, top=20,
               select=("nomBeneficiaire", "montant")),
         lambda: naive_rows(rows, a, b, m)),
    ]
    bad = generate(args.rows, badly_cleaned=0.1)
    cases.append(("badly cleaned (10 % « 1 234,50 € »): sum", bad,
                  Query((sicoval,), aggregate="sum", measure="montant"), None))

    print(f"{'query':<44} {'run_query':>10} {'naive loop':>11} {'ratio':>6}  result")
    for label, data, query, baseline in cases:
        result = run_query(data, query)
        ours = best(lambda d=data, q=query: run_query(d, q), args.repeat)
        base_time = best(baseline, args.repeat) if baseline else None
        base = f"{base_time * 1000:>8.1f} ms" if base_time else f"{'—':>11}"
        ratio = f"{ours / base_time:>6.2f}" if base_time else f"{'—':>6}"
        shown = result.rows[0] if result.rows else ()
        extra = f", skipped {result.skipped:,} e.g. {result.skipped_examples[:1]}" if result.skipped else ""
        print(f"{label:<44} {ours * 1000:>8.1f} ms {base} {ratio}  "
              f"{result.rows_matched:,} rows matched, first row {shown}{extra}")


if __name__ == "__main__":
    main()
