"""Loading and checking every shipped scenario (YAML with marks, JSON Schema, model, framework,
translations), against a baseline that only parses the same files with libyaml.

    .venv/bin/python bench/load_scenarios.py [--runs 20] [--pack-rows 50000]

Target: ≤ 150 ms for the whole check.

Then the game's library as it loads on its worker thread (``LibraryLoad``): a pack holding the
shipped ``prenoms`` scenario with its dataset grown to ``--pack-rows`` rows (the limit by default),
its load time, and what a 60 fps frame loop on the main thread sees meanwhile (frames, longest
pause), against the same loop with nothing loading.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

from game.storage import library
from game.storage import scenarios as sc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--pack-rows", type=int, default=50_000, help="rows of the pack's dataset (0: skip)")
    args = ap.parse_args()
    dirs = [sc.builtin_scenarios_dir()]
    files = library.discover(dirs) + sorted((sc.builtin_scenarios_dir() / "frameworks").glob("*.yaml"))
    t0 = time.perf_counter()
    loaded = library.load_all(dirs)  # first call also builds the JSON Schema validator
    first = time.perf_counter() - t0
    full, base = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        library.load_all(dirs)
        full.append(time.perf_counter() - t0)
    fm, bm = statistics.median(full), statistics.median(base)
    lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)
    print(f"{len(loaded)} scenario(s), {len(files)} YAML files, {lines} lines; valid: {sum(x.valid for x in loaded)}")
    print(f"first load and check (cold validator) : {first * 1000:7.1f} ms")
    print(f"load and check, warm (median)         : {fm * 1000:7.1f} ms   (target ≤ 150 ms)")
    print(f"baseline: libyaml parse only (median)  : {bm * 1000:7.1f} ms")
    print(f"ratio check / parse                    : {fm / bm:7.2f}×")
    if args.pack_rows:
        library_on_worker(args.pack_rows)


def frames_while(busy, seconds: float | None = None) -> tuple[int, float, float]:
    """A 60 fps loop on this thread while ``busy()`` (or for ``seconds``): frames, longest pause, time."""
    frames, longest, t0 = 0, 0.0, time.perf_counter()
    last = t0
    while busy() if seconds is None else time.perf_counter() - t0 < seconds:
        time.sleep(1 / 60)
        now = time.perf_counter()
        longest, last, frames = max(longest, now - last), now, frames + 1
    return frames, longest, time.perf_counter() - t0


def library_on_worker(rows: int) -> None:
    from game.storage.library import LibraryLoad

    src = sc.builtin_scenarios_dir() / "prenoms"
    tmp = Path(tempfile.mkdtemp(prefix="bench-library-"))
    try:
        csv = (src / "data" / "prenoms-rennes.csv").read_bytes()
        grown = csv + b"Rennes,35238,F,Camille,12,2016\n" * (rows - csv.count(b"\n") + 1)
        pack = tmp / "gros.zip"
        with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(src.rglob("*")):
                if p.is_file():
                    z.writestr("prenoms/" + p.relative_to(src).as_posix(), grown if p.name == "prenoms-rennes.csv" else p.read_bytes())
        idle_frames, idle_longest, idle_time = frames_while(lambda: True, 1.0)
        load = LibraryLoad([pack], tmp / "cache").start()
        frames, longest, took = frames_while(lambda: not load.done)
        [item] = load.result()
        print(f"pack with a {len(grown) / 1e6:.1f} MB, {rows}-row dataset, read on the worker: {took:6.2f} s "
              f"({'valid' if item.valid else 'refused: ' + item.problems[0].message.format_source()[:60]})")
        print(f"  main-thread 60 fps loop meanwhile   : {frames / took:5.1f} fps, longest pause {longest * 1000:6.1f} ms")
        print(f"  same loop, nothing loading          : {idle_frames / idle_time:5.1f} fps, longest pause "
              f"{idle_longest * 1000:6.1f} ms   (ratio of pauses {longest / idle_longest:5.1f}×)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
