"""Peak memory of ``explorateurs validate`` on a subventions file of 100k / 500k / 1M rows, beside frictionless.

Each validation runs in its own child process capped at 3 GB of address space (``RLIMIT_AS``); its
peak resident memory is read from ``wait4``. The file is generated in a temporary folder from the
official example rows (0.2 % of the rows copied from the invalid example, so that there are errors
but frictionless reads the whole file), validated, then deleted before the next size (about 0.26 kB
a row: 1M rows ≈ 260 MB on disk at most).

Also measured at 100,000 rows: the table the workshop keeps in memory (``read_csv`` then
``validate`` on the whole table, what ``validate`` did before it streamed), as memory per row.

    .venv/bin/python bench/validate_memory.py [--rows 100000,500000,1000000] [--no-frictionless]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAP = 3_000_000_000

FRICTIONLESS = r"""
import json, sys, warnings
from frictionless import Detector, Dialect, Resource, Schema, formats, validate
sys.path.insert(0, sys.argv[2])
from game.storage.schemas import schema_path
descriptor = json.loads(schema_path("scdl/subventions").read_text("utf-8"))
import pathlib
path = pathlib.Path(sys.argv[1])
resource = Resource(path.name, basepath=str(path.parent), encoding="utf-8", dialect=Dialect(controls=[formats.CsvControl(delimiter=",")]),
                    schema=Schema.from_descriptor(descriptor), detector=Detector(schema_sync=True))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    report = validate(resource, limit_errors=10_000_000)
print(len(report.tasks[0].errors), report.tasks[0].stats.get("rows") or 0)
"""

WHOLE_TABLE = r"""
import resource, sys
sys.path.insert(0, sys.argv[2])
from game.core.tableschema import validate
from game.storage.csvfile import read_csv
from game.storage.schemas import load_schema
schema = load_schema("scdl/subventions")
def rss():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) * 1024
base = rss()
import os
read = read_csv(sys.argv[1], keep_initial_spaces=False, max_bytes=os.path.getsize(sys.argv[1]) + 1)
table_only = rss() - base
report = validate(read.table, schema, max_errors=10_000)
print(read.table.nrows, base, table_only, rss() - base, len(report.errors))
"""


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """(peak RSS in MB, seconds, stdout) of one capped child."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.PIPE, preexec_fn=_cap)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t0
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1) or not text.strip():
        return float("nan"), seconds, f"failed ({proc.returncode}): {err.strip()[-300:]}"
    return usage.ru_maxrss / 1024, seconds, text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="100000,500000,1000000")
    ap.add_argument("--no-frictionless", action="store_true")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("bench_validate", ROOT / "bench" / "validate.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    py = sys.executable
    print(f"{'rows':>9} {'file MB':>8} | {'game validate MB':>16} {'s':>6} | {'frictionless MB':>15} {'s':>6}")
    whole_line = ""
    for n in (int(x) for x in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"subventions-{n}.csv"
            gen.generate(path, n, invalid_rate=0.002)
            size = path.stat().st_size / 1e6
            ours, t_ours, _ = measure([py, "-m", "game", "validate", "--schema", "scdl/subventions", "--format", "json",
                                       str(path)])
            theirs, t_theirs, read = float("nan"), float("nan"), ""
            if not args.no_frictionless:
                theirs, t_theirs, out = measure([py, "-c", FRICTIONLESS, str(path), str(ROOT)])
                read = f"  (frictionless: {out.split()[-1] if out.split() else '?'} rows read)"
            print(f"{n:>9} {size:>8.0f} | {ours:>16.0f} {t_ours:>6.1f} | {theirs:>15.0f} {t_theirs:>6.1f}{read}",
                  flush=True)
            if n == 100_000:
                peak, t_whole, out = measure([py, "-c", WHOLE_TABLE, str(path), str(ROOT)])
                try:
                    rows, base, table_only, after, _ = (int(x) for x in out.split())
                    whole_line = (f"workshop table at {rows} rows (read_csv, whole table in memory): "
                                  f"{table_only / rows:.0f} bytes a row ({table_only / 1e6:.0f} MB) for the table, "
                                  f"{after / rows:.0f} bytes a row once validated; peak {peak:.0f} MB "
                                  f"(validate before streaming), {t_whole:.1f} s")
                except ValueError:
                    whole_line = f"workshop table at 100000 rows: {out.strip()}"
    if whole_line:
        print(whole_line)
    print(f"(peak resident memory of each child process, capped at {CAP / 1e9:.0f} GB of address space)")


if __name__ == "__main__":
    main()
