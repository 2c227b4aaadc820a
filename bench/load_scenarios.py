"""Loading and checking every shipped scenario (YAML with marks, JSON Schema, model, framework,
translations), against a baseline that only parses the same files with libyaml.

    .venv/bin/python bench/load_scenarios.py [--runs 20]

Target: ≤ 150 ms for the whole check.
"""

from __future__ import annotations

import argparse
import statistics
import time

import yaml

from game.storage import scenarios as sc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    dirs = [sc.builtin_scenarios_dir()]
    files = sc.discover(dirs) + sorted((sc.builtin_scenarios_dir() / "frameworks").glob("*.yaml"))
    t0 = time.perf_counter()
    loaded = sc.load_all(dirs)  # first call also builds the JSON Schema validator
    first = time.perf_counter() - t0
    full, base = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        sc.load_all(dirs)
        full.append(time.perf_counter() - t0)
    fm, bm = statistics.median(full), statistics.median(base)
    lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)
    print(f"{len(loaded)} scenario(s), {len(files)} YAML files, {lines} lines; valid: {sum(x.valid for x in loaded)}")
    print(f"first load and check (cold validator) : {first * 1000:7.1f} ms")
    print(f"load and check, warm (median)         : {fm * 1000:7.1f} ms   (target ≤ 150 ms)")
    print(f"baseline: libyaml parse only (median)  : {bm * 1000:7.1f} ms")
    print(f"ratio check / parse                    : {fm / bm:7.2f}×")


if __name__ == "__main__":
    main()
