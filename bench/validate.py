"""Validation of a 100,000-row SCDL subventions file: ours vs frictionless 5, and re-validation.

The file is generated from the official example rows (the valid ones, perturbed — amounts,
dates, names — plus the rows of the invalid example, so it carries real errors). Both
validators run in the same process on the same file; the (row, field, code) sets are compared
for the codes frictionless knows (``missing-required-header`` = ``missing-label``; custom checks
and header warnings left out). Then one column is fixed and ``revalidate`` is timed.
Each side is timed --repeat times and its best run kept. Prints numbers; never asserts a time.

    .venv/bin/python bench/validate.py [--rows 100000] [--repeat 3] [--no-frictionless]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core.tableschema import FRICTIONLESS_CODES, revalidate, validate  # noqa: E402
from game.storage.schemas import load_schema, schema_path  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "scdl" / "subventions"


def generate(path: Path, nrows: int, seed: int = 2018, invalid_rate: float = 0.03) -> None:
    rng = random.Random(seed)
    with open(FIXTURES / "exemple_valide.csv", encoding="utf-8", newline="") as fh:
        valid = list(csv.reader(fh))
    with open(FIXTURES / "exemple_invalide_erreurs_cellules.csv", encoding="utf-8", newline="") as fh:
        invalid = list(csv.reader(fh))[1:]
    header, rows = valid[0], valid[1:]
    col = {name: k for k, name in enumerate(header)}
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i in range(nrows):
            if rng.random() < invalid_rate:
                w.writerow(rng.choice(invalid))
                continue
            row = list(rng.choice(rows))
            row[col["montant"]] = f"{rng.uniform(100, 500000):.2f}"
            row[col["dateConvention"]] = f"20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            row[col["nomBeneficiaire"]] = f"{row[col['nomBeneficiaire']]} {i}"
            row[col["objet"]] = f"{row[col['objet']]} (dossier {i})"
            w.writerow(row)


def ours_cells(report) -> set[tuple]:
    renamed = {"missing-required-header": "missing-label"}
    return {(e.row, e.field or "", renamed.get(e.code, e.code)) for e in report.errors
            if renamed.get(e.code, e.code) in FRICTIONLESS_CODES}


def frictionless_cells(path: Path) -> set[tuple]:
    from frictionless import Detector, Dialect, Resource, Schema, formats
    from frictionless import validate as fl_validate

    descriptor = json.loads(schema_path("scdl/subventions").read_text("utf-8"))
    resource = Resource(path.name, basepath=str(path.parent), encoding="utf-8",
                        dialect=Dialect(controls=[formats.CsvControl(delimiter=",")]),
                        schema=Schema.from_descriptor(descriptor), detector=Detector(schema_sync=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = fl_validate(resource, limit_errors=10_000_000)
    return {(getattr(e, "row_number", None), getattr(e, "field_name", None) or "", e.type)
            for e in report.tasks[0].errors}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--no-frictionless", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    schema = load_schema("scdl/subventions")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "subventions-100k.csv"
        generate(path, args.rows)
        print(f"fichier : {args.rows} lignes, {path.stat().st_size / 1e6:.1f} Mo")

        try:  # the project's loader, when it is there
            from game.storage.csvfile import read_csv

            ta = time.perf_counter()
            read_csv(path)
            print(f"game.storage.csvfile.read_csv : {time.perf_counter() - ta:.2f} s")
        except Exception as exc:  # noqa: BLE001 - informative only
            print(f"game.storage.csvfile.read_csv indisponible ({exc.__class__.__name__})")
        # best of --repeat runs on each side: this machine's other work only ever adds time
        reads, checks = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            table = read_csv(path, keep_initial_spaces=False).table
            t1 = time.perf_counter()
            report = validate(table, schema)
            t2 = time.perf_counter()
            reads.append(t1 - t0)
            checks.append(t2 - t1)
        read_s, check_s = min(reads), min(checks)
        ours_total = min(r + c for r, c in zip(reads, checks, strict=True))
        print(f"nous        : lecture {read_s:.2f} s + validation {check_s:.2f} s ; au mieux {ours_total:.2f} s "
              f"sur {args.repeat} essais ({report.error_count} erreurs dont "
              f"{sum(1 for e in report.errors if e.code not in FRICTIONLESS_CODES and e.is_error)} "
              f"des contrôles personnalisés)")

        if not args.no_frictionless:
            theirs_times = []
            for _ in range(args.repeat):
                t3 = time.perf_counter()
                theirs = frictionless_cells(path)
                theirs_times.append(time.perf_counter() - t3)
            theirs_s = min(theirs_times)
            mine = ours_cells(report)
            print(f"frictionless: au mieux {theirs_s:.2f} s sur {args.repeat} essais ({len(theirs)} erreurs)")
            print(f"rapport     : {theirs_s / ours_total:.1f}× plus rapide, lecture comprise (cible ≥ 5×), "
                  f"validation seule {theirs_s / check_s:.1f}×")
            print(f"mêmes (ligne, colonne, code) : {'oui' if mine == theirs else 'NON'} "
                  f"({len(mine)} chez nous, {len(theirs)} chez frictionless, "
                  f"{len(mine - theirs)} en plus, {len(theirs - mine)} en moins)")

        # one cleaning operation: decimal comma -> point in "montant", then re-validation
        j = table.index("montant")
        fixed = table.with_column(j, [c.replace(",", ".") if c else c for c in table.columns[j]])
        times = []
        for _ in range(5):
            t5 = time.perf_counter()
            again = revalidate(report, table, fixed, schema, {j}, rows_changed=False)
            times.append(time.perf_counter() - t5)
        times.sort()
        t6 = time.perf_counter()
        full = validate(fixed, schema)
        t7 = time.perf_counter()
        print(f"revalidate après une opération sur « montant » : médiane {times[2] * 1000:.0f} ms "
              f"(cible ≤ 100 ms ; validation complète {(t7 - t6) * 1000:.0f} ms) ; "
              f"identique à la validation complète : {'oui' if again.errors == full.errors else 'NON'}")


if __name__ == "__main__":
    main()
