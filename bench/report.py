"""Time the group report of a workshop (20 learners × 3 scenarios by default; printed, never asserted).

The statements are generated with the real builders from the shipped scenarios (``prenoms``,
``subventions``, ``hackathon``: ``game.report.sample``), written as JSONL text as a desk exports them,
then the report is built (``build_report``) and rendered (``render_html`` + ``render_csv``).
Baseline, measured in the same run: parsing the same JSONL text with ``json.loads`` — the least any
report from imported files must do. Target: ≤ 2 s for the report.

    .venv/bin/python bench/report.py [--learners 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reuse_query import best  # noqa: E402  (bench/ is on sys.path: the script's own folder)

from game.core.report import build_report  # noqa: E402
from game.i18n import Translator  # noqa: E402
from game.report import render_csv, render_html  # noqa: E402
from game.report.sample import PSEUDONYMS, workshop  # noqa: E402
from game.storage.scenarios import load_framework, load_scenario  # noqa: E402

SCENARIOS = ("prenoms", "subventions", "hackathon")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    scenarios = {sid: load_scenario(ROOT / "scenarios" / sid).scenario for sid in SCENARIOS}
    fw, _problems = load_framework()
    learners = [PSEUDONYMS[i % len(PSEUDONYMS)] + ("" if i < len(PSEUDONYMS) else f" {i}") for i in range(args.learners)]
    stmts = workshop(list(scenarios.values()), learners, group="BENCH")
    jsonl = "\n".join(json.dumps(s, ensure_ascii=False) for s in stmts)
    tr = Translator("fr")
    print(f"workshop: {len(learners)} learners × {len(scenarios)} scenarios, {len(stmts):,} statements, "
          f"{len(jsonl) / 1e6:.1f} MB of JSONL")

    def parse() -> list[dict[str, Any]]:
        return [json.loads(line) for line in jsonl.splitlines()]

    parsed = parse()

    def build() -> Any:
        return build_report(parsed, fw, scenarios=scenarios, group="bench", generated_at="2026-03-12T17:00:00Z")

    report = build()
    html, csv = render_html(report, tr), render_csv(report, tr)
    base = best(parse, args.repeat)
    t_build = best(build, args.repeat)
    t_html = best(lambda: render_html(report, tr), args.repeat)
    t_csv = best(lambda: render_csv(report, tr), args.repeat)
    t_all = best(lambda: (render_html(r := build(), tr), render_csv(r, tr)), args.repeat)
    print(f"{'step':<36} {'time':>10} {'× baseline':>11}")
    for label, t in [("baseline: json.loads of the JSONL", base), ("build_report", t_build), ("render_html", t_html),
                     ("render_csv", t_csv), ("report (build + HTML + CSV)", t_all)]:
        print(f"{label:<36} {t * 1000:>7.1f} ms {t / base:>10.2f}×")
    print(f"output: HTML {len(html) / 1000:.0f} kB, CSV {len(csv) / 1000:.0f} kB, {len(report.participants)} participants, "
          f"{len(report.needs)} competencies to work on; target ≤ 2000 ms: {t_all * 1000:.0f} ms")


if __name__ == "__main__":
    main()
