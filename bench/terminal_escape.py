"""Cost of escaping control characters in what the command line prints (printed, never asserted).

``records export`` without ``-o`` writes JSON Lines to the terminal through
:class:`game.cli.terminal.EscapingStream`. Measured here: writing a workshop's statements (20 learners ×
3 scenarios, real builders) as JSONL bytes to an in-memory stdout, raw (the baseline, same run) and
through the escaping stream.

    .venv/bin/python bench/terminal_escape.py [--learners 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reuse_query import best  # noqa: E402  (bench/ is on sys.path: the script's own folder)

from game.cli.terminal import EscapingStream  # noqa: E402
from game.report.sample import PSEUDONYMS, workshop  # noqa: E402
from game.storage.records import write_jsonl  # noqa: E402
from game.storage.scenarios import load_scenario  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--learners", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder = ROOT / "scenarios"
    scenarios = [load_scenario(folder / name).scenario for name in ("prenoms", "subventions", "hackathon")]
    names = [PSEUDONYMS[i % len(PSEUDONYMS)] + str(i) for i in range(args.learners)]
    statements = workshop(scenarios, names)

    def raw() -> None:
        write_jsonl(statements, io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))

    def escaped() -> None:
        write_jsonl(statements, EscapingStream(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")))

    size = io.BytesIO()
    write_jsonl(statements, size)
    base, esc = best(raw, args.repeat), best(escaped, args.repeat)
    print(f"{len(statements)} relevés, {size.tell() / 1e6:.1f} Mo de JSONL")
    print(f"écriture brute       : {base * 1000:.1f} ms")
    print(f"avec échappements    : {esc * 1000:.1f} ms  (×{esc / base:.2f})")


if __name__ == "__main__":
    main()
