"""Time read_csv on a generated 100,000 × 16 CSV (printed, never asserted).

    .venv/bin/python bench/read_csv.py [--rows N] [--frictionless]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.storage.csvfile import read_csv, write_quality_csv  # noqa: E402

WORDS = ["Nevers", "Prémery", "Association des amis du musée", "1 200,50", "2016-05-12", "",
         "Comité, des fêtes", "21580001900015", "Aide en numéraire", "0.5"]


def generate(path: Path, rows: int, cols: int = 16, sep: str = ",", encoding: str = "utf-8") -> None:
    rnd = random.Random(1)
    lines = [sep.join(f"colonne{c}" for c in range(cols))]
    for _ in range(rows):
        cells = [rnd.choice(WORDS) for _ in range(cols)]
        lines.append(sep.join(f'"{v}"' if sep in v else v for v in cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--frictionless", action="store_true", help="also time frictionless read_cells()")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        for label, sep, enc in (("UTF-8, comma", ",", "utf-8"), ("Windows-1252, semicolon", ";", "cp1252")):
            p = Path(d) / "big.csv"
            generate(p, args.rows, sep=sep, encoding=enc)
            t = best_of(3, lambda p=p: read_csv(p))
            r = read_csv(p)
            mb = p.stat().st_size / 1e6
            print(f"read_csv  {label:24} {args.rows:,} rows x 16 cols, {mb:.1f} MB: {t * 1000:.0f} ms "
                  f"({mb / t:.0f} MB/s), findings: {', '.join(f.code for f in r.findings) or '-'}")
            out = Path(d) / "out.csv"
            t = best_of(3, lambda r=r, out=out: write_quality_csv(r.table, out))
            print(f"write_quality_csv {label:16} {t * 1000:.0f} ms")
            if args.frictionless:
                import frictionless
                start = time.perf_counter()
                with frictionless.Resource(str(p)) as res:
                    n = sum(1 for _ in res.read_cells())
                print(f"frictionless read_cells  {n - 1:,} rows: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
