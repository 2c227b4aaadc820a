"""``explorateurs records import`` on a big JSONL export, and on hostile inputs (a FIFO, /dev/zero,
one 50 MB line): wall time and peak memory of the command, against a baseline in the same run
(the same command importing a 10-line file).

    .venv/bin/python bench/records_import.py [--statements 100000] [--root .]

``--root`` is the checkout whose code runs (compare two checkouts by running the bench from each).
Every child is capped at 3 GB of address space and 300 s. Targets: peak memory flat (≤ 2× the
baseline whatever the file size), each hostile input refused in well under a second.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

CAP = 3_000_000_000


def statement(n: int) -> dict:
    return {"id": str(uuid.UUID(int=n + 1, version=4)), "actor": {"objectType": "Agent", "account": {
        "homePage": "https://explorateurs.example.org", "name": f"poste-{n % 40}"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"fr-FR": "a répondu"}},
        "object": {"objectType": "Activity", "id": f"https://explorateurs.example.org/activites/q{n % 300}",
                   "definition": {"name": {"fr-FR": "Question " + "x" * 900}}},
        "timestamp": "2026-03-01T09:00:00.000Z"}


def write(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(statement(i), ensure_ascii=False) + "\n")


def cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def run(root: Path, data: Path, files: list[Path]) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, last line of stderr) of one ``records import``."""
    script = ("import resource, runpy, sys; sys.argv = ['explorateurs'] + sys.argv[1:]\n"
              "try:\n    runpy.run_module('game', run_name='__main__')\n"
              "finally:\n    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", script, "--data-dir", str(data), "records", "import",
                               *map(str, files)], cwd=root, capture_output=True, text=True, timeout=300,
                              preexec_fn=cap, env={**os.environ, "PYTHONPATH": str(root)})
    except subprocess.TimeoutExpired:
        return 300.0, float("nan"), -1, "still running after 300 s (killed)"
    took = time.perf_counter() - start
    peak = next((int(line.split()[1]) / 1024 for line in done.stderr.splitlines() if line.startswith("PEAK")),
                float("nan"))
    lines = [line for line in done.stderr.splitlines() if not line.startswith("PEAK")]
    return took, peak, done.returncode, (lines[-1] if lines else "")[:150]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-records-") as tmp:
        tmp_path = Path(tmp)
        small, big = tmp_path / "petit.jsonl", tmp_path / "gros.jsonl"
        write(small, 10)
        write(big, args.statements)
        print(f"code: {args.root}")
        print(f"file: {args.statements} statements, {big.stat().st_size / 1e6:.0f} MB")
        base_t, base_m, _rc, _err = run(args.root, tmp_path / "d0", [small])
        print(f"baseline (10 statements): {base_t:.2f} s, peak {base_m:.0f} MB")
        t, m, rc, err = run(args.root, tmp_path / "d1", [big])
        print(f"big file: {t:.2f} s ({t / base_t:.1f}x baseline), peak {m:.0f} MB ({m / base_m:.1f}x baseline), rc={rc} {err}")
        big.unlink()

        long_line = tmp_path / "ligne.jsonl"
        with long_line.open("wb") as out:
            out.write(b'{"id": "' + b"x" * 50_000_000 + b'"}\n')
        fifo = tmp_path / "tube.jsonl"
        os.mkfifo(fifo)
        for name, path in [("one 50 MB line", long_line), ("FIFO without writer", fifo), ("/dev/zero", Path("/dev/zero")),
                           ("a folder", tmp_path)]:
            t, m, rc, err = run(args.root, tmp_path / "d2", [path, small])
            print(f"{name}: {t:.2f} s ({t / base_t:.1f}x baseline), peak {m:.0f} MB ({m / base_m:.1f}x), rc={rc} — {err}")


if __name__ == "__main__":
    main()
