"""Hostile scenario files: how long ``explorateurs check`` takes to refuse each, and its peak memory.

    .venv/bin/python bench/hostile_scenarios.py [--code DIR] [--timeout 120] [--memory-mb 3000] [--skip-big]

Each case is written to a temporary folder (deleted at the end; the largest is a 50 MB YAML) and
checked by ``python -m game check CASE`` in a child process capped in address space
(``--memory-mb``) and time (``--timeout``), run from ``--code`` (default: this checkout; give an
older checkout to measure "before"). The baseline is the same command on the shipped ``prenoms``
scenario, in the same run. Prints numbers, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRENOMS = ROOT / "scenarios" / "prenoms"


def alias_bomb(folder: Path) -> Path:
    """About 1 KB: nine aliases of nine aliases… (9**9 values once expanded)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join(f"*a{i - 1}" for _ in range(9))
        lines.append(f"a{i}: &a{i} [{refs}]")
    text = "id: bombe\ntitle: Bombe\n" + "\n".join(lines) + "\n"
    return _scenario(folder, "bombe", text)


def big_yaml(folder: Path, keys: int = 5_000_000) -> Path:
    """About 50 MB: ``keys`` distinct keys in one mapping."""
    target = folder / "gros" / "scenario.yaml"
    target.parent.mkdir(parents=True)
    with target.open("w", encoding="utf-8") as f:
        f.write("id: gros\n")
        chunk = []
        for i in range(keys):
            chunk.append(f"k{i:07d}: 1\n")
            if len(chunk) == 100_000:
                f.write("".join(chunk))
                chunk.clear()
        f.write("".join(chunk))
    return target.parent


def deep_yaml(folder: Path, name: str, depth: int) -> Path:
    """``[[[[…]]]]`` nested ``depth`` times (libyaml itself stops at 1,000 levels)."""
    return _scenario(folder, name, f"id: {name}\nsteps: " + "[" * depth + "]" * depth + "\n")


def big_dataset_pack(folder: Path, megabytes: float = 14.7) -> Path:
    """The shipped ``prenoms`` scenario zipped with its dataset grown to ``megabytes`` (valid rows added)."""
    src = PRENOMS / "data" / "prenoms-rennes.csv"
    data = src.read_bytes()
    row = b"Rennes,35238,F,Camille,12,2016\n"
    missing = int(megabytes * 1_000_000) - len(data)
    body = data if data.endswith(b"\n") else data + b"\n"
    body += row * max(0, missing // len(row))
    pack = folder / "gros-fichier.zip"
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(PRENOMS.rglob("*")):
            if p.is_file():
                arc = "prenoms/" + p.relative_to(PRENOMS).as_posix()
                z.writestr(arc, body if p == src else p.read_bytes())
    return pack


def _scenario(folder: Path, name: str, text: str) -> Path:
    target = folder / name
    target.mkdir()
    (target / "scenario.yaml").write_text(text, encoding="utf-8")
    return target


def _size(target: Path) -> int:
    """Bytes on disk, a pack's uncompressed."""
    if target.is_dir():
        return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    with zipfile.ZipFile(target) as z:
        return sum(i.file_size for i in z.infolist())


def check(code: Path, target: Path, data_dir: Path, timeout: float, memory_mb: int) -> tuple[float, float, str]:
    """Seconds, peak resident MB, first problem (or why it ended)."""
    def cap() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.setsid()

    env = dict(os.environ, EXPLORATEURS_DATA_DIR=str(data_dir), SDL_AUDIODRIVER="dummy")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "game", "check", "--format", "json", str(target)], cwd=code,
                                env=env, stdout=out, stderr=err, preexec_fn=cap)
        verdict = ""
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _pid, status, usage = os.wait4(proc.pid, 0)
                verdict = f"killed after {timeout:.0f} s"
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    peak = usage.ru_maxrss / 1024
    if not verdict:
        try:
            items = json.loads(stdout)
            verdict = f"{items[0]['file']}:{items[0]['line']}:{items[0]['column']} {items[0]['message']}" if items else "OK"
        except (ValueError, IndexError, KeyError):
            lines = stderr.decode("utf-8", "replace").strip().splitlines()
            verdict = f"exit {proc.returncode}: " + (lines[-1] if lines else "?")
    return elapsed, peak, verdict[:160]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout to run (an older one measures 'before')")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--memory-mb", type=int, default=3000)
    ap.add_argument("--skip-big", action="store_true", help="without the 50 MB YAML")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        data_dir = tmp / "donnees"
        data_dir.mkdir()
        cases = [("shipped prenoms (baseline)", PRENOMS), ("alias bomb (1 KB)", alias_bomb(tmp)),
                 ("deep nesting (990 levels)", deep_yaml(tmp, "profond", 990)),
                 ("deep nesting (100,000 levels)", deep_yaml(tmp, "tres-profond", 100_000)),
                 ("pack, 14.7 MB dataset", big_dataset_pack(tmp))]
        if not args.skip_big:
            cases.append(("50 MB YAML, 5 M keys", big_yaml(tmp)))
        base = None
        for name, target in cases:
            size = _size(target)
            elapsed, peak, verdict = check(args.code.resolve(), target, data_dir, args.timeout, args.memory_mb)
            base = base or elapsed
            print(f"{name:32} {size / 1e6:8.2f} MB  {elapsed:7.2f} s ({elapsed / base:6.1f}× baseline)  "
                  f"peak RSS ≤ {peak:7.0f} MB  {verdict}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
