"""Peak memory and time of ``validate`` / ``clean`` on hostile inputs, each in a capped subprocess.

    .venv/bin/python bench/hostile_csv.py [--old CHECKOUT] [--big-mb 1024] [--cap-gb 3]

Cases: a 50 MB single cell (in COMMUNE_NOM, whose pattern repeats a group per letter), a realistic
50 MB subventions file, a 50 MB file of short distinct cells (the worst memory per byte), a 50 MB
file where every cell is wrong (millions of errors), a file
of ``--big-mb`` MB (skipped at 0), ``/dev/zero``, a FIFO, a deeply nested recipe. Each command runs
under ``RLIMIT_AS`` (``--cap-gb``) with a timeout, so a regression cannot eat the machine's memory;
``--old`` runs the same cases on another checkout (e.g. a ``git archive`` of main) for a before /
after. Peaks are printed in MB and as a ratio to the baseline (the same command on a small valid
file, measured in the same run). Files are generated in a temporary folder and deleted.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBVENTIONS = ROOT / "tests" / "fixtures" / "scdl" / "subventions" / "exemple_valide.csv"


def single_cell(path: Path, mb: int) -> None:
    path.write_text("COMMUNE_NOM\n" + "A" + "a" * (mb * 1_000_000) + "\n", encoding="utf-8")


def subventions(path: Path, mb: float) -> None:
    """Real rows with varied names, references and amounts (as a department's yearly file)."""
    rows = list(csv.reader(SUBVENTIONS.open(encoding="utf-8")))
    rnd = random.Random(1)
    target = int(mb * 1_000_000)
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(rows[0])
        n = 0
        while out.tell() < target:
            r = list(rows[1 + n % (len(rows) - 1)])
            r[4], r[3] = f"{r[4]} {n}", f"CONV {n}"
            r[8] = f"{rnd.randint(100, 10**6)}.{rnd.randint(0, 99)}"
            w.writerow(r)
            n += 1


def short_cells(path: Path, mb: float) -> None:
    """Two-letter cells, mostly distinct per column: the most Python objects per byte of file."""
    rnd = random.Random(2)
    target = int(mb * 1_000_000)
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow([f"c{i}" for i in range(20)])
        while out.tell() < target:
            w.writerow([chr(65 + rnd.randint(0, 50)) + chr(65 + rnd.randint(0, 50)) for _ in range(20)])


def all_wrong(path: Path, mb: float) -> None:
    """Subventions columns where every cell breaks a rule: millions of errors to report."""
    header = SUBVENTIONS.read_text("utf-8").splitlines()[0].split(",")
    target = int(mb * 1_000_000)
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(header)
        n = 0
        while out.tell() < target:
            w.writerow([f"x{n}"] * len(header))
            n += 1


def run(checkout: Path, args: list[str], cap: int, timeout: float) -> tuple[float, float, str, str]:
    """(peak MB, seconds, exit code, last line of stderr) of ``python -m game ARGS`` in ``checkout``."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ, PYTHONPATH=str(checkout), SDL_AUDIODRIVER="dummy")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "game", *args], cwd=checkout, env=env, preexec_fn=limit,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    code = ""
    while True:  # os.wait4 gives this child's own peak memory
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            code = f"blocked {timeout:.0f} s"
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    lines = [line for line in b"".join(err).decode("utf-8", "replace").splitlines() if line.strip()]
    return usage.ru_maxrss / 1024, seconds, code or str(proc.returncode), (lines[-1][:110] if lines else "")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--old", type=Path, help="another checkout to measure the same cases on (before)")
    p.add_argument("--big-mb", type=int, default=0, help="size of the big realistic file (0: skipped)")
    p.add_argument("--mb", type=int, default=50, help="size of the other generated files")
    p.add_argument("--cap-gb", type=float, default=3.0)
    p.add_argument("--timeout", type=float, default=120.0)
    a = p.parse_args()
    cap = int(a.cap_gb * 1024**3)
    with tempfile.TemporaryDirectory(prefix="hostile-csv-") as tmp:
        d = Path(tmp)
        single_cell(d / "cellule.csv", a.mb)
        subventions(d / "subventions.csv", a.mb)
        short_cells(d / "courtes.csv", a.mb)
        all_wrong(d / "fausses.csv", a.mb)
        (d / "recette.json").write_text("[" * 1_000_000, encoding="utf-8")
        os.mkfifo(d / "tube.csv")
        cases = [
            ("base: small valid file", ["validate", "--schema", "scdl/subventions", str(SUBVENTIONS)]),
            (f"{a.mb} MB single cell", ["validate", "--schema", "scdl/prenoms", str(d / "cellule.csv")]),
            (f"{a.mb} MB subventions", ["validate", "--schema", "scdl/subventions", str(d / "subventions.csv")]),
            (f"{a.mb} MB two-letter cells", ["validate", "--schema", "scdl/subventions", str(d / "courtes.csv")]),
            (f"{a.mb} MB every cell wrong", ["validate", "--schema", "scdl/subventions", str(d / "fausses.csv")]),
            ("/dev/zero", ["validate", "--schema", "scdl/subventions", "/dev/zero"]),
            ("FIFO", ["validate", "--schema", "scdl/subventions", str(d / "tube.csv")]),
            ("nested recipe (1M '[')", ["clean", "--schema", "scdl/subventions", "--recipe", str(d / "recette.json"),
                                        str(SUBVENTIONS), "-o", str(d / "out.csv")]),
        ]
        if a.big_mb:
            subventions(d / "gros.csv", a.big_mb)
            cases.append((f"{a.big_mb} MB subventions", ["validate", "--schema", "scdl/subventions",
                                                         str(d / "gros.csv")]))
        checkouts = [("after", ROOT)] + ([("before", a.old.resolve())] if a.old else [])
        print(f"cap {a.cap_gb} GB, timeout {a.timeout:.0f} s; peak = maximum resident memory of the process")
        print(f"{'case':30} {'code':14} {'peak MB':>9} {'x base':>7} {'seconds':>8}  stderr (last line)")
        for label, checkout in checkouts:
            print(f"--- {label}: {checkout}")
            base = None
            for name, args in cases:
                peak, seconds, rc, last = run(checkout, args, cap, a.timeout)
                base = base or peak
                print(f"{name:30} {rc:14} {peak:9.0f} {peak / base:7.1f} {seconds:8.2f}  {last}", flush=True)


if __name__ == "__main__":
    main()
