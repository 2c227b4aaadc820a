"""Parity of the game's Table Schema validator with frictionless on seeded mutated files.

Generates ``--per-schema`` files for every shipped schema and a synthetic one (see
tests/core/tableschema/mutations.py: wrong types, enums, empty required cells, ragged rows, header
variants, BOM, ``;``, CRLF, Windows-1252, quoted line breaks, exotic numbers and dates…) in a
temporary folder, validates each with both, and prints how many (row, field, code) sets are
identical, how many differ in a documented case (schemas/README.md), and the classes of the others.

    .venv/bin/python bench/parity.py [--per-schema 250] [--seed bench] [--game-root DIR]

``--game-root``: validate with another copy of the ``game`` package (for instance the code before a
change, extracted with ``git archive <commit> game | tar -x -C DIR``) to print the rate before.
``--record FILE``: write frictionless's answers (digests) for the test suite
(tests/core/tableschema/test_mutation_parity.py).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-schema", type=int, default=250)
    ap.add_argument("--seed", default="bench")
    ap.add_argument("--game-root", type=Path)
    ap.add_argument("--record", type=Path)
    ap.add_argument("--examples", type=int, default=3, help="differing files shown per class")
    args = ap.parse_args()
    if args.game_root:
        sys.path.insert(0, str(args.game_root.resolve()))
    sys.path.insert(1, str(ROOT))
    import game
    from tests.core.tableschema.mutations import compare, file_digest, fingerprint, generate

    print(f"game package: {Path(game.__file__).parent}")
    identical = documented = 0
    classes: collections.Counter[tuple[str, ...]] = collections.Counter()
    shown: dict[tuple[str, ...], list[str]] = collections.defaultdict(list)
    records = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp), args.per_schema, args.seed)
        for name, path, applied in files:
            mine, theirs, why = compare(path, name)
            records.append({"schema": name, "file": path.name, "digest": file_digest(path),
                            "frictionless": fingerprint(theirs), "documented": why is not None})
            if mine == theirs:
                identical += 1
            elif why:
                documented += 1
            else:
                key = tuple(sorted({c[2] for c in mine ^ theirs}))
                classes[key] += 1
                if len(shown[key]) < args.examples:
                    shown[key].append(f"{path.name} {applied}: only ours {sorted(mine - theirs, key=str)[:3]}, "
                                      f"only frictionless {sorted(theirs - mine, key=str)[:3]}")
    total = len(files)
    print(f"{total} files ({args.per_schema} per schema, seed {args.seed!r}) in {time.perf_counter() - t0:.0f} s")
    print(f"identical (row, field, code) sets: {identical}/{total} = {100 * identical / total:.1f} %")
    print(f"documented differences (frictionless aborts or raises): {documented}")
    print(f"parity outside documented cases: {identical}/{total - documented} = "
          f"{100 * identical / max(1, total - documented):.1f} %")
    for key, count in classes.most_common():
        print(f"  {count:5d} differ on {', '.join(key)}")
        for line in shown[key]:
            print(f"        {line}")
    if args.record:
        args.record.write_text(json.dumps({"seed": args.seed, "per_schema": args.per_schema, "files": records},
                                          indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"recorded {len(records)} answers in {args.record}")


if __name__ == "__main__":
    main()
