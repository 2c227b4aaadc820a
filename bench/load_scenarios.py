"""The game's library before the first frame, against a baseline that only parses the same files
with libyaml, measured in the same run.

    .venv/bin/python bench/load_scenarios.py [--runs 20] [--copies 8] [--pack-rows 50000]

- **library** (after): what the game loads, ``game.authoring.library.load_library``: each scenario
  read back as it was built the last time its files were the same (``storage.loaded_cache``), or
  read, validated and built (then kept) when they changed; no shipped reference replayed, a user
  scenario's deep checks from the cache keyed by its content. Target: ≤ 50 ms warm for the shipped
  scenarios.
- **no cache** (before): the same library with every scenario read, validated and built at each
  start (what the library did before ``storage.loaded_cache``).
- **check**: the same load with every reference path replayed (``game.authoring.check``), what
  the library did before the authoring checks left the load path, and what ``explorateurs check``
  still does.
- cold: the first load in a fresh process (imports, JSON Schema validator), median of 3 interleaved
  runs: with the library's cache filled by an earlier start, with an empty one (a first start: built
  and kept), without it; warm: the median of ``--runs`` loads in this one.
- growth: ``--copies`` user copies of ``prenoms`` added to the library (caches warm): the time each
  adds, against the time libyaml takes to parse one.

Then the game's library as it loads on its worker thread (``LibraryLoad``): a pack holding the
shipped ``prenoms`` scenario with its dataset grown to ``--pack-rows`` rows (the limit by default),
its load time the first time (checked on the worker) and the next (from the cache), and what a 60 fps
frame loop on the main thread sees meanwhile (frames, longest pause), against the same loop with
nothing loading.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's game, whatever the venv has installed

from game.storage import library  # noqa: E402
from game.storage import scenarios as sc  # noqa: E402


def _median(fn, runs: int) -> float:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def _parse(files: list[Path]) -> None:
    for f in files:
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


_LOADERS = {
    "library": "from game.authoring.library import load_library as f; ",
    "no cache": "from game.storage.library import load_library as g; from game.authoring.library import CachedChecks; "
                "f = lambda d: g(d, deep=CachedChecks()); ",
    "check": "from game.authoring.check import load_all as f; ",
}


def _no_cache(dirs: list[Path]) -> list:
    """The library as it loaded before ``storage.loaded_cache``: every scenario built at each start."""
    from game.authoring.library import CachedChecks

    return library.load_library(dirs, deep=CachedChecks())


def _cold(what: str, data: Path) -> float:
    """The first load of the shipped scenarios in a fresh process (seconds), ``data`` its data folder."""
    code = ("import time, pathlib; t0 = time.perf_counter(); " + _LOADERS[what]
            + "from game.storage.scenarios import builtin_scenarios_dir as b; f([b()]); "
            + "print(time.perf_counter() - t0)")
    env = {**os.environ, "EXPLORATEURS_DATA_DIR": str(data)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                         cwd=ROOT)
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--copies", type=int, default=8, help="user copies of prenoms for the growth (0: skip)")
    ap.add_argument("--pack-rows", type=int, default=50_000, help="rows of the pack's dataset (0: skip)")
    args = ap.parse_args()
    from game.authoring.check import load_all as check_all
    from game.authoring.library import load_library

    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    os.environ["EXPLORATEURS_DATA_DIR"] = str(tmp / "donnees")  # the caches: not the user's
    try:
        dirs = [sc.builtin_scenarios_dir()]
        files = library.discover(dirs) + sorted((sc.builtin_scenarios_dir() / "frameworks").glob("*.yaml"))
        _cold("library", tmp / "chaud")  # an earlier start filled this data folder's cache
        colds = [(_cold("library", tmp / "chaud"), _cold("library", tmp / f"vide-{i}"), _cold("no cache", tmp / "froid"),
                  _cold("check", tmp / "froid")) for i in range(3)]  # interleaved
        cold_hit, cold_first, cold_none, cold_check = (statistics.median(c) for c in zip(*colds, strict=True))
        loaded = load_library(dirs)
        assert loaded == _no_cache(dirs), "the library read back differs from the library built"
        bm = _median(lambda: _parse(files), args.runs)
        lib = _median(lambda: load_library(dirs), args.runs)
        none = _median(lambda: _no_cache(dirs), args.runs)
        chk = _median(lambda: check_all(dirs), args.runs)
        lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)
        print(f"{len(loaded)} shipped scenario(s), {len(files)} YAML files, {lines} lines; valid: {sum(x.valid for x in loaded)}")
        print(f"baseline: libyaml parse only (median)          : {bm * 1000:7.1f} ms")
        print(f"library, warm, cache hit (median)     after    : {lib * 1000:7.1f} ms   ({lib / bm:5.2f}× parse; target ≤ 50 ms)")
        print(f"library, warm, no cache (median)      before   : {none * 1000:7.1f} ms   ({none / bm:5.2f}× parse)")
        print(f"check (every reference replayed), warm         : {chk * 1000:7.1f} ms   ({chk / bm:5.2f}× parse)")
        print(f"library, cold, cache hit (fresh process) after : {cold_hit * 1000:7.1f} ms   ({cold_hit / bm:5.2f}× parse)")
        print(f"library, cold, first start (empty cache)       : {cold_first * 1000:7.1f} ms   ({cold_first / bm:5.2f}× parse)")
        print(f"library, cold, no cache               before   : {cold_none * 1000:7.1f} ms   ({cold_none / bm:5.2f}× parse)")
        print(f"check, cold (fresh process)                    : {cold_check * 1000:7.1f} ms   ({cold_check / bm:5.2f}× parse)")
        print(f"after / before: warm {lib / none:5.2f}×, cold {cold_hit / cold_none:5.2f}×")
        parts(files[:len(loaded)], bm, args.runs)
        if args.copies:
            growth(dirs, tmp / "scenarios", args.copies, args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.pack_rows:
        library_on_worker(args.pack_rows)


def parts(files: list[Path], parse: float, runs: int) -> None:
    """Where the warm library time goes, each part timed alone on the shipped scenario files."""
    from game.storage.scenarios import _validator
    from game.storage.translations import read_catalogs
    from game.storage.yamlfile import read_yaml

    docs = [read_yaml(f, f.name)[0] for f in files]
    marks = _median(lambda: [read_yaml(f, f.name) for f in files], runs)
    schema = _median(lambda: [list(_validator().iter_errors(d.data)) for d in docs], runs)
    po = _median(lambda: [read_catalogs(f.parent, f.name) for f in files], runs)
    print("  of which (each part alone, warm):")
    print(f"    YAML with node marks                     : {marks * 1000:7.1f} ms   ({marks / parse:5.2f}× parse)")
    print(f"    JSON Schema validation (jsonschema)      : {schema * 1000:7.1f} ms   ({schema / parse:5.2f}× parse)")
    print(f"    translation catalogs (babel)             : {po * 1000:7.1f} ms   ({po / parse:5.2f}× parse)")


def growth(dirs: list[Path], user: Path, copies: int, runs: int) -> None:
    """What each user scenario added to the library costs, caches warm, against parsing its file."""
    from game.authoring.library import load_library

    src = sc.builtin_scenarios_dir() / "prenoms"
    for k in range(copies):
        shutil.copytree(src, user / f"copie-{k}")
        f = user / f"copie-{k}" / sc.SCENARIO_FILE
        f.write_text(f.read_text(encoding="utf-8").replace("\nid: prenoms\n", f"\nid: copie-{k}\n"), encoding="utf-8")
    assert all(x.valid for x in load_library(dirs + [user])), "the copies do not load"  # checked once: cached
    base = _median(lambda: load_library(dirs), runs)
    more = _median(lambda: load_library(dirs + [user]), runs)
    parse = _median(lambda: _parse([src / sc.SCENARIO_FILE]), runs)
    none_base = _median(lambda: _no_cache(dirs), max(3, runs // 4))
    none_more = _median(lambda: _no_cache(dirs + [user]), max(3, runs // 4))
    per, per_none = (more - base) / copies, (none_more - none_base) / copies
    print(f"growth, {copies} user copies of prenoms (caches warm):")
    print(f"  library after (cache hit), per scenario added : {per * 1000:7.2f} ms   ({per / parse:5.2f}× its libyaml parse)")
    print(f"  library before (no cache), per scenario added : {per_none * 1000:7.2f} ms   ({per_none / parse:5.2f}× its libyaml parse)")
    print(f"  libyaml parse of one scenario file            : {parse * 1000:7.2f} ms")


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
    from game.authoring.library import LibraryLoad

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
        for when in ("first seen (checked on the worker)", "next start (from the cache)"):
            load = LibraryLoad([pack], tmp / "cache", tmp / "verifications").start()
            frames, longest, took = frames_while(lambda load=load: not load.done)
            [item] = load.result()
            print(f"pack with a {len(grown) / 1e6:.1f} MB, {rows}-row dataset, {when}: {took:6.2f} s "
                  f"({'valid' if item.valid else 'refused: ' + item.problems[0].message.format_source()[:60]})")
            print(f"  main-thread 60 fps loop meanwhile   : {frames / took:5.1f} fps, longest pause {longest * 1000:6.1f} ms")
        print(f"  same loop, nothing loading          : {idle_frames / idle_time:5.1f} fps, longest pause "
              f"{idle_longest * 1000:6.1f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
